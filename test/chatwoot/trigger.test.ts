import { createHmac } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runLoadOptions } from '../harness/lists';
import { startTrigger, type TriggerHarness } from '../harness/webhook';

// Chatwoot Conversations Trigger: webhookMethods through n8n-core's HookContext against the sandbox's
// Chatwoot fake (which now keeps account webhooks), and webhook() through n8n-core's WebhookContext,
// fed by the fake's deliver(): real HTTP POSTs, signed as Chatwoot signs them.

interface DeliveryResult {
	status: number;
	body: string;
	deliveryId: string;
	url: string;
}
interface ChatwootFake {
	url: string;
	requestsTo(method: string, path: string | RegExp): IDataObject[];
	injectFault(spec: IDataObject): void;
	credentials: IDataObject;
	state: { webhooks: IDataObject[]; messages: IDataObject[]; conversations: IDataObject[] };
	deliver(payload: unknown, forge?: IDataObject): Promise<DeliveryResult[]>;
	payloadFor(event: string, ref: IDataObject): IDataObject;
	addMessage(
		conversationId: number,
		content: string,
		type?: number,
		extra?: IDataObject,
	): IDataObject;
	reset(): void;
	close(): Promise<void>;
}
const { startVendorServer } = require('../sandbox') as {
	startVendorServer(name: string, options?: IDataObject): Promise<ChatwootFake>;
};

let fake: ChatwootFake;
let trigger: TriggerHarness | undefined;
let conversationId: number;
const TOKEN = 'sandbox-chatwoot-api-token';

async function api(method: string, path: string, body?: unknown): Promise<IDataObject> {
	const response = await fetch(`${fake.url}${path}`, {
		method,
		headers: { 'api-access-token': TOKEN, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()) as IDataObject;
}

const credentials = () => ({
	chatwootConversationsApi: {
		baseUrl: fake.url,
		apiAccessToken: TOKEN,
		accountId: '1',
		inboxIdentifier: '',
		hmacToken: '',
	},
});

async function start(parameters: INodeParameters = {}) {
	trigger = await startTrigger({
		type: 'chatwootTrigger',
		parameters: { events: ['message_created'], ...parameters },
		credentials: credentials(),
	});
	await trigger.activate();
	return trigger;
}

const incoming = (text = 'Where is my order?') => {
	const message = fake.addMessage(conversationId, text, 0);
	return fake.payloadFor('message_created', { messageId: message.id });
};

beforeAll(async () => {
	fake = await startVendorServer('chatwoot');
});
beforeEach(async () => {
	fake.reset();
	const contact = await api('POST', '/api/v1/accounts/1/contacts', {
		inbox_id: 1,
		name: 'Ana Lima',
		identifier: 'crm-4711',
	});
	const payload = contact.payload as IDataObject;
	const conversation = await api('POST', '/api/v1/accounts/1/conversations', {
		inbox_id: 1,
		contact_id: (payload.contact as IDataObject).id,
		source_id: (payload.contact_inbox as IDataObject).source_id,
	});
	conversationId = conversation.id as number;
});
afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});
afterAll(async () => {
	await fake.close();
});

