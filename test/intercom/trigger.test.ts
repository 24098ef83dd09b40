import { createHmac } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startTrigger, type TriggerHarness } from '../harness/webhook';

// Intercom Conversations Trigger: webhook() through n8n-core's WebhookContext, fed by the Intercom
// fake's webhooks (test/sandbox/vendors/intercom-webhooks.js): the Developer Hub subscription is
// simulated with subscribe(); API calls to the fake deliver their topic on their own, signed as
// Intercom signs them (X-Hub-Signature: sha1=HMAC-SHA1(client secret, raw body)).

interface DeliveryResult {
	url: string;
	topic: string;
	notificationId: string | null;
	status: number;
	body: string;
}
interface IntercomFake {
	url: string;
	credentials: IDataObject & { accessToken: string; clientSecret: string };
	state: {
		conversations: IDataObject[];
		requests: IDataObject[];
		notifications: Array<DeliveryResult & { notification: IDataObject }>;
	};
	subscribe(url: string, topics: string[]): void;
	notificationFor(topic: string, ref?: IDataObject): IDataObject;
	deliver(notification: unknown, forge?: IDataObject): Promise<DeliveryResult[]>;
	ping(url?: string): Promise<DeliveryResult[]>;
	settled(): Promise<void>;
	requestsTo(method: string, path: string | RegExp): IDataObject[];
	injectFault(spec: IDataObject): void;
	reset(): void;
	close(): Promise<void>;
}
const { startVendorServer } = require('../sandbox') as {
	startVendorServer(name: string, options?: IDataObject): Promise<IntercomFake>;
};

const JANE = '536e564f316c83104c000020';
const ADMIN = '991267001';
const ALL_TOPICS = [
	'conversation.admin.assigned',
	'conversation.admin.closed',
	'conversation.admin.noted',
	'conversation.admin.opened',
	'conversation.admin.replied',
	'conversation.admin.snoozed',
	'conversation.admin.single.created',
	'conversation.user.created',
	'conversation.user.replied',
];

let fake: IntercomFake;
let trigger: TriggerHarness | undefined;

