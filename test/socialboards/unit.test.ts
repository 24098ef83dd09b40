import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	INode,
	INodeTypes,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { SocialBoardsConversationsApi } from '../../credentials/SocialBoardsConversationsApi.credentials';
import { socialBoards, socialBoardsBaseUrl } from '../../nodes/SocialBoards/vendor';
import { conversationId, userValue } from '../../nodes/SocialBoards/fields';
import { objectList } from '../../nodes/shared/checks';
import { addMessages, messageBody } from '../../nodes/SocialBoards/message/add';
import { readFields } from '../../nodes/shared/fields';
import { simplifyConversation, simplifyMessage } from '../../nodes/SocialBoards/simplify';
import type { RequestSpec } from '../../nodes/shared/types';

const USER_ID = 'fc2481f6-28a4-4ca7-849a-344fd6ab1b20';

describe('base URL', () => {
	test.each([
		['https://api.socialboards.com/', 'https://api.socialboards.com'],
		['https://api.socialboards.com', 'https://api.socialboards.com'],
		[' https://x.example.com/api/v2// ', 'https://x.example.com/api/v2'],
		['', 'https://api.socialboards.com'],
	])('%j is joined to "/chat/conversations" with exactly one slash', (baseUrl, expected) => {
		expect(socialBoardsBaseUrl({ baseUrl })).toBe(expected);
		expect(`${socialBoardsBaseUrl({ baseUrl })}/chat/conversations`).not.toMatch(/[^:]\/\//);
	});
});

describe('author (User value)', () => {
	test.each([
		[
			{ authorBy: 'email', authorEmail: 'a@b.co', authorName: 'Ana' },
			{ email: 'a@b.co', name: 'Ana' },
		],
		[
			{
				authorBy: 'customIdentifier',
				authorCustomIdentifier: 'crm-1',
				authorImage: 'https://e.com/a.png',
			},
			{ customIdentifier: 'crm-1', image: 'https://e.com/a.png' },
		],
		[{ authorBy: 'id', authorId: USER_ID, authorEmail: 'ignored@b.co' }, { id: USER_ID }],
		[{ authorBy: 'bot', authorEmail: 'ignored@b.co', authorName: 'ignored' }, { isBot: true }],
	])('%j → %j', (values, expected) => {
		expect(userValue(values)).toEqual(expected);
	});
});

/** Message → Add's Messages parameter through readFields, then as SocialBoards' message bodies. */
function readMessages(messages: unknown): IDataObject[] {
	const parameters: IDataObject = { conversationId: '254626', messages: messages as IDataObject };
	const context = {
		getNode: () =>
			({
				name: 'SocialBoards',
				type: 'socialBoards',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			}) as unknown as INode,
		getNodeParameter: (name: string) => parameters[name],
	} as unknown as IExecuteFunctions;
	return (readFields(context, addMessages.fields, 0).messages as IDataObject[]).map(messageBody);
}

const BOT_ENTRY = { text: 'ok', authorBy: 'bot' };

describe('Messages entries', () => {
	test('builds the message body in order, trims text, turns the creation time into ISO', () => {
		expect(
			readMessages({
				message: [
					{
						text: ' Hello ',
						authorBy: 'email',
						authorEmail: 'a@b.co',
						authorName: '',
						authorImage: '',
						creationTime: '2024-01-01T10:00:00+02:00',
					},
					{ text: 'Hi', authorBy: 'bot' },
				],
			}),
		).toEqual([
			{ message: 'Hello', author: { email: 'a@b.co' }, creationTime: '2024-01-01T08:00:00.000Z' },
			{ message: 'Hi', author: { isBot: true } },
		]);
	});

	test('the author defaults to e-mail when the entry has no "Author Identified By"', () => {
		expect(() => readMessages({ message: [BOT_ENTRY, BOT_ENTRY, { text: 'Hi' }] })).toThrow(
			'Messages › message 3 › Author Email is required but is empty [item 0]',
		);
	});

	test('a creation time 20 s ahead is accepted, 40 s ahead is refused', () => {
		const at = (ms: number) => new Date(Date.now() + ms).toISOString();
		const soon = at(20_000);
		expect(
			readMessages({ message: [{ text: 'a', authorBy: 'bot', creationTime: soon }] })[0]
				.creationTime,
		).toBe(soon);
		expect(() =>
			readMessages({
				message: [BOT_ENTRY, { text: 'a', authorBy: 'bot', creationTime: at(40_000) }],
			}),
		).toThrow(
			/^Messages › message 2 › Creation Time is .*, more than 30 seconds in the future \[item 0\]$/,
		);
	});

	test.each([
		[undefined, 'needs at least one message'],
		[{}, 'needs at least one message'],
		[{ message: 'x' }, 'must be a list of messages'],
		[{ message: ['x'] }, '› message 1 must be a set of fields (Text, Author …)'],
		[{ message: [{ authorBy: 'email' }] }, '› message 1 › Author Email is required but is empty'],
		[
			{ message: [{ text: 'a', authorBy: 'robot' }] },
			'› message 1 › Author Identified By must be one of',
		],
		[
			{ message: [{ text: 'a', authorBy: 'id', authorId: 'nope' }] },
			'› message 1 › Author User ID "nope" is not valid',
		],
	])('%j is refused: %s', (value, expected) => {
		expect(() => readMessages(value)).toThrow(`Messages ${expected}`);
	});
});

describe('field checks', () => {
	test('custom fields: JSON text or a list of objects; empty is left out', () => {
		const check = objectList({ max: 2 });
		expect(check('[{"id":1,"value":"a"}]')).toEqual([{ id: 1, value: 'a' }]);
		expect(check([{ id: 2 }])).toEqual([{ id: 2 }]);
		expect(check('[]')).toBeUndefined();
		expect(check('')).toBeUndefined();
		expect(() => check('[1]')).toThrow('entry 1 is not an object');
		expect(() => check('nope')).toThrow('is not valid JSON');
		expect(() => check('[{},{},{}]')).toThrow('has 3 entries; the limit is 2');
	});

	test('conversation ID: digits, from text or a number', () => {
		expect(conversationId(254626)).toBe('254626');
		expect(conversationId(' 12 ')).toBe('12');
		expect(() => conversationId('')).toThrow('is required');
		expect(() => conversationId('12a')).toThrow('must be a SocialBoards conversation ID');
		expect(() => conversationId({})).toThrow('but got an object');
	});
});

describe('simplify', () => {
	test('a conversation without queue info or author keeps the keys with null', () => {
		expect(simplifyConversation({ id: 1, isClosed: true, queuePositionInfo: null }, true)).toEqual({
			conversationId: 1,
			isClosed: true,
			isTakeoverEnabled: undefined,
			queuePosition: null,
			queueWaitTime: null,
			totalMessagesCount: undefined,
			author: null,
			creationTime: undefined,
			lastModifiedTime: undefined,
			messages: [],
		});
		expect(
			simplifyMessage({ id: 3, message: 'x', author: { id: 'b', isBot: true } }),
		).toMatchObject({ authorId: 'b', authorIsBot: true, authorName: null });
	});
});

describe('vendor error reading', () => {
	const request: RequestSpec = {
		method: 'POST',
		url: '/chat/conversations',
		purpose: 'create the conversation',
		idempotent: false,
	};
	const response = (statusCode: number, body: unknown) => ({ statusCode, headers: {}, body });

	test('success envelopes pass, errorCode other than -1 fails, as number or text', () => {
		expect(
			socialBoards.failureInSuccess!(
				response(200, { data: {}, errorCode: -1, errorText: null }),
				request,
			),
		).toBeUndefined();
		expect(
			socialBoards.failureInSuccess!(response(200, { data: {}, errorCode: '-1' }), request),
		).toBeUndefined();
		expect(socialBoards.failureInSuccess!(response(200, { data: [] }), request)).toBeUndefined();
		expect(
			socialBoards.failureInSuccess!(
				response(200, { data: null, errorCode: 3, errorText: 'Bad' }),
				request,
			)?.message,
		).toBe('Bad [error code 3]');
		expect(
			socialBoards.failureInSuccess!(response(200, { data: null, errorCode: '7' }), request)
				?.message,
		).toBe('no error text [error code 7]');
		expect(socialBoards.failureInSuccess!(response(200, ''), request)?.description).toContain(
			'may have been processed',
		);
	});

	test('error bodies: envelope, ASP.NET Message, OAuth error', () => {
		expect(
			socialBoards.explainError(
				response(400, { errorCode: 1, errorText: 'x is required' }),
				request,
			),
		).toEqual({ message: 'x is required [error code 1]' });
		expect(socialBoards.explainError(response(401, { Message: 'Denied' }), request)).toEqual({
			message: 'Denied',
		});
		expect(socialBoards.explainError(response(500, 'oops'), request)).toEqual({});
	});
});

describe('credential', () => {
	const credential = new SocialBoardsConversationsApi();
	const stored = {
		clientId: ' client-1 ',
		refreshToken: 'refresh-1',
		tokenUrl: 'https://t.example.com/token',
		baseUrl: '',
	};

	function helper(answer: () => unknown) {
		const calls: unknown[] = [];
		const context = {
			helpers: {
				httpRequest: async (options: unknown) => {
					calls.push(options);
					return answer();
				},
			},
		} as unknown as IHttpRequestHelper;
		return { context, calls };
	}

	test('posts the form to the token URL and returns only the access token when the refresh token stays', async () => {
		const { context, calls } = helper(() => ({
			access_token: 'a1',
			refresh_token: 'refresh-1',
			expires_in: 3599,
		}));
		await expect(credential.preAuthentication.call(context, stored)).resolves.toEqual({
			accessToken: 'a1',
		});
		expect(calls).toEqual([
			{
				method: 'POST',
				url: 'https://t.example.com/token',
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: 'grant_type=refresh_token&refresh_token=refresh-1&client_id=client-1',
				json: true,
				// Outside a node run (n8n's credential test) the token step gets 30 s.
				timeout: expect.any(Number),
				disableFollowRedirect: true,
			},
		]);
		const { timeout } = calls[0] as { timeout: number };
		expect(timeout).toBeGreaterThan(29_000);
		expect(timeout).toBeLessThanOrEqual(30_000);
	});

	test('returns the rotated refresh token with the access token, so n8n stores both', async () => {
		const { context } = helper(() => ({ access_token: 'a2', refresh_token: 'refresh-2' }));
		await expect(credential.preAuthentication.call(context, stored)).resolves.toEqual({
			accessToken: 'a2',
			refreshToken: 'refresh-2',
		});
	});

	test('a network failure (no HTTP answer) is passed on, flagged as a token step that may be retried', async () => {
		const failure = Object.assign(new Error('getaddrinfo ENOTFOUND t.example.com'), {
			code: 'ENOTFOUND',
		});
		const { context } = helper(() => {
			throw failure;
		});
		await expect(credential.preAuthentication.call(context, stored)).rejects.toBe(failure);
		expect(failure).toMatchObject({ tokenStep: true, retryable: true });
	});

	const rejection = async (answer: () => unknown) =>
		(await credential.preAuthentication.call(helper(answer).context, stored).then(
			() => undefined,
			(caught: unknown) => caught,
		)) as Error & {
			tokenStep?: unknown;
			retryable?: unknown;
			httpStatus: number;
			response: { data: unknown };
		};
	const httpError = (status: number, data: unknown) => () => {
		throw Object.assign(new Error('Request failed'), { response: { status, headers: {}, data } });
	};

	test('a 5xx from the token URL says to try later, is retryable, and quotes nothing of the answer', async () => {
		const error = await rejection(httpError(503, 'busy refresh-9'));
		expect(error.message).toContain('the token URL https://t.example.com/token answered HTTP 503');
		expect(error.message).toContain('run the workflow again later');
		expect(error.message).not.toContain('refresh-9');
		expect(error.httpStatus).toBe(503);
		expect(error).toMatchObject({ tokenStep: true, retryable: true });
	});

	test('invalid_grant names the Refresh Token field in the message (the credential test shows it) and may be retried', async () => {
		const error = await rejection(
			httpError(400, { error: 'invalid_grant', error_description: 'token refresh-1 was used' }),
		);
		expect(Object.getOwnPropertyDescriptor(error, 'tokenStep')?.value).toBe(true);
		expect(Object.getOwnPropertyDescriptor(error, 'retryable')?.value).toBe(true);
		expect(error.httpStatus).toBe(400);
		expect(error.message).toContain('SocialBoards refused the refresh token (invalid_grant)');
		expect(error.message).toContain(
			'Fix the "Refresh Token" field of the SocialBoards Conversations credential',
		);
		expect(JSON.stringify(error.response)).not.toContain('refresh-1');
		// no status where n8n looks for one: n8n would show its own words for it instead
		expect(error).not.toHaveProperty('status');
		expect(error.response).not.toHaveProperty('status');
	});

	test('invalid_client names the Client ID and is not retried', async () => {
		const error = await rejection(httpError(401, { error: 'invalid_client' }));
		expect(error.message).toContain('Fix the "Client ID" field');
		expect(error).toMatchObject({ tokenStep: true, retryable: false });
	});

	test('a 2xx answer without an access token names only its keys, never its values', async () => {
		const error = await rejection(() => ({
			token: 'secret-access-1',
			refresh_token: 'refresh-1',
			'<b>': 'x',
		}));
		expect(error.message).toContain(
			'answered without an access_token (a JSON object with the keys token, refresh_token, and 1 more)',
		);
		expect(JSON.stringify({ message: error.message, response: error.response })).not.toMatch(
			/secret-access-1|refresh-1"/,
		);
		expect(error).toMatchObject({ tokenStep: true, retryable: false });
	});

	test('a rotated refresh token without an access token is still returned, so n8n stores it', async () => {
		const { context } = helper(() => ({
			refresh_token: 'refresh-2',
			error: 'temporarily_unavailable',
		}));
		await expect(credential.preAuthentication.call(context, stored)).resolves.toEqual({
			accessToken: '',
			refreshToken: 'refresh-2',
		});
	});

	test('authenticate sends the bearer token, and refuses to send anything without one', async () => {
		await expect(
			credential.authenticate(
				{ ...stored, accessToken: 'a1' },
				{ url: '/x', headers: { Accept: 'x' } },
			),
		).resolves.toEqual({
			url: '/x',
			headers: { Accept: 'x', Authorization: 'Bearer a1' },
		});
		await expect(
			credential.authenticate({ ...stored, accessToken: '' }, { url: '/x' }),
		).rejects.toMatchObject({
			tokenStep: true,
			message: expect.stringContaining('answered without an access_token'),
		});
	});

	test('the test request resolves to {base}/Teammates with one slash, with or without a trailing slash', () => {
		const node: INode = {
			id: '1',
			name: 'n',
			type: 'x',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const nodeTypes = {
			getByName: () => undefined,
			getByNameAndVersion: () => undefined,
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes;
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const resolve = (baseUrl: string) =>
			workflow.expression.getSimpleParameterValue(
				node,
				credential.test.request.baseURL as string,
				'internal',
				{ $credentials: { baseUrl } },
				undefined,
				'',
			);
		expect(credential.test.request.url).toBe('/Teammates');
		expect(resolve('https://api.socialboards.com/')).toBe('https://api.socialboards.com');
		expect(resolve('https://proxy.example.com/sb')).toBe('https://proxy.example.com/sb');
		expect(resolve('')).toBe('https://api.socialboards.com');
	});
});

describe('credential: a warning for an http:// URL that is not on this machine', () => {
	const properties = new SocialBoardsConversationsApi().properties;
	/** The warnings n8n's editor shows for these credential values (its own displayOptions logic). */
	const warnings = (values: IDataObject) =>
		properties
			.filter((property) => property.type === 'notice')
			.filter((property) => NodeHelpers.displayParameter(values as never, property, null, null))
			.map((property) => property.name);
	test.each([
		['https://api.socialboards.com/', 'https://api.socialboards.com/token', []],
		[
			'http://api.socialboards.com/',
			'https://api.socialboards.com/token',
			['baseUrlCleartextNotice'],
		],
		[
			'https://api.socialboards.com/',
			'http://proxy.example.com/token',
			['tokenUrlCleartextNotice'],
		],
		['http://localhost:8080/', 'http://127.0.0.1:8080/token', []],
		['http://[::1]/', 'http://localhost/token', []],
		// a host that only begins like a local one is not local
		[
			'http://localhost.example.com/',
			'http://127.0.0.1.example.com/token',
			['tokenUrlCleartextNotice', 'baseUrlCleartextNotice'],
		],
	])('API Base URL %s, Token URL %s: %j', (baseUrl, tokenUrl, expected) => {
		expect(warnings({ baseUrl, tokenUrl, clientId: 'c', refreshToken: 'r' })).toEqual(expected);
	});
});
