/**
 * Bulk benchmark on n8n's real engine, against the vendor sandbox fakes (in a process of their own,
 * scripts/bench-fake.js) with latency and a fixed-window rate limit.
 *
 *   npm run bench                               # the scenarios, then every vendor node
 *   npm run bench -- --quick                    # the three short scenarios only (about 2 minutes)
 *   npm run bench -- --scenarios intercom-2s    # some scenarios; --vendors none skips the vendor table
 *   npm run bench -- --vendors intercom --items 500 --rate 1666/10000
 *
 * Each scenario runs this node with default settings, beside n8n's HTTP Request node tuned as well
 * as a user can: batching to the limit (the limit per window, an execution's share of it when
 * several run at once) and Retry On Fail. Every row is compared with the fixed-window floor: the
 * full windows the requests need, plus the time of the last window's requests at the latency and
 * this node's concurrency. Prints tables; it asserts nothing.
 */
import { fork, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

// n8n-core writes settings below N8N_USER_FOLDER: keep them out of the user's home.
process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-conversations-bench-'));
process.env.N8N_ENCRYPTION_KEY ??= 'bench-encryption-key';
process.env.N8N_LOG_LEVEL ??= 'silent';

import { loadPackage, runNode, type RunNodeResult } from '../test/harness/engine';
import { targets, type FaultTarget, type SandboxServer } from '../test/faults/targets';

/** Shared with the queue-mode test (plain JavaScript). */
const { pacedFloor } = require('./fixed-window-floor') as {
	pacedFloor: (
		arrivals: number[],
		window: { limit: number; windowMs: number },
		latencyMs: number,
	) => { floorMs: number };
};

import { DEFAULT_CONCURRENCY } from '../nodes/shared/runner';
import { benchRequests } from './bench-requests';

const ROOT = path.resolve(__dirname, '..');
/** The five packages (index.js): each one's folder and manifest. */
const { packages: PACKAGES } = require('../index.js') as {
	packages: Array<{
		vendor: string;
		name: string;
		dir: string;
		manifest: { n8n: { nodes: string[] } };
	}>;
};

function arg(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : fallback;
}

interface Scenario {
	name: string;
	title: string;
	vendor: string;
	/** Items per execution. */
	items: number;
	/** Executions at once, sharing the limit. */
	executions: number;
	limit: number;
	windowMs: number;
	/** The ratio to the floor this node must stay within. */
	target: number;
}

const SCENARIOS: Scenario[] = [
	{
		name: 'intercom-10s',
		title: '10-second windows, whole-second X-RateLimit-Reset (Intercom-like)',
		vendor: 'intercom',
		items: 2000,
		executions: 1,
		limit: 1666,
		windowMs: 10_000,
		target: 1.05,
	},
	{
		name: 'intercom-2s',
		title: '2-second windows, whole-second X-RateLimit-Reset',
		vendor: 'intercom',
		items: 2000,
		executions: 1,
		limit: 400,
		windowMs: 2000,
		target: 1.15,
	},
	{
		name: 'chatwoot-60s',
		title: "60-second windows, no rate-limit header (Chatwoot's Rack::Attack, 3,000 a minute)",
		vendor: 'chatwoot',
		items: 4000,
		executions: 1,
		limit: 3000,
		windowMs: 60_000,
		target: 1.1,
	},
	{
		name: 'intercom-3x',
		title: '3 executions at once sharing one limit (10-second windows, Intercom-like)',
		vendor: 'intercom',
		items: 700,
		executions: 3,
		limit: 1666,
		windowMs: 10_000,
		target: 1.1,
	},
];

const QUICK = process.argv.includes('--quick');
const LATENCY_MS = Number(arg('latency', '20'));
const CHOSEN_SCENARIOS = arg(
	'scenarios',
	SCENARIOS.filter((scenario) => !QUICK || scenario.name !== 'chatwoot-60s')
		.map((scenario) => scenario.name)
		.join(','),
).split(',');
const VENDOR_ITEMS = Number(arg('items', '2000'));
const WARM_UP_ITEMS = 300;
const [VENDOR_LIMIT, VENDOR_WINDOW_MS] = arg('rate', '1666/10000').split('/').map(Number);
const VENDORS = arg(
	'vendors',
	QUICK || process.argv.includes('--scenarios') ? 'none' : targets.map((t) => t.vendor).join(','),
).split(',');

// ---------------------------------------------------------------- the fakes, in another process

interface BenchServer {
	vendor: string;
	url: string;
	baseUrl: string;
	credentials: Record<string, string>;
	state: { conversations: IDataObject[]; requests: Array<{ at: number; status: number | null }> };
}

class Fakes {
	private readonly child = fork(path.join(__dirname, 'bench-fake.js'), [], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	private readonly pending = new Map<
		number,
		{ resolve: (value: unknown) => void; reject: (error: Error) => void }
	>();
	private nextId = 0;

	constructor() {
		this.child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
			const waiting = this.pending.get(message.id);
			this.pending.delete(message.id);
			if (message.error) waiting?.reject(new Error(message.error));
			else waiting?.resolve(message.result);
		});
	}

	call<T>(command: string, vendor?: string, args?: unknown): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.child.send({ id, command, vendor, args });
		});
	}

	async start(target: FaultTarget, maxLogEntries: number): Promise<BenchServer> {
		const info = await this.call<Omit<BenchServer, 'vendor' | 'state'>>('start', target.vendor, {
			...target.serverOptions,
			maxLogEntries,
		});
		return { vendor: target.vendor, ...info, state: { conversations: [], requests: [] } };
	}

	/** The fake emptied, with `latencyMs` and no rate limit. */
	async fresh(server: BenchServer, latencyMs: number): Promise<void> {
		await this.call('reset', server.vendor);
		await this.call('setLatency', server.vendor, latencyMs);
		await this.call('setRateLimit', server.vendor, null);
	}

	async snapshot(server: BenchServer): Promise<void> {
		server.state = await this.call('snapshot', server.vendor);
	}

	/** CPU microseconds the fakes' process has used. */
	cpu(): Promise<NodeJS.CpuUsage> {
		return this.call('cpu');
	}

	async close(): Promise<void> {
		await this.call('close');
		this.child.disconnect();
	}
}

