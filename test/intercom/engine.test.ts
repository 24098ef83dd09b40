import nock from 'nock';
import { proxyRequestToAxios } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/legacy-request-adapter';
import type { ICredentialTestFunctions, INodeType } from 'n8n-workflow';

import { loadPackage, nodeTypeName, runNode } from '../harness/engine';

const API = 'https://api.intercom.io';
const CONTACT_ID = '6762f0dd1bb69f9f2193bb83';
const credentials = {
	intercomConversationsApi: {
		accessToken: 'secret-intercom-token',
		region: 'https://api.intercom.io',
		baseUrl: '',
		apiVersion: '2.14',
		workspaceId: 'abc123de',
	},
};
const headers = {
	authorization: 'Bearer secret-intercom-token',
	'intercom-version': '2.14',
	accept: 'application/json',
};
const message = (conversationId: string, body = 'Hello') => ({
	type: 'user_message',
	id: `m${conversationId}`,
	created_at: 1734537501,
	body,
	message_type: 'inapp',
	conversation_id: conversationId,
});
const create = (parameters: Record<string, unknown>) => ({
	resource: 'conversation',
	operation: 'create',
	contactBy: 'email',
	contactEmail: '={{$json.email}}',
	body: '={{$json.text}}',
	...parameters,
});
const errorBody = (code: string, text: string, field?: string) => ({
	type: 'error.list',
	request_id: 'req-1',
	errors: [{ code, message: text, ...(field ? { field } : {}) }],
});

function intercom() {
	return nock(API, { reqheaders: headers });
}

