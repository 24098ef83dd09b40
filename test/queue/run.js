#!/usr/bin/env node
'use strict';
/*
 * Queue mode, for real: the five packages (index.js) in n8n 2.41.1 main + two workers (EXECUTIONS_MODE=queue), with
 * Redis and PostgreSQL from Debian's packages (test/queue/services.js), against the vendor sandbox.
 *   npm run test:queue
 * Everything starts through production webhooks on the main process, as a CRM calls them:
 * 1. every CRM example (examples/*-webhook.json), its result checked in the sandbox, run by a worker;
 * 2. six bulk executions at once, 300 items each, against one Intercom-like rate limit (300 per
 *    fixed 10-second window, whole-second X-RateLimit-Reset): nothing failed, lost or sent twice,
 *    and the slowest execution against the fixed-window floor of all 1,800 requests;
 * 3. SocialBoards (rotating refresh token, access tokens revoked mid-run) and LivePerson (AppJWT
 *    revoked mid-run), six executions each on both workers at once: every item created once, and
 *    the credential read back from Postgres (export:credentials --decrypted) holds a working token.
 * Ends with "queue: N passed, M failed"; exit 1 when anything failed. Leaves no process running.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');

const local = require('../../scripts/n8n-local');
const {
	examples,
	NAMES,
	SANDBOX_CREDENTIALS,
	WEBHOOK_AUTH,
} = require('../../scripts/make-examples');
const lib = require('../e2e/lib');
const { pacedFloor } = require('../../scripts/fixed-window-floor');
const services = require('./services');
const { bulkWorkflow, bulkContacts, MARKER_OF, CREATE } = require('./workflows');

const { REPO_ROOT, runtime } = local;
const { log, results, check, assert, assertEqual, SANDBOX_VIEW, pause } = lib;
const RESULTS = path.join(REPO_ROOT, 'test-results', 'queue');
const TOTAL_TIMEOUT_MS = 20 * 60 * 1000;
const WORKER_NAMES = ['worker-1', 'worker-2'];
/** Jobs a worker runs at once (`n8n worker --concurrency`): six executions at once need both workers. */
const CONCURRENCY = 3;
const LATENCY_MS = 20;
const BULK = { executions: 6, items: 300, limit: 300, windowMs: 10000, target: 1.15 };
const TOKEN_RUN = { executions: 6, items: 50 };
const figures = [];

// ---------------------------------------------------------------- n8n main + workers
function queueEnv(redis, postgres) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		// one key for every process: each decrypts the credentials the others stored
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: 'info',
	};
}

/** `n8n worker` with its own user folder, health port and task-broker port; waits until ready. */
async function startWorker(rt, { name, userFolder, common }) {
	const port = await runtime.freePort();
	const healthPort = await runtime.freePort();
	const env = runtime.n8nEnv(userFolder, {
		...common,
		N8N_PORT: String(port), // n8nEnv puts the task broker on port + 1
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
	});
	const logFile = path.join(RESULTS, `n8n-${name}.log`);
	const out = fs.openSync(logFile, 'w');
	const child = local.spawnTracked(
		rt.nodeBin,
		[rt.n8nBin, 'worker', `--concurrency=${CONCURRENCY}`],
		{ cwd: userFolder, env, stdio: ['ignore', out, out] },
	);
	fs.closeSync(out);
	let exited = null;
	child.once('exit', (code, signal) => {
		exited = signal || `exit ${code}`;
	});
	const t = Date.now();
	for (;;) {
		if (exited)
			throw new Error(`${name} stopped while starting (${exited})\n${local.tailOf(logFile)}`);
		if (Date.now() - t > 240000)
			throw new Error(`${name} not ready after 240 s\n${local.tailOf(logFile)}`);
		try {
			const r = await local.request(`http://127.0.0.1:${healthPort}/healthz/readiness`, {
				timeoutMs: 2000,
			});
			if (r.status === 200) break;
		} catch {}
		await pause(500);
	}
	log(`${name} ready after ${((Date.now() - t) / 1000).toFixed(1)}s (health port ${healthPort})`);
	return { name, child, logFile, stop: () => local.stopChild(child, 20000) };
}

/** Which worker ran each execution: n8n's "Worker started execution <id>" log line. */
function workerOfExecutions(workers) {
	const map = new Map();
	for (const w of workers) {
		const text = fs.readFileSync(w.logFile, 'utf8');
		for (const m of text.matchAll(/Worker started execution (\d+)/g)) map.set(m[1], w.name);
	}
	return map;
}

