/**
 * Bulk benchmark: N Create Conversation items through each node on n8n's real engine, against the
 * vendor's sandbox fake with latency and the vendor's rate limit, next to the same requests through
 * n8n's HTTP Request node (defaults, and batching + Retry On Fail set sensibly).
 *
 *   npm run bench                       # 2,000 items, 20 ms latency, every vendor node
 *   npm run bench -- --items 500 --vendors intercom
 *
 * Prints a table; it asserts nothing. Rates: Intercom publishes 10,000 a minute in 10-second
 * windows; for vendors that publish none the same stand-in is used (--rate 1666/10000 to change).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

// n8n-core writes settings below N8N_USER_FOLDER: keep them out of the user's home.
process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-conversations-bench-'));
process.env.N8N_ENCRYPTION_KEY ??= 'bench-encryption-key';
process.env.N8N_LOG_LEVEL ??= 'silent';

import { loadPackage, runNode } from '../test/harness/engine';
import { sandbox, targets, type FaultTarget, type SandboxServer } from '../test/faults/targets';
import { benchRequests } from './bench-requests';

const ROOT = path.resolve(__dirname, '..');

function arg(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : fallback;
}

const ITEMS = Number(arg('items', '2000'));
const LATENCY_MS = Number(arg('latency', '20'));
const [LIMIT, WINDOW_MS] = arg('rate', '1666/10000').split('/').map(Number);
const VENDORS = arg('vendors', targets.map((target) => target.vendor).join(',')).split(',');

interface Row {
	vendor: string;
	setup: string;
	seconds: number | null;
	floor: number;
	failed: number;
	created: number;
	duplicates: number;
	note?: string;
}

const items = () => Array.from({ length: ITEMS }, (_, index) => ({ marker: `bench-${index}` }));

function count(target: FaultTarget, server: SandboxServer) {
	const markers = target.markers(server).filter((marker) => marker.startsWith('bench-'));
	return { created: new Set(markers).size, duplicates: markers.length - new Set(markers).size };
}

/** Requests that counted toward the limit and were answered (429s excluded). */
function requestsNeeded(server: SandboxServer): number {
	return server.state.requests.filter((request) => request.status !== 429).length;
}

async function measure(
	target: FaultTarget,
	server: SandboxServer,
	setup: string,
	run: () => Promise<{ output: IDataObject[]; error?: Error }>,
): Promise<Row> {
	server.reset();
	server.setLatency(LATENCY_MS);
	server.setRateLimit({ limit: LIMIT, windowMs: WINDOW_MS, style: 'vendor' });
	const started = Date.now();
	const { output, error } = await run();
	const seconds = (Date.now() - started) / 1000;
	const failed = error
		? ITEMS - output.filter((item) => !(item.json as IDataObject).error).length
		: output.filter((item) => (item.json as IDataObject).error).length;
	return {
		vendor: target.vendor,
		setup,
		seconds: error ? null : seconds,
		// The floor: the requests our node needs for N items (N, or 2N where each item needs a consumer
		// token first, as LivePerson's do), sent at exactly the rate limit.
		floor: requestsNeeded(server) / (LIMIT / (WINDOW_MS / 1000)),
		failed,
		...count(target, server),
		note: error
			? `run failed after ${seconds.toFixed(1)} s: ${error.message.slice(0, 60)}`
			: undefined,
	};
}

async function ours(target: FaultTarget, server: SandboxServer): Promise<Row> {
	return measure(target, server, 'this node, default settings', async () => {
		const parameters = target.benchCreate ? await target.benchCreate(server) : target.create;
		const result = await runNode({
			type: target.nodeType,
			parameters,
			credentials: target.credentials(server),
			items: items(),
		});
		return { output: result.output as IDataObject[], error: result.error };
	});
}

async function httpRequestNode(
	target: FaultTarget,
	server: SandboxServer,
	tuned: boolean,
): Promise<Row> {
	const build = benchRequests[target.vendor];
	const setup = tuned
		? `HTTP Request, batching ${LIMIT} per ${WINDOW_MS / 1000} s + Retry On Fail (5 tries, 2 s)`
		: 'HTTP Request node, defaults';
	if (!build) {
		return {
			vendor: target.vendor,
			setup,
			seconds: null,
			floor: 0,
			failed: 0,
			created: 0,
			duplicates: 0,
			note: 'no single-request equivalent (token and consumer token per item)',
		};
	}
	return measure(target, server, setup, async () => {
		const request = await build(server);
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
			options: tuned ? { batching: { batch: { batchSize: LIMIT, batchInterval: WINDOW_MS } } } : {},
		};
		const result = await runNode({
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters,
			credentials: {},
			items: items(),
			settings: tuned ? { retryOnFail: true, maxTries: 5, waitBetweenTries: 2000 } : {},
		});
		return { output: result.output as IDataObject[], error: result.error };
	});
}

