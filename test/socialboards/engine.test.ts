import nock from 'nock';
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { useVirtualTime } from '../harness/clock';
import { loadPackage, nodeTypeName, runNode } from '../harness/engine';

const API = 'https://api.socialboards.com';
const TYPE = 'socialBoards';
const CREDENTIAL = 'socialBoardsConversationsApi';
const USER_ID = 'fc2481f6-28a4-4ca7-849a-344fd6ab1b20';

const base = {
	accessToken: '',
	clientId: 'client-1',
	refreshToken: 'refresh-1',
	tokenUrl: 'https://api.socialboards.com/token',
	baseUrl: 'https://api.socialboards.com/',
};
const credentials = (overrides: Record<string, string> = {}) => ({
	[CREDENTIAL]: { ...base, ...overrides },
});
const TOKEN_FORM = 'grant_type=refresh_token&refresh_token=refresh-1&client_id=client-1';

function tokenEndpoint(form = TOKEN_FORM) {
	return nock(API, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } }).post(
		'/token',
		(body) =>
			new URLSearchParams(form).toString() ===
			new URLSearchParams(body as Record<string, string>).toString(),
	);
}
function token(accessToken = 'access-1', refreshToken = 'refresh-1', form = TOKEN_FORM) {
	return tokenEndpoint(form).reply(200, {
		access_token: accessToken,
		token_type: 'bearer',
		expires_in: 3599,
		refresh_token: refreshToken,
	});
}
function api(accessToken = 'access-1', host = API) {
	return nock(host, { reqheaders: { authorization: `Bearer ${accessToken}` } });
}
const ok = (data: unknown) => ({ data, errorCode: -1, errorText: null });
const failed = (errorCode: number, errorText: string) => ({ data: null, errorCode, errorText });

const author = {
	id: USER_ID,
	name: 'John',
	image: null,
	email: 'john@dow.com',
	status: 'client',
	isBot: false,
};
const conversation = (id = 254626, extra: Record<string, unknown> = {}) => ({
	author,
	creationTime: '2023-09-01T12:56:39.0847826+03:00',
	id,
	isClosed: false,
	isTakeoverEnabled: true,
	lastModifiedTime: '2023-09-01T12:56:39.0847826+03:00',
	messages: [],
	queuePositionInfo: { position: 1403, waitTime: 15 },
	feedback: null,
	totalMessagesCount: 0,
	...extra,
});
const simplifiedAuthor = {
	id: USER_ID,
	name: 'John',
	email: 'john@dow.com',
	customIdentifier: null,
	isBot: false,
};

const create = (parameters: Record<string, unknown> = {}) => ({
	resource: 'conversation',
	operation: 'create',
	authorBy: 'email',
	authorEmail: '={{$json.email}}',
	...parameters,
});