describe('activation and deactivation (webhookMethods)', () => {
	test('registers one account webhook with the chosen events, keeps its id and secret, removes it on deactivation', async () => {
		const t = await start({ events: ['message_created', 'conversation_status_changed'] });
		expect(fake.state.webhooks).toHaveLength(1);
		const webhook = fake.state.webhooks[0];
		expect(webhook.url).toBe(t.url);
		expect(webhook.subscriptions).toEqual(['conversation_status_changed', 'message_created']);
		expect(t.staticData).toMatchObject({
			webhookId: webhook.id,
			webhookSecret: webhook.secret,
			profileId: 1,
		});
		// activating again (n8n restarts) finds it: no second webhook
		await t.activate();
		expect(fake.state.webhooks).toHaveLength(1);
		expect(await t.hook('delete')).toBe(true);
		expect(fake.state.webhooks).toHaveLength(0);
		expect(t.staticData.webhookId).toBeUndefined();
		expect(t.staticData.webhookSecret).toBeUndefined();
		// deleting a webhook that is already gone is no error
		t.staticData.webhookId = 99;
		expect(await t.hook('delete')).toBe(true);
		// static data lost: deactivation still finds this URL's webhook
		await t.activate();
		expect(fake.state.webhooks).toHaveLength(1);
		for (const key of Object.keys(t.staticData)) delete t.staticData[key];
		await t.hook('delete');
		expect(fake.state.webhooks).toHaveLength(0);
	});

	test('other events chosen, or a webhook for this URL the node does not know: replaced, not duplicated', async () => {
		const t = await start();
		const first = fake.state.webhooks[0];
		t.node.parameters.events = ['message_created', 'message_updated'];
		expect(await t.hook('checkExists')).toBe(false);
		expect(fake.state.webhooks).toHaveLength(0);
		await t.hook('create');
		expect(fake.state.webhooks).toHaveLength(1);
		expect(fake.state.webhooks[0].id).not.toBe(first.id);
		expect(t.staticData.webhookSecret).toBe(fake.state.webhooks[0].secret);
		// static data lost (workflow imported again): the leftover webhook is replaced
		delete t.staticData.webhookId;
		await t.activate();
		expect(fake.state.webhooks).toHaveLength(1);
		expect(t.staticData.webhookId).toBe(fake.state.webhooks[0].id);
	});

	test('a refused token or a missing Account ID: a clear error that shows no secret', async () => {
		trigger = await startTrigger({
			type: 'chatwootTrigger',
			parameters: { events: ['message_created'] },
			credentials: {
				chatwootConversationsApi: {
					...credentials().chatwootConversationsApi,
					apiAccessToken: 'wrong-token-123',
				},
			},
		});
		const error = await trigger.activate().then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toBe('Chatwoot could not list the webhooks (HTTP 401)');
		expect(error?.description).toMatch(/User Access Token/);
		expect(JSON.stringify(error)).not.toContain('wrong-token-123');
		await trigger.close();
		trigger = await startTrigger({
			type: 'chatwootTrigger',
			parameters: { events: ['message_created'] },
			credentials: {
				chatwootConversationsApi: { ...credentials().chatwootConversationsApi, accountId: '' },
			},
		});
		await expect(trigger.activate()).rejects.toThrow('The Chatwoot credential has no Account ID');
		expect(fake.state.webhooks).toHaveLength(0);
	});
});

