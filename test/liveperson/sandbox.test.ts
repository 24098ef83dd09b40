import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { runListSearch } from '../harness/lists';

// The sandbox's LivePerson fake (test/sandbox/vendors/liveperson.js): one real HTTP server that plays
// the Domain API, Sentinel, the IDP and asyncMessagingEnt, verifies the tokens it issued and keeps state.
// Plain CommonJS without types, so it is loaded with require.
const { startVendorServer } = require('../sandbox') as {
	startVendorServer: (name: string, options?: Record<string, unknown>) => Promise<Sandbox>;
};

interface Sandbox {
	url: string;
	credentials: { accountId: string; clientId: string; clientSecret: string };
	state: {
		conversations: Array<Record<string, unknown>>;
		messages: Array<Record<string, unknown>>;
		requests: Array<{
			method: string;
			path: string;
			status: number | null;
			headers: Record<string, string>;
		}>;
	};
	injectFault(fault: Record<string, unknown>): { hits: number };
	setRateLimit(limit: Record<string, unknown> | null): void;
	reset(): void;
	close(): Promise<void>;
}

let srv: Sandbox;

beforeAll(async () => {
	srv = await startVendorServer('liveperson', { lpScheme: 'http' });
});
afterEach(() => srv.reset());
afterAll(() => srv.close());

function credentials(overrides: Record<string, string> = {}) {
	return {
		livePersonConversationsApi: {
			...srv.credentials,
			domainApiHost: srv.url,
			sentinelUrl: '',
			idpUrl: '',
			asyncMessagingEntUrl: '',
			appJwt: '',
			...overrides,
		},
	};
}

function run(
	parameters: INodeParameters,
	options: { credentials?: Record<string, string>; items?: Array<{ user: string }> } = {},
) {
	return runNode({
		type: 'livePerson',
		parameters,
		credentials: credentials(options.credentials),
		items: options.items,
	});
}

const paths = () =>
	srv.state.requests.map(
		(request) =>
			`${request.method} ${request.path.replace(/\/api\/account\/\d+/, '')} ${request.status}`,
	);

