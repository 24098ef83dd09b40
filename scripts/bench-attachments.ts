/**
 * Attachments benchmark: peak memory and time of Chatwoot "Send as Agent" with files, on n8n's
 * real engine, against a Chatwoot-like server in a process of its own
 * (scripts/bench-attachments-server.js: Api-Access-Token, multipart attachments[] read as a
 * stream, Chatwoot's 15-file and 40 MB limits, Rack::Attack's 429 "Retry later").
 *
 *   npm run bench:attachments                          # 10 items × 15 files × 10 MB
 *   npm run bench:attachments -- --items 10 --files 15 --mb 10 --rate-limited 3
 *   npm run bench:attachments -- --inline              # binary data inline in the items (base64)
 *
 * By default the files sit in n8n's binary data store in filesystem mode (n8n's default since
 * 2.0), as a Read Files or HTTP Request node leaves them; the items carry only their IDs. The first
 * request of the first --rate-limited items (default 3) is answered 429, so those bodies go twice.
 * Memory is sampled every 10 ms while the node runs; the server checks every file's bytes
 * (SHA-256). Prints the figures; it asserts nothing.
 */
import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';

import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

// n8n-core writes settings below N8N_USER_FOLDER: keep them out of the user's home.
process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-conversations-bench-'));
process.env.N8N_ENCRYPTION_KEY ??= 'bench-encryption-key';
process.env.N8N_LOG_LEVEL ??= 'silent';

import { useBinaryDataStore } from '../test/harness/binary-data';
import { runNode } from '../test/harness/engine';

function arg(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : fallback;
}

const ITEMS = Number(arg('items', '10'));
const FILES = Number(arg('files', '15'));
const FILE_MB = Number(arg('mb', '10'));
const RATE_LIMITED = Number(arg('rate-limited', '3'));
const INLINE = process.argv.includes('--inline');
const MB = 1024 * 1024;
const TOKEN = 'bench-user-access-token';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

// ---------------------------------------------------------------- the server, in another process

const child = fork(path.join(__dirname, 'bench-attachments-server.js'), [], {
	stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
let nextId = 0;
const pending = new Map<number, (message: { result?: unknown; error?: string }) => void>();
child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
	pending.get(message.id)?.(message);
	pending.delete(message.id);
});
function server<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
	const id = nextId++;
	return new Promise((resolve, reject) => {
		pending.set(id, (message) =>
			message.error ? reject(new Error(message.error)) : resolve(message.result as T),
		);
		child.send({ id, command, args });
	});
}

interface ServerStats {
	requests: number;
	rateLimited: number;
	refused: number;
	messages: number;
	bodyBytes: number;
	files: Array<{ conversationId: number; fileName: string; size: number; sha256: string }>;
	rss: number;
}

// ---------------------------------------------------------------- the files

/** Random bytes, 1 MB at a time, hashed on the way: the benchmark's process never holds a file. */
function randomFile(bytes: number, hash: ReturnType<typeof createHash>): Readable {
	return Readable.from(
		(function* () {
			for (let left = bytes; left > 0; left -= MB) {
				const chunk = randomBytes(Math.min(MB, left));
				hash.update(chunk);
				yield chunk;
			}
		})(),
	);
}

async function inputItems(): Promise<{
	items: INodeExecutionData[];
	expected: Map<string, string>;
	remove: () => void;
}> {
	const store = INLINE ? undefined : await useBinaryDataStore();
	const expected = new Map<string, string>();
	const items: INodeExecutionData[] = [];
	for (let item = 0; item < ITEMS; item++) {
		const binary: Record<string, IBinaryData> = {};
		for (let file = 0; file < FILES; file++) {
			const fileName = `item${item + 1}-file${file + 1}.bin`;
			const hash = createHash('sha256');
			if (store) {
				binary[`file${file}`] = await store.service.store(
					{ type: 'execution', workflowId: 'bench', executionId: '1' },
					randomFile(FILE_MB * MB, hash),
					{ data: '', fileName, mimeType: 'application/pdf' },
				);
			} else {
				const bytes = randomBytes(FILE_MB * MB);
				hash.update(bytes);
				binary[`file${file}`] = {
					data: bytes.toString('base64'),
					fileName,
					mimeType: 'application/pdf',
				};
			}
			expected.set(`${item + 1}/${fileName}`, hash.digest('hex'));
		}
		items.push({ json: { conversationId: item + 1 }, binary });
	}
	return { items, expected, remove: () => store?.remove() };
}