// ---------------------------------------------------------------- helpers
const post = (n8n, webhookPath, body) =>
	local.request(`${n8n.url}/webhook/${webhookPath}`, {
		method: 'POST',
		body,
		headers: { [WEBHOOK_AUTH.header]: WEBHOOK_AUTH.value },
		timeoutMs: 30000,
	});

async function executionsOf(ctx, workflowId, count, timeoutMs) {
	const list = await lib.finishedExecutions(ctx.n8n, ctx.cookie, workflowId, count, timeoutMs);
	assert(
		list.length >= count,
		`${workflowId}: ${list.length} of ${count} executions (${list.map((e) => `${e.id} ${e.status}`).join(', ')})`,
	);
	return list;
}

const seconds = (e) => (new Date(e.stoppedAt) - new Date(e.startedAt)) / 1000;

/** Markers found in the vendor's fake: how often each was created. */
function markerCounts(vendor, srv, prefix) {
	const counts = new Map();
	for (const c of srv.state.conversations) {
		const marker = MARKER_OF[vendor](c, srv);
		if (typeof marker === 'string' && marker.startsWith(prefix))
			counts.set(marker, (counts.get(marker) || 0) + 1);
	}
	return counts;
}

/**
 * Runs `executions` bulk calls of `items` contacts at once and checks: every execution succeeded on
 * a worker, both workers took part, each Create output has every item with a conversation ID, and
 * the sandbox holds each marker exactly once. Returns the executions with their worker.
 */
async function bulkRun(ctx, vendor, tag, { executions, items }) {
	const wf = ctx.bulk[vendor];
	const srv = ctx.sandbox.servers[vendor];
	const runs = Array.from({ length: executions }, (_, i) => `${tag}${i + 1}`);
	const answers = await Promise.all(
		runs.map((run) => post(ctx.n8n, wf.path, { contacts: bulkContacts(run, items) })),
	);
	answers.forEach((r, i) =>
		assertEqual(
			r.status,
			200,
			`POST /webhook/${wf.path} (${runs[i]}) status (${r.text.slice(0, 200)})`,
		),
	);
	const list = await executionsOf(ctx, wf.id, executions, 300000);
	const workers = workerOfExecutions(ctx.workers);
	const done = list.map((e) => ({ ...e, worker: workers.get(String(e.id)) }));
	const problems = [];
	for (const e of done) {
		if (!e.worker) problems.push(`execution ${e.id} was not run by a worker`);
		if (e.status !== 'success') {
			const data = await lib.executionData(ctx.n8n, ctx.cookie, e.id).catch(() => null);
			const error = data?.resultData?.error;
			const why = error ? ` (${error.message} ${error.description ?? ''}`.slice(0, 300) + '…)' : '';
			problems.push(`execution ${e.id} on ${e.worker}: ${e.status}${why}`);
		} else {
			const out = await lib.executionItems(ctx.n8n, ctx.cookie, e.id, CREATE).catch((err) => {
				problems.push(err.message);
				return [];
			});
			const withId = out.filter((i) => i.conversationId && !i.error).length;
			if (withId !== items)
				problems.push(`execution ${e.id}: ${withId} of ${items} items with a conversation`);
		}
	}
	const counts = markerCounts(vendor, srv, `queue ${tag}`);
	const expected = runs.flatMap((run) => bulkContacts(run, items).map((c) => c.marker));
	const lost = expected.filter((m) => !counts.has(m)).length;
	const duplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0);
	const usedWorkers = new Set(done.map((e) => e.worker).filter(Boolean));
	return { done, lost, duplicates, problems, usedWorkers, created: counts.size };
}

