import nock from 'nock';

import { runNode } from '../harness/engine';

const BASE = 'https://support.example.com';
const INBOX = 'inbX7kP2mQ9wZ';
const SOURCE = '2a7d6b40-8f7e-4f9c-9f4e-0c5a3e1b2d11';
const PUB = `/chatwoot/public/api/v1/inboxes/${INBOX}`;
const TOKEN = 'secret-chatwoot-user-token';
const HMAC_TOKEN = 'inbox-hmac-secret';
// HMAC-SHA256("inbox-hmac-secret", "crm-4711"), computed outside the node (Python's hmac module).
const CRM_HASH = 'ca7b82965816c72d7a684f2711bc695eab8402e69e42224b017f07de47470815';

/** A self-hosted installation below a path, entered with a trailing slash. */
const cred = {
	baseUrl: `${BASE}/chatwoot/`,
	inboxIdentifier: INBOX,
	hmacToken: '',
	apiAccessToken: '',
	accountId: '',
};
const credentials = { chatwootConversationsApi: cred };
const withCred = (extra: Record<string, unknown>) => ({
	chatwootConversationsApi: { ...cred, ...extra },
});

const contactRecord = {
	id: 77,
	name: 'Ana Lima',
	email: 'ana@example.com',
	phone_number: '+5511987654321',
	identifier: 'crm-4711',
	account_id: 5,
};
const publicConversation = (id: number, extra: Record<string, unknown> = {}) => ({
	id,
	uuid: `5c0e5f1a-0000-4000-8000-00000000000${id % 10}`,
	inbox_id: 3,
	contact_last_seen_at: 0,
	status: 'open',
	agent_last_seen_at: 0,
	messages: [],
	contact: contactRecord,
	...extra,
});
const publicMessage = (id: number, conversationId: number, content: string) => ({
	id,
	content,
	message_type: 0,
	content_type: 'text',
	content_attributes: {},
	created_at: 1767225600,
	conversation_id: conversationId,
	sender: { id: 77, name: 'Ana Lima', type: 'contact' },
});
const RAILS_404 = { status: 404, error: 'Not Found' };
/** n8n sends no body at all for an empty object (Chatwoot's conversation create then permits nothing). */
const noBody = (body: unknown) =>
	body === '' ||
	body === undefined ||
	(typeof body === 'object' && body !== null && Object.keys(body).length === 0);

/** The public client API: never an access token header, whatever the credential holds. */
function publicApi() {
	return nock(BASE, { badheaders: ['api-access-token', 'api_access_token', 'authorization'] });
}
function appApi() {
	return nock(BASE, { reqheaders: { 'api-access-token': TOKEN } });
}

/** The query of Chatwoot's contact search (GET …/contacts/search), first page unless given. */
const searchQuery = (q: string, page = 1) => ({
	q,
	include_contact_inboxes: 'true',
	page: String(page),
});

const create = (parameters: Record<string, unknown> = {}) => ({
	resource: 'conversation',
	operation: 'create',
	...parameters,
});
const existing = (parameters: Record<string, unknown> = {}) =>
	create({ contactMode: 'existing', contactIdentifier: SOURCE, ...parameters });