/** The server as the targets' helpers see it (url, credentials, state). */
const asSandbox = (server: BenchServer) => server as unknown as SandboxServer;

// ---------------------------------------------------------------- measuring

interface Limits {
	limit: number;
	windowMs: number;
	/** This node's concurrency over all executions: what the floor assumes. */
	concurrency: number;
	items: number;
}

interface Row {
	group: string;
	items: number;
	setup: string;
	seconds: number | null;
	requests: number;
	floor: number;
	/** The floor with the last window at this node's own pace (see pacedFloorSeconds). */
	pacedFloor: number;
	failed: number;
	created: number;
	duplicates: number;
	/** Seconds between the fake's window resets and the first request after each. */
	pastResets: number;
	/** Seconds from the start to the first request the fake saw: n8n's engine start and the check of every item. */
	beforeFirst: number;
	target?: number;
	note?: string;
}

/**
 * How long the limit stood open unused after its resets: the fake's window starts with the first
 * request after the previous one ended (its limiter counts a request when the latency has passed).
 */
function secondsPastResets(
	requests: Array<{ at: number }>,
	windowMs: number,
	latencyMs: number,
): number {
	const taken = requests.map((request) => request.at + latencyMs).sort((a, b) => a - b);
	let windowStart = taken[0] ?? 0;
	let past = 0;
	for (const at of taken) {
		if (at < windowStart + windowMs) continue;
		past += at - (windowStart + windowMs);
		windowStart = at;
	}
	return past / 1000;
}

/**
 * The fixed-window floor: the full windows the requests need, plus the time of the last window's
 * requests at the latency and concurrency (a window's requests can all go at its start).
 */
export function fixedWindowFloorSeconds(
	requests: number,
	{ limit, windowMs, concurrency }: Pick<Limits, 'limit' | 'windowMs' | 'concurrency'>,
	latencyMs: number,
): number {
	const windows = Math.max(1, Math.ceil(requests / limit));
	const last = requests - (windows - 1) * limit;
	return ((windows - 1) * windowMs + Math.ceil(last / concurrency) * latencyMs) / 1000;
}

const itemsOf = (count: number, execution: number) =>
	Array.from({ length: count }, (_, index) => ({ marker: `bench-${execution}-${index}` }));

function failures(results: RunNodeResult[], itemsPerRun: number): number {
	let failed = 0;
	for (const { output, error } of results) {
		const errors = output.filter((item) => (item.json as IDataObject).error).length;
		failed += error ? itemsPerRun - (output.length - errors) : errors;
	}
	return failed;
}

