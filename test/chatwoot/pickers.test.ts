import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { runListSearch, runLoadOptions } from '../harness/lists';

// What a value picked From list, typed By ID or pasted By URL does in a run: the IDs the requests
// carry, the account a conversation's address names, and Get and Resolve as the agent.

const BASE = 'https://support.example.com';
const TOKEN = 'secret-chatwoot-user-token';
const INBOX = 'inbX7kP2mQ9wZ';
const SOURCE = '2a7d6b40-8f7e-4f9c-9f4e-0c5a3e1b2d11';
const cred = {
	baseUrl: `${BASE}/chatwoot/`,
	inboxIdentifier: INBOX,
	hmacToken: '',
	apiAccessToken: TOKEN,
	accountId: '5',
};
const credentials = { chatwootConversationsApi: cred };
const withCred = (extra: Record<string, unknown>) => ({
	chatwootConversationsApi: { ...cred, ...extra },
});
const ACC = '/chatwoot/api/v1/accounts/5';
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
/** The conversationUrl output of the node's own operations. */
const conversationAddress = (account: number, id: number) =>
	`${BASE}/chatwoot/app/accounts/${account}/conversations/${id}`;

function appApi() {
	return nock(BASE, { reqheaders: { 'api-access-token': TOKEN } });
}
const agentMessage = { id: 900, content: 'On it', message_type: 1, created_at: 1767225600 };

afterEach(() => nock.cleanAll());

const sendAsAgent = (parameters: INodeParameters) =>
	runNode({
		type: 'chatwoot',
		parameters: { resource: 'message', operation: 'sendAsAgent', message: 'On it', ...parameters },
		credentials,
	});

describe('Conversation: From list, By ID, By URL', () => {
	test.each([
		['From list', rl('list', '42')],
		['By ID', rl('id', '42')],
		['By URL (the conversationUrl output)', rl('url', conversationAddress(5, 42))],
		[
			'By URL, a view of the dashboard',
			rl('url', `${BASE}/chatwoot/app/accounts/5/inbox/3/conversations/42?page=2`),
		],
		['a plain number from an expression', '={{ 42 }}'],
	])('%s reaches conversation 42', async (_mode, conversationId) => {
		const scope = appApi().post(`${ACC}/conversations/42/messages`).reply(200, agentMessage);
		const { error } = await sendAsAgent({ conversationId });
		expect(error).toBeUndefined();
		scope.done();
	});

	test.each([
		['By URL', rl('url', conversationAddress(8, 42))],
		['By ID, given an address', rl('id', conversationAddress(8, 42))],
		[
			'a plain address from an expression (an AI agent may give one)',
			`={{ "${conversationAddress(8, 42)}" }}`,
		],
	])(
		"%s: the address's account is used when the node names none",
		async (_mode, conversationId) => {
			const scope = appApi()
				.post('/chatwoot/api/v1/accounts/8/conversations/42/messages')
				.reply(200, agentMessage);
			const { output, error } = await sendAsAgent({ conversationId });
			expect(error).toBeUndefined();
			scope.done();
			expect(output[0].json.conversationUrl).toBe(conversationAddress(8, 42));
		},
	);

	test("an address of another account than the node's Account is refused before any request", async () => {
		const scope = nock(BASE).post(/.*/).reply(200, agentMessage);
		const { error } = await sendAsAgent({
			conversationId: rl('url', conversationAddress(8, 42)),
			additionalFields: { accountId: rl('list', '5') },
		});
		expect(error?.message).toBe(
			'Conversation is an address in account 8, but Additional Fields › Account is 5 [item 0]',
		);
		expect(error?.description).toBe(
			'Conversation numbers count per account, so the node would reach another conversation. Paste an address of account 5, or leave Account empty to work in account 8. Nothing was sent for this item.',
		);
		expect(scope.isDone()).toBe(false);
	});

	test('an address the node cannot read says where the number is', async () => {
		const { error } = await sendAsAgent({
			conversationId: rl('url', `${BASE}/chatwoot/app/accounts/5/contacts/42`),
		});
		expect(error?.message).toBe(
			`Conversation is not an address the node can read ("${BASE}/chatwoot/app/accounts/5/contacts/42"): the conversation's number follows /conversations/ in a Chatwoot address, such as https://app.chatwoot.com/app/accounts/1/conversations/42 [item 0]`,
		);
	});
});

