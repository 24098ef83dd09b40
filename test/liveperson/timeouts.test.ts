import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { TestCredentialsHelper } from '../harness/credentials-helper';
import { loadPackage, runNode } from '../harness/engine';

// LivePerson's token step (Sentinel, in the credential's preAuthentication) gets the node's
// Timeout (at most 30 s) and the execution's Stop. A token step that timed out is tried at most
// once more in a run, and requests of other runs waiting for it give up with it instead of waiting
// again. Sentinel here is a real local server that never answers its token requests.

jest.setTimeout(20_000);

const ACCOUNT = '12345678';

interface Sentinel {
	url: string;
	/** Token requests received (answered or not). */
	tokenRequests: () => number;
	/** Requests that reached the IDP or the messaging service (none may while there is no token). */
	otherRequests: () => number;
	/** From now on, token requests get an AppJWT and the IDP a ConsumerJWS. */
	startAnswering: () => void;
	/** From now on, the IDP never answers (the ConsumerJWS step hangs). */
	silenceIdp: () => void;
	close: () => Promise<void>;
}

async function silentSentinel(): Promise<Sentinel> {
	let tokens = 0;
	let others = 0;
	let answering = false;
	let idpSilent = false;
	const server = http.createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			if (request.url?.startsWith(`/sentinel/api/account/${ACCOUNT}/app/token`)) {
				tokens++;
				if (answering)
					response
						.writeHead(200, { 'content-type': 'application/json' })
						.end(JSON.stringify({ access_token: 'app-jwt' }));
				// Otherwise never answered.
				return;
			}
			others++;
			if (request.url?.startsWith(`/api/account/${ACCOUNT}/consumer`)) {
				if (idpSilent) return;
				response
					.writeHead(200, { 'content-type': 'application/json' })
					.end(JSON.stringify({ token: 'consumer-jws' }));
				return;
			}
			// CONVERSATION: every request of the batch answered OK, with a conversation ID.
			const batch = JSON.parse(body) as Array<{ id: string }>;
			response
				.writeHead(200, { 'content-type': 'application/json' })
				.end(
					JSON.stringify(
						batch.map((one) => ({ reqId: one.id, code: 'OK', body: { conversationId: 'conv-1' } })),
					),
				);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		tokenRequests: () => tokens,
		otherRequests: () => others,
		startAnswering: () => (answering = true),
		silenceIdp: () => (idpSilent = true),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

let sentinel: Sentinel;
// Loaded before the clock starts: the runs' times are the node's own.
beforeAll(async () => {
	await loadPackage();
});
beforeEach(async () => {
	sentinel = await silentSentinel();
});
afterEach(async () => sentinel.close());

async function sharedCredential(): Promise<TestCredentialsHelper> {
	const { credentialTypes } = await loadPackage();
	const data: ICredentialDataDecryptedObject = {
		appJwt: '',
		accountId: ACCOUNT,
		clientId: 'installation-1',
		clientSecret: 'secret-1',
		domainApiHost: sentinel.url,
		sentinelUrl: sentinel.url,
		idpUrl: sentinel.url,
		asyncMessagingEntUrl: sentinel.url,
	};
	return new TestCredentialsHelper(credentialTypes, { livePersonConversationsApi: data });
}

/** Create Conversation for `items` consumers; how long the run took. */
async function timedRun(
	helper: TestCredentialsHelper,
	options: {
		timeoutMs?: number;
		items?: number;
		cancelAfterMs?: number;
		concurrency?: number;
	} = {},
) {
	const started = Date.now();
	const result = await runNode({
		type: 'livePerson',
		parameters: {
			resource: 'conversation',
			operation: 'create',
			externalConsumerId: '={{ $json.consumer }}',
			options: {
				...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
				...(options.concurrency ? { concurrency: options.concurrency } : {}),
			},
		},
		credentials: {},
		credentialsHelper: helper,
		items: Array.from({ length: options.items ?? 1 }, (_, index) => ({ consumer: `u${index}` })),
		onError: 'continueErrorOutput',
		cancelAfterMs: options.cancelAfterMs,
	});
	return { ...result, elapsedMs: Date.now() - started };
}

const TIMED_OUT =
	'LivePerson could not get a ConsumerJWS for the external consumer ID "u0": the LivePerson Conversations credential got no token, its token service did not answer in time [item 0]';

test('a Sentinel that never answers: two runs at once with Timeout 1 s both end within Timeout + 1 s, and nothing else is sent', async () => {
	const helper = await sharedCredential();

	const [first, second] = await Promise.all([
		timedRun(helper, { timeoutMs: 1000 }),
		timedRun(helper, { timeoutMs: 1000 }),
	]);

	for (const run of [first, second]) {
		expect(run.elapsedMs).toBeLessThan(2000);
		expect(run.errorOutput.map((item) => item.json.error)).toEqual([TIMED_OUT]);
		expect(String((run.errorOutput[0].error as { description?: string }).description)).toContain(
			'Nothing was sent to get a ConsumerJWS',
		);
	}
	// The second run waited for the first one's token step and gave up with it.
	expect(sentinel.tokenRequests()).toBe(1);
	expect(sentinel.otherRequests()).toBe(0);
});

test('a timed-out token step is tried at most once more in a run; its other items fail without waiting again', async () => {
	const helper = await sharedCredential();

	const run = await timedRun(helper, { timeoutMs: 1000, items: 4, concurrency: 1 });

	expect(sentinel.tokenRequests()).toBe(2);
	expect(run.errorOutput).toHaveLength(4);
	expect(
		run.errorOutput.every((item) => String(item.json.error).includes('did not answer in time')),
	).toBe(true);
	// Two token steps of 1 s each, then the last two items fail at once.
	expect(run.elapsedMs).toBeLessThan(3000);
	expect(sentinel.otherRequests()).toBe(0);
});

test('Stop ends a run whose token step hangs (default Timeout), and the next run gets its token', async () => {
	const helper = await sharedCredential();

	const stopped = await timedRun(helper, { cancelAfterMs: 500 });
	expect(stopped.elapsedMs).toBeLessThan(1500);
	expect(sentinel.tokenRequests()).toBe(1);

	sentinel.startAnswering();
	const next = await timedRun(helper, { timeoutMs: 5000 });
	expect(next.errorOutput).toEqual([]);
	expect(next.output.map((item) => item.json.conversationId)).toEqual(['conv-1']);
	expect(next.elapsedMs).toBeLessThan(2000);
});

test('the ConsumerJWS step (IDP) that never answers gets the Timeout and is tried at most once more', async () => {
	const helper = await sharedCredential();
	sentinel.startAnswering();
	sentinel.silenceIdp();

	const run = await timedRun(helper, { timeoutMs: 1000 });

	expect(run.errorOutput.map((item) => item.json.error)).toEqual([
		'LivePerson could not get a ConsumerJWS for the external consumer ID "u0": the request got no answer before the timeout [item 0]',
	]);
	// The first try, one more after 0.5 s: two consumer requests, about 2.5 s.
	expect(sentinel.otherRequests()).toBe(2);
	expect(run.elapsedMs).toBeLessThan(3500);
});
