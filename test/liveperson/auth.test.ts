import nock from 'nock';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INodeParameters,
} from 'n8n-workflow';

import { testCredential } from '../harness/credential-test';
import { loadPackage, runNode } from '../harness/engine';
import * as lp from './mock';

function create(parameters: INodeParameters = {}, credentials: Record<string, string> = {}) {
	return runNode({
		type: 'livePerson',
		parameters: {
			resource: 'conversation',
			operation: 'create',
			externalConsumerId: 'u1',
			...parameters,
		},
		credentials: lp.credentials(credentials),
	});
}

// The messaging service and IDP are overridden here, so the trace shows the token work only.
const OVERRIDES = { idpUrl: lp.IDP, asyncMessagingEntUrl: lp.MESSAGING };
const ANY = /.+/;

describe('LivePerson › AppJWT renewal and the 401 codes', () => {
	it('renews an expired AppJWT once after a 401 (40102) and sends the conversation again', async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1', { jwt: 'stale-jwt' });
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			jwt: 'stale-jwt',
			status: 401,
			times: 2,
			reply: lp.lpAuthError(40102, 'Invalid AppJWT', 'AppJWT has expired or is invalid'),
			label: 'conversation 401',
		});
		lp.lookup(trace, 'sentinel', lp.SENTINEL);
		lp.token(trace);
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			jwt: lp.APP_JWT,
			reply: lp.okBatch('conv-1'),
		});

		const result = await create({}, { ...OVERRIDES, appJwt: 'stale-jwt' });

		expect(result.error).toBeUndefined();
		// A 401 to a request sent beside others is sent again alone in the credential's lane, which renews.
		expect(trace.log).toEqual([
			'consumer u1',
			'conversation 401',
			'conversation 401',
			'domain sentinel',
			'token',
			'conversation',
		]);
		expect(result.output[0].json.conversationId).toBe('conv-1');
		expect(result.credentialsHelper.preAuthenticationRuns.livePersonConversationsApi).toBe(1);
		expect(result.credentialsHelper.store.livePersonConversationsApi.appJwt).toBe(lp.APP_JWT);
	});

	it('explains 40102 when the renewed AppJWT is refused too', async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1', { jwt: 'stale-jwt' });
		lp.lookup(trace, 'sentinel', lp.SENTINEL);
		lp.token(trace);
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			jwt: ANY,
			status: 401,
			times: 3,
			reply: lp.lpAuthError(40102, 'Invalid AppJWT', 'AppJWT has expired or is invalid'),
			label: 'conversation 401',
		});

		const result = await create({}, { ...OVERRIDES, appJwt: 'stale-jwt' });

		expect(result.error?.message).toBe(
			'LivePerson could not create the conversation: Invalid AppJWT: AppJWT has expired or is invalid [40102] (HTTP 401) [item 0]',
		);
		expect(result.error?.description).toContain(
			'The AppJWT was refused even after n8n fetched a new one',
		);
		expect(trace.log).toEqual([
			'consumer u1',
			'conversation 401',
			'conversation 401',
			'domain sentinel',
			'token',
			'conversation 401',
		]);
	});

	it('gets a fresh ConsumerJWS after 40103 instead of treating it as an AppJWT problem', async () => {
		const trace = new lp.Trace();
		const firstJws = lp.consumerJws('u1', undefined, 1);
		const secondJws = lp.consumerJws('u1', undefined, 2);
		lp.consumer(trace, 'u1', { jwt: lp.APP_JWT, serial: 1 });
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			jwt: ANY,
			jws: firstJws,
			status: 401,
			times: 3,
			reply: lp.lpAuthError(40103, 'Invalid ConsumerJWS', 'ConsumerJWS is invalid'),
			label: 'conversation 40103',
		});
		lp.lookup(trace, 'sentinel', lp.SENTINEL);
		lp.token(trace, { jwt: lp.APP_JWT_2 });
		lp.consumer(trace, 'u1', { jwt: lp.APP_JWT_2, serial: 2 });
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			jwt: lp.APP_JWT_2,
			jws: secondJws,
			reply: lp.okBatch('conv-2'),
		});

		const result = await create({}, { ...OVERRIDES, appJwt: lp.APP_JWT });

		expect(result.error).toBeUndefined();
		expect(trace.log).toEqual([
			'consumer u1',
			'conversation 40103',
			'conversation 40103',
			'domain sentinel',
			'token',
			'conversation 40103',
			'consumer u1',
			'conversation',
		]);
		expect(result.output[0].json.conversationId).toBe('conv-2');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('explains 40103 when the fresh ConsumerJWS is refused as well', async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1', { jwt: ANY, serial: 1 });
		lp.consumer(trace, 'u1', { jwt: ANY, serial: 2 });
		lp.lookup(trace, 'sentinel', lp.SENTINEL, { times: 2 });
		lp.token(trace, { times: 2 });
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			jwt: ANY,
			jws: ANY,
			status: 401,
			times: 6,
			reply: lp.lpAuthError(40103, 'Invalid ConsumerJWS', 'ConsumerJWS is invalid'),
			label: 'conversation 40103',
		});

		const result = await create({}, { ...OVERRIDES, appJwt: lp.APP_JWT });

		expect(result.error?.message).toBe(
			'LivePerson could not create the conversation: Invalid ConsumerJWS: ConsumerJWS is invalid [40103] (HTTP 401) [item 0]',
		);
		expect(result.error?.description).toContain('this is not an AppJWT problem');
		expect(trace.log.filter((entry) => entry === 'consumer u1')).toHaveLength(2);
		expect(trace.log.filter((entry) => entry === 'conversation 40103')).toHaveLength(6);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it.each([
		[
			40104,
			'ConsumerJWS is missing',
			'X_ON_BEHALF_HEADER is not present',
			'The X-LP-ON-BEHALF header with the ConsumerJWS did not reach LivePerson',
		],
		[
			40105,
			'AppJWT is missing',
			'AUTHORIZATION header is not present',
			'The Authorization header with the AppJWT did not reach LivePerson',
		],
	])('explains %i with what to fix', async (code, title, details, hint) => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1');
		lp.lookup(trace, 'sentinel', lp.SENTINEL);
		lp.token(trace);
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			jwt: ANY,
			status: 401,
			times: 3,
			reply: lp.lpAuthError(code, title, details),
			label: 'conversation 401',
		});

		const result = await create({}, { ...OVERRIDES, appJwt: lp.APP_JWT });

		expect(result.error?.message).toBe(
			`LivePerson could not create the conversation: ${title}: ${details} [${code}] (HTTP 401) [item 0]`,
		);
		expect(result.error?.description).toContain(hint);
		expect(trace.log).toEqual([
			'consumer u1',
			'conversation 401',
			'conversation 401',
			'domain sentinel',
			'token',
			'conversation 401',
		]);
	});

	it('explains 40001 (HTTP 400, no renewal)', async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1');
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			status: 400,
			reply: lp.lpAuthError(40001, 'Missing parameter', 'Brand Id is missing'),
			label: 'conversation 400',
		});

		const result = await create({}, { ...OVERRIDES, appJwt: lp.APP_JWT });

		expect(result.error?.message).toBe(
			'LivePerson could not create the conversation: Missing parameter: Brand Id is missing [40001] (HTTP 400) [item 0]',
		);
		expect(result.error?.description).toContain(
			'Check that the Account ID of the LivePerson Conversations credential is the account LivePerson installed the connector on',
		);
		expect(trace.log).toEqual(['consumer u1', 'conversation 400']);
		expect(
			result.credentialsHelper.preAuthenticationRuns.livePersonConversationsApi,
		).toBeUndefined();
	});
});