describe('Inbox, Contact, Agent, Team, Labels in a run', () => {
	test('Create as Agent: the inbox From list, the contact By URL, assignee and team picked', async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/1234`)
			.reply(200, {
				payload: { id: 1234, contact_inboxes: [{ source_id: 'src-1', inbox: { id: 3 } }] },
			})
			.post(`${ACC}/conversations`, {
				source_id: 'src-1',
				inbox_id: '3',
				contact_id: '1234',
				assignee_id: '7',
				team_id: '2',
			})
			.reply(200, { id: 61, account_id: 5, inbox_id: 3, status: 'open', messages: [] });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'createAsAgent',
				inboxId: rl('list', '3'),
				contactBy: 'contactId',
				contactId: rl('url', `${BASE}/chatwoot/app/accounts/5/contacts/1234`),
				additionalFields: {
					assigneeId: rl('list', '7'),
					teamId: rl('url', `${BASE}/chatwoot/app/accounts/5/team/2`),
				},
			},
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
	});

	test('Contact Create: the inbox pasted By URL from its settings page', async () => {
		const scope = appApi()
			.post(`${ACC}/contacts`, { inbox_id: 3, name: 'Ana Lima' })
			.reply(200, {
				payload: {
					contact: { id: 77, name: 'Ana Lima' },
					contact_inbox: { source_id: 's', inbox: { id: 3 } },
				},
			});
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'contact',
				operation: 'create',
				inboxId: rl('url', `${BASE}/chatwoot/app/accounts/5/settings/inboxes/3`),
				name: 'Ana Lima',
			},
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
	});

	test('Assign: the agent From list and the team By ID', async () => {
		const scope = appApi()
			.post(`${ACC}/conversations/42/assignments`, { team_id: 2 })
			.reply(200, { id: 2, name: 'Support' })
			.post(`${ACC}/conversations/42/assignments`, { assignee_id: 7 })
			.reply(200, { id: 7, name: 'Zoe' });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'assign',
				conversationId: rl('list', '42'),
				assigneeId: rl('list', '7'),
				teamId: rl('id', '2'),
			},
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
	});

	test('Set Labels: the labels picked in the multi-select', async () => {
		const scope = appApi()
			.post(`${ACC}/conversations/42/labels`, { labels: ['billing', 'vip'] })
			.reply(200, { payload: ['billing', 'vip'] });
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'setLabels',
				conversationId: '42',
				labels: ['billing', 'vip'],
			},
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({ labels: ['billing', 'vip'], ignoredLabels: [] });
	});

	test('Get Many: inbox, team and labels picked as filters', async () => {
		const scope = appApi()
			.get(`${ACC}/conversations`)
			.query({ status: 'open', page: '1', inbox_id: '3', team_id: '2', labels: 'billing,vip' })
			.reply(200, { data: { payload: [] } });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'search',
				additionalFields: {
					inboxId: rl('list', '3'),
					teamId: rl('list', '2'),
					labels: ['billing', 'vip'],
				},
			},
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
	});
});

describe('Get and Resolve without a Contact Source ID: as the agent', () => {
	const appConversation = {
		id: 42,
		uuid: 'uuid-42',
		status: 'open',
		inbox_id: 3,
		meta: { sender: { id: 77, name: 'Ana Lima' } },
		contact_inbox: { source_id: SOURCE },
		messages: [{ id: 500, content: 'Where is my order?', message_type: 0, created_at: 1767225600 }],
	};
	const asAgent = {
		conversationId: 42,
		conversationUuid: 'uuid-42',
		inboxId: 3,
		contactId: 77,
		contactIdentifier: SOURCE,
		messagesCount: null,
		lastMessageId: 500,
		lastMessage: 'Where is my order?',
		lastMessageType: 'incoming',
		lastMessageAt: '2026-01-01T00:00:00.000Z',
		conversationUrl: conversationAddress(5, 42),
	};
	const run = (operation: string, parameters: INodeParameters = {}, creds = credentials) =>
		runNode({
			type: 'chatwoot',
			parameters: { resource: 'conversation', operation, conversationId: '42', ...parameters },
			credentials: creds,
		});

	test("Get reads the conversation with the access token, with the keys of the contact's Get", async () => {
		const scope = appApi().get(`${ACC}/conversations/42`).reply(200, appConversation);
		const { output, error } = await run('get');
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual({ ...asAgent, status: 'open' });
	});

	test('Resolve reads the conversation, then sets it resolved', async () => {
		const scope = appApi()
			.get(`${ACC}/conversations/42`)
			.reply(200, appConversation)
			.post(`${ACC}/conversations/42/toggle_status`, { status: 'resolved' })
			.reply(200, {
				meta: {},
				payload: { success: true, conversation_id: 42, current_status: 'resolved' },
			});
		const { output, error } = await run('resolve');
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual({ ...asAgent, status: 'resolved' });
	});

	test('Resolve of a conversation the account does not have changes nothing and names it', async () => {
		const scope = appApi()
			.get(`${ACC}/conversations/42`)
			.reply(404, { error: 'Resource could not be found' });
		const { error } = await run('resolve');
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot could not get the conversation: Resource could not be found (HTTP 404) [item 0]',
		);
	});

	test('with a Contact Source ID they act as the contact, without the token', async () => {
		const scope = nock(BASE, { badheaders: ['api-access-token'] })
			.get(`/chatwoot/public/api/v1/inboxes/${INBOX}/contacts/${SOURCE}/conversations/42`)
			.reply(200, { id: 42, status: 'open', messages: [] });
		const { error } = await run('get', { contactIdentifier: SOURCE });
		expect(error).toBeUndefined();
		scope.done();
	});

	test.each(['get', 'resolve'])(
		'%s without a Contact Source ID and without the token is refused before any request',
		async (operation) => {
			const scope = nock(BASE).get(/.*/).reply(200, {});
			const { error } = await run(operation, {}, withCred({ apiAccessToken: '' }));
			expect(error?.message).toBe(
				'Contact Source ID (This Inbox) is empty, and the Chatwoot Conversations credential has no User Access Token [item 0]',
			);
			expect(error?.description).toMatch(/give one of the two\. Nothing was sent for this item\.$/);
			expect(scope.isDone()).toBe(false);
		},
	);
});

describe('against the sandbox: a workspace with 5,000 contacts', () => {
	interface ChatwootFake {
		baseUrl: string;
		credentials: Record<string, string>;
		state: { contacts: unknown[] };
		requestsTo(method: string, path: string | RegExp): Array<{ query: Record<string, string> }>;
		close(): Promise<void>;
	}
	const sandbox = require('../sandbox') as {
		startVendorServer(vendor: string, options?: Record<string, unknown>): Promise<ChatwootFake>;
	};
	let fake: ChatwootFake;
	let sandboxCred: ReturnType<typeof withCred>;
	beforeAll(async () => {
		fake = await sandbox.startVendorServer('chatwoot', { contacts: 5000 });
		sandboxCred = withCred({
			baseUrl: fake.baseUrl,
			inboxIdentifier: fake.credentials.inboxIdentifier,
			apiAccessToken: fake.credentials.apiAccessToken,
			accountId: '1',
		});
	});
	afterAll(async () => fake.close());
	const list = (method: string, extra: { filter?: string; paginationToken?: string } = {}) =>
		runListSearch({
			type: 'chatwoot',
			method,
			credentials: sandboxCred,
			parameters: { resource: 'conversation', operation: 'createAsAgent' },
			...extra,
		});

	test('the contact list pages through all 5,000, 15 at a time; a search finds the last one', async () => {
		const first = await list('searchContacts');
		expect(first.results).toHaveLength(15);
		expect(first.paginationToken).toBe('2');
		const last = await list('searchContacts', { paginationToken: '334' });
		expect(last.results.map((entry) => entry.name)).toEqual([
			'Contact 4996 (contact4996@sandbox.test)',
			'Contact 4997 (contact4997@sandbox.test)',
			'Contact 4998 (contact4998@sandbox.test)',
			'Contact 4999 (contact4999@sandbox.test)',
			'Contact 5000 (contact5000@sandbox.test)',
		]);
		expect(last.paginationToken).toBeUndefined();
		const found = await list('searchContacts', { filter: 'contact4999@' });
		expect(found).toEqual({
			results: [expect.objectContaining({ name: 'Contact 4999 (contact4999@sandbox.test)' })],
		});
	});

	test('an inbox picked from the list, a contact from its search: Create as Agent sends their IDs', async () => {
		const inbox = (await list('searchInboxes')).results.find((entry) =>
			entry.name.startsWith('Sandbox API inbox (API)'),
		);
		const contact = (await list('searchContacts', { filter: 'Contact 0042' })).results[0];
		const labelNames = await runLoadOptions({
			type: 'chatwoot',
			method: 'getLabels',
			credentials: sandboxCred,
		});
		expect(labelNames.map((option) => option.value)).toContain('vip');
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'createAsAgent',
				inboxId: rl('list', String(inbox?.value)),
				contactBy: 'contactId',
				contactId: rl('list', String(contact.value)),
				message: 'Hello from the list',
			},
			credentials: sandboxCred,
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ inboxId: Number(inbox?.value), contactId: 42 });
	});
});