describe('Intercom Conversations → Create', () => {
	test('finds the contact by e-mail, creates the conversation and outputs the simplified item', async () => {
		const scope = intercom()
			.post('/contacts/search', {
				query: { field: 'email', operator: '=', value: 'ana@example.com' },
				pagination: { per_page: 150 },
			})
			.reply(200, {
				type: 'list',
				data: [{ type: 'contact', id: CONTACT_ID, role: 'user' }],
				total_count: 1,
			})
			.post('/conversations', {
				from: { type: 'user', id: CONTACT_ID },
				body: 'Deal won, welcome!',
			})
			.reply(200, message('499', 'Deal won, welcome!'));

		const { output, error } = await runNode({
			type: 'intercom',
			parameters: create({}),
			credentials,
			items: [{ email: 'ana@example.com', text: 'Deal won, welcome!' }],
		});

		expect(error).toBeUndefined();
		scope.done();
		expect(output).toEqual([
			{
				json: {
					conversationId: '499',
					messageId: 'm499',
					contactId: CONTACT_ID,
					contactResolvedBy: 'email',
					contactCreated: false,
					contactRole: 'user',
					senderType: 'user',
					createdAt: '2024-12-18T15:58:21.000Z',
					conversationUrl: 'https://app.intercom.com/a/apps/abc123de/conversations/499',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('creates a lead when no contact has the e-mail, once for two items with the same e-mail', async () => {
		const scope = intercom()
			.post('/contacts/search')
			.once()
			.reply(200, { type: 'list', data: [], total_count: 0 })
			.post('/contacts', { role: 'lead', email: 'new@example.com', name: 'New Person' })
			.once()
			.reply(200, { type: 'contact', id: CONTACT_ID, role: 'lead', email: 'new@example.com' })
			.post('/conversations', { from: { type: 'lead', id: CONTACT_ID }, body: 'First' })
			.reply(200, message('1', 'First'))
			.post('/conversations', { from: { type: 'lead', id: CONTACT_ID }, body: 'Second' })
			.reply(200, message('2', 'Second'));

		const { output, error } = await runNode({
			type: 'intercom',
			parameters: create({
				whenNotFound: 'createLead',
				additionalFields: { contactName: 'New Person' },
			}),
			credentials,
			items: [
				{ email: 'new@example.com', text: 'First' },
				{ email: 'new@example.com', text: 'Second' },
			],
		});

		expect(error).toBeUndefined();
		scope.done();
		expect(output.map((item) => item.json.conversationId)).toEqual(['1', '2']);
		expect(
			output.every((item) => item.json.contactCreated === true && item.json.senderType === 'lead'),
		).toBe(true);
	});

	test('finds the contact by external ID; without "create" a missing contact fails the item by name', async () => {
		const scope = intercom()
			.get('/contacts/find_by_external_id/crm-42')
			.reply(200, { type: 'contact', id: CONTACT_ID, role: 'user', external_id: 'crm-42' })
			.post('/conversations', { from: { type: 'user', id: CONTACT_ID }, body: 'Hi' })
			.reply(200, message('7'))
			.get('/contacts/find_by_external_id/crm-404')
			.reply(404, errorBody('not_found', 'User Not Found'))
			.post('/contacts/search', {
				query: { field: 'external_id', operator: '=', value: 'crm-404' },
				pagination: { per_page: 150 },
			})
			.reply(200, { type: 'list', data: [], total_count: 0 });

		const { output } = await runNode({
			type: 'intercom',
			parameters: create({
				contactBy: 'externalId',
				contactExternalId: '={{$json.crm}}',
				body: 'Hi',
			}),
			credentials,
			items: [{ crm: 'crm-42' }, { crm: 'crm-404' }],
			onError: 'continueRegularOutput',
		});

		scope.done();
		expect(output[0].json).toMatchObject({ conversationId: '7', contactResolvedBy: 'externalId' });
		expect(output[1].json.error).toBe('No Intercom contact has the external ID "crm-404" [item 1]');
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});

	test('with a contact ID and a chosen sender type sends one request with every optional field', async () => {
		const scope = intercom()
			.post('/conversations', {
				from: { type: 'contact', id: CONTACT_ID },
				body: 'Your invoice',
				subject: 'Invoice',
				attachment_urls: ['https://example.com/a.png', 'https://example.com/b.pdf'],
				created_at: 1767225600,
			})
			.reply(200, message('88'));

		const { output, error } = await runNode({
			type: 'intercom',
			parameters: create({
				contactBy: 'id',
				contactId: CONTACT_ID,
				body: 'Your invoice',
				additionalFields: {
					senderType: 'contact',
					subject: 'Invoice',
					attachmentUrls: 'https://example.com/a.png,\nhttps://example.com/b.pdf',
					createdAt: '2026-01-01T00:00:00Z',
				},
			}),
			credentials,
		});

		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			conversationId: '88',
			contactResolvedBy: 'id',
			senderType: 'contact',
		});
	});

	test('with a contact ID and "from the contact\'s role" reads the contact first', async () => {
		const scope = intercom()
			.get(`/contacts/${CONTACT_ID}`)
			.reply(200, { type: 'contact', id: CONTACT_ID, role: 'lead' })
			.post('/conversations', { from: { type: 'lead', id: CONTACT_ID }, body: 'Hi' })
			.reply(200, message('5'));

		const { output } = await runNode({
			type: 'intercom',
			parameters: create({ contactBy: 'id', contactId: CONTACT_ID, body: 'Hi' }),
			credentials,
		});
		scope.done();
		expect(output[0].json.senderType).toBe('lead');
	});

	test('uses the EU host, another API version, and outputs the raw response when Simplify is off', async () => {
		const scope = nock('https://api.eu.intercom.io', {
			reqheaders: { ...headers, 'intercom-version': '2.16' },
		})
			.post('/conversations')
			.reply(200, message('11'));

		const { output } = await runNode({
			type: 'intercom',
			parameters: create({
				contactBy: 'id',
				contactId: CONTACT_ID,
				additionalFields: { senderType: 'user' },
				body: 'Hi',
				simplify: false,
			}),
			credentials: {
				intercomConversationsApi: {
					...credentials.intercomConversationsApi,
					region: 'https://api.eu.intercom.io',
					apiVersion: '2.16',
				},
			},
		});
		scope.done();
		expect(output[0].json).toEqual(message('11'));
	});

	test('a custom base URL (proxy) is used without its trailing slash', async () => {
		const scope = nock('https://proxy.example.com', { reqheaders: headers })
			.post('/intercom/conversations')
			.reply(200, message('12'));
		const { output } = await runNode({
			type: 'intercom',
			parameters: create({
				contactBy: 'id',
				contactId: CONTACT_ID,
				additionalFields: { senderType: 'user' },
				body: 'Hi',
			}),
			credentials: {
				intercomConversationsApi: {
					...credentials.intercomConversationsApi,
					region: 'custom',
					baseUrl: 'https://proxy.example.com/intercom/',
				},
			},
		});
		scope.done();
		expect(output[0].json.conversationId).toBe('12');
	});
});

describe('Intercom Conversations → Reply as Contact and Get', () => {
	const conversation = {
		type: 'conversation',
		id: '499',
		title: null,
		state: 'open',
		open: true,
		read: false,
		priority: 'not_priority',
		created_at: 1734537501,
		updated_at: 1734537600,
		admin_assignee_id: null,
		team_assignee_id: '5',
		source: { type: 'conversation', body: 'Hello', subject: '' },
		contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: CONTACT_ID }] },
		conversation_parts: {
			type: 'conversation_part.list',
			total_count: 1,
			conversation_parts: [{ id: 'p1' }],
		},
	};

	test('replies as the contact with attachments', async () => {
		const scope = intercom()
			.post('/conversations/499/reply', {
				message_type: 'comment',
				type: 'user',
				body: 'More details',
				attachment_urls: ['https://example.com/a.png'],
				email: 'ana@example.com',
			})
			.reply(200, conversation);

		const { output, error } = await runNode({
			type: 'intercom',
			parameters: {
				resource: 'conversation',
				operation: 'reply',
				conversationId: '499',
				contactBy: 'email',
				contactEmail: 'ana@example.com',
				body: 'More details',
				additionalFields: { attachmentUrls: 'https://example.com/a.png' },
			},
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual({
			conversationId: '499',
			state: 'open',
			open: true,
			read: false,
			priority: 'not_priority',
			firstMessage: 'Hello',
			contactIds: [CONTACT_ID],
			adminAssigneeId: null,
			teamAssigneeId: '5',
			partsCount: 1,
			lastPartId: 'p1',
			createdAt: '2024-12-18T15:58:21.000Z',
			updatedAt: '2024-12-18T16:00:00.000Z',
			conversationUrl: 'https://app.intercom.com/a/apps/abc123de/conversations/499',
		});
	});

	test('replies by Intercom contact ID and by external ID with the keys Intercom expects', async () => {
		const scope = intercom()
			.post('/conversations/499/reply', {
				message_type: 'comment',
				type: 'user',
				body: 'A',
				intercom_user_id: CONTACT_ID,
			})
			.reply(200, conversation)
			.post('/conversations/499/reply', {
				message_type: 'comment',
				type: 'user',
				body: 'B',
				user_id: 'crm-1',
			})
			.reply(200, conversation);
		const base = { resource: 'conversation', operation: 'reply', conversationId: '499' };
		await runNode({
			type: 'intercom',
			parameters: { ...base, contactBy: 'id', contactId: CONTACT_ID, body: 'A' },
			credentials,
		});
		await runNode({
			type: 'intercom',
			parameters: { ...base, contactBy: 'externalId', contactExternalId: 'crm-1', body: 'B' },
			credentials,
		});
		scope.done();
	});

	test('gets a conversation; an unknown ID says which ID was not found', async () => {
		const scope = intercom()
			.get('/conversations/499')
			.reply(200, conversation)
			.get('/conversations/500')
			.reply(404, errorBody('not_found', 'Resource Not Found'));

		const { output } = await runNode({
			type: 'intercom',
			parameters: { resource: 'conversation', operation: 'get', conversationId: '={{$json.id}}' },
			credentials,
			items: [{ id: '499' }, { id: 500 }],
			onError: 'continueRegularOutput',
		});
		scope.done();
		expect(output[0].json).toMatchObject({ conversationId: '499', teamAssigneeId: '5' });
		expect(output[1].json).toEqual({
			error:
				'Intercom could not get the conversation: Resource Not Found [not_found] (HTTP 404) [item 1]',
		});
		expect(output[1].error?.description).toBe('No Intercom conversation has the ID "500".');
	});
});

describe('Intercom Conversations → errors', () => {
	const byId = create({
		contactBy: 'id',
		contactId: CONTACT_ID,
		additionalFields: { senderType: 'user' },
		body: 'Hi',
	});

	test.each([
		[
			401,
			errorBody('unauthorized', 'Access Token Invalid'),
			'Access Token Invalid [unauthorized] (HTTP 401)',
			'Check the Access Token',
		],
		[
			403,
			errorBody('api_plan_restricted', 'Active subscription needed.'),
			'Active subscription needed. [api_plan_restricted] (HTTP 403)',
			'plan',
		],
		[
			404,
			errorBody('not_found', 'User Not Found'),
			'User Not Found [not_found] (HTTP 404)',
			`no contact with the ID "${CONTACT_ID}"`,
		],
		[
			422,
			errorBody('parameter_invalid', 'Body is required', 'body'),
			'Body is required (field: body) [parameter_invalid] (HTTP 422)',
			'field named',
		],
	])(
		'HTTP %i becomes a message that says what happened and how to fix it',
		async (status, body, reason, hint) => {
			const scope = intercom().post('/conversations').reply(status, body);
			const { error, output } = await runNode({ type: 'intercom', parameters: byId, credentials });
			scope.done();
			expect(output).toEqual([]);
			expect(error?.message).toBe(`Intercom could not create the conversation: ${reason} [item 0]`);
			expect(error?.description).toContain(hint);
			expect(JSON.stringify(error)).not.toContain('secret-intercom-token');
		},
	);

	test('429 with Retry-After waits and succeeds; the create is sent once more, not duplicated', async () => {
		const scope = intercom()
			.post('/conversations')
			.reply(429, errorBody('rate_limit_exceeded', 'Rate limit exceeded'), { 'Retry-After': '1' })
			.post('/conversations')
			.reply(200, message('30'));
		const started = Date.now();
		const { output, error } = await runNode({ type: 'intercom', parameters: byId, credentials });
		expect(error).toBeUndefined();
		scope.done();
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(output[0].json.conversationId).toBe('30');
	});

	test('429 with X-RateLimit-Reset waits until the reset time (whole seconds: probed from a second before)', async () => {
		const reset = Math.ceil(Date.now() / 1000) + 1;
		const scope = intercom()
			.post('/conversations')
			.reply(429, errorBody('rate_limit_exceeded', 'Rate limit exceeded'), {
				'X-RateLimit-Limit': '166',
				'X-RateLimit-Remaining': '0',
				'X-RateLimit-Reset': String(reset),
			})
			.post('/conversations')
			.reply(200, message('31'));
		const { output } = await runNode({ type: 'intercom', parameters: byId, credentials });
		scope.done();
		expect(Date.now()).toBeGreaterThanOrEqual(reset * 1000 - 1000 - 50);
		expect(output[0].json.conversationId).toBe('31');
	});

	test('429 past the retry cap fails the item with a rate-limit message', async () => {
		const scope = intercom()
			.post('/conversations')
			.times(2)
			.reply(429, errorBody('rate_limit_exceeded', 'Rate limit exceeded'), { 'Retry-After': '0' });
		const { error } = await runNode({
			type: 'intercom',
			parameters: { ...byId, options: { maxRateLimitRetries: 1 } },
			credentials,
		});
		scope.done();
		expect(error?.message).toBe(
			'Intercom could not create the conversation: Rate limit exceeded [rate_limit_exceeded] (HTTP 429) [item 0]',
		);
		expect(error?.description).toContain('Concurrency');
	});

	test('a 500 on a create is reported, not sent again; a 503 on a read is tried again', async () => {
		const scope = intercom()
			.post('/conversations')
			.once()
			.reply(500, errorBody('server_error', 'Server error'))
			.get('/conversations/1')
			.reply(503, 'unavailable')
			.get('/conversations/1')
			.reply(200, { type: 'conversation', id: '1', state: 'open' });
		const failed = await runNode({ type: 'intercom', parameters: byId, credentials });
		expect(failed.error?.message).toContain('(HTTP 500)');
		expect(failed.error?.description).toContain('not sent again');
		const read = await runNode({
			type: 'intercom',
			parameters: { resource: 'conversation', operation: 'get', conversationId: '1' },
			credentials,
		});
		scope.done();
		expect(read.output[0].json.conversationId).toBe('1');
	});

	const threeItems = [
		{ email: 'a@example.com', text: 'one' },
		{ email: 'b@example.com', text: 'two' },
		{ email: 'c@example.com', text: 'three' },
	];
	function threeItemMocks() {
		return intercom()
			.post('/contacts/search')
			.times(3)
			.reply(200, (_uri, body) => ({
				type: 'list',
				data: [
					{
						type: 'contact',
						id: `${(body as { query: { value: string } }).query.value.charAt(0)}${CONTACT_ID.slice(1)}`,
						role: 'user',
					},
				],
			}))
			.post('/conversations', (body) => body.body === 'one')
			.reply(200, message('1'))
			.post('/conversations', (body) => body.body === 'two')
			.reply(404, errorBody('not_found', 'User Not Found'))
			.post('/conversations', (body) => body.body === 'three')
			.reply(200, message('3'));
	}

	test('continue on fail (regular output): the failed item becomes an error item, the others are kept', async () => {
		const scope = threeItemMocks();
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: create({}),
			credentials,
			items: threeItems,
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output).toHaveLength(3);
		expect(output[0].json.conversationId).toBe('1');
		expect(output[1].json.error).toMatch(
			/^Intercom could not create the conversation: User Not Found \[not_found\] \(HTTP 404\) \[item 1\]$/,
		);
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[2].json.conversationId).toBe('3');
	});

	test('continue on fail (error output): the failed item goes to the error output with its pairing', async () => {
		const scope = threeItemMocks();
		const { output, errorOutput } = await runNode({
			type: 'intercom',
			parameters: create({}),
			credentials,
			items: threeItems,
			onError: 'continueErrorOutput',
		});
		scope.done();
		expect(output.map((item) => [item.json.conversationId, item.pairedItem])).toEqual([
			['1', { item: 0 }],
			['3', { item: 2 }],
		]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].json.error).toContain('[item 1]');
		expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
	});

	test('a bad item in the middle stops the run before any request, naming the field and the item', async () => {
		const scope = intercom().post('/contacts/search').reply(200, { data: [] });
		const { error, output } = await runNode({
			type: 'intercom',
			parameters: create({}),
			credentials,
			items: [threeItems[0], { email: 'not-an-email', text: 'two' }, threeItems[2]],
		});
		expect(output).toEqual([]);
		expect(error?.message).toBe(
			'Contact Email "not-an-email" is not a valid e-mail address [item 1]',
		);
		expect(scope.isDone()).toBe(false);
	});

	test.each([
		['HTML in the message', { body: '<b>Hi</b>' }, 'Message contains HTML'],
		[
			'more than 10 attachment URLs',
			{
				additionalFields: {
					attachmentUrls: Array.from({ length: 11 }, (_, i) => `https://e.com/${i}.png`),
				},
			},
			'Additional Fields › Attachment URLs has 11 URLs; the limit is 10',
		],
		[
			'an attachment that is not a URL',
			{ additionalFields: { attachmentUrls: 'ftp://e.com/x' } },
			'must start with http:// or https://',
		],
		['an empty message', { body: '   ' }, 'Message is required but is empty'],
		[
			'an object as contact ID',
			{ contactBy: 'id', contactId: '={{ {a: 1} }}' },
			'Contact must be text, but got an object',
		],
	])('rejects %s before sending', async (_name, parameters, expected) => {
		const { error } = await runNode({
			type: 'intercom',
			parameters: create({
				contactBy: 'email',
				contactEmail: 'a@example.com',
				body: 'Hi',
				...parameters,
			}),
			credentials,
		});
		expect(error?.message).toContain(expected);
		expect(error?.message).toContain('[item 0]');
	});

	test('Created At needs API version 2.11 or later', async () => {
		const { error } = await runNode({
			type: 'intercom',
			parameters: { ...byId, additionalFields: { createdAt: '2026-01-01T00:00:00Z' } },
			credentials: {
				intercomConversationsApi: { ...credentials.intercomConversationsApi, apiVersion: '2.10' },
			},
		});
		expect(error?.message).toBe(
			"Additional Fields › Created At needs Intercom API version 2.11 or later; the credential's API Version is 2.10 [item 0]",
		);
	});

	test('output order follows input order when later items answer first', async () => {
		const scope = intercom()
			.post('/conversations', (body) => body.body === 'slow')
			.delay(300)
			.reply(200, message('slow'))
			.post('/conversations', (body) => body.body === 'fast')
			.reply(200, message('fast'));
		const { output } = await runNode({
			type: 'intercom',
			parameters: create({
				contactBy: 'id',
				contactId: CONTACT_ID,
				additionalFields: { senderType: 'user' },
			}),
			credentials,
			items: [{ text: 'slow' }, { text: 'fast' }],
		});
		scope.done();
		expect(output.map((item) => [item.json.conversationId, item.pairedItem])).toEqual([
			['slow', { item: 0 }],
			['fast', { item: 1 }],
		]);
	});
});

