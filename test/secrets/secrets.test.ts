import { LoggerProxy } from 'n8n-workflow';

import { loadPackage, runNode } from '../harness/engine';
import { sandbox, targets, type FaultTarget, type SandboxServer } from '../faults/targets';

// Runs every node's success and failure paths and looks for the credential's secrets (every
// password field) in output items, error messages and descriptions, and every logged line.

const logged: string[] = [];
const capture = (...args: unknown[]) =>
	logged.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
beforeAll(() => {
	LoggerProxy.init({
		error: capture,
		warn: capture,
		info: capture,
		debug: capture,
		verbose: capture,
	} as never);
});

async function secretsOf(credentials: Record<string, Record<string, unknown>>): Promise<string[]> {
	const { credentialTypes } = await loadPackage();
	return Object.entries(credentials).flatMap(([type, data]) =>
		credentialTypes[type].properties
			.filter((property) => property.typeOptions?.password)
			.map((property) => String(data[property.name] ?? ''))
			.filter((value) => value.length >= 6),
	);
}

describe.each(targets)('$vendor never shows its secrets', (target: FaultTarget) => {
	let server: SandboxServer;
	beforeAll(async () => {
		server = await sandbox.startVendorServer(target.vendor, target.serverOptions);
	});
	afterAll(async () => server.close());

	const scenarios: Array<[string, (server: SandboxServer) => void, Record<string, string>]> = [
		['success', () => undefined, {}],
		[
			'a 500',
			(s) => s.injectFault({ method: 'POST', path: target.createPath, kind: 500, times: 1 }),
			{},
		],
		[
			'a dropped connection',
			(s) => s.injectFault({ method: 'POST', path: target.createPath, kind: 'reset', times: 1 }),
			{},
		],
		[
			'an HTML page',
			(s) =>
				s.injectFault({
					method: 'POST',
					path: target.createPath,
					kind: 'html',
					times: 1,
					status: 502,
				}),
			{},
		],
		['a rejected secret', () => undefined, { wrongSecrets: 'yes' }],
	];

	test.each(scenarios)('%s', async (_name, prepare, flags) => {
		server.reset();
		prepare(server);
		const credentials = target.credentials(server);
		if (flags.wrongSecrets) {
			const { credentialTypes } = await loadPackage();
			for (const [type, data] of Object.entries(credentials)) {
				for (const property of credentialTypes[type].properties) {
					if (property.typeOptions?.password && data[property.name])
						data[property.name] = `wrong-${property.name}-0123456789`;
				}
			}
		}
		const secrets = await secretsOf(credentials);
		expect(secrets.length).toBeGreaterThan(0);
		logged.length = 0;
		const errorRun = await runNode({
			type: target.nodeType,
			parameters: { ...target.create, options: { timeoutMs: 2000 } },
			credentials,
			items: [{ marker: 'secret-check-0' }, { marker: 'secret-check-1' }],
			onError: 'continueErrorOutput',
		});
		const stopRun = await runNode({
			type: target.nodeType,
			parameters: target.create,
			credentials,
			items: [{ marker: 'secret-check-2' }],
		});
		const seen = JSON.stringify([
			errorRun.output,
			errorRun.errorOutput,
			errorRun.errorOutput.map((item) => [item.error?.message, item.error?.description]),
			stopRun.output,
			stopRun.error && {
				message: stopRun.error.message,
				description: stopRun.error.description,
				context: stopRun.error.context,
			},
			stopRun.run.data.resultData,
			logged,
		]);
		for (const secret of secrets) expect(seen).not.toContain(secret);
		if (flags.wrongSecrets) expect(seen).toMatch(/HTTP 40[0134]/);
	});
});