/** CPU time of our node per item against an instant fake (no latency, no rate limit). */
async function cpuPerItem(target: FaultTarget, server: SandboxServer): Promise<number> {
	server.reset();
	server.setLatency(0);
	server.setRateLimit(null);
	const before = process.cpuUsage();
	const parameters = target.benchCreate ? await target.benchCreate(server) : target.create;
	await runNode({
		type: target.nodeType,
		parameters,
		credentials: target.credentials(server),
		items: items(),
	});
	const used = process.cpuUsage(before);
	// Includes the in-process fake's own CPU: an upper bound for the node.
	return (used.user + used.system) / 1000 / ITEMS;
}

function loadTimeMs(): number {
	const nodes = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).n8n
		.nodes as string[];
	const script = `const t=process.hrtime.bigint();${nodes.map((file) => `require(${JSON.stringify(path.join(ROOT, file))})`).join(';')};console.log(Number(process.hrtime.bigint()-t)/1e6)`;
	return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
}

function packedSize(): { size: number; unpackedSize: number; files: number } {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [info] = JSON.parse(out);
	return { size: info.size, unpackedSize: info.unpackedSize, files: info.entryCount };
}

function table(rows: Row[]): string {
	const lines = [
		'| vendor | setup | wall time | floor (requests ÷ rate) | ratio | failed | created | duplicates |',
		'|---|---|---|---|---|---|---|---|',
	];
	for (const row of rows) {
		const time = row.seconds === null ? (row.note ?? 'run failed') : `${row.seconds.toFixed(1)} s`;
		const ratio =
			row.seconds === null || !row.floor ? '–' : `${(row.seconds / row.floor).toFixed(2)}×`;
		lines.push(
			`| ${row.vendor} | ${row.setup} | ${time} | ${row.floor ? `${row.floor.toFixed(1)} s` : '–'} | ${ratio} | ${row.failed} | ${row.created} of ${ITEMS} | ${row.duplicates} |`,
		);
	}
	return lines.join('\n');
}

async function main() {
	await loadPackage();
	const rows: Row[] = [];
	const cpu: string[] = [];
	const chosen = targets.filter((candidate) => VENDORS.includes(candidate.vendor));
	const servers = new Map<string, SandboxServer>();
	for (const target of chosen) {
		servers.set(
			target.vendor,
			await sandbox.startVendorServer(target.vendor, {
				...target.serverOptions,
				maxLogEntries: ITEMS * 10,
			}),
		);
	}
	try {
		// Our node first for every vendor: a failed HTTP Request run can leave retries running in this
		// process for a while, which would slow whatever is measured next.
		const ourRows = new Map<string, Row>();
		for (const target of chosen) {
			process.stderr.write(`${target.vendor}: this node… `);
			ourRows.set(target.vendor, await ours(target, servers.get(target.vendor)!));
			cpu.push(
				`${target.vendor} ${(await cpuPerItem(target, servers.get(target.vendor)!)).toFixed(2)} ms`,
			);
		}
		process.stderr.write('\n');
		for (const target of chosen) {
			const server = servers.get(target.vendor)!;
			const ourRow = ourRows.get(target.vendor)!;
			process.stderr.write(`${target.vendor}: HTTP Request defaults… `);
			const plain = await httpRequestNode(target, server, false);
			process.stderr.write('HTTP Request tuned…\n');
			const tuned = await httpRequestNode(target, server, true);
			// The same work has the same floor: our node's request count sets it for the vendor's rows.
			rows.push(
				ourRow,
				{ ...plain, floor: plain.floor && ourRow.floor },
				{ ...tuned, floor: tuned.floor && ourRow.floor },
			);
		}
	} finally {
		for (const server of servers.values()) await server.close();
	}
	const pack = packedSize();
	console.log(
		`\nBenchmark ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
	);
	console.log(
		`${ITEMS} Create Conversation items per run, ${LATENCY_MS} ms latency, rate limit ${LIMIT} per ${WINDOW_MS / 1000} s window\n`,
	);
	console.log(table(rows));
	console.log(`\nCPU per item, this node, instant fake (fake included): ${cpu.join(', ')}`);
	console.log(
		`Package: load time of all nodes ${loadTimeMs().toFixed(0)} ms; packed ${(pack.size / 1024).toFixed(1)} KiB (${(pack.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${pack.files} files)`,
	);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
