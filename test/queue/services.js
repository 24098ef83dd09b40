'use strict';
/*
 * Redis and PostgreSQL for the queue-mode test, from Debian's packages (installed with apt-get when
 * missing), each on a free port on 127.0.0.1 with its data in a temporary folder, always stopped.
 * PostgreSQL refuses to run as root: its folder belongs to the `postgres` user, and initdb and the
 * server run as that user (runuser).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const local = require('../../scripts/n8n-local');

const REDIS_BIN = '/usr/bin/redis-server';
const PACKAGES = { 'redis-server': () => fs.existsSync(REDIS_BIN), postgresql: () => !!pgBin() };
const IS_ROOT = process.getuid() === 0;

/** PostgreSQL's server binaries: Debian 12's 15, else the newest installed. */
function pgBin() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root) : [];
	const ordered = ['15', ...versions.sort((a, b) => Number(b) - Number(a))];
	const found = ordered.find((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')));
	return found && path.join(root, found, 'bin');
}

/** apt-get install of whichever of redis-server and postgresql (15) is missing. */
function ensurePackages(onProgress) {
	const missing = Object.entries(PACKAGES)
		.filter(([, installed]) => !installed())
		.map(([name]) => name);
	if (!missing.length) return;
	const apt = (args) => {
		const command = [
			...(IS_ROOT ? [] : ['sudo']),
			'env',
			'DEBIAN_FRONTEND=noninteractive',
			'apt-get',
			...args,
		];
		onProgress(command.join(' '));
		return spawnSync(command[0], command.slice(1), {
			stdio: ['ignore', 'pipe', 'pipe'],
			encoding: 'utf8',
		});
	};
	const install = ['install', '-y', '--no-install-recommends', ...missing];
	let r = apt(install);
	if (r.status !== 0) {
		apt(['update']);
		r = apt(install);
	}
	if (r.status !== 0 || Object.values(PACKAGES).some((installed) => !installed()))
		throw new Error(
			`apt-get install ${missing.join(' ')} failed (exit ${r.status}):\n${(r.stderr || r.stdout).slice(-1500)}`,
		);
}

async function waitUntil(what, condition, child, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	let exited = null;
	child.once('exit', (code, signal) => {
		exited = signal || `exit ${code}`;
	});
	while (!(await condition())) {
		if (exited) throw new Error(`${what} stopped while starting (${exited})`);
		if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs / 1000}s`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** Stops a server started here: `signal` to its process group, SIGKILL after `graceMs`. */
function stopServer(child, signal, graceMs = 15000) {
	return new Promise((resolve) => {
		if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		try {
			process.kill(-child.pid, signal);
		} catch {
			resolve();
		}
	});
}

async function startRedis({ logDir }) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-redis-'));
	const port = await local.runtime.freePort();
	const log = fs.openSync(path.join(logDir, 'redis.log'), 'w');
	const child = local.spawnTracked(
		REDIS_BIN,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
		],
		{ stdio: ['ignore', log, log] },
	);
	fs.closeSync(log);
	const ping = () =>
		spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() ===
		'PONG';
	await waitUntil('redis-server', ping, child);
	return {
		host: '127.0.0.1',
		port,
		async stop() {
			await stopServer(child, 'SIGTERM');
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** PostgreSQL refuses root: as root, its commands run as the `postgres` user; otherwise as this user. */
const asPostgres = (args) => (IS_ROOT ? ['runuser', '-u', 'postgres', '--', ...args] : args);

async function startPostgres({ logDir, database = 'n8n' }) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-postgres-'));
	const data = path.join(dir, 'data');
	const port = await local.runtime.freePort();
	const bin = pgBin();
	if (IS_ROOT) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
	const [initCmd, ...initArgs] = asPostgres([
		path.join(bin, 'initdb'),
		'-D',
		data,
		'-U',
		'postgres',
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stderr || init.stdout}`);
	const log = fs.openSync(path.join(logDir, 'postgres.log'), 'w');
	// fsync off: a throw-away database; the socket goes to the temporary folder too.
	const [serverCmd, ...serverArgs] = asPostgres([
		path.join(bin, 'postgres'),
		'-D',
		data,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${dir}`,
		'-c',
		'fsync=off',
		'-c',
		'max_connections=100',
	]);
	const child = local.spawnTracked(serverCmd, serverArgs, { stdio: ['ignore', log, log] });
	fs.closeSync(log);
	const ready = () =>
		spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).status === 0;
	await waitUntil('postgres', ready, child);
	const created = spawnSync(
		path.join(bin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database],
		{ encoding: 'utf8' },
	);
	if (created.status !== 0) throw new Error(`createdb failed:\n${created.stderr}`);
	return {
		host: '127.0.0.1',
		port,
		database,
		user: 'postgres',
		/** Runs one SQL statement with psql; returns the rows as arrays of strings. */
		query(sql) {
			const r = spawnSync(
				path.join(bin, 'psql'),
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(port),
					'-U',
					'postgres',
					'-d',
					database,
					'-At',
					'-F',
					'\t',
					'-c',
					sql,
				],
				{ encoding: 'utf8' },
			);
			if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
			return r.stdout
				.split('\n')
				.filter(Boolean)
				.map((line) => line.split('\t'));
		},
		async stop() {
			// SIGINT: PostgreSQL's fast shutdown (disconnects clients, no waiting).
			await stopServer(child, 'SIGINT');
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { ensurePackages, startRedis, startPostgres };
