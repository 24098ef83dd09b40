'use strict';
/**
 * The Intercom Conversations Trigger in a running n8n: the sandbox plays the Developer Hub (the
 * production URL subscribed to topics) and Intercom's signed notifications, sent on its own after
 * API calls; ping, forgeries, replays and the echo filter start nothing. Also runs the published
 * example examples/intercom-reply.json (a contact's reply → Reply as Admin, no loop).
 */
const local = require('../../../scripts/n8n-local');
const { SANDBOX_CREDENTIALS, examples } = require('../../../scripts/make-examples');
const { INTERCOM_REPLY_EXAMPLE } = require('../../../scripts/examples/intercom-reply');
const {
	check,
	assert,
	assertEqual,
	pause,
	waitFor,
	executionsOf,
	finishedExecutions,
	executionItems,
} = require('../lib');

const { nodeType } = local.registry;

const JANE = '536e564f316c83104c000020';
const TRIGGER_NODE = 'Intercom Conversations Trigger';
const TOPICS = ['conversation.admin.replied', 'conversation.user.replied'];
/** A published workflow with the Intercom trigger alone: each accepted notification is one execution. */
const INTERCOM_TRIGGER_WORKFLOW = {
	id: 'e2eIntercomTrig1',
	name: 'e2e: Intercom Conversations Trigger',
	nodes: [
		{
			id: 'e2e-intercom-trigger',
			name: TRIGGER_NODE,
			type: nodeType('intercomTrigger'),
			typeVersion: 1,
			position: [0, 0],
			webhookId: '3b9e7c1d-5a2f-4e8b-9c6d-7f0a1b2c3d4e',
			parameters: { topics: TOPICS },
			credentials: {
				intercomConversationsApi: {
					id: SANDBOX_CREDENTIALS.intercom.id,
					name: SANDBOX_CREDENTIALS.intercom.name,
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

/** Why the trigger ignored a delivery (its JSON answer), or null for one that started the workflow. */
function ignoredOf(answer) {
	try {
		return JSON.parse(answer.body).ignored ?? null;
	} catch {
		return null; // n8n's own answer to a delivery that started the workflow
	}
}

/** The sandbox's Intercom API, as a workflow or a person would call it. */
function intercomApi(srv) {
	return async (method, p, body) => {
		const r = await local.request(`${srv.baseUrl}${p}`, {
			method,
			headers: {
				authorization: `Bearer ${srv.credentials.accessToken}`,
				accept: 'application/json',
				'intercom-version': '2.14',
			},
			body,
		});
		assertEqual(r.status, 200, `${method} ${p} in the sandbox (${r.text.slice(0, 200)})`);
		return r.json;
	};
}

/** Pings `url` until the published trigger answers (n8n activates it in the background). */
async function waitUntilLive(srv, url) {
	let answer;
	await waitFor(async () => {
		[answer] = await srv.ping(url);
		return answer.status === 200;
	}, 60000);
	return answer;
}

async function run(n8n, sandbox) {
	const srv = sandbox.servers.intercom;
	const api = intercomApi(srv);
	const workflowId = INTERCOM_TRIGGER_WORKFLOW.id;
	const url = `${n8n.url}/webhook/${INTERCOM_TRIGGER_WORKFLOW.nodes[0].webhookId}/webhook`;
	const cookie = await local.login(n8n.url);
	const count = async () => (await executionsOf(n8n, cookie, workflowId)).length;
	let conversationId;
	let delivered;

	await check(
		'intercom trigger: the published URL answers Intercom’s ping, no execution',
		async () => {
			const ping = await waitUntilLive(srv, url);
			assertEqual(ping.status, 200, `ping status (${ping.body.slice(0, 200)})`);
			assertEqual(JSON.parse(ping.body), { received: true, ignored: 'ping' }, 'ping answer');
			// what the Developer Hub holds after the user ticked the topics (and one more)
			srv.subscribe(url, ['conversation.user.created', ...TOPICS]);
			await pause(1000);
			assertEqual(await count(), 0, 'executions after the ping');
		},
	);

	await check(
		'intercom trigger: a contact’s reply, delivered signed by the sandbox, starts one execution with the simplified item',
		async () => {
			const message = await api('POST', '/conversations', {
				from: { type: 'user', id: JANE },
				body: 'Hello (e2e)',
			});
			conversationId = String(message.conversation_id);
			const conversation = await api('POST', `/conversations/${conversationId}/reply`, {
				message_type: 'comment',
				type: 'user',
				intercom_user_id: JANE,
				body: '<p>Where is my order? (e2e)</p>',
			});
			await srv.settled();
			const parts = conversation.conversation_parts.conversation_parts;
			const part = parts[parts.length - 1];
			// the two notifications are delivered at once: compared in topic order, not answer order
			const answers = srv.state.notifications
				.filter((n) => n.url === url && n.topic !== 'ping')
				.sort((a, b) => a.topic.localeCompare(b.topic));
			assertEqual(
				answers.map((n) => [n.topic, n.status, ignoredOf(n)]),
				[
					['conversation.user.created', 200, 'topic'],
					['conversation.user.replied', 200, null],
				],
				'deliveries: topic, status, ignored',
			);
			delivered = answers[1].notification;
			const executions = await finishedExecutions(n8n, cookie, workflowId, 1);
			assertEqual(executions.length, 1, 'executions after one reply');
			assertEqual(executions[0].status, 'success', 'execution status');
			const items = await executionItems(n8n, cookie, executions[0].id, TRIGGER_NODE);
			assertEqual(
				items,
				[
					{
						event: 'conversation.user.replied',
						conversationId,
						messageId: part.id,
						text: 'Where is my order? (e2e)',
						authorType: 'contact',
						authorId: JANE,
						contactId: JANE,
						contactEmail: 'jane.doe@example.com',
						contactExternalId: 'ext-jane-1',
						state: 'open',
						adminAssigneeId: null,
						time: new Date(part.created_at * 1000).toISOString(),
					},
				],
				"the execution's item",
			);
		},
	);

	await check(
		'intercom trigger: a retried notification (same id) starts no second execution',
		async () => {
			assert(delivered, 'no delivered notification to retry');
			const [again] = await srv.deliver({ ...delivered, delivery_attempts: 2 });
			assertEqual(again.status, 200, `retry status (${again.body.slice(0, 200)})`);
			assertEqual(ignoredOf(again), 'replay', 'retry answer');
			await pause(2000);
			assertEqual(await count(), 1, 'executions after a retry');
		},
	);

	await check(
		'intercom trigger: forged or unsigned notifications are answered 401 and start nothing',
		async () => {
			const notification = srv.notificationFor('conversation.user.replied', { conversationId });
			const [forged] = await srv.deliver(notification, { secret: 'guessed-client-secret' });
			const [unsigned] = await srv.deliver(notification, { signature: null });
			assertEqual([forged.status, unsigned.status], [401, 401], 'forged, unsigned status');
			assert(
				!forged.body.includes(srv.credentials.clientSecret),
				'the answer shows the client secret',
			);
			await pause(2000);
			assertEqual(await count(), 1, 'executions after forgeries');
		},
	);

	await check(
		"intercom trigger: a reply as the access token's admin (what Reply as Admin sends) starts nothing",
		async () => {
			await api('POST', `/conversations/${conversationId}/reply`, {
				message_type: 'comment',
				type: 'admin',
				admin_id: '991267001',
				body: 'We are on it (e2e)',
			});
			await srv.settled();
			const last = srv.state.notifications.filter((n) => n.url === url).pop();
			assertEqual([last.topic, last.status], ['conversation.admin.replied', 200], 'delivery');
			assertEqual(ignoredOf(last), 'own reply', 'answer');
			await pause(2000);
			assertEqual(await count(), 1, 'executions after the admin reply');
		},
	);

	await check(
		'intercom example intercom-reply.json: one contact reply → exactly one Reply as Admin; its notification starts nothing',
		() => runReplyExample(n8n, srv, url, cookie),
	);
	// the next modules use the Intercom sandbox without these webhooks
	for (const subscription of [...srv.state.subscriptions]) srv.unsubscribe(subscription.url);
}

/**
 * examples/intercom-reply.json, published: a contact's reply → Reply as Admin. One reply in, exactly
 * one admin reply out, and Intercom's notification of that admin reply starts nothing (the example's
 * topic filter; and the first workflow, watching admin replies, skips it as the token's own).
 */
async function runReplyExample(n8n, srv, triggerUrl, cookie) {
	const api = intercomApi(srv);
	const example = examples().find((e) => e.workflow.id === INTERCOM_REPLY_EXAMPLE.id);
	const trigger = example.workflow.nodes.find(
		(n) => n.name === INTERCOM_REPLY_EXAMPLE.names.trigger,
	);
	const url = `${n8n.url}/webhook/${trigger.webhookId}/webhook`;
	const ping = await waitUntilLive(srv, url);
	assertEqual(ping.status, 200, `ping of the example's URL (${ping.body.slice(0, 200)})`);
	srv.subscribe(url, ['conversation.admin.replied', 'conversation.user.replied']);
	srv.subscribe(triggerUrl, ['conversation.admin.replied']);
	const triggerRuns = (await executionsOf(n8n, cookie, INTERCOM_TRIGGER_WORKFLOW.id)).length;
	const message = await api('POST', '/conversations', {
		from: { type: 'user', id: JANE },
		body: 'Hello (example)',
	});
	const conversationId = String(message.conversation_id);
	await api('POST', `/conversations/${conversationId}/reply`, {
		message_type: 'comment',
		type: 'user',
		intercom_user_id: JANE,
		body: '<p>Do you ship to Lisbon?</p>',
	});
	await srv.settled();
	const executions = await finishedExecutions(n8n, cookie, example.workflow.id, 1);
	assertEqual(
		executions.map((e) => e.status),
		['success'],
		'executions of the example after one reply',
	);
	// the admin reply's notification is sent after the API answered the workflow
	await waitFor(
		() =>
			srv.state.notifications.some(
				(n) => n.url === url && n.topic === 'conversation.admin.replied',
			),
		15000,
	);
	await srv.settled();
	await pause(2000);
	const conversation = srv.state.conversations.find((c) => c.id === conversationId);
	const adminParts = conversation.conversation_parts.conversation_parts.filter(
		(p) => p.author.type === 'admin',
	);
	assertEqual(
		adminParts.map((p) => [p.part_type, p.author.id, p.body]),
		[
			[
				'comment',
				'991267001',
				'Thanks for your message ("Do you ship to Lisbon?"). A teammate will get back to you shortly.',
			],
		],
		'admin replies in the conversation',
	);
	const delivered = (target) =>
		srv.state.notifications
			.filter((n) => n.url === target && n.notification?.data?.item?.id === conversationId)
			.map((n) => [n.topic, n.status, ignoredOf(n)]);
	assertEqual(
		delivered(url),
		[
			['conversation.user.replied', 200, null],
			['conversation.admin.replied', 200, 'topic'],
		],
		"deliveries to the example's URL",
	);
	assertEqual(
		delivered(triggerUrl),
		[['conversation.admin.replied', 200, 'own reply']],
		"deliveries to the first trigger's URL",
	);
	assertEqual(
		(await executionsOf(n8n, cookie, example.workflow.id)).length,
		1,
		'executions of the example in the end',
	);
	assertEqual(
		(await executionsOf(n8n, cookie, INTERCOM_TRIGGER_WORKFLOW.id)).length,
		triggerRuns,
		'executions of the first trigger workflow',
	);
}

module.exports = {
	workflows: [INTERCOM_TRIGGER_WORKFLOW],
	publish: [INTERCOM_REPLY_EXAMPLE.id],
	run,
};
