import type { IDataObject } from 'n8n-workflow';

import { useVirtualTime } from '../harness/clock';
import { runNode } from '../harness/engine';
import { operationTargets, type OperationTarget } from './operations';
import { sandbox, targets, type SandboxServer } from './targets';

// The fault suite for every operation besides Create, on a conversation Create made first:
// rate limits are waited out; a read (or a state change to a fixed value) is tried again after a
// fault; a write that may have been processed is reported as an error item and never sent twice.

const items = (count: number) =>
	Array.from({ length: count }, (_, index) => ({ marker: `op-${index}` }));

describe.each(operationTargets)('$vendor $name under faults', (operation: OperationTarget) => {
	const target = targets.find((candidate) => candidate.vendor === operation.vendor)!;
	const clock = useVirtualTime();
	let server: SandboxServer;
	let created: IDataObject;

	beforeAll(async () => {
		server = await sandbox.startVendorServer(target.vendor, {
			...target.serverOptions,
			now: clock.now,
		});
	});
	afterAll(async () => server.close());
	beforeEach(async () => {
		server.reset();
		const result = await runNode({
			type: target.nodeType,
			parameters: target.create,
			credentials: target.credentials(server),
			items: [{ marker: 'base' }],
		});
		expect(result.error).toBeUndefined();
		created = { ...result.output[0].json, externalConsumerId: 'base' };
		if (operation.before) {
			const prepared = await runNode({
				type: target.nodeType,
				parameters: operation.before(created),
				credentials: target.credentials(server),
			});
			expect(prepared.error).toBeUndefined();
		}
	});

	const run = (count: number, options: Record<string, number>) =>
		runNode({
			type: target.nodeType,
			parameters: { ...operation.parameters(created), options },
			credentials: target.credentials(server),
			items: items(count),
			onError: 'continueErrorOutput',
		});
	const sent = () => server.requestsTo(operation.method, operation.path);

	test('429 is waited out: every item done once', async () => {
		server.injectFault({
			method: operation.method,
			path: operation.path,
			kind: 429,
			times: 2,
			retryAfterMs: 1000,
		});
		const { output, errorOutput } = await run(3, { concurrency: 1 });
		expect(errorOutput).toEqual([]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sent().filter((request) => request.status === 429)).toHaveLength(2);
		expect(sent().filter((request) => Number(request.status) < 300)).toHaveLength(3);
	});

	test.each([
		[503, false],
		['reset', false],
		['timeout', true],
	])(
		`%s (after the vendor processed it: %s): ${operation.idempotent ? 'tried again' : 'reported, not sent twice'}`,
		async (kind, afterCreate) => {
			server.injectFault({
				method: operation.method,
				path: operation.path,
				kind,
				times: 1,
				afterCreate,
			});
			const { output, errorOutput } = await run(3, { concurrency: 1, timeoutMs: 1000 });
			if (operation.idempotent) {
				// Tried again: nothing lost.
				expect(errorOutput).toEqual([]);
				expect(output).toHaveLength(3);
				expect(sent()).toHaveLength(4);
			} else {
				// Reported, never sent twice.
				expect(errorOutput).toHaveLength(1);
				expect(errorOutput[0].pairedItem).toEqual({ item: 0 });
				expect(String(errorOutput[0].json.error)).toContain('[item 0]');
				expect(output.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
				expect(sent()).toHaveLength(3);
			}
		},
	);
});
