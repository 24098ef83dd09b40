'use strict';
/**
 * The SocialBoards Conversations Trigger in a running n8n: the sandbox plays SocialBoards' webhook
 * settings (the challenge GET) and delivers conversation_message_added when its API adds messages.
 * Then the reply example (scripts/examples/socialboards-reply.js): one team reply per contact
 * message, and the reply's own event starts nothing (no loop).
 */
const local = require('../../../scripts/n8n-local');
const reply = require('../../../scripts/examples/socialboards-reply');
const {
	check,
	assert,
	assertEqual,
	waitFor,
	executionsOf,
	finishedExecutions,
	executionItems,
} = require('../lib');

const { nodeType } = local.registry;

const TRIGGER_NODE = 'SocialBoards Conversations Trigger';
const VERIFY_TOKEN = 'e2e-verify-token-3c9a51';
const DELIVERY_TOKEN = 'e2e-delivery-token-8f27d4b6e1';
const CONTACT = { email: 'tina.trigger@example.com', name: 'Tina Trigger' };
/** A published workflow with the trigger alone: each accepted event is one execution. */
const TRIGGER_WORKFLOW = {
	id: 'e2eSbTrigger0001',
	name: 'e2e: SocialBoards Conversations Trigger',
	nodes: [
		{
			id: 'e2e-socialboards-trigger',
			name: TRIGGER_NODE,
			type: nodeType('socialBoardsTrigger'),
			typeVersion: 1,
			position: [0, 0],
			webhookId: '0e4d7c2b-91a6-4f3e-b5d8-6c1a2e9f7b40',
			parameters: {
				events: ['conversation_message_added'],
				verifyToken: VERIFY_TOKEN,
				deliveryToken: DELIVERY_TOKEN,
			},
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
	pinData: {},
	active: false,
	tags: [],
};

/** The sandbox's own API (an access token from its /token), as SocialBoards' users would act. */
async function sandboxApi(srv) {
	const token = await fetch(`${srv.url}/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'refresh_token',
			refresh_token: srv.credentials.refreshToken,
			client_id: srv.credentials.clientId,
		}),
	}).then((r) => r.json());
	return async (method, p, body) => {
		const r = await local.request(`${srv.baseUrl}${p}`, {
			method,
			headers: { authorization: `Bearer ${token.access_token}` },
			body,
		});
		assertEqual(r.json?.errorCode, -1, `sandbox ${method} ${p} (${r.text.slice(0, 200)})`);
		return r.json.data;
	};
}

const pause = (ms) => new Promise((res) => setTimeout(res, ms));
/** Why the trigger ignored a delivery (its 200 answer), or null when it started the workflow. */
function ignoredReason(body) {
	try {
		return JSON.parse(body).ignored ?? null;
	} catch {
		return null; // n8n's own answer after starting the workflow
	}
}

async function run(n8n, sandbox) {
	const srv = sandbox.servers.socialboards;
	const url = `${n8n.url}/webhook/${TRIGGER_WORKFLOW.nodes[0].webhookId}/webhook`;
	const cookie = await local.login(n8n.url);
	const api = await sandboxApi(srv);
	const events = ['conversation_message_added'];
	let conversationId;
	await check(
		"socialboards trigger: SocialBoards' check GET is answered with the challenge only with the right verify token",
		async () => {
			// n8n registers production webhooks of published workflows in the background
			await waitFor(
				async () =>
					(await local.request(`${url}?challenge=probe&verifyToken=${VERIFY_TOKEN}`)).status !==
					404,
				60000,
			);
			const wrong = await srv.addWebhook({ url, verifyToken: 'guessed-token', events });
			assertEqual([wrong.status, wrong.verified], [403, false], 'check GET with a wrong token');
			assert(!wrong.body.includes(wrong.challenge), 'the challenge was echoed to a wrong token');
			const right = await srv.addWebhook({
				url: `${url}?token=${DELIVERY_TOKEN}`,
				verifyToken: VERIFY_TOKEN,
				events,
			});
			assertEqual([right.status, right.verified], [200, true], 'check GET with the right token');
			assertEqual(srv.state.webhooks.length, 1, 'webhooks SocialBoards keeps');
			assertEqual((await executionsOf(n8n, cookie, TRIGGER_WORKFLOW.id)).length, 0, 'executions');
		},
	);
	await check(
		'socialboards trigger: a message from the contact starts one execution with the simplified item',
		async () => {
			const conversation = await api('POST', 'chat/conversations', { author: CONTACT });
			conversationId = conversation.id;
			const [message] = await api('POST', `chat/conversations/${conversationId}/messages`, [
				{ message: 'Is my parcel on its way? (e2e)', author: { email: CONTACT.email } },
			]);
			await srv.settled();
			const delivered = srv.state.deliveries.slice(-1)[0];
			assertEqual(delivered?.status, 200, `delivery status (${delivered?.body?.slice(0, 200)})`);
			const executions = await finishedExecutions(n8n, cookie, TRIGGER_WORKFLOW.id, 1);
			assertEqual(executions.length, 1, 'executions after one contact message');
			assertEqual(executions[0].status, 'success', 'execution status');
			const [item] = await executionItems(n8n, cookie, executions[0].id, TRIGGER_NODE);
			assertEqual(
				{ ...item, time: typeof item.time },
				{
					event: 'conversation_message_added',
					conversationId,
					messageId: message.id,
					text: 'Is my parcel on its way? (e2e)',
					authorType: 'contact',
					contactId: message.author.id,
					contactEmail: CONTACT.email,
					contactName: CONTACT.name,
					isClosed: false,
					isTakeoverEnabled: true,
					inboxLink: `https://inbox.socialboards.com/sandbox/tickets?ticketId=${conversationId}`,
					time: 'string',
				},
				"the execution's item",
			);
		},
	);
	await check(
		'socialboards trigger: without or with a wrong delivery token 401; a team message starts nothing',
		async () => {
			const [message] = await api('POST', `chat/conversations/${conversationId}/messages`, [
				{ message: 'We are on it.', author: { email: 'ada@sandbox.test' }, isByTeam: true },
			]);
			await srv.settled();
			const delivered = srv.state.deliveries.slice(-1)[0];
			assertEqual(delivered.status, 200, 'team message delivery status');
			assertEqual(ignoredReason(delivered.body), 'author', 'team message answer');
			const payload = srv.payloadFor('conversation_message_added', {
				conversationId,
				messageId: message.id,
			});
			// a contact message, forged without the token
			payload.Events[0].Message.IsByTeam = false;
			payload.Events[0].Message.Author = { ...payload.Events[0].Conversation.Author };
			const forged = [
				...(await srv.deliver(payload, { url })),
				...(await srv.deliver(payload, { url, token: 'guessed-delivery-token' })),
			];
			assertEqual(
				forged.map((d) => d.status),
				[401, 401],
				'deliveries without / with a wrong token',
			);
			assert(
				forged.every((d) => !d.body.includes(DELIVERY_TOKEN)),
				'an answer shows the delivery token',
			);
			await pause(2000);
			assertEqual(
				(await executionsOf(n8n, cookie, TRIGGER_WORKFLOW.id)).length,
				1,
				'executions after a team message and forgeries',
			);
		},
	);
	await check(
		'socialboards reply example: one team reply per contact message, and the reply starts nothing (no loop)',
		async () => {
			// the first webhook removed in SocialBoards' settings, the example's added
			srv.state.webhooks.length = 0;
			const exampleUrl = `${n8n.url}/webhook/${reply.WEBHOOK_ID}/webhook`;
			const added = await srv.addWebhook({
				url: `${exampleUrl}?token=${reply.DELIVERY_TOKEN}`,
				verifyToken: reply.VERIFY_TOKEN,
				events,
			});
			assertEqual(added.verified, true, `the example's check GET (${added.status})`);
			const conversation = await api('POST', 'chat/conversations', { author: CONTACT });
			const deliveriesBefore = srv.state.deliveries.length;
			await api('POST', `chat/conversations/${conversation.id}/messages`, [
				{ message: 'Hello, anyone there?', author: { email: CONTACT.email } },
			]);
			await srv.settled();
			const executions = await finishedExecutions(n8n, cookie, reply.ID, 1);
			assertEqual(executions.length, 1, 'executions of the reply example');
			assertEqual(executions[0].status, 'success', 'execution status');
			// the reply's own event is delivered (after the execution) and ignored
			await waitFor(async () => {
				await srv.settled();
				return srv.state.deliveries.length - deliveriesBefore >= 2;
			}, 15000);
			await pause(2000);
			await srv.settled();
			const deliveries = srv.state.deliveries.slice(deliveriesBefore);
			assertEqual(
				deliveries.map((d) => [d.status, ignoredReason(d.body)]),
				[
					[200, null],
					[200, 'author'],
				],
				'deliveries: the contact message, then the team reply',
			);
			const messages = srv.state.messages.filter((m) => m.conversationId === conversation.id);
			assertEqual(
				messages.map((m) => [m.author.email, m.isByTeam]),
				[
					[CONTACT.email, null],
					[reply.TEAM_AUTHOR.email, true],
				],
				'messages in the sandbox conversation',
			);
			assert(
				messages[1].message.includes('Hello, anyone there?'),
				`the reply does not quote the message: ${messages[1].message}`,
			);
			assertEqual(
				(await executionsOf(n8n, cookie, reply.ID)).length,
				1,
				'executions of the reply example after its own reply',
			);
		},
	);
}

module.exports = { workflows: [TRIGGER_WORKFLOW], publish: [reply.ID], run };