describe('webhook(): signed deliveries', () => {
	test('a signed message_created from the contact: one execution with the simplified item', async () => {
		const t = await start();
		const payload = incoming();
		const [result] = await fake.deliver(payload);
		expect(result.status).toBe(200);
		// the trigger's own answer, not n8n's default for a started webhook (the text "firstEntryJson")
		expect(JSON.parse(result.body)).toEqual({ received: true });
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0].map((item) => item.json)).toEqual([
			{
				event: 'message_created',
				conversationId,
				messageId: payload.id,
				text: 'Where is my order?',
				authorType: 'contact',
				messageType: 'incoming',
				contactId: 1,
				crmIdentifier: 'crm-4711',
				contactIdentifier: (payload.conversation as IDataObject & { contact_inbox: IDataObject })
					.contact_inbox.source_id,
				inboxId: 1,
				time: payload.created_at,
			},
		]);
		expect(JSON.stringify(t.executions)).not.toContain(String(t.staticData.webhookSecret));
	});

	test("Chatwoot's documented example body, signed by hand: accepted; Simplify off gives the payload as sent", async () => {
		const t = await start({ simplify: false, ignoreOwnMessages: false });
		// developers.chatwoot.com → Webhooks → message_created (the documented sample)
		const documented = {
			event: 'message_created',
			id: '1',
			content: 'Hi',
			created_at: '2020-03-03 13:05:57 UTC',
			message_type: 'incoming',
			content_type: 'input_select',
			content_attributes: {},
			source_id: '',
			sender: { id: '1', name: 'Agent', email: 'agent@example.com' },
			inbox: { id: '1', name: 'Inbox name' },
			conversation: { display_id: '1', additional_attributes: {} },
			account: { id: '1', name: 'Chatwoot' },
		};
		const body = JSON.stringify(documented);
		const timestamp = String(Math.floor(Date.now() / 1000));
		const signature = `sha256=${createHmac('sha256', String(t.staticData.webhookSecret))
			.update(`${timestamp}.${body}`)
			.digest('hex')}`;
		const response = await fetch(t.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-chatwoot-timestamp': timestamp,
				'x-chatwoot-signature': signature,
				'x-chatwoot-delivery': 'documented-1',
			},
			body,
		});
		expect(response.status).toBe(200);
		expect(t.executions.map((items) => items.map((item) => item.json))).toEqual([[documented]]);
	});

	test("Simplify off: Chatwoot's payload without the contact's pubsub_token (message and conversation events)", async () => {
		const t = await start({
			simplify: false,
			ignoreOwnMessages: false,
			events: ['message_created', 'conversation_updated'],
		});
		const message = incoming('Hello');
		const conversation = fake.payloadFor('conversation_updated', { conversationId });
		const token = (payload: IDataObject) =>
			((payload.conversation ?? payload) as { contact_inbox: IDataObject }).contact_inbox
				.pubsub_token;
		// Chatwoot sends the whole contact inbox, its real-time channel token included
		expect(token(message)).toMatch(/^[0-9a-f]{24}$/);
		expect(token(conversation)).toBe(token(message));
		await fake.deliver(message);
		await fake.deliver(conversation);
		expect(t.executions).toHaveLength(2);
		expect(JSON.stringify(t.executions)).not.toContain('pubsub_token');
		expect(JSON.stringify(t.executions)).not.toContain(String(token(message)));
		const withoutToken = (payload: IDataObject) =>
			JSON.parse(JSON.stringify(payload).replace(/,"pubsub_token":"[0-9a-f]+"/, '')) as IDataObject;
		expect(t.executions.map((items) => items[0].json)).toEqual([
			withoutToken(message),
			withoutToken(conversation),
		]);
	});

	test('wrong signature, missing signature, stale or future timestamp: 401 and no execution', async () => {
		const t = await start();
		const payload = incoming();
		const answers = [
			...(await fake.deliver(payload, { secret: 'not-the-secret' })),
			...(await fake.deliver(payload, { signature: 'sha256=00' })),
			...(await fake.deliver(payload, { secret: '' })),
			...(await fake.deliver(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 })),
			...(await fake.deliver(payload, { timestamp: Math.floor(Date.now() / 1000) + 400 })),
			// the body changed after signing
			...(await fake.deliver(payload, {
				rawBody: JSON.stringify({ ...payload, content: 'forged' }),
				signature: `sha256=${createHmac('sha256', String(t.staticData.webhookSecret))
					.update(`${Math.floor(Date.now() / 1000)}.${JSON.stringify(payload)}`)
					.digest('hex')}`,
			})),
		];
		expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401]);
		expect(answers.map((a) => JSON.parse(a.body).message)).toEqual([
			'Invalid signature',
			'Invalid signature',
			'Missing signature',
			'Stale timestamp',
			'Stale timestamp',
			'Invalid signature',
		]);
		expect(t.executions).toHaveLength(0);
		for (const answer of answers)
			expect(answer.body).not.toContain(String(t.staticData.webhookSecret));
		// a signed timestamp 4 minutes old is still fresh
		const [fresh] = await fake.deliver(payload, { timestamp: Math.floor(Date.now() / 1000) - 240 });
		expect(fresh.status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	test('a retried delivery (same X-Chatwoot-Delivery) starts no second execution; the memory is bounded', async () => {
		const t = await start();
		const payload = incoming();
		const [first] = await fake.deliver(payload, { deliveryId: 'delivery-1' });
		const [again] = await fake.deliver(payload, { deliveryId: 'delivery-1' });
		expect([first.status, again.status]).toEqual([200, 200]);
		expect(JSON.parse(again.body)).toEqual({ received: true, ignored: 'replay' });
		expect(t.executions).toHaveLength(1);
		for (let i = 0; i < 120; i++) await fake.deliver(incoming(`${i}`), { deliveryId: `d-${i}` });
		expect(t.executions).toHaveLength(121);
		expect(t.staticData.deliveries).toHaveLength(100);
		// one entry per delivery: its ID and its signature
		expect((t.staticData.deliveries as string[])[99]).toMatch(
			/^d-119\nsignature:sha256=[0-9a-f]{64}$/,
		);
	});

	test('a captured signed delivery replayed with X-Chatwoot-Delivery changed or removed: no second execution', async () => {
		const t = await start();
		const body = JSON.stringify(incoming('Refund me'));
		const timestamp = String(Math.floor(Date.now() / 1000));
		const signature = `sha256=${createHmac('sha256', String(t.staticData.webhookSecret))
			.update(`${timestamp}.${body}`)
			.digest('hex')}`;
		const send = async (delivery?: string, sig = signature) => {
			const response = await fetch(t.url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-chatwoot-timestamp': timestamp,
					'x-chatwoot-signature': sig,
					...(delivery === undefined ? {} : { 'x-chatwoot-delivery': delivery }),
				},
				body,
			});
			return { status: response.status, body: (await response.json()) as IDataObject };
		};
		const answers = [
			await send('captured-1'),
			await send('captured-2'),
			await send('captured-3'),
			// the same signature in upper case is the same signature
			await send('captured-4', signature.toUpperCase().replace('SHA256=', 'sha256=')),
			await send(undefined),
			await send(''),
		];
		expect(answers.slice(1)).toEqual([
			{ status: 200, body: { received: true, ignored: 'replay' } },
			{ status: 200, body: { received: true, ignored: 'replay' } },
			{ status: 200, body: { received: true, ignored: 'replay' } },
			{ status: 401, body: { code: 401, message: 'Missing X-Chatwoot-Delivery' } },
			{ status: 401, body: { code: 401, message: 'Missing X-Chatwoot-Delivery' } },
		]);
		expect(answers[0].status).toBe(200);
		expect(t.executions).toHaveLength(1);
		// kept in the process too: static data lost, the signature is still known
		delete t.staticData.deliveries;
		expect(await send('captured-5')).toEqual({
			status: 200,
			body: { received: true, ignored: 'replay' },
		});
		expect(t.executions).toHaveLength(1);
	});

	test('static data lost (n8n saves it in the background): the secret is read back from Chatwoot, the replay memory kept in the process', async () => {
		const t = await start();
		const secret = t.staticData.webhookSecret;
		delete t.staticData.webhookSecret;
		delete t.staticData.webhookId;
		const payload = incoming();
		const [forged] = await fake.deliver(payload, { secret: 'not-the-secret' });
		expect(forged.status).toBe(401);
		expect(t.staticData.webhookSecret).toBe(secret);
		expect(t.staticData.webhookId).toBe(fake.state.webhooks[0].id);
		delete t.staticData.webhookSecret;
		const [first] = await fake.deliver(payload, { deliveryId: 'kept-in-process' });
		expect(first.status).toBe(200);
		delete t.staticData.deliveries;
		const [again] = await fake.deliver(payload, { deliveryId: 'kept-in-process' });
		expect(JSON.parse(again.body)).toEqual({ received: true, ignored: 'replay' });
		expect(t.executions).toHaveLength(1);
	});

	test('a body that is not JSON: 400; an event the node does not listen to: 200 and nothing', async () => {
		const t = await start();
		const [text] = await fake.deliver(
			{ event: 'message_created' },
			{
				rawBody: 'hello',
				contentType: 'text/plain',
				url: t.url,
				secret: t.staticData.webhookSecret,
			},
		);
		expect(text.status).toBe(400);
		expect(JSON.parse(text.body).message).toBe('The body is not a JSON object');
		// sent as JSON but not JSON: n8n's body parser answers 422 and the trigger never runs
		const [broken] = await fake.deliver(
			{ event: 'message_created' },
			{ rawBody: '{"event":', url: t.url, secret: t.staticData.webhookSecret },
		);
		expect(broken.status).toBe(422);
		expect(t.deliveries.at(-1)?.result).toBeUndefined();
		const [other] = await fake.deliver(
			fake.payloadFor('conversation_status_changed', { conversationId }),
			{
				url: t.url,
				secret: t.staticData.webhookSecret,
			},
		);
		expect(other.status).toBe(200);
		expect(JSON.parse(other.body)).toEqual({ received: true, ignored: 'event' });
		expect(t.executions).toHaveLength(0);
	});
});

