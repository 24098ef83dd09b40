import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import * as lp from './mock';

const FULL_ORDER = [
	'domain sentinel',
	'token',
	'domain idp',
	'domain asyncMessagingEnt',
	'consumer u1',
	'conversation',
	'send',
];

function create(
	parameters: INodeParameters,
	options: {
		items?: IDataObject[];
		credentials?: Record<string, string>;
		onError?: 'continueRegularOutput' | 'continueErrorOutput';
	} = {},
) {
	return runNode({
		type: 'livePerson',
		parameters: { resource: 'conversation', operation: 'create', ...parameters },
		credentials: lp.credentials(options.credentials),
		items: options.items,
		onError: options.onError,
	});
}

/** Domain lookups and the token, as the first request of an execution with no stored AppJWT triggers them. */
function discoverAndAuthenticate(trace: lp.Trace) {
	lp.lookup(trace, 'sentinel', lp.SENTINEL);
	lp.token(trace);
	lp.lookup(trace, 'idp', lp.IDP);
	lp.lookup(trace, 'asyncMessagingEnt', lp.MESSAGING);
}

describe('LivePerson › Conversation › Create', () => {
	it('looks up the domains, gets the AppJWT and ConsumerJWS, creates the conversation, then sends the first message', async () => {
		const trace = new lp.Trace();
		discoverAndAuthenticate(trace);
		lp.consumer(trace, 'u1');
		lp.conversation(trace, 'u1', lp.minimalBatch(), { reply: lp.okBatch('conv-1') });
		lp.send(trace, 'u1', lp.publish('conv-1', 'Hello, I need help'), {
			reply: { reqId: '1', code: 'OK', body: { sequence: 0 } },
		});

		const result = await create({ externalConsumerId: 'u1', firstMessage: 'Hello, I need help' });

		expect(result.error).toBeUndefined();
		expect(trace.log).toEqual(FULL_ORDER);
		expect(result.output).toEqual([
			{
				json: {
					conversationId: 'conv-1',
					externalConsumerId: 'u1',
					consumerId: 'lp-u1',
					firstMessageSequence: 0,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(result.credentialsHelper.preAuthenticationRuns.livePersonConversationsApi).toBe(1);
		// The AppJWT is kept in the credential's hidden expirable field for the next executions.
		expect(result.credentialsHelper.store.livePersonConversationsApi.appJwt).toBe(lp.APP_JWT);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('sends the profile as lp_sdes, the routing and context, and Client-Properties on CONVERSATION and SEND', async () => {
		const trace = new lp.Trace();
		discoverAndAuthenticate(trace);
		lp.consumer(trace, 'u1');
		const clientProperties = JSON.stringify({
			type: '.ClientProperties',
			features: ['AUTO_MESSAGES', 'RICH_CONTENT'],
		});
		const batch = lp.minimalBatch(
			{
				skillId: '1001',
				ttrDefName: 'URGENT',
				campaignInfo: { campaignId: '99999', engagementId: '888888' },
				conversationContext: {
					type: 'SharkContext',
					visitorId: 'V1',
					sessionId: 'S1',
					interactionContextId: '2',
					lang: 'en-US',
				},
			},
			{
				authenticatedData: {
					lp_sdes: [
						{
							type: 'ctmrinfo',
							info: {
								balance: 120.5,
								customerId: 'crm-1',
								ctype: 'vip',
								socialId: '1234567890',
								companyBranch: 'ACME',
							},
						},
						{
							type: 'personal',
							personal: {
								firstname: 'John',
								lastname: 'Doe',
								gender: 'MALE',
								language: 'en-US',
								contacts: [{ email: 'john@example.com', phone: '+1 212 555 0100' }],
							},
						},
					],
				},
			},
		);
		lp.conversation(trace, 'u1', batch, { reply: lp.okBatch('conv-2'), clientProperties });
		lp.send(trace, 'u1', lp.publish('conv-2', 'Hi'), {
			reply: { reqId: '1', code: 'OK', body: { sequence: 3 } },
			clientProperties,
		});

		const result = await create({
			externalConsumerId: 'u1',
			firstMessage: 'Hi',
			firstName: 'John',
			lastName: 'Doe',
			skillId: '1001',
			customerInfo: {
				customerId: 'crm-1',
				customerType: 'vip',
				socialId: 1234567890,
				companyBranch: 'ACME',
				otherFields: '{"balance": 120.5, "ctype": "ignored"}',
			},
			personalInfo: {
				gender: 'MALE',
				language: 'en-US',
				email: 'john@example.com',
				phone: '+1 212 555 0100',
			},
			conversationOptions: {
				campaignId: '99999',
				engagementId: '888888',
				visitorId: 'V1',
				sessionId: 'S1',
				interactionContextId: '2',
				language: 'en-US',
				ttrDefName: 'URGENT',
				clientFeatures: ['AUTO_MESSAGES', 'RICH_CONTENT'],
			},
		});

		expect(result.error).toBeUndefined();
		expect(trace.log).toEqual(FULL_ORDER);
		expect(result.output[0].json).toMatchObject({
			conversationId: 'conv-2',
			firstMessageSequence: 3,
		});
	});

	it('uses the override URLs instead of the Domain API', async () => {
		const trace = new lp.Trace();
		const sentinel = 'http://127.0.0.1:18081';
		const idp = 'http://127.0.0.1:18082/';
		const messaging = 'http://127.0.0.1:18083';
		lp.lookup(trace, 'sentinel', lp.SENTINEL);
		lp.lookup(trace, 'idp', lp.IDP);
		lp.lookup(trace, 'asyncMessagingEnt', lp.MESSAGING);
		lp.token(trace, { base: sentinel });
		lp.consumer(trace, 'u1', { base: 'http://127.0.0.1:18082' });
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			reply: lp.okBatch('conv-3'),
			base: messaging,
		});

		const result = await create(
			{ externalConsumerId: 'u1' },
			{ credentials: { sentinelUrl: sentinel, idpUrl: idp, asyncMessagingEntUrl: messaging } },
		);

		expect(result.error).toBeUndefined();
		expect(trace.log).toEqual(['token', 'consumer u1', 'conversation']);
		expect(result.output[0].json).toEqual({
			conversationId: 'conv-3',
			externalConsumerId: 'u1',
			consumerId: 'lp-u1',
			firstMessageSequence: null,
		});
		expect(nock.pendingMocks()).toHaveLength(3); // the Domain API was never asked
	});

	it('reuses a stored AppJWT and looks up only the services without an override', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'idp', lp.IDP);
		lp.lookup(trace, 'asyncMessagingEnt', 'https://lo.msg.liveperson.net');
		lp.consumer(trace, 'u1');
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			reply: lp.okBatch('conv-4'),
			base: 'https://lo.msg.liveperson.net',
		});

		const result = await create(
			{ externalConsumerId: 'u1' },
			{ credentials: { appJwt: lp.APP_JWT, sentinelUrl: 'https://never.example.com' } },
		);

		expect(result.error).toBeUndefined();
		expect(trace.log).toEqual([
			'domain idp',
			'domain asyncMessagingEnt',
			'consumer u1',
			'conversation',
		]);
		expect(
			result.credentialsHelper.preAuthenticationRuns.livePersonConversationsApi,
		).toBeUndefined();
	});

	it("shares domains, the AppJWT and each consumer's ConsumerJWS across the items of one execution", async () => {
		const trace = new lp.Trace();
		discoverAndAuthenticate(trace);
		lp.consumer(trace, 'u1');
		lp.consumer(trace, 'u2');
		lp.conversation(trace, 'u1', lp.minimalBatch(), { reply: lp.okBatch('conv-a'), times: 2 });
		lp.conversation(trace, 'u2', lp.minimalBatch(), { reply: lp.okBatch('conv-b') });

		const result = await create(
			{ externalConsumerId: '={{ $json.user }}' },
			{ items: [{ user: 'u1' }, { user: 'u2' }, { user: 'u1' }] },
		);

		expect(result.error).toBeUndefined();
		expect(trace.log.slice(0, 5)).toEqual([
			'domain sentinel',
			'token',
			'domain idp',
			'domain asyncMessagingEnt',
			'consumer u1',
		]);
		expect([...trace.log.slice(5)].sort()).toEqual([
			'consumer u2',
			'conversation',
			'conversation',
			'conversation',
		]);
		expect(trace.log.indexOf('consumer u2')).toBeLessThan(trace.log.lastIndexOf('conversation'));
		expect(result.output.map((item) => [item.json.externalConsumerId, item.pairedItem])).toEqual([
			['u1', { item: 0 }],
			['u2', { item: 1 }],
			['u1', { item: 2 }],
		]);
		expect(result.credentialsHelper.preAuthenticationRuns.livePersonConversationsApi).toBe(1);
	});

	describe('one bad item among three', () => {
		const items = [{ user: 'u1' }, { user: '   ' }, { user: 'u3' }];

		it('fails before any request without continue on fail', async () => {
			const trace = new lp.Trace();
			discoverAndAuthenticate(trace);
			lp.consumer(trace, 'u1');
			lp.conversation(trace, 'u1', lp.minimalBatch(), { reply: lp.okBatch('conv-1') });

			const result = await create({ externalConsumerId: '={{ $json.user }}' }, { items });

			expect(result.error?.message).toBe('External Consumer ID is required but is empty [item 1]');
			expect(trace.log).toEqual([]);
		});

		it('outputs an error item in place with continueRegularOutput', async () => {
			const trace = new lp.Trace();
			discoverAndAuthenticate(trace);
			lp.consumer(trace, 'u1');
			lp.consumer(trace, 'u3');
			lp.conversation(trace, 'u1', lp.minimalBatch(), { reply: lp.okBatch('conv-1') });
			lp.conversation(trace, 'u3', lp.minimalBatch(), { reply: lp.okBatch('conv-3') });

			const result = await create(
				{ externalConsumerId: '={{ $json.user }}' },
				{ items, onError: 'continueRegularOutput' },
			);

			expect(result.error).toBeUndefined();
			expect(result.output).toHaveLength(3);
			expect(result.output[0].json.conversationId).toBe('conv-1');
			expect(result.output[1].json.error).toBe(
				'External Consumer ID is required but is empty [item 1]',
			);
			expect(result.output[1].pairedItem).toEqual({ item: 1 });
			expect(result.output[2].json.conversationId).toBe('conv-3');
		});

		it('routes the bad item to the error output with continueErrorOutput', async () => {
			const trace = new lp.Trace();
			discoverAndAuthenticate(trace);
			lp.consumer(trace, 'u1');
			lp.consumer(trace, 'u3');
			lp.conversation(trace, 'u1', lp.minimalBatch(), { reply: lp.okBatch('conv-1') });
			lp.conversation(trace, 'u3', lp.minimalBatch(), { reply: lp.okBatch('conv-3') });

			const result = await create(
				{ externalConsumerId: '={{ $json.user }}' },
				{ items, onError: 'continueErrorOutput' },
			);

			expect(result.error).toBeUndefined();
			expect(result.output.map((item) => item.json.conversationId)).toEqual(['conv-1', 'conv-3']);
			expect(result.errorOutput).toHaveLength(1);
			expect(result.errorOutput[0].json.error).toBe(
				'External Consumer ID is required but is empty [item 1]',
			);
			expect(result.errorOutput[0].pairedItem).toEqual({ item: 1 });
		});
	});

	it('fails the item when an element of the 200 batch answer is not OK, and sends no first message', async () => {
		const trace = new lp.Trace();
		discoverAndAuthenticate(trace);
		lp.consumer(trace, 'u1');
		lp.conversation(trace, 'u1', lp.minimalBatch({ skillId: '9' }), {
			reply: [
				{ code: 'OK', body: { msg: 'OK User Profile set successfully' }, reqId: '1' },
				{ code: 400, body: { msg: 'Skill 9 does not exist' }, reqId: '2' },
			],
		});
		lp.send(trace, 'u1', lp.publish('x', 'Hi'), { reply: {} });

		const result = await create({ externalConsumerId: 'u1', skillId: '9', firstMessage: 'Hi' });

		expect(result.error?.message).toBe(
			'LivePerson could not create the conversation: cm.ConsumerRequestConversation (reqId 2) failed with code 400: Skill 9 does not exist (HTTP 200) [item 0]',
		);
		expect(result.error?.description).toContain('Check Skill (-1 for any skill)');
		expect(trace.log).toEqual(FULL_ORDER.slice(0, 6));
	});

	it('says the conversation exists when only the profile element failed', async () => {
		const trace = new lp.Trace();
		discoverAndAuthenticate(trace);
		lp.consumer(trace, 'u1');
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			reply: [
				{ code: 'BAD_REQUEST', body: 'unknown SDE field', reqId: '1' },
				{ code: 'OK', body: { conversationId: 'conv-9' }, reqId: '2' },
			],
		});

		const result = await create({ externalConsumerId: 'u1' }, { onError: 'continueErrorOutput' });

		expect(result.errorOutput).toHaveLength(1);
		expect(result.errorOutput[0].json.error).toContain(
			'userprofile.SetUserProfile (reqId 1) failed with code BAD_REQUEST: unknown SDE field',
		);
		expect(result.errorOutput[0].error?.description).toContain(
			'the conversation conv-9 was created anyway',
		);
	});

	it('fails when the answer has no element for a request', async () => {
		const trace = new lp.Trace();
		discoverAndAuthenticate(trace);
		lp.consumer(trace, 'u1');
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			reply: [{ code: 'OK', body: { msg: 'OK' }, reqId: '1' }],
		});

		const result = await create({ externalConsumerId: 'u1' });

		expect(result.error?.message).toContain(
			'LivePerson gave no answer for the cm.ConsumerRequestConversation request (reqId 2)',
		);
	});

	it('tells the user the conversation exists when the first message fails', async () => {
		const trace = new lp.Trace();
		discoverAndAuthenticate(trace);
		lp.consumer(trace, 'u1');
		lp.conversation(trace, 'u1', lp.minimalBatch(), { reply: lp.okBatch('conv-5') });
		lp.send(trace, 'u1', lp.publish('conv-5', 'Hi'), {
			reply: { reqId: '1', code: 400, body: { msg: 'Conversation conv-5 is closed' } },
		});

		const result = await create({ externalConsumerId: 'u1', firstMessage: 'Hi' });

		expect(result.error?.message).toBe(
			'LivePerson could not send the first message into the new conversation conv-5: ms.PublishEvent (reqId 1) failed with code 400: Conversation conv-5 is closed (HTTP 200) [item 0]',
		);
		expect(result.error?.description).toContain(
			'The conversation conv-5 was created, but its first message was not sent: do not run this item again',
		);
		expect(trace.log).toEqual(FULL_ORDER);
	});

	it('waits at least one second after a 429 and then creates the conversation once', async () => {
		const trace = new lp.Trace();
		discoverAndAuthenticate(trace);
		lp.consumer(trace, 'u1');
		lp.conversation(trace, 'u1', lp.minimalBatch(), {
			status: 429,
			reply: { kind: 'resp', code: 429, body: { title: 'Too Many Requests' } },
			label: 'conversation 429',
			headers: { 'Retry-After': '0' },
		});
		lp.conversation(trace, 'u1', lp.minimalBatch(), { reply: lp.okBatch('conv-6') });

		const started = Date.now();
		const result = await create({ externalConsumerId: 'u1' });

		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(trace.log.slice(-2)).toEqual(['conversation 429', 'conversation']);
		expect(result.output[0].json.conversationId).toBe('conv-6');
	});

	it('checks the fields before sending anything', async () => {
		const trace = new lp.Trace();
		discoverAndAuthenticate(trace);

		const skill = await create({ externalConsumerId: 'u1', skillId: 'sales' });
		expect(skill.error?.message).toBe(
			'Skill "sales" is not valid: a skill ID is a number, or -1 for any skill [item 0]',
		);

		const email = await create({
			externalConsumerId: 'u1',
			personalInfo: { email: 'not-an-email' },
		});
		expect(email.error?.message).toBe(
			'Personal Info › Email "not-an-email" is not a valid e-mail address [item 0]',
		);

		const feature = await create({
			externalConsumerId: 'u1',
			conversationOptions: { clientFeatures: '={{ ["AUTO_MESSAGES", "TELEPATHY"] }}' },
		});
		expect(feature.error?.message).toContain(
			'Conversation Options › Client Features contains "TELEPATHY"',
		);

		const campaign = await create({
			externalConsumerId: 'u1',
			conversationOptions: { campaignId: '99999' },
		});
		expect(campaign.error?.message).toBe(
			'Conversation Options › Campaign ID and Engagement ID go together [item 0]',
		);

		expect(trace.log).toEqual([]);
	});
});
