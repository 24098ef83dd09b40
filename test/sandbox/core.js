'use strict';
/**
 * Shared core of the vendor sandbox: one HTTP server per vendor on 127.0.0.1 with
 * a router, body parsing, a request log, latency, a fixed-window rate limiter and
 * injectable faults. Vendor files (./vendors/*.js) only describe routes and the
 * vendor's own bodies; everything else lives here.
 */
const http = require('http');
const crypto = require('crypto');
const { URL, URLSearchParams } = require('url');

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_LOG = 20000;
const MAX_FAULT_TIMES = 1e6;
const MAX_STREAM_CHUNKS = 1000;

// ---------------------------------------------------------------- responses

function json(status, body, headers) {
	return { status, json: body, headers: headers || {} };
}
function text(status, body, headers) {
	return {
		status,
		text: String(body),
		headers: { 'content-type': 'text/plain; charset=utf-8', ...(headers || {}) },
	};
}
function html(status, body, headers) {
	return {
		status,
		text: String(body),
		headers: { 'content-type': 'text/html; charset=utf-8', ...(headers || {}) },
	};
}
/** A streamed answer: the chunks are written one by one with a short pause between them. */
function stream(status, chunks, headers) {
	return { status, chunks: chunks.slice(0, MAX_STREAM_CHUNKS), headers: headers || {} };
}

function serialize(response) {
	if (response.json !== undefined) {
		return { body: JSON.stringify(response.json), type: 'application/json; charset=utf-8' };
	}
	return { body: response.text === undefined ? '' : response.text, type: null };
}

// ---------------------------------------------------------------- small helpers

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms | 0)));
const nowSec = () => Math.floor(Date.now() / 1000);
const uuid = () => crypto.randomUUID();
const hex = (bytes) => crypto.randomBytes(bytes).toString('hex');
const b64url = (input) => Buffer.from(input).toString('base64url');

/** A compact HS256 JWT. The fakes only need tokens that look real and can be verified by the issuer. */
function signJwt(payload, secret) {
	const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const body = b64url(JSON.stringify(payload));
	const sig = crypto.createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
	return `${head}.${body}.${sig}`;
}
/** Returns the payload of a token signed with `secret`, or null (bad shape or signature). Expiry is the caller's job. */
function verifyJwt(token, secret) {
	if (typeof token !== 'string') return null;
	const parts = token.split('.');
	if (parts.length !== 3) return null;
	const expected = crypto
		.createHmac('sha256', secret)
		.update(`${parts[0]}.${parts[1]}`)
		.digest('base64url');
	const a = Buffer.from(parts[2]);
	const b = Buffer.from(expected);
	if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return null;
	try {
		return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
	} catch {
		return null;
	}
}
function hmacHex(key, value) {
	return crypto.createHmac('sha256', String(key)).update(String(value)).digest('hex');
}
function bearer(headers) {
	const value = headers.authorization;
	if (typeof value !== 'string') return null;
	const m = /^Bearer\s+(.+)$/i.exec(value.trim());
	return m ? m[1].trim() : null;
}
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

// ---------------------------------------------------------------- router

function compileRoute(route, caseInsensitive) {
	const names = [];
	const source = route.path
		.split('/')
		.map((seg) => {
			if (seg.startsWith(':')) {
				names.push(seg.slice(1));
				return '([^/]+)';
			}
			return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return {
		...route,
		method: route.method.toUpperCase(),
		names,
		re: new RegExp(`^${source}/?$`, caseInsensitive ? 'i' : ''),
	};
}

function matchRoute(routes, method, path) {
	let pathMatched = false;
	for (const route of routes) {
		const m = route.re.exec(path);
		if (!m) continue;
		pathMatched = true;
		if (route.method !== method) continue;
		const params = {};
		route.names.forEach((name, i) => {
			try {
				params[name] = decodeURIComponent(m[i + 1]);
			} catch {
				params[name] = m[i + 1];
			}
		});
		return { route, params };
	}
	return { route: null, pathMatched };
}

// ---------------------------------------------------------------- body parsing

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		let done = false;
		req.on('end', () => {
			done = true;
			const buffer = Buffer.concat(chunks);
			resolve({ raw: buffer.toString('utf8'), buffer, tooLarge });
		});
		req.on('error', reject);
		req.on('close', () => {
			if (!done) reject(new Error('client closed the connection before the body was complete'));
		});
	});
}

/**
 * A file name as Rails reads it (Rack::Multipart::Parser#normalize_filename): percent-decoded when
 * every % starts an escape, then the part after the last / or \ (a browser's full path).
 */
