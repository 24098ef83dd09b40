import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { MultipartBody, safeMimeType } from '../../nodes/shared/multipart';
import { useBinaryDataStore, type BinaryDataStore } from '../harness/binary-data';
import { runNode } from '../harness/engine';

// Issue 22, points 5 and 6: Send as Agent's attachments. What n8n sends is read byte for byte by a
// local server; the Chatwoot sandbox reads file names as Rails (Rack) does.

const TOKEN = 'secret-chatwoot-user-token';

const sendAsAgent = (attachments: string, extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'sendAsAgent',
	conversationId: '42',
	message: 'Your files',
	additionalFields: { attachments, ...extra },
});

const inlineFile = (bytes: Buffer | string, fileName: string, mimeType: string): IBinaryData => ({
	data: Buffer.from(bytes).toString('base64'),
	fileName,
	mimeType,
});

/** One request as it reached the server: its headers and its body's bytes. */
interface Received {
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/**
 * A server that keeps every request's bytes; answers 429 ("Retry later", as Rack::Attack does) to
 * the first `rateLimited`; reads at most `bytesPerSecond` when given (a slow uplink).
 */
async function captureServer(rateLimited = 0, bytesPerSecond = 0) {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => {
			chunks.push(chunk);
			if (!bytesPerSecond) return;
			req.pause();
			setTimeout(() => req.resume(), (chunk.length / bytesPerSecond) * 1000);
		});
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks) });
			if (received.length <= rateLimited) {
				res.writeHead(429, { 'content-type': 'text/plain' }).end('Retry later\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' }).end(
				JSON.stringify({
					id: 900 + received.length,
					content: 'Your files',
					conversation_id: 42,
					message_type: 1,
					private: false,
					created_at: 1767225600,
					attachments: [{ id: 1 }],
				}),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		received,
		credentials: {
			chatwootConversationsApi: {
				baseUrl,
				inboxIdentifier: '',
				hmacToken: '',
				apiAccessToken: TOKEN,
				accountId: '5',
			},
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The parts of a multipart/form-data body: each part's header lines and its bytes. */
function partsOf(received: Received) {
	const boundary = /boundary=(\S+)$/.exec(String(received.headers['content-type']))?.[1];
	expect(boundary).toBeDefined();
	const text = received.body.toString('latin1');
	expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
	return text
		.slice(0, -`\r\n--${boundary}--\r\n`.length)
		.split(`--${boundary}\r\n`)
		.slice(1)
		.map((part) => {
			const end = part.indexOf('\r\n\r\n');
			const value = part.slice(end + 4);
			return {
				head: part.slice(0, end).split('\r\n'),
				value: Buffer.from(value.endsWith('\r\n') ? value.slice(0, -2) : value, 'latin1'),
			};
		});
}

describe('Chatwoot Send as Agent: an attachment cannot change the multipart body around it (issue 22, point 5)', () => {
	test('a CR/LF in the MIME type adds no header and no part: the file goes as application/octet-stream', async () => {
		const server = await captureServer();
		try {
			const injected =
				'image/png\r\nX-Injected: yes\r\n\r\nfake\r\nContent-Disposition: form-data; name="private"';
			const { error } = await runNode({
				type: 'chatwoot',
				parameters: sendAsAgent('data'),
				credentials: server.credentials,
				inputItems: [
					{ json: {}, binary: { data: inlineFile('PNG bytes', 'photo.png', injected) } },
				],
			});
			expect(error).toBeUndefined();
			expect(server.received).toHaveLength(1);
			const parts = partsOf(server.received[0]);
			expect(parts.map((part) => part.head)).toEqual([
				['Content-Disposition: form-data; name="content"'],
				['Content-Disposition: form-data; name="message_type"'],
				['Content-Disposition: form-data; name="private"'],
				[
					'Content-Disposition: form-data; name="attachments[]"; filename="photo.png"',
					'Content-Type: application/octet-stream',
				],
			]);
			expect(parts[3].value.toString()).toBe('PNG bytes');
			expect(server.received[0].body.includes('X-Injected')).toBe(false);
		} finally {
			await server.close();
		}
	});

	test('a well-formed MIME type, parameters included, is sent as it is', async () => {
		const server = await captureServer();
		try {
			const { error } = await runNode({
				type: 'chatwoot',
				parameters: sendAsAgent('notes, sheet'),
				credentials: server.credentials,
				inputItems: [
					{
						json: {},
						binary: {
							notes: inlineFile('hello', 'notes.txt', 'text/plain; charset=utf-8'),
							sheet: inlineFile(
								'PK',
								'q3.xlsx',
								'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
							),
						},
					},
				],
			});
			expect(error).toBeUndefined();
			const types = partsOf(server.received[0])
				.map((part) => part.head[1])
				.filter(Boolean);
			expect(types).toEqual([
				'Content-Type: text/plain; charset=utf-8',
				'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			]);
		} finally {
			await server.close();
		}
	});

	test('quotes, line breaks, backslashes and percent signs in a file name are escaped', async () => {
		const server = await captureServer();
		try {
			const { error } = await runNode({
				type: 'chatwoot',
				parameters: sendAsAgent('data'),
				credentials: server.credentials,
				inputItems: [
					{
						json: {},
						binary: { data: inlineFile('x', 'a"b\r\nc 100%41 scan\\', 'application/pdf') },
					},
				],
			});
			expect(error).toBeUndefined();
			expect(partsOf(server.received[0])[3].head[0]).toBe(
				'Content-Disposition: form-data; name="attachments[]"; filename="a%22b%0D%0Ac 100%2541 scan%5C"',
			);
		} finally {
			await server.close();
		}
	});

	test.each([
		['image/png', 'image/png'],
		['application/vnd.ms-excel', 'application/vnd.ms-excel'],
		['image/svg+xml', 'image/svg+xml'],
		['text/plain;charset=UTF-8', 'text/plain; charset=UTF-8'],
		['text/plain; charset="utf-8"', 'text/plain; charset="utf-8"'],
		['image/png\r\nX-Injected: yes', 'application/octet-stream'],
		['image/png\n', 'application/octet-stream'],
		['text/plain; charset="a\r\nb"', 'application/octet-stream'],
		['text/plain; charset="a\\"', 'application/octet-stream'],
		['image', 'application/octet-stream'],
		['image/', 'application/octet-stream'],
		['image/png/extra', 'application/octet-stream'],
		['image/png; name', 'application/octet-stream'],
		['ima ge/png', 'application/octet-stream'],
		['', 'application/octet-stream'],
	])('the MIME type %j is sent as %j', (given, sent) => {
		expect(safeMimeType(given)).toBe(sent);
	});
});

interface ChatwootFake {
	url: string;
	baseUrl: string;
	credentials: Record<string, string>;
	state: {
		messages: Array<Record<string, unknown>>;
		requests: Array<{
			method: string;
			path: string;
			headers: Record<string, string>;
			body: unknown;
		}>;
	};
	reset(): void;
	injectFault(spec: Record<string, unknown>): void;
	close(): Promise<void>;
}
const sandbox = require('../sandbox') as {
	startVendorServer(vendor: string, options?: Record<string, unknown>): Promise<ChatwootFake>;
};

describe('Chatwoot Send as Agent against the sandbox: files as Chatwoot stores them', () => {
	let fake: ChatwootFake;
	let credentials: Record<string, Record<string, string>>;
	let conversationId: number;
	beforeAll(async () => {
		fake = await sandbox.startVendorServer('chatwoot');
		credentials = {
			chatwootConversationsApi: {
				baseUrl: fake.baseUrl,
				inboxIdentifier: fake.credentials.inboxIdentifier,
				hmacToken: '',
				apiAccessToken: fake.credentials.apiAccessToken,
				accountId: '1',
			},
		};
	});
	afterAll(async () => {
		await fake.close();
	});
	beforeEach(async () => {
		fake.reset();
		const created = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'create',
				contactMode: 'new',
				contactFields: { name: 'Ana Lima', email: 'ana@example.com' },
				message: 'Where is my order?',
			},
			credentials,
		});
		expect(created.error).toBeUndefined();
		conversationId = created.output[0].json.conversationId as number;
	});

	test('Chatwoot (Rack) reads an escaped file name back unchanged, percent signs included', async () => {
		const fileName = 'Invoice "Q3" 100%41 final.pdf';
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: { ...sendAsAgent('data'), conversationId: String(conversationId) },
			credentials,
			inputItems: [{ json: {}, binary: { data: inlineFile('%PDF', fileName, 'application/pdf') } }],
		});
		expect(error).toBeUndefined();
		const stored = fake.state.messages.find((message) => message.id === output[0].json.messageId);
		expect(stored?.attachments).toMatchObject([{ file_name: fileName }]);
	});
});

