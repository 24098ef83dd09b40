import path from 'node:path';

import { TestCredentialsHelper } from '../harness/credentials-helper';
import { loadPackage, runNode } from '../harness/engine';
import { sandbox, targets, type FaultTarget, type SandboxServer } from './targets';

// n8n's engine of 2.41 made to behave as n8n 1.x and 2.0 do where the nodes depend on it (test:compat
// runs the real 1.123.81 and 2.0.0; these are the same cases in jest). One file: the transport
// remembers for the process that `except` is not honoured.

jest.setTimeout(60_000);

/** The n8n-core file of n8n's HTTP client that reads ignoreHttpStatusErrors (2.41: in @n8n/backend-network). */
function axiosUtils(): { isIgnoreStatusErrorConfig: (value: unknown) => boolean } {
	const core = path.dirname(require.resolve('n8n-core/package.json'));
	const network = require.resolve('@n8n/backend-network', { paths: [core] }); // <pkg>/dist/index.js
	return require(path.join(path.dirname(network), 'http', 'axios', 'utils.js')) as {
		isIgnoreStatusErrorConfig: (value: unknown) => boolean;
	};
}

/**
 * n8n 1.x and 2.0 read `ignoreHttpStatusErrors: { ignore: true, except: [401] }` as `true`: every
 * status comes back as an answer, a 401 too, so n8n never renews the token on its own.
 */
function withoutStatusExcept(): void {
	let spy: jest.SpyInstance;
	beforeAll(() => {
		spy = jest.spyOn(axiosUtils(), 'isIgnoreStatusErrorConfig').mockReturnValue(false);
	});
	afterAll(() => spy.mockRestore());
}

/**
 * n8n 1.x and 2.0 lose the HTTP client's error (or a credential's thrown error) in the NodeApiError
 * they wrap it in: an `Error` given as the cause is reset by a class field. Emulated by a subclass
 * that n8n-core constructs instead (it reads n8n-workflow's export at every `new`).
 */
function withDroppedCauses(): void {
	const file = require.resolve(
		path.join(path.dirname(require.resolve('n8n-workflow')), 'errors', 'node-api.error.js'),
	);
	const errors = require(file) as { NodeApiError: new (...args: never[]) => Error };
	const Original = errors.NodeApiError;
	beforeAll(() => {
		errors.NodeApiError = class extends Original {
			constructor(...args: never[]) {
				super(...args);
				if (this.cause instanceof Error) this.cause = undefined;
			}
		};
	});
	afterAll(() => {
		errors.NodeApiError = Original;
	});
}

const tokenTargets = targets.filter((target) => target.expiringToken);

function startServer(target: FaultTarget, options = {}) {
	let server: SandboxServer | undefined;
	beforeAll(async () => {
		server = await sandbox.startVendorServer(target.vendor, {
			...target.serverOptions,
			...options,
		});
	});
	afterAll(async () => server?.close());
	beforeEach(() => server?.reset());
	return () => server as SandboxServer;
}

describe.each(tokenTargets)(
	'$vendor on an n8n without ignoreHttpStatusErrors.except (1.x, 2.0)',
	(target) => {
		withoutStatusExcept();
		const server = startServer(target, { latencyMs: 2 });

		test('a token that expires mid-run is renewed once; every item is created once', async () => {
			const { credentialTypes } = await loadPackage();
			const helper = new TestCredentialsHelper(credentialTypes, target.credentials(server()));
			const type = Object.keys(target.credentials(server()))[0];
			server().injectFault({
				method: 'POST',
				path: target.createPath,
				kind: 'expire-token',
				skip: 4,
			});
			const items = Array.from({ length: 12 }, (_, index) => ({ marker: `item-${index}` }));

			const run = await runNode({
				type: target.nodeType,
				parameters: { ...target.create, options: {} },
				credentials: {},
				credentialsHelper: helper,
				items,
			});

			expect(run.error).toBeUndefined();
			expect(run.output.map((item) => item.json.error)).toEqual(items.map(() => undefined));
			expect([...target.markers(server())].sort()).toEqual(items.map((i) => i.marker).sort());
			expect(
				server()
					.requestsTo('POST', target.createPath)
					.filter((r) => r.fault),
			).toHaveLength(1);
			// the first token, and one renewal after the 401
			expect(helper.preAuthenticationRuns[type]).toBe(2);
		});
	},
);

