import http from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import {
	createSend,
	DEFAULT_TRANSPORT_OPTIONS,
	ExecutionCancelledError,
	RateGate,
	tokenRetryDelayMs,
	type TransportOptions,
} from '../../nodes/shared/transport';
import type { RequestSpec, Send, Vendor } from '../../nodes/shared/types';
import { createVirtualClock, type VirtualClock } from '../harness/clock';
import { runNode } from '../harness/engine';
import { probeNode } from '../harness/probe';

// createSend and the RateGate on their own: createSend runs inside a probe node, with the
// IExecuteFunctions of n8n's engine and a real credential of the package, against nock, in virtual time.

const API = 'https://api.transport.test';

const userdesk: Vendor = {
	label: 'Userdesk',
	credentialType: 'userdeskConversationsApi',
	credentialName: 'Userdesk Conversations API',
	baseUrl: () => API,
	explainError: () => ({}),
	unauthorizedHint: 'Check the API key.',
};
const userdeskCredentials = {
	userdeskConversationsApi: { apiKey: 'key', chatbotId: 'bot', baseUrl: API },
};

const TOKEN_URL = 'https://auth.transport.test/token';
const socialBoards: Vendor = {
	...userdesk,
	label: 'SocialBoards',
	credentialType: 'socialBoardsConversationsApi',
	credentialName: 'SocialBoards Conversations API',
	renewsTokenOn401: true,
};
const socialBoardsCredentials = {
	socialBoardsConversationsApi: {
		accessToken: '',
		clientId: 'client',
		refreshToken: 'refresh',
		tokenUrl: TOKEN_URL,
		baseUrl: API,
	},
};

interface Outcome<T> {
	result?: T;
	error?: Error & { description?: string | null };
	/** Virtual milliseconds the call took. */
	elapsedMs: number;
}

let clock: VirtualClock;
beforeEach(() => {
	clock = createVirtualClock();
});

/** Runs `use` with createSend's send inside n8n's engine; the transport uses the virtual clock. */
async function withSend<T>(
	use: (send: Send, gate: RateGate) => Promise<T>,
	{
		vendor = userdesk,
		options = {},
	}: { vendor?: Vendor; options?: Partial<TransportOptions> } = {},
): Promise<Outcome<T>> {
	const transportOptions: TransportOptions = {
		...DEFAULT_TRANSPORT_OPTIONS,
		now: clock.now,
		sleep: clock.sleep,
		...options,
	};
	const outcome: Outcome<T> = { elapsedMs: 0 };
	const node = probeNode(vendor.credentialType, async (context) => {
		const credentials = (await context.getCredentials(
			vendor.credentialType,
		)) as ICredentialDataDecryptedObject;
		const gate = new RateGate(context.getExecutionCancelSignal?.(), transportOptions);
		const started = clock.now();
		try {
			outcome.result = await use(
				createSend(context, vendor, credentials, gate, transportOptions, 0),
				gate,
			);
		} catch (error) {
			outcome.error = error as Outcome<T>['error'];
		}
		outcome.elapsedMs = clock.now() - started;
		return [[{ json: {} }]];
	});
	const { error } = await runNode({
		type: 'transportProbe',
		nodeType: node,
		parameters: {},
		credentials: vendor === socialBoards ? socialBoardsCredentials : userdeskCredentials,
	});
	expect(error).toBeUndefined();
	return outcome;
}