describe("attachments are streamed from n8n's binary data, not held in memory (issue 22, point 6)", () => {
	let binaryData: BinaryDataStore;
	beforeAll(async () => {
		binaryData = await useBinaryDataStore();
	});
	afterAll(() => binaryData.remove());
	const storedFile = (bytes: Buffer, fileName: string, mimeType: string) =>
		binaryData.store(bytes, fileName, mimeType);

	test("files in n8n's binary data store are streamed (getBinaryStream), never read whole", async () => {
		const invoice = randomBytes(1024 * 1024 + 17);
		const photo = randomBytes(300 * 1024);
		const items: INodeExecutionData[] = [
			{
				json: {},
				binary: {
					invoice: await storedFile(invoice, 'invoice.pdf', 'application/pdf'),
					photo: await storedFile(photo, 'photo.jpg', 'image/jpeg'),
				},
			},
		];
		const readWhole = jest.spyOn(binaryData.service, 'getAsBuffer');
		const streamed = jest.spyOn(binaryData.service, 'getAsStream');
		const server = await captureServer();
		try {
			const { error } = await runNode({
				type: 'chatwoot',
				parameters: sendAsAgent('invoice, photo'),
				credentials: server.credentials,
				inputItems: items,
			});
			expect(error).toBeUndefined();
			expect(readWhole).not.toHaveBeenCalled();
			expect(streamed).toHaveBeenCalledTimes(2);
			const received = server.received[0];
			expect(Number(received.headers['content-length'])).toBe(received.body.length);
			const files = partsOf(received).slice(3);
			expect(files.map((file) => file.head[0])).toEqual([
				'Content-Disposition: form-data; name="attachments[]"; filename="invoice.pdf"',
				'Content-Disposition: form-data; name="attachments[]"; filename="photo.jpg"',
			]);
			expect(files[0].value.equals(invoice)).toBe(true);
			expect(files[1].value.equals(photo)).toBe(true);
		} finally {
			readWhole.mockRestore();
			streamed.mockRestore();
			await server.close();
		}
	});

	test('after a 429 the same body goes again, built once (same boundary), its files read again from the start', async () => {
		const scan = randomBytes(512 * 1024);
		const items: INodeExecutionData[] = [
			{ json: {}, binary: { data: await storedFile(scan, 'scan.tiff', 'image/tiff') } },
		];
		const server = await captureServer(1);
		try {
			const { error, output } = await runNode({
				type: 'chatwoot',
				parameters: sendAsAgent('data'),
				credentials: server.credentials,
				inputItems: items,
			});
			expect(error).toBeUndefined();
			expect(output).toHaveLength(1);
			expect(server.received).toHaveLength(2);
			const [first, second] = server.received;
			expect(second.headers['content-type']).toBe(first.headers['content-type']);
			expect(second.body.equals(first.body)).toBe(true);
			expect(partsOf(second)[3].value.equals(scan)).toBe(true);
		} finally {
			await server.close();
		}
	});

	test('the Timeout counts after the files are sent: an upload slower than the Timeout, at 1 MB/s or more, goes through', async () => {
		const scan = randomBytes(8 * 1024 * 1024);
		const items: INodeExecutionData[] = [
			{ json: {}, binary: { data: await storedFile(scan, 'scan.tiff', 'image/tiff') } },
		];
		// 8 MB read at 3 MB/s: nearly 3 s to send, with Timeout 1 s (and 8 s more for 8 MB of files)
		const server = await captureServer(0, 3 * 1024 * 1024);
		try {
			const started = Date.now();
			const { error } = await runNode({
				type: 'chatwoot',
				parameters: { ...sendAsAgent('data'), options: { timeoutMs: 1000 } },
				credentials: server.credentials,
				inputItems: items,
			});
			expect(error).toBeUndefined();
			expect(Date.now() - started).toBeGreaterThan(1500);
			expect(partsOf(server.received[0])[3].value.equals(scan)).toBe(true);
		} finally {
			await server.close();
		}
	});

	test('inline binary data (no binary data store) is decoded a slice at a time, bytes unchanged, line breaks too', async () => {
		const bytes = randomBytes(3 * 1024 * 1024 + 5);
		const wrapped = randomBytes(2 * 1024 * 1024 + 1);
		// base64 in lines of 76 characters, as a Code node may write it
		const lines = wrapped.toString('base64').replace(/.{76}/g, '$&\r\n');
		const server = await captureServer();
		try {
			const { error } = await runNode({
				type: 'chatwoot',
				parameters: sendAsAgent('data, wrapped'),
				credentials: server.credentials,
				inputItems: [
					{
						json: {},
						binary: {
							data: inlineFile(bytes, 'big.bin', 'application/zip'),
							wrapped: { data: lines, fileName: 'wrapped.bin', mimeType: 'application/zip' },
						},
					},
				],
			});
			expect(error).toBeUndefined();
			const files = partsOf(server.received[0]).slice(3);
			expect(files[0].value.equals(bytes)).toBe(true);
			expect(files[1].value.equals(wrapped)).toBe(true);
		} finally {
			await server.close();
		}
	});
});