describe('LivePerson › getting the AppJWT fails', () => {
	it('says the client ID or secret is wrong when Sentinel answers 401', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'sentinel', lp.SENTINEL);
		lp.token(trace, {
			status: 401,
			body: { error: 'invalid_client', error_description: 'Bad client credentials' },
		});
		lp.consumer(trace, 'u1');

		const result = await create({}, OVERRIDES);

		expect(result.error?.message).toBe(
			'LivePerson could not get a ConsumerJWS for the external consumer ID "u1": no AppJWT: Sentinel refused the Client ID or Client Secret (invalid_client) (HTTP 401) [item 0]',
		);
		expect(result.error?.description).toContain(
			"Copy the Client ID (the connector's app installation ID) and the Client Secret again",
		);
		// n8n does not repeat a failed token step (its error carries no status n8n reads); the IDP is
		// never asked.
		expect(trace.log).toEqual(['domain sentinel', 'token']);
	});

	it('says the account ID is unknown when the Domain API does not know it', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'sentinel', lp.SENTINEL, {
			status: 404,
			body: {
				kind: 'resp',
				code: 404,
				body: { title: 'Not Found', details: 'Account 12345678 not found' },
			},
		});

		const result = await create();

		expect(result.error?.message).toBe(
			'LivePerson could not look up the idp host of account 12345678: no AppJWT: LivePerson does not know the account ID "12345678" (Domain API answered 404) (HTTP 404) [item 0]',
		);
		expect(result.error?.description).toContain(
			'Check the Account ID of the LivePerson Conversations credential',
		);
		expect(trace.log).toEqual(['domain sentinel']);
	});

	it('fails clearly when Sentinel answers 200 without a token', async () => {
		const trace = new lp.Trace();
		lp.token(trace, { base: 'http://127.0.0.1:18090', body: { hello: 'proxy page' } });

		const result = await create({}, { ...OVERRIDES, sentinelUrl: 'http://127.0.0.1:18090' });

		expect(result.error?.message).toBe(
			'LivePerson could not get a ConsumerJWS for the external consumer ID "u1": no AppJWT: Sentinel answered without an access_token (a JSON object with the keys hello) (HTTP 200) [item 0]',
		);
		expect(trace.log).toEqual(['token']);
	});

	it('fails clearly when the Domain API names no host for a service', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'idp', lp.IDP);
		lp.lookup(trace, 'asyncMessagingEnt', lp.MESSAGING, {
			body: { service: 'asyncMessagingEnt', account: lp.ACCOUNT },
		});

		const result = await create({}, { appJwt: lp.APP_JWT });

		expect(result.error?.message).toBe(
			'LivePerson: the Domain API names no asyncMessagingEnt host for account 12345678 [item 0]',
		);
		expect(result.error?.description).toContain('set the "asyncMessagingEntUrl" override');
	});
});

