import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { runListSearch } from '../harness/lists';

// The loopback SocialBoards fake (test/sandbox): real HTTP, real form parsing, rotating refresh tokens.
const { startVendorServer } = require('../sandbox');

interface Server {
	url: string;
	baseUrl: string;
	credentials: { clientId: string; refreshToken: string };
	state: {
		requests: Array<{ method: string; path: string; status: number | null; body: unknown }>;
		conversations: Array<{ id: number; isClosed: boolean; isAssignedToBot: boolean }>;
		messages: Array<{ conversationId: number; message: string; isByTeam: boolean | null }>;
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

test('the lifecycle against the fake: team messages, List Messages over pages, takeover, close', async () => {
	// a fresh fake: the first test spent its refresh token
	await server.close();
	server = await startVendorServer('socialboards', {});
	const credentials = {
		[CREDENTIAL]: {
			accessToken: '',
			clientId: server.credentials.clientId,
			refreshToken: server.credentials.refreshToken,
			tokenUrl: `${server.url}/token`,
			baseUrl: server.baseUrl,
		},
	};
	const run = async (parameters: INodeParameters) => {
		const result = await runNode({ type: 'socialBoards', parameters, credentials });
		expect(result.error).toBeUndefined();
		return result.output;
	};

	const [created] = await run({
		resource: 'conversation',
		operation: 'create',
		authorBy: 'email',
		authorEmail: 'ana@example.com',
		sentiment: 'question',
		additionalFields: { isBotEnabled: true },
	});
	const conversationId = String(created.json.conversationId);
	const turns = Array.from({ length: 130 }, (_, index) => ({
		text: `turn ${index + 1}`,
		authorBy: 'email',
		authorEmail: index % 2 ? 'ada@example.com' : 'ana@example.com',
		isByTeam: index % 2 === 1,
	}));
	// the fake takes at most 100 messages per call, like a long import split in two
	await run({
		resource: 'message',
		operation: 'add',
		conversationId,
		messages: { message: turns.slice(0, 100) },
	});
	await run({
		resource: 'message',
		operation: 'add',
		conversationId,
		messages: { message: turns.slice(100) },
	});
	expect(server.state.messages.slice(0, 3).map((m) => m.isByTeam)).toEqual([null, true, null]);

	const listed = await run({
		resource: 'conversation',
		operation: 'listMessages',
		conversationId,
		orderBy: 'creation_time_asc',
		returnAll: true,
	});
	expect(listed.map((item) => item.json.message)).toEqual(turns.map((turn) => turn.text));
	const newest = await run({
		resource: 'conversation',
		operation: 'listMessages',
		conversationId,
		limit: 2,
	});
	expect(newest.map((item) => item.json.message)).toEqual(['turn 130', 'turn 129']);

	const [takeover] = await run({
		resource: 'conversation',
		operation: 'changeTakeover',
		conversationId,
		handledBy: 'agent',
	});
	expect(takeover.json).toEqual({
		conversationId: Number(conversationId),
		isAssignedToBot: false,
		handledBy: 'agent',
	});
	const [closed] = await run({ resource: 'conversation', operation: 'close', conversationId });
	expect(closed.json).toMatchObject({ conversationId: Number(conversationId), isClosed: true });
	expect(server.state.conversations[0]).toMatchObject({ isClosed: true, isAssignedToBot: false });
	expect(
		server.state.requests
			.filter((request) => request.method === 'PATCH')
			.map((request) => request.path),
	).toEqual([
		`/chat/conversations/${conversationId}/takeover`,
		`/chat/conversations/${conversationId}/close`,
	]);
});

describe('the Agent picker against the fake', () => {
	const stored = (target: Server) => ({
		[CREDENTIAL]: {
			accessToken: '',
			clientId: target.credentials.clientId,
			refreshToken: target.credentials.refreshToken,
			tokenUrl: `${target.url}/token`,
			baseUrl: target.baseUrl,
		},
	});

	test('lists the teammates who can take conversations; the picked one takes the conversation over', async () => {
		const target: Server = await startVendorServer('socialboards', {});
		try {
			const agents = await runListSearch({
				type: 'socialBoards',
				method: 'searchAgents',
				credentials: stored(target),
			});
			expect(agents.results).toEqual([
				{ name: 'Ada Agent (ada@sandbox.test)', value: '35692164-bfaa-4c49-a23c-ecfa618f7d20' },
				{ name: 'Ben Agent (ben@sandbox.test)', value: '8c1b0d3e-52a7-4f6e-9a41-0e5d2b7c9f13' },
			]);
			const created = await runNode({
				type: 'socialBoards',
				parameters: {
					resource: 'conversation',
					operation: 'create',
					authorBy: 'email',
					authorEmail: 'picker@example.com',
					additionalFields: { isBotEnabled: true },
				},
				credentials: stored(target),
			});
			const taken = await runNode({
				type: 'socialBoards',
				parameters: {
					resource: 'conversation',
					operation: 'changeTakeover',
					conversationId: String(created.output[0].json.conversationId),
					handledBy: 'agent',
					assigneeId: { __rl: true, mode: 'list', value: agents.results[1].value },
				},
				credentials: stored(target),
			});
			expect(taken.error).toBeUndefined();
			expect(taken.output[0].json).toMatchObject({ handledBy: 'agent' });
		} finally {
			await target.close();
		}
	});

	test("a teammates list without IDs (the documented example's shape) says to choose By ID", async () => {
		const target: Server = await startVendorServer('socialboards', { teammatesWithoutIds: true });
		try {
			await expect(
				runListSearch({
					type: 'socialBoards',
					method: 'searchAgents',
					credentials: stored(target),
				}),
			).rejects.toThrow(/gives no user IDs .* Choose By ID: an agent's user ID is the authorId/);
		} finally {
			await target.close();
		}
	});
});