describe('Intercom credential test (testedBy)', () => {
	// What n8n gives a testedBy method: `request` through n8n-core's axios adapter (1.x and 2.x alike).
	const testFunctions = {
		logger: console,
		helpers: {
			request: async (options: object) =>
				proxyRequestToAxios(undefined, undefined, undefined, options as never),
		},
	} as unknown as ICredentialTestFunctions;

	async function testCredential(data: Record<string, unknown> = {}) {
		const { nodes } = await loadPackage();
		const node = nodes[nodeTypeName('intercom')] as INodeType;
		expect(node.description.credentials).toEqual([
			{ name: 'intercomConversationsApi', required: true, testedBy: 'intercomCredentialTest' },
		]);
		return node.methods!.credentialTest!.intercomCredentialTest.call(testFunctions, {
			id: '1',
			name: 'Intercom',
			type: 'intercomConversationsApi',
			data: { ...credentials.intercomConversationsApi, ...data },
		});
	}

	afterEach(() => nock.cleanAll());

	test('reads /me with the token and the API version the nodes send', async () => {
		const scope = intercom().get('/me').reply(200, { type: 'admin', id: '991267001' });
		expect(await testCredential()).toEqual({ status: 'OK', message: 'Connection successful' });
		scope.done();
	});

	test('a refused token names the Access Token field, in its own words on every n8n version', async () => {
		const scope = nock(API)
			.get('/me')
			.reply(401, errorBody('unauthorized', 'Access Token Invalid'));
		const result = await testCredential({ accessToken: 'wrong-secret-value-1234' });
		scope.done();
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Intercom refused the Access Token');
		expect(result.message).not.toContain('wrong-secret-value-1234');
	});

	test('another status, or no answer, points at the Region or Base URL', async () => {
		const scope = nock('https://intercom-proxy.example.com').get('/me').reply(404, 'Not here');
		const moved = await testCredential({
			region: 'custom',
			baseUrl: 'https://intercom-proxy.example.com/',
		});
		scope.done();
		expect(moved).toEqual({
			status: 'Error',
			message:
				'Intercom could not be reached at the Region or Base URL (https://intercom-proxy.example.com/me) (HTTP 404).',
		});
		const closed = await testCredential({ region: 'custom', baseUrl: 'http://127.0.0.1:9' });
		expect(closed.status).toBe('Error');
		expect(closed.message).toContain('(ECONNREFUSED)');
	});
});
