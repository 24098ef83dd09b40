import { useVirtualTime } from '../harness/clock';
import { runNode } from '../harness/engine';
import { sandbox, targets, type FaultTarget, type SandboxServer } from './targets';

// Every node against a real local server that behaves like its vendor: rate limits in each style,
// server faults, dropped connections, timeouts after the create, broken bodies. Each case counts
// what the server created: no item lost, nothing created twice, every failure an error item.

const items = (count: number) =>
	Array.from({ length: count }, (_, index) => ({ marker: `item-${index}` }));

function expectEachOnce(markers: string[], expected: string[]) {
	expect([...markers].sort()).toEqual([...expected].sort());
}

describe.each(targets)('$vendor fault suite', (target: FaultTarget) => {
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
		options: Record<string, number> = {},
		onError?: 'continueRegularOutput' | 'continueErrorOutput',
	) =>
		runNode({
			type: target.nodeType,
			parameters: { ...target.create, options },
			credentials: target.credentials(server),
			items: items(count),
			onError,
		});

	test.each(['retry-after-seconds', 'retry-after-date', 'x-ratelimit-reset', 'none'])(
		'429 (%s): every item is created once, none fails',
		async (style) => {
			server.setRateLimit({ limit: 4, windowMs: 1000, style, path: target.createPath });
			const skipped = clock.skippedMs();
			const { output, error } = await run(10);
			expect(error).toBeUndefined();
			expect(output.map((item) => item.pairedItem)).toEqual(items(10).map((_, item) => ({ item })));
			expect(output.every((item) => item.json.error === undefined)).toBe(true);
			expectEachOnce(
				target.markers(server),
				items(10).map((item) => item.marker),
			);
			expect(
				server.requestsTo('POST', target.createPath).filter((request) => request.status === 429)
					.length,
			).toBeGreaterThan(0);
			// The 429 windows were waited out in virtual time.
			expect(clock.skippedMs() - skipped).toBeGreaterThan(0);
		},
	);

	test.each([
		[500, false, /\(HTTP 500\)/],
		[502, false, /\(HTTP 502\)/],
		[503, false, /\(HTTP 503\)/],
		['reset', false, /lost the connection before the answer arrived/],
		['html', false, /the answer was not JSON \(an HTML page instead of JSON\)/],
		['malformed-json', true, /the answer was not JSON/],
		['timeout', true, /got no answer before the timeout/],
	])(
		'%s on a create: one error item with its pairing, the others created, nothing twice',
		async (kind, afterCreate, message) => {
			server.injectFault({ method: 'POST', path: target.createPath, kind, times: 1, afterCreate });
			const { output, errorOutput, error } = await run(
				3,
				{ concurrency: 1, timeoutMs: 1000 },
				'continueErrorOutput',
			);
			expect(error).toBeUndefined();
			expect(errorOutput).toHaveLength(1);
			expect(errorOutput[0].pairedItem).toEqual({ item: 0 });
			expect(String(errorOutput[0].json.error)).toMatch(message);
			expect(String(errorOutput[0].json.error)).toContain('[item 0]');
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
			// The failed create is never sent again: created once when the fault came after the create, else not at all.
			expectEachOnce(
				target.markers(server),
				afterCreate ? ['item-0', 'item-1', 'item-2'] : ['item-1', 'item-2'],
			);
			expect(server.requestsTo('POST', target.createPath)).toHaveLength(3);
		},
	);

	if (target.expiringToken)
		test('an access token that expires in the middle of a run is renewed once; nothing lost or doubled', async () => {
			// The fourth create finds its token revoked: one renewal, the same request again, and the run goes on.
			server.injectFault({
				method: 'POST',
				path: target.createPath,
				kind: 'expire-token',
				times: 1,
				skip: 3,
			});
			const { output, error } = await run(8, { concurrency: 1 });
			expect(error).toBeUndefined();
			expect(output.every((item) => item.json.error === undefined)).toBe(true);
			expectEachOnce(
				target.markers(server),
				items(8).map((item) => item.marker),
			);
		});

	test('continue on fail (regular output) keeps the failed item in place', async () => {
		server.injectFault({ method: 'POST', path: target.createPath, kind: 503, times: 1 });
		const { output } = await run(3, { concurrency: 1 }, 'continueRegularOutput');
		expect(output).toHaveLength(3);
		expect(String(output[0].json.error)).toContain('(HTTP 503) [item 0]');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('without continue on fail the run stops and starts nothing new after the failure', async () => {
		server.injectFault({ method: 'POST', path: target.createPath, kind: 500, times: 1 });
		const { error } = await run(5, { concurrency: 1 });
		expect(error?.message).toContain('(HTTP 500) [item 0]');
		expect(server.requestsTo('POST', target.createPath)).toHaveLength(1);
	});
});
