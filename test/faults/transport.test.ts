import { useVirtualTime } from '../harness/clock';
import { runNode } from '../harness/engine';
import { otherOrigin } from '../harness/other-origin';
import { sandbox, targets, type FaultTarget, type SandboxServer } from './targets';

// What the shared runner and transport do for every node, against each vendor's local fake:
// redirects are refused, relative rate-limit resets are waited out, a stopped run says which items
// were created, options from expressions are clamped, a cancelled execution stops waiting.

const items = (count: number) =>
	Array.from({ length: count }, (_, index) => ({ marker: `item-${index}` }));

describe.each(targets)('$vendor: shared transport and runner', (target: FaultTarget) => {
	const clock = useVirtualTime();
	let server: SandboxServer;
	beforeAll(async () => {
		server = await sandbox.startVendorServer(target.vendor, {
			...target.serverOptions,
			now: clock.now,
		});
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());

	const run = (
		count: number,
		options: Record<string, number | string> = {},
		onError?: 'continueErrorOutput',
	) =>
		runNode({
			type: target.nodeType,
			parameters: { ...target.create, options },
			credentials: target.credentials(server),
			items: items(count),
			onError,
		});

	test.each([301, 302, 307])(
		'a %i on a create is an error naming the credential field; the redirect is not followed',
		async (status) => {
			const other = await otherOrigin();
			try {
				server.injectFault({
					method: 'POST',
					path: target.createPath,
					kind: 'redirect',
					status,
					location: `${other.url}/elsewhere`,
					times: 1,
				});
				const { errorOutput, output, error } = await run(
					2,
					{ concurrency: 1 },
					'continueErrorOutput',
				);
				expect(error).toBeUndefined();
				expect(errorOutput).toHaveLength(1);
				expect(String(errorOutput[0].json.error)).toContain(
					`answered with a redirect to ${other.url} instead of an answer (HTTP ${status}) [item 0]`,
				);
				expect(String((errorOutput[0].error as { description?: string }).description)).toMatch(
					/Fix the "[^"]+" field of the .+ credential/,
				);
				expect(other.hits()).toBe(0);
				expect(output).toHaveLength(1);
				expect(target.markers(server)).toEqual(['item-1']);
			} finally {
				await other.close();
			}
		},
	);

	test('X-RateLimit-Reset as seconds from now is waited out: every item created once', async () => {
		server.setRateLimit({
			limit: 3,
			windowMs: 1000,
			style: 'x-ratelimit-reset-seconds',
			path: target.createPath,
		});
		const { output, error } = await run(7, { maxRateLimitRetries: 3 });
		expect(error).toBeUndefined();
		expect(output.every((item) => item.json.error === undefined)).toBe(true);
		expect([...target.markers(server)].sort()).toEqual(
			items(7)
				.map((item) => item.marker)
				.sort(),
		);
	});

	test('stop on error: items in flight finish, and the error lists every created item', async () => {
		server.injectFault({ method: 'POST', path: target.createPath, kind: 500, times: 1, skip: 2 });
		const { error } = await run(6, { concurrency: 3 });
		expect(error?.message).toContain('(HTTP 500)');
		const created = target.markers(server).map((marker) => Number(marker.replace('item-', '')));
		expect(created.length).toBeGreaterThanOrEqual(2);
		const description = String(error?.description);
		expect(description).toContain(
			`${created.length} item${created.length === 1 ? '' : 's'} had already succeeded and must not be sent again`,
		);
		for (const itemIndex of created)
			expect(description).toMatch(new RegExp(`\\b${itemIndex} \\((conversation|ID) [^)]+\\)`));
		// Nothing was left half-done: every create that started was answered and is listed.
		expect(
			server.requestsTo('POST', target.createPath).filter((request) => request.status !== 500),
		).toHaveLength(created.length);
	});

	test('a timeout of 0 from an expression is clamped to 1 s instead of waiting forever', async () => {
		server.injectFault({
			method: 'POST',
			path: target.createPath,
			kind: 'timeout',
			times: 1,
			afterCreate: true,
		});
		const started = Date.now();
		const { errorOutput } = await run(1, { timeoutMs: '={{ 0 }}' }, 'continueErrorOutput');
		expect(String(errorOutput[0]?.json.error)).toContain('got no answer before the timeout');
		expect(Date.now() - started).toBeLessThan(10_000);
	});
});

