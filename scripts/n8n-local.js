'use strict';
/*
 * What `npm start` (scripts/start.js) and the end-to-end and queue suites (test/e2e, test/queue)
 * share: build and pack the five packages of index.js and install them, the sandbox credentials,
 * n8n's CLI and server as child processes that are always stopped (on success, failure, Ctrl-C),
 * the owner account. Plain CommonJS for Node 20;
 * n8n itself runs on the Node 24 of scripts/n8n-runtime.js.
 */
const fs = require('fs');
const path = require('path');
const http = require('http');
const { spawn } = require('child_process');

const runtime = require('./n8n-runtime');
const registry = require('../index.js');
const { SANDBOX_CREDENTIALS, WEBHOOK_AUTH } = require('./make-examples');

const REPO_ROOT = path.resolve(__dirname, '..');

/** The login `npm start` creates (n8n: 8-64 characters, a digit and an uppercase letter). */
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Conversations1',
};

const started = Date.now();
function progress(prefix) {
	return (msg) => {
		const t = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
		process.stderr.write(`[${prefix} ${t}s] ${msg}\n`);
	};
}

// ---- child processes: every one is killed when this process ends, however it ends ----
const children = new Set();

function killTree(child, signal) {
	if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {}
	}
}

process.on('exit', () => {
	for (const child of children) killTree(child, 'SIGKILL');
});

/** Spawns in its own process group (so n8n's task runner goes too), tracked for cleanup. */
function spawnTracked(cmd, args, opts) {
	const child = spawn(cmd, args, { ...opts, detached: true });
	children.add(child);
	child.on('exit', () => children.delete(child));
	return child;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
function stopChild(child, graceMs = 10000) {
	return new Promise((resolve) => {
		if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
		const timer = setTimeout(() => killTree(child, 'SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		killTree(child, 'SIGTERM');
	});
}

/** Runs a command to completion with a time limit; output captured (and optionally logged). */
function runCommand(cmd, args, { env, cwd = REPO_ROOT, timeoutMs = 120000, logFile } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawnTracked(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => {
			stdout += d;
		});
		child.stderr.on('data', (d) => {
			stderr += d;
		});
		const timer = setTimeout(() => {
			killTree(child, 'SIGKILL');
			reject(
				new Error(`${path.basename(cmd)} ${args.join(' ')}: no result after ${timeoutMs / 1000}s`),
			);
		}, timeoutMs);
		child.on('error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (status, signal) => {
			clearTimeout(timer);
			if (logFile)
				fs.writeFileSync(
					logFile,
					`$ ${cmd} ${args.join(' ')}\n${stdout}\n--- stderr ---\n${stderr}`,
				);
			resolve({ status, signal, stdout, stderr });
		});
	});
}

async function mustRun(cmd, args, opts) {
	const r = await runCommand(cmd, args, opts);
	if (r.status !== 0) {
		const out = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-40).join('\n');
		throw new Error(
			`${path.basename(cmd)} ${args.join(' ')} failed (${r.signal || `exit ${r.status}`}):\n${out}`,
		);
	}
	return r;
}

/**
 * `npm run build` once, then `npm pack --workspaces` into `outDir`: one tarball per package of
 * index.js. Returns [{vendor, name, version, tgz, size, files}] in index.js's order (by vendor).
 */
async function buildAndPack({ outDir, onProgress }) {
	let t = Date.now();
	onProgress(`building the ${registry.packages.length} packages (npm run build)`);
	await mustRun('npm', ['run', 'build'], { timeoutMs: 300000 });
	onProgress(`built in ${((Date.now() - t) / 1000).toFixed(1)}s; packing (npm pack --workspaces)`);
	t = Date.now();
	fs.mkdirSync(outDir, { recursive: true });
	for (const f of fs.readdirSync(outDir)) if (f.endsWith('.tgz')) fs.rmSync(path.join(outDir, f));
	const r = await mustRun('npm', ['pack', '--workspaces', '--json', '--pack-destination', outDir], {
		timeoutMs: 120000,
	});
	const infos = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
	const packs = registry.packages.map((p) => {
		const info = infos.find((i) => i.name === p.name);
		if (!info) throw new Error(`npm pack --workspaces packed no ${p.name}`);
		return {
			vendor: p.vendor,
			name: p.name,
			version: info.version,
			tgz: path.join(outDir, info.filename),
			size: info.size,
			files: info.entryCount,
		};
	});
	const extra = infos.filter((i) => !packs.some((p) => p.name === i.name)).map((i) => i.name);
	if (extra.length) throw new Error(`npm pack --workspaces packed unknown packages: ${extra}`);
	for (const p of packs)
		onProgress(
			`packed ${path.relative(REPO_ROOT, p.tgz) || p.tgz} (${p.files} files, ${(p.size / 1024).toFixed(0)} kB)`,
		);
	onProgress(`packed ${packs.length} packages in ${((Date.now() - t) / 1000).toFixed(1)}s`);
	return packs;
}