describe('SocialBoards Conversations → credential and token', () => {
	// Token retries wait 0.3 to 2 s each: skipped in virtual time.
	useVirtualTime();

	test('exchanges the refresh token (form POST), sends the access token as Bearer and stores it', async () => {
		const tokenScope = token();
		const scope = api()
			.post('/chat/conversations', {
				author: { email: 'john@dow.com', name: 'John' },
				sentiment: 'question',
			})
			.reply(200, ok(conversation()));

		const { output, error, credentialsHelper } = await runNode({
			type: TYPE,
			parameters: create({ authorName: 'John' }),
			credentials: credentials(),
			items: [{ email: 'john@dow.com' }],
		});

		expect(error).toBeUndefined();
		tokenScope.done();
		scope.done();
		expect(credentialsHelper.preAuthenticationRuns[CREDENTIAL]).toBe(1);
		expect(credentialsHelper.store[CREDENTIAL]).toMatchObject({
			accessToken: 'access-1',
			refreshToken: 'refresh-1',
		});
		expect(output).toEqual([
			{
				json: {
					conversationId: 254626,
					isClosed: false,
					isTakeoverEnabled: true,
					queuePosition: 1403,
					queueWaitTime: 15,
					totalMessagesCount: 0,
					author: simplifiedAuthor,
					creationTime: '2023-09-01T12:56:39.0847826+03:00',
					lastModifiedTime: '2023-09-01T12:56:39.0847826+03:00',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('keeps the newest refresh token when the token answer rotates it, and uses it next time', async () => {
		const first = token('access-1', 'refresh-2');
		const firstCall = api('access-1')
			.get('/chat/conversations/1')
			.query(true)
			.reply(200, ok(conversation(1)));
		const run1 = await runNode({
			type: TYPE,
			parameters: { resource: 'conversation', operation: 'get', conversationId: '1' },
			credentials: credentials(),
		});
		expect(run1.error).toBeUndefined();
		first.done();
		firstCall.done();
		const stored = run1.credentialsHelper.store[CREDENTIAL];
		expect(stored).toMatchObject({
			accessToken: 'access-1',
			refreshToken: 'refresh-2',
			clientId: 'client-1',
		});

		// The next execution's token has expired: the 401 renews it with the rotated refresh token.
		const second = token(
			'access-2',
			'refresh-3',
			'grant_type=refresh_token&refresh_token=refresh-2&client_id=client-1',
		);
		const stale = api('access-1')
			.get('/chat/conversations/1')
			.query(true)
			.reply(401, { Message: 'Authorization has been denied for this request.' });
		const fresh = api('access-2')
			.get('/chat/conversations/1')
			.query(true)
			.reply(200, ok(conversation(1)));
		const run2 = await runNode({
			type: TYPE,
			parameters: { resource: 'conversation', operation: 'get', conversationId: '1' },
			credentials: { [CREDENTIAL]: stored },
		});
		expect(run2.error).toBeUndefined();
		second.done();
		stale.done();
		fresh.done();
		expect(run2.credentialsHelper.store[CREDENTIAL]).toMatchObject({
			accessToken: 'access-2',
			refreshToken: 'refresh-3',
		});
		expect(run2.output[0].json.conversationId).toBe(1);
	});

	test('a token that expired gets one refresh and one retry of the same create', async () => {
		const refreshed = token('access-2');
		const stale = api('access-old')
			.post('/chat/conversations', { author: { customIdentifier: 'crm-7' }, sentiment: 'praise' })
			.once()
			.reply(401, { Message: 'Authorization has been denied for this request.' });
		const retried = api('access-2')
			.post('/chat/conversations', { author: { customIdentifier: 'crm-7' }, sentiment: 'praise' })
			.once()
			.reply(200, ok(conversation(7)));

		const { output, error, credentialsHelper } = await runNode({
			type: TYPE,
			parameters: create({
				authorBy: 'customIdentifier',
				authorCustomIdentifier: 'crm-7',
				sentiment: 'praise',
			}),
			credentials: credentials({ accessToken: 'access-old' }),
		});

		expect(error).toBeUndefined();
		refreshed.done();
		stale.done();
		retried.done();
		expect(credentialsHelper.preAuthenticationRuns[CREDENTIAL]).toBe(1);
		expect(output[0].json.conversationId).toBe(7);
	});

	test('a 401 after the refresh fails with a message that says what to check; no third try', async () => {
		const refreshed = token('access-2');
		const stale = api('access-old')
			.post('/chat/conversations')
			.once()
			.reply(401, { Message: 'Authorization has been denied for this request.' });
		const again = api('access-2')
			.post('/chat/conversations')
			.once()
			.reply(401, { Message: 'Authorization has been denied for this request.' });

		const { error, output, credentialsHelper } = await runNode({
			type: TYPE,
			parameters: create({ authorEmail: 'john@dow.com' }),
			credentials: credentials({ accessToken: 'access-old' }),
		});

		refreshed.done();
		stale.done();
		again.done();
		expect(output).toEqual([]);
		expect(credentialsHelper.preAuthenticationRuns[CREDENTIAL]).toBe(1);
		expect(error?.message).toBe(
			'SocialBoards could not create the conversation: Authorization has been denied for this request. (HTTP 401) [item 0]',
		);
		expect(error?.description).toContain('Client ID and Refresh Token');
		expect(JSON.stringify(error)).not.toContain('access-2');
		expect(JSON.stringify(error)).not.toContain('refresh-1');
	});

	test.each([
		[
			'Token URL',
			{ tokenUrl: 'api.socialboards.com/token' },
			'api.socialboards.com/token',
			'https://api.socialboards.com/token',
		],
		[
			'API Base URL',
			{ baseUrl: 'ftp://api.socialboards.com/' },
			'ftp://api.socialboards.com/',
			'https://api.socialboards.com/',
		],
	])(
		'a %s that is not an http(s) URL is named before anything is sent',
		async (field, overrides, value, fallback) => {
			const tokenScope = token();
			const { error } = await runNode({
				type: TYPE,
				parameters: create({ authorEmail: 'john@dow.com' }),
				credentials: credentials(overrides),
			});
			expect(tokenScope.isDone()).toBe(false);
			expect(error?.message).toBe(
				`The ${field} of the SocialBoards Conversations credential is not an http(s) URL: "${value}" [item 0]`,
			);
			expect(error?.description).toBe(
				`Fix the "${field}" field of the SocialBoards Conversations credential (default ${fallback}). Nothing was sent.`,
			);
		},
	);

	// invalid_grant is asked five times more: the credential is read again each time, in case another
	// run or worker rotated the token.
	test.each([
		[
			400,
			{ error: 'invalid_grant' },
			'SocialBoards refused the refresh token (invalid_grant) (HTTP 400)',
			'Fix the "Refresh Token" field',
			6,
		],
		[
			400,
			{ error: 'invalid_client' },
			'SocialBoards does not accept the client ID (invalid_client) (HTTP 400)',
			'Fix the "Client ID" field',
			1,
		],
		[
			404,
			'<html>Not found</html>',
			'did not answer like a SocialBoards token endpoint (an HTML page) (HTTP 404)',
			'Fix the "Token URL" field',
			1,
		],
		[
			200,
			{ token_type: 'bearer' },
			'answered without an access_token (a JSON object with the keys token_type)',
			'Check the "Token URL" field',
			1,
		],
	])(
		'a token answer %i %j names the credential field to fix; nothing is sent to the API',
		async (status, body, reason, fix, tries) => {
			const tokenScope = tokenEndpoint()
				.times(tries)
				.reply(status, body as never);
			const apiScope = api().post('/chat/conversations').reply(200, ok(conversation()));

			const { error, credentialsHelper } = await runNode({
				type: TYPE,
				parameters: create({ authorEmail: 'john@dow.com' }),
				credentials: credentials(),
			});

			tokenScope.done();
			expect(apiScope.isDone()).toBe(false);
			expect(error?.message).toContain('SocialBoards could not create the conversation: ');
			expect(error?.message).toContain(reason);
			expect(error?.message).toMatch(/\[item 0\]$/);
			expect(error?.description).toContain(fix);
			expect(error?.description).toContain('SocialBoards Conversations credential');
			expect(credentialsHelper.store[CREDENTIAL].accessToken).toBe('');
			expect(JSON.stringify(error)).not.toContain('refresh-1');
		},
	);

	test('a refresh token rotated by a concurrent run (invalid_grant) is read again from the credential and exchanged once more', async () => {
		const creds = credentials();
		const spent = tokenEndpoint().reply(400, () => {
			// Meanwhile another execution exchanged refresh-1 and stored the rotated token.
			creds[CREDENTIAL].refreshToken = 'refresh-rotated';
			return { error: 'invalid_grant' };
		});
		const fresh = tokenEndpoint(
			'grant_type=refresh_token&refresh_token=refresh-rotated&client_id=client-1',
		).reply(200, {
			access_token: 'access-1',
			refresh_token: 'refresh-3',
			token_type: 'bearer',
			expires_in: 3600,
		});
		const apiScope = api().post('/chat/conversations').reply(200, ok(conversation()));
		const { error, output, credentialsHelper } = await runNode({
			type: TYPE,
			parameters: create({ authorEmail: 'john@dow.com' }),
			credentials: creds,
		});
		spent.done();
		fresh.done();
		apiScope.done();
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(credentialsHelper.store[CREDENTIAL].refreshToken).toBe('refresh-3');
	});

	test('a token endpoint answering 401 is asked five times more by the transport (n8n does not repeat a failed token step), then the refresh token is named; its text is not quoted', async () => {
		const tokenScope = tokenEndpoint()
			.times(6)
			.reply(401, { error: 'invalid_grant', error_description: 'refresh token revoked' });
		const { error } = await runNode({
			type: TYPE,
			parameters: create({ authorEmail: 'john@dow.com' }),
			credentials: credentials(),
		});
		tokenScope.done();
		expect(error?.message).toBe(
			'SocialBoards could not create the conversation: SocialBoards refused the refresh token (invalid_grant) (HTTP 401) [item 0]',
		);
		expect(error?.description).toContain(
			'Fix the "Refresh Token" field of the SocialBoards Conversations credential',
		);
	});

	test('several items on an empty token exchange the refresh token once, then run in parallel', async () => {
		const tokenScope = tokenEndpoint()
			.once()
			.reply(200, { access_token: 'access-1', refresh_token: 'refresh-2' });
		const scope = api()
			.post('/chat/conversations')
			.times(3)
			.reply(200, (_uri, body) =>
				ok(conversation(Number(String((body as { title: string }).title)))),
			);
		const { output, error, credentialsHelper } = await runNode({
			type: TYPE,
			parameters: create({
				authorEmail: 'john@dow.com',
				additionalFields: { title: '={{$json.n}}' },
			}),
			credentials: credentials(),
			items: [{ n: '1' }, { n: '2' }, { n: '3' }],
		});
		expect(error).toBeUndefined();
		tokenScope.done();
		scope.done();
		expect(credentialsHelper.preAuthenticationRuns[CREDENTIAL]).toBe(1);
		expect(output.map((item) => item.json.conversationId)).toEqual([1, 2, 3]);
	});
});

describe('SocialBoards Conversations → Conversation → Create', () => {
	test('sends every optional field, to a base URL without a trailing slash, with a stored token', async () => {
		const scope = api('stored', 'https://proxy.example.com')
			.post('/socialboards/api/chat/conversations', {
				author: { id: USER_ID, name: 'John', image: 'https://example.com/john.png' },
				sentiment: 'complaint',
				categoryId: 1505,
				fields: [{ id: 12, value: 'Gold' }],
				url: 'https://thejohndow.com',
				isBotEnabled: true,
				title: 'Chat API Client Problems',
			})
			.reply(200, ok(conversation()));

		const { output, error } = await runNode({
			type: TYPE,
			parameters: create({
				authorBy: 'id',
				authorId: USER_ID,
				authorName: 'John',
				authorImage: 'https://example.com/john.png',
				sentiment: 'complaint',
				additionalFields: {
					categoryId: 1505,
					customFields: '[{"id": 12, "value": "Gold"}]',
					url: 'https://thejohndow.com',
					isBotEnabled: true,
					title: 'Chat API Client Problems',
				},
			}),
			credentials: credentials({
				accessToken: 'stored',
				baseUrl: ' https://proxy.example.com/socialboards/api',
			}),
		});

		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json.conversationId).toBe(254626);
	});

	test("a bot author sends only isBot; Simplify off outputs SocialBoards' data as it came", async () => {
		const data = conversation(9, { author: { ...author, isBot: true, status: 'bot' } });
		const scope = api('stored')
			.post('/chat/conversations', { author: { isBot: true }, sentiment: 'question' })
			.reply(200, ok(data));
		const { output, error } = await runNode({
			type: TYPE,
			parameters: create({ authorBy: 'bot', simplify: false }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual(data);
	});

	test("errorCode other than -1 fails the item even with HTTP 200, with SocialBoards' errorText", async () => {
		const scope = api('stored')
			.post('/chat/conversations')
			.reply(200, failed(1, 'author.email is not a valid e-mail address'));
		const { error, output } = await runNode({
			type: TYPE,
			parameters: create({ authorEmail: 'john@dow.com' }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		scope.done();
		expect(output).toEqual([]);
		expect(error?.message).toBe(
			'SocialBoards could not create the conversation: author.email is not a valid e-mail address [error code 1] (HTTP 200) [item 0]',
		);
		expect(error?.description).toContain('answered HTTP 200 but reported an error');
	});

	test('an answer that is not the envelope points at the API Base URL', async () => {
		const scope = api('stored').post('/chat/conversations').reply(200, { id: 1 });
		const { error } = await runNode({
			type: TYPE,
			parameters: create({ authorEmail: 'john@dow.com' }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		scope.done();
		expect(error?.message).toBe(
			"SocialBoards could not create the conversation: the answer is not SocialBoards' {data, errorCode, errorText} envelope (HTTP 200) [item 0]",
		);
		expect(error?.description).toContain('Check the API Base URL');
	});

	test('an unknown route (wrong base URL) says to fix the API Base URL', async () => {
		const scope = api('stored').post('/chat/conversations').reply(404, {
			Message:
				"No HTTP resource was found that matches the request URI 'https://api.socialboards.com/chat/conversations'.",
		});
		const { error } = await runNode({
			type: TYPE,
			parameters: create({ authorEmail: 'john@dow.com' }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		scope.done();
		expect(error?.message).toContain('No HTTP resource was found');
		expect(error?.description).toContain('API Base URL');
	});

	test.each([
		[
			'an invalid e-mail',
			{ authorEmail: 'not-an-email' },
			'Author Email "not-an-email" is not a valid e-mail address [item 0]',
		],
		[
			'an empty custom identifier',
			{ authorBy: 'customIdentifier', authorCustomIdentifier: ' ' },
			'Author Custom Identifier is required but is empty [item 0]',
		],
		[
			'a user ID that is not a GUID',
			{ authorBy: 'id', authorId: '42' },
			'Author User ID "42" is not valid: a SocialBoards user ID is a GUID',
		],
		[
			'an unknown sentiment',
			{ authorEmail: 'a@b.co', sentiment: '={{"angry"}}' },
			'Sentiment must be one of "question", "praise", "suggestion", "complaint", but got "angry" [item 0]',
		],
		[
			'an image that is not a URL',
			{ authorEmail: 'a@b.co', authorImage: 'avatar.png' },
			'Author Image URL "avatar.png" is not a valid URL [item 0]',
		],
		[
			'custom fields that are not a list',
			{ authorEmail: 'a@b.co', additionalFields: { customFields: '{"id": 1}' } },
			'Additional Fields › Custom Fields (JSON) must be a JSON list of objects',
		],
		[
			'a page URL without http',
			{ authorEmail: 'a@b.co', additionalFields: { url: 'ftp://x.com' } },
			'Additional Fields › Page URL "ftp://x.com" must start with http:// or https://',
		],
	])('rejects %s before any request', async (_name, parameters, expected) => {
		const scope = token();
		const { error } = await runNode({
			type: TYPE,
			parameters: create(parameters),
			credentials: credentials(),
		});
		expect(error?.message).toContain(expected);
		expect(scope.isDone()).toBe(false);
	});
});

describe('SocialBoards Conversations → Message → Add', () => {
	const add = (messages: INodeParameters[], extra: INodeParameters = {}): INodeParameters => ({
		resource: 'message',
		operation: 'add',
		conversationId: '254626',
		messages: { message: messages },
		...extra,
	});
	const message = (
		id: number,
		text: string,
		who = author,
		creationTime = '2023-10-19T10:00:58.84+00:00',
	) => ({
		author: who,
		creationTime,
		id,
		lastModifiedTime: creationTime,
		message: text,
	});

	test('adds several messages with their own authors and creation times in one request', async () => {
		const past = '2023-10-19T10:00:58.840Z';
		const soon = new Date(Date.now() + 10_000);
		const scope = api('stored')
			.post('/chat/conversations/254626/messages', [
				{
					message: 'Hi, I have a question',
					author: { email: 'john@dow.com', name: 'John' },
					creationTime: past,
				},
				{ message: 'Sure, ask away', author: { isBot: true } },
				{
					message: 'Thanks',
					author: { customIdentifier: 'crm-7' },
					creationTime: soon.toISOString(),
				},
			])
			.reply(
				200,
				ok([
					message(1001, 'Hi, I have a question'),
					message(1002, 'Sure, ask away', {
						...author,
						id: 'bot',
						name: 'SocialBoards Bot',
						isBot: true,
					}),
					message(1003, 'Thanks'),
				]),
			);

		const { output, error } = await runNode({
			type: TYPE,
			parameters: add([
				{
					text: 'Hi, I have a question',
					authorBy: 'email',
					authorEmail: 'john@dow.com',
					authorName: 'John',
					creationTime: past,
				},
				{ text: 'Sure, ask away', authorBy: 'bot' },
				{
					text: 'Thanks',
					authorBy: 'customIdentifier',
					authorCustomIdentifier: 'crm-7',
					creationTime: soon.toISOString(),
				},
			]),
			credentials: credentials({ accessToken: 'stored' }),
		});

		expect(error).toBeUndefined();
		scope.done();
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			conversationId: 254626,
			messagesAdded: 3,
			messages: [
				{
					messageId: 1001,
					message: 'Hi, I have a question',
					authorId: USER_ID,
					authorName: 'John',
					authorIsBot: false,
					creationTime: '2023-10-19T10:00:58.84+00:00',
				},
				{
					messageId: 1002,
					message: 'Sure, ask away',
					authorId: 'bot',
					authorName: 'SocialBoards Bot',
					authorIsBot: true,
					creationTime: '2023-10-19T10:00:58.84+00:00',
				},
				{
					messageId: 1003,
					message: 'Thanks',
					authorId: USER_ID,
					authorName: 'John',
					authorIsBot: false,
					creationTime: '2023-10-19T10:00:58.84+00:00',
				},
			],
		});
	});

	test("Simplify off outputs the conversation ID and SocialBoards' messages", async () => {
		const scope = api('stored')
			.post('/chat/conversations/5/messages', [{ message: 'Hi', author: { id: USER_ID } }])
			.reply(200, ok([message(1, 'Hi')]));
		const { output } = await runNode({
			type: TYPE,
			parameters: add([{ text: 'Hi', authorBy: 'id', authorId: USER_ID }], {
				conversationId: '={{$json.id}}',
				simplify: false,
			}),
			credentials: credentials({ accessToken: 'stored' }),
			items: [{ id: 5 }],
		});
		scope.done();
		expect(output[0].json).toEqual({ conversationId: 5, messages: [message(1, 'Hi')] });
	});

	test.each([
		[
			'a creation time more than 30 s in the future',
			[
				{ text: 'ok', authorEmail: 'a@b.co' },
				{ text: 'late', authorEmail: 'a@b.co', creationTime: '2999-01-01T00:00:00Z' },
			],
			'Messages › message 2 › Creation Time is 2999-01-01T00:00:00.000Z, more than 30 seconds in the future [item 0]',
		],
		[
			'a message without author e-mail',
			[{ text: 'Hi', authorBy: 'email', authorEmail: '={{$json.missing}}' }],
			'Messages › message 1 › Author Email is required but is empty [item 0]',
		],
		[
			'an empty text',
			[
				{ text: 'Hi', authorBy: 'bot' },
				{ text: '  ', authorBy: 'bot' },
			],
			'Messages › message 2 › Text is required but is empty [item 0]',
		],
		['no messages at all', [], 'Messages needs at least one message [item 0]'],
		[
			'a creation time that is not a date',
			[{ text: 'Hi', authorBy: 'bot', creationTime: 'yesterday' }],
			'Messages › message 1 › Creation Time must be a date and time such as 2026-01-31T12:00:00Z, but got "yesterday" [item 0]',
		],
	])(
		'rejects %s before any request, naming the message',
		async (_name, messages: INodeParameters[], expected) => {
			const scope = token();
			const { error } = await runNode({
				type: TYPE,
				parameters: add(messages),
				credentials: credentials(),
			});
			expect(error?.message).toBe(expected);
			expect(error?.description).toContain('Nothing was sent for this item');
			expect(scope.isDone()).toBe(false);
		},
	);

	test('a conversation ID that is not a number is refused before sending', async () => {
		const { error } = await runNode({
			type: TYPE,
			parameters: add([{ text: 'Hi', authorBy: 'bot' }], { conversationId: '12/../x' }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(error?.message).toBe(
			'Conversation ID must be a SocialBoards conversation ID (a whole number such as 254626), but got "12/../x" [item 0]',
		);
	});

	test('an unknown conversation (envelope error with HTTP 404) says which ID', async () => {
		const scope = api('stored')
			.post('/chat/conversations/404/messages')
			.reply(404, failed(2, 'Conversation 404 not found'));
		const { error } = await runNode({
			type: TYPE,
			parameters: add([{ text: 'Hi', authorBy: 'bot' }], { conversationId: '404' }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		scope.done();
		expect(error?.message).toBe(
			'SocialBoards could not add the messages: Conversation 404 not found [error code 2] (HTTP 404) [item 0]',
		);
		expect(error?.description).toBe(
			'No SocialBoards conversation has the ID 404. Check the Conversation ID.',
		);
	});
});

describe('SocialBoards Conversations → Conversation → Get', () => {
	const withMessages = conversation(254626, {
		totalMessagesCount: 2,
		messages: [
			{
				author,
				creationTime: '2023-09-01T12:58:00+03:00',
				id: 2,
				lastModifiedTime: '2023-09-01T12:58:00+03:00',
				message: 'Second',
			},
			{
				author,
				creationTime: '2023-09-01T12:56:39+03:00',
				id: 1,
				lastModifiedTime: '2023-09-01T12:56:39+03:00',
				message: 'First',
			},
		],
	});

	test('gets the conversation with its newest messages', async () => {
		const scope = api('stored')
			.get('/chat/conversations/254626')
			.query({ includeMessages: 'true', orderyBy: 'creation_time_desc' })
			.reply(200, ok(withMessages));
		const { output, error } = await runNode({
			type: TYPE,
			parameters: { resource: 'conversation', operation: 'get', conversationId: '={{$json.id}}' },
			credentials: credentials({ accessToken: 'stored' }),
			items: [{ id: 254626 }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual({
			conversationId: 254626,
			isClosed: false,
			isTakeoverEnabled: true,
			queuePosition: 1403,
			queueWaitTime: 15,
			totalMessagesCount: 2,
			author: simplifiedAuthor,
			creationTime: '2023-09-01T12:56:39.0847826+03:00',
			lastModifiedTime: '2023-09-01T12:56:39.0847826+03:00',
			messages: [
				{
					messageId: 2,
					message: 'Second',
					authorId: USER_ID,
					authorName: 'John',
					authorIsBot: false,
					creationTime: '2023-09-01T12:58:00+03:00',
				},
				{
					messageId: 1,
					message: 'First',
					authorId: USER_ID,
					authorName: 'John',
					authorIsBot: false,
					creationTime: '2023-09-01T12:56:39+03:00',
				},
			],
		});
	});

	test('without messages asks for none and outputs no messages key', async () => {
		const scope = api('stored')
			.get('/chat/conversations/3')
			.query({ includeMessages: 'false' })
			.reply(200, ok(conversation(3, { isClosed: true, queuePositionInfo: null })));
		const { output } = await runNode({
			type: TYPE,
			parameters: {
				resource: 'conversation',
				operation: 'get',
				conversationId: '3',
				includeMessages: false,
			},
			credentials: credentials({ accessToken: 'stored' }),
		});
		scope.done();
		expect(output[0].json).toMatchObject({
			conversationId: 3,
			isClosed: true,
			queuePosition: null,
			queueWaitTime: null,
		});
		expect(output[0].json).not.toHaveProperty('messages');
	});

	test('a 503 on a read is tried again; 429 with Retry-After waits and succeeds', async () => {
		const scope = api('stored')
			.get('/chat/conversations/8')
			.query(true)
			.reply(503, failed(0, 'An error has occurred.'))
			.get('/chat/conversations/8')
			.query(true)
			.reply(429, failed(5, 'Too many requests'), { 'Retry-After': '1' })
			.get('/chat/conversations/8')
			.query(true)
			.reply(200, ok(conversation(8)));
		const started = Date.now();
		const { output, error } = await runNode({
			type: TYPE,
			parameters: { resource: 'conversation', operation: 'get', conversationId: '8' },
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(output[0].json.conversationId).toBe(8);
	});
});

describe('SocialBoards Conversations → several items', () => {
	const items = [
		{ email: 'a@example.com' },
		{ email: 'b@example.com' },
		{ email: 'c@example.com' },
	];
	function threeItemMocks() {
		return api('stored')
			.post('/chat/conversations', (body) => body.author.email === 'a@example.com')
			.reply(200, ok(conversation(1)))
			.post('/chat/conversations', (body) => body.author.email === 'b@example.com')
			.reply(200, failed(1, 'author is blocked'))
			.post('/chat/conversations', (body) => body.author.email === 'c@example.com')
			.reply(200, ok(conversation(3)));
	}

	test('continue on fail (regular output): the failed item becomes an error item, the others are kept', async () => {
		const scope = threeItemMocks();
		const { output, error } = await runNode({
			type: TYPE,
			parameters: create(),
			credentials: credentials({ accessToken: 'stored' }),
			items,
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output).toHaveLength(3);
		expect(output[0].json.conversationId).toBe(1);
		expect(output[1].json).toEqual({
			error:
				'SocialBoards could not create the conversation: author is blocked [error code 1] (HTTP 200) [item 1]',
		});
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[2].json.conversationId).toBe(3);
	});

	test('continue on fail (error output): the failed item goes to the error output with its pairing', async () => {
		const scope = threeItemMocks();
		const { output, errorOutput } = await runNode({
			type: TYPE,
			parameters: create(),
			credentials: credentials({ accessToken: 'stored' }),
			items,
			onError: 'continueErrorOutput',
		});
		scope.done();
		expect(output.map((item) => [item.json.conversationId, item.pairedItem])).toEqual([
			[1, { item: 0 }],
			[3, { item: 2 }],
		]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].json.error).toContain('author is blocked');
		expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
	});

	test('a bad item in the middle stops the run before any request (token included)', async () => {
		const tokenScope = token();
		const scope = api()
			.post('/chat/conversations')
			.reply(200, ok(conversation(1)));
		const { error, output } = await runNode({
			type: TYPE,
			parameters: create(),
			credentials: credentials(),
			items: [items[0], { email: 'not-an-email' }, items[2]],
		});
		expect(output).toEqual([]);
		expect(error?.message).toBe(
			'Author Email "not-an-email" is not a valid e-mail address [item 1]',
		);
		expect(tokenScope.isDone()).toBe(false);
		expect(scope.isDone()).toBe(false);
	});

	test('a bad item in the middle with continue on fail: only the good items are sent', async () => {
		const scope = api('stored')
			.post('/chat/conversations', (body) => body.author.email === 'a@example.com')
			.reply(200, ok(conversation(1)))
			.post('/chat/conversations', (body) => body.author.email === 'c@example.com')
			.reply(200, ok(conversation(3)));
		const { output, errorOutput } = await runNode({
			type: TYPE,
			parameters: create(),
			credentials: credentials({ accessToken: 'stored' }),
			items: [items[0], { email: 'not-an-email' }, items[2]],
			onError: 'continueErrorOutput',
		});
		scope.done();
		expect(output.map((item) => item.json.conversationId)).toEqual([1, 3]);
		expect(errorOutput[0].json.error).toBe(
			'Author Email "not-an-email" is not a valid e-mail address [item 1]',
		);
		expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
	});
});

describe('SocialBoards: token answers and the Category ID default', () => {
	test('a token answer with a rotated refresh token but no access token: n8n stores the new refresh token, nothing is sent', async () => {
		const tokenScope = tokenEndpoint().reply(200, {
			refresh_token: 'refresh-2',
			token_type: 'bearer',
		});
		const apiScope = api('').post('/chat/conversations').reply(200, ok(conversation()));
		const { error, credentialsHelper } = await runNode({
			type: TYPE,
			parameters: create(),
			credentials: credentials(),
			items: [{ email: 'john@dow.com' }],
		});
		tokenScope.done();
		expect(apiScope.isDone()).toBe(false);
		nock.cleanAll();
		expect(credentialsHelper.store[CREDENTIAL]).toMatchObject({
			accessToken: '',
			refreshToken: 'refresh-2',
		});
		expect(error?.message).toContain(
			'answered without an access_token (a JSON object with the keys refresh_token)',
		);
		expect(error?.message).not.toContain('refresh-2');
	});

	test('Category ID added with its default value sends no category', async () => {
		const { nodes } = await loadPackage();
		const additional = nodes[nodeTypeName('socialBoards')].description.properties.find(
			(property) =>
				property.name === 'additionalFields' &&
				property.displayOptions?.show?.operation?.includes('create'),
		);
		const category = (additional?.options as INodeProperties[]).find(
			(option) => option.name === 'categoryId',
		);
		const scope = api('stored')
			.post('/chat/conversations', (body) => !('categoryId' in body))
			.reply(200, ok(conversation()));
		const { error } = await runNode({
			type: TYPE,
			parameters: create({ additionalFields: { categoryId: category?.default } }),
			credentials: credentials({ accessToken: 'stored' }),
			items: [{ email: 'john@dow.com' }],
		});
		expect(error).toBeUndefined();
		scope.done();
	});

	test('Category ID as text digits is sent as a number; other text is refused', async () => {
		const scope = api('stored')
			.post('/chat/conversations', (body) => body.categoryId === 12)
			.reply(200, ok(conversation()));
		const sent = await runNode({
			type: TYPE,
			parameters: create({ additionalFields: { categoryId: ' 12 ' } }),
			credentials: credentials({ accessToken: 'stored' }),
			items: [{ email: 'john@dow.com' }],
		});
		expect(sent.error).toBeUndefined();
		scope.done();
		const refused = await runNode({
			type: TYPE,
			parameters: create({ additionalFields: { categoryId: 'gold' } }),
			credentials: credentials({ accessToken: 'stored' }),
			items: [{ email: 'john@dow.com' }],
		});
		expect(refused.error?.message).toContain('Category ID must be a whole number, but got "gold"');
	});
});

describe('SocialBoards Conversations → Conversation → Close', () => {
	const close = (conversationId: string, extra: INodeParameters = {}): INodeParameters => ({
		resource: 'conversation',
		operation: 'close',
		conversationId,
		...extra,
	});

	test('PATCHes …/close with no body and outputs the closed conversation', async () => {
		const scope = api('stored')
			.patch('/chat/conversations/254626/close', (body) => body === '' || body === undefined)
			.reply(200, ok(conversation(254626, { isClosed: true, queuePositionInfo: null })));
		const { output, error } = await runNode({
			type: TYPE,
			parameters: close('={{$json.id}}'),
			credentials: credentials({ accessToken: 'stored' }),
			items: [{ id: 254626 }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output).toEqual([
			{
				json: {
					conversationId: 254626,
					isClosed: true,
					isTakeoverEnabled: true,
					queuePosition: null,
					queueWaitTime: null,
					totalMessagesCount: 0,
					author: simplifiedAuthor,
					creationTime: '2023-09-01T12:56:39.0847826+03:00',
					lastModifiedTime: '2023-09-01T12:56:39.0847826+03:00',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an answer whose data is not the conversation still reports the close; Simplify off keeps the data', async () => {
		const scope = api('stored')
			.patch('/chat/conversations/7/close')
			.reply(200, ok(true))
			.patch('/chat/conversations/7/close')
			.reply(200, ok(true));
		const simplified = await runNode({
			type: TYPE,
			parameters: close('7'),
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(simplified.output[0].json).toEqual({ conversationId: 7, isClosed: true });
		const raw = await runNode({
			type: TYPE,
			parameters: close('7', { simplify: false }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		scope.done();
		expect(raw.output[0].json).toEqual({ conversationId: 7, data: true });
	});

	test('closing is safe to repeat: a 503 is tried again', async () => {
		const scope = api('stored')
			.patch('/chat/conversations/9/close')
			.reply(503, failed(0, 'An error has occurred.'))
			.patch('/chat/conversations/9/close')
			.reply(200, ok(conversation(9, { isClosed: true })));
		const { output, error } = await runNode({
			type: TYPE,
			parameters: close('9'),
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({ conversationId: 9, isClosed: true });
	});

	test('an unknown conversation says which ID; a bad ID is refused before sending', async () => {
		const scope = api('stored')
			.patch('/chat/conversations/404/close')
			.reply(404, failed(2, 'Conversation 404 not found'));
		const missing = await runNode({
			type: TYPE,
			parameters: close('404'),
			credentials: credentials({ accessToken: 'stored' }),
		});
		scope.done();
		expect(missing.error?.message).toBe(
			'SocialBoards could not close the conversation: Conversation 404 not found [error code 2] (HTTP 404) [item 0]',
		);
		expect(missing.error?.description).toContain('No SocialBoards conversation has the ID 404');

		const tokenScope = token();
		const bad = await runNode({
			type: TYPE,
			parameters: close('12/close'),
			credentials: credentials(),
		});
		expect(bad.error?.message).toBe(
			'Conversation ID must be a SocialBoards conversation ID (a whole number such as 254626), but got "12/close" [item 0]',
		);
		expect(tokenScope.isDone()).toBe(false);
	});
});

describe('SocialBoards Conversations → Conversation → Change Takeover', () => {
	const takeover = (extra: INodeParameters): INodeParameters => ({
		resource: 'conversation',
		operation: 'changeTakeover',
		conversationId: '254626',
		...extra,
	});
	const AGENT_ID = '35692164-bfaa-4c49-a23c-ecfa618f7d20';

	test('a human agent takes over: isAssignedToBot false with the agent', async () => {
		const scope = api('stored')
			.patch('/chat/conversations/254626/takeover', {
				isAssignedToBot: false,
				assigneeId: AGENT_ID,
			})
			.reply(200, ok({ isAssignedToBot: false }));
		const { output, error } = await runNode({
			type: TYPE,
			parameters: takeover({ handledBy: 'agent', assigneeId: AGENT_ID }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output).toEqual([
			{
				json: { conversationId: 254626, isAssignedToBot: false, handledBy: 'agent' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('the default (agent) without an agent ID sends only isAssignedToBot; back to the bot likewise', async () => {
		const scope = api('stored')
			.patch('/chat/conversations/254626/takeover', { isAssignedToBot: false })
			.reply(200, ok({ isAssignedToBot: false }))
			.patch('/chat/conversations/254626/takeover', { isAssignedToBot: true })
			.reply(200, ok({ isAssignedToBot: true }));
		const toAgent = await runNode({
			type: TYPE,
			parameters: takeover({}),
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(toAgent.error).toBeUndefined();
		// the agent ID of a hidden field is not sent
		const toBot = await runNode({
			type: TYPE,
			parameters: takeover({ handledBy: 'bot', assigneeId: AGENT_ID, simplify: false }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		scope.done();
		expect(toBot.output[0].json).toEqual({ conversationId: 254626, isAssignedToBot: true });
	});

	test('a 503 is tried again (setting the same state twice is harmless)', async () => {
		const scope = api('stored')
			.patch('/chat/conversations/254626/takeover', { isAssignedToBot: true })
			.reply(503, failed(0, 'An error has occurred.'))
			.patch('/chat/conversations/254626/takeover', { isAssignedToBot: true })
			.reply(200, ok({ isAssignedToBot: true }));
		const { output, error } = await runNode({
			type: TYPE,
			parameters: takeover({ handledBy: 'bot' }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual({
			conversationId: 254626,
			isAssignedToBot: true,
			handledBy: 'bot',
		});
	});

	test.each([
		[{ handledBy: 'agent', assigneeId: 'agent-7' }, 'Agent "agent-7" is not valid'],
		[{ handledBy: 'human' }, 'Handled By must be one of "agent", "bot", but got "human"'],
	])('refuses %j before any request', async (extra, expected) => {
		const tokenScope = token();
		const { error } = await runNode({
			type: TYPE,
			parameters: takeover(extra),
			credentials: credentials(),
		});
		expect(error?.message).toContain(expected);
		expect(error?.message).toContain('[item 0]');
		expect(tokenScope.isDone()).toBe(false);
	});
});

describe('SocialBoards Conversations → Conversation → List Messages', () => {
	const list = (extra: INodeParameters): INodeParameters => ({
		resource: 'conversation',
		operation: 'listMessages',
		conversationId: '254626',
		...extra,
	});
	const messageAt = (id: number) => ({
		author,
		creationTime: '2023-09-01T12:56:39+03:00',
		id,
		lastModifiedTime: '2023-09-01T12:56:39+03:00',
		message: `Message ${id}`,
	});
	const messages = (from: number, count: number) =>
		Array.from({ length: count }, (_, index) => messageAt(from + index));

	test('Limit: one request with take = limit; one output item per message, paired to the input item', async () => {
		const scope = api('stored')
			.get('/chat/conversations/254626/messages')
			.query({ orderBy: 'creation_time_desc', skip: '0', take: '3' })
			.reply(200, ok(messages(1, 3)));
		const { output, error } = await runNode({
			type: TYPE,
			parameters: list({ limit: 3 }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output).toHaveLength(3);
		expect(output[0]).toEqual({
			json: {
				conversationId: 254626,
				messageId: 1,
				message: 'Message 1',
				authorId: USER_ID,
				authorName: 'John',
				authorIsBot: false,
				creationTime: '2023-09-01T12:56:39+03:00',
			},
			pairedItem: { item: 0 },
		});
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	test('Return All pages with skip/take 100 until a short page; oldest first; Simplify off keeps the messages', async () => {
		const scope = api('stored')
			.get('/chat/conversations/254626/messages')
			.query({ orderBy: 'creation_time_asc', skip: '0', take: '100' })
			.reply(200, ok(messages(1, 100)))
			.get('/chat/conversations/254626/messages')
			.query({ orderBy: 'creation_time_asc', skip: '100', take: '100' })
			.reply(200, ok(messages(101, 20)));
		const { output, error } = await runNode({
			type: TYPE,
			parameters: list({ returnAll: true, orderBy: 'creation_time_asc', simplify: false }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output).toHaveLength(120);
		expect(output[119].json).toEqual(messageAt(120));
	});

	test('a Limit above 100 asks for the rest on the second page; a full last page ends on an empty one', async () => {
		const scope = api('stored')
			.get('/chat/conversations/254626/messages')
			.query({ orderBy: 'creation_time_desc', skip: '0', take: '100' })
			.reply(200, ok(messages(1, 100)))
			.get('/chat/conversations/254626/messages')
			.query({ orderBy: 'creation_time_desc', skip: '100', take: '50' })
			.reply(200, ok(messages(101, 50)))
			.get('/chat/conversations/254626/messages')
			.query({ orderBy: 'creation_time_desc', skip: '0', take: '100' })
			.reply(200, ok(messages(1, 100)))
			.get('/chat/conversations/254626/messages')
			.query({ orderBy: 'creation_time_desc', skip: '100', take: '100' })
			.reply(200, ok([]));
		const limited = await runNode({
			type: TYPE,
			parameters: list({ limit: 150 }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(limited.output).toHaveLength(150);
		const all = await runNode({
			type: TYPE,
			parameters: list({ returnAll: true }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		scope.done();
		expect(all.output).toHaveLength(100);
	});

	test('Return All stops when the API ignores skip and repeats a page', async () => {
		const scope = api('stored')
			.get('/chat/conversations/254626/messages')
			.query(true)
			.times(2)
			.reply(200, ok(messages(1, 100)));
		const { output, error } = await runNode({
			type: TYPE,
			parameters: list({ returnAll: true }),
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output).toHaveLength(100);
	});

	test('several input items: each lists its own conversation; an empty one gives no item', async () => {
		const scope = api('stored')
			.get('/chat/conversations/1/messages')
			.query(true)
			.reply(200, ok(messages(10, 2)))
			.get('/chat/conversations/2/messages')
			.query(true)
			.reply(200, ok([]))
			.get('/chat/conversations/3/messages')
			.query(true)
			.reply(200, ok(messages(30, 1)));
		const { output, error } = await runNode({
			type: TYPE,
			parameters: list({ conversationId: '={{$json.id}}', limit: 10 }),
			credentials: credentials({ accessToken: 'stored' }),
			items: [{ id: 1 }, { id: 2 }, { id: 3 }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(
			output.map((item) => [item.json.conversationId, item.json.messageId, item.pairedItem]),
		).toEqual([
			[1, 10, { item: 0 }],
			[1, 11, { item: 0 }],
			[3, 30, { item: 2 }],
		]);
	});

	test.each([
		[{ limit: 0 }, 'Limit must be at least 1 [item 0]'],
		[{ limit: 1001 }, 'Limit must be at most 1000 [item 0]'],
		[{ orderBy: 'newest' }, 'Order must be one of'],
	])('refuses %j before any request', async (extra, expected) => {
		const tokenScope = token();
		const { error } = await runNode({
			type: TYPE,
			parameters: list(extra),
			credentials: credentials(),
		});
		expect(error?.message).toContain(expected);
		expect(tokenScope.isDone()).toBe(false);
	});
});

describe('SocialBoards Conversations → Message → Add by team', () => {
	test('isByTeam is sent on the messages marked By Team only', async () => {
		const scope = api('stored')
			.post('/chat/conversations/254626/messages', [
				{ message: 'Where is my order?', author: { email: 'john@dow.com' } },
				{
					message: 'It ships today.',
					author: { email: 'ada@example.com', name: 'Ada' },
					isByTeam: true,
				},
				{ message: 'Thanks!', author: { email: 'john@dow.com' } },
			])
			.reply(
				200,
				ok(
					[1, 2, 3].map((id) => ({
						author,
						creationTime: '2023-10-19T10:00:58.84+00:00',
						id,
						lastModifiedTime: '2023-10-19T10:00:58.84+00:00',
						message: `m${id}`,
					})),
				),
			);
		const { output, error } = await runNode({
			type: TYPE,
			parameters: {
				resource: 'message',
				operation: 'add',
				conversationId: '254626',
				messages: {
					message: [
						{ text: 'Where is my order?', authorEmail: 'john@dow.com' },
						{
							text: 'It ships today.',
							authorEmail: 'ada@example.com',
							authorName: 'Ada',
							isByTeam: true,
						},
						{ text: 'Thanks!', authorEmail: 'john@dow.com', isByTeam: false },
					],
				},
			},
			credentials: credentials({ accessToken: 'stored' }),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json.messagesAdded).toBe(3);
	});

	test('By Team from an expression that is not true or false is refused, naming the message', async () => {
		const tokenScope = token();
		const { error } = await runNode({
			type: TYPE,
			parameters: {
				resource: 'message',
				operation: 'add',
				conversationId: '254626',
				messages: {
					message: [{ text: 'Hi', authorBy: 'bot', isByTeam: '={{ "yes" }}' }],
				},
			},
			credentials: credentials(),
		});
		expect(error?.message).toBe(
			'Messages › message 1 › By Team must be true or false, but got string [item 0]',
		);
		expect(tokenScope.isDone()).toBe(false);
	});
});