function rackFileName(sent) {
	let name = sent;
	if ((name.match(/%.?.?/g) || []).every((escape) => /^%[0-9a-fA-F]{2}$/.test(escape))) {
		try {
			name = decodeURIComponent(name);
		} catch {
			// not UTF-8 once decoded: Rack keeps the bytes, scrubbed; keep the name as sent
		}
	}
	return name.split(/[/\\]/).pop();
}

/**
 * multipart/form-data (RFC 7578): text fields as strings, files as { fileName, mimeType, size, data }
 * (data: a Buffer); a name sent more than once ("attachments[]") gives a list.
 */
function parseMultipart(buffer, boundary) {
	const body = {};
	const add = (name, value) => {
		if (body[name] === undefined) body[name] = name.endsWith('[]') ? [value] : value;
		else body[name] = [].concat(body[name], value);
	};
	const delimiter = Buffer.from(`--${boundary}`);
	let start = buffer.indexOf(delimiter);
	if (start < 0) return null;
	for (;;) {
		start += delimiter.length;
		if (buffer.slice(start, start + 2).toString() === '--') return body;
		const next = buffer.indexOf(delimiter, start);
		if (next < 0) return null;
		const part = buffer.slice(start + 2, next - 2); // without the CRLFs around it
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd < 0) return null;
		const headers = part.slice(0, headerEnd).toString('utf8');
		const data = part.slice(headerEnd + 4);
		const name = /name="([^"]*)"/i.exec(headers)?.[1];
		if (name === undefined) return null;
		const sentFileName = /filename="([^"]*)"/i.exec(headers)?.[1];
		const fileName = sentFileName === undefined ? undefined : rackFileName(sentFileName);
		if (fileName === undefined) add(name, data.toString('utf8'));
		else {
			const mimeType =
				/content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] || 'application/octet-stream';
			add(name, { fileName, mimeType, size: data.length, data });
		}
		start = next;
	}
}