describe('LivePerson › credential', () => {
	async function credentialType() {
		const { credentialTypes } = await loadPackage();
		return credentialTypes.livePersonConversationsApi;
	}

	it('authenticates with the raw AppJWT and sends no token to the Domain API', async () => {
		const type = await credentialType();
		const authenticate = type.authenticate as (
			c: ICredentialDataDecryptedObject,
			o: IHttpRequestOptions,
		) => Promise<IHttpRequestOptions>;
		const creds = lp.credentials({ appJwt: lp.APP_JWT }).livePersonConversationsApi;
		const signed = await authenticate(creds, {
			url: `${lp.IDP}/api/account/1/consumer`,
			headers: { Accept: 'x' },
		});
		expect(signed.headers).toEqual({ Accept: 'x', Authorization: lp.APP_JWT });
		const lookup = await authenticate(creds, {
			url: `${lp.DOMAIN_API}/api/account/1/service/idp/baseURI.json`,
		});
		expect(lookup.headers).toBeUndefined();
	});

	it('preAuthentication posts the client-credentials form and returns the AppJWT', async () => {
		const type = await credentialType();
		const calls: IHttpRequestOptions[] = [];
		const helpers = {
			httpRequest: async (options: IHttpRequestOptions) => {
				calls.push(options);
				return calls.length === 1
					? {
							statusCode: 200,
							headers: {},
							body: {
								service: 'sentinel',
								account: lp.ACCOUNT,
								baseURI: 'lo.sentinel.liveperson.net',
							},
						}
					: {
							statusCode: 200,
							headers: {},
							body: JSON.stringify({ access_token: lp.APP_JWT, token_type: 'Bearer' }),
						};
			},
		};
		const output = await type.preAuthentication!.call(
			{ helpers } as never,
			lp.credentials().livePersonConversationsApi,
		);
		expect(output).toEqual({ appJwt: lp.APP_JWT });
		expect(calls[0].url).toBe(
			`${lp.DOMAIN_API}/api/account/${lp.ACCOUNT}/service/sentinel/baseURI.json`,
		);
		expect(calls[1]).toMatchObject({
			method: 'POST',
			url: `https://lo.sentinel.liveperson.net/sentinel/api/account/${lp.ACCOUNT}/app/token?v=1.0&grant_type=client_credentials`,
			body: 'client_id=installation-75588e18&client_secret=secret%2Fwith%26odd%3Dchars',
		});
	});

	it.each([
		[
			'a wrong account ID (Domain API)',
			[{ statusCode: 401, body: { error: 'invalid site' } }],
			401,
			'LivePerson does not know the account ID "12345678"',
		],
		[
			'wrong client credentials (Sentinel)',
			[
				{ statusCode: 200, body: { baseURI: 'va.sentinel.liveperson.net' } },
				{ statusCode: 401, body: '{"error":"invalid_client"}' },
			],
			401,
			'Sentinel refused the Client ID or Client Secret',
		],
		[
			'an account the connector is not installed on (Sentinel)',
			[
				{ statusCode: 200, body: { baseURI: 'va.sentinel.liveperson.net' } },
				{ statusCode: 403, body: {} },
			],
			403,
			'Sentinel refused the token request for account 12345678',
		],
	])('tells %s apart in the credential test message', async (_case, answers, status, message) => {
		const type = await credentialType();
		const queue = [...answers];
		const helpers = { httpRequest: async () => ({ headers: {}, ...queue.shift() }) };
		const failure = type.preAuthentication!.call(
			{ helpers } as never,
			lp.credentials().livePersonConversationsApi,
		);
		// n8n's credential test shows the message: the error carries no status n8n would put its own
		// words for in its place.
		await expect(failure).rejects.toMatchObject({
			httpStatus: status,
			message: expect.stringContaining(message),
		});
		await expect(failure).rejects.not.toHaveProperty('response.status');
		// The transport reads these: a token-step failure sent nothing; a refusal is not retried.
		await expect(failure).rejects.toMatchObject({ tokenStep: true, retryable: false });
	});

	it('marks a busy Sentinel (503) and a Domain API without an answer as token-step failures that may be retried', async () => {
		const type = await credentialType();
		const credentials = lp.credentials().livePersonConversationsApi;
		const answers = [
			{ statusCode: 200, headers: {}, body: { baseURI: 'va.sentinel.liveperson.net' } },
			{ statusCode: 503, headers: {}, body: '' },
		];
		const busy = type.preAuthentication!.call(
			{ helpers: { httpRequest: async () => answers.shift() } } as never,
			credentials,
		);
		await expect(busy).rejects.toMatchObject({
			tokenStep: true,
			retryable: true,
			httpStatus: 503,
		});

		const unreachable = Object.assign(new Error('getaddrinfo ENOTFOUND api.liveperson.net'), {
			code: 'ENOTFOUND',
		});
		const failing = type.preAuthentication!.call(
			{ helpers: { httpRequest: async () => Promise.reject(unreachable) } } as never,
			credentials,
		);
		await expect(failing).rejects.toBe(unreachable);
		expect(unreachable).toMatchObject({ tokenStep: true, retryable: true });
	});

	it('keeps the AppJWT in a password field (n8n does not send it to the browser); n8n still stores it', async () => {
		const type = await credentialType();
		expect(type.properties.find((property) => property.name === 'appJwt')).toMatchObject({
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
		});
		const trace = new lp.Trace();
		lp.lookup(trace, 'sentinel', lp.SENTINEL);
		lp.token(trace);
		lp.consumer(trace, 'u1');
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			jwt: lp.APP_JWT,
			reply: lp.okBatch('conv-1'),
		});
		const result = await create({}, { ...OVERRIDES, appJwt: '' });
		expect(result.error).toBeUndefined();
		expect(result.credentialsHelper.store.livePersonConversationsApi.appJwt).toBe(lp.APP_JWT);
	});

	const testCredentialWith = (overrides: Record<string, string> = {}) =>
		testCredential(
			'livePersonConversationsApi',
			lp.credentials(overrides).livePersonConversationsApi,
		);

	it('is tested by the node: the AppJWT from Sentinel, then the messaging service of the account', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'sentinel', lp.SENTINEL);
		lp.token(trace);
		lp.lookup(trace, 'asyncMessagingEnt', lp.MESSAGING);
		expect((await credentialType()).test).toBeUndefined();

		expect(await testCredentialWith()).toEqual({
			status: 'OK',
			message: 'Connection successful',
		});
		expect(trace.log).toEqual(['domain sentinel', 'token', 'domain asyncMessagingEnt']);
	});

	it('says which value is wrong when the credential test fails', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'sentinel', lp.SENTINEL, { times: 2 });
		lp.token(trace, { status: 401, body: { error: 'invalid_client' } });
		lp.token(trace);
		lp.lookup(trace, 'asyncMessagingEnt', lp.MESSAGING, {
			body: { service: 'asyncMessagingEnt', account: lp.ACCOUNT },
		});

		const refused = await testCredentialWith();
		expect(refused.status).toBe('Error');
		expect(refused.message).toContain(
			'LivePerson: Sentinel refused the Client ID or Client Secret (invalid_client).',
		);
		const noMessaging = await testCredentialWith();
		expect(noMessaging.status).toBe('Error');
		expect(noMessaging.message).toContain(
			'LivePerson: the Domain API names no asyncMessagingEnt host for account 12345678.',
		);
		const badAccount = await testCredentialWith({ accountId: 'acme' });
		expect(badAccount).toEqual({
			status: 'Error',
			message:
				'The Account ID must be your LivePerson account number, but is "acme". Enter the account (site) ID: digits only, as shown in LivePerson\'s console.',
		});
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('LivePerson › a failed token or discovery answer keeps only its key names', () => {
	const LEAK = 'LEAKED-4711';
	/** The error and everything of the run n8n stores in the execution, as text. */
	function stored(result: Awaited<ReturnType<typeof create>>): string {
		const seen = new WeakSet<object>();
		const replacer = (_key: string, value: unknown) => {
			if (typeof value === 'object' && value !== null) {
				if (seen.has(value)) return undefined;
				seen.add(value);
			}
			return value;
		};
		const error = result.error as unknown as Record<string, unknown>;
		const own = Object.fromEntries(
			Object.getOwnPropertyNames(error).map((key) => [key, error[key]]),
		);
		return JSON.stringify([own, result.run.data], replacer);
	}

	it('Sentinel: a 401 body with tokens and texts', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'sentinel', lp.SENTINEL, { times: 2 });
		lp.token(trace, {
			status: 401,
			times: 2,
			body: {
				error: 'invalid_client',
				error_description: `client ${LEAK} unknown`,
				access_token: LEAK,
			},
		});

		const result = await create({}, OVERRIDES);

		expect(result.error?.message).toContain(
			'Sentinel refused the Client ID or Client Secret (invalid_client) (HTTP 401) [item 0]',
		);
		const text = stored(result);
		expect(text).toContain('a JSON object with the keys error, error_description, access_token');
		expect(text).not.toContain(LEAK);
	});

	it('Sentinel: a 500 page', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'sentinel', lp.SENTINEL, { times: 6 });
		lp.token(trace, { status: 500, times: 6, body: `<html>proxy ${LEAK}</html>` });

		const result = await create({}, OVERRIDES);

		expect(result.error?.message).toContain('Sentinel could not issue an AppJWT (HTTP 500)');
		expect(stored(result)).not.toContain(LEAK);
	});

	it('Domain API: the Sentinel lookup inside the token step', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'sentinel', lp.SENTINEL, {
			status: 404,
			body: { kind: 'resp', code: 404, body: { title: 'Not Found', details: LEAK } },
		});

		const result = await create();

		expect(result.error?.message).toContain('LivePerson does not know the account ID "12345678"');
		expect(stored(result)).toContain('a JSON object with the keys kind, code, body');
		expect(stored(result)).not.toContain(LEAK);
	});

	it("Domain API: the node's own lookup of the idp host", async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'idp', lp.IDP, {
			status: 403,
			body: { error: 'forbidden', message: `site ${LEAK} blocked` },
		});

		const result = await create({}, { appJwt: lp.APP_JWT });

		expect(result.error?.message).toBe(
			"LivePerson could not look up the idp host of account 12345678: LivePerson's Domain API does not know the account (HTTP 403) [item 0]",
		);
		expect(stored(result)).toContain('a JSON object with the keys error, message');
		expect(stored(result)).not.toContain(LEAK);
	});
});
