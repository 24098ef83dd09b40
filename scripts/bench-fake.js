'use strict';
/*
 * The vendor sandbox fakes for `npm run bench`, in a process of their own: the benchmark's process
 * then holds only n8n's engine and the nodes, so its CPU time is theirs. Driven over IPC by
 * scripts/bench.ts (commands: start, reset, setLatency, setRateLimit, snapshot, cpu, close).
 */
const { startVendorServer } = require('../test/sandbox');

const servers = new Map();

async function handle({ command, vendor, args }) {
	const server = servers.get(vendor);
	switch (command) {
		case 'start': {
			const started = await startVendorServer(vendor, args);
			servers.set(vendor, started);
			return { url: started.url, baseUrl: started.baseUrl, credentials: started.credentials };
		}
		case 'reset':
			return server.reset();
		case 'setLatency':
			return server.setLatency(args);
		case 'setRateLimit':
			return server.setRateLimit(args);
		case 'snapshot':
			return {
				conversations: server.state.conversations,
				requests: server.state.requests.map((request) => ({
					at: request.at,
					status: request.status,
				})),
			};
		case 'cpu':
			return process.cpuUsage();
		case 'close':
			for (const one of servers.values()) await one.close();
			servers.clear();
			return null;
		default:
			throw new Error(`unknown command ${command}`);
	}
}

process.on('message', (message) => {
	handle(message).then(
		(result) => process.send({ id: message.id, result: result === undefined ? null : result }),
		(error) => process.send({ id: message.id, error: String((error && error.stack) || error) }),
	);
});
process.on('disconnect', () => process.exit(0));
