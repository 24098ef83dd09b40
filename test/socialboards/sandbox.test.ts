import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { runNode } from '../harness/engine';

// The loopback SocialBoards fake (test/sandbox): real HTTP, real form parsing, rotating refresh tokens.
const { startVendorServer } = require('../sandbox');

interface Server {
	url: string;
	baseUrl: string;
	credentials: { clientId: string; refreshToken: string };
	state: {
		requests: Array<{ method: string; path: string; status: number | null; body: unknown }>;
	};
	injectFault(fault: {
		method?: string;
		path?: string | RegExp;
		kind: string;
		times?: number;
	}): unknown;
	close(): Promise<void>;
}

const CREDENTIAL = 'socialBoardsConversationsApi';
let server: Server;

beforeAll(async () => {
	server = await startVendorServer('socialboards', { rotateRefreshToken: true });
});
afterAll(async () => {
	await server.close();
});

test('create for three items, add messages, get; a revoked token is renewed with the rotated refresh token', async () => {
	let stored: ICredentialDataDecryptedObject = {
		accessToken: '',
		clientId: server.credentials.clientId,
		refreshToken: server.credentials.refreshToken,
		tokenUrl: `${server.url}/token`,
		baseUrl: server.baseUrl,
	};

	const created = await runNode({
		type: 'socialBoards',
		parameters: {
			resource: 'conversation',
			operation: 'create',
			authorBy: 'email',
			authorEmail: '={{$json.email}}',
			authorName: '={{$json.name}}',
			sentiment: 'suggestion',
			additionalFields: { title: 'From n8n', url: 'https://example.com/pricing', categoryId: 1505 },
		},
		credentials: { [CREDENTIAL]: stored },
		items: [
			{ email: 'ana@example.com', name: 'Ana' },
			{ email: 'ben@example.com', name: 'Ben' },
			{ email: 'cy@example.com', name: 'Cy' },
		],
	});
	expect(created.error).toBeUndefined();
	expect(created.output.map((item) => (item.json.author as { email: string }).email)).toEqual([
		'ana@example.com',
		'ben@example.com',
		'cy@example.com',
	]);
	stored = created.credentialsHelper.store[CREDENTIAL];
	expect(stored.refreshToken).not.toBe(server.credentials.refreshToken);
	expect(server.state.requests.filter((request) => request.path === '/token')).toHaveLength(1);

	const conversationId = created.output[0].json.conversationId as number;
	const added = await runNode({
		type: 'socialBoards',
		parameters: {
			resource: 'message',
			operation: 'add',
			conversationId: String(conversationId),
			messages: {
				message: [
					{
						text: 'Hello',
						authorBy: 'email',
						authorEmail: 'ana@example.com',
						creationTime: '2024-05-01T10:00:00Z',
					},
					{ text: 'Hi Ana, how can I help?', authorBy: 'bot' },
				],
			},
		},
		credentials: { [CREDENTIAL]: stored },
	});
	expect(added.error).toBeUndefined();
	expect(added.output[0].json).toMatchObject({ conversationId, messagesAdded: 2 });
	stored = added.credentialsHelper.store[CREDENTIAL];

	server.injectFault({
		method: 'GET',
		path: `/chat/conversations/${conversationId}`,
		kind: 'expire-token',
	});
	const read = await runNode({
		type: 'socialBoards',
		parameters: {
			resource: 'conversation',
			operation: 'get',
			conversationId: String(conversationId),
		},
		credentials: { [CREDENTIAL]: stored },
	});
	expect(read.error).toBeUndefined();
	expect(read.credentialsHelper.preAuthenticationRuns[CREDENTIAL]).toBe(1);
	expect(read.output[0].json).toMatchObject({ conversationId, totalMessagesCount: 2 });
	expect(
		(read.output[0].json.messages as Array<{ message: string }>).map((message) => message.message),
	).toEqual(['Hi Ana, how can I help?', 'Hello']);
	expect(server.state.requests.filter((request) => request.path === '/token')).toHaveLength(2);

	// The refresh token spent by the renewal is no longer accepted: the error names the field to fix.
	const stale = await runNode({
		type: 'socialBoards',
		parameters: {
			resource: 'conversation',
			operation: 'get',
			conversationId: String(conversationId),
		},
		credentials: { [CREDENTIAL]: { ...stored, accessToken: '' } },
	});
	expect(stale.error?.message).toContain('SocialBoards refused the refresh token (invalid_grant)');
	expect(stale.error?.description).toContain('Fix the "Refresh Token" field');
});
