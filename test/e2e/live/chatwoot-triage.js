'use strict';
/** The example chatwoot-triage.json in a running n8n: a delivered conversation_created is assigned and labelled in the sandbox. */
const local = require('../../../scripts/n8n-local');
const { examples } = require('../../../scripts/make-examples');
const { check, assert, assertEqual, waitFor, finishedExecutions } = require('../lib');

const WORKFLOW_ID = 'exChatwootTriage';

async function run(n8n, sandbox) {
	const srv = sandbox.servers.chatwoot;
	const example = examples().find((e) => e.workflow.id === WORKFLOW_ID);
	const trigger = example.workflow.nodes.find((n) => n.type.endsWith('.chatwootTrigger'));
	const webhookPath = `/webhook/${trigger.webhookId}/webhook`;
	const cookie = await local.login(n8n.url);
	await check(
		'chatwoot triage example: a delivered conversation_created is assigned to the team and labelled',
		async () => {
			await waitFor(() => srv.state.webhooks.some((w) => w.url.endsWith(webhookPath)), 60000);
			const hook = srv.state.webhooks.find((w) => w.url.endsWith(webhookPath));
			assertEqual(hook.subscriptions, ['conversation_created'], 'subscriptions');
			const api = (method, p, body) =>
				local.request(`${srv.baseUrl}${p}`, {
					method,
					headers: { 'api-access-token': srv.credentials.apiAccessToken },
					body,
				});
			const contact = await api('POST', '/api/v1/accounts/1/contacts', {
				inbox_id: 1,
				name: 'Triage Test',
				identifier: 'crm-triage-1',
			});
			assertEqual(contact.status, 200, `sandbox contact (${contact.text.slice(0, 200)})`);
			const created = await api('POST', '/api/v1/accounts/1/conversations', {
				inbox_id: 1,
				contact_id: contact.json.payload.contact.id,
				source_id: contact.json.payload.contact_inbox.source_id,
			});
			assertEqual(created.status, 200, `sandbox conversation (${created.text.slice(0, 200)})`);
			const conversationId = created.json.id;
			const [delivery] = await srv.deliver(
				srv.payloadFor('conversation_created', { conversationId }),
			);
			assertEqual(delivery.status, 200, `signed delivery status (${delivery.body.slice(0, 200)})`);
			const [execution] = await finishedExecutions(n8n, cookie, WORKFLOW_ID, 1, 60000);
			assertEqual(execution.status, 'success', 'execution status');
			const conversation = srv.state.conversations.find((c) => c.id === conversationId);
			assertEqual(conversation.team_id, 1, "the conversation's team");
			assertEqual(conversation.labels, ['triage', 'vip'], "the conversation's labels");
			const calls = srv.state.requests.filter((r) =>
				r.path.startsWith(`/api/v1/accounts/1/conversations/${conversationId}/`),
			);
			assert(
				calls.some((r) => r.path.endsWith('/assignments') && r.body?.team_id === 1),
				'no team assignment reached the sandbox',
			);
		},
	);
}

module.exports = { workflows: [], publish: [WORKFLOW_ID], run };
