import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import * as lp from './mock';

function run(parameters: INodeParameters, credentials: Record<string, string> = {}) {
	return runNode({ type: 'livePerson', parameters, credentials: lp.credentials(credentials) });
}

describe('LivePerson › Message › Send', () => {
	it('sends the text into an existing conversation with the SEND endpoint', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'sentinel', lp.SENTINEL);
		lp.token(trace);
		lp.lookup(trace, 'idp', lp.IDP);
		lp.lookup(trace, 'asyncMessagingEnt', lp.MESSAGING);
		lp.consumer(trace, 'u1');
		lp.send(trace, 'u1', lp.publish('conv-1', 'Where is my order?'), {
			reply: { reqId: '1', code: 'OK', body: { sequence: 4 } },
		});

		const result = await run({
			resource: 'message',
			operation: 'send',
			externalConsumerId: 'u1',
			conversationId: 'conv-1',
			message: 'Where is my order?',
		});

		expect(result.error).toBeUndefined();
		expect(trace.log).toEqual([
			'domain sentinel',
			'token',
			'domain idp',
			'domain asyncMessagingEnt',
			'consumer u1',
			'send',
		]);
		expect(result.output).toEqual([
			{
				json: { conversationId: 'conv-1', externalConsumerId: 'u1', sequence: 4 },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends Client-Properties when features are set, and returns the raw answer without Simplify', async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1');
		const answer = { reqId: '1', code: 'OK', body: { sequence: 1 } };
		lp.send(trace, 'u1', lp.publish('conv-1', 'Hi'), {
			reply: answer,
			clientProperties: '{"type":".ClientProperties","features":["QUICK_REPLIES"]}',
		});

		const result = await run(
			{
				resource: 'message',
				operation: 'send',
				externalConsumerId: 'u1',
				conversationId: 'conv-1',
				message: 'Hi',
				additionalFields: { clientFeatures: ['QUICK_REPLIES'] },
				simplify: false,
			},
			{ appJwt: lp.APP_JWT, idpUrl: lp.IDP, asyncMessagingEntUrl: lp.MESSAGING },
		);

		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toEqual({ conversationId: 'conv-1', response: answer });
		expect(trace.log).toEqual(['consumer u1', 'send']);
	});

	it("fails the item with LivePerson's message when the SEND answer is not OK", async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1');
		lp.send(trace, 'u1', lp.publish('conv-1', 'Hi'), {
			reply: { reqId: '1', code: 400, body: { msg: 'Conversation conv-1 is closed' } },
		});

		const result = await run(
			{
				resource: 'message',
				operation: 'send',
				externalConsumerId: 'u1',
				conversationId: 'conv-1',
				message: 'Hi',
			},
			{ appJwt: lp.APP_JWT, idpUrl: lp.IDP, asyncMessagingEntUrl: lp.MESSAGING },
		);

		expect(result.error?.message).toBe(
			'LivePerson could not send the message into the conversation conv-1: ms.PublishEvent (reqId 1) failed with code 400: Conversation conv-1 is closed (HTTP 200) [item 0]',
		);
		expect(result.error?.description).toContain(
			'still open, and belongs to this external consumer ID',
		);
	});

	it('rejects a conversation ID that could not be one before sending', async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1');

		const result = await run(
			{
				resource: 'message',
				operation: 'send',
				externalConsumerId: 'u1',
				conversationId: '../admin',
				message: 'Hi',
			},
			{ appJwt: lp.APP_JWT, idpUrl: lp.IDP, asyncMessagingEntUrl: lp.MESSAGING },
		);

		expect(result.error?.message).toBe(
			'Conversation ID "../admin" is not valid: an ID has only letters, digits, "-", "_" and ":" [item 0]',
		);
		expect(trace.log).toEqual([]);
	});
});

describe('LivePerson › Conversation › Close', () => {
	it('closes the conversation with cm.UpdateConversationField', async () => {
		const trace = new lp.Trace();
		lp.lookup(trace, 'idp', lp.IDP);
		lp.lookup(trace, 'asyncMessagingEnt', lp.MESSAGING);
		lp.consumer(trace, 'u1');
		lp.send(trace, 'u1', lp.closeRequest('conv-1'), {
			reply: { reqId: '1', code: 'OK', body: {} },
			label: 'close',
		});

		const result = await run(
			{
				resource: 'conversation',
				operation: 'close',
				externalConsumerId: 'u1',
				conversationId: 'conv-1',
			},
			{ appJwt: lp.APP_JWT },
		);

		expect(result.error).toBeUndefined();
		expect(trace.log).toEqual(['domain idp', 'domain asyncMessagingEnt', 'consumer u1', 'close']);
		expect(result.output[0].json).toEqual({
			conversationId: 'conv-1',
			externalConsumerId: 'u1',
			closed: true,
		});
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('fails the item when LivePerson does not know the conversation', async () => {
		const trace = new lp.Trace();
		lp.consumer(trace, 'u1');
		lp.send(trace, 'u1', lp.closeRequest('conv-x'), {
			reply: { reqId: '1', code: 400, body: { msg: 'Conversation conv-x not found' } },
			label: 'close',
		});

		const result = await runNode({
			type: 'livePerson',
			parameters: {
				resource: 'conversation',
				operation: 'close',
				externalConsumerId: 'u1',
				conversationId: 'conv-x',
			},
			credentials: lp.credentials({
				appJwt: lp.APP_JWT,
				idpUrl: lp.IDP,
				asyncMessagingEntUrl: lp.MESSAGING,
			}),
			onError: 'continueRegularOutput',
		});

		expect(result.output[0].json.error).toBe(
			'LivePerson could not close the conversation conv-x: cm.UpdateConversationField (reqId 1) failed with code 400: Conversation conv-x not found (HTTP 200) [item 0]',
		);
	});
});