async function exportCredential(ctx, id) {
	const file = path.join(ctx.work, `credential-${id}.json`);
	await local.mustRun(
		ctx.rt.nodeBin,
		[ctx.rt.n8nBin, 'export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`],
		{ env: ctx.cliEnv, timeoutMs: 120000 },
	);
	const [credential] = JSON.parse(fs.readFileSync(file, 'utf8'));
	fs.rmSync(file);
	return credential.data;
}

// ---------------------------------------------------------------- the checks
async function exampleChecks(ctx) {
	const crm = examples().filter((e) => e.kind === 'webhook');
	// All at once: the main process queues them, the workers share them.
	await Promise.all(
		crm.map((e) =>
			check(`example ${e.file}: a CRM POST on the main process, run by a worker`, async () => {
				const srv = ctx.sandbox.servers[e.vendor];
				const view = SANDBOX_VIEW[e.vendor];
				const webhook = e.workflow.nodes.find((n) => n.name === NAMES.webhook);
				const event = {
					event: 'deal.won',
					deal: { id: 'D-3001', title: `Queue plan ${e.vendor}` },
					contact: {
						id: `crm-queue-${e.vendor}`,
						email: `queue.example.${e.vendor}@example.com`,
						firstName: 'Queue',
						lastName: 'Mode',
					},
				};
				const r = await post(ctx.n8n, webhook.parameters.path, event);
				assertEqual(
					r.status,
					200,
					`POST /webhook/${webhook.parameters.path} status (${r.text.slice(0, 200)})`,
				);
				const [execution] = await executionsOf(ctx, e.workflow.id, 1, 90000);
				assertEqual(execution.status, 'success', `execution ${execution.id} status`);
				const worker = workerOfExecutions(ctx.workers).get(String(execution.id));
				assert(
					worker,
					`execution ${execution.id} was not run by a worker (no "Worker started execution" line)`,
				);
				ctx.exampleWorkers.push(worker);

				const contact = e.vendor === 'liveperson' ? event.contact.id : event.contact.email;
				const created = srv.state.conversations.filter((c) => view.contact(c, srv) === contact);
				assertEqual(created.length, 1, `conversations the sandbox created for ${contact}`);
				const followUp = ['intercom', 'chatwoot', 'liveperson'].includes(e.vendor)
					? event.contact.id
					: event.deal.title;
				const texts = view.texts(srv, created[0]).filter(Boolean).join(' | ');
				assert(texts.includes(followUp), `no follow-up message with "${followUp}" (has: ${texts})`);
				const out = await lib.executionItems(ctx.n8n, ctx.cookie, execution.id, NAMES.result);
				assertEqual(
					out.map((i) => String(i.conversationId)),
					[view.id(created[0])],
					`"${NAMES.result}" conversation ID`,
				);
				figures.push(`example ${e.vendor}: execution ${execution.id} on ${worker}`);
			}),
		),
	);
}

async function bulkCheck(ctx) {
	await check(
		`bulk: ${BULK.executions} executions × ${BULK.items} Intercom items at once, ${BULK.limit} per ${BULK.windowMs / 1000} s window`,
		async () => {
			const srv = ctx.sandbox.servers.intercom;
			srv.setRateLimit({
				limit: BULK.limit,
				windowMs: BULK.windowMs,
				style: 'x-ratelimit-reset',
				method: 'POST',
				path: '/conversations',
			});
			const from = srv.state.requests.length;
			let run;
			try {
				run = await bulkRun(ctx, 'intercom', 'b', BULK);
			} finally {
				srv.setRateLimit(null);
			}
			const sent = srv.state.requests
				.slice(from)
				.filter((r) => r.method === 'POST' && r.path === '/conversations');
			const accepted = sent.filter((r) => r.status === 200).sort((a, b) => a.at - b.at);
			const rejected = sent.filter((r) => r.status === 429).length;
			const floor = pacedFloor(
				accepted.map((r) => r.at),
				BULK,
				LATENCY_MS,
			);
			const slowest = Math.max(...run.done.map(seconds));
			const ratio = slowest / (floor.floorMs / 1000);
			const spread = WORKER_NAMES.map(
				(w) => `${w} ${run.done.filter((e) => e.worker === w).length}`,
			).join(', ');
			ctx.bulk.result = { slowest, floor, ratio, rejected, spread, ...run };
			figures.push(
				`bulk Intercom: ${run.created} of ${BULK.executions * BULK.items} created, ${run.lost} lost, ${run.duplicates} duplicates, ${rejected} answers 429; executions per worker: ${spread}`,
				`bulk Intercom: executions ${run.done.map((e) => `${seconds(e).toFixed(1)} s`).join(', ')}; slowest ${slowest.toFixed(1)} s; fixed-window floor ${(floor.floorMs / 1000).toFixed(1)} s (${floor.full} × ${BULK.windowMs / 1000} s + ${(floor.lastWindowMs / 1000).toFixed(2)} s for the last ${floor.inLast} requests): ${ratio.toFixed(2)}× (target ${BULK.target}×); ${(slowest / (floor.full * (BULK.windowMs / 1000) + LATENCY_MS / 1000)).toFixed(2)}× a floor whose last window takes one round trip`,
			);
			assert(run.problems.length === 0, run.problems.slice(0, 8).join('; '));
			assertEqual(run.lost, 0, 'items lost');
			assertEqual(run.duplicates, 0, 'duplicates');
			assertEqual(run.usedWorkers.size, 2, `workers that ran the bulk executions (${spread})`);
		},
	);
	await check(
		`bulk: the slowest execution within ${BULK.target}× the fixed-window floor`,
		async () => {
			const r = ctx.bulk.result;
			assert(r, 'the bulk run did not finish');
			assert(
				r.ratio <= BULK.target,
				`slowest ${r.slowest.toFixed(1)} s is ${r.ratio.toFixed(2)}× the floor ${(r.floor.floorMs / 1000).toFixed(1)} s`,
			);
		},
	);
}

async function tokenChecks(ctx) {
	const sb = ctx.sandbox.servers.socialboards;
	await check(
		`SocialBoards: ${TOKEN_RUN.executions} executions on both workers, rotating refresh token, access tokens revoked mid-run`,
		async () => {
			const from = sb.state.requests.length;
			// two revocations: every running item then needs a new token, on both workers at once
			sb.injectFault({
				method: 'POST',
				path: /^\/chat\/conversations$/i,
				kind: 'expire-token',
				skip: 80,
			});
			sb.injectFault({
				method: 'POST',
				path: /^\/chat\/conversations$/i,
				kind: 'expire-token',
				skip: 100,
			});
			const run = await bulkRun(ctx, 'socialboards', 's', TOKEN_RUN).finally(() =>
				sb.clearFaults(),
			);
			const exchanges = sb.state.requests.slice(from).filter((r) => r.path === '/token');
			const invalidGrant = exchanges.filter((r) => r.status === 400).length;
			const revocations = sb.state.requests
				.slice(from)
				.filter((r) => r.fault === 'expire-token').length;
			figures.push(
				`SocialBoards: ${run.created} of ${TOKEN_RUN.executions * TOKEN_RUN.items} created, ${run.lost} lost, ${run.duplicates} duplicates; ${revocations} revocations, ${exchanges.length} token exchanges (${invalidGrant} answered invalid_grant); workers ${[...run.usedWorkers].join(', ')}`,
			);
			assert(run.problems.length === 0, run.problems.slice(0, 8).join('; '));
			assertEqual(run.lost, 0, 'items lost');
			assertEqual(run.duplicates, 0, 'duplicates');
			assertEqual(run.usedWorkers.size, 2, 'workers that ran the executions');
		},
	);
	await check('SocialBoards: the credential in Postgres ends with a working token', async () => {
		const data = await exportCredential(ctx, SANDBOX_CREDENTIALS.socialboards.id);
		const teammates = await local.request(`${sb.url}/Teammates`, {
			headers: { authorization: `Bearer ${data.accessToken}` },
		});
		assertEqual(teammates.status, 200, 'GET /Teammates with the stored access token');
		const form = new URLSearchParams({
			grant_type: 'refresh_token',
			refresh_token: data.refreshToken,
			client_id: data.clientId,
		}).toString();
		const r = await formPost(`${sb.url}/token`, form);
		assertEqual(
			r.status,
			200,
			`the stored refresh token exchanged at /token (${r.text.slice(0, 80)})`,
		);
	});

	const lp = ctx.sandbox.servers.liveperson;
	await check(
		`LivePerson: ${TOKEN_RUN.executions} executions on both workers, AppJWT revoked mid-run`,
		async () => {
			const from = lp.state.requests.length;
			lp.injectFault({
				method: 'POST',
				path: /\/messaging\/consumer\/conversation$/,
				kind: 'expire-token',
				skip: 100,
			});
			const run = await bulkRun(ctx, 'liveperson', 'l', TOKEN_RUN).finally(() => lp.clearFaults());
			const sentinel = lp.state.requests.slice(from).filter((r) => /\/sentinel\//.test(r.path));
			const refused = lp.state.requests.slice(from).filter((r) => r.status === 401).length;
			figures.push(
				`LivePerson: ${run.created} of ${TOKEN_RUN.executions * TOKEN_RUN.items} created, ${run.lost} lost, ${run.duplicates} duplicates; ${sentinel.length} AppJWT requests, ${refused} answers 401; workers ${[...run.usedWorkers].join(', ')}`,
			);
			assert(run.problems.length === 0, run.problems.slice(0, 8).join('; '));
			assertEqual(run.lost, 0, 'items lost');
			assertEqual(run.duplicates, 0, 'duplicates');
			assertEqual(run.usedWorkers.size, 2, 'workers that ran the executions');
		},
	);
	await check('LivePerson: the credential in Postgres ends with a working AppJWT', async () => {
		const data = await exportCredential(ctx, SANDBOX_CREDENTIALS.liveperson.id);
		assert(data.appJwt, 'the stored credential has no AppJWT');
		const r = await local.request(
			`${lp.url}/api/account/${lp.credentials.accountId}/consumer?v=1.0`,
			{
				method: 'POST',
				headers: { authorization: data.appJwt },
				body: { ext_consumer_id: 'queue-final-check' },
			},
		);
		assertEqual(r.status, 201, `the IDP with the stored AppJWT (${r.text.slice(0, 120)})`);
	});
}

/** POST of a form body (local.request sends JSON). */
function formPost(url, form) {
	return new Promise((resolve, reject) => {
		const req = require('http').request(
			url,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(form),
				},
			},
			(res) => {
				let text = '';
				res.on('data', (d) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode, text }));
			},
		);
		req.on('error', reject);
		req.end(form);
	});
}