/** A Chatwoot before 4.11.2, which gives webhooks no secret and signs nothing, for the rest of `body`. */
async function withUnsignedChatwoot(body: () => Promise<void>) {
	await fake.close();
	fake = await startVendorServer('chatwoot', { webhookSecrets: false });
	try {
		const contact = await api('POST', '/api/v1/accounts/1/contacts', { inbox_id: 1, name: 'Bo' });
		const payload = contact.payload as IDataObject;
		const conversation = await api('POST', '/api/v1/accounts/1/conversations', {
			inbox_id: 1,
			contact_id: (payload.contact as IDataObject).id,
			source_id: (payload.contact_inbox as IDataObject).source_id,
		});
		conversationId = conversation.id as number;
		await body();
	} finally {
		await trigger?.close();
		trigger = undefined;
		await fake.close();
		fake = await startVendorServer('chatwoot');
	}
}

const webhookLists = () => fake.requestsTo('GET', '/api/v1/accounts/1/webhooks').length;

async function postUnsigned(url: string, payload: IDataObject) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-chatwoot-delivery': `d-${Math.random()}` },
		body: JSON.stringify(payload),
	});
	return { status: response.status, body: (await response.json()) as IDataObject };
}

describe('webhook(): where the secret comes from, and Chatwoot without signatures', () => {
	test('no secret in static data: Chatwoot is asked once per activation, not once per delivery (forged ones included)', async () => {
		const t = await start();
		const lists = webhookLists();
		const statuses: number[] = [];
		for (const forge of [
			{ secret: 'not-the-secret' },
			{ secret: 'not-the-secret' },
			{ secret: '' },
			{},
			{},
		]) {
			// static data lost each time (n8n saves it in the background)
			delete t.staticData.webhookSecret;
			const [result] = await fake.deliver(incoming(), forge);
			statuses.push(result.status);
		}
		expect(statuses).toEqual([401, 401, 401, 200, 200]);
		expect(webhookLists() - lists).toBe(1);
		expect(t.executions).toHaveLength(2);
		// a new activation looks it up anew, once
		await t.activate();
		const afterActivation = webhookLists();
		for (let i = 0; i < 3; i++) {
			delete t.staticData.webhookSecret;
			await fake.deliver(incoming());
		}
		expect(webhookLists() - afterActivation).toBe(1);
		expect(t.executions).toHaveLength(5);
	});

	test('a failed lookup (429) answers 500 and is not tried again for every delivery', async () => {
		const t = await start();
		delete t.staticData.webhookSecret;
		const lists = webhookLists();
		fake.injectFault({
			kind: 429,
			method: 'GET',
			path: '/api/v1/accounts/1/webhooks',
			times: 5,
		});
		const [first] = await fake.deliver(incoming());
		const [second] = await fake.deliver(incoming(), { secret: 'forged' });
		expect([first.status, second.status]).toEqual([500, 500]);
		expect(webhookLists() - lists).toBe(1);
		expect(t.executions).toHaveLength(0);
	});

	test('created with a secret, then the webhook deleted in Chatwoot and static data lost: unsigned deliveries are refused, whatever Require Signature says', async () => {
		const t = await start();
		await api('DELETE', `/api/v1/accounts/1/webhooks/${String(t.staticData.webhookId)}`);
		delete t.staticData.webhookSecret;
		const answers = [await postUnsigned(t.url, incoming())];
		t.node.parameters.requireSignature = false;
		answers.push(await postUnsigned(t.url, incoming()));
		answers.push(await postUnsigned(`${t.url}?token=`, incoming()));
		expect(answers).toEqual(
			[1, 2, 3].map(() => ({
				status: 401,
				body: { code: 401, message: 'No signing secret or delivery token for this webhook' },
			})),
		);
		expect(t.executions).toHaveLength(0);
	});

	test('Require Signature (default on) and a Chatwoot that signs nothing (before 4.11.2): activation fails with a clear error and leaves no webhook', async () => {
		await withUnsignedChatwoot(async () => {
			trigger = await startTrigger({
				type: 'chatwootTrigger',
				parameters: { events: ['message_created'] },
				credentials: credentials(),
			});
			const error = await trigger.activate().then(
				() => undefined,
				(e: Error & { description?: string }) => e,
			);
			expect(error?.message).toBe(
				'Chatwoot gave the webhook no secret: its deliveries would not be signed',
			);
			expect(error?.description).toMatch(/4\.11\.2.*turn off Require Signature/);
			expect(fake.state.webhooks).toEqual([]);
			// unsigned deliveries to the URL start nothing
			expect((await postUnsigned(trigger.url, incoming())).status).toBe(401);
			expect(trigger.executions).toHaveLength(0);
		});
	});

	test('Require Signature off and a Chatwoot that signs nothing: a delivery token in the registered URL; without it or wrong, 401; static data lost, read back from Chatwoot once', async () => {
		await withUnsignedChatwoot(async () => {
			const t = await start({ requireSignature: false });
			expect(fake.state.webhooks).toHaveLength(1);
			const registered = String(fake.state.webhooks[0].url);
			const token = String(t.staticData.deliveryToken);
			expect(token).toMatch(/^[0-9a-f]{48}$/);
			expect(registered).toBe(`${t.url}?token=${token}`);
			expect(t.staticData.webhookSecret).toBeUndefined();
			// Chatwoot posts to the URL it keeps: accepted
			const [delivered] = await fake.deliver(incoming('hi'));
			expect(delivered.status).toBe(200);
			// without the token, or with another one: refused
			const refused = [
				await postUnsigned(t.url, incoming()),
				await postUnsigned(
					`${t.url}?token=${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`,
					incoming(),
				),
				await postUnsigned(`${t.url}?token=`, incoming()),
			];
			expect(refused.map((r) => r.status)).toEqual([401, 401, 401]);
			expect(refused[0].body.message).toBe('Missing or wrong delivery token');
			expect(t.executions).toHaveLength(1);
			// static data lost: the token is read back from the webhook's URL, once
			const lists = webhookLists();
			for (let i = 0; i < 3; i++) {
				delete t.staticData.deliveryToken;
				await postUnsigned(t.url, incoming());
				await fake.deliver(incoming(`again ${i}`));
			}
			expect(webhookLists() - lists).toBe(1);
			expect(t.executions).toHaveLength(4);
			// activating again keeps the webhook and its token
			await t.activate();
			expect(fake.state.webhooks.map((w) => w.url)).toEqual([registered]);
			// turning Require Signature on refuses the token
			t.node.parameters.requireSignature = true;
			const [signedOnly] = await fake.deliver(incoming());
			expect(signedOnly.status).toBe(401);
			expect(t.executions).toHaveLength(4);
		});
	});

	test('an unsigned webhook an earlier version registered (no token): replaced by one with a token, or refused with Require Signature on', async () => {
		await withUnsignedChatwoot(async () => {
			const t = await start({ requireSignature: false });
			const webhook = fake.state.webhooks[0];
			// what the earlier version registered: the bare URL, and no token in static data
			webhook.url = t.url;
			delete t.staticData.deliveryToken;
			await t.activate();
			expect(fake.state.webhooks).toHaveLength(1);
			expect(fake.state.webhooks[0].url).toBe(
				`${t.url}?token=${String(t.staticData.deliveryToken)}`,
			);
			fake.state.webhooks[0].url = t.url;
			delete t.staticData.deliveryToken;
			t.node.parameters.requireSignature = true;
			await expect(t.activate()).rejects.toThrow('Chatwoot gave the webhook no secret');
			expect(fake.state.webhooks).toEqual([]);
		});
	});
});