/**
 * One row: the fake reset, `prepare` (before the limit: a contact to reuse, a token), then the
 * timed runs under the limit.
 */
async function measure(
	fakes: Fakes,
	server: BenchServer,
	limits: Limits,
	group: string,
	setup: string,
	prepare: () => Promise<() => Promise<RunNodeResult[]>>,
	itemsPerRun: number,
): Promise<Row> {
	await fakes.fresh(server, LATENCY_MS);
	const run = await prepare();
	await fakes.call('setRateLimit', server.vendor, {
		limit: limits.limit,
		windowMs: limits.windowMs,
		style: 'vendor',
	});
	const started = Date.now();
	const results = await run();
	const seconds = (Date.now() - started) / 1000;
	await fakes.snapshot(server);
	const during = server.state.requests.filter((request) => request.at >= started);
	const requests = during.filter((request) => request.status !== 429).length;
	const target = targets.find((candidate) => candidate.vendor === server.vendor)!;
	const markers = target.markers(asSandbox(server)).filter((marker) => marker.startsWith('bench-'));
	const created = new Set(markers).size;
	const error = results.find((result) => result.error)?.error;
	return {
		group,
		items: limits.items,
		setup,
		seconds: error ? null : seconds,
		requests,
		floor: fixedWindowFloorSeconds(requests, limits, LATENCY_MS),
		// The floor at this run's own pace: it leaves out what n8n's engine and HTTP client cannot go
		// faster than, so the ratio to it is the pacing's own.
		pacedFloor:
			pacedFloor(
				during.filter((request) => request.status !== 429).map((request) => request.at),
				limits,
				LATENCY_MS,
			).floorMs / 1000,
		pastResets: secondsPastResets(during, limits.windowMs, LATENCY_MS),
		beforeFirst: during.length > 0 ? (Math.min(...during.map((r) => r.at)) - started) / 1000 : 0,
		failed: failures(results, itemsPerRun),
		created,
		duplicates: markers.length - created,
		note: error
			? `run failed after ${seconds.toFixed(1)} s: ${error.message.slice(0, 60)}`
			: undefined,
	};
}

function oursPrepare(target: FaultTarget, server: BenchServer, executions: number, items: number) {
	return async () => {
		const parameters = target.benchCreate
			? await target.benchCreate(asSandbox(server))
			: target.create;
		return () =>
			Promise.all(
				Array.from({ length: executions }, (_, execution) =>
					runNode({
						type: target.nodeType,
						parameters,
						credentials: target.credentials(asSandbox(server)),
						items: itemsOf(items, execution),
					}),
				),
			);
	};
}

