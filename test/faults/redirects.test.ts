import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { testCredential } from '../harness/credential-test';
import { runNode } from '../harness/engine';
import { localServer, redirectingServer, type LocalServer } from '../harness/redirect';

// Every request the package makes outside the shared transport (token steps and credential tests)
// refuses redirects: n8n follows them by default and forwards the credential across origins, so a
// 307 would re-POST a refresh token or client secret to the other origin. Each path meets a real
// local server answering 301 or 307 towards another local server, which records what reaches it.

let elsewhere: LocalServer;
let redirector: LocalServer;

async function redirectTo(status: number): Promise<string> {
	redirector = await redirectingServer(status, elsewhere);
	return redirector.url;
}

beforeEach(async () => {
	elsewhere = await localServer();
});
afterEach(async () => {
	await redirector?.close();
	await elsewhere.close();
});

const SECRET = 'very-secret-value-4711';

describe('token steps of a node run', () => {
	test('SocialBoards: a 307 from the Token URL is refused, naming the Token URL; the refresh token stays here', async () => {
		const tokenUrl = `${await redirectTo(307)}/token`;
		const { error } = await runNode({
			type: 'socialBoards',
			parameters: {
				resource: 'conversation',
				operation: 'create',
				authorBy: 'email',
				authorEmail: 'ana@example.com',
			},
			credentials: {
				socialBoardsConversationsApi: {
					accessToken: '',
					clientId: 'client-1',
					refreshToken: SECRET,
					tokenUrl,
					baseUrl: elsewhere.url,
				},
			},
		});
		expect(error?.message).toContain(
			`the token URL ${tokenUrl} answered with a redirect to ${elsewhere.url} (HTTP 307) [item 0]`,
		);
		expect(error?.description).toContain(
			'Fix the "Token URL" field of the SocialBoards Conversations credential',
		);
		expect(redirector.received).toHaveLength(1);
		expect(elsewhere.received).toEqual([]);
		expect(elsewhere.sawSecret(SECRET)).toBe(false);
	});

	const livePersonCreate: INodeParameters = {
		resource: 'conversation',
		operation: 'create',
		externalConsumerId: 'u1',
	};
	const livePerson = (overrides: ICredentialDataDecryptedObject) => ({
		livePersonConversationsApi: {
			appJwt: '',
			accountId: '12345678',
			clientId: 'installation-1',
			clientSecret: SECRET,
			domainApiHost: elsewhere.url,
			sentinelUrl: '',
			idpUrl: '',
			asyncMessagingEntUrl: '',
			...overrides,
		},
	});

	test('LivePerson: a 307 from Sentinel is refused, naming the Sentinel URL; the client secret stays here', async () => {
		const sentinelUrl = await redirectTo(307);
		const { error } = await runNode({
			type: 'livePerson',
			parameters: livePersonCreate,
			credentials: livePerson({
				sentinelUrl,
				idpUrl: elsewhere.url,
				asyncMessagingEntUrl: elsewhere.url,
			}),
		});
		expect(error?.message).toContain(
			`Sentinel answered with a redirect to ${elsewhere.url} (HTTP 307)`,
		);
		expect(error?.description).toContain(
			'Fix the "Sentinel URL (Override)" field of the LivePerson Conversations credential',
		);
		expect(redirector.received.map((request) => request.method)).toEqual(['POST']);
		expect(elsewhere.received).toEqual([]);
		expect(elsewhere.sawSecret(SECRET)).toBe(false);
	});

	test("LivePerson: a 301 from the Domain API's Sentinel lookup is refused, naming the Domain API Host", async () => {
		const domainApiHost = await redirectTo(301);
		const { error } = await runNode({
			type: 'livePerson',
			parameters: livePersonCreate,
			credentials: livePerson({
				domainApiHost,
				idpUrl: elsewhere.url,
				asyncMessagingEntUrl: elsewhere.url,
			}),
		});
		expect(error?.message).toContain(
			`the Domain API answered with a redirect to ${elsewhere.url} (HTTP 301)`,
		);
		expect(error?.description).toContain(
			'Fix the "Domain API Host" field of the LivePerson Conversations credential',
		);
		expect(elsewhere.received).toEqual([]);
	});
});