describe('webhook(): filters', () => {
	test("Inbox Names or IDs: the editor lists the account's inboxes by name, the ID as value", async () => {
		expect(
			await runLoadOptions({
				type: 'chatwootTrigger',
				method: 'getInboxes',
				credentials: credentials(),
			}),
		).toEqual([
			{ name: 'Sandbox API inbox (API)', value: '1' },
			{ name: 'Sandbox API inbox (identity validation) (API)', value: '2' },
		]);
		expect(fake.requestsTo('GET', '/api/v1/accounts/1/inboxes')).toHaveLength(1);
	});

	test('Inbox Names or IDs: events of inboxes not picked are skipped', async () => {
		const t = await start({ inboxIds: ['2', '7'] });
		const [result] = await fake.deliver(incoming());
		expect(JSON.parse(result.body)).toEqual({ received: true, ignored: 'inbox' });
		expect(t.executions).toHaveLength(0);
		await t.hook('delete');
		await t.close();
		const u = await start({ inboxIds: ['2', '1'] });
		await fake.deliver(incoming());
		expect(u.executions).toHaveLength(1);
	});

	test('Inbox Names or IDs: a list of IDs from an expression, numbers included', async () => {
		const t = await start({ inboxIds: '={{ [7, 1] }}' });
		await fake.deliver(incoming());
		expect(t.executions).toHaveLength(1);
	});

	test('Inbox Names or IDs: a value that is no list of inbox IDs fails activation before any request', async () => {
		trigger = await startTrigger({
			type: 'chatwootTrigger',
			parameters: { events: ['message_created'], inboxIds: ['1', 'support'] },
			credentials: credentials(),
		});
		await expect(trigger.activate()).rejects.toThrow(
			'Inbox Names or IDs has an invalid entry (number 2)',
		);
		expect(fake.requestsTo('GET', /webhooks/)).toHaveLength(0);
		expect(fake.state.webhooks).toEqual([]);
	});

	test('inbox IDs saved as text before the list (commas or spaces) still filter', async () => {
		const t = await start({ inboxIds: '2, 7' });
		const [result] = await fake.deliver(incoming());
		expect(JSON.parse(result.body)).toEqual({ received: true, ignored: 'inbox' });
		expect(t.executions).toHaveLength(0);
		await t.hook('delete');
		await t.close();
		const u = await start({ inboxIds: '7 1' });
		await fake.deliver(incoming());
		expect(u.executions).toHaveLength(1);
	});

	test('message types: incoming only skips outgoing messages and private notes', async () => {
		const t = await start({ messageTypes: ['incoming'], ignoreOwnMessages: false });
		const out = fake.addMessage(conversationId, 'We are on it', 1);
		const note = fake.addMessage(conversationId, 'VIP customer', 1, { private: true });
		await fake.deliver(fake.payloadFor('message_created', { messageId: out.id }));
		await fake.deliver(fake.payloadFor('message_created', { messageId: note.id }));
		await fake.deliver(incoming('Thanks'));
		expect(t.executions.map((items) => items[0].json.text)).toEqual(['Thanks']);
		expect(t.deliveries.map((d) => (d.result?.webhookResponse as IDataObject)?.ignored)).toEqual([
			'message type',
			'message type',
			undefined,
		]);
	});

	test('private notes and agent replies pass when chosen, as authorType agent', async () => {
		const t = await start({ messageTypes: ['private', 'outgoing'], ignoreOwnMessages: false });
		const note = fake.addMessage(conversationId, 'VIP customer', 1, { private: true });
		await fake.deliver(fake.payloadFor('message_created', { messageId: note.id }));
		expect(t.executions[0][0].json).toMatchObject({
			text: 'VIP customer',
			messageType: 'private',
			authorType: 'agent',
			conversationId,
		});
	});

	test("Ignore Messages Sent Through This Access Token (default on): the token's own messages start nothing", async () => {
		const t = await start({ events: ['message_created'] });
		// what our Send/Create as Agent does: a message posted with the access token
		const sent = await api('POST', `/api/v1/accounts/1/conversations/${conversationId}/messages`, {
			content: 'Automatic answer',
			message_type: 'outgoing',
		});
		const [own] = await fake.deliver(fake.payloadFor('message_created', { messageId: sent.id }));
		expect(JSON.parse(own.body)).toEqual({ received: true, ignored: 'own message' });
		// another agent's reply passes
		const other = fake.addMessage(conversationId, 'Human reply', 1, {
			sender: { id: 2, name: 'Other Agent', type: 'user' },
		});
		const payload = fake.payloadFor('message_created', { messageId: other.id });
		(payload.sender as IDataObject).id = 2;
		await fake.deliver(payload);
		expect(t.executions.map((items) => items[0].json.text)).toEqual(['Human reply']);
		// the profile is read once, on activation
		expect(t.staticData.profileId).toBe(1);
	});

	test('conversation and contact events: simplified with the display ID', async () => {
		const t = await start({ events: ['conversation_status_changed', 'contact_created'] });
		await fake.deliver(
			fake.payloadFor('conversation_status_changed', {
				conversationId,
				changedAttributes: [{ status: { previous_value: 'open', current_value: 'resolved' } }],
			}),
		);
		await fake.deliver(fake.payloadFor('contact_created', { contactId: 1 }));
		expect(t.executions.map((items) => items[0].json)).toEqual([
			expect.objectContaining({
				event: 'conversation_status_changed',
				conversationId,
				status: 'open',
				contactId: 1,
				inboxId: 1,
			}),
			expect.objectContaining({
				event: 'contact_created',
				contactId: 1,
				crmIdentifier: 'crm-4711',
			}),
		]);
	});
});