function httpPrepare(
	target: FaultTarget,
	server: BenchServer,
	executions: number,
	items: number,
	batch?: { batchSize: number; batchInterval: number },
) {
	return async () => {
		const request = await benchRequests[target.vendor](asSandbox(server));
		const parameters: INodeParameters = {
			method: 'POST',
			url: request.url,
			sendHeaders: Object.keys(request.headers).length > 0,
			headerParameters: {
				parameters: Object.entries(request.headers).map(([name, value]) => ({ name, value })),
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: request.jsonBody,
			options: batch ? { batching: { batch } } : {},
		};
		return () =>
			Promise.all(
				Array.from({ length: executions }, (_, execution) =>
					runNode({
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: 4.2,
						parameters,
						credentials: {},
						items: itemsOf(items, execution),
						settings: batch ? { retryOnFail: true, maxTries: 5, waitBetweenTries: 2000 } : {},
					}),
				),
			);
	};
}

const tunedLabel = (batchSize: number, windowMs: number, executions: number) =>
	`HTTP Request, batching ${batchSize} per ${windowMs / 1000} s${executions > 1 ? ' in each' : ''} + Retry On Fail (5 tries, 2 s)`;

async function scenarioRows(fakes: Fakes, server: BenchServer, scenario: Scenario) {
	const target = targets.find((candidate) => candidate.vendor === scenario.vendor)!;
	const limits: Limits = {
		limit: scenario.limit,
		windowMs: scenario.windowMs,
		concurrency: DEFAULT_CONCURRENCY * scenario.executions,
		items: scenario.items * scenario.executions,
	};
	const runs = scenario.executions > 1 ? `${scenario.executions} executions × ` : '';
	const group = `${scenario.name}: ${runs}${scenario.items} items, ${scenario.limit} per ${scenario.windowMs / 1000} s`;
	process.stderr.write(`${scenario.name}: this node… `);
	const ours = await measure(
		fakes,
		server,
		limits,
		group,
		'this node, default settings',
		oursPrepare(target, server, scenario.executions, scenario.items),
		scenario.items,
	);
	process.stderr.write('HTTP Request tuned…\n');
	const batchSize = Math.floor(scenario.limit / scenario.executions);
	const tuned = await measure(
		fakes,
		server,
		limits,
		group,
		tunedLabel(batchSize, scenario.windowMs, scenario.executions),
		httpPrepare(target, server, scenario.executions, scenario.items, {
			batchSize,
			batchInterval: scenario.windowMs,
		}),
		scenario.items,
	);
	// The same work has the same floor: this node's request count sets it.
	return [
		{ ...ours, target: scenario.target },
		{ ...tuned, floor: ours.floor, pacedFloor: ours.pacedFloor },
	];
}

async function vendorRows(fakes: Fakes, server: BenchServer, target: FaultTarget) {
	const limits: Limits = {
		limit: VENDOR_LIMIT,
		windowMs: VENDOR_WINDOW_MS,
		concurrency: DEFAULT_CONCURRENCY,
		items: VENDOR_ITEMS,
	};
	process.stderr.write(`${target.vendor}: this node… `);
	const ours = await measure(
		fakes,
		server,
		limits,
		target.vendor,
		'this node, default settings',
		oursPrepare(target, server, 1, VENDOR_ITEMS),
		VENDOR_ITEMS,
	);
	if (!benchRequests[target.vendor]) {
		process.stderr.write('\n');
		const none = {
			...ours,
			seconds: null,
			failed: 0,
			created: 0,
			duplicates: 0,
			note: 'no single-request equivalent (token and consumer token per item)',
		};
		return [ours, { ...none, setup: 'HTTP Request node' }];
	}
	process.stderr.write('HTTP Request defaults… ');
	const plain = await measure(
		fakes,
		server,
		limits,
		target.vendor,
		'HTTP Request node, defaults',
		httpPrepare(target, server, 1, VENDOR_ITEMS),
		VENDOR_ITEMS,
	);
	process.stderr.write('HTTP Request tuned…\n');
	const tuned = await measure(
		fakes,
		server,
		limits,
		target.vendor,
		tunedLabel(VENDOR_LIMIT, VENDOR_WINDOW_MS, 1),
		httpPrepare(target, server, 1, VENDOR_ITEMS, {
			batchSize: VENDOR_LIMIT,
			batchInterval: VENDOR_WINDOW_MS,
		}),
		VENDOR_ITEMS,
	);
	return [
		ours,
		{ ...plain, floor: ours.floor, pacedFloor: ours.pacedFloor },
		{ ...tuned, floor: ours.floor, pacedFloor: ours.pacedFloor },
	];
}

/**
 * Runs this node and the HTTP Request node once on a few items without a limit, as a long-running
 * n8n has before a bulk run: the timed rows then measure pacing, not V8 compiling the code.
 */
async function warmUp(fakes: Fakes, server: BenchServer, target: FaultTarget) {
	const items = WARM_UP_ITEMS;
	await fakes.fresh(server, LATENCY_MS);
	await (
		await oursPrepare(target, server, 1, items)()
	)();
	if (benchRequests[target.vendor])
		await (
			await httpPrepare(target, server, 1, items, { batchSize: 10, batchInterval: 0 })()
		)();
}

/** Items a second this node gets through with no limit at all: what n8n's engine and HTTP client allow at this latency. */
async function unlimitedRate(fakes: Fakes, server: BenchServer, target: FaultTarget) {
	const items = 1000;
	await fakes.fresh(server, LATENCY_MS);
	const run = await oursPrepare(target, server, 1, items)();
	const started = Date.now();
	await run();
	return items / ((Date.now() - started) / 1000);
}

// ---------------------------------------------------------------- CPU

interface ProfileNode {
	id: number;
	callFrame: { url: string; functionName: string };
}

/**
 * Runs `work` under V8's CPU profiler: the share of the busy samples (all but idle) that were in this
 * package's own files. Sample times are wall time, so on a loaded machine only the share is sound.
 */
async function ownShare(work: () => Promise<unknown>): Promise<number> {
	const session = new inspector.Session();
	session.connect();
	const post = (method: string, params?: object) =>
		new Promise<unknown>((resolve, reject) =>
			session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
		);
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: 200 });
	await post('Profiler.start');
	await work();
	const { profile } = (await post('Profiler.stop')) as {
		profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
	};
	session.disconnect();
	// the built files of every package (packages/<vendor>/dist)
	const dists = PACKAGES.map((pkg) => path.join(pkg.dir, 'dist') + path.sep);
	const isOwn = (url: string) =>
		dists.some((dist) => url.replace(/^file:\/\//, '').startsWith(dist));
	const kind = new Map(
		profile.nodes.map((node) => [
			node.id,
			node.callFrame.functionName === '(idle)'
				? 'idle'
				: isOwn(node.callFrame.url)
					? 'own'
					: 'other',
		]),
	);
	let own = 0;
	let busy = 0;
	profile.samples.forEach((id, index) => {
		const delta = profile.timeDeltas[index] ?? 0;
		if (kind.get(id) === 'idle') return;
		busy += delta;
		if (kind.get(id) === 'own') own += delta;
	});
	return busy ? own / busy : 0;
}

/**
 * CPU per item against an instant fake (no latency, no limit) in the other process: this process
 * (n8n's engine, its HTTP client and the node), and the node's own code alone (profiled).
 */
async function cpuPerItem(fakes: Fakes, server: BenchServer, target: FaultTarget) {
	const items = 1000;
	await fakes.fresh(server, 0);
	const run = await oursPrepare(target, server, 1, items)();
	await run(); // warm-up: JIT, sockets
	const before = process.cpuUsage();
	const fakeBefore = await fakes.cpu();
	await run();
	const used = process.cpuUsage(before);
	const fakeAfter = await fakes.cpu();
	const processMs = (used.user + used.system) / 1000 / items;
	const ownMs = processMs * (await ownShare(run));
	let httpMs: number | undefined;
	if (benchRequests[target.vendor]) {
		const http = await httpPrepare(target, server, 1, items, { batchSize: 10, batchInterval: 0 })();
		await http();
		const httpBefore = process.cpuUsage();
		await http();
		const httpUsed = process.cpuUsage(httpBefore);
		httpMs = (httpUsed.user + httpUsed.system) / 1000 / items;
	}
	return {
		processMs,
		httpMs,
		fakeMs:
			(fakeAfter.user + fakeAfter.system - fakeBefore.user - fakeBefore.system) / 1000 / items,
		ownMs,
	};
}

// ---------------------------------------------------------------- output

/** Milliseconds to require every node file of the five packages in a fresh Node process. */
function loadTimeMs(): number {
	const files = PACKAGES.flatMap((pkg) =>
		pkg.manifest.n8n.nodes.map((file) => path.join(pkg.dir, file)),
	);
	const script = `const t=process.hrtime.bigint();${files.map((file) => `require(${JSON.stringify(file)})`).join(';')};console.log(Number(process.hrtime.bigint()-t)/1e6)`;
	return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
}

/** `npm pack --dry-run` of each package: [{name, size, unpackedSize, files}]. */
function packedSizes(): Array<{ name: string; size: number; unpackedSize: number; files: number }> {
	const out = execFileSync(
		'npm',
		['pack', '--dry-run', '--json', '--ignore-scripts', '--workspaces'],
		{
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		},
	);
	return (
		JSON.parse(out.slice(out.indexOf('['))) as Array<{
			name: string;
			size: number;
			unpackedSize: number;
			entryCount: number;
		}>
	).map((info) => ({
		name: info.name,
		size: info.size,
		unpackedSize: info.unpackedSize,
		files: info.entryCount,
	}));
}

function table(rows: Row[], first: string): string {
	const lines = [
		`| ${first} | setup | wall time | fixed-window floor | ratio | floor at this node's own pace, ratio | before the first request | idle after resets | failed | created | duplicates |`,
		'|---|---|---|---|---|---|---|---|---|---|---|',
	];
	for (const row of rows) {
		const time = row.seconds === null ? (row.note ?? 'run failed') : `${row.seconds.toFixed(1)} s`;
		let ratio =
			row.seconds === null || !row.floor ? '–' : `${(row.seconds / row.floor).toFixed(2)}×`;
		if (row.target && ratio !== '–') ratio += ` (target ≤ ${row.target.toFixed(2)}×)`;
		lines.push(
			`| ${row.group} | ${row.setup} | ${time} | ${row.floor ? `${row.floor.toFixed(2)} s` : '–'} | ${ratio} | ${row.seconds === null || !row.pacedFloor ? '–' : `${row.pacedFloor.toFixed(2)} s, ${(row.seconds / row.pacedFloor).toFixed(2)}×`} | ${row.seconds === null ? '–' : `${row.beforeFirst.toFixed(2)} s`} | ${row.seconds === null ? '–' : `${row.pastResets.toFixed(2)} s`} | ${row.failed} | ${row.created} of ${row.items} | ${row.duplicates} |`,
		);
	}
	return lines.join('\n');
}

const load = () =>
	os
		.loadavg()
		.map((value) => value.toFixed(2))
		.join(', ');

async function main() {
	const loadBefore = load();
	await loadPackage();
	const fakes = new Fakes();
	const scenarios = SCENARIOS.filter((scenario) => CHOSEN_SCENARIOS.includes(scenario.name));
	const vendors = targets.filter((target) => VENDORS.includes(target.vendor));
	const needed = new Set([...scenarios.map((s) => s.vendor), ...vendors.map((t) => t.vendor)]);
	const servers = new Map<string, BenchServer>();
	for (const target of targets.filter((candidate) => needed.has(candidate.vendor)))
		servers.set(target.vendor, await fakes.start(target, 40_000));

	const scenarioTable: Row[] = [];
	const vendorTable: Row[] = [];
	const cpu: string[] = [];
	const rates: string[] = [];
	try {
		for (const target of targets.filter((candidate) => needed.has(candidate.vendor))) {
			await warmUp(fakes, servers.get(target.vendor)!, target);
			const rate = await unlimitedRate(fakes, servers.get(target.vendor)!, target);
			rates.push(`${target.vendor} ${rate.toFixed(0)} items/s`);
		}
		for (const scenario of scenarios)
			scenarioTable.push(...(await scenarioRows(fakes, servers.get(scenario.vendor)!, scenario)));
		for (const target of vendors)
			vendorTable.push(...(await vendorRows(fakes, servers.get(target.vendor)!, target)));
		for (const target of targets.filter((candidate) => needed.has(candidate.vendor))) {
			const measured = await cpuPerItem(fakes, servers.get(target.vendor)!, target);
			cpu.push(
				`| ${target.vendor} | ${measured.ownMs.toFixed(3)} ms | ${measured.processMs.toFixed(2)} ms | ${measured.httpMs === undefined ? '–' : `${measured.httpMs.toFixed(2)} ms`} | ${measured.fakeMs.toFixed(2)} ms |`,
			);
		}
	} finally {
		await fakes.close();
	}
	const packs = packedSizes();
	console.log(
		`\nBenchmark ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after`,
	);
	console.log(
		`${LATENCY_MS} ms latency; this node's default concurrency ${DEFAULT_CONCURRENCY} per execution; the fakes in their own process; each node warmed up on ${WARM_UP_ITEMS} items first\n`,
	);
	console.log(
		`Without any limit (1,000 items, the same latency and default concurrency), this node gets through: ${rates.join(', ')}. The floor assumes ${Math.round((1000 / LATENCY_MS) * DEFAULT_CONCURRENCY)} a second.\n`,
	);
	if (scenarioTable.length > 0) console.log(`${table(scenarioTable, 'scenario')}\n`);
	if (vendorTable.length > 0) {
		console.log(
			`Every vendor node: ${VENDOR_ITEMS} Create Conversation items, rate limit ${VENDOR_LIMIT} per ${VENDOR_WINDOW_MS / 1000} s window, the vendor's own rate-limit headers\n`,
		);
		console.log(`${table(vendorTable, 'vendor')}\n`);
	}
	console.log(
		"CPU per item, instant fake in its own process (1,000 items after a warm-up):\n\n| vendor | this node's own code (profiled share) | this node's process (n8n's engine, HTTP client, credential, node) | HTTP Request node, same requests (process) | the fake (its own process) |\n|---|---|---|---|---|",
	);
	console.log(cpu.join('\n'));
	console.log(
		`\nPackages: load time of all nodes of the ${PACKAGES.length} packages ${loadTimeMs().toFixed(0)} ms; packed ${packs
			.map(
				(pack) =>
					`${pack.name} ${(pack.size / 1024).toFixed(1)} KiB (${(pack.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${pack.files} files)`,
			)
			.join('; ')}`,
	);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
