import nock from 'nock';

import { loadPackage, nodeTypeName, runNode } from '../harness/engine';

// How Create finds, chooses and creates the contact, with the exact requests Intercom receives.

const API = 'https://api.intercom.io';
const USER_ID = '6762f0dd1bb69f9f2193bb83';
const LEAD_ID = '6762f0dd1bb69f9f2193bb84';
const OLD_LEAD_ID = '6762f0dd1bb69f9f2193bb85';
const credentials = (apiVersion = '2.14') => ({
	intercomConversationsApi: {
		accessToken: 'secret-intercom-token',
		region: API,
		baseUrl: '',
		apiVersion,
		workspaceId: '',
	},
});
const message = (conversationId: string) => ({
	type: 'user_message',
	id: `m${conversationId}`,
	created_at: 1734537501,
	body: 'Hi',
	message_type: 'inapp',
	conversation_id: conversationId,
});
const create = (parameters: Record<string, unknown>) => ({
	resource: 'conversation',
	operation: 'create',
	contactBy: 'email',
	contactEmail: '={{$json.email}}',
	body: 'Hi',
	...parameters,
});
const byExternalId = (parameters: Record<string, unknown> = {}) =>
	create({ contactBy: 'externalId', contactExternalId: '={{$json.crm}}', ...parameters });
const search = (field: string, value: string) => ({
	query: { field, operator: '=', value },
	pagination: { per_page: 150 },
});
const list = (data: object[]) => ({ type: 'list', data, total_count: data.length });
const notFound = { type: 'error.list', errors: [{ code: 'not_found', message: 'User Not Found' }] };

function intercom(apiVersion = '2.14') {
	return nock(API, { reqheaders: { 'intercom-version': apiVersion } });
}

describe('Intercom Create → API version gates (versions compare as numbers, not decimals)', () => {
	test.each(['2.7', '2.9', '2.10'])(
		'Created At with API version %s is refused before any request, naming the credential field',
		async (apiVersion) => {
			const { error } = await runNode({
				type: 'intercom',
				parameters: create({
					contactBy: 'id',
					contactId: USER_ID,
					additionalFields: { senderType: 'user', createdAt: '2026-01-01T00:00:00Z' },
				}),
				credentials: credentials(apiVersion),
			});
			// nock allows no request here: any request would fail with a different message.
			expect(error?.message).toBe(
				`Additional Fields › Created At needs Intercom API version 2.11 or later; the credential's API Version is ${apiVersion} [item 0]`,
			);
			expect(error?.description).toBe(
				'Set "API Version" in the Intercom Conversations credential to 2.11 or later, or remove Created At. Nothing was sent for this item.',
			);
		},
	);

	test('a later item with Created At on 2.9 stops the run before the earlier items send anything', async () => {
		const { error, output } = await runNode({
			type: 'intercom',
			parameters: create({
				contactBy: 'id',
				contactId: USER_ID,
				additionalFields: { senderType: 'user', createdAt: '={{ $json.createdAt }}' },
			}),
			credentials: credentials('2.9'),
			items: [{}, {}, { createdAt: '2026-01-01T00:00:00Z' }],
		});
		// nock allows no request: items 0 and 1 would have created conversations.
		expect(output).toEqual([]);
		expect(error?.message).toBe(
			"Additional Fields › Created At needs Intercom API version 2.11 or later; the credential's API Version is 2.9 [item 2]",
		);
	});

	test('Created At with API version 2.11 is sent', async () => {
		const scope = intercom('2.11')
			.post('/conversations', {
				from: { type: 'user', id: USER_ID },
				body: 'Hi',
				created_at: 1767225600,
			})
			.reply(200, message('1'));
		const { error } = await runNode({
			type: 'intercom',
			parameters: create({
				contactBy: 'id',
				contactId: USER_ID,
				additionalFields: { senderType: 'user', createdAt: '2026-01-01T00:00:00Z' },
			}),
			credentials: credentials('2.11'),
		});
		expect(error).toBeUndefined();
		scope.done();
	});

	test('with API version 2.9 an external ID is searched (find_by_external_id exists from 2.13)', async () => {
		const scope = intercom('2.9')
			.post('/contacts/search', search('external_id', 'crm-9'))
			.reply(200, list([{ type: 'contact', id: USER_ID, role: 'user', external_id: 'crm-9' }]))
			.post('/conversations', { from: { type: 'user', id: USER_ID }, body: 'Hi' })
			.reply(200, message('9'));
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: byExternalId({ whenNotFound: 'createUser' }),
			credentials: credentials('2.9'),
			items: [{ crm: 'crm-9' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			conversationId: '9',
			contactId: USER_ID,
			contactCreated: false,
		});
	});
});