// ---------------------------------------------------------------- main
async function main() {
	const t0 = Date.now();
	fs.rmSync(RESULTS, { recursive: true, force: true });
	fs.mkdirSync(RESULTS, { recursive: true });
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
	const stops = [];
	try {
		services.ensurePackages((m) => log(`  ${m}`));
		const rt = await runtime.ensureRuntime({ onProgress: (m) => log(`  ${m}`) });
		const packs = await local.buildAndPack({
			outDir: path.join(work, 'pack'),
			onProgress: (m) => log(`  ${m}`),
		});
		const sandbox = await local.startSandbox({
			basePort: 0,
			latencyMs: LATENCY_MS,
			socialboards: { rotateRefreshToken: true },
		});
		stops.push(() => sandbox.close());
		const redis = await services.startRedis({ logDir: RESULTS });
		stops.push(() => redis.stop());
		const postgres = await services.startPostgres({ logDir: RESULTS });
		stops.push(() => postgres.stop());
		log(`redis-server on ${redis.port}, postgres on ${postgres.port}`);
		const common = queueEnv(redis, postgres);

		// The five packages in every process's own user folder: n8n loads every n8n-nodes-* package
		// it finds in <user folder>/.n8n/nodes/node_modules at startup, main and workers alike.
		const folders = Object.fromEntries(
			['main', ...WORKER_NAMES].map((name) => [name, path.join(work, name)]),
		);
		for (const [name, folder] of Object.entries(folders)) {
			fs.mkdirSync(folder, { recursive: true });
			await local.installPacks(folder, packs, { registerInDb: false });
			log(`  installed the ${packs.length} packed tarballs into the user folder of ${name}`);
		}

		const cliEnv = runtime.n8nEnv(folders.main, {
			...common,
			N8N_PORT: String(await runtime.freePort()),
		});
		const ctx = { rt, work, sandbox, cliEnv, exampleWorkers: [], bulk: {} };
		for (const vendor of ['intercom', 'socialboards', 'liveperson']) {
			const wf = bulkWorkflow(vendor);
			ctx.bulk[vendor] = { id: wf.id, path: wf.path };
		}
		await check('import the credentials and workflows into Postgres (n8n CLI)', async () => {
			const credsFile = path.join(work, 'credentials.json');
			fs.writeFileSync(credsFile, JSON.stringify(local.sandboxCredentials(sandbox.servers)));
			const wfDir = path.join(work, 'workflows');
			fs.mkdirSync(wfDir);
			const toPublish = [];
			for (const e of examples().filter((x) => x.kind === 'webhook')) {
				fs.writeFileSync(path.join(wfDir, e.file), JSON.stringify(e.workflow));
				toPublish.push(e.workflow.id);
			}
			for (const vendor of Object.keys(ctx.bulk)) {
				const { path: _path, ...wf } = bulkWorkflow(vendor);
				fs.writeFileSync(path.join(wfDir, `bulk-${vendor}.json`), JSON.stringify(wf));
				toPublish.push(wf.id);
			}
			const cli = (args) =>
				local.mustRun(rt.nodeBin, [rt.n8nBin, ...args], { env: cliEnv, timeoutMs: 180000 });
			await cli(['import:credentials', `--input=${credsFile}`]);
			fs.rmSync(credsFile);
			await cli(['import:workflow', '--separate', `--input=${wfDir}`]);
			ctx.toPublish = toPublish;
		});

		log('starting n8n main and two workers (queue mode)');
		const [n8n, ...workers] = await Promise.all([
			local.startN8n(rt, {
				userFolder: folders.main,
				port: await runtime.freePort(),
				logFile: path.join(RESULTS, 'n8n-main.log'),
				onProgress: log,
				extraEnv: common,
			}),
			...WORKER_NAMES.map((name) => startWorker(rt, { name, userFolder: folders[name], common })),
		]);
		stops.unshift(() => n8n.stop(), ...workers.map((w) => () => w.stop()));
		Object.assign(ctx, { n8n, workers });
		await local.setupOwner(n8n.url);
		ctx.cookie = await local.login(n8n.url);

		await check(
			'publish the webhook workflows on the main process (REST, as the editor does)',
			async () => {
				await lib.publishOverRest(n8n, ctx.cookie, ctx.toPublish || []);
				const active = postgres
					.query('SELECT id FROM workflow_entity WHERE active')
					.map((r) => r[0]);
				for (const id of ctx.toPublish || []) assert(active.includes(id), `${id} is not published`);
			},
		);

		await check('every process loaded the five packages (main and both workers)', async () => {
			for (const file of [path.join(RESULTS, 'n8n-main.log'), ...workers.map((w) => w.logFile)])
				assert(
					!/Unrecognized node type: n8n-nodes-[a-z]+-conversations|Failed to load/i.test(
						fs.readFileSync(file, 'utf8'),
					),
					`${path.basename(file)} reports a node it could not load`,
				);
			const types = await local.request(`${n8n.url}/types/nodes.json`, {
				headers: { cookie: ctx.cookie },
			});
			assertEqual(types.status, 200, 'GET /types/nodes.json');
			const listed = new Set(types.json.map((n) => n.name));
			const expected = local.registry.packages.flatMap((p) =>
				p.manifest.n8n.nodes.map((file) =>
					local.registry.nodeType(
						path.basename(file, '.node.js').replace(/^./, (c) => c.toLowerCase()),
					),
				),
			);
			const missing = expected.filter((type) => !listed.has(type));
			assert(
				missing.length === 0,
				`the main process does not list ${missing.join(', ')} (of ${expected.join(', ')})`,
			);
		});

		await exampleChecks(ctx);
		await bulkCheck(ctx);
		await tokenChecks(ctx);

		await check('both workers ran executions across the run', async () => {
			const all = new Set(workerOfExecutions(workers).values());
			assertEqual([...all].sort(), WORKER_NAMES, 'workers with executions');
		});
	} catch (error) {
		results.failed++;
		results.failures.push(error.message);
		log(`FAIL ${error.stack || error.message}`);
	} finally {
		for (const stop of stops) await stop().catch((e) => log(`stopping: ${e.message}`));
		fs.rmSync(work, { recursive: true, force: true });
	}
	log(
		`finished in ${((Date.now() - t0) / 1000).toFixed(0)}s; logs in ${path.relative(REPO_ROOT, RESULTS)}/`,
	);
	console.log(`\nSummary:\n- ${figures.join('\n- ') || '(no figures)'}`);
	if (results.failures.length) console.log(`\nFailures:\n- ${results.failures.join('\n- ')}`);
	console.log(`queue: ${results.passed} passed, ${results.failed} failed`);
	process.exit(results.failed ? 1 : 0);
}

const watchdog = setTimeout(() => {
	console.error(`queue: no end after ${TOTAL_TIMEOUT_MS / 60000} min; stopping`);
	console.log(`queue: ${results.passed} passed, ${results.failed + 1} failed`);
	process.exit(1);
}, TOTAL_TIMEOUT_MS);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM'])
	process.on(sig, () => {
		console.error(`queue: ${sig}`);
		process.exit(130);
	});
main();