/** Parses by Content-Type; JSON is also tried when there is no Content-Type and the body looks like JSON. */
function parseBody(raw, contentType, buffer) {
	const type = String(contentType || '').toLowerCase();
	if (raw.length === 0) return { bodyType: 'empty', body: undefined };
	if (type.startsWith('multipart/form-data')) {
		const boundary = /boundary=("?)([^";]+)\1/i.exec(String(contentType))?.[2];
		const body = boundary && buffer ? parseMultipart(buffer, boundary) : null;
		return body ? { bodyType: 'multipart', body } : { bodyType: 'text', body: raw };
	}
	const looksJson = /^\s*[[{]/.test(raw);
	if (type.includes('json') || (!type && looksJson)) {
		try {
			return { bodyType: 'json', body: JSON.parse(raw) };
		} catch (error) {
			return { bodyType: 'invalid-json', body: raw, jsonError: error.message };
		}
	}
	if (type.includes('application/x-www-form-urlencoded')) {
		const body = {};
		for (const [k, v] of new URLSearchParams(raw)) body[k] = v;
		return { bodyType: 'form', body };
	}
	return { bodyType: 'text', body: raw };
}

// ---------------------------------------------------------------- rate limiting

const RATE_LIMIT_STYLES = [
	'retry-after-seconds',
	'retry-after-date',
	'x-ratelimit-reset',
	'x-ratelimit-reset-seconds',
	'none',
	'vendor',
];

function normalizeRateLimit(rateLimit) {
	if (!rateLimit) return null;
	const limit = Number(rateLimit.limit);
	const windowMs = Number(rateLimit.windowMs);
	if (!(limit >= 0) || !(windowMs > 0))
		throw new Error('rateLimit needs { limit >= 0, windowMs > 0 }');
	const style = rateLimit.style || 'vendor';
	if (!RATE_LIMIT_STYLES.includes(style))
		throw new Error(`rateLimit.style must be one of ${RATE_LIMIT_STYLES.join(', ')}`);
	return { limit, windowMs, style, method: rateLimit.method, path: rateLimit.path };
}

/** Fixed window that starts with the first request after the previous window ended. */
class FixedWindow {
	constructor(config) {
		this.config = config;
		this.windowStart = 0;
		this.count = 0;
	}
	applies(method, path) {
		const { method: m, path: p } = this.config;
		if (m && String(m).toUpperCase() !== method) return false;
		if (p instanceof RegExp) return p.test(path);
		if (typeof p === 'string') return p === path;
		return true;
	}
	take(now) {
		const { limit, windowMs } = this.config;
		if (now >= this.windowStart + windowMs) {
			this.windowStart = now;
			this.count = 0;
		}
		this.count += 1;
		return this.info(now, this.count <= limit);
	}
	info(now, allowed, count = this.count) {
		const resetAt = this.windowStart + this.config.windowMs;
		return {
			allowed,
			limit: this.config.limit,
			remaining: Math.max(0, this.config.limit - count),
			resetAt,
			retryAfterMs: Math.max(0, resetAt - now),
			windowMs: this.config.windowMs,
		};
	}
}

/** Headers of a rate-limit style. `limited` adds Retry-After; X-RateLimit-* are sent on every answer. */
function rateLimitHeaders(style, info, limited) {
	const resetSec = Math.ceil(info.resetAt / 1000);
	switch (style) {
		case 'retry-after-seconds':
			return limited
				? { 'retry-after': String(Math.max(1, Math.ceil(info.retryAfterMs / 1000))) }
				: {};
		case 'retry-after-date':
			return limited
				? { 'retry-after': new Date(Math.ceil(info.resetAt / 1000) * 1000).toUTCString() }
				: {};
		case 'x-ratelimit-reset':
			return {
				'x-ratelimit-limit': String(info.limit),
				'x-ratelimit-remaining': String(limited ? 0 : info.remaining),
				'x-ratelimit-reset': String(resetSec),
			};
		case 'x-ratelimit-reset-seconds':
			// The reset as seconds from now, as some APIs send it (GitHub-style epoch is the other form).
			return {
				'x-ratelimit-limit': String(info.limit),
				'x-ratelimit-remaining': String(limited ? 0 : info.remaining),
				'x-ratelimit-reset': String(Math.max(1, Math.ceil(info.retryAfterMs / 1000))),
			};
		default:
			return {};
	}
}

// ---------------------------------------------------------------- faults

const FAULT_KINDS = [
	'reset',
	'timeout',
	500,
	502,
	503,
	'malformed-json',
	'html',
	'expire-token',
	429,
	'redirect',
];

function normalizeFault(input) {
	const spec =
		input && /^\d+$/.test(String(input.kind)) ? { ...input, kind: Number(input.kind) } : input;
	if (!spec || !FAULT_KINDS.includes(spec.kind)) {
		throw new Error(`injectFault: kind must be one of ${FAULT_KINDS.join(', ')}`);
	}
	const times = spec.times === undefined ? 1 : Math.min(Number(spec.times), MAX_FAULT_TIMES);
	if (!(times >= 1)) throw new Error('injectFault: times must be >= 1');
	return {
		...spec,
		method: spec.method ? String(spec.method).toUpperCase() : undefined,
		times,
		remaining: times,
		hits: 0,
		// `skip`: let this many matching requests through before the fault applies.
		skip: Math.max(0, Number(spec.skip) || 0),
		afterCreate: Boolean(spec.afterCreate),
	};
}

function faultMatches(fault, method, path) {
	if (fault.remaining <= 0) return false;
	if (fault.method && fault.method !== method) return false;
	if (fault.path instanceof RegExp) return fault.path.test(path);
	if (typeof fault.path === 'string') return fault.path === path;
	return true;
}

function malformedFrom(bodyText) {
	const source =
		bodyText && bodyText.length > 2
			? bodyText
			: '{"type":"error.list","errors":[{"code":"server_error"}]}';
	return source.slice(0, Math.max(1, Math.floor(source.length / 2)));
}

const HTML_PAGE =
	'<!DOCTYPE html>\n<html><head><title>Service temporarily unavailable</title></head>\n' +
	'<body><h1>Service temporarily unavailable</h1><p>The upstream server returned an invalid response.</p></body></html>\n';

// ---------------------------------------------------------------- server

/**
 * Starts one vendor fake.
 * @param {object} vendor  a module from ./vendors
 * @param {object} options see README.md
 */
async function createVendorServer(vendor, options = {}) {
	const credentials = { ...vendor.defaultCredentials, ...(options.credentials || {}) };
	const initial = {
		latencyMs: Number(options.latencyMs) || 0,
		rateLimit: normalizeRateLimit(options.rateLimit),
	};
	const maxLog = options.maxLogEntries || DEFAULT_MAX_LOG;
	// `now`: the clock of rate limits and 429 answers (tests pass the nodes' virtual clock).
	const now = typeof options.now === 'function' ? options.now : Date.now;
	const state = { conversations: [], contacts: [], messages: [], requests: [], tokens: [] };
	const sockets = new Set();
	const hanging = new Set();
	let latencyMs = initial.latencyMs;
	let limiter = initial.rateLimit ? new FixedWindow(initial.rateLimit) : null;
	let faults = [];
	let impl = null;
	let routes = [];
	let closed = false;

	const handle = {
		vendor: vendor.name,
		url: '',
		port: 0,
		state,
		credentials,
		options,
		injectFault(spec) {
			const fault = normalizeFault(spec);
			faults = faults.filter((f) => f.remaining > 0);
			faults.push(fault);
			return fault;
		},
		clearFaults() {
			faults = [];
		},
		get faults() {
			return faults;
		},
		setRateLimit(rateLimit) {
			const config = normalizeRateLimit(rateLimit);
			limiter = config ? new FixedWindow(config) : null;
		},
		setLatency(ms) {
			latencyMs = Math.max(0, Number(ms) || 0);
		},
		reset() {
			for (const key of Object.keys(state)) {
				if (Array.isArray(state[key])) state[key].length = 0;
				else delete state[key];
			}
			faults = [];
			latencyMs = initial.latencyMs;
			limiter = initial.rateLimit ? new FixedWindow(initial.rateLimit) : null;
			build();
		},
		/** Requests received so far, optionally filtered: srv.requestsTo('POST', /\/conversations$/) */
		requestsTo(method, path) {
			return state.requests.filter(
				(r) =>
					(!method || r.method === method.toUpperCase()) &&
					(!path || (path instanceof RegExp ? path.test(r.path) : r.path === path)),
			);
		},
		close,
	};

	function build() {
		for (const key of ['conversations', 'contacts', 'messages', 'requests', 'tokens'])
			state[key] = state[key] || [];
		impl = vendor.create({ state, options, credentials, server: handle });
		routes = impl.routes.map((r) => compileRoute(r, vendor.caseInsensitivePaths));
	}

	function styleOf(configStyle) {
		return configStyle === 'vendor' || !configStyle
			? vendor.vendorRateLimitStyle || 'retry-after-seconds'
			: configStyle;
	}

	function write(res, response, entry) {
		if (res.destroyed || res.writableEnded) return;
		const { body, type } = serialize(response);
		const headers = { ...response.headers };
		if (type && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
			headers['content-type'] = type;
		if (entry) entry.status = response.status;
		if (response.chunks) {
			res.writeHead(response.status, headers);
			let i = 0;
			const next = () => {
				if (res.destroyed) return;
				if (i >= response.chunks.length) return void res.end();
				res.write(response.chunks[i++]);
				setTimeout(next, 5);
			};
			return next();
		}
		headers['content-length'] = Buffer.byteLength(body);
		res.writeHead(response.status, headers);
		res.end(body);
	}

	/** Never answers; the socket stays open until the client gives up or the server closes. */
	function hang(res) {
		hanging.add(res);
		res.on('close', () => hanging.delete(res));
	}

	function resetSocket(req) {
		const socket = req.socket;
		if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
		else socket.destroy();
	}

	/** Applies a fault. `produced` is the real answer when the fault comes after the handler ran. */
	function faultResponse(fault, ctx, produced) {
		switch (fault.kind) {
			case 500:
			case 502:
			case 503:
				return fault.body !== undefined
					? json(fault.kind, fault.body)
					: impl.serverError(ctx, fault.kind);
			case 429: {
				const retryAfterMs = fault.retryAfterMs === undefined ? 1000 : fault.retryAfterMs;
				const info = {
					allowed: false,
					limit: limiter ? limiter.config.limit : 0,
					remaining: 0,
					resetAt: now() + retryAfterMs,
					retryAfterMs,
					windowMs: retryAfterMs,
				};
				const style = styleOf(fault.style || (limiter && limiter.config.style));
				const response = impl.rateLimited(ctx, info);
				return {
					...response,
					headers: { ...response.headers, ...rateLimitHeaders(style, info, true) },
				};
			}
			case 'malformed-json':
				return {
					status: fault.status || (produced ? produced.status : 200),
					text: malformedFrom(produced ? serialize(produced).body : ''),
					headers: { 'content-type': 'application/json; charset=utf-8' },
				};
			case 'html':
				return html(fault.status || 200, fault.body || HTML_PAGE);
			case 'redirect':
				// `location`: where to (another origin in tests); `status`: 301, 302, 307 or 308.
				return {
					status: fault.status || 302,
					text: '',
					headers: { location: fault.location || '/' },
				};
			default:
				return null;
		}
	}

	async function dispatch(ctx) {
		const { route, params, pathMatched } = matchRoute(routes, ctx.method, ctx.path);
		if (!route) return impl.notFound(ctx, { methodMismatch: Boolean(pathMatched) });
		ctx.params = params;
		ctx.route = route;
		if (impl.before) {
			const early = await impl.before(ctx, route);
			if (early) return early;
		}
		if (ctx.bodyType === 'invalid-json' && impl.invalidJson) return impl.invalidJson(ctx);
		return route.handler(ctx);
	}

	async function onRequest(req, res) {
		const url = new URL(req.url, 'http://127.0.0.1');
		const method = req.method.toUpperCase();
		const path = url.pathname;
		const { raw, buffer, tooLarge } = await readBody(req);
		const parsed = tooLarge
			? { bodyType: 'too-large', body: undefined }
			: parseBody(raw, req.headers['content-type'], buffer);
		const entry = {
			method,
			path,
			query: Object.fromEntries(url.searchParams),
			headers: { ...req.headers },
			body: parsed.body,
			at: now(),
			status: null,
		};
		state.requests.push(entry);
		if (state.requests.length > maxLog) state.requests.splice(0, state.requests.length - maxLog);

		const ctx = {
			req,
			method,
			path,
			url,
			query: entry.query,
			headers: req.headers,
			rawBody: raw,
			body: parsed.body,
			bodyType: parsed.bodyType,
			jsonError: parsed.jsonError,
			params: {},
			state,
			server: handle,
			credentials,
			options,
		};

		if (latencyMs > 0) await sleep(latencyMs);
		if (closed) return;
		if (tooLarge) return write(res, impl.serverError(ctx, 413), entry);

		let fault = faults.find((f) => faultMatches(f, method, path));
		if (fault && fault.skip > 0) {
			fault.skip -= 1;
			fault = undefined;
		}
		if (fault) {
			fault.remaining -= 1;
			fault.hits += 1;
			entry.fault = fault.kind;
		}

		if (fault && fault.kind === 'expire-token') {
			const expired = impl.expireTokens ? impl.expireTokens(fault) : false;
			if (!expired) return write(res, impl.unauthorized(ctx), entry);
		} else if (fault && !fault.afterCreate) {
			if (fault.kind === 'reset') return void resetSocket(req);
			if (fault.kind === 'timeout') return hang(res);
			return write(res, faultResponse(fault, ctx, null), entry);
		}

		let limitHeaders = {};
		if (limiter && limiter.applies(method, path)) {
			const info = limiter.take(now());
			const style = styleOf(limiter.config.style);
			limitHeaders = rateLimitHeaders(style, info, !info.allowed);
			if (!info.allowed) {
				const response = impl.rateLimited(ctx, info);
				return write(
					res,
					{ ...response, headers: { ...response.headers, ...limitHeaders } },
					entry,
				);
			}
		}

		let response;
		try {
			response = await dispatch(ctx);
		} catch (error) {
			entry.error = error && error.stack ? error.stack : String(error);
			response = impl.serverError(ctx, 500);
		}
		if (!response) response = impl.serverError(ctx, 500);

		if (fault && fault.afterCreate && fault.kind !== 'expire-token') {
			if (fault.kind === 'reset') return void resetSocket(req);
			if (fault.kind === 'timeout') return hang(res);
			return write(res, faultResponse(fault, ctx, response), entry);
		}
		response = { ...response, headers: { ...limitHeaders, ...response.headers } };
		write(res, response, entry);
	}

	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((error) => {
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500, { 'content-type': 'text/plain' });
				res.end(String(error && error.message));
			}
		});
	});
	server.keepAliveTimeout = 5000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('clientError', (error, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || 0, '127.0.0.1', () => {
			server.removeListener('error', reject);
			resolve();
		});
	});
	handle.port = server.address().port;
	handle.origin = `http://127.0.0.1:${handle.port}`;
	handle.url = handle.origin;
	if (vendor.urls) Object.assign(handle, vendor.urls(handle.origin, options));
	// built once the port is known: some answers contain the server's own address (LivePerson's baseURI)
	build();

	function close() {
		if (closed) return Promise.resolve();
		closed = true;
		return new Promise((resolve) => {
			for (const res of hanging) res.destroy();
			hanging.clear();
			server.close(() => resolve());
			if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
			for (const socket of sockets) socket.destroy();
		});
	}

	return handle;
}

module.exports = {
	createVendorServer,
	json,
	text,
	html,
	stream,
	sleep,
	nowSec,
	uuid,
	hex,
	b64url,
	signJwt,
	verifyJwt,
	hmacHex,
	bearer,
	isObject,
	clone,
	FAULT_KINDS,
	RATE_LIMIT_STYLES,
};