describe('Intercom Create → finding leads by external ID', () => {
	test('a lead (which find_by_external_id does not return) is found by the contacts search and reused', async () => {
		const scope = intercom()
			.get('/contacts/find_by_external_id/crm-7')
			.reply(404, notFound)
			.post('/contacts/search', search('external_id', 'crm-7'))
			.reply(
				200,
				list([{ type: 'contact', id: LEAD_ID, role: 'lead', external_id: 'crm-7', updated_at: 1 }]),
			)
			.post('/conversations', { from: { type: 'lead', id: LEAD_ID }, body: 'Hi' })
			.reply(200, message('7'));
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: byExternalId({ whenNotFound: 'createLead' }),
			credentials: credentials(),
			items: [{ crm: 'crm-7' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			contactId: LEAD_ID,
			contactRole: 'lead',
			contactCreated: false,
			senderType: 'lead',
		});
	});

	test('a search hit whose external ID differs in case is not taken: a new lead is created', async () => {
		const scope = intercom()
			.get('/contacts/find_by_external_id/CRM-7')
			.reply(404, notFound)
			.post('/contacts/search', search('external_id', 'CRM-7'))
			.reply(200, list([{ type: 'contact', id: LEAD_ID, role: 'lead', external_id: 'crm-7' }]))
			.post('/contacts', { role: 'lead', external_id: 'CRM-7' })
			.reply(200, { type: 'contact', id: OLD_LEAD_ID, role: 'lead', external_id: 'CRM-7' })
			.post('/conversations', { from: { type: 'lead', id: OLD_LEAD_ID }, body: 'Hi' })
			.reply(200, message('8'));
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: byExternalId({ whenNotFound: 'createLead' }),
			credentials: credentials(),
			items: [{ crm: 'CRM-7' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({ contactId: OLD_LEAD_ID, contactCreated: true });
	});
});

describe('Intercom Create → 409 conflict on contact creation', () => {
	const conflict = (id: string) => ({
		type: 'error.list',
		request_id: 'req-9',
		errors: [
			{
				code: 'conflict',
				message: `A contact matching those details already exists with id=${id}`,
			},
		],
	});

	test('takes the ID from the 409, reads that contact and creates the conversation', async () => {
		const scope = intercom()
			.post('/contacts/search', search('email', 'late@example.com'))
			.reply(200, list([]))
			.post('/contacts', { role: 'user', email: 'late@example.com' })
			.once()
			.reply(409, conflict(USER_ID))
			.get(`/contacts/${USER_ID}`)
			.reply(200, { type: 'contact', id: USER_ID, role: 'user', email: 'late@example.com' })
			.post('/conversations', { from: { type: 'user', id: USER_ID }, body: 'Hi' })
			.reply(200, message('409'));
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: create({ whenNotFound: 'createUser' }),
			credentials: credentials(),
			items: [{ email: 'late@example.com' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			conversationId: '409',
			contactId: USER_ID,
			contactCreated: false,
			contactRole: 'user',
		});
	});

	test("a 409 without a contact ID still fails the item with Intercom's message", async () => {
		const scope = intercom()
			.post('/contacts/search')
			.reply(200, list([]))
			.post('/contacts')
			.reply(409, {
				type: 'error.list',
				errors: [
					{
						code: 'conflict',
						message:
							'Multiple existing users match this email address - must be more specific using user_id',
					},
				],
			});
		const { error } = await runNode({
			type: 'intercom',
			parameters: create({ whenNotFound: 'createUser' }),
			credentials: credentials(),
			items: [{ email: 'many@example.com' }],
		});
		scope.done();
		expect(error?.message).toBe(
			'Intercom could not create the contact: Multiple existing users match this email address - must be more specific using user_id [conflict] (HTTP 409) [item 0]',
		);
	});
});

describe('Intercom Create → which contact is used when several share an e-mail', () => {
	test.each([
		[
			'the user over a newer lead',
			[
				{ type: 'contact', id: LEAD_ID, role: 'lead', updated_at: 1_800_000_000 },
				{ type: 'contact', id: USER_ID, role: 'user', updated_at: 1_700_000_000 },
			],
			USER_ID,
			'user',
		],
		[
			'the most recently updated lead when there is no user',
			[
				{ type: 'contact', id: OLD_LEAD_ID, role: 'lead', updated_at: 1_700_000_000 },
				{ type: 'contact', id: LEAD_ID, role: 'lead', updated_at: 1_800_000_000 },
			],
			LEAD_ID,
			'lead',
		],
	])('chooses %s and outputs its role', async (_name, contacts, chosenId, role) => {
		const scope = intercom()
			.post('/contacts/search', search('email', 'shared@example.com'))
			.reply(200, list(contacts))
			.post('/conversations', { from: { type: role, id: chosenId }, body: 'Hi' })
			.reply(200, message('1'));
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: create({}),
			credentials: credentials(),
			items: [{ email: 'shared@example.com' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			contactId: chosenId,
			contactRole: role,
			senderType: role,
		});
	});

	test('the rule is stated where the contact is identified, and Subject says it is for e-mail only', async () => {
		const { nodes } = await loadPackage();
		const properties = nodes[nodeTypeName('intercom')].description.properties;
		const lookup = properties.find(
			(property) =>
				property.name === 'contactBy' &&
				property.displayOptions?.show?.operation?.includes('create'),
		);
		expect(lookup?.description).toContain(
			'the user is used; without a user, the most recently updated lead',
		);
		const extra = properties.find(
			(property) =>
				property.name === 'additionalFields' &&
				property.displayOptions?.show?.operation?.includes('create'),
		);
		const subject = (extra?.options as Array<{ name: string; description?: string }>).find(
			(option) => option.name === 'subject',
		);
		expect(subject?.description).toContain('Only applies when the conversation is an e-mail');
	});
});

describe('Intercom Create → per-run contact cache', () => {
	test('external IDs that differ only in case are two contacts', async () => {
		const scope = intercom()
			.get(/\/contacts\/find_by_external_id\/.*/)
			.times(2)
			.reply(404, notFound)
			.post('/contacts/search')
			.times(2)
			.reply(200, list([]))
			.post('/contacts', { role: 'lead', external_id: 'abc' })
			.reply(200, { type: 'contact', id: LEAD_ID, role: 'lead', external_id: 'abc' })
			.post('/contacts', { role: 'lead', external_id: 'ABC' })
			.reply(200, { type: 'contact', id: OLD_LEAD_ID, role: 'lead', external_id: 'ABC' })
			.post('/conversations')
			.times(2)
			.reply(200, (_uri, body) => message((body as { from: { id: string } }).from.id));
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: byExternalId({ whenNotFound: 'createLead' }),
			credentials: credentials(),
			items: [{ crm: 'abc' }, { crm: 'ABC' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output.map((item) => item.json.contactId)).toEqual([LEAD_ID, OLD_LEAD_ID]);
	});

	test('"If Contact Not Found" is part of the key: a failing item does not fail an item that may create', async () => {
		const scope = intercom()
			.post('/contacts/search', search('email', 'new@example.com'))
			.times(2)
			.reply(200, list([]))
			.post('/contacts', { role: 'lead', email: 'new@example.com' })
			.reply(200, { type: 'contact', id: LEAD_ID, role: 'lead' })
			.post('/conversations', { from: { type: 'lead', id: LEAD_ID }, body: 'Hi' })
			.reply(200, message('2'));
		const { output } = await runNode({
			type: 'intercom',
			parameters: create({ whenNotFound: '={{$json.whenNotFound}}' }),
			credentials: credentials(),
			items: [
				{ email: 'new@example.com', whenNotFound: 'fail' },
				{ email: 'new@example.com', whenNotFound: 'createLead' },
			],
			onError: 'continueRegularOutput',
		});
		scope.done();
		expect(output[0].json.error).toBe(
			'No Intercom contact has the e-mail new@example.com [item 0]',
		);
		expect(output[1].json).toMatchObject({ conversationId: '2', contactCreated: true });
	});

	test.each([
		[
			'a 500',
			(scope: nock.Interceptor) =>
				scope.reply(500, {
					type: 'error.list',
					errors: [{ code: 'server_error', message: 'Server Error' }],
				}),
			'Server Error [server_error] (HTTP 500)',
		],
		[
			'a timeout',
			(scope: nock.Interceptor) =>
				scope.delay(1500).reply(200, { type: 'contact', id: LEAD_ID, role: 'lead' }),
			'the request got no answer before the timeout',
		],
	])(
		'two items with the same new contact and %s on the create: one create reaches Intercom, both items fail',
		async (_name, answer, reason) => {
			let creates = 0;
			const base = intercom().post('/contacts/search').times(2).reply(200, list([]));
			// Two interceptors, so that a second create would be answered (and counted) too.
			answer(
				base
					.post('/contacts', () => {
						creates++;
						return true;
					})
					.times(2),
			);
			const { output, error } = await runNode({
				type: 'intercom',
				parameters: create({ whenNotFound: 'createLead', options: { timeoutMs: 1000 } }),
				credentials: credentials(),
				items: [{ email: 'new@example.com' }, { email: 'NEW@example.com' }],
				onError: 'continueRegularOutput',
			});
			expect(error).toBeUndefined();
			// Give a second create the time to arrive, if one were sent.
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(creates).toBe(1);
			expect(output[0].json.error).toBe(
				`Intercom could not create the contact: ${reason} [item 0]`,
			);
			expect(output[1].json.error).toBe(
				`Intercom could not create the contact: ${reason} [item 1]`,
			);
			expect(output[1].error?.description).toContain(
				'Item 0 of this run made this call for the same value and it failed; it was not sent again for item 1',
			);
		},
	);
});