// ---------------------------------------------------------------- memory

interface Peak {
	rss: number;
	heapUsed: number;
	external: number;
	arrayBuffers: number;
}

function sampleMemory(): { stop: () => Peak } {
	const peak: Peak = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
	const sample = () => {
		const now = process.memoryUsage();
		peak.rss = Math.max(peak.rss, now.rss);
		peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
		peak.external = Math.max(peak.external, now.external);
		peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
	};
	sample();
	const timer = setInterval(sample, 10);
	return {
		stop: () => {
			clearInterval(timer);
			sample();
			return peak;
		},
	};
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

// ---------------------------------------------------------------- the run

async function main() {
	const { baseUrl } = await server<{ baseUrl: string }>('start', {
		token: TOKEN,
		rateLimited: RATE_LIMITED,
	});
	const { items, expected, remove } = await inputItems();
	const attachments = Array.from({ length: FILES }, (_, file) => `file${file}`).join(', ');
	gc();
	const baseline = process.memoryUsage();
	const memory = sampleMemory();
	const started = process.hrtime.bigint();
	const cpuBefore = process.cpuUsage();
	const { output, error } = await runNode({
		type: 'chatwoot',
		parameters: {
			resource: 'message',
			operation: 'sendAsAgent',
			conversationId: '={{ $json.conversationId }}',
			message: 'Your documents',
			additionalFields: { attachments },
		},
		credentials: {
			chatwootConversationsApi: {
				baseUrl,
				inboxIdentifier: '',
				hmacToken: '',
				apiAccessToken: TOKEN,
				accountId: '1',
			},
		},
		inputItems: items,
	});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const cpu = process.cpuUsage(cpuBefore);
	const peak = memory.stop();
	const stats = await server<ServerStats>('stats');
	await server('close');
	child.disconnect();
	remove();

	const wrong = stats.files.filter(
		(file) => expected.get(`${file.conversationId}/${file.fileName}`) !== file.sha256,
	);
	const totalBytes = ITEMS * FILES * FILE_MB * MB;
	const where = INLINE
		? 'inline in the items (base64)'
		: "in n8n's binary data store (filesystem mode)";
	console.log(
		`\nChatwoot Send as Agent: ${ITEMS} items × ${FILES} files × ${FILE_MB} MB = ${mb(totalBytes)}, binary data ${where}`,
	);
	console.log(`node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString()}\n`);
	const rows: Array<[string, string]> = [
		['result', error ? `failed: ${error.message}` : `${output.length} messages sent`],
		[
			'time',
			`${seconds.toFixed(1)} s (${(stats.bodyBytes / MB / seconds).toFixed(0)} MB/s of request bodies), ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU in this process`,
		],
		[
			'peak RSS',
			`${mb(peak.rss)} (${mb(baseline.rss)} before the run: +${mb(peak.rss - baseline.rss)})`,
		],
		[
			'peak heap used',
			`${mb(peak.heapUsed)} (${mb(baseline.heapUsed)} before the run: +${mb(peak.heapUsed - baseline.heapUsed)})`,
		],
		[
			'peak external / array buffers',
			`${mb(peak.external)} / ${mb(peak.arrayBuffers)} (${mb(baseline.external)} / ${mb(baseline.arrayBuffers)} before)`,
		],
		[
			'server',
			`${stats.requests} requests (${stats.rateLimited} answered 429, then sent again), ${stats.messages} messages, ${stats.files.length} files, ${mb(stats.bodyBytes)} received`,
		],
		[
			'bytes checked',
			wrong.length === 0 && stats.files.length === ITEMS * FILES
				? `every file's SHA-256 matches`
				: `${wrong.length} files differ, ${ITEMS * FILES - stats.files.length} missing`,
		],
	];
	const width = Math.max(...rows.map(([name]) => name.length));
	for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
	child.kill();
});
