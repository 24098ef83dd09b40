import nock from 'nock';
import { proxyRequestToAxios } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/legacy-request-adapter';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	INodeType,
} from 'n8n-workflow';

import { loadPackage, nodeTypeName, runNode } from '../harness/engine';

// The loopback Userdesk fake (test/sandbox), for the credential test.
const { startVendorServer } = require('../sandbox');

const API = 'https://api.userdesk.io';
const credentials = {
	userdeskConversationsApi: {
		apiKey: 'secret-userdesk-key',
		chatbotId: 'bot-1',
		baseUrl: 'https://api.userdesk.io/v1',
	},
};
const userdesk = () => nock(API, { reqheaders: { authorization: 'Bearer secret-userdesk-key' } });
const conversationId = '7bb301ad-6c3f-4a2b-9f0e-2d1c3b4a5e6f';

describe('Userdesk Conversations → Create', () => {
	test('creates a conversation with the user and outputs the welcome message', async () => {
		const scope = userdesk()
			.post('/v1/chatbot/bot-1/conversation', {
				userName: 'Ana Lima',
				userEmail: 'ana@example.com',
			})
			.reply(200, { success: true, conversationId, response: 'Hello, how can I help you?' });

		const { output, error } = await runNode({
			type: 'userdesk',
			parameters: {
				resource: 'conversation',
				operation: 'create',
				userName: '={{$json.name}}',
				userEmail: '={{$json.email}}',
			},
			credentials,
			items: [{ name: ' Ana Lima ', email: 'ana@example.com' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output).toEqual([
			{
				json: { conversationId, welcomeMessage: 'Hello, how can I help you?' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('without user fields sends no body; raw output when Simplify is off', async () => {
		const answer = { success: true, conversationId, response: 'Hi' };
		const scope = userdesk()
			.post(
				'/v1/chatbot/bot-1/conversation',
				(body) => body === undefined || Object.keys(body).length === 0,
			)
			.reply(200, answer);
		const { output } = await runNode({
			type: 'userdesk',
			parameters: { resource: 'conversation', operation: 'create', simplify: false },
			credentials,
		});
		scope.done();
		expect(output[0].json).toEqual(answer);
	});

	test('a base URL with a trailing slash and another host works', async () => {
		const scope = nock('http://userdesk.internal:8080', {
			reqheaders: { authorization: 'Bearer secret-userdesk-key' },
		})
			.post('/api/v1/chatbot/bot-1/conversation')
			.reply(200, { success: true, conversationId, response: null });
		const { output } = await runNode({
			type: 'userdesk',
			parameters: { resource: 'conversation', operation: 'create' },
			credentials: {
				userdeskConversationsApi: {
					...credentials.userdeskConversationsApi,
					baseUrl: 'http://userdesk.internal:8080/api/v1/',
				},
			},
		});
		scope.done();
		expect(output[0].json).toEqual({ conversationId, welcomeMessage: null });
	});
});

describe('Userdesk Conversations → Message → Send', () => {
	test('sends the message into a conversation with stream off and outputs the answer', async () => {
		const scope = userdesk()
			.post('/v1/chatbot/bot-1/message', {
				message: 'Where is my order?',
				conversationId,
				stream: false,
				userEmail: 'ana@example.com',
			})
			.reply(200, { success: true, conversationId, response: 'It ships tomorrow.' });
		const { output } = await runNode({
			type: 'userdesk',
			parameters: {
				resource: 'message',
				operation: 'send',
				message: 'Where is my order?',
				conversationId,
				userEmail: 'ana@example.com',
			},
			credentials,
		});
		scope.done();
		expect(output[0].json).toEqual({ conversationId, answer: 'It ships tomorrow.' });
	});

	test('an empty message is rejected before any request', async () => {
		const scope = userdesk().post('/v1/chatbot/bot-1/message').reply(200, {});
		const { error } = await runNode({
			type: 'userdesk',
			parameters: { resource: 'message', operation: 'send', message: '={{$json.text}}' },
			credentials,
			items: [{ text: 'ok' }, { text: null }],
		});
		expect(error?.message).toBe('Message must be text, but got null [item 1]');
		expect(scope.isDone()).toBe(false);
	});
});

describe('Userdesk Conversations → errors', () => {
	const create = { resource: 'conversation', operation: 'create', userEmail: '={{$json.email}}' };

	test.each([
		[
			401,
			{ success: false, message: 'Invalid API key' },
			'Invalid API key (HTTP 401)',
			'Check the API Key',
		],
		[403, {}, 'access to this chatbot is denied (HTTP 403)', 'Check the Chatbot ID'],
		[500, 'Internal Server Error', 'Internal Server Error (HTTP 500)', 'not sent again'],
	])('HTTP %i gives a message and a fix', async (status, body, reason, hint) => {
		const scope = userdesk().post('/v1/chatbot/bot-1/conversation').once().reply(status, body);
		const { error } = await runNode({
			type: 'userdesk',
			parameters: create,
			credentials,
			items: [{ email: 'a@example.com' }],
		});
		scope.done();
		expect(error?.message).toBe(`Userdesk could not create the conversation: ${reason} [item 0]`);
		expect(error?.description).toContain(hint);
	});

	test('continue on fail: the invalid e-mail and the 403 become error items; the rest are created', async () => {
		const scope = userdesk()
			.post('/v1/chatbot/bot-1/conversation', { userEmail: 'a@example.com' })
			.reply(200, { success: true, conversationId: 'c-a', response: '' })
			.post('/v1/chatbot/bot-1/conversation', { userEmail: 'c@example.com' })
			.reply(403, {})
			.post('/v1/chatbot/bot-1/conversation', { userEmail: 'd@example.com' })
			.reply(200, { success: true, conversationId: 'c-d', response: '' });
		const { output, errorOutput } = await runNode({
			type: 'userdesk',
			parameters: create,
			credentials,
			items: [
				{ email: 'a@example.com' },
				{ email: 'b@' },
				{ email: 'c@example.com' },
				{ email: 'd@example.com' },
			],
			onError: 'continueErrorOutput',
		});
		scope.done();
		expect(output.map((item) => [item.json.conversationId, item.pairedItem])).toEqual([
			['c-a', { item: 0 }],
			['c-d', { item: 3 }],
		]);
		expect(errorOutput.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['User Email "b@" is not a valid e-mail address [item 1]', { item: 1 }],
			[
				'Userdesk could not create the conversation: access to this chatbot is denied (HTTP 403) [item 2]',
				{ item: 2 },
			],
		]);
	});

	test('429 without headers backs off and succeeds', async () => {
		const scope = userdesk()
			.post('/v1/chatbot/bot-1/conversation')
			.reply(429, 'Too Many Requests')
			.post('/v1/chatbot/bot-1/conversation')
			.reply(200, { success: true, conversationId, response: 'Hi' });
		const { output } = await runNode({
			type: 'userdesk',
			parameters: create,
			credentials,
			items: [{ email: 'a@example.com' }],
		});
		scope.done();
		expect(output[0].json.conversationId).toBe(conversationId);
	});
});

describe('Userdesk credential test (testedBy)', () => {
	// The functions n8n's credential tester gives a testedBy method: `request` through n8n-core's axios adapter.
	const testFunctions = {
		logger: console,
		helpers: {
			request: async (options: object) =>
				proxyRequestToAxios(undefined, undefined, undefined, options as never),
		},
	} as unknown as ICredentialTestFunctions;

	async function testCredential(
		status: number,
		body: object,
		control = 401,
		data: object = credentials.userdeskConversationsApi,
	) {
		const { nodes } = await loadPackage();
		const node = nodes[nodeTypeName('userdesk')] as INodeType;
		const madeUp = nock(API, {
			reqheaders: { authorization: 'Bearer n8n-credential-test-made-up' },
		})
			.post('/v1/chatbot/bot-1/message', {})
			.reply(control, { success: false });
		const real = userdesk().post('/v1/chatbot/bot-1/message', {}).reply(status, body);
		const result = await node.methods!.credentialTest!.userdeskCredentialTest.call(testFunctions, {
			id: '1',
			name: 'Userdesk',
			type: 'userdeskConversationsApi',
			data: data as ICredentialDataDecryptedObject,
		});
		madeUp.done();
		if (control === 401) real.done();
		nock.cleanAll();
		return result;
	}

	test.each([
		[400, 'OK', 'Connection successful'],
		[422, 'OK', 'Connection successful'],
		[
			401,
			'Error',
			'Userdesk refused the API Key: it is missing, wrong or deleted. Copy it again from Userdesk and paste it into the API Key field.',
		],
		[403, 'Error', 'The API key does not belong to this chatbot: check the Chatbot ID.'],
		[404, 'Error', 'Userdesk has no chatbot with this ID: check the Chatbot ID and the Base URL.'],
	])('answer %i → %s', async (status, expected, message) => {
		expect(await testCredential(status, { success: false })).toEqual({ status: expected, message });
	});

	test('a server that checks the body before the key (400 for any key) cannot pass a wrong key', async () => {
		expect(await testCredential(400, { success: false }, 400)).toEqual({
			status: 'Error',
			message:
				'The Base URL did not refuse a made-up API key (it answered 400), so a key cannot be tested there: check the Base URL.',
		});
	});

	describe('against the Userdesk sandbox fake', () => {
		let server: {
			baseUrl: string;
			credentials: { apiKey: string; chatbotId: string; otherApiKey: string };
			state: { conversations: unknown[]; messages: unknown[] };
			close(): Promise<void>;
		};
		beforeAll(async () => {
			server = await startVendorServer('userdesk');
		});
		afterAll(async () => {
			await server.close();
		});

		test.each([
			[
				'the right key',
				() => server.credentials.apiKey,
				{ status: 'OK', message: 'Connection successful' },
			],
			[
				'a wrong key',
				() => 'wrong-key',
				{
					status: 'Error',
					message:
						'Userdesk refused the API Key: it is missing, wrong or deleted. Copy it again from Userdesk and paste it into the API Key field.',
				},
			],
			[
				'the key of another chatbot',
				() => server.credentials.otherApiKey,
				{
					status: 'Error',
					message: 'The API key does not belong to this chatbot: check the Chatbot ID.',
				},
			],
		])('%s: the expected result, and nothing is created', async (_case, apiKey, expected) => {
			const { nodes } = await loadPackage();
			const node = nodes[nodeTypeName('userdesk')] as INodeType;
			const result = await node.methods!.credentialTest!.userdeskCredentialTest.call(
				testFunctions,
				{
					id: '1',
					name: 'Userdesk',
					type: 'userdeskConversationsApi',
					data: {
						apiKey: apiKey(),
						chatbotId: server.credentials.chatbotId,
						baseUrl: server.baseUrl,
					},
				},
			);
			expect(result).toEqual(expected);
			expect(server.state.conversations).toEqual([]);
			expect(server.state.messages).toEqual([]);
		});
	});
});

describe('Userdesk node description', () => {
	test('Send is an operation of the Message resource, like the other nodes', async () => {
		const { nodes } = await loadPackage();
		const { properties } = (nodes[nodeTypeName('userdesk')] as INodeType).description;
		const resource = properties.find((property) => property.name === 'resource');
		expect(resource?.options).toEqual([
			{ name: 'Conversation', value: 'conversation' },
			{ name: 'Message', value: 'message' },
		]);
		const messageOperations = properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes('message'),
		);
		expect(messageOperations?.options).toEqual([
			expect.objectContaining({
				name: 'Send',
				value: 'send',
				action: 'Send a message to the chatbot',
			}),
		]);
	});
});