describe('LivePerson against the sandbox fake', () => {
	it('creates, writes into and closes a conversation through the Domain API and the whole token flow', async () => {
		const created = await run({
			resource: 'conversation',
			operation: 'create',
			externalConsumerId: 'ext-1',
			firstMessage: 'My parcel is late',
			firstName: 'Ann',
			customerInfo: { customerType: 'vip' },
			conversationOptions: { ttrDefName: 'URGENT', clientFeatures: ['AUTO_MESSAGES'] },
		});
		expect(created.error).toBeUndefined();
		const conversationId = created.output[0].json.conversationId as string;
		expect(srv.state.conversations).toHaveLength(1);
		expect(srv.state.conversations[0]).toMatchObject({
			conversationId,
			extConsumerId: 'ext-1',
			ttrDefName: 'URGENT',
			channelType: 'MESSAGING',
			skillId: '-1',
			userProfile: {
				authenticatedData: {
					lp_sdes: [
						{ type: 'ctmrinfo', info: { ctype: 'vip' } },
						{ type: 'personal', personal: { firstname: 'Ann' } },
					],
				},
			},
		});
		expect(srv.state.messages).toEqual([
			expect.objectContaining({ conversationId, sequence: 0, message: 'My parcel is late' }),
		]);
		expect(created.output[0].json.firstMessageSequence).toBe(0);
		expect(paths()).toEqual([
			'GET /service/sentinel/baseURI.json 200',
			'POST /sentinel/app/token 200',
			'GET /service/idp/baseURI.json 200',
			'GET /service/asyncMessagingEnt/baseURI.json 200',
			'POST /consumer 201',
			'POST /messaging/consumer/conversation 200',
			'POST /messaging/consumer/conversation/send 200',
		]);

		const appJwt = created.credentialsHelper.store.livePersonConversationsApi.appJwt as string;
		const sent = await run(
			{
				resource: 'message',
				operation: 'send',
				externalConsumerId: 'ext-1',
				conversationId,
				message: 'Any news?',
			},
			{ credentials: { appJwt } },
		);
		expect(sent.output[0].json).toEqual({
			conversationId,
			externalConsumerId: 'ext-1',
			sequence: 1,
		});

		const closed = await run(
			{ resource: 'conversation', operation: 'close', externalConsumerId: 'ext-1', conversationId },
			{ credentials: { appJwt } },
		);
		expect(closed.output[0].json.closed).toBe(true);
		expect(srv.state.conversations[0].state).toBe('CLOSE');
		// The stored AppJWT was reused: one token for the three executions.
		expect(paths().filter((entry) => entry.startsWith('POST /sentinel'))).toHaveLength(1);
	});

	it('renews an AppJWT that expired in the middle of the flow and creates the conversation once', async () => {
		srv.injectFault({ method: 'POST', path: /\/conversation$/, kind: 'expire-token' });
		const result = await run(
			{ resource: 'conversation', operation: 'create', externalConsumerId: 'ext-2' },
			{ credentials: { asyncMessagingEntUrl: srv.url, idpUrl: srv.url } },
		);
		expect(result.error).toBeUndefined();
		expect(srv.state.conversations).toHaveLength(1);
		expect(paths()).toEqual([
			'GET /service/sentinel/baseURI.json 200',
			'POST /sentinel/app/token 200',
			'POST /consumer 201',
			// refused beside the others: sent again alone in the credential's lane, which renews the AppJWT
			'POST /messaging/consumer/conversation 401',
			'POST /messaging/consumer/conversation 401',
			'GET /service/sentinel/baseURI.json 200',
			'POST /sentinel/app/token 200',
			'POST /messaging/consumer/conversation 200',
		]);
	});

	it('gets a new ConsumerJWS when LivePerson refuses the old one (40103)', async () => {
		srv.injectFault({
			method: 'POST',
			path: /\/conversation$/,
			kind: 'expire-token',
			token: 'consumer',
		});
		const result = await run(
			{ resource: 'conversation', operation: 'create', externalConsumerId: 'ext-3' },
			{ credentials: { sentinelUrl: srv.url, asyncMessagingEntUrl: srv.url, idpUrl: srv.url } },
		);
		expect(result.error).toBeUndefined();
		expect(srv.state.conversations).toHaveLength(1);
		expect(paths()).toEqual([
			'POST /sentinel/app/token 200',
			'POST /consumer 201',
			'POST /messaging/consumer/conversation 401',
			'POST /messaging/consumer/conversation 401',
			'POST /sentinel/app/token 200',
			'POST /messaging/consumer/conversation 401',
			'POST /consumer 201',
			'POST /messaging/consumer/conversation 200',
		]);
	});

	it('tells a wrong client secret from a wrong account ID', async () => {
		const secret = await run(
			{ resource: 'conversation', operation: 'create', externalConsumerId: 'ext-4' },
			{ credentials: { clientSecret: 'wrong' } },
		);
		expect(secret.error?.message).toContain('Sentinel refused the Client ID or Client Secret');

		const account = await run(
			{ resource: 'conversation', operation: 'create', externalConsumerId: 'ext-4' },
			{ credentials: { accountId: '999' } },
		);
		expect(account.error?.message).toContain('LivePerson does not know the account ID "999"');
		expect(srv.state.conversations).toHaveLength(0);
	});

	it('does not send a conversation again after the connection dropped', async () => {
		srv.injectFault({ method: 'POST', path: /\/conversation$/, kind: 'reset' });
		const result = await run(
			{ resource: 'conversation', operation: 'create', externalConsumerId: 'ext-5' },
			{ credentials: { sentinelUrl: srv.url, asyncMessagingEntUrl: srv.url, idpUrl: srv.url } },
		);
		expect(result.error?.message).toBe(
			'LivePerson could not create the conversation: the request lost the connection before the answer arrived [item 0]',
		);
		expect(paths().filter((entry) => entry.startsWith('POST /messaging'))).toHaveLength(1);
	});

	it('waits out the rate limit and creates every conversation exactly once', async () => {
		srv.setRateLimit({ limit: 4, windowMs: 1000, path: /\/conversation$/ });
		const items = Array.from({ length: 6 }, (_, index) => ({ user: `bulk-${index}` }));
		const result = await run(
			{ resource: 'conversation', operation: 'create', externalConsumerId: '={{ $json.user }}' },
			{
				credentials: { sentinelUrl: srv.url, asyncMessagingEntUrl: srv.url, idpUrl: srv.url },
				items,
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json.externalConsumerId)).toEqual(
			items.map((item) => item.user),
		);
		expect(
			new Set(srv.state.conversations.map((conversation) => conversation.extConsumerId)).size,
		).toBe(6);
		expect(srv.state.conversations).toHaveLength(6);
		expect(
			paths().filter((entry) => entry === 'POST /messaging/consumer/conversation 429').length,
		).toBeGreaterThan(0);
		expect(paths().filter((entry) => entry.startsWith('POST /sentinel'))).toHaveLength(1);
	});
});

describe('the Skill picker against the fake', () => {
	const list = (method: string, server = srv) =>
		runListSearch({
			type: 'livePerson',
			method,
			credentials: {
				livePersonConversationsApi: {
					...server.credentials,
					domainApiHost: server.url,
					sentinelUrl: '',
					idpUrl: '',
					asyncMessagingEntUrl: '',
					appJwt: '',
				},
			},
		});

	test('lists the skills (AppJWT as Bearer), and the picked one is the transfer target', async () => {
		expect((await list('searchSkillsOrAny')).results).toEqual([
			{ name: 'Any Skill', value: '-1' },
			{ name: 'Billing', value: '1002' },
			{ name: 'Sales', value: '1001' },
		]);
		expect(paths()).toEqual([
			'GET /service/sentinel/baseURI.json 200',
			'POST /sentinel/app/token 200',
			'GET /service/accountConfigReadOnly/baseURI.json 200',
			'GET /configuration/le-users/skills 200',
		]);
		const [billing] = (await list('searchSkills', srv)).results;
		const created = await run({
			resource: 'conversation',
			operation: 'create',
			externalConsumerId: 'picker-1',
		});
		const transferred = await run({
			resource: 'conversation',
			operation: 'transfer',
			externalConsumerId: 'picker-1',
			conversationId: created.output[0].json.conversationId as string,
			skillId: { __rl: true, mode: 'list', value: billing.value },
		});
		expect(transferred.error).toBeUndefined();
		expect(srv.state.conversations[0].skillId).toBe('1002');
	});

	test('an installation without the permission to read skills gets the line that says so', async () => {
		const locked = await startVendorServer('liveperson', {
			lpScheme: 'http',
			skillsReadable: false,
		});
		try {
			await expect(list('searchSkills', locked)).rejects.toThrow(
				/the credential may not read the account's skills.*\(HTTP 403\)\. Choose By ID/,
			);
		} finally {
			await locked.close();
		}
	});
});