describe('Chatwoot Conversations → Create (public client API)', () => {
	test('creates the contact, the conversation and the first message, in that order, on a self-hosted URL', async () => {
		const order: string[] = [];
		const scope = publicApi()
			.post(`${PUB}/contacts`, {
				name: 'Ana Lima',
				email: 'ana@example.com',
				phone_number: '+5511987654321',
				identifier: 'crm-4711',
				avatar_url: 'https://example.com/ana.png',
				custom_attributes: { plan: 'pro' },
			})
			.reply(
				200,
				() => (
					order.push('contact'),
					{ ...contactRecord, source_id: SOURCE, pubsub_token: 'pubsub' }
				),
			)
			.post(`${PUB}/contacts/${SOURCE}/conversations`, {
				custom_attributes: { order_id: 'A-1001' },
			})
			.reply(200, () => (order.push('conversation'), publicConversation(42)))
			.post(`${PUB}/contacts/${SOURCE}/conversations/42/messages`, {
				content: 'My order has not arrived',
			})
			.reply(
				200,
				() => (order.push('message'), publicMessage(900, 42, 'My order has not arrived')),
			);

		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: create({
				contactFields: {
					name: '={{$json.name}}',
					email: '={{$json.email}}',
					phoneNumber: '+55 11 98765-4321',
					identifier: 'crm-4711',
					avatarUrl: 'https://example.com/ana.png',
					customAttributes: '{"plan": "pro"}',
				},
				message: '={{$json.text}}',
				additionalFields: { customAttributes: { order_id: 'A-1001' } },
			}),
			credentials,
			items: [{ name: 'Ana Lima', email: 'ana@example.com', text: 'My order has not arrived' }],
		});

		expect(error).toBeUndefined();
		scope.done();
		expect(order).toEqual(['contact', 'conversation', 'message']);
		expect(output).toEqual([
			{
				json: {
					conversationId: 42,
					conversationUuid: '5c0e5f1a-0000-4000-8000-000000000002',
					status: 'open',
					inboxId: 3,
					contactId: 77,
					contactIdentifier: SOURCE,
					contactCreated: true,
					messageId: 900,
					// the account comes from the contact record when the credential has none
					conversationUrl: `${BASE}/chatwoot/app/accounts/5/conversations/42`,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('with the inbox HMAC token sends identifier_hash, and never the access token to the public API', async () => {
		const scope = publicApi()
			.post(`${PUB}/contacts`, { identifier: 'crm-4711', identifier_hash: CRM_HASH })
			.reply(200, { ...contactRecord, source_id: SOURCE })
			.post(`${PUB}/contacts/${SOURCE}/conversations`, noBody)
			.reply(200, publicConversation(43));

		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: create({ contactFields: { identifier: 'crm-4711' } }),
			credentials: withCred({ hmacToken: HMAC_TOKEN, apiAccessToken: TOKEN, accountId: '9' }),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			conversationId: 43,
			messageId: null,
			conversationUrl: `${BASE}/chatwoot/app/accounts/9/conversations/43`,
		});
	});

	test('without an identifier no identifier_hash is sent, even with the HMAC token', async () => {
		const scope = publicApi()
			.post(`${PUB}/contacts`, { name: 'Visitor' })
			.reply(200, { id: 78, source_id: SOURCE, name: 'Visitor' })
			.post(`${PUB}/contacts/${SOURCE}/conversations`, noBody)
			.reply(200, publicConversation(44));
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: create({ contactFields: { name: 'Visitor' } }),
			credentials: withCred({ hmacToken: HMAC_TOKEN }),
		});
		expect(error).toBeUndefined();
		scope.done();
	});

	test('an existing contact identifier skips the contact; Chatwoot Cloud is the default base URL', async () => {
		const scope = nock('https://app.chatwoot.com', { badheaders: ['api-access-token'] })
			.post(`/public/api/v1/inboxes/${INBOX}/contacts/${SOURCE}/conversations`, noBody)
			.reply(200, publicConversation(45))
			.post(`/public/api/v1/inboxes/${INBOX}/contacts/${SOURCE}/conversations/45/messages`, {
				content: 'Second question',
			})
			.reply(200, publicMessage(901, 45, 'Second question'));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: existing({ message: 'Second question' }),
			credentials: withCred({ baseUrl: '' }),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			conversationId: 45,
			contactId: 77,
			contactIdentifier: SOURCE,
			contactCreated: false,
			messageId: 901,
			conversationUrl: 'https://app.chatwoot.com/app/accounts/5/conversations/45',
		});
	});

	test('Simplify off outputs contact, conversation and message as Chatwoot sent them', async () => {
		const contact = { ...contactRecord, source_id: SOURCE };
		const scope = publicApi()
			.post(`${PUB}/contacts`)
			.reply(200, contact)
			.post(`${PUB}/contacts/${SOURCE}/conversations`)
			.reply(200, publicConversation(46))
			.post(`${PUB}/contacts/${SOURCE}/conversations/46/messages`)
			.reply(200, publicMessage(902, 46, 'Hi'));
		const { output } = await runNode({
			type: 'chatwoot',
			parameters: create({
				contactFields: { email: 'ana@example.com' },
				message: 'Hi',
				simplify: false,
			}),
			credentials,
		});
		scope.done();
		expect(output[0].json).toEqual({
			contact,
			conversation: publicConversation(46),
			message: publicMessage(902, 46, 'Hi'),
		});
	});
});

