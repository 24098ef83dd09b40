import type { ICredentialDataDecryptedObject, IHttpRequestHelper, INode } from 'n8n-workflow';

import { TestCredentialsHelper } from '../harness/credentials-helper';
import { loadPackage, runNode, type RunNodeResult } from '../harness/engine';
import { sandbox, targets, type FaultTarget, type SandboxServer } from './targets';

// Token credentials shared by several executions of one process (one n8n worker): the access
// token is revoked in the middle of the runs, the refresh token rotates (each works once). Every
// item must be created once, and this process must never spend one refresh token twice. In real
// time: the cross-process case waits for another worker's write.

jest.setTimeout(120_000);

const EXECUTIONS = 3;
const ITEMS = 40;

/** Where each vendor's fake exchanges tokens. */
const TOKEN_PATH: Record<string, RegExp> = {
	socialboards: /^\/token$/,
	liveperson: /^\/sentinel\/api\/account\/[^/]+\/app\/token$/,
};

const tokenTargets = targets.filter((target) => target.expiringToken);

function credentialType(target: FaultTarget, server: SandboxServer): string {
	return Object.keys(target.credentials(server))[0];
}

/** Runs EXECUTIONS executions at once, each creating ITEMS items, all with one stored credential. */
async function runAtOnce(target: FaultTarget, helper: TestCredentialsHelper) {
	return Promise.all(
		Array.from({ length: EXECUTIONS }, (_, execution) =>
			runNode({
				type: target.nodeType,
				parameters: { ...target.create, options: {} },
				credentials: {},
				credentialsHelper: helper,
				items: Array.from({ length: ITEMS }, (_, index) => ({
					marker: `e${execution}-item-${index}`,
				})),
			}),
		),
	);
}

function expectAllCreatedOnce(target: FaultTarget, server: SandboxServer, runs: RunNodeResult[]) {
	for (const run of runs) {
		expect(run.error).toBeUndefined();
		expect(run.output).toHaveLength(ITEMS);
		expect(run.output.every((item) => item.json.error === undefined)).toBe(true);
	}
	const expected = Array.from({ length: EXECUTIONS }, (_, execution) =>
		Array.from({ length: ITEMS }, (_, index) => `e${execution}-item-${index}`),
	).flat();
	// 0 lost, 0 duplicates
	expect([...target.markers(server)].sort()).toEqual(expected.sort());
}

describe.each(tokenTargets)('$vendor: one credential, several executions at once', (target) => {
	let server: SandboxServer;
	beforeAll(async () => {
		server = await sandbox.startVendorServer(target.vendor, {
			...target.serverOptions,
			rotateRefreshToken: true,
			latencyMs: 5,
		});
	});
	afterAll(async () => server.close());
	beforeEach(() => server.reset());

	const tokenAnswers = () =>
		server.state.requests
			.filter((request) => TOKEN_PATH[target.vendor].test(String(request.path)))
			.map((request) => request.status);

	test('tokens revoked twice mid-run: one renewal each time in this process, no token refused, every item created once', async () => {
		const type = credentialType(target, server);
		const { credentialTypes } = await loadPackage();
		const helper = new TestCredentialsHelper(credentialTypes, target.credentials(server));
		// The second revocation comes after the first one's refused requests (up to 30 in flight) and
		// its renewal went through.
		server.injectFault({ method: 'POST', path: target.createPath, kind: 'expire-token', skip: 25 });
		server.injectFault({ method: 'POST', path: target.createPath, kind: 'expire-token', skip: 45 });

		const runs = await runAtOnce(target, helper);

		expectAllCreatedOnce(target, server, runs);
		expect(server.requestsTo('POST', target.createPath).filter((r) => r.fault)).toHaveLength(2);
		// The first token, then one per revocation: never two renewals with one refresh token.
		expect(tokenAnswers()).toEqual([200, 200, 200]);
		expect(helper.preAuthenticationRuns[type]).toBe(3);
		// What is stored works: the last token is the one the fake accepts.
		const last = await runNode({
			type: target.nodeType,
			parameters: { ...target.create, options: {} },
			credentials: {},
			credentialsHelper: helper,
			items: [{ marker: 'after' }],
		});
		expect(last.error).toBeUndefined();
		expect(tokenAnswers()).toHaveLength(3);
	});
});

/**
 * Another worker of the same n8n: when this process is about to renew after a 401, the other one
 * has just exchanged the same refresh token, and its write reaches the shared credential a moment
 * later (`writeAfterMs`).
 */
class RivalWorker extends TestCredentialsHelper {
	races = 0;

	private armed = 0;

	constructor(
		types: ConstructorParameters<typeof TestCredentialsHelper>[0],
		store: ConstructorParameters<typeof TestCredentialsHelper>[1],
		private readonly tokenUrl: string,
		private readonly writeAfterMs: number,
	) {
		super(types, store);
	}

	/** The next `times` renewals after a 401 find their refresh token spent by the rival. */
	arm(times: number) {
		this.armed = times;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		if (credentialsExpired && this.armed > 0) {
			this.armed--;
			this.races++;
			const answer = await fetch(this.tokenUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					grant_type: 'refresh_token',
					refresh_token: String(credentials.refreshToken),
					client_id: String(credentials.clientId),
				}).toString(),
			});
			const token = (await answer.json()) as { access_token: string; refresh_token: string };
			expect(answer.status).toBe(200);
			setTimeout(() => {
				this.store[typeName] = {
					...this.store[typeName],
					accessToken: token.access_token,
					refreshToken: token.refresh_token,
				};
			}, this.writeAfterMs);
		}
		return super.preAuthentication(helpers, credentials, typeName, node, credentialsExpired);
	}
}

describe('socialboards: another worker spends the rotating refresh token first', () => {
	const target = targets.find((one) => one.vendor === 'socialboards') as FaultTarget;
	let server: SandboxServer;
	beforeAll(async () => {
		server = await sandbox.startVendorServer('socialboards', {
			rotateRefreshToken: true,
			latencyMs: 5,
		});
	});
	afterAll(async () => server.close());

	test('this process loses the race (invalid_grant), reads the credential again until the other worker has stored its token, and loses nothing', async () => {
		const { credentialTypes } = await loadPackage();
		// The other worker writes 1.5 s after its exchange: longer than one quick retry.
		const helper = new RivalWorker(
			credentialTypes,
			target.credentials(server),
			`${server.url}/token`,
			1500,
		);
		helper.arm(1);
		server.injectFault({ method: 'POST', path: target.createPath, kind: 'expire-token', skip: 30 });

		const runs = await runAtOnce(target, helper);

		expectAllCreatedOnce(target, server, runs);
		expect(helper.races).toBe(1);
		const tokens = server.state.requests.filter((request) => request.path === '/token');
		// This process's renewal after the revocation was refused at least once (the rival spent the
		// token), and then it used the rival's stored token instead of failing any item.
		expect(tokens.filter((request) => request.status === 400).length).toBeGreaterThanOrEqual(1);
		expect(tokens.filter((request) => request.status === 200)).toHaveLength(2);
		const stored = helper.store.socialBoardsConversationsApi;
		const check = await fetch(`${server.url}/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'refresh_token',
				refresh_token: String(stored.refreshToken),
				client_id: String(stored.clientId),
			}).toString(),
		});
		expect(check.status).toBe(200);
	});
});
