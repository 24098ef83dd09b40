'use strict';
/** The Chatwoot Conversations Trigger in a running n8n: publish registers the webhook, signed deliveries start executions. */
const local = require('../../../scripts/n8n-local');
const { SANDBOX_CREDENTIALS } = require('../../../scripts/make-examples');
const {
	log,
	check,
	assert,
	assertEqual,
	waitFor,
	executionsOf,
	executionItems,
} = require('../lib');

const { nodeType } = local.registry;

const CHATWOOT_TRIGGER_NODE = 'Chatwoot Conversations Trigger';
/** A published workflow with the Chatwoot trigger alone: each accepted event is one execution. */
const CHATWOOT_TRIGGER_WORKFLOW = {
	id: 'e2eChatwootTrig1',
	name: 'e2e: Chatwoot Conversations Trigger',
	nodes: [
		{
			id: 'e2e-chatwoot-trigger',
			name: CHATWOOT_TRIGGER_NODE,
			type: nodeType('chatwootTrigger'),
			typeVersion: 1,
			position: [0, 0],
			webhookId: '6f1c2a4e-3b5d-4c7e-9f80-a1b2c3d4e5f6',
			parameters: { events: ['message_created'] },
			credentials: {
				chatwootConversationsApi: {
					id: SANDBOX_CREDENTIALS.chatwoot.id,
					name: SANDBOX_CREDENTIALS.chatwoot.name,
				},
			},
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
	pinData: {},
	active: false,
	tags: [],
};

async function run(n8n, sandbox) {
	const srv = sandbox.servers.chatwoot;
	const workflowId = CHATWOOT_TRIGGER_WORKFLOW.id;
	const webhookPath = `/webhook/${CHATWOOT_TRIGGER_WORKFLOW.nodes[0].webhookId}/webhook`;
	// other published workflows (the triage example) have webhooks of their own
	const ownHooks = () => srv.state.webhooks.filter((w) => w.url.endsWith(webhookPath));
	const cookie = await local.login(n8n.url);
	let conversationId;
	await check(
		'chatwoot trigger: publishing registered its account webhook in the sandbox',
		async () => {
			// n8n 2.x activates published workflows in the background after start (publication reconciler)
			await waitFor(() => ownHooks().length > 0, 60000);
			const hooks = ownHooks();
			assertEqual(hooks.length, 1, 'webhooks in the sandbox');
			assert(
				hooks[0].url.endsWith(webhookPath),
				`webhook URL ${hooks[0].url} (expected …${webhookPath})`,
			);
			assertEqual(hooks[0].subscriptions, ['message_created'], 'subscriptions');
			assert(hooks[0].secret, 'the sandbox gave the webhook no secret');
		},
	);
	await check(
		'chatwoot trigger: a signed message_created starts one execution with the simplified item',
		async () => {
			const api = (method, p, body) =>
				local.request(`${srv.baseUrl}${p}`, {
					method,
					headers: { 'api-access-token': srv.credentials.apiAccessToken },
					body,
				});
			const contact = await api('POST', '/api/v1/accounts/1/contacts', {
				inbox_id: 1,
				name: 'Trigger Test',
				identifier: 'crm-trigger-1',
			});
			assertEqual(contact.status, 200, `sandbox contact (${contact.text.slice(0, 200)})`);
			const conversation = await api('POST', '/api/v1/accounts/1/conversations', {
				inbox_id: 1,
				contact_id: contact.json.payload.contact.id,
				source_id: contact.json.payload.contact_inbox.source_id,
			});
			conversationId = conversation.json.id;
			const message = srv.addMessage(conversationId, 'Where is my order? (e2e)', 0);
			const payload = srv.payloadFor('message_created', { messageId: message.id });
			const [delivery] = await srv.deliver(payload);
			assertEqual(delivery.status, 200, `signed delivery status (${delivery.body.slice(0, 200)})`);
			const deadline = Date.now() + 30000;
			let executions = [];
			while (Date.now() < deadline) {
				executions = await executionsOf(n8n, cookie, workflowId);
				if (
					executions.length > 0 &&
					executions[0].status !== 'running' &&
					executions[0].status !== 'new'
				)
					break;
				await new Promise((res) => setTimeout(res, 500));
			}
			assertEqual(executions.length, 1, 'executions after one signed delivery');
			assertEqual(executions[0].status, 'success', 'execution status');
			const items = await executionItems(n8n, cookie, executions[0].id, CHATWOOT_TRIGGER_NODE);
			assertEqual(
				items,
				[
					{
						event: 'message_created',
						conversationId,
						messageId: message.id,
						text: 'Where is my order? (e2e)',
						authorType: 'contact',
						messageType: 'incoming',
						contactId: contact.json.payload.contact.id,
						crmIdentifier: 'crm-trigger-1',
						contactIdentifier: contact.json.payload.contact_inbox.source_id,
						inboxId: 1,
						time: payload.created_at,
					},
				],
				"the execution's item",
			);
			// what n8n kept of the node's static data (the delivery memory; never the secret in the log)
			const wf = await local.request(`${n8n.url}/rest/workflows/${workflowId}`, {
				headers: { cookie },
			});
			const kept = Object.values(wf.json?.data?.staticData ?? {})[0] ?? {};
			log(
				`     static data keys: ${Object.keys(kept).join(', ')}; deliveries: ${JSON.stringify(kept.deliveries)}; sent ${delivery.deliveryId}`,
			);
			// the same delivery again (a Chatwoot retry): no second execution
			const [again] = await srv.deliver(payload, { deliveryId: delivery.deliveryId });
			assertEqual(again.status, 200, 'replayed delivery status');
			await new Promise((res) => setTimeout(res, 2000));
			assertEqual(
				(await executionsOf(n8n, cookie, workflowId)).length,
				1,
				'executions after a replay',
			);
		},
	);
	await check(
		'chatwoot trigger: a forged delivery is answered 401 and starts nothing',
		async () => {
			const message = srv.addMessage(conversationId, 'forged', 0);
			const payload = srv.payloadFor('message_created', { messageId: message.id });
			const [forged] = await srv.deliver(payload, { secret: 'guessed-secret' });
			assertEqual(forged.status, 401, `forged delivery status (${forged.body.slice(0, 200)})`);
			const [stale] = await srv.deliver(payload, {
				timestamp: Math.floor(Date.now() / 1000) - 600,
			});
			assertEqual(stale.status, 401, `stale delivery status (${stale.body.slice(0, 200)})`);
			await new Promise((res) => setTimeout(res, 2000));
			assertEqual(
				(await executionsOf(n8n, cookie, workflowId)).length,
				1,
				'executions after forgeries',
			);
		},
	);
	await check(
		'chatwoot trigger: deactivating the workflow removes its webhook from the sandbox',
		async () => {
			assertEqual(ownHooks().length, 1, 'webhooks in the sandbox before deactivation');
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
			// n8n may remove triggers in the background (publication service)
			await waitFor(() => ownHooks().length === 0, 30000);
			assertEqual(ownHooks().length, 0, 'webhooks in the sandbox after deactivation');
		},
	);
}

module.exports = { workflows: [CHATWOOT_TRIGGER_WORKFLOW], run };
