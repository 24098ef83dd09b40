'use strict';
/**
 * The SocialBoards close example (scripts/examples/socialboards-close.js) published in a running n8n:
 * a CRM's "deal closed" POST to its production webhook adds one team message and closes the
 * conversation in the sandbox; a POST without the secret header starts nothing.
 */
const local = require('../../../scripts/n8n-local');
const { WEBHOOK_AUTH } = require('../../../scripts/make-examples');
const { ID, PATH, NAMES, SAMPLE_EVENT } = require('../../../scripts/examples/socialboards-close');
const {
	check,
	assert,
	assertEqual,
	waitFor,
	executionsOf,
	finishedExecutions,
	executionItems,
} = require('../lib');

/** A conversation with one message from the client, made directly in the sandbox's API. */
async function conversationInSandbox(srv) {
	const token = await fetch(`${srv.url}/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'refresh_token',
			refresh_token: srv.credentials.refreshToken,
			client_id: srv.credentials.clientId,
		}),
	}).then((r) => r.json());
	const headers = { authorization: `Bearer ${token.access_token}` };
	const created = await local.request(`${srv.baseUrl}chat/conversations`, {
		method: 'POST',
		headers,
		body: { author: { email: 'ana.lima@example.com', name: 'Ana Lima' }, title: 'Acme deal' },
	});
	assertEqual(created.json?.errorCode, -1, `sandbox conversation (${created.text.slice(0, 200)})`);
	const id = created.json.data.id;
	const added = await local.request(`${srv.baseUrl}chat/conversations/${id}/messages`, {
		method: 'POST',
		headers,
		body: [{ message: 'When does my plan start?', author: { email: 'ana.lima@example.com' } }],
	});
	assertEqual(added.json?.errorCode, -1, `sandbox message (${added.text.slice(0, 200)})`);
	return id;
}

async function run(n8n, sandbox) {
	const srv = sandbox.servers.socialboards;
	const url = `${n8n.url}/webhook/${PATH}`;
	const cookie = await local.login(n8n.url);
	await check(
		'socialboards close example: a "deal closed" POST adds one team message and closes the conversation',
		async () => {
			// published before n8n started; n8n registers production webhooks in the background
			await waitFor(
				async () => (await local.request(url, { method: 'POST', body: {} })).status !== 404,
				60000,
			);
			const conversationId = await conversationInSandbox(srv);
			const requestsBefore = srv.state.requests.length;
			const event = {
				...SAMPLE_EVENT,
				socialboards: { conversationId },
			};
			const r = await local.request(url, {
				method: 'POST',
				headers: { [WEBHOOK_AUTH.header.toLowerCase()]: WEBHOOK_AUTH.value },
				body: event,
			});
			assertEqual(r.status, 200, `POST ${url} (${r.text.slice(0, 200)})`);
			const executions = await finishedExecutions(n8n, cookie, ID, 1);
			assertEqual(executions.length, 1, 'executions after one POST');
			assertEqual(executions[0].status, 'success', 'execution status');

			const conversation = srv.state.conversations.find((c) => c.id === conversationId);
			assert(conversation, `conversation ${conversationId} is not in the sandbox`);
			assertEqual(conversation.isClosed, true, 'the conversation is closed in the sandbox');
			const messages = srv.state.messages.filter((m) => m.conversationId === conversationId);
			assertEqual(
				messages.map((m) => [m.author.email, m.isByTeam]),
				[
					['ana.lima@example.com', null],
					[SAMPLE_EVENT.owner.email, true],
				],
				'messages (author, by team) in the sandbox',
			);
			assert(
				messages[1].message.includes(SAMPLE_EVENT.deal.title),
				`the team message lacks the deal title: ${messages[1].message}`,
			);
			const sent = srv.state.requests.slice(requestsBefore).filter((q) => q.path !== '/token');
			// n8n's stored access token is older than the sandbox's last reset: a 401, a renewal, the same request again
			assert(
				sent.every((q) => q.status < 300 || q.status === 401),
				`requests that failed otherwise than with 401: ${JSON.stringify(sent.map((q) => [q.method, q.path, q.status]))}`,
			);
			assertEqual(
				sent.filter((q) => q.status < 300).map((q) => `${q.method} ${q.path}`),
				[
					`POST /chat/conversations/${conversationId}/messages`,
					`PATCH /chat/conversations/${conversationId}/close`,
				],
				'requests of n8n the sandbox carried out',
			);
			const out = await executionItems(n8n, cookie, executions[0].id, NAMES.result);
			assertEqual(
				out.map((i) => [i.dealId, Number(i.conversationId), i.isClosed]),
				[[SAMPLE_EVENT.deal.id, conversationId, true]],
				`"${NAMES.result}" output`,
			);
		},
	);
	await check(
		'socialboards close example: a POST without the secret header is refused and starts nothing',
		async () => {
			const before = (await executionsOf(n8n, cookie, ID)).length;
			const r = await local.request(url, { method: 'POST', body: SAMPLE_EVENT });
			assertEqual(r.status, 403, `POST ${url} without the secret`);
			await new Promise((res) => setTimeout(res, 2000));
			assertEqual((await executionsOf(n8n, cookie, ID)).length, before, 'executions');
		},
	);
}

module.exports = { workflows: [], publish: [ID], run };
