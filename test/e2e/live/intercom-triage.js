'use strict';
/**
 * The published Intercom triage example in a running n8n: a CRM POST finds the contact's open
 * conversations, assigns each to the VIP team, tags it and leaves a note, as the sandbox records.
 */
const local = require('../../../scripts/n8n-local');
const { WEBHOOK_AUTH } = require('../../../scripts/make-examples');
const {
	NAMES,
	WORKFLOW_ID,
	WEBHOOK_PATH,
	VIP_TEAM_ID,
	SAMPLE_EVENT,
} = require('../../../scripts/examples/intercom-triage');
const {
	check,
	assert,
	assertEqual,
	waitFor,
	finishedExecutions,
	executionItems,
} = require('../lib');

async function run(n8n, sandbox) {
	const srv = sandbox.servers.intercom;
	const contactId = SAMPLE_EVENT.contact.intercomContactId;
	await check(
		'intercom triage: a CRM POST assigns, tags and notes every open conversation of the contact',
		async () => {
			srv.reset();
			const api = (method, p, body) =>
				local.request(`${srv.baseUrl}${p}`, {
					method,
					headers: {
						authorization: `Bearer ${srv.credentials.accessToken}`,
						accept: 'application/json',
						'intercom-version': '2.14',
					},
					body,
				});
			// two open conversations of the contact, one closed, one of another contact
			const ids = [];
			for (const [from, text] of [
				[contactId, 'Invoice question'],
				[contactId, 'Login problem'],
				[contactId, 'Old, closed'],
				['5989303470da497b1babb9ef', 'Someone else'],
			]) {
				const r = await api('POST', '/conversations', {
					from: { type: from === contactId ? 'user' : 'lead', id: from },
					body: text,
				});
				assertEqual(r.status, 200, `sandbox conversation (${r.text.slice(0, 200)})`);
				ids.push(r.json.conversation_id);
			}
			const admin = (await api('GET', '/me')).json.id;
			const closed = await api('POST', `/conversations/${ids[2]}/parts`, {
				message_type: 'close',
				type: 'admin',
				admin_id: admin,
			});
			assertEqual(
				closed.status,
				200,
				`closing a sandbox conversation (${closed.text.slice(0, 200)})`,
			);

			const url = `${n8n.url}/webhook/${WEBHOOK_PATH}`;
			const refused = await local.request(url, { method: 'POST', body: SAMPLE_EVENT });
			assertEqual(refused.status, 403, `POST without ${WEBHOOK_AUTH.header} status`);
			const r = await local.request(url, {
				method: 'POST',
				body: SAMPLE_EVENT,
				headers: { [WEBHOOK_AUTH.header]: WEBHOOK_AUTH.value },
			});
			assertEqual(r.status, 200, `POST /webhook/${WEBHOOK_PATH} status (${r.text.slice(0, 200)})`);

			const byId = (id) => srv.state.conversations.find((c) => c.id === String(id));
			const notes = (id) =>
				byId(id).conversation_parts.conversation_parts.filter((p) => p.part_type === 'note');
			await waitFor(() => notes(ids[0]).length > 0 && notes(ids[1]).length > 0, 30000);
			for (const id of ids.slice(0, 2)) {
				const c = byId(id);
				assertEqual(c.team_assignee_id, Number(VIP_TEAM_ID), `team of conversation ${id}`);
				assertEqual(
					c.tags.tags.map((t) => t.name),
					['VIP'],
					`tags of conversation ${id}`,
				);
				assertEqual(notes(id).length, 1, `notes in conversation ${id}`);
				assert(
					notes(id)[0].body.includes('VIP account Acme Corp (Enterprise)'),
					`note text: ${notes(id)[0].body}`,
				);
			}
			for (const id of ids.slice(2)) {
				const c = byId(id);
				assertEqual(
					[c.team_assignee_id, c.tags.tags.length, notes(id).length],
					[null, 0, 0],
					`untouched conversation ${id} (team, tags, notes)`,
				);
			}
			// GET /me once per node run (Assign, Tag, Note: 3) plus this check's; GET /tags once; one search
			assertEqual(srv.requestsTo('GET', '/me').length, 4, 'GET /me requests');
			assertEqual(srv.requestsTo('GET', '/tags').length, 1, 'GET /tags requests');
			assertEqual(srv.requestsTo('POST', '/conversations/search').length, 1, 'searches');

			const cookie = await local.login(n8n.url);
			const [execution] = await finishedExecutions(n8n, cookie, WORKFLOW_ID, 1);
			assertEqual(execution?.status, 'success', 'execution status');
			const items = await executionItems(n8n, cookie, execution.id, NAMES.result);
			assertEqual(
				items.map((item) => [item.conversationId, item.teamAssigneeId]),
				ids.slice(0, 2).map((id) => [String(id), VIP_TEAM_ID]),
				`"${NAMES.result}" items`,
			);
		},
	);
}

module.exports = { workflows: [], publish: [WORKFLOW_ID], run };
