import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startTrigger, type TriggerHarness } from '../harness/webhook';

// SocialBoards Conversations Trigger: webhook() through n8n-core's WebhookContext, behind the
// harness's loopback server. The sandbox's SocialBoards fake plays the community settings form
// (addWebhook: the challenge GET) and delivers events when its API adds messages, closes a
// conversation or changes its takeover state, as SocialBoards does: unsigned JSON POSTs.

interface DeliveryResult {
	status: number;
	body: string;
	url: string;
}
interface SocialBoardsFake {
	url: string;
	credentials: { clientId: string; refreshToken: string };
	state: { webhooks: IDataObject[]; deliveries: DeliveryResult[] };
	addWebhook(options: {
		url: string;
		verifyToken: string;
		events: string[];
	}): Promise<{ status: number; body: string; challenge: string; verified: boolean }>;
	payloadFor(eventType: string, ref: IDataObject): IDataObject;
	deliver(payload: unknown, forge?: IDataObject): Promise<DeliveryResult[]>;
	settled(): Promise<void>;
	reset(): void;
	close(): Promise<void>;
}
const { startVendorServer } = require('../sandbox') as {
	startVendorServer(name: string, options?: IDataObject): Promise<SocialBoardsFake>;
};

const VERIFY_TOKEN = 'verify-me-7f3a9c';
const DELIVERY_TOKEN = 'delivery-token-0b5e8d2c41f6a7';
const CONTACT = { email: 'ana.lima@example.com', name: 'Ana Lima' };
let fake: SocialBoardsFake;
let trigger: TriggerHarness | undefined;
let accessToken: string;
let conversationId: number;

async function api(method: string, path: string, body?: unknown): Promise<IDataObject> {
	const response = await fetch(`${fake.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const answer = (await response.json()) as IDataObject;
	expect(answer.errorCode).toBe(-1);
	return answer.data as IDataObject;
}

/** Adds messages through the fake's API and waits for the deliveries it makes. */
async function addMessages(messages: IDataObject[]): Promise<IDataObject[]> {
	const added = (await api(
		'POST',
		`/chat/conversations/${conversationId}/messages`,
		messages,
	)) as unknown as IDataObject[];
	await fake.settled();
	return added;
}

async function start(parameters: INodeParameters = {}, events = ['conversation_message_added']) {
	trigger = await startTrigger({
		type: 'socialBoardsTrigger',
		parameters: { events, verifyToken: VERIFY_TOKEN, deliveryToken: DELIVERY_TOKEN, ...parameters },
		credentials: {},
	});
	await trigger.activate();
	return trigger;
}

/** The URL the user pastes into SocialBoards: the production URL with ?token=<Delivery Token>. */
const withToken = (t: TriggerHarness) => `${t.url}?token=${DELIVERY_TOKEN}`;

/** The trigger set up in the fake's community settings, with the URL the user pastes. */
async function subscribe(t: TriggerHarness, events: string[], url = withToken(t)) {
	const answer = await fake.addWebhook({ url, verifyToken: VERIFY_TOKEN, events });
	expect(answer.verified).toBe(true);
	return answer;
}

const items = (t: TriggerHarness) => t.executions.map((list) => list.map((item) => item.json));

beforeAll(async () => {
	fake = await startVendorServer('socialboards');
});
beforeEach(async () => {
	fake.reset();
	const token = (await fetch(`${fake.url}/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'refresh_token',
			refresh_token: fake.credentials.refreshToken,
			client_id: fake.credentials.clientId,
		}),
	}).then((r) => r.json())) as IDataObject;
	accessToken = token.access_token as string;
	conversationId = (await api('POST', '/chat/conversations', { author: CONTACT, title: 'Order' }))
		.id as number;
});
afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});
afterAll(async () => {
	await fake.close();
});