describe('Chatwoot Conversations → Create: errors', () => {
	test('an unknown inbox identifier (404 on the contact) names the credential field', async () => {
		const scope = publicApi().post(`${PUB}/contacts`).reply(404, RAILS_404);
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: create({ contactFields: { name: 'A' } }),
			credentials,
		});
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot could not create the contact: no API inbox has the Inbox Identifier of the credential (HTTP 404) [item 0]',
		);
		expect(error?.description).toContain(
			'Inbox Identifier in the Chatwoot Conversations credential',
		);
	});

	test.each([
		[
			'a 500 (Rails hides the HMAC exception)',
			500,
			{ status: 500, error: 'Internal Server Error' },
			'the contact was refused (Internal Server Error); Chatwoot answers this way when identity validation (HMAC) fails',
		],
		[
			'a 401 naming the HMAC',
			401,
			{ error: 'HMAC failed: Invalid Identifier Hash Provided' },
			'identity validation failed (HMAC failed: Invalid Identifier Hash Provided)',
		],
	])(
		'failed identity validation, %s, says to set the HMAC token; the create is not sent again',
		async (_name, status, body, reason) => {
			const scope = publicApi().post(`${PUB}/contacts`).once().reply(status, body);
			const { error } = await runNode({
				type: 'chatwoot',
				parameters: create({ contactFields: { identifier: 'crm-4711' } }),
				credentials,
			});
			scope.done();
			expect(error?.message).toBe(
				`Chatwoot could not create the contact: ${reason} (HTTP ${status}) [item 0]`,
			);
			expect(error?.description).toContain('Inbox HMAC Token');
			expect(error?.description).toContain('Identity Validation');
		},
	);

	test('a failure after the contact was created says how to go on without a second contact', async () => {
		const scope = publicApi()
			.post(`${PUB}/contacts`)
			.reply(200, { ...contactRecord, source_id: SOURCE })
			.post(`${PUB}/contacts/${SOURCE}/conversations`)
			.reply(422, { status: 422, error: 'Unprocessable Entity' });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: create({ contactFields: { name: 'A' } }),
			credentials,
		});
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot could not create the conversation: Unprocessable Entity (HTTP 422) [item 0]',
		);
		expect(error?.description).toContain(`contact source ID "${SOURCE}"`);
		expect(error?.description).toContain('Use an Existing Contact Source ID');
	});

	test('a failed first message says the conversation exists and how to send the message', async () => {
		const scope = publicApi()
			.post(`${PUB}/contacts/${SOURCE}/conversations`)
			.reply(200, publicConversation(47))
			.post(`${PUB}/contacts/${SOURCE}/conversations/47/messages`)
			.once()
			.reply(500, { status: 500, error: 'Internal Server Error' });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: existing({ message: 'Hi' }),
			credentials,
		});
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot could not post the first message: Internal Server Error (HTTP 500) [item 0]',
		);
		expect(error?.description).toMatch(/^Conversation 47 was created .* Message → Send/);
		expect(error?.description).toContain('not sent again');
	});

	test('an unknown contact identifier is told apart from an unknown inbox', async () => {
		const scope = publicApi()
			.post(`${PUB}/contacts/${SOURCE}/conversations`)
			.reply(404, RAILS_404)
			.get(PUB)
			.reply(200, { identifier: INBOX, name: 'API inbox' });
		const { error } = await runNode({ type: 'chatwoot', parameters: existing(), credentials });
		scope.done();
		expect(error?.message).toBe(
			`Chatwoot could not create the conversation: no contact has the source ID "${SOURCE}" in this inbox (HTTP 404) [item 0]`,
		);
		expect(error?.description).toContain('not the numeric contact ID');
	});

	test('429 "Retry later" without headers: waits (exponential backoff) and creates the conversation once', async () => {
		const scope = publicApi()
			.post(`${PUB}/contacts/${SOURCE}/conversations`)
			.reply(429, 'Retry later\n', { 'Content-Type': 'text/plain' })
			.post(`${PUB}/contacts/${SOURCE}/conversations`)
			.once()
			.reply(200, publicConversation(48));
		const started = Date.now();
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: existing(),
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(output).toHaveLength(1);
		expect(output[0].json.conversationId).toBe(48);
	});

	test('429 past the retry cap fails with a rate-limit message', async () => {
		const scope = publicApi()
			.post(`${PUB}/contacts/${SOURCE}/conversations`)
			.once()
			.reply(429, 'Retry later\n');
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: existing({ options: { maxRateLimitRetries: 0 } }),
			credentials,
		});
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot could not create the conversation: Chatwoot\'s rate limiter kept answering "Retry later" (HTTP 429) [item 0]',
		);
		expect(error?.description).toContain('Concurrency');
		expect(error?.description).toContain('RACK_ATTACK_LIMIT');
	});

	test.each([
		['/api/v1', `${BASE}/api/v1`, '/api/v1'],
		['/public/api/v1/ with a slash', `${BASE}/public/api/v1/`, '/public/api/v1'],
	])('a Base URL ending in %s is refused before any request', async (_name, baseUrl, suffix) => {
		const scope = nock(BASE).post(/.*/).reply(200, {});
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: existing(),
			credentials: withCred({ baseUrl }),
		});
		expect(scope.isDone()).toBe(false);
		expect(error?.message).toBe(
			`The Base URL of the Chatwoot Conversations credential ends with ${suffix}: enter the bare installation URL [item 0]`,
		);
		expect(error?.description).toContain(`so that it reads ${BASE}.`);
	});

	const threeItems = [{ text: 'one' }, { text: 'two' }, { text: 'three' }];
	function threeItemMocks() {
		return publicApi()
			.post(`${PUB}/contacts`, (body) => body.name === 'one')
			.reply(200, { id: 1, source_id: 'src-1' })
			.post(`${PUB}/contacts`, (body) => body.name === 'two')
			.reply(404, RAILS_404)
			.post(`${PUB}/contacts`, (body) => body.name === 'three')
			.reply(200, { id: 3, source_id: 'src-3' })
			.post(`${PUB}/contacts/src-1/conversations`)
			.reply(200, publicConversation(1))
			.post(`${PUB}/contacts/src-3/conversations`)
			.reply(200, publicConversation(3));
	}
	const byName = create({ contactFields: { name: '={{$json.text}}' } });

	test('continue on fail (regular output): the failed item becomes an error item, the others are kept', async () => {
		const scope = threeItemMocks();
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: byName,
			credentials,
			items: threeItems,
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(
			output.map((item) => [item.json.conversationId ?? item.json.error, item.pairedItem]),
		).toEqual([
			[1, { item: 0 }],
			[
				'Chatwoot could not create the contact: no API inbox has the Inbox Identifier of the credential (HTTP 404) [item 1]',
				{ item: 1 },
			],
			[3, { item: 2 }],
		]);
	});

	test('continue on fail (error output): the failed item goes to the error output with its pairing', async () => {
		const scope = threeItemMocks();
		const { output, errorOutput } = await runNode({
			type: 'chatwoot',
			parameters: byName,
			credentials,
			items: threeItems,
			onError: 'continueErrorOutput',
		});
		scope.done();
		expect(output.map((item) => [item.json.contactIdentifier, item.pairedItem])).toEqual([
			['src-1', { item: 0 }],
			['src-3', { item: 2 }],
		]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].json.error).toContain('[item 1]');
		expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
	});

	test('a bad item in the middle stops the run before any request, naming the field and the item', async () => {
		const scope = publicApi().post(/.*/).reply(200, {});
		const { error, output } = await runNode({
			type: 'chatwoot',
			parameters: create({ contactFields: { email: '={{$json.email}}' } }),
			credentials,
			items: [{ email: 'a@example.com' }, { email: 'not-an-email' }, { email: 'c@example.com' }],
		});
		expect(output).toEqual([]);
		expect(error?.message).toBe(
			'Contact Fields › Email "not-an-email" is not a valid e-mail address [item 1]',
		);
		expect(scope.isDone()).toBe(false);
	});

	test.each([
		[
			'a local phone number',
			create({ contactFields: { phoneNumber: '0151 1234567' } }),
			'Contact Fields › Phone Number "0151 1234567" is not a phone number in international format',
		],
		[
			'custom attributes that are not JSON',
			create({ contactFields: { customAttributes: '{plan: pro}' } }),
			'Contact Fields › Custom Attributes is not valid JSON',
		],
		[
			'a contact source ID with a slash',
			existing({ contactIdentifier: '../contacts' }),
			'Contact Source ID (This Inbox) "../contacts" is not a contact source ID: it contains "/"',
		],
		[
			'an empty contact source ID',
			existing({ contactIdentifier: ' ' }),
			'Contact Source ID (This Inbox) is required but is empty',
		],
		[
			'a message over 150,000 characters',
			existing({ message: 'x'.repeat(150_001) }),
			'First Message is 150001 characters long; the limit is 150000',
		],
	])('rejects %s before sending', async (_name, parameters, expected) => {
		const scope = nock(BASE).post(/.*/).reply(200, {});
		const { error } = await runNode({ type: 'chatwoot', parameters, credentials });
		expect(error?.message).toContain(expected);
		expect(error?.message).toContain('[item 0]');
		expect(scope.isDone()).toBe(false);
	});
});

