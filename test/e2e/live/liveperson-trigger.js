'use strict';
/**
 * The LivePerson Conversations Trigger in a running n8n, with the example
 * scripts/examples/liveperson-reply.js published: activation sets its URL on the connector's app
 * installation (sandbox), a signed agent ContentEvent starts one execution whose Send answers once
 * as the consumer, that consumer message comes back and starts nothing, forgeries are refused, and
 * deactivation gives the installation back its endpoints.
 */
const local = require('../../../scripts/n8n-local');
const reply = require('../../../scripts/examples/liveperson-reply');
const {
	log,
	check,
	assert,
	assertEqual,
	pause,
	waitFor,
	executionsOf,
	finishedExecutions,
	executionItems,
} = require('../lib');

const CONTENT = 'ms.MessagingEventNotification.ContentEvent';

/** A conversation for an External Consumer ID (the example's by default), opened through the fake's Connector API. */
async function openConversation(srv, externalConsumerId = reply.EXTERNAL_CONSUMER_ID) {
	const account = srv.credentials.accountId;
	const tokenAnswer = await fetch(
		`${srv.url}/sentinel/api/account/${account}/app/token?v=1.0&grant_type=client_credentials`,
		{
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				client_id: srv.credentials.clientId,
				client_secret: srv.credentials.clientSecret,
			}).toString(),
		},
	);
	const appJwt = (await tokenAnswer.json()).access_token;
	const consumer = await local.request(`${srv.url}/api/account/${account}/consumer?v=1.0`, {
		method: 'POST',
		headers: { authorization: appJwt },
		body: { ext_consumer_id: externalConsumerId },
	});
	assertEqual(consumer.status, 201, `sandbox consumer token (${consumer.text.slice(0, 200)})`);
	const created = await local.request(
		`${srv.url}/api/account/${account}/messaging/consumer/conversation?v=3`,
		{
			method: 'POST',
			headers: { authorization: appJwt, 'x-lp-on-behalf': consumer.json.token },
			body: [
				{ kind: 'req', id: '1', type: 'userprofile.SetUserProfile', body: {} },
				{
					kind: 'req',
					id: '2',
					type: 'cm.ConsumerRequestConversation',
					body: { brandId: account },
				},
			],
		},
	);
	assertEqual(created.status, 200, `sandbox conversation (${created.text.slice(0, 200)})`);
	return created.json[1].body.conversationId;
}

async function run(n8n, sandbox) {
	const srv = sandbox.servers.liveperson;
	const workflowId = reply.WORKFLOW_ID;
	const cookie = await local.login(n8n.url);
	const endpoint = () => (srv.state.installation.capabilities.webhooks[CONTENT] || {}).endpoint;
	let conversationId;
	let agentNotification;

	await check(
		"liveperson trigger: publishing set its URL on the connector's app installation in the sandbox",
		async () => {
			// n8n 2.x activates published workflows in the background after start
			await waitFor(() => typeof endpoint() === 'string', 60000);
			const url = endpoint();
			assert(url && /\/webhook\/[0-9a-f-]+\/webhook$/.test(url), `ContentEvent endpoint ${url}`);
			assertEqual(
				Object.keys(srv.state.installation.capabilities.webhooks),
				[CONTENT],
				'event types with an endpoint',
			);
			assertEqual(srv.state.installation.scope, 'msg.consumer', 'the rest of the installation');
		},
	);

	await check(
		'liveperson trigger: a signed agent message starts one execution, which answers once as the consumer (no loop)',
		async () => {
			conversationId = await openConversation(srv);
			agentNotification = srv.agentMessage(conversationId, 'Your parcel ships today (e2e)');
			const [delivery] = await srv.deliver(agentNotification);
			assertEqual(delivery.status, 200, `signed delivery status (${delivery.body.slice(0, 200)})`);
			const executions = await finishedExecutions(n8n, cookie, workflowId, 1);
			assertEqual(executions.length, 1, 'executions after one agent message');
			assertEqual(executions[0].status, 'success', 'execution status');
			const change = agentNotification.body.changes[0];
			const items = await executionItems(n8n, cookie, executions[0].id, reply.TRIGGER);
			assertEqual(
				items,
				[
					{
						event: CONTENT,
						conversationId,
						dialogId: conversationId,
						messageId: change.sequence,
						sequence: change.sequence,
						text: 'Your parcel ships today (e2e)',
						authorType: 'agent',
						authorRole: 'ASSIGNED_AGENT',
						authorId: change.originatorId,
						consumerId: null,
						time: new Date(change.serverTimestamp).toISOString(),
						contentType: 'text/plain',
						messageAudience: 'ALL',
					},
				],
				"the trigger's item",
			);
			// the Send's consumer message came back through the webhook and was ignored
			await waitFor(
				() => srv.state.deliveries.some((d) => d.body.includes('consumer event')),
				20000,
			);
			const echo = srv.state.deliveries.find((d) => d.body.includes('consumer event'));
			assert(echo, 'the consumer message of the reply was not delivered to the trigger');
			assertEqual(echo.status, 200, 'status of the consumer message delivery');
			await pause(2000);
			assertEqual(
				(await executionsOf(n8n, cookie, workflowId)).length,
				1,
				'executions after the reply came back',
			);
			const replies = srv.state.messages.filter(
				(m) => m.conversationId === conversationId && m.role === 'CONSUMER',
			);
			assertEqual(
				replies.map((m) => m.message),
				['Thanks, I read your message: "Your parcel ships today (e2e)"'],
				'consumer replies in the sandbox',
			);
		},
	);

	await check(
		'liveperson trigger: a replay, a forged signature and a consumer message start nothing',
		async () => {
			const [replayed] = await srv.deliver(agentNotification);
			assertEqual(replayed.status, 200, 'replayed delivery status');
			const forgedMessage = srv.agentMessage(conversationId, 'forged');
			const [forged] = await srv.deliver(forgedMessage, { secret: 'guessed-secret' });
			assertEqual(forged.status, 401, `forged delivery status (${forged.body.slice(0, 200)})`);
			const [unsigned] = await srv.deliver(forgedMessage, { noSignature: true });
			assertEqual(unsigned.status, 401, 'unsigned delivery status');
			const consumerId = srv.state.conversations.find(
				(c) => c.conversationId === conversationId,
			).consumerId;
			const [fromConsumer] = await srv.deliver(
				srv.agentMessage(conversationId, 'Hello?', { role: 'CONSUMER', originatorId: consumerId }),
			);
			assertEqual(fromConsumer.status, 200, 'consumer message delivery status');
			log(`     answers: ${[replayed, forged, fromConsumer].map((d) => d.body).join(' | ')}`);
			await pause(2000);
			assertEqual(
				(await executionsOf(n8n, cookie, workflowId)).length,
				1,
				'executions after replay, forgeries and a consumer message',
			);
		},
	);

	await check(
		'liveperson trigger: deactivating the workflow removes its URL from the installation',
		async () => {
			const r = await local.request(`${n8n.url}/rest/workflows/${workflowId}/deactivate`, {
				method: 'POST',
				headers: { cookie },
				body: {},
			});
			assertEqual(
				r.status,
				200,
				`POST /rest/workflows/${workflowId}/deactivate (${r.text.slice(0, 200)})`,
			);
			await waitFor(() => endpoint() === undefined, 30000);
			assertEqual(srv.state.installation.capabilities.webhooks, {}, 'webhooks after deactivation');
		},
	);
}

module.exports = { workflows: [], publish: [reply.WORKFLOW_ID], run, openConversation };
