import type { IDataObject } from 'n8n-workflow';

import { otherOrigin } from '../harness/other-origin';
import { startTrigger } from '../harness/webhook';

// The triggers' setup requests (webhookMethods: checkExists, create, delete) refuse redirects as the
// transport does: n8n would send the credential to wherever a redirect points. A 3xx fails the
// activation with a message that names the credential field to fix; the other origin gets nothing.

interface Fake {
	url: string;
	credentials: IDataObject;
	injectFault(spec: IDataObject): void;
	close(): Promise<void>;
}
const { startVendorServer } = require('../sandbox') as {
	startVendorServer(name: string, options?: IDataObject): Promise<Fake>;
};

let elsewhere: Awaited<ReturnType<typeof otherOrigin>>;
beforeEach(async () => {
	elsewhere = await otherOrigin();
});
afterEach(async () => {
	await elsewhere.close();
});

/** Activates the trigger and returns the error it fails with. */
async function activationError(options: Parameters<typeof startTrigger>[0]) {
	const trigger = await startTrigger(options);
	try {
		return await trigger.activate().then(
			() => undefined,
			(error: Error & { description?: string }) => error,
		);
	} finally {
		await trigger.close();
	}
}

describe('Chatwoot Conversations Trigger', () => {
	const chatwoot = async () => await startVendorServer('chatwoot');
	test.each([
		[301, 'GET', 'list the webhooks'],
		[307, 'POST', 'create the webhook'],
	])(
		'a %i on %s …/webhooks is not followed: activation fails naming the Base URL',
		async (status, method, purpose) => {
			const fake = await chatwoot();
			try {
				fake.injectFault({
					kind: 'redirect',
					status,
					method,
					path: '/api/v1/accounts/1/webhooks',
					location: `${elsewhere.url}/api/v1/accounts/1/webhooks`,
				});
				const error = await activationError({
					type: 'chatwootTrigger',
					parameters: { events: ['message_created'] },
					credentials: {
						chatwootConversationsApi: {
							baseUrl: fake.url,
							apiAccessToken: 'sandbox-chatwoot-api-token',
							accountId: '1',
							inboxIdentifier: '',
							hmacToken: '',
						},
					},
				});
				expect(error?.message).toBe(`Chatwoot could not ${purpose} (HTTP ${status})`);
				expect(error?.description).toMatch(/redirect.*Base URL/);
				expect(elsewhere.hits()).toBe(0);
			} finally {
				await fake.close();
			}
		},
	);
});

describe('Intercom Conversations Trigger', () => {
	test('a 302 on GET /me (the token owner, read on activation) is not followed: activation fails naming Region and Base URL', async () => {
		const fake = await startVendorServer('intercom');
		try {
			fake.injectFault({
				kind: 'redirect',
				status: 302,
				method: 'GET',
				path: '/me',
				location: `${elsewhere.url}/me`,
			});
			const error = await activationError({
				type: 'intercomTrigger',
				parameters: { topics: ['conversation.user.replied'] },
				credentials: {
					intercomConversationsApi: {
						accessToken: String(fake.credentials.accessToken),
						region: 'custom',
						baseUrl: fake.url,
						apiVersion: '2.14',
						workspaceId: '',
						clientSecret: String(fake.credentials.clientSecret),
					},
				},
			});
			expect(error?.message).toBe(
				'Intercom could not tell whose access token this is (GET /me, HTTP 302)',
			);
			expect(error?.description).toMatch(/redirect.*Region.*Base URL/);
			expect(elsewhere.hits()).toBe(0);
		} finally {
			await fake.close();
		}
	});
});

describe('LivePerson Conversations Trigger (Register Webhook URLs on the Installation)', () => {
	const account = (fake: Fake) => String(fake.credentials.accountId);
	test.each([
		[
			'the Domain API lookup of the installation host',
			'GET',
			(fake: Fake) => `/api/account/${account(fake)}/service/accountConfigReadWrite/baseURI.json`,
			/^LivePerson's Domain API answered with a redirect \(HTTP 307\)$/,
		],
		[
			'reading the installation',
			'GET',
			(fake: Fake) =>
				`/api/account/${account(fake)}/configuration/app-install/installations/${String(fake.credentials.clientId)}`,
			/^LivePerson could not read the app installation \(HTTP 307\)$/,
		],
		[
			'writing the installation',
			'PUT',
			(fake: Fake) =>
				`/api/account/${account(fake)}/configuration/app-install/installations/${String(fake.credentials.clientId)}`,
			/^LivePerson could not update the app installation \(HTTP 307\)$/,
		],
	])(
		'a 307 on %s is not followed: activation fails naming the Domain API Host',
		async (_what, method, path, message) => {
			const fake = await startVendorServer('liveperson', { lpScheme: 'http' });
			try {
				fake.injectFault({
					kind: 'redirect',
					status: 307,
					method,
					path: path(fake),
					location: `${elsewhere.url}${path(fake)}`,
				});
				const error = await activationError({
					type: 'livePersonTrigger',
					parameters: {
						events: ['ms.MessagingEventNotification.ContentEvent'],
						registerWebhooks: true,
					},
					credentials: {
						livePersonConversationsApi: {
							...fake.credentials,
							domainApiHost: fake.url,
							sentinelUrl: '',
							idpUrl: '',
							asyncMessagingEntUrl: '',
							appJwt: '',
						},
					},
				});
				expect(error?.message).toMatch(message);
				expect(error?.description).toMatch(/redirect.*Domain API Host/);
				expect(elsewhere.hits()).toBe(0);
			} finally {
				await fake.close();
			}
		},
	);
});