describe('Chatwoot Conversations → Message → Send, Conversation → Get and Resolve', () => {
	const target = { contactIdentifier: SOURCE, conversationId: '={{$json.id}}' };

	test('sends a message as the contact', async () => {
		const scope = publicApi()
			.post(`${PUB}/contacts/${SOURCE}/conversations/42/messages`, { content: 'Any news?' })
			.reply(200, publicMessage(903, 42, 'Any news?'));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'message', operation: 'send', ...target, message: 'Any news?' },
			credentials,
			items: [{ id: 42 }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual({
			messageId: 903,
			conversationId: 42,
			contactIdentifier: SOURCE,
			content: 'Any news?',
			messageType: 'incoming',
			createdAt: '2026-01-01T00:00:00.000Z',
		});
	});

	test('gets a conversation with its last message', async () => {
		const conversation = publicConversation(42, {
			status: 'pending',
			messages: [
				publicMessage(1, 42, 'Hello'),
				{ ...publicMessage(2, 42, 'Hi, how can we help?'), message_type: 1 },
			],
		});
		const scope = publicApi()
			.get(`${PUB}/contacts/${SOURCE}/conversations/42`)
			.reply(200, conversation);
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'conversation', operation: 'get', ...target },
			credentials: withCred({ accountId: '5' }),
			items: [{ id: '42' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual({
			conversationId: 42,
			conversationUuid: conversation.uuid,
			status: 'pending',
			inboxId: 3,
			contactId: 77,
			contactIdentifier: SOURCE,
			messagesCount: 2,
			lastMessageId: 2,
			lastMessage: 'Hi, how can we help?',
			lastMessageType: 'outgoing',
			lastMessageAt: '2026-01-01T00:00:00.000Z',
			conversationUrl: `${BASE}/chatwoot/app/accounts/5/conversations/42`,
		});
	});

	test('resolves a conversation (toggle_status)', async () => {
		const scope = publicApi()
			.post(`${PUB}/contacts/${SOURCE}/conversations/42/toggle_status`)
			.reply(200, publicConversation(42, { status: 'resolved' }));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'conversation', operation: 'resolve', ...target },
			credentials,
			items: [{ id: 42 }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			conversationId: 42,
			status: 'resolved',
			contactIdentifier: SOURCE,
		});
	});

	test('resolving is safe to repeat, so a 503 is tried again', async () => {
		const scope = publicApi()
			.post(`${PUB}/contacts/${SOURCE}/conversations/42/toggle_status`)
			.reply(503, { status: 503, error: 'Service Unavailable' })
			.post(`${PUB}/contacts/${SOURCE}/conversations/42/toggle_status`)
			.reply(200, publicConversation(42, { status: 'resolved' }));
		const { output } = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'conversation', operation: 'resolve', ...target },
			credentials,
			items: [{ id: 42 }],
		});
		scope.done();
		expect(output[0].json.status).toBe('resolved');
	});

	test('404s say which of inbox, contact and conversation is unknown', async () => {
		const conversations = `${PUB}/contacts/${SOURCE}/conversations`;
		const scope = publicApi()
			// item 0: the conversation is unknown (inbox and contact exist)
			.get(`${conversations}/404`)
			.reply(404, RAILS_404)
			.get(PUB)
			.once()
			.reply(200, { identifier: INBOX, name: 'API inbox' })
			.get(`${PUB}/contacts/${SOURCE}`)
			.reply(200, { id: 77, source_id: SOURCE });
		const { output } = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'conversation', operation: 'get', ...target },
			credentials,
			items: [{ id: 404 }],
			onError: 'continueRegularOutput',
		});
		scope.done();
		expect(output[0].json.error).toBe(
			'Chatwoot could not get the conversation: the contact has no conversation with the ID 404 in this inbox (HTTP 404) [item 0]',
		);
		expect(output[0].error?.description).toContain(
			"conversation ID shown in Chatwoot's web address",
		);

		const unknownContact = publicApi()
			.post(`${conversations}/42/messages`)
			.reply(404, RAILS_404)
			.get(PUB)
			.reply(200, { identifier: INBOX })
			.get(`${PUB}/contacts/${SOURCE}`)
			.reply(404, RAILS_404);
		const contactRun = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'message', operation: 'send', ...target, message: 'Hi' },
			credentials,
			items: [{ id: 42 }],
		});
		unknownContact.done();
		expect(contactRun.error?.message).toBe(
			`Chatwoot could not send the message: no contact has the source ID "${SOURCE}" in this inbox (HTTP 404) [item 0]`,
		);

		const unknownInbox = publicApi()
			.post(`${conversations}/42/toggle_status`)
			.reply(404, RAILS_404)
			.get(PUB)
			.reply(404, RAILS_404);
		const inboxRun = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'conversation', operation: 'resolve', ...target },
			credentials,
			items: [{ id: 42 }],
		});
		unknownInbox.done();
		expect(inboxRun.error?.message).toBe(
			'Chatwoot could not resolve the conversation: no API inbox has the Inbox Identifier of the credential (HTTP 404) [item 0]',
		);
		expect(inboxRun.error?.description).toContain('Settings → Inboxes');
	});

	test('a conversation ID that is not a number is refused before sending', async () => {
		const scope = nock(BASE).get(/.*/).reply(200, {});
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'get',
				contactIdentifier: SOURCE,
				conversationId: 'abc',
			},
			credentials,
		});
		expect(error?.message).toBe('Conversation must be a whole number, but got "abc" [item 0]');
		expect(scope.isDone()).toBe(false);
	});
});

