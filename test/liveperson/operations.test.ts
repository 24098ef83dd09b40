import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import * as lp from './mock';

// Message → Send Structured Content, Conversation → Transfer to Skill and Conversation → Update
// Consumer Info: the exact SEND requests (nock), then the same operations against the sandbox fake.

const known = { appJwt: lp.APP_JWT, idpUrl: lp.IDP, asyncMessagingEntUrl: lp.MESSAGING };
function run(parameters: INodeParameters, onError?: 'continueRegularOutput') {
	return runNode({
		type: 'livePerson',
		parameters,
		credentials: lp.credentials(known),
		...(onError ? { onError } : {}),
	});
}

const CARD = {
	type: 'vertical',
	elements: [
		{ type: 'text', text: 'Order 1042', style: { bold: true } },
		{ type: 'map', la: 49.8238, lo: 2.0214, alt: 'Pick-up point' },
	],
};

describe('LivePerson › Message › Send Structured Content', () => {
	it('publishes a RichContentEvent from the consumer with the SEND endpoint', async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1');
		lp.send(
			trace,
			'u1',
			{
				kind: 'req',
				id: '1',
				type: 'ms.PublishEvent',
				body: { dialogId: 'conv-1', event: { type: 'RichContentEvent', content: CARD } },
			},
			{
				reply: { reqId: '1', code: 'OK', body: { sequence: 7 } },
				clientProperties: '{"type":".ClientProperties","features":["RICH_CONTENT"]}',
			},
		);
		const result = await run({
			resource: 'message',
			operation: 'sendStructuredContent',
			externalConsumerId: 'u1',
			conversationId: 'conv-1',
			structuredContent: JSON.stringify(CARD),
			additionalFields: { clientFeatures: ['RICH_CONTENT'] },
		});
		expect(result.error).toBeUndefined();
		expect(trace.log).toEqual(['consumer u1', 'send']);
		expect(result.output).toEqual([
			{
				json: { conversationId: 'conv-1', externalConsumerId: 'u1', sequence: 7 },
				pairedItem: { item: 0 },
			},
		]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a 502 is reported, not sent again (the content may have been posted)', async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1');
		const publish = {
			kind: 'req',
			id: '1',
			type: 'ms.PublishEvent',
			body: { dialogId: 'conv-1', event: { type: 'RichContentEvent', content: CARD } },
		};
		lp.send(trace, 'u1', publish, { status: 502, reply: { message: 'Bad gateway' } });
		lp.send(trace, 'u1', publish, { reply: { reqId: '1', code: 'OK', body: { sequence: 8 } } });
		const result = await run(
			{
				resource: 'message',
				operation: 'sendStructuredContent',
				externalConsumerId: 'u1',
				conversationId: 'conv-1',
				structuredContent: CARD as unknown as string,
			},
			'continueRegularOutput',
		);
		expect(trace.log).toEqual(['consumer u1', 'send']);
		expect(String(result.output[0].json.error)).toContain('HTTP 502');
		nock.cleanAll();
	});
});

describe('LivePerson › Conversation › Transfer to Skill', () => {
	const transfer = {
		kind: 'req',
		id: '1',
		type: 'cm.UpdateConversationField',
		body: {
			conversationId: 'conv-1',
			conversationField: [{ field: 'Skill', type: 'UPDATE', skill: '2736637412' }],
		},
	};

	it('sends a Skill change with cm.UpdateConversationField, and is tried again after a 502', async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1');
		lp.send(trace, 'u1', transfer, { status: 502, reply: { message: 'Bad gateway' } });
		lp.send(trace, 'u1', transfer, { reply: { reqId: '1', code: 'OK', body: {} } });
		const result = await run({
			resource: 'conversation',
			operation: 'transfer',
			externalConsumerId: 'u1',
			conversationId: 'conv-1',
			skillId: '2736637412',
		});
		expect(result.error).toBeUndefined();
		expect(trace.log).toEqual(['consumer u1', 'send', 'send']);
		expect(result.output[0].json).toEqual({
			conversationId: 'conv-1',
			externalConsumerId: 'u1',
			skillId: '2736637412',
			transferred: true,
		});
	});

	it("fails the item with LivePerson's message for an unknown skill", async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1');
		lp.send(trace, 'u1', transfer, {
			reply: { reqId: '1', code: 400, body: { msg: 'Skill 2736637412 does not exist' } },
		});
		const result = await run(
			{
				resource: 'conversation',
				operation: 'transfer',
				externalConsumerId: 'u1',
				conversationId: 'conv-1',
				skillId: '2736637412',
			},
			'continueRegularOutput',
		);
		expect(result.output[0].json.error).toBe(
			'LivePerson could not transfer the conversation conv-1 to skill 2736637412: cm.UpdateConversationField (reqId 1) failed with code 400: Skill 2736637412 does not exist (HTTP 200) [item 0]',
		);
	});
});

