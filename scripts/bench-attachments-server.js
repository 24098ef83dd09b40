'use strict';
/*
 * A Chatwoot-like server for `npm run bench:attachments`, in a process of its own so that the
 * benchmark's memory figures are n8n's and the node's only. It answers
 * POST /api/v1/accounts/:account/conversations/:conversation/messages as Chatwoot's Application API
 * does: the Api-Access-Token header, multipart/form-data with attachments[] (at most 15 files of at
 * most 40 MB, Chatwoot's defaults: 422 otherwise), and Rack::Attack's plain-text 429 "Retry later"
 * without rate-limit headers, here to the first request of the first `rateLimited` conversations.
 * It reads each body as a stream (never whole) and keeps each file's size and SHA-256.
 * Driven over IPC by scripts/bench-attachments.ts (commands: start, stats, close).
 */
const crypto = require('node:crypto');
const http = require('node:http');

const MAX_FILES = 15;
const MAX_FILE_BYTES = 40 * 1024 * 1024;

/**
 * A streaming multipart/form-data reader (RFC 7578): calls onPart(headers) at each part's start,
 * onData(chunk) with its bytes and onEnd() at its end; keeps no more than a delimiter's length.
 */
function multipartReader(boundary, { onPart, onData, onEnd }) {
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	// The body starts with the delimiter without its CRLF.
	let pending = Buffer.from('\r\n');
	let state = 'preamble';
	const step = () => {
		for (;;) {
			if (state === 'preamble' || state === 'body') {
				const at = pending.indexOf(delimiter);
				if (at < 0) {
					const keep = delimiter.length - 1;
					if (state === 'body' && pending.length > keep)
						onData(pending.subarray(0, pending.length - keep));
					if (pending.length > keep) pending = pending.subarray(pending.length - keep);
					return;
				}
				if (state === 'body') {
					onData(pending.subarray(0, at));
					onEnd();
				}
				pending = pending.subarray(at + delimiter.length);
				state = 'after-delimiter';
			}
			if (state === 'after-delimiter') {
				if (pending.length < 2) return;
				const next = pending.subarray(0, 2).toString('latin1');
				if (next === '--') {
					state = 'done';
					return;
				}
				if (next !== '\r\n') throw new Error('malformed multipart body');
				pending = pending.subarray(2);
				state = 'head';
			}
			if (state === 'head') {
				const end = pending.indexOf('\r\n\r\n');
				if (end < 0) return;
				onPart(pending.subarray(0, end).toString('utf8'));
				pending = pending.subarray(end + 4);
				state = 'body';
			}
			if (state === 'done') return;
		}
	};
	return {
		write(chunk) {
			pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
			step();
		},
		get done() {
			return state === 'done';
		},
	};
}

const stats = { requests: 0, rateLimited: 0, refused: 0, messages: 0, bodyBytes: 0, files: [] };
let token = '';
let rateLimitedConversations = 0;
const seenConversations = new Set();

function json(res, status, body) {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

function handle(req, res) {
	stats.requests++;
	const route = /^\/api\/v1\/accounts\/(\d+)\/conversations\/(\d+)\/messages$/.exec(req.url);
	if (req.method !== 'POST' || !route)
		return json(res, 404, { error: 'Resource could not be found' });
	if (req.headers['api-access-token'] !== token)
		return json(res, 401, { error: 'Invalid Access Token' });
	const conversationId = Number(route[2]);
	const first = !seenConversations.has(conversationId);
	seenConversations.add(conversationId);
	const boundary = /boundary=([^;]+)/.exec(req.headers['content-type'] || '')?.[1];
	if (!boundary) return json(res, 422, { error: 'expected multipart/form-data' });

	const fields = {};
	const files = [];
	let part;
	let problem;
	const reader = multipartReader(boundary, {
		onPart(head) {
			const name = /name="([^"]*)"/.exec(head)?.[1];
			const fileName = /filename="([^"]*)"/.exec(head)?.[1];
			part = {
				name,
				fileName,
				size: 0,
				hash: fileName ? crypto.createHash('sha256') : null,
				text: [],
			};
		},
		onData(chunk) {
			part.size += chunk.length;
			if (part.hash) part.hash.update(chunk);
			else part.text.push(Buffer.from(chunk));
		},
		onEnd() {
			if (part.fileName === undefined)
				fields[part.name] = Buffer.concat(part.text).toString('utf8');
			else
				files.push({ fileName: part.fileName, size: part.size, sha256: part.hash.digest('hex') });
		},
	});
	let received = 0;
	req.on('data', (chunk) => {
		received += chunk.length;
		if (problem) return;
		try {
			reader.write(chunk);
		} catch (error) {
			problem = error.message;
		}
	});
	req.on('end', () => {
		stats.bodyBytes += received;
		// Rack::Attack throttles before the app reads the body; Puma has read it whole by then.
		if (first && conversationId <= rateLimitedConversations) {
			stats.rateLimited++;
			res.writeHead(429, { 'content-type': 'text/plain' });
			return res.end('Retry later\n');
		}
		if (problem || !reader.done)
			return json(res, 400, { error: problem || 'incomplete multipart body' });
		if (files.length > MAX_FILES || files.some((file) => file.size > MAX_FILE_BYTES)) {
			stats.refused++;
			return json(res, 422, { error: 'Validation failed: Attachments is invalid' });
		}
		stats.messages++;
		stats.files.push(...files.map((file) => ({ conversationId, ...file })));
		const id = stats.messages;
		json(res, 200, {
			id,
			content: fields.content ?? null,
			inbox_id: 1,
			conversation_id: conversationId,
			message_type: 1,
			content_type: 'text',
			private: fields.private === 'true',
			created_at: Math.floor(Date.now() / 1000),
			sender: { id: 1, name: 'Bench Agent', type: 'user' },
			attachments: files.map((file, index) => ({
				id: id * 100 + index,
				message_id: id,
				file_type: 'file',
				file_size: file.size,
				data_url: `/rails/active_storage/blobs/${id}/${encodeURIComponent(file.fileName)}`,
			})),
		});
	});
}

let server;

async function command({ command: name, args }) {
	switch (name) {
		case 'start':
			token = args.token;
			rateLimitedConversations = args.rateLimited || 0;
			server = http.createServer(handle);
			await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
			return { baseUrl: `http://127.0.0.1:${server.address().port}` };
		case 'stats':
			return { ...stats, rss: process.memoryUsage().rss };
		case 'close':
			await new Promise((resolve) => server.close(resolve));
			return null;
		default:
			throw new Error(`unknown command ${name}`);
	}
}

process.on('message', (message) => {
	command(message).then(
		(result) => process.send({ id: message.id, result }),
		(error) => process.send({ id: message.id, error: String((error && error.stack) || error) }),
	);
});
process.on('disconnect', () => process.exit(0));
