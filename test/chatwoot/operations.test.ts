import nock from 'nock';

import { buildAgentMessageBody } from '../../nodes/Chatwoot/message/sendAsAgent';
import { runNode } from '../harness/engine';
import { forRequest } from './spec';

// Issue 12 (Chatwoot): the Application API operations on an existing conversation.

const BASE = 'https://support.example.com';
const TOKEN = 'secret-chatwoot-user-token';
const ACC = '/api/v1/accounts/5';
const cred = {
	baseUrl: BASE,
	inboxIdentifier: '',
	hmacToken: '',
	apiAccessToken: TOKEN,
	accountId: '5',
};
const withCred = (extra: Record<string, unknown> = {}) => ({
	chatwootConversationsApi: { ...cred, ...extra },
});
const appApi = () => nock(BASE, { reqheaders: { 'api-access-token': TOKEN } });

/** The message jbuilder of the Application API (api/v1/conversations/partials/_message). */
const agentMessage = (id: number, extra: Record<string, unknown> = {}) => ({
	id,
	content: 'We shipped it today',
	inbox_id: 3,
	conversation_id: 42,
	message_type: 1,
	content_type: 'text',
	status: 'sent',
	content_attributes: {},
	created_at: 1767225600,
	private: false,
	source_id: null,
	sender: { id: 7, name: 'Agent Smith', type: 'user', pubsub_token: 'live-user-pubsub' },
	...extra,
});

const sendAsAgent = (parameters: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'sendAsAgent',
	conversationId: '42',
	message: 'We shipped it today',
	...parameters,
});

describe('Chatwoot Conversations → Message → Send as Agent', () => {
	const validMessage = forRequest(
		'/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages',
		'post',
	);

	test('the body validates against the OpenAPI file (conversation_message_create)', () => {
		const body = buildAgentMessageBody({ message: 'Hi', privateNote: true });
		expect(body).toEqual({ content: 'Hi', message_type: 'outgoing', private: true });
		expect(validMessage(body)).toEqual([]);
		expect(validMessage(buildAgentMessageBody({ message: 'Hi' }))).toEqual([]);
		expect(validMessage({ content: 'Hi', message_type: 'sideways' })).not.toEqual([]);
	});

	test('posts an outgoing message with the access token and outputs its IDs', async () => {
		const scope = appApi()
			.post(`${ACC}/conversations/42/messages`, {
				content: 'We shipped it today',
				message_type: 'outgoing',
				private: false,
			})
			.reply(200, agentMessage(900));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent(),
			credentials: withCred(),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output).toEqual([
			{
				json: {
					messageId: 900,
					conversationId: 42,
					content: 'We shipped it today',
					messageType: 'outgoing',
					private: false,
					senderId: 7,
					attachmentsCount: 0,
					createdAt: '2026-01-01T00:00:00.000Z',
					conversationUrl: `${BASE}/app/accounts/5/conversations/42`,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test("a private note, one per item, in the node's Account ID; Simplify off leaves out the sender's pubsub_token", async () => {
		const scope = appApi()
			.post('/api/v1/accounts/8/conversations/42/messages', {
				content: 'VIP: answer within the hour',
				message_type: 'outgoing',
				private: true,
			})
			.reply(200, agentMessage(901, { content: 'VIP: answer within the hour', private: true }))
			.post('/api/v1/accounts/8/conversations/43/messages', {
				content: 'VIP: answer within the hour',
				message_type: 'outgoing',
				private: true,
			})
			.reply(200, agentMessage(902, { conversation_id: 43, private: true }));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({
				accountId: '8',
				conversationId: '={{ $json.id }}',
				message: 'VIP: answer within the hour',
				privateNote: true,
				simplify: false,
			}),
			credentials: withCred(),
			items: [{ id: 42 }, { id: 43 }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output.map((item) => [item.json.id, item.json.private])).toEqual([
			[901, true],
			[902, true],
		]);
		expect(JSON.stringify(output)).not.toContain('live-user-pubsub');
	});

	test('is not sent again after a 503: the message may exist', async () => {
		const scope = appApi()
			.post(`${ACC}/conversations/42/messages`)
			.once()
			.reply(503, { error: 'Service Unavailable' });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent(),
			credentials: withCred(),
		});
		scope.done();
		expect(error?.message).toContain('Chatwoot could not send the message');
		expect(error?.message).toContain('HTTP 503');
	});

	test('an unknown conversation (404) says which number and account were used', async () => {
		const scope = appApi()
			.post(`${ACC}/conversations/42/messages`)
			.reply(404, { error: 'Resource could not be found' });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent(),
			credentials: withCred(),
		});
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot could not send the message: Resource could not be found (HTTP 404) [item 0]',
		);
		expect(error?.description).toContain('no conversation with the ID 42 in account 5');
	});

	test.each([
		[
			'no access token',
			{ apiAccessToken: '' },
			'Send as Agent needs the User Access Token of the Chatwoot Conversations credential [item 0]',
		],
		['no account ID', { accountId: '' }, 'Send as Agent needs an Account ID [item 0]'],
	])('with %s nothing is sent', async (_name, extra, message) => {
		const scope = nock(BASE).post(/.*/).reply(200, {});
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent(),
			credentials: withCred(extra),
		});
		expect(error?.message).toBe(message);
		expect(scope.pendingMocks()).toHaveLength(1);
		nock.cleanAll();
	});
});

interface ChatwootFake {
	url: string;
	baseUrl: string;
	credentials: Record<string, string>;
	state: { messages: Array<Record<string, unknown>> } & Record<string, unknown>;
	reset(): void;
	close(): Promise<void>;
	payloadFor(event: string, ref: Record<string, unknown>): Record<string, unknown>;
}
const sandbox = require('../sandbox') as {
	startVendorServer(vendor: string, options?: Record<string, unknown>): Promise<ChatwootFake>;
};

describe('Chatwoot Conversations → Send as Agent against the sandbox', () => {
	let fake: ChatwootFake;
	let sandboxCred: ReturnType<typeof withCred>;
	let conversationId: number;
	beforeAll(async () => {
		fake = await sandbox.startVendorServer('chatwoot');
		sandboxCred = withCred({
			baseUrl: fake.baseUrl,
			inboxIdentifier: fake.credentials.inboxIdentifier,
			apiAccessToken: fake.credentials.apiAccessToken,
			accountId: '1',
		});
	});
	afterAll(async () => {
		await fake.close();
	});
	beforeEach(async () => {
		fake.reset();
		const created = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'create',
				contactMode: 'new',
				contactFields: { name: 'Ana Lima', email: 'ana@example.com' },
				message: 'Where is my order?',
			},
			credentials: sandboxCred,
		});
		expect(created.error).toBeUndefined();
		conversationId = created.output[0].json.conversationId as number;
	});

	test("the message is outgoing, from the access token's user: the trigger's own-message filter knows it", async () => {
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({ conversationId: String(conversationId), privateNote: true }),
			credentials: sandboxCred,
		});
		expect(error).toBeUndefined();
		const profile = (await (
			await fetch(`${fake.url}/api/v1/profile`, {
				headers: { api_access_token: fake.credentials.apiAccessToken },
			})
		).json()) as { id: number };
		const payload = fake.payloadFor('message_created', { messageId: output[0].json.messageId });
		// what ChatwootTrigger compares: sender.type "user" and sender.id equal to the profile's id
		expect(payload).toMatchObject({
			message_type: 'outgoing',
			private: true,
			sender: { type: 'user', id: profile.id },
		});
		expect(output[0].json).toMatchObject({
			conversationId,
			messageType: 'outgoing',
			private: true,
		});
	});
});