describe('setup: the challenge GET and activation', () => {
	test('the right verify token: 200 with the challenge as plain text, and no execution', async () => {
		const t = await start();
		const answer = await subscribe(t, ['conversation_message_added']);
		expect(answer.status).toBe(200);
		expect(answer.body).toBe(answer.challenge);
		const response = await fetch(`${t.url}?challenge=abc123&verifyToken=${VERIFY_TOKEN}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await response.text()).toBe('abc123');
		expect(t.executions).toHaveLength(0);
	});

	test('a wrong or missing verify token: 403, the challenge not echoed, SocialBoards keeps no webhook', async () => {
		const t = await start();
		const wrong = await fake.addWebhook({
			url: t.url,
			verifyToken: 'guessed',
			events: ['conversation_message_added'],
		});
		expect(wrong.verified).toBe(false);
		expect(wrong.status).toBe(403);
		expect(wrong.body).not.toContain(wrong.challenge);
		expect(wrong.body).not.toContain(VERIFY_TOKEN);
		const missing = await fetch(`${t.url}?challenge=abc123`);
		expect(missing.status).toBe(403);
		expect(await missing.text()).not.toContain('abc123');
		const noChallenge = await fetch(`${t.url}?verifyToken=${VERIFY_TOKEN}`);
		expect(noChallenge.status).toBe(400);
		expect(fake.state.webhooks).toHaveLength(0);
		expect(t.executions).toHaveLength(0);
	});

	test('activation refuses an empty Verify Token; deactivation forgets the deliveries seen', async () => {
		trigger = await startTrigger({
			type: 'socialBoardsTrigger',
			parameters: { events: ['conversation_message_added'], verifyToken: '' },
			credentials: {},
		});
		await expect(trigger.activate()).rejects.toThrow('Enter the Verify Token');
		await trigger.close();
		const t = await start();
		await subscribe(t, ['conversation_message_added']);
		await addMessages([{ message: 'Hello?', author: { email: CONTACT.email } }]);
		expect(t.staticData.deliveries).toHaveLength(1);
		expect(await t.hook('delete')).toBe(true);
		expect(t.staticData.deliveries).toBeUndefined();
	});
});

describe('deliveries', () => {
	test('a message from the contact: one execution with the simplified item', async () => {
		const t = await start();
		await subscribe(t, ['conversation_message_added']);
		const [message] = await addMessages([
			{ message: 'Where is my order?', author: { email: CONTACT.email } },
		]);
		expect(fake.state.deliveries.map((d) => d.status)).toEqual([200]);
		// the trigger's own answer, not n8n's default for a started webhook (the text "firstEntryJson")
		expect(JSON.parse(fake.state.deliveries[0].body)).toEqual({ received: true });
		expect(items(t)).toEqual([
			[
				{
					event: 'conversation_message_added',
					conversationId,
					messageId: message.id,
					text: 'Where is my order?',
					authorType: 'contact',
					contactId: (message.author as IDataObject).id,
					contactEmail: CONTACT.email,
					contactName: CONTACT.name,
					isClosed: false,
					isTakeoverEnabled: true,
					inboxLink: `https://inbox.socialboards.com/sandbox/tickets?ticketId=${conversationId}`,
					time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
				},
			],
		]);
	});

	test('messages by the team or the bot start nothing (no loop); with the filter off they do, typed', async () => {
		const t = await start();
		await subscribe(t, ['conversation_message_added']);
		await addMessages([
			{ message: 'We are on it.', author: { email: 'ada@sandbox.test' }, isByTeam: true },
		]);
		await addMessages([{ message: 'Bot here.', author: { isBot: true } }]);
		expect(fake.state.deliveries.map((d) => d.status)).toEqual([200, 200]);
		expect(t.executions).toHaveLength(0);
		await t.close();

		const all = await start({ onlyContactMessages: false });
		fake.state.webhooks.length = 0;
		await subscribe(all, ['conversation_message_added']);
		await addMessages([
			{ message: 'We are on it.', author: { email: 'ada@sandbox.test' }, isByTeam: true },
			{ message: 'Bot here.', author: { isBot: true } },
			{ message: 'Thanks!', author: { email: CONTACT.email } },
		]);
		// one delivery with three events: one execution with three items
		expect(all.executions).toHaveLength(1);
		expect(items(all)[0].map((item) => [item.authorType, item.text, item.contactEmail])).toEqual([
			['agent', 'We are on it.', CONTACT.email],
			['bot', 'Bot here.', CONTACT.email],
			['contact', 'Thanks!', CONTACT.email],
		]);
	});

	test('a repeated delivery starts no second execution; a new message in it still does', async () => {
		const t = await start();
		await subscribe(t, ['conversation_message_added']);
		const [first] = await addMessages([{ message: 'One', author: { email: CONTACT.email } }]);
		const payload = fake.payloadFor('conversation_message_added', {
			conversationId,
			messageId: first.id,
		});
		const event = (payload.Events as IDataObject[])[0];
		// another event time than the delivery the API made
		event.EventTime = '2029-06-01T12:00:00.0000000+00:00';
		// SocialBoards retries the same event (same EventTime)
		const sent = (await fake.deliver(payload)).concat(await fake.deliver(payload));
		expect(sent.map((d) => d.status)).toEqual([200, 200]);
		expect(JSON.parse(sent[1].body)).toEqual({ received: true, ignored: 'replay' });
		expect(t.executions).toHaveLength(2);
		const [second] = await addMessages([{ message: 'Two', author: { email: CONTACT.email } }]);
		const both = fake.payloadFor('conversation_message_added', {
			conversationId,
			messageIds: [first.id, second.id],
		});
		(both.Events as IDataObject[])[0] = event;
		(both.Events as IDataObject[])[1] = {
			...(both.Events as IDataObject[])[1],
			EventTime: '2030-01-01T00:00:00+00:00',
		};
		await fake.deliver(both);
		expect(t.executions.map((list) => list.map((item) => item.json.text))).toEqual([
			['One'],
			['One'],
			['Two'],
			['Two'],
		]);
	});

	test('events the node does not listen to: 200 and nothing; a non-JSON body: 400 and nothing', async () => {
		const t = await start();
		await subscribe(t, ['conversation_message_added', 'conversation_closed']);
		await api('PATCH', `/chat/conversations/${conversationId}/close`);
		await fake.settled();
		expect(fake.state.deliveries).toHaveLength(1);
		expect(fake.state.deliveries[0].status).toBe(200);
		expect(JSON.parse(fake.state.deliveries[0].body)).toEqual({ received: true, ignored: 'event' });
		const [notJson] = await fake.deliver(
			{ EventType: 'conversation_message_added' },
			{ rawBody: 'EventType=conversation_message_added', contentType: 'text/plain' },
		);
		expect(notJson.status).toBe(400);
		const [notObject] = await fake.deliver([1, 2], { url: withToken(t) });
		expect(notObject.status).toBe(400);
		expect(t.executions).toHaveLength(0);
	});

	test('closed, takeover changed and created: one item each, with the conversation ID Add, Get and Close take', async () => {
		const t = await start({}, [
			'conversation_closed',
			'conversation_created',
			'conversation_takeover_state_changed',
		]);
		await subscribe(t, [
			'conversation_closed',
			'conversation_created',
			'conversation_takeover_state_changed',
		]);
		await api('PATCH', `/chat/conversations/${conversationId}/takeover`, { isAssignedToBot: true });
		await api('PATCH', `/chat/conversations/${conversationId}/close`);
		const created = await api('POST', '/chat/conversations', { author: CONTACT });
		await fake.settled();
		expect(
			items(t).map(([item]) => [item.event, item.conversationId, item.isClosed, item.contactEmail]),
		).toEqual([
			['conversation_takeover_state_changed', conversationId, false, CONTACT.email],
			['conversation_closed', conversationId, true, CONTACT.email],
			['conversation_created', created.id, false, CONTACT.email],
		]);
		expect(items(t)[0][0]).toMatchObject({ messageId: null, text: null, authorType: null });
	});

	test("SocialBoards' documented conversation_created example: accepted; Simplify off gives the event as sent", async () => {
		const documented = {
			CommunityName: 'yourCompanyName',
			EventType: 'conversation_created',
			Events: [
				{
					InboxLink: 'https://inbox.socialboards.com/yourCompanyName/tickets?ticketId=2555100',
					ConversationId: 2555100,
					Conversation: {
						Author: {
							Email: 'john@dow.com',
							Id: 'fc2481f6-28a4-4ca7-849a-344fd6ab1b20',
							Image: null,
							IsBot: false,
							Name: 'John',
							Status: 'client',
						},
						CreationTime: '2023-10-25T13:39:47.8519779+03:00',
						Feedback: null,
						Fields: null,
						Id: 2555100,
						IsClosed: false,
						IsTakeoverEnabled: true,
						LastModifiedTime: '2023-10-25T13:39:47.8519779+03:00',
						Messages: [],
						QueuePositionInfo: { Position: 12, WaitTime: null },
						TotalMessagesCount: 0,
					},
					EventTime: '2023-10-25T13:39:57.2844587+03:00',
				},
			],
			TicketId: 2555100,
		};
		const t = await start({}, ['conversation_created']);
		await fake.deliver(documented, { url: withToken(t) });
		expect(items(t)).toEqual([
			[
				{
					event: 'conversation_created',
					conversationId: 2555100,
					messageId: null,
					text: null,
					authorType: null,
					contactId: 'fc2481f6-28a4-4ca7-849a-344fd6ab1b20',
					contactEmail: 'john@dow.com',
					contactName: 'John',
					isClosed: false,
					isTakeoverEnabled: true,
					inboxLink: 'https://inbox.socialboards.com/yourCompanyName/tickets?ticketId=2555100',
					time: '2023-10-25T10:39:57.284Z',
				},
			],
		]);
		await t.close();
		const raw = await start({ simplify: false }, ['conversation_created']);
		await fake.deliver(documented, { url: withToken(raw) });
		expect(items(raw)).toEqual([
			[
				{
					CommunityName: 'yourCompanyName',
					EventType: 'conversation_created',
					TicketId: 2555100,
					...documented.Events[0],
				},
			],
		]);
	});
});