describe('cancelling an execution', () => {
	const [intercom] = targets;
	let server: SandboxServer;
	beforeAll(async () => {
		server = await sandbox.startVendorServer(intercom.vendor);
	});
	afterAll(async () => server.close());

	test('stops the wait after a 429 at once and sends nothing more', async () => {
		server.injectFault({
			method: 'POST',
			path: intercom.createPath,
			kind: 429,
			retryAfterMs: 20_000,
			style: 'retry-after-seconds',
			times: 1,
		});
		const started = Date.now();
		await runNode({
			type: intercom.nodeType,
			parameters: intercom.create,
			credentials: intercom.credentials(server),
			items: items(3),
			cancelAfterMs: 500,
		});
		expect(Date.now() - started).toBeLessThan(5_000);
		// Sent before the cancel: the first create (429) and the others that were already on their way.
		const sent = server.requestsTo('POST', intercom.createPath).length;
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(server.requestsTo('POST', intercom.createPath)).toHaveLength(sent);
	});
});

describe('Custom API Call', () => {
	test.each([
		['on Resource', { resource: '__CUSTOM_API_CALL__' }],
		['on Operation', { resource: 'conversation', operation: '__CUSTOM_API_CALL__' }],
	])('chosen %s gives a message that says what to use instead', async (_where, parameters) => {
		const { error } = await runNode({
			type: 'intercom',
			parameters,
			credentials: {
				intercomConversationsApi: {
					accessToken: 'secret',
					region: 'https://api.intercom.io',
					apiVersion: '2.14',
				},
			},
		});
		expect(error?.message).toBe('Custom API Call is not supported by this node');
		expect(error?.description).toContain("use n8n's HTTP Request node");
	});
});

describe.each([
	{
		target: targets.find((entry) => entry.vendor === 'socialboards') as FaultTarget,
		tokenPath: /^\/token$/,
	},
	{
		target: targets.find((entry) => entry.vendor === 'liveperson') as FaultTarget,
		tokenPath: /\/sentinel\/api\/account\/[^/]+\/app\/token$/,
	},
])('$target.vendor: a failed token step', ({ target, tokenPath }) => {
	const clock = useVirtualTime();
	let server: SandboxServer;
	beforeAll(async () => {
		server = await sandbox.startVendorServer(target.vendor, {
			...target.serverOptions,
			now: clock.now,
		});
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());

	const run = () =>
		runNode({
			type: target.nodeType,
			parameters: target.create,
			credentials: target.credentials(server),
			items: items(1),
			onError: 'continueErrorOutput',
		});

	test('a 500 from the token URL is tried again, since the create was never sent', async () => {
		server.injectFault({ method: 'POST', path: tokenPath, kind: 500, times: 1 });
		const { output, errorOutput } = await run();
		expect(errorOutput).toEqual([]);
		expect(output).toHaveLength(1);
		expect(target.markers(server)).toEqual(['item-0']);
	});

	test('a token step that keeps failing is reported as not sent, and nothing reaches the create', async () => {
		server.injectFault({ method: 'POST', path: tokenPath, kind: 503, times: 10 });
		const { errorOutput } = await run();
		expect(errorOutput).toHaveLength(1);
		const description = String((errorOutput[0].error as { description?: string }).description);
		expect(description).toContain('so running this item again is safe');
		expect(description).not.toMatch(/may have (been processed|reached)/);
		expect(server.requestsTo('POST', target.createPath)).toHaveLength(0);
	});
});