describe('Chatwoot Conversations → Create as Agent (Application API)', () => {
	const agentCred = withCred({ apiAccessToken: TOKEN, accountId: '5' });
	const ACC = '/chatwoot/api/v1/accounts/5';
	const appConversation = (id: number, extra: Record<string, unknown> = {}) => ({
		meta: {
			sender: { id: 1234, name: 'Ana Lima', type: 'contact' },
			assignee: { id: 7, name: 'Agent' },
			team: { id: 2, name: 'Support' },
		},
		id,
		account_id: 5,
		uuid: `aa00${id}`,
		inbox_id: 3,
		status: 'pending',
		messages: [{ id: 500, content: 'We are on it', message_type: 1 }],
		created_at: 1767225600,
		contact_inbox: { source_id: 'src-app-1' },
		...extra,
	});
	const agent = (parameters: Record<string, unknown> = {}) => ({
		resource: 'conversation',
		operation: 'createAsAgent',
		inboxId: '3',
		contactBy: 'contactId',
		contactId: '1234',
		...parameters,
	});

	test("by contact ID: reuses the contact's identifier in the inbox and sends every field", async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/1234`)
			.reply(200, {
				payload: {
					id: 1234,
					contact_inboxes: [
						{ source_id: 'src-other', inbox: { id: 9 } },
						{ source_id: 'src-app-1', inbox: { id: 3 } },
					],
				},
			})
			.post(`${ACC}/conversations`, {
				source_id: 'src-app-1',
				inbox_id: '3',
				contact_id: '1234',
				message: { content: 'We are on it' },
				status: 'pending',
				assignee_id: '7',
				team_id: '2',
				custom_attributes: { order_id: 'A-1001' },
				additional_attributes: { source: 'n8n' },
			})
			.reply(200, appConversation(61));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: agent({
				message: 'We are on it',
				additionalFields: {
					status: 'pending',
					assigneeId: '7',
					teamId: 2,
					customAttributes: '{"order_id": "A-1001"}',
					additionalAttributes: { source: 'n8n' },
				},
			}),
			credentials: agentCred,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual({
			conversationId: 61,
			conversationUuid: 'aa0061',
			status: 'pending',
			accountId: 5,
			inboxId: 3,
			contactId: 1234,
			contactIdentifier: 'src-app-1',
			assigneeId: 7,
			teamId: 2,
			messageId: 500,
			createdAt: '2026-01-01T00:00:00.000Z',
			conversationUrl: `${BASE}/chatwoot/app/accounts/5/conversations/61`,
		});
	});

	test('by contact ID without an identifier in the inbox: adds the contact to the inbox once for all items', async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/1234`)
			.once()
			.reply(200, { payload: { id: 1234, contact_inboxes: [] } })
			.post(`${ACC}/contacts/1234/contact_inboxes`, { inbox_id: 3 })
			.once()
			.reply(200, { source_id: 'src-new', inbox: { id: 3 } })
			.post(`${ACC}/conversations`, {
				source_id: 'src-new',
				inbox_id: '3',
				contact_id: '1234',
				message: { content: 'one' },
			})
			.reply(200, appConversation(62))
			.post(`${ACC}/conversations`, {
				source_id: 'src-new',
				inbox_id: '3',
				contact_id: '1234',
				message: { content: 'two' },
			})
			.reply(200, appConversation(63));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: agent({ message: '={{$json.text}}' }),
			credentials: agentCred,
			items: [{ text: 'one' }, { text: 'two' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output.map((item) => item.json.conversationId)).toEqual([62, 63]);
	});

	test("by contact identifier, with the node's Account ID instead of the credential's", async () => {
		const scope = appApi()
			.get('/chatwoot/api/v1/accounts/8/contacts/search')
			.query(searchQuery(SOURCE))
			.reply(200, { payload: [] })
			.post('/chatwoot/api/v1/accounts/8/conversations', { source_id: SOURCE, inbox_id: '3' })
			.reply(200, { id: 64, account_id: 8, inbox_id: 3, status: 'open', messages: [] });
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: agent({
				additionalFields: { accountId: '8' },
				contactBy: 'contactIdentifier',
				contactIdentifier: SOURCE,
			}),
			credentials: agentCred,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			conversationId: 64,
			accountId: 8,
			contactIdentifier: SOURCE,
			assigneeId: null,
			messageId: null,
			conversationUrl: `${BASE}/chatwoot/app/accounts/8/conversations/64`,
		});
	});

	test.each([
		[
			'no access token',
			{ apiAccessToken: '' },
			'Create as Agent needs the User Access Token of the Chatwoot Conversations credential [item 0]',
			'Profile Settings → Access Token',
		],
		[
			'no account ID',
			{ accountId: '' },
			'Create as Agent needs an Account ID [item 0]',
			'/app/accounts/',
		],
		[
			'an account ID that is not a number',
			{ accountId: 'acme' },
			'The Account ID "acme" in the Chatwoot Conversations credential is not a number [item 0]',
			'/app/accounts/',
		],
	])('with %s in the credential fails before any request', async (_name, extra, message, hint) => {
		const scope = nock(BASE).get(/.*/).reply(200, {}).post(/.*/).reply(200, {});
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: agent(),
			credentials: withCred({ apiAccessToken: TOKEN, accountId: '5', ...extra }),
		});
		expect(error?.message).toBe(message);
		expect(error?.description).toContain(hint);
		expect(scope.pendingMocks()).toHaveLength(2);
	});

	test.each([
		[401, { error: 'Invalid Access Token' }, 'Invalid Access Token', 'User Access Token'],
		[
			401,
			{ errors: ['You need to sign in or sign up before continuing.'] },
			'the request reached Chatwoot without an access token',
			'proxy',
		],
		[
			401,
			{ error: 'You are not authorized to access this account' },
			'You are not authorized to access this account',
			'Account ID',
		],
		[
			404,
			{ error: 'Resource could not be found' },
			'Resource could not be found',
			'no inbox with the ID 3 in account 5',
		],
		[
			422,
			{ message: 'Inbox is not valid for this conversation', attributes: ['inbox_id'] },
			'Inbox is not valid for this conversation (fields: inbox_id)',
			'Check the fields',
		],
	])('HTTP %i %j says what to fix', async (status, body, reason, hint) => {
		const scope = appApi()
			.get(`${ACC}/contacts/search`)
			.query(searchQuery(SOURCE))
			.reply(200, { payload: [] })
			.post(`${ACC}/conversations`)
			.once()
			.reply(status, body);
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: agent({ contactBy: 'contactIdentifier', contactIdentifier: SOURCE }),
			credentials: agentCred,
		});
		scope.done();
		expect(error?.message).toBe(
			`Chatwoot could not create the conversation: ${reason} (HTTP ${status}) [item 0]`,
		);
		expect(error?.description).toContain(hint);
		expect(JSON.stringify(error)).not.toContain(TOKEN);
	});

	test('an unknown contact ID is reported before anything is created', async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/1234`)
			.reply(404, { error: 'Resource could not be found' });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: agent(),
			credentials: agentCred,
		});
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot could not find the contact: Resource could not be found (HTTP 404) [item 0]',
		);
		expect(error?.description).toContain('no contact with the ID 1234 in account 5');
	});
});

describe('Chatwoot Conversations → unexpected answers', () => {
	test('a contact answer without source_id stops the item before a conversation is attempted', async () => {
		const scope = publicApi().post(`${PUB}/contacts`).reply(200, { id: 1, name: 'A' });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: create({ contactFields: { name: 'A' } }),
			credentials,
		});
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot created the contact but sent no contact source ID (source_id) [item 0]',
		);
	});
});