describe('MultipartBody (nodes/shared/multipart.ts)', () => {
	async function bytesOf(body: MultipartBody): Promise<Buffer> {
		const chunks: Uint8Array[] = [];
		for await (const chunk of body.stream()) chunks.push(chunk);
		return Buffer.concat(chunks);
	}
	const file = (content: Buffer, declared = content.length) => ({
		fileName: 'a.bin',
		mimeType: 'application/octet-stream',
		size: declared,
		read: async function* () {
			yield content.subarray(0, 3);
			yield content.subarray(3);
		},
	});

	test('its size is the Content-Length of what it streams, the same bytes each time', async () => {
		const content = Buffer.from([0, 255, 13, 10, 45, 45, 7]);
		const body = new MultipartBody(
			[
				['content', 'Hi'],
				['attachments[]', file(content)],
			],
			'BOUNDARY123',
		);
		expect(body.type).toBe('multipart/form-data; boundary=BOUNDARY123');
		const expected = Buffer.concat([
			Buffer.from(
				'--BOUNDARY123\r\nContent-Disposition: form-data; name="content"\r\n\r\nHi\r\n' +
					'--BOUNDARY123\r\nContent-Disposition: form-data; name="attachments[]"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n',
			),
			content,
			Buffer.from('\r\n--BOUNDARY123--\r\n'),
		]);
		expect(body.size).toBe(expected.length);
		expect((await bytesOf(body)).equals(expected)).toBe(true);
		expect((await bytesOf(body)).equals(expected)).toBe(true);
	});

	test('a file that gives other bytes than its size says stops the body instead of sending a wrong Content-Length', async () => {
		const shorter = new MultipartBody([['attachments[]', file(Buffer.alloc(5), 6)]], 'B');
		await expect(bytesOf(shorter)).rejects.toThrow(
			'"a.bin" gave 5 bytes, but its binary data says 6',
		);
		const longer = new MultipartBody([['attachments[]', file(Buffer.alloc(5), 4)]], 'B');
		await expect(bytesOf(longer)).rejects.toThrow(
			'"a.bin" gave more than the 4 bytes its binary data says',
		);
	});
});