async function api(method: string, path: string, body?: unknown): Promise<IDataObject> {
	const response = await fetch(`${fake.url}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${fake.credentials.accessToken}`,
			accept: 'application/json',
			'content-type': 'application/json',
			'intercom-version': '2.14',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as IDataObject;
}

const credentials = (extra: IDataObject = {}) => ({
	intercomConversationsApi: {
		accessToken: fake.credentials.accessToken,
		region: 'custom',
		baseUrl: fake.url,
		apiVersion: '2.14',
		workspaceId: '',
		clientSecret: fake.credentials.clientSecret,
		...extra,
	},
});

/** A trigger listening to `topics`, activated, and subscribed in the fake's "Developer Hub". */
async function start(parameters: INodeParameters = {}, credentialExtra: IDataObject = {}) {
	trigger = await startTrigger({
		type: 'intercomTrigger',
		parameters: {
			topics: ['conversation.user.created', 'conversation.user.replied'],
			...parameters,
		},
		credentials: credentials(credentialExtra),
	});
	await trigger.activate();
	fake.subscribe(trigger.url, ALL_TOPICS);
	return trigger;
}

/** Jane writes in (POST /conversations): the fake delivers conversation.user.created. */
async function janeWritesIn(body = 'Where is my order?'): Promise<string> {
	const message = await api('POST', '/conversations', { from: { type: 'user', id: JANE }, body });
	await fake.settled();
	return String(message.conversation_id);
}
async function janeReplies(conversationId: string, body: string) {
	const conversation = await api('POST', `/conversations/${conversationId}/reply`, {
		message_type: 'comment',
		type: 'user',
		intercom_user_id: JANE,
		body,
	});
	await fake.settled();
	return lastPart(conversation);
}
/** What Reply as Admin sends: a reply (or note) as the token's admin. */
async function adminReplies(conversationId: string, body: string, messageType = 'comment') {
	const conversation = await api('POST', `/conversations/${conversationId}/reply`, {
		message_type: messageType,
		type: 'admin',
		admin_id: ADMIN,
		body,
	});
	await fake.settled();
	return lastPart(conversation);
}
function lastPart(conversation: IDataObject): IDataObject {
	const parts = (conversation.conversation_parts as IDataObject)
		.conversation_parts as IDataObject[];
	return parts[parts.length - 1];
}
const ignored = (t: TriggerHarness) =>
	t.deliveries.map((d) => (d.result?.webhookResponse as IDataObject | undefined)?.ignored);
const sign = (secret: string, body: string) =>
	`sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;

beforeAll(async () => {
	fake = await startVendorServer('intercom');
});
beforeEach(() => fake.reset());
afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});
afterAll(async () => {
	await fake.close();
});

describe('activation and deactivation', () => {
	test("activation reads the token's admin once (GET /me); deactivation forgets it; the filter off reads nothing", async () => {
		const t = await start();
		expect(t.staticData.adminId).toBe(ADMIN);
		expect(fake.requestsTo('GET', '/me')).toHaveLength(1);
		await janeReplies(await janeWritesIn(), 'hello');
		expect(fake.requestsTo('GET', '/me')).toHaveLength(1);
		expect(await t.hook('delete')).toBe(true);
		expect(t.staticData.adminId).toBeUndefined();
		await t.close();
		fake.reset();
		const u = await start({ ignoreOwnReplies: false });
		expect(u.staticData.adminId).toBeUndefined();
		expect(fake.requestsTo('GET', '/me')).toHaveLength(0);
	});

	test('a refused access token: activation fails with a clear error that shows no secret', async () => {
		trigger = await startTrigger({
			type: 'intercomTrigger',
			parameters: { topics: ['conversation.user.replied'] },
			credentials: credentials({ accessToken: 'wrong-token-123456' }),
		});
		const error = await trigger.activate().then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toBe(
			'Intercom could not tell whose access token this is (GET /me, HTTP 401)',
		);
		expect(error?.description).toMatch(/Access Token/);
		expect(JSON.stringify(error)).not.toContain('wrong-token-123456');
	});
});

describe('webhook(): signed notifications', () => {
	test('a contact writes in: one execution with the simplified item', async () => {
		const t = await start();
		const conversationId = await janeWritesIn();
		const conversation = fake.state.conversations[0] as IDataObject & { source: IDataObject };
		expect(fake.state.notifications.map((n) => [n.topic, n.status])).toEqual([
			['conversation.user.created', 200],
		]);
		// the trigger's own answer, not n8n's default for a started webhook (the text "firstEntryJson")
		expect(JSON.parse(fake.state.notifications[0].body)).toEqual({ received: true });
		expect(t.executions.map((items) => items.map((item) => item.json))).toEqual([
			[
				{
					event: 'conversation.user.created',
					conversationId,
					messageId: conversation.source.id,
					text: 'Where is my order?',
					authorType: 'contact',
					authorId: JANE,
					contactId: JANE,
					contactEmail: 'jane.doe@example.com',
					contactExternalId: 'ext-jane-1',
					state: 'open',
					adminAssigneeId: null,
					time: new Date((conversation.created_at as number) * 1000).toISOString(),
				},
			],
		]);
	});

	test("a contact's reply: the reply's part, its HTML as text; conversationId feeds Reply", async () => {
		const t = await start({ topics: ['conversation.user.replied'] });
		const conversationId = await janeWritesIn();
		const part = await janeReplies(conversationId, '<p>Thanks &amp; see you</p><p>Jane</p>');
		expect(ignored(t)).toEqual(['topic', undefined]);
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0][0].json).toEqual({
			event: 'conversation.user.replied',
			conversationId,
			messageId: part.id,
			text: 'Thanks & see you\nJane',
			authorType: 'contact',
			authorId: JANE,
			contactId: JANE,
			contactEmail: 'jane.doe@example.com',
			contactExternalId: 'ext-jane-1',
			state: 'open',
			adminAssigneeId: null,
			time: new Date((part.created_at as number) * 1000).toISOString(),
		});
	});

	test("Intercom's documented ping, signed by hand: 200 and no execution; a notification signed by hand, Simplify off: the payload as sent", async () => {
		const t = await start({ simplify: false });
		// developers.intercom.com → Webhooks: the ping Intercom sends when the webhook is saved
		const ping = `{
  "type" : "notification_event",
  "app_id" : "hp8z6qfh",
  "data" : {
    "type" : "notification_event_data",
    "item" : {
      "type" : "ping",
      "message" : "something something interzen"
    }
  },
  "links" : { },
  "id" : null,
  "topic" : "ping",
  "delivery_status" : null,
  "delivery_attempts" : 1,
  "delivered_at" : 0,
  "first_sent_at" : 1476349292,
  "created_at" : 1476349292,
  "self" : null
}`;
		const post = (body: string, signature: string) =>
			fetch(t.url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'user-agent': 'intercom-parrot-service-client/1.0',
					'x-hub-signature': signature,
				},
				body,
			});
		const pinged = await post(ping, sign(fake.credentials.clientSecret, ping));
		expect(pinged.status).toBe(200);
		expect(await pinged.json()).toEqual({ received: true, ignored: 'ping' });
		// the documented envelope (Webhook models → notification object) with a 2.x Conversation item
		const notification = {
			type: 'notification_event',
			app_id: 'ja43hiec',
			data: {
				type: 'notification_event_data',
				item: {
					type: 'conversation',
					id: '147',
					created_at: 1400850973,
					updated_at: 1400857494,
					source: {
						type: 'conversation',
						id: '403918330',
						delivered_as: 'customer_initiated',
						subject: '',
						body: '<p>Hi, is the new plan available in Europe?</p>',
						author: { type: 'user', id: JANE, name: 'Jane Doe', email: 'jane.doe@example.com' },
					},
					contacts: {
						type: 'contact.list',
						contacts: [{ type: 'contact', id: JANE, external_id: 'ext-jane-1' }],
					},
					state: 'open',
					open: true,
					conversation_parts: {
						type: 'conversation_part.list',
						conversation_parts: [],
						total_count: 0,
					},
				},
			},
			links: {},
			id: 'notif_ccd8a4d0-f965-11e3-a367-c779cae3e1b3',
			topic: 'conversation.user.created',
			delivery_status: 'pending',
			delivery_attempts: 1,
			delivered_at: 0,
			// the documented 1400857494 (2014) moved to now: older notifications are refused
			first_sent_at: Math.floor(Date.now() / 1000),
			created_at: Math.floor(Date.now() / 1000),
			self: null,
		};
		const body = JSON.stringify(notification, null, 2);
		const accepted = await post(body, sign(fake.credentials.clientSecret, body));
		expect(accepted.status).toBe(200);
		expect(t.executions.map((items) => items.map((item) => item.json))).toEqual([[notification]]);
	});

	test('wrong, missing or malformed signature, a changed body: 401 and no execution', async () => {
		const t = await start();
		const conversationId = await janeWritesIn();
		const notification = fake.notificationFor('conversation.user.created', { conversationId });
		const body = JSON.stringify(notification);
		const answers = [
			...(await fake.deliver(notification, { secret: 'not-the-client-secret' })),
			...(await fake.deliver(notification, { signature: null })),
			...(await fake.deliver(notification, { signature: 'sha1=00' })),
			// the right HMAC in another scheme
			...(await fake.deliver(notification, {
				signature: `sha256=${createHmac('sha256', fake.credentials.clientSecret).update(body).digest('hex')}`,
			})),
			// signed, then changed on the way
			...(await fake.deliver(notification, {
				rawBody: body.replace('Where is my order?', 'Refund me now'),
				signature: sign(fake.credentials.clientSecret, body),
			})),
		];
		expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
		expect(answers.map((a) => JSON.parse(a.body).message)).toEqual([
			'Invalid signature',
			'Missing signature',
			'Invalid signature',
			'Invalid signature',
			'Invalid signature',
		]);
		expect(t.executions).toHaveLength(1); // the API's own delivery
		for (const answer of answers) expect(answer.body).not.toContain(fake.credentials.clientSecret);
		// the signature's hex in capitals is the same signature
		const [upper] = await fake.deliver(
			{ ...notification, id: 'notif_upper' },
			{
				signature: sign(
					fake.credentials.clientSecret,
					JSON.stringify({ ...notification, id: 'notif_upper' }),
				).toUpperCase(),
			},
		);
		expect(upper.status).toBe(200);
	});

	test("a notification older than Intercom's 2-hour retry window (30 days, 2 h 6 min), from the future, or without created_at: 401 and no execution", async () => {
		const t = await start();
		const conversationId = await janeWritesIn();
		expect(t.executions).toHaveLength(1);
		const nowSec = Math.floor(Date.now() / 1000);
		const at = (createdAt: number | undefined, id: string) => {
			const notification = fake.notificationFor('conversation.user.created', { conversationId });
			return { ...notification, id, created_at: createdAt };
		};
		const answers = [
			...(await fake.deliver(at(nowSec - 30 * 24 * 3600, 'notif_month'))),
			...(await fake.deliver(at(nowSec - 2 * 3600 - 6 * 60, 'notif_2h6m'))),
			...(await fake.deliver(at(nowSec + 6 * 60, 'notif_future'))),
			...(await fake.deliver(at(undefined, 'notif_no_time'))),
		];
		expect(answers.map((a) => [a.status, JSON.parse(a.body).message])).toEqual([
			[401, 'Notification too old'],
			[401, 'Notification too old'],
			[401, 'Notification in the future'],
			[401, 'Notification without created_at'],
		]);
		expect(t.executions).toHaveLength(1);
		// within the window (and the clocks' 5 minutes): accepted
		const [late] = await fake.deliver(at(nowSec - 2 * 3600 + 60, 'notif_late'));
		const [ahead] = await fake.deliver(at(nowSec + 4 * 60, 'notif_ahead'));
		expect([late.status, ahead.status]).toEqual([200, 200]);
		expect(t.executions).toHaveLength(3);
	});

	test('no Client Secret in the credential: every delivery, ping included, is refused (401)', async () => {
		const t = await start({}, { clientSecret: '' });
		const conversationId = await janeWritesIn();
		const [ping] = await fake.ping(t.url);
		const [event] = await fake.deliver(
			fake.notificationFor('conversation.user.created', { conversationId }),
			{ url: t.url },
		);
		expect(fake.state.notifications.map((n) => n.status)).toEqual([401, 401, 401]);
		expect([ping.status, event.status]).toEqual([401, 401]);
		expect(JSON.parse(event.body).message).toBe(
			'No Client Secret in the Intercom credential: deliveries cannot be verified',
		);
		expect(t.executions).toHaveLength(0);
	});

	test('a body that is not a JSON object: 400; a topic not chosen: 200 and nothing; ping: 200 and nothing', async () => {
		const t = await start({ topics: ['conversation.user.replied'] });
		const [text] = await fake.deliver(
			{ topic: 'ping' },
			{ url: t.url, rawBody: 'hello', contentType: 'text/plain' },
		);
		const [list] = await fake.deliver({ topic: 'ping' }, { url: t.url, rawBody: '[1,2]' });
		expect([text.status, list.status]).toEqual([400, 400]);
		expect(JSON.parse(text.body).message).toBe('The body is not a JSON object');
		await janeWritesIn();
		const [ping] = await fake.ping();
		expect(ping.status).toBe(200);
		expect(ignored(t).slice(2)).toEqual(['topic', 'ping']);
		expect(t.executions).toHaveLength(0);
	});

	test('a retried notification (same id, next delivery_attempts) starts no second execution', async () => {
		const t = await start();
		const conversationId = await janeWritesIn();
		const notification = fake.notificationFor('conversation.user.created', { conversationId });
		const [first] = await fake.deliver(notification);
		const [again] = await fake.deliver({ ...notification, delivery_attempts: 2 });
		expect([first.status, again.status]).toEqual([200, 200]);
		expect(JSON.parse(again.body)).toEqual({ received: true, ignored: 'replay' });
		expect(t.executions).toHaveLength(2); // the API's delivery and this notification's first
		// static data lost (n8n saves it in the background): still known in the process
		delete t.staticData.deliveries;
		const [third] = await fake.deliver({ ...notification, delivery_attempts: 3 });
		expect(JSON.parse(third.body)).toEqual({ received: true, ignored: 'replay' });
		expect(t.executions).toHaveLength(2);
	});
});

describe('webhook(): echo filter and admin topics', () => {
	test("Ignore Replies Sent Through This Access Token (default on): the token admin's replies and notes start nothing", async () => {
		const t = await start({
			topics: [
				'conversation.admin.replied',
				'conversation.admin.noted',
				'conversation.user.replied',
			],
		});
		const conversationId = await janeWritesIn();
		const reply = await adminReplies(conversationId, 'We are on it');
		await adminReplies(conversationId, 'VIP customer', 'note');
		expect(fake.state.notifications.map((n) => [n.topic, n.status])).toEqual([
			['conversation.user.created', 200],
			['conversation.admin.replied', 200],
			['conversation.admin.noted', 200],
		]);
		expect(ignored(t)).toEqual(['topic', 'own reply', 'own reply']);
		// another admin's reply passes, as an agent's
		const other = fake.notificationFor('conversation.admin.replied', {
			conversationId,
			partId: reply.id,
		});
		const part = (
			((other.data as IDataObject).item as IDataObject).conversation_parts as IDataObject
		).conversation_parts as IDataObject[];
		part[0].author = {
			type: 'admin',
			id: '814860',
			name: 'Other Admin',
			email: 'other@example.com',
		};
		await fake.deliver(other);
		expect(t.executions.map((items) => items[0].json)).toEqual([
			expect.objectContaining({
				event: 'conversation.admin.replied',
				conversationId,
				messageId: reply.id,
				text: 'We are on it',
				authorType: 'agent',
				authorId: '814860',
				contactId: JANE,
				contactEmail: 'jane.doe@example.com',
			}),
		]);
		// static data lost: the admin is still known in the process, no second GET /me
		delete t.staticData.adminId;
		await adminReplies(conversationId, 'Still on it');
		expect(ignored(t).pop()).toBe('own reply');
		expect(fake.requestsTo('GET', '/me')).toHaveLength(1);
	});

	test('the filter off: the token admin’s reply starts the workflow', async () => {
		const t = await start({ topics: ['conversation.admin.replied'], ignoreOwnReplies: false });
		const conversationId = await janeWritesIn();
		const part = await adminReplies(conversationId, '<p>Your order ships today</p>');
		expect(t.executions.map((items) => items[0].json)).toEqual([
			expect.objectContaining({
				event: 'conversation.admin.replied',
				messageId: part.id,
				text: 'Your order ships today',
				authorType: 'agent',
				authorId: ADMIN,
				contactId: JANE,
			}),
		]);
	});

	test('GET /me failing when an admin reply arrives: 500 (Intercom retries) and no execution, never a loop', async () => {
		const t = await start({ topics: ['conversation.admin.replied'], ignoreOwnReplies: false });
		t.node.parameters.ignoreOwnReplies = true; // the token's admin was not read on activation
		const conversationId = await janeWritesIn();
		fake.injectFault({ method: 'GET', path: '/me', kind: 500 });
		await adminReplies(conversationId, 'We are on it');
		expect(t.deliveries.map((d) => d.status)).toEqual([200, 500]);
		expect(t.deliveries[1].error?.message).toBe(
			'Intercom could not tell whose access token this is (GET /me, HTTP 500)',
		);
		// Intercom's retry of the same notification, once /me answers: skipped as the token's own
		const [retry] = await fake.deliver({
			...fake.state.notifications[1].notification,
			delivery_attempts: 2,
		});
		expect(JSON.parse(retry.body)).toEqual({ received: true, ignored: 'own reply' });
		expect(t.executions).toHaveLength(0);
	});

	test("state changes as the token's admin (what the node's Close, Open, Snooze and Assign do) start nothing; another admin's do; Also Ignore Admin IDs covers Reply as Admin with another Admin ID", async () => {
		const t = await start({
			topics: [
				'conversation.admin.closed',
				'conversation.admin.opened',
				'conversation.admin.snoozed',
				'conversation.admin.assigned',
				'conversation.admin.replied',
			],
		});
		const conversationId = await janeWritesIn();
		for (const messageType of ['close', 'open', 'snoozed', 'assignment']) {
			await api('POST', `/conversations/${conversationId}/parts`, {
				message_type: messageType,
				type: 'admin',
				admin_id: ADMIN,
				...(messageType === 'snoozed' ? { snoozed_until: 1900000000 } : {}),
				...(messageType === 'assignment' ? { assignee_id: ADMIN } : {}),
			});
			await fake.settled();
		}
		expect(ignored(t)).toEqual(['topic', 'own action', 'own action', 'own action', 'own action']);
		expect(t.executions).toHaveLength(0);
		/** The newest notification of `topic`, its part written by `author`. */
		const as = (topic: string, author: IDataObject, id: string) => {
			const notification: IDataObject = { ...fake.notificationFor(topic, { conversationId }), id };
			const parts = (
				((notification.data as IDataObject).item as IDataObject).conversation_parts as IDataObject
			).conversation_parts as IDataObject[];
			parts[0].author = author;
			return notification;
		};
		const otherAdmin = { type: 'admin', id: '814860', name: 'Other Admin' };
		const workflowAdmin = { type: 'admin', id: '555001', name: 'Bot Persona' };
		await fake.deliver(as('conversation.admin.closed', otherAdmin, 'notif_other_close'));
		await fake.deliver(as('conversation.admin.replied', workflowAdmin, 'notif_persona_1'));
		expect(t.executions.map((items) => items[0].json.authorId)).toEqual(['814860', '555001']);
		// the Admin ID the workflow replies as, listed: its replies and state changes start nothing
		t.node.parameters.ignoreAdminIds = '555001, 777';
		const answers = [
			...(await fake.deliver(as('conversation.admin.replied', workflowAdmin, 'notif_persona_2'))),
			...(await fake.deliver(as('conversation.admin.opened', workflowAdmin, 'notif_persona_3'))),
			...(await fake.deliver(as('conversation.admin.closed', otherAdmin, 'notif_other_2'))),
		];
		expect(answers.map((a) => JSON.parse(a.body))).toEqual([
			{ received: true, ignored: 'own reply' },
			{ received: true, ignored: 'own action' },
			{ received: true },
		]);
		expect(t.executions).toHaveLength(3);
	});

	test('closed, snoozed, opened, assigned: one item each with the state and the part', async () => {
		const t = await start({ topics: ALL_TOPICS, ignoreOwnReplies: false });
		const conversationId = await janeWritesIn();
		for (const messageType of ['close', 'snoozed', 'open', 'assignment']) {
			await api('POST', `/conversations/${conversationId}/parts`, {
				message_type: messageType,
				type: 'admin',
				admin_id: ADMIN,
				...(messageType === 'snoozed' ? { snoozed_until: 1900000000 } : {}),
				...(messageType === 'assignment' ? { assignee_id: ADMIN } : {}),
			});
			await fake.settled();
		}
		expect(
			t.executions.map((items) => {
				const { event, state, authorType, authorId, contactId } = items[0].json;
				return { event, state, authorType, authorId, contactId };
			}),
		).toEqual([
			{
				event: 'conversation.user.created',
				state: 'open',
				authorType: 'contact',
				authorId: JANE,
				contactId: JANE,
			},
			{
				event: 'conversation.admin.closed',
				state: 'closed',
				authorType: 'agent',
				authorId: ADMIN,
				contactId: JANE,
			},
			{
				event: 'conversation.admin.snoozed',
				state: 'snoozed',
				authorType: 'agent',
				authorId: ADMIN,
				contactId: JANE,
			},
			{
				event: 'conversation.admin.opened',
				state: 'open',
				authorType: 'agent',
				authorId: ADMIN,
				contactId: JANE,
			},
			{
				event: 'conversation.admin.assigned',
				state: 'open',
				authorType: 'agent',
				authorId: ADMIN,
				contactId: JANE,
			},
		]);
		const parts = (
			(fake.state.conversations[0].conversation_parts as IDataObject)
				.conversation_parts as IDataObject[]
		).map((p) => p.id);
		expect(t.executions.slice(1).map((items) => items[0].json.messageId)).toEqual(parts);
		expect(t.executions[4][0].json.adminAssigneeId).toBe(ADMIN);
	});
});

describe('simplified item: other shapes', () => {
	const { simplifyNotification } = require('../../nodes/Intercom/events') as {
		simplifyNotification(payload: IDataObject): IDataObject;
	};

	test('an app on API 1.x (user, conversation_message, assignee): the same fields', () => {
		expect(
			simplifyNotification({
				type: 'notification_event',
				topic: 'conversation.user.created',
				id: 'notif_1',
				created_at: 1439952980,
				data: {
					type: 'notification_event_data',
					item: {
						type: 'conversation',
						id: '1105161660',
						user: {
							type: 'user',
							id: '55cba220201cd791040018f0',
							user_id: 'crm-77',
							email: 'kyle@example.com',
						},
						assignee: { type: 'admin', id: '99797' },
						conversation_message: {
							type: 'conversation_message',
							id: '50581880',
							body: '<p>Hello<br>there</p>',
							author: { type: 'user', id: '55cba220201cd791040018f0' },
						},
						conversation_parts: { type: 'conversation_part.list', conversation_parts: [] },
					},
				},
			}),
		).toEqual({
			event: 'conversation.user.created',
			conversationId: '1105161660',
			messageId: '50581880',
			text: 'Hello\nthere',
			authorType: 'contact',
			authorId: '55cba220201cd791040018f0',
			contactId: '55cba220201cd791040018f0',
			contactEmail: 'kyle@example.com',
			contactExternalId: 'crm-77',
			state: null,
			adminAssigneeId: null,
			time: '2015-08-19T02:56:20.000Z',
		});
	});

	test('an assignment to a team by a bot, with no body: nulls, not errors', () => {
		const item = simplifyNotification({
			topic: 'conversation.admin.assigned',
			created_at: 1700000000,
			data: {
				item: {
					id: '9',
					state: 'open',
					admin_assignee_id: 814860,
					contacts: { contacts: [{ id: 'c1', external_id: null }] },
					conversation_parts: {
						conversation_parts: [
							{
								id: 'p1',
								part_type: 'comment',
								body: '<p>hi</p>',
								author: { type: 'user', id: 'c1' },
							},
							{ id: 'p2', part_type: 'assignment', body: null, author: { type: 'bot', id: 'b1' } },
						],
					},
				},
			},
		});
		expect(item).toMatchObject({
			messageId: 'p2',
			text: null,
			authorType: 'bot',
			contactId: 'c1',
			contactEmail: null,
			contactExternalId: null,
			adminAssigneeId: '814860',
			time: '2023-11-14T22:13:20.000Z',
		});
	});
});