/**
 * Installs packed tarballs (buildAndPack's) into a user folder, each as the Community Nodes panel
 * does (runtime.installPackageTarballs). Returns one {packageName, version, nodes, packageDir} each.
 */
function installPacks(userFolder, packs, options = {}) {
	return runtime.installPackageTarballs(
		userFolder,
		packs.map((p) => p.tgz),
		options,
	);
}

/** One credential per vendor, pointing at a running sandbox (test/sandbox startSandbox()). */
function sandboxCredentials(servers) {
	const data = {
		intercom: (s) => ({
			accessToken: s.credentials.accessToken,
			region: 'custom',
			baseUrl: s.baseUrl,
			apiVersion: '2.14',
			workspaceId: '',
			clientSecret: s.credentials.clientSecret,
		}),
		userdesk: (s) => ({
			apiKey: s.credentials.apiKey,
			chatbotId: s.credentials.chatbotId,
			baseUrl: s.baseUrl,
		}),
		chatwoot: (s) => ({
			baseUrl: s.baseUrl,
			inboxIdentifier: s.credentials.inboxIdentifier,
			hmacToken: '',
			apiAccessToken: s.credentials.apiAccessToken,
			accountId: String(s.credentials.accountId ?? '1'),
		}),
		socialboards: (s) => ({
			clientId: s.credentials.clientId,
			refreshToken: s.credentials.refreshToken,
			tokenUrl: `${s.url}/token`,
			baseUrl: s.baseUrl,
		}),
		liveperson: (s) => ({
			accountId: s.credentials.accountId,
			clientId: s.credentials.clientId,
			clientSecret: s.credentials.clientSecret,
			domainApiHost: s.url,
			sentinelUrl: '',
			idpUrl: '',
			asyncMessagingEntUrl: '',
		}),
	};
	const webhookAuth = {
		id: WEBHOOK_AUTH.id,
		name: WEBHOOK_AUTH.name,
		type: WEBHOOK_AUTH.type,
		data: { name: WEBHOOK_AUTH.header, value: WEBHOOK_AUTH.value },
	};
	return [
		...Object.entries(SANDBOX_CREDENTIALS)
			.filter(([vendor]) => servers[vendor])
			.map(([vendor, c]) => ({
				id: c.id,
				name: c.name,
				type: c.type,
				data: data[vendor](servers[vendor]),
			})),
		webhookAuth,
	];
}

/** The sandbox as `npm start` and the e2e suite run it (LivePerson's Domain API answers http:// hosts). */
function startSandbox(options = {}) {
	const { startSandbox: start } = require('../test/sandbox');
	return start({ ...options, liveperson: { lpScheme: 'http', ...(options.liveperson || {}) } });
}

/** `n8n <args>` with the runtime's Node 24 (a CLI command; the server is startN8n). */
function n8nCli(rt, env, args, opts = {}) {
	return runCommand(rt.nodeBin, [rt.n8nBin, ...args], { env, timeoutMs: 180000, ...opts });
}

/** The run JSON printed by `n8n execute` (from the first line that is exactly "{"). */
function parseExecuteOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l === '{');
	if (start < 0) return null;
	const end = lines.lastIndexOf('}');
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return null;
	}
}