describe('LivePerson › Conversation › Update Consumer Info', () => {
	it('sends userprofile.SetUserProfile with the SDEs on the SEND endpoint', async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1');
		const profile = {
			authenticatedData: {
				lp_sdes: [
					{ type: 'ctmrinfo', info: { ctype: 'vip', customerId: 'crm-4711' } },
					{
						type: 'personal',
						personal: {
							firstname: 'Ann',
							contacts: [{ email: 'ann@example.com' }],
						},
					},
				],
			},
		};
		lp.send(
			trace,
			'u1',
			{ kind: 'req', id: '1', type: 'userprofile.SetUserProfile', body: profile },
			{ reply: { reqId: '1', code: 'OK', body: { msg: 'OK User Profile set successfully' } } },
		);
		const result = await run({
			resource: 'conversation',
			operation: 'updateConsumerInfo',
			externalConsumerId: 'u1',
			firstName: 'Ann',
			customerInfo: { customerType: 'vip', customerId: 'crm-4711' },
			personalInfo: { email: 'ann@example.com' },
		});
		expect(result.error).toBeUndefined();
		expect(trace.log).toEqual(['consumer u1', 'send']);
		expect(result.output[0].json).toEqual({ externalConsumerId: 'u1', updated: true, profile });
	});

	it('refuses an item without any profile value before any request', async () => {
		const result = await run(
			{ resource: 'conversation', operation: 'updateConsumerInfo', externalConsumerId: 'u1' },
			'continueRegularOutput',
		);
		expect(String(result.output[0].json.error)).toMatch(
			/^Customer Info and the other profile fields are all empty/,
		);
	});
});

// ---------------------------------------------------------------- against the sandbox fake

interface Fake {
	url: string;
	credentials: { accountId: string; clientId: string; clientSecret: string };
	state: { conversations: IDataObject[]; messages: IDataObject[] };
	reset(): void;
	close(): Promise<void>;
}
const { startVendorServer } = require('../sandbox') as {
	startVendorServer(name: string, options?: IDataObject): Promise<Fake>;
};

describe('the three operations against the sandbox fake', () => {
	let fake: Fake;
	beforeAll(async () => {
		nock.enableNetConnect('127.0.0.1');
		fake = await startVendorServer('liveperson', { lpScheme: 'http' });
	});
	afterAll(() => fake.close());
	const sandboxRun = (parameters: INodeParameters) =>
		runNode({
			type: 'livePerson',
			parameters: { externalConsumerId: 'ext-ana', ...parameters },
			credentials: {
				livePersonConversationsApi: {
					...fake.credentials,
					domainApiHost: fake.url,
					sentinelUrl: '',
					idpUrl: '',
					asyncMessagingEntUrl: '',
					appJwt: '',
				},
			},
			onError: 'continueRegularOutput',
		});

	it('structured content, a transfer and new consumer info reach the open conversation', async () => {
		const created = await sandboxRun({ resource: 'conversation', operation: 'create' });
		const conversationId = created.output[0].json.conversationId as string;
		const card = await sandboxRun({
			resource: 'message',
			operation: 'sendStructuredContent',
			conversationId,
			structuredContent: JSON.stringify(CARD),
		});
		expect(card.output[0].json).toEqual({
			conversationId,
			externalConsumerId: 'ext-ana',
			sequence: 0,
		});
		expect(fake.state.messages).toEqual([
			expect.objectContaining({
				conversationId,
				sequence: 0,
				contentType: 'rich-content',
				content: CARD,
			}),
		]);
		const moved = await sandboxRun({
			resource: 'conversation',
			operation: 'transfer',
			conversationId,
			skillId: '1002',
		});
		expect(moved.output[0].json.transferred).toBe(true);
		expect(fake.state.conversations[0].skillId).toBe('1002');
		const unknown = await sandboxRun({
			resource: 'conversation',
			operation: 'transfer',
			conversationId,
			skillId: '999',
		});
		expect(String(unknown.output[0].json.error)).toContain('Skill 999 does not exist');
		const info = await sandboxRun({
			resource: 'conversation',
			operation: 'updateConsumerInfo',
			lastName: 'Lima',
			customerInfo: { customerType: 'gold' },
		});
		expect(info.output[0].json.updated).toBe(true);
		expect(fake.state.conversations[0].userProfile).toEqual({
			authenticatedData: {
				lp_sdes: [
					{ type: 'ctmrinfo', info: { ctype: 'gold' } },
					{ type: 'personal', personal: { lastname: 'Lima' } },
				],
			},
		});
	});
});