describe('the Delivery Token (SocialBoards signs nothing)', () => {
	test('an empty Delivery Token (the default): activation fails naming it, and every POST is refused', async () => {
		trigger = await startTrigger({
			type: 'socialBoardsTrigger',
			parameters: { events: ['conversation_message_added'], verifyToken: VERIFY_TOKEN },
			credentials: {},
		});
		const error = await trigger.activate().then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toBe('Enter the Delivery Token');
		expect(error?.description).toMatch(/\?token=/);
		// not activated, or activated by an earlier version: a POST to the URL starts nothing
		const payload = fake.payloadFor('conversation_created', { conversationId });
		const answers = [
			...(await fake.deliver(payload, { url: trigger.url })),
			...(await fake.deliver(payload, { url: `${trigger.url}?token=` })),
		];
		expect(answers.map((a) => [a.status, JSON.parse(a.body).message])).toEqual([
			[401, 'No Delivery Token is set in the node'],
			[401, 'No Delivery Token is set in the node'],
		]);
		expect(trigger.executions).toHaveLength(0);
	});

	test('only deliveries to the URL with ?token= start executions; others: 401, and the token shows nowhere', async () => {
		const t = await start();
		await subscribe(t, ['conversation_message_added']);
		const [message] = await addMessages([{ message: 'Hi', author: { email: CONTACT.email } }]);
		expect(fake.state.deliveries.map((d) => d.status)).toEqual([200]);
		expect(t.executions).toHaveLength(1);
		const payload = fake.payloadFor('conversation_message_added', {
			conversationId,
			messageId: message.id,
		});
		const forged = [
			...(await fake.deliver(payload, { url: t.url })),
			...(await fake.deliver(payload, { url: t.url, token: 'delivery-token-guess' })),
			...(await fake.deliver(payload, { url: t.url, token: `${DELIVERY_TOKEN}x` })),
			...(await fake.deliver(payload, { url: t.url, token: DELIVERY_TOKEN.toUpperCase() })),
			// not JSON either: the token is checked first
			...(await fake.deliver(payload, { url: t.url, rawBody: 'x', contentType: 'text/plain' })),
		];
		expect(forged.map((d) => d.status)).toEqual([401, 401, 401, 401, 401]);
		expect(JSON.parse(forged[0].body)).toEqual({
			code: 401,
			message: 'Missing or wrong delivery token',
		});
		expect(t.executions).toHaveLength(1);
		const everything = JSON.stringify([t.executions, t.deliveries, forged, t.staticData]);
		expect(everything).not.toContain(DELIVERY_TOKEN);
		expect(everything).not.toContain(VERIFY_TOKEN);
	});
});
