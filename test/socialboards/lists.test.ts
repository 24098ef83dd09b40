import nock from 'nock';
import type { NodeParameterValueType } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { runListSearch } from '../harness/lists';

// The Agent picker of the SocialBoards node: the teammates (GET /Teammates, the call the
// credential test makes), run as the editor runs it, and the picked value in a run.

const API = 'https://api.socialboards.com';
const ADA = '35692164-bfaa-4c49-a23c-ecfa618f7d20';
const BEN = '8c1b0d3e-52a7-4f6e-9a41-0e5d2b7c9f13';
const base = {
	accessToken: '',
	clientId: 'client-1',
	refreshToken: 'refresh-1',
	tokenUrl: 'https://api.socialboards.com/token',
	baseUrl: 'https://api.socialboards.com/',
};
const credentials = (overrides: Record<string, string> = {}) => ({
	socialBoardsConversationsApi: { ...base, ...overrides },
});
const ok = (data: unknown) => ({ data, errorCode: -1, errorText: null });
const teammates = [
	{ id: BEN, name: 'Ben Agent', email: 'ben@example.com', role: 'teammate' },
	{ id: ADA, name: 'Ada Admin', email: 'ada@example.com', role: 'admin' },
	{ id: 'c0ffee00-1111-4222-8333-444455556666', name: 'Rita', role: 'read_only_user' },
];

afterEach(() => nock.cleanAll());

function token(accessToken = 'access-1') {
	return nock(API)
		.post('/token')
		.reply(200, { access_token: accessToken, token_type: 'bearer', expires_in: 3599 });
}
const api = (accessToken = 'access-1') =>
	nock(API, { reqheaders: { authorization: `Bearer ${accessToken}` } });

const search = (filter?: string, overrides: Record<string, string> = {}) =>
	runListSearch({
		type: 'socialBoards',
		method: 'searchAgents',
		credentials: credentials(overrides),
		filter,
	});

describe('Agent: From list (GET /Teammates)', () => {
	test('the refresh token is exchanged, then the teammates who can take conversations, by name', async () => {
		const scope = token();
		api().get('/Teammates').reply(200, ok(teammates));
		expect(await search()).toEqual({
			results: [
				{ name: 'Ada Admin (ada@example.com)', value: ADA },
				{ name: 'Ben Agent (ben@example.com)', value: BEN },
			],
		});
		expect(scope.isDone()).toBe(true);
	});

	test('the search text keeps the teammates whose name or e-mail contains it', async () => {
		api().get('/Teammates').reply(200, ok(teammates));
		expect((await search('ben@', { accessToken: 'access-1' })).results).toEqual([
			{ name: 'Ben Agent (ben@example.com)', value: BEN },
		]);
	});

	test('no teammates is an empty list', async () => {
		api().get('/Teammates').reply(200, ok([]));
		expect(await search(undefined, { accessToken: 'access-1' })).toEqual({ results: [] });
	});

	test("teammates without IDs (SocialBoards' documented example) say to choose By ID and where the ID is", async () => {
		api()
			.get('/Teammates')
			.reply(200, ok([{ name: 'Robert Baker', email: 'RobertBaker@gmail.com', role: 'admin' }]));
		await expect(search(undefined, { accessToken: 'access-1' })).rejects.toThrow(
			"SocialBoards' teammates list gives no user IDs (only names, e-mails and roles), so an agent cannot be picked from it. Choose By ID: an agent's user ID is the authorId of a message the agent wrote (Conversation → Get or Get Many Messages), or ask SocialBoards' support for it.",
		);
	});

	test('a refresh token SocialBoards refuses is one line naming the credential field', async () => {
		nock(API).post('/token').times(6).reply(400, { error: 'invalid_grant' });
		await expect(search()).rejects.toThrow(
			/^SocialBoards could not list the teammates: SocialBoards refused the refresh token \(invalid_grant\) \(HTTP 400\)\. Fix the "Refresh Token" field of the SocialBoards Conversations credential/,
		);
	});

	test('a 401 even after a new access token is one line naming the credential fields', async () => {
		const denied = { Message: 'Authorization has been denied for this request.' };
		api('stale').get('/Teammates').reply(401, denied);
		token('access-2');
		api('access-2').get('/Teammates').reply(401, denied);
		await expect(search(undefined, { accessToken: 'stale' })).rejects.toThrow(
			/^SocialBoards could not list the teammates: Authorization has been denied for this request\. \(HTTP 401\)\. SocialBoards refused the access token even after n8n fetched a new one\./,
		);
	});

	test('an error in the envelope (HTTP 200) is one line', async () => {
		api()
			.get('/Teammates')
			.reply(200, { data: null, errorCode: 7, errorText: 'Community is disabled' });
		await expect(search(undefined, { accessToken: 'access-1' })).rejects.toThrow(
			/^SocialBoards could not list the teammates: Community is disabled \[error code 7\]/,
		);
	});

	test('a 429 is waited out (Retry-After), then the list comes', async () => {
		api()
			.get('/Teammates')
			.reply(
				429,
				{ data: null, errorCode: 5, errorText: 'Too many requests' },
				{ 'Retry-After': '1' },
			)
			.get('/Teammates')
			.reply(200, ok(teammates));
		expect((await search(undefined, { accessToken: 'access-1' })).results).toHaveLength(2);
	});

	test('a malformed API Base URL is refused before any request', async () => {
		await expect(search(undefined, { baseUrl: 'socialboards' })).rejects.toThrow(
			'The API Base URL of the SocialBoards Conversations credential is not an http(s) URL: "socialboards". Fix the "API Base URL" field of the SocialBoards Conversations credential (default https://api.socialboards.com/).',
		);
	});
});

describe('Agent in a run: picked or typed', () => {
	const takeover = (assigneeId: NodeParameterValueType) =>
		runNode({
			type: 'socialBoards',
			parameters: {
				resource: 'conversation',
				operation: 'changeTakeover',
				conversationId: '254626',
				handledBy: 'agent',
				assigneeId,
			},
			credentials: credentials({ accessToken: 'access-1' }),
		});

	test.each([
		['From list', { __rl: true, mode: 'list', value: ADA, cachedResultName: 'Ada Admin' }],
		['By ID', { __rl: true, mode: 'id', value: ADA }],
		['a plain value (an expression)', ADA],
	])('%s hands the conversation to that agent', async (_mode, assigneeId) => {
		const scope = api()
			.patch('/chat/conversations/254626/takeover', {
				isAssignedToBot: false,
				assigneeId: ADA,
			})
			.reply(200, ok({ isAssignedToBot: false }));
		const { error } = await takeover(assigneeId);
		expect(error).toBeUndefined();
		scope.done();
	});

	test('an empty pick lets SocialBoards assign the conversation', async () => {
		const scope = api()
			.patch('/chat/conversations/254626/takeover', { isAssignedToBot: false })
			.reply(200, ok({ isAssignedToBot: false }));
		const { error } = await takeover({ __rl: true, mode: 'list', value: '' });
		expect(error).toBeUndefined();
		scope.done();
	});

	test('an e-mail typed By ID is refused before any request', async () => {
		const { error } = await takeover({ __rl: true, mode: 'id', value: 'ada@example.com' });
		expect(error?.message).toBe(
			'Agent "ada@example.com" is not valid: a SocialBoards user ID is a GUID such as fc2481f6-28a4-4ca7-849a-344fd6ab1b20 [item 0]',
		);
	});
});