describe('credential tests', () => {
	test('Chatwoot (testedBy): a 301 from the Base URL fails the test, naming the Base URL; the access token stays here', async () => {
		const baseUrl = await redirectTo(301);
		const result = await testCredential('chatwootConversationsApi', {
			baseUrl,
			inboxIdentifier: '',
			hmacToken: '',
			apiAccessToken: SECRET,
			accountId: '',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`answered with a redirect to ${elsewhere.url} (HTTP 301)`);
		expect(result.message).toContain('Fix the "Base URL" field');
		expect(elsewhere.received).toEqual([]);
		expect(elsewhere.sawSecret(SECRET)).toBe(false);
	});

	test('Chatwoot (testedBy): a 301 on the public inbox check fails the test, naming the Base URL', async () => {
		const baseUrl = await redirectTo(301);
		const result = await testCredential('chatwootConversationsApi', {
			baseUrl,
			inboxIdentifier: SECRET,
			hmacToken: '',
			apiAccessToken: '',
			accountId: '',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Fix the "Base URL" field');
		expect(elsewhere.received).toEqual([]);
	});

	test('Userdesk (testedBy): a 307 from the Base URL fails the test, naming the Base URL; the API key stays here', async () => {
		const baseUrl = await redirectTo(307);
		const result = await testCredential('userdeskConversationsApi', {
			apiKey: SECRET,
			chatbotId: 'bot-1',
			baseUrl,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`answered with a redirect to ${elsewhere.url} (HTTP 307)`);
		expect(result.message).toContain('Fix the "Base URL" field');
		expect(elsewhere.received).toEqual([]);
		expect(elsewhere.sawSecret(SECRET)).toBe(false);
	});

	test('Intercom (tested by the node): a 301 from the custom Base URL fails the test, naming the field; the access token stays here', async () => {
		const baseUrl = await redirectTo(301);
		const result = await testCredential('intercomConversationsApi', {
			accessToken: SECRET,
			region: 'custom',
			baseUrl,
			apiVersion: '2.14',
			clientSecret: '',
			workspaceId: '',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain('the "Base URL" field');
		expect(redirector.received.map((request) => request.path)).toEqual(['/me']);
		expect(elsewhere.received).toEqual([]);
		expect(elsewhere.sawSecret(SECRET)).toBe(false);
	});

	test('SocialBoards (declarative test): a 301 from the API Base URL fails the test, naming the field; the access token stays here', async () => {
		const token = await localServer(() => ({
			status: 200,
			body: JSON.stringify({ access_token: SECRET, token_type: 'bearer', expires_in: 3600 }),
		}));
		try {
			const baseUrl = await redirectTo(301);
			const result = await testCredential('socialBoardsConversationsApi', {
				accessToken: '',
				clientId: 'client-1',
				refreshToken: 'refresh-1',
				tokenUrl: `${token.url}/token`,
				baseUrl,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toContain('"API Base URL"');
			expect(redirector.received.map((request) => request.path)).toEqual(['/Teammates']);
			expect(elsewhere.received).toEqual([]);
			expect(elsewhere.sawSecret(SECRET)).toBe(false);
		} finally {
			await token.close();
		}
	});

	test('SocialBoards (token step of the test): a 307 from the Token URL fails the test, naming the Token URL', async () => {
		const tokenUrl = `${await redirectTo(307)}/token`;
		const result = await testCredential('socialBoardsConversationsApi', {
			accessToken: '',
			clientId: 'client-1',
			refreshToken: SECRET,
			tokenUrl,
			baseUrl: elsewhere.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain('"Token URL"');
		expect(elsewhere.received).toEqual([]);
		expect(elsewhere.sawSecret(SECRET)).toBe(false);
	});

	const livePersonTest = (overrides: ICredentialDataDecryptedObject) =>
		testCredential('livePersonConversationsApi', {
			appJwt: '',
			accountId: '12345678',
			clientId: 'installation-1',
			clientSecret: SECRET,
			domainApiHost: elsewhere.url,
			sentinelUrl: '',
			idpUrl: '',
			asyncMessagingEntUrl: '',
			...overrides,
		});

	test('LivePerson (token step of the test): a 307 from Sentinel fails the test, naming the Sentinel URL; the client secret stays here', async () => {
		const result = await livePersonTest({ sentinelUrl: await redirectTo(307) });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('"Sentinel URL (Override)"');
		expect(elsewhere.received).toEqual([]);
		expect(elsewhere.sawSecret(SECRET)).toBe(false);
	});

	test('LivePerson (Domain API check of the test): a 301 from the Domain API Host fails the test, naming it', async () => {
		const token = await localServer(() => ({
			status: 200,
			body: JSON.stringify({ access_token: 'app-jwt' }),
		}));
		try {
			const result = await livePersonTest({
				sentinelUrl: token.url,
				domainApiHost: await redirectTo(301),
			});
			expect(result.status).toBe('Error');
			expect(result.message).toContain('"Domain API Host"');
			expect(redirector.received.map((request) => request.path)).toEqual([
				'/api/account/12345678/service/asyncMessagingEnt/baseURI.json?version=1.0',
			]);
			expect(elsewhere.received).toEqual([]);
		} finally {
			await token.close();
		}
	});
});