describe.each([
	[
		'socialboards',
		{ refreshToken: 'revoked-refresh-token' },
		/Refresh Token/,
		'SocialBoards refused the refresh token',
	],
	[
		'liveperson',
		{ clientSecret: 'wrong-client-secret' },
		/Client Secret/,
		'Sentinel refused the Client ID or Client Secret',
	],
])(
	'%s on an n8n whose NodeApiError drops its cause (1.x, 2.0)',
	(vendor, wrong, field, message) => {
		const target = targets.find((t) => t.vendor === vendor) as FaultTarget;
		withDroppedCauses();
		const server = startServer(target);

		test('a refused token step names the field to fix and says nothing was sent', async () => {
			const [type, data] = Object.entries(target.credentials(server()))[0];
			const { error } = await runNode({
				type: target.nodeType,
				parameters: { ...target.create, options: {} },
				credentials: { [type]: { ...data, ...wrong } },
				items: [{ marker: 'item-0' }],
			});

			expect(error?.message).toContain(message);
			expect(`${error?.message} ${error?.description}`).toMatch(field);
			expect(error?.description).toContain('Nothing was sent');
			expect(target.markers(server())).toEqual([]);
		});
	},
);

describe('an n8n whose NodeApiError drops its cause (1.x, 2.0): no connection', () => {
	withDroppedCauses();
	const [intercom] = targets;

	test('a create that could not connect says it was not sent', async () => {
		const { error } = await runNode({
			type: intercom.nodeType,
			parameters: { ...intercom.create, options: {} },
			credentials: {
				intercomConversationsApi: {
					accessToken: 'token',
					region: 'custom',
					// nothing listens on port 9 of this host
					baseUrl: 'http://127.0.0.1:9',
					apiVersion: '2.14',
				},
			},
			items: [{ marker: 'item-0' }],
		});
		expect(error?.message).toContain('could not connect');
		expect(error?.description).toContain('ECONNREFUSED');
	});
});

describe("cancelling an execution with n8n 1.x's sleep (no cancel signal)", () => {
	const [intercom] = targets;
	const server = startServer(intercom);
	const signalIgnored = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
	let saved: Array<(ms: number, signal?: AbortSignal) => Promise<void>> = [];
	const defaults = () =>
		(require('../..') as { packages: Array<{ dir: string }> }).packages.map(
			(pkg) =>
				(
					require(path.join(pkg.dir, 'dist/nodes/shared/transport.js')) as {
						DEFAULT_TRANSPORT_OPTIONS: {
							sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
						};
					}
				).DEFAULT_TRANSPORT_OPTIONS,
		);
	beforeAll(() => {
		saved = defaults().map((d) => d.sleep);
		for (const d of defaults()) d.sleep = signalIgnored;
	});
	afterAll(() => defaults().forEach((d, i) => (d.sleep = saved[i])));

	test('stops the wait after a 429 at once and sends nothing more', async () => {
		server().injectFault({
			method: 'POST',
			path: intercom.createPath,
			kind: 429,
			retryAfterMs: 20_000,
			style: 'retry-after-seconds',
			times: 1,
		});
		const started = Date.now();
		await runNode({
			type: intercom.nodeType,
			parameters: intercom.create,
			credentials: intercom.credentials(server()),
			items: [{ marker: 'item-0' }, { marker: 'item-1' }, { marker: 'item-2' }],
			cancelAfterMs: 500,
		});
		expect(Date.now() - started).toBeLessThan(5_000);
		const sent = server().requestsTo('POST', intercom.createPath).length;
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(server().requestsTo('POST', intercom.createPath)).toHaveLength(sent);
	});
});