/** A loopback server that drops the connection of its first `drops` requests (after reading them), then answers 200. */
async function droppingServer(
	drops: number,
): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
	let requests = 0;
	const server = http.createServer((request, response) => {
		requests++;
		request.resume();
		request.on('end', () => {
			if (requests <= drops) request.socket.resetAndDestroy();
			else
				response
					.writeHead(200, { 'content-type': 'application/json' })
					.end(JSON.stringify({ id: requests }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests: () => requests,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

const create: RequestSpec = {
	method: 'POST',
	url: '/conversation',
	body: { name: 'Ana' },
	purpose: 'create the conversation',
};
const read: RequestSpec = {
	method: 'GET',
	url: '/conversation/1',
	purpose: 'get the conversation',
};

describe('createSend: 429', () => {
	test('waits as long as Retry-After says, then returns the answer; the create is sent once more', async () => {
		const scope = nock(API)
			.post('/conversation')
			.reply(429, {}, { 'Retry-After': '3' })
			.post('/conversation')
			.reply(200, { id: 1 });
		const { result, elapsedMs } = await withSend((send) => send(create));
		expect(result).toEqual({ id: 1 });
		expect(elapsedMs).toBeGreaterThanOrEqual(3000);
		scope.done();
	});

	test('waits until X-RateLimit-Reset (epoch seconds)', async () => {
		const reset = Math.ceil(clock.now() / 1000) + 10;
		nock(API)
			.get('/conversation/1')
			.reply(429, {}, { 'X-RateLimit-Reset': String(reset) })
			.get('/conversation/1')
			.reply(200, { id: 1 });
		const { result, elapsedMs } = await withSend((send) => send(read));
		expect(result).toEqual({ id: 1 });
		expect(elapsedMs).toBeGreaterThanOrEqual(9000);
	});

	test('a wait is capped at maxWaitMs', async () => {
		nock(API)
			.get('/conversation/1')
			.reply(429, {}, { 'Retry-After': '3600' })
			.get('/conversation/1')
			.reply(200, { id: 1 });
		const { result, elapsedMs } = await withSend((send) => send(read), {
			options: { maxWaitMs: 5000 },
		});
		expect(result).toEqual({ id: 1 });
		expect(elapsedMs).toBeGreaterThanOrEqual(5000);
		expect(elapsedMs).toBeLessThan(60_000);
	});

	test('past maxRateLimitRetries the call fails with the 429', async () => {
		const scope = nock(API).post('/conversation').times(3).reply(429, {}, { 'Retry-After': '1' });
		const { error } = await withSend((send) => send(create), {
			options: { maxRateLimitRetries: 2 },
		});
		expect(error?.message).toContain('(HTTP 429)');
		scope.done();
	});

	test('a success with X-RateLimit-Remaining 0 pauses the gate until the reset: from a second before it (whole seconds are rounded), one probe', async () => {
		nock(API)
			.get('/conversation/1')
			.reply(200, { id: 1 }, { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '7' });
		const { result, elapsedMs } = await withSend(async (send, gate) => {
			await send(read);
			return gate.wait();
		});
		expect(result?.probe).toBe(true);
		expect(elapsedMs).toBeGreaterThanOrEqual(6000);
		expect(elapsedMs).toBeLessThan(7000);
	});
});

describe('createSend: pacing at the reset', () => {
	const paced: RequestSpec = { ...create, url: '/paced' };

	/**
	 * A fixed window that is closed from the first request on; `limit(firstAt)` says when it reopens
	 * (epoch ms) and the headers of its 429s. Logs every answer.
	 */
	function limitedFrom(
		limit: (firstAt: number) => { reopensAt: number; headers: Record<string, string> },
	) {
		const log: Array<{ at: number; status: number }> = [];
		let window: { reopensAt: number; headers: Record<string, string> } | undefined;
		nock(API)
			.post('/paced')
			.times(1000)
			.reply(() => {
				const at = clock.now();
				window ??= limit(at);
				const status = at < window.reopensAt ? 429 : 200;
				log.push({ at, status });
				return status === 429 ? [429, {}, window.headers] : [200, { id: log.length }];
			});
		return { log, reopensAt: () => window?.reopensAt ?? NaN };
	}

	const tenAtOnce = (send: Send) => Promise.all(Array.from({ length: 10 }, () => send(paced)));

	test('a whole-second X-RateLimit-Reset rounded up: one probe at a time from a second before, then every waiting call at once', async () => {
		// The window reopens 300 ms past a whole second; the header says the next whole second, 700 ms later.
		const { log, reopensAt } = limitedFrom((firstAt) => {
			const at = Math.ceil((firstAt + 1000) / 1000) * 1000 + 300;
			return {
				reopensAt: at,
				headers: {
					'X-RateLimit-Remaining': '0',
					'X-RateLimit-Reset': String(Math.ceil(at / 1000)),
				},
			};
		});
		const { result } = await withSend(tenAtOnce);
		expect(result).toHaveLength(10);
		const firstSuccess = log.findIndex((entry) => entry.status === 200);
		// A probe got through before the rounded reset (700 ms after the real one; room for a busy machine).
		expect(log[firstSuccess].at).toBeLessThan(reopensAt() + 700);
		// Then every waiting call went, none into the limit.
		expect(log.slice(firstSuccess).map((entry) => entry.status)).toEqual(Array(10).fill(200));
		// The first 10 met the limit; while it was closed, only probes (about one per 100 ms) went.
		const waitingChecks = log.slice(10, firstSuccess);
		expect(waitingChecks.length).toBeLessThanOrEqual(5);
		expect(waitingChecks.every((entry) => entry.at >= reopensAt() - 1000)).toBe(true);
	});

	test('a whole-second X-RateLimit-Reset rounded down: probes for up to a second past it, no 429 storm', async () => {
		const { log } = limitedFrom((firstAt) => {
			const at = Math.ceil((firstAt + 500) / 1000) * 1000 + 600;
			return { reopensAt: at, headers: { 'X-RateLimit-Reset': String(Math.floor(at / 1000)) } };
		});
		const { result, error } = await withSend(tenAtOnce, { options: { maxRateLimitRetries: 2 } });
		expect(error).toBeUndefined();
		expect(result).toHaveLength(10);
		expect(log.filter((entry) => entry.status === 429).length).toBeLessThanOrEqual(10 + 20);
	});

	test('without any rate-limit header (Rack::Attack): probes about once a second, and everyone goes when one gets through', async () => {
		// A 60-second window that began 6 s before the first 429.
		const { log } = limitedFrom((firstAt) => ({ reopensAt: firstAt + 54_000, headers: {} }));
		const { result } = await withSend(tenAtOnce);
		expect(result).toHaveLength(10);
		const waited = Math.max(...log.map((entry) => entry.at)) - log[0].at;
		expect(waited).toBeGreaterThanOrEqual(54_000);
		expect(waited).toBeLessThan(54_000 + 2000);
		// The first 10, then one probe at a time: about one a second, a few more where a common window could end.
		expect(log.filter((entry) => entry.status === 429).length).toBeLessThanOrEqual(10 + 65);
	});

	test.each([
		['a minute from the first request', (firstAt: number) => firstAt + 60_000],
		[
			"on the clock's whole minute (Rack::Attack)",
			(firstAt: number) => Math.ceil((firstAt + 1) / 60_000) * 60_000 + 20,
		],
		['ten seconds from the first request, 80 ms late', (firstAt: number) => firstAt + 10_080],
	])(
		'without any rate-limit header, a window that ends %s is found within 300 ms',
		async (_name, reopens) => {
			const { log, reopensAt } = limitedFrom((firstAt) => ({
				reopensAt: reopens(firstAt),
				headers: {},
			}));
			const { result } = await withSend(tenAtOnce);
			expect(result).toHaveLength(10);
			const firstSuccess = log.find((entry) => entry.status === 200)!;
			expect(firstSuccess.at).toBeGreaterThanOrEqual(reopensAt());
			expect(firstSuccess.at).toBeLessThan(reopensAt() + 300);
		},
	);

	test('without any rate-limit header, a limit that never reopens still ends the call with the 429', async () => {
		limitedFrom(() => ({ reopensAt: Infinity, headers: {} }));
		const { error, elapsedMs } = await withSend((send) => send(paced), {
			options: { maxRateLimitRetries: 2 },
		});
		expect(error?.message).toContain('(HTTP 429)');
		// Probes are free for maxWaitMs (60 s), then the next two count.
		expect(elapsedMs).toBeLessThan(120_000);
	});
});

describe('createSend: faults', () => {
	test('a read is tried again after a 5xx, with a backoff, at most twice', async () => {
		nock(API)
			.get('/conversation/1')
			.reply(503)
			.get('/conversation/1')
			.reply(502)
			.get('/conversation/1')
			.reply(200, { id: 1 });
		const { result, elapsedMs } = await withSend((send) => send(read));
		expect(result).toEqual({ id: 1 });
		expect(elapsedMs).toBeGreaterThanOrEqual(1500);

		const scope = nock(API).get('/conversation/1').times(3).reply(503);
		const { error } = await withSend((send) => send(read));
		expect(error?.message).toContain('(HTTP 503)');
		scope.done();
	});

	test('a read is tried again after a dropped connection', async () => {
		const server = await droppingServer(1);
		try {
			const { result } = await withSend((send) =>
				send({ ...read, url: `${server.url}/conversation/1` }),
			);
			expect(result).toEqual({ id: 2 });
			expect(server.requests()).toBe(2);
		} finally {
			await server.close();
		}
	});

	test('a write is not sent again after a dropped connection', async () => {
		const server = await droppingServer(1);
		try {
			const { error } = await withSend((send) =>
				send({ ...create, url: `${server.url}/conversation` }),
			);
			expect(error?.message).toContain('the request lost the connection before the answer arrived');
			expect(error?.description).toContain('so it was not sent again');
			expect(server.requests()).toBe(1);
		} finally {
			await server.close();
		}
	});

	test.each([
		['a 503', (scope: nock.Interceptor) => scope.reply(503), /\(HTTP 503\)/],
		[
			'a timeout',
			(scope: nock.Interceptor) => scope.delay(500).reply(200, { id: 'late' }),
			/got no answer before the timeout/,
		],
	])('a write is not sent again after %s', async (_kind, fault, message) => {
		fault(nock(API).post('/conversation'));
		const second = nock(API).post('/conversation').reply(200, { id: 2 });
		const { error } = await withSend((send) => send(create), { options: { timeoutMs: 100 } });
		expect(error?.message).toMatch(message);
		expect(second.isDone()).toBe(false);
	});

	test('a write marked idempotent is tried again after a 503', async () => {
		nock(API).post('/conversation').reply(503).post('/conversation').reply(200, { id: 1 });
		const { result } = await withSend((send) => send({ ...create, idempotent: true }));
		expect(result).toEqual({ id: 1 });
	});

	test('a write is tried again when the connection was refused (nothing reached the server), then reported as not sent', async () => {
		const closed = await droppingServer(0);
		await closed.close();
		const { error, elapsedMs } = await withSend((send) =>
			send({ ...create, url: `${closed.url}/conversation` }),
		);
		expect(error?.message).toContain('the request could not connect');
		expect(error?.description).toContain('Network detail: ECONNREFUSED');
		// Two more tries, after 500 ms and 1 s.
		expect(elapsedMs).toBeGreaterThanOrEqual(1500);
	});

	test.each([301, 302, 307])(
		'a %i is an error naming the Base URL; the redirect is not followed',
		async (status) => {
			nock(API)
				.post('/conversation')
				.reply(status, '', { Location: 'https://elsewhere.transport.test/conversation' });
			const elsewhere = nock('https://elsewhere.transport.test')
				.post('/conversation')
				.reply(200, {})
				.get('/conversation')
				.reply(200, {});
			const { error } = await withSend((send) => send(create));
			expect(error?.message).toContain(
				`answered with a redirect to https://elsewhere.transport.test instead of an answer (HTTP ${status})`,
			);
			expect(error?.description).toContain(
				'Fix the "Base URL" field of the Userdesk Conversations API credential',
			);
			expect(elsewhere.pendingMocks()).toHaveLength(2);
		},
	);

	test('a 404 is empty where the request says so, else an error', async () => {
		nock(API).get('/conversation/1').times(2).reply(404, {});
		const { result, error } = await withSend((send) => send({ ...read, notFoundIsEmpty: true }));
		expect(result).toBeUndefined();
		expect(error).toBeUndefined();
		const failed = await withSend((send) => send(read));
		expect(failed.error?.message).toContain('(HTTP 404)');
	});
});

describe('createSend: the credential token step', () => {
	/** The token URL answers `answers` in turn; returns how many token requests were made. */
	function tokenUrl(...answers: Array<[number, IDataObject]>): () => number {
		let requests = 0;
		nock('https://auth.transport.test')
			.post('/token')
			.times(answers.length)
			.reply(() => answers[requests++]);
		return () => requests;
	}

	test('a 500 from the token URL is tried once more; the create is sent once', async () => {
		tokenUrl([500, {}], [200, { access_token: 'fresh', expires_in: 3600 }]);
		const created = nock(API)
			.post('/conversation')
			.matchHeader('authorization', 'Bearer fresh')
			.reply(200, { id: 1 });
		const { result } = await withSend((send) => send(create), { vendor: socialBoards });
		expect(result).toEqual({ id: 1 });
		created.done();
	});

	test('a token step that keeps failing is tried five times more (0.3 to 2 s apart), then reported as not sent; nothing reaches the create', async () => {
		const tokenRequests = tokenUrl(
			...Array.from({ length: 7 }, (): [number, IDataObject] => [503, {}]),
		);
		const created = nock(API).post('/conversation').reply(200, { id: 1 });
		const { error, elapsedMs } = await withSend((send) => send(create), { vendor: socialBoards });
		expect(error?.description).toContain(
			'Nothing was sent to create the conversation, so running this item again is safe.',
		);
		expect(created.isDone()).toBe(false);
		expect(tokenRequests()).toBe(6);
		expect(elapsedMs).toBeGreaterThanOrEqual(5 * 300);
		expect(elapsedMs).toBeLessThan(600 + 1200 + 3 * 2000 + 1000);
	});

	test('token retry waits grow from 0.3 s to at most 2 s', () => {
		expect(tokenRetryDelayMs(1, () => 0)).toBe(300);
		expect(tokenRetryDelayMs(1, () => 1)).toBe(600);
		expect(tokenRetryDelayMs(2, () => 1)).toBe(1200);
		expect(tokenRetryDelayMs(3, () => 1)).toBe(2000);
		expect(tokenRetryDelayMs(5, () => 1)).toBe(2000);
	});

	test('a run whose token step failed for good tries it once per other request, without waits', async () => {
		const tokenRequests = tokenUrl(
			...Array.from({ length: 8 }, (): [number, IDataObject] => [400, { error: 'invalid_grant' }]),
		);
		const { result } = await withSend(
			async (send) => {
				const first = await send(create).catch((error: Error) => error);
				const started = clock.now();
				const second = await send(create).catch((error: Error) => error);
				return { first, second, secondMs: clock.now() - started };
			},
			{ vendor: socialBoards },
		);
		expect(result?.first).toBeInstanceOf(Error);
		expect(result?.second).toBeInstanceOf(Error);
		// 6 for the first call, 1 for the second
		expect(tokenRequests()).toBe(7);
		expect(result?.secondMs).toBeLessThan(300);
	});

	test('a refused client ID is not tried again', async () => {
		const tokenRequests = tokenUrl(
			[400, { error: 'invalid_client' }],
			[400, { error: 'invalid_client' }],
		);
		const { error } = await withSend((send) => send(create), { vendor: socialBoards });
		expect(error?.description).toContain('so running this item again is safe');
		expect(tokenRequests()).toBe(1);
	});
});

describe('RateGate', () => {
	test('calls waiting out one pause move on together, when it ends', async () => {
		const gate = new RateGate(undefined, clock);
		const started = clock.now();
		gate.pauseFor(2000);
		gate.pauseFor(500);
		await Promise.all([gate.wait(), gate.wait(), gate.wait()]);
		expect(clock.now() - started).toBeGreaterThanOrEqual(2000);
		expect(clock.skippedMs()).toBeLessThan(2500);
	});

	test('an open gate does not wait', async () => {
		const gate = new RateGate(undefined, clock);
		await gate.wait();
		expect(clock.skippedMs()).toBe(0);
	});

	test('a cancelled execution ends the wait with ExecutionCancelledError', async () => {
		const controller = new AbortController();
		const gate = new RateGate(controller.signal, clock);
		gate.pauseFor(10_000);
		controller.abort();
		await expect(gate.wait()).rejects.toBeInstanceOf(ExecutionCancelledError);
		await expect(gate.sleep(10)).rejects.toBeInstanceOf(ExecutionCancelledError);
	});

	test('with the default clock the wait is real, and a cancel ends it early', async () => {
		const gate = new RateGate();
		gate.pauseFor(300);
		const started = Date.now();
		await gate.wait();
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);

		const controller = new AbortController();
		const cancelled = new RateGate(controller.signal);
		cancelled.pauseFor(20_000);
		const waited = Date.now();
		const waiting = cancelled.wait();
		setTimeout(() => controller.abort(), 50);
		await expect(waiting).rejects.toBeInstanceOf(ExecutionCancelledError);
		expect(Date.now() - waited).toBeLessThan(5000);
	});

	test('while one probe is out, the others wait for its answer, not a timer; a cancel ends that wait', async () => {
		const controller = new AbortController();
		const gate = new RateGate(controller.signal);
		const first = await gate.wait();
		// Seconds from now, whole: the reset may already be close, so the gate probes at once.
		gate.answered(first, { statusCode: 429, headers: { 'x-ratelimit-reset': '1' } });
		const probe = await gate.wait();
		expect(probe.probe).toBe(true);
		const waiting = gate.wait();
		const started = Date.now();
		setTimeout(() => gate.answered(probe, { statusCode: 200, headers: {} }), 50);
		await expect(waiting).resolves.toMatchObject({ probe: false });
		expect(Date.now() - started).toBeLessThan(500);

		const other = await gate.wait();
		gate.answered(other, { statusCode: 429, headers: { 'x-ratelimit-reset': '1' } });
		await gate.wait();
		const cancelled = gate.wait();
		controller.abort();
		await expect(cancelled).rejects.toBeInstanceOf(ExecutionCancelledError);
	});

	test('a late 429 to a request sent before the window reopened does not close it again', async () => {
		const gate = new RateGate(undefined, clock);
		const early = await gate.wait();
		const late = await gate.wait();
		gate.answered(early, { statusCode: 429, headers: { 'retry-after': '2' } });
		const probe = await gate.wait();
		expect(probe.probe).toBe(true);
		expect(gate.answered(probe, { statusCode: 200, headers: {} })).toBe(false);
		// `late` was sent before the window reopened: it is tried again at once.
		expect(gate.answered(late, { statusCode: 429, headers: { 'retry-after': '2' } })).toBe(true);
		const before = clock.now();
		await expect(gate.wait()).resolves.toMatchObject({ probe: false });
		expect(clock.now() - before).toBeLessThan(100);
	});

	test('alone lets the first call finish before the others start', async () => {
		const gate = new RateGate(undefined, clock);
		const events: string[] = [];
		const call = (name: string) => async () => {
			events.push(`${name} start`);
			await clock.sleep(100);
			events.push(`${name} end`);
			return name;
		};
		const results = await Promise.all([
			gate.alone(call('first')),
			gate.alone(call('second')),
			gate.alone(call('third')),
		]);
		expect(results).toEqual(['first', 'second', 'third']);
		expect(events.slice(0, 2)).toEqual(['first start', 'first end']);
	});
});
