#!/usr/bin/env node
'use strict';
/**
 * Starts all five vendor fakes on fixed ports for the demo:
 *   node test/sandbox/cli.js [--port-base 5701] [--latency 20] [--rate-limit 100/2000[:style]]
 *                            [--vendors intercom,chatwoot] [--json]
 * Intercom 5701, Userdesk 5702, Chatwoot 5703, SocialBoards 5704, LivePerson 5705 (with the default base).
 * Stops on SIGINT / SIGTERM.
 */
const { startSandbox, VENDOR_NAMES } = require('./index');

function parseArgs(argv) {
	const args = { portBase: 5701, latency: 0, rateLimit: null, vendors: VENDOR_NAMES, json: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--port-base':
				args.portBase = Number(value());
				break;
			case '--latency':
				args.latency = Number(value());
				break;
			case '--rate-limit': {
				const m = /^(\d+)\/(\d+)(?::([a-z-]+))?$/.exec(value() || '');
				if (!m)
					throw new Error('--rate-limit expects LIMIT/WINDOW_MS[:style], e.g. 100/2000:vendor');
				args.rateLimit = { limit: Number(m[1]), windowMs: Number(m[2]), style: m[3] || 'vendor' };
				break;
			}
			case '--vendors':
				args.vendors = value()
					.split(',')
					.map((v) => v.trim())
					.filter(Boolean);
				break;
			case '--json':
				args.json = true;
				break;
			case '--help':
			case '-h':
				console.log(
					'usage: node test/sandbox/cli.js [--port-base 5701] [--latency 20] [--rate-limit 100/2000[:style]] [--vendors a,b] [--json]',
				);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown option ${argv[i]}`);
		}
	}
	if (!(args.portBase > 0 && args.portBase < 65531))
		throw new Error('--port-base must be a port number');
	return args;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const sandbox = await startSandbox({
		vendors: args.vendors,
		basePort: args.portBase,
		latencyMs: args.latency,
		rateLimit: args.rateLimit,
	});
	const summary = Object.fromEntries(
		Object.entries(sandbox.servers).map(([name, srv]) => [
			name,
			{ url: srv.url, baseUrl: srv.baseUrl, credentials: srv.credentials },
		]),
	);
	if (args.json) {
		console.log(JSON.stringify(summary, null, 2));
	} else {
		console.log(
			`vendor sandbox on 127.0.0.1 (latency ${args.latency} ms${args.rateLimit ? `, rate limit ${args.rateLimit.limit}/${args.rateLimit.windowMs} ms` : ''})`,
		);
		for (const [name, info] of Object.entries(summary)) {
			console.log(`\n${name.padEnd(13)} base URL for the credential: ${info.baseUrl}`);
			for (const [key, val] of Object.entries(info.credentials))
				console.log(`  ${key.padEnd(20)} ${val}`);
		}
		console.log('\nCtrl+C to stop.');
	}
	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		await sandbox.close();
		if (!args.json) console.log(`\nstopped (${signal})`);
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