function request(url, { method = 'GET', headers = {}, body, timeoutMs = 10000 } = {}) {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : JSON.stringify(body);
		const req = http.request(
			url,
			{
				method,
				headers: {
					...(data
						? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }
						: {}),
					...headers,
				},
				timeout: timeoutMs,
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => {
					text += d;
				});
				res.on('end', () => {
					let json;
					try {
						json = JSON.parse(text);
					} catch {}
					resolve({ status: res.statusCode, headers: res.headers, text, json });
				});
			},
		);
		req.on('timeout', () =>
			req.destroy(new Error(`${method} ${url}: no answer after ${timeoutMs} ms`)),
		);
		req.on('error', reject);
		if (data) req.write(data);
		req.end();
	});
}

/**
 * Starts `n8n start` on 127.0.0.1:`port` and waits until the editor answers (bounded by
 * timeoutMs). Output goes to logFile. Returns {child, url, stop}.
 */
async function startN8n(
	rt,
	{ userFolder, port, logFile, onProgress, timeoutMs = 240000, extraEnv = {} },
) {
	const env = rt.n8nEnv(userFolder, {
		N8N_PORT: String(port),
		N8N_HOST: '127.0.0.1',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		...extraEnv,
	});
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const log = fs.openSync(logFile, 'w');
	const child = spawnTracked(rt.nodeBin, [rt.n8nBin, 'start'], {
		cwd: userFolder,
		env,
		stdio: ['ignore', log, log],
	});
	fs.closeSync(log);
	const url = `http://127.0.0.1:${port}`;
	const t = Date.now();
	let exited = null;
	child.once('exit', (code, signal) => {
		exited = signal || `exit ${code}`;
	});
	let lastReport = Date.now();
	for (;;) {
		if (exited)
			throw new Error(
				`n8n stopped while starting (${exited}); log: ${logFile}\n${tailOf(logFile)}`,
			);
		if (Date.now() - t > timeoutMs) {
			await stopChild(child);
			throw new Error(
				`n8n did not answer within ${timeoutMs / 1000}s; log: ${logFile}\n${tailOf(logFile)}`,
			);
		}
		try {
			const health = await request(`${url}/healthz/readiness`, { timeoutMs: 2000 });
			if (health.status === 200) {
				const settings = await request(`${url}/rest/settings`, { timeoutMs: 5000 });
				if (settings.status === 200) break;
			}
		} catch {}
		if (Date.now() - lastReport > 10000) {
			onProgress(`n8n is starting, ${Math.round((Date.now() - t) / 1000)}s`);
			lastReport = Date.now();
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	onProgress(`n8n answered on ${url} after ${((Date.now() - t) / 1000).toFixed(1)}s`);
	return { child, url, env, stop: () => stopChild(child, 15000) };
}

function tailOf(file, n = 30) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
	} catch {
		return '';
	}
}

/** Creates the owner on a fresh instance; true if created, false if an owner already exists. */
async function setupOwner(url, owner = OWNER) {
	const settings = await request(`${url}/rest/settings`);
	const showSetup = settings.json?.data?.userManagement?.showSetupOnFirstLoad;
	if (showSetup === false) return false;
	const r = await request(`${url}/rest/owner/setup`, { method: 'POST', body: owner });
	if (r.status !== 200)
		throw new Error(`owner setup answered ${r.status}: ${r.text.slice(0, 300)}`);
	return true;
}

/** Logs in over REST; returns the `Cookie` header value. */
async function login(url, owner = OWNER) {
	const r = await request(`${url}/rest/login`, {
		method: 'POST',
		body: { emailOrLdapLoginId: owner.email, password: owner.password },
	});
	if (r.status !== 200) throw new Error(`login answered ${r.status}: ${r.text.slice(0, 300)}`);
	const cookie = []
		.concat(r.headers['set-cookie'] || [])
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('login set no n8n-auth cookie');
	return cookie;
}

/** Checks that a TCP port on 127.0.0.1 is free. */
function portFree(port) {
	return new Promise((resolve) => {
		const srv = require('net').createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

module.exports = {
	REPO_ROOT,
	registry,
	OWNER,
	progress,
	spawnTracked,
	stopChild,
	runCommand,
	mustRun,
	buildAndPack,
	installPacks,
	sandboxCredentials,
	startSandbox,
	n8nCli,
	parseExecuteOutput,
	request,
	startN8n,
	setupOwner,
	login,
	portFree,
	tailOf,
	runtime,
};
