import { createHmac } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { startTrigger, type TriggerHarness } from '../harness/webhook';

// LivePerson Conversations Trigger: webhookMethods through n8n-core's HookContext against the
// sandbox's LivePerson fake (which now keeps the connector's app installation), and webhook()
// through n8n-core's WebhookContext, fed by the fake's deliver(): real HTTP POSTs, signed as
// LivePerson's Webhooks service signs them ("sha1=" + base64 HMAC-SHA1 of the body, client secret).

interface DeliveryResult {
	status: number;
	body: string;
	url: string;
	eventType: string;
}
interface LivePersonFake {
	url: string;
	credentials: { accountId: string; clientId: string; clientSecret: string };
	state: {
		installation: IDataObject & { capabilities: { webhooks: Record<string, IDataObject> } };
		installationRevision: number;
		conversations: IDataObject[];
		messages: IDataObject[];
		deliveries: DeliveryResult[];
		requests: Array<{ method: string; path: string; headers: IDataObject; body: unknown }>;
	};
	deliver(notification: unknown, forge?: IDataObject): Promise<DeliveryResult[]>;
	settled(): Promise<void>;
	agentMessage(conversationId: string, text: string, extra?: IDataObject): IDataObject;
	conversationChange(conversationId: string, changes?: IDataObject): IDataObject;
	reset(): void;
	close(): Promise<void>;
}
const { startVendorServer } = require('../sandbox') as {
	startVendorServer(name: string, options?: IDataObject): Promise<LivePersonFake>;
};

const CONTENT = 'ms.MessagingEventNotification.ContentEvent';
const CARD_CONTENT = {
	type: 'vertical',
	elements: [{ type: 'text', text: 'Product Name', style: { bold: true, size: 'large' } }],
};
const CHANGE = 'cqm.ExConversationChangeNotification';
let fake: LivePersonFake;
let trigger: TriggerHarness | undefined;
let conversationId: string;

const credentials = () => ({
	livePersonConversationsApi: {
		...fake.credentials,
		domainApiHost: fake.url,
		sentinelUrl: '',
		idpUrl: '',
		asyncMessagingEntUrl: '',
		appJwt: '',
	},
});

async function start(parameters: INodeParameters = {}, activate = true) {
	trigger = await startTrigger({
		type: 'livePersonTrigger',
		parameters: { events: [CONTENT], registerWebhooks: true, ...parameters },
		credentials: credentials(),
	});
	if (activate) await trigger.activate();
	return trigger;
}

/** What our own node does: LivePerson → Message → Send, as the consumer. */
async function sendAsConsumer(text: string) {
	const result = await runNode({
		type: 'livePerson',
		parameters: {
			resource: 'message',
			operation: 'send',
			externalConsumerId: 'ext-ana',
			conversationId,
			message: text,
		},
		credentials: credentials(),
	});
	expect(result.error).toBeUndefined();
	await fake.settled();
	return result;
}

const sign = (
	body: string,
	secret = fake.credentials.clientSecret,
	algorithm = 'sha1',
	encoding: 'base64' | 'hex' = 'base64',
) => `${algorithm}=${createHmac(algorithm, secret).update(body).digest(encoding)}`;

async function post(url: string, body: string, headers: Record<string, string> = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-liveperson-account-id': fake.credentials.accountId,
			'x-liveperson-client-id': fake.credentials.clientId,
			'x-liveperson-signature': sign(body),
			...headers,
		},
		body,
	});
	return { status: response.status, body: await response.text() };
}

/** The signature with the case of its first base64 letter flipped. */
const flipCase = (signature: string) =>
	signature.replace(
		/=([^a-zA-Z]*)([a-zA-Z])/,
		(_, pre: string, c: string) =>
			`=${pre}${c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()}`,
	);

const DAY = 24 * 3600 * 1000;
/**
 * A time from LivePerson's documented examples (2018) moved to the last 24 hours, at the same time
 * of day: the node refuses notifications older than LivePerson's 3-day retry window.
 */
const movedToToday = (documented: number) =>
	documented + Math.floor((Date.now() - documented) / DAY) * DAY;

const ignored = (result: { body: string }) =>
	(JSON.parse(result.body) as IDataObject).ignored ??
	(JSON.parse(result.body) as IDataObject).message;

beforeAll(async () => {
	fake = await startVendorServer('liveperson', { lpScheme: 'http' });
});
beforeEach(async () => {
	fake.reset();
	const created = await runNode({
		type: 'livePerson',
		parameters: { resource: 'conversation', operation: 'create', externalConsumerId: 'ext-ana' },
		credentials: credentials(),
	});
	expect(created.error).toBeUndefined();
	conversationId = created.output[0].json.conversationId as string;
});
afterEach(async () => {
	await fake.settled();
	await trigger?.close();
	trigger = undefined;
});
afterAll(async () => {
	await fake.close();
});

describe('activation and deactivation (webhookMethods, App Management API)', () => {
	test('sets its URL for the chosen event types on the installation, keeps the rest, restores it on deactivation', async () => {
		fake.state.installation.capabilities.webhooks = {
			retry: { retention_time: 86400 },
			[CONTENT]: { endpoint: 'https://old.example.com/lp', max_retries: 3 },
			'ms.MessagingEventNotification.ChatStateEvent': { endpoint: 'https://typing.example.com' },
		};
		const before = JSON.parse(JSON.stringify(fake.state.installation)) as IDataObject;
		const t = await start({ events: [CONTENT, CHANGE] });
		const put = fake.state.requests.filter((r) => r.method === 'PUT');
		expect(put).toHaveLength(1);
		expect(put[0].path).toBe(
			`/api/account/${fake.credentials.accountId}/configuration/app-install/installations/${fake.credentials.clientId}`,
		);
		expect(put[0].headers['if-match']).toBe('1');
		expect(fake.state.installation).toEqual({
			...before,
			capabilities: {
				...(before.capabilities as IDataObject),
				webhooks: {
					retry: { retention_time: 86400 },
					[CONTENT]: { endpoint: t.url, max_retries: 3 },
					'ms.MessagingEventNotification.ChatStateEvent': {
						endpoint: 'https://typing.example.com',
					},
					[CHANGE]: { endpoint: t.url },
				},
			},
		});
		// activating again (n8n restarts) finds it: nothing written
		await t.activate();
		expect(fake.state.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
		// deactivation puts back what was there
		expect(await t.hook('delete')).toBe(true);
		expect(fake.state.installation).toEqual(before);
		expect(t.staticData).toEqual({});
	});

	test('other events chosen: the installation follows; static data lost: deactivation still removes this URL', async () => {
		const t = await start();
		t.node.parameters.events = [CHANGE];
		expect(await t.hook('checkExists')).toBe(false);
		await t.hook('create');
		expect(fake.state.installation.capabilities.webhooks).toEqual({
			[CHANGE]: { endpoint: t.url },
		});
		for (const key of Object.keys(t.staticData)) delete t.staticData[key];
		await t.hook('delete');
		expect(fake.state.installation.capabilities.webhooks).toEqual({});
	});

	test("listening on a second URL of the node (n8n's test URL) while published: ending it gives the event types back to the production URL", async () => {
		fake.state.installation.capabilities.webhooks = {
			[CONTENT]: { endpoint: 'https://old.example.com/lp' },
		};
		const t = await start();
		const production = t.url;
		// the same node and static data, another webhook URL (as n8n's test URL is)
		const webhookId = t.node.webhookId;
		t.node.webhookId = 'c0ffee00-0000-4000-8000-00000000test';
		await t.activate();
		const testUrl = fake.state.installation.capabilities.webhooks[CONTENT].endpoint;
		expect(testUrl).not.toBe(production);
		expect(testUrl).toContain('/c0ffee00-0000-4000-8000-00000000test/webhook');
		await t.hook('delete');
		expect(fake.state.installation.capabilities.webhooks[CONTENT]).toEqual({
			endpoint: production,
		});
		// unpublishing gives back what was there before the node
		t.node.webhookId = webhookId;
		await t.hook('delete');
		expect(fake.state.installation.capabilities.webhooks).toEqual({
			[CONTENT]: { endpoint: 'https://old.example.com/lp' },
		});
		expect(t.staticData).toEqual({});
	});

	test('registration off: no call to LivePerson on activation or deactivation', async () => {
		const t = await start({ registerWebhooks: false });
		await t.hook('delete');
		expect(
			fake.state.requests.filter((r) => r.path.includes('/configuration/app-install/')),
		).toEqual([]);
	});

	test('LivePerson refuses the change: a clear error naming the endpoints to enter, no secret', async () => {
		await fake.close();
		fake = await startVendorServer('liveperson', { lpScheme: 'http', installationReadOnly: true });
		const t = await start({ events: [CONTENT, CHANGE] }, false);
		const error = await t.activate().then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toBe('LivePerson could not update the app installation (HTTP 403)');
		expect(error?.description).toContain('Register Webhook URLs on the Installation');
		expect(error?.description).toContain(`${CONTENT} → ${t.url}`);
		expect(error?.description).toContain(`${CHANGE} → ${t.url}`);
		expect(JSON.stringify(error)).not.toContain(fake.credentials.clientSecret);
		await fake.close();
		fake = await startVendorServer('liveperson', { lpScheme: 'http' });
	});
});

describe('webhook(): signed notifications', () => {
	test('a signed agent ContentEvent: one execution with the simplified item', async () => {
		const t = await start();
		const notification = fake.agentMessage(conversationId, 'Your parcel ships today');
		const [result] = await fake.deliver(notification);
		expect(result.status).toBe(200);
		// the trigger's own answer, not n8n's default for a started webhook (the text "firstEntryJson")
		expect(JSON.parse(result.body)).toEqual({ received: true });
		expect(result.url).toBe(t.url);
		const change = (notification.body as { changes: IDataObject[] }).changes[0];
		expect(t.executions.map((items) => items.map((item) => item.json))).toEqual([
			[
				{
					event: CONTENT,
					conversationId,
					dialogId: conversationId,
					messageId: 0,
					sequence: 0,
					text: 'Your parcel ships today',
					authorType: 'agent',
					authorRole: 'ASSIGNED_AGENT',
					authorId: '29c3019d-fe0b-5200-afe8-737abfeae4b4',
					consumerId: null,
					time: new Date(change.serverTimestamp as number).toISOString(),
					contentType: 'text/plain',
					messageAudience: 'ALL',
				},
			],
		]);
		expect(JSON.stringify(t.executions)).not.toContain(fake.credentials.clientSecret);
	});

	test("LivePerson's documented examples, signed by hand (SHA-1 and SHA-256): accepted; Simplify off gives the notification as sent", async () => {
		const t = await start({ simplify: false }, false);
		// developers.liveperson.com → Connector API → Webhooks Examples: "Agent sent a text messages"
		const documented = {
			kind: 'notification',
			body: {
				changes: [
					{
						sequence: 2,
						originatorId: '29c3019d-fe0b-5200-afe8-737abfeae4b4',
						originatorMetadata: {
							id: '29c3019d-fe0b-5200-afe8-737abfeae4b4',
							role: 'ASSIGNED_AGENT',
						},
						serverTimestamp: movedToToday(1528371199686),
						event: {
							type: 'ContentEvent',
							message: 'Hello from the Agent\n',
							contentType: 'text/plain',
						},
						dialogId: '5491244f-e462-4c63-bf4e-faf4b2d3e7b5',
					},
				],
			},
			type: 'ms.MessagingEventNotification',
		};
		const body = JSON.stringify(documented);
		expect((await post(t.url, body)).status).toBe(200);
		// the same with sequence 3, signed with SHA-256 (enabled per account by LivePerson)
		const next = JSON.stringify({
			...documented,
			body: { changes: [{ ...documented.body.changes[0], sequence: 3 }] },
		});
		const sha256 = await post(t.url, next, {
			'x-liveperson-signature': sign(next, fake.credentials.clientSecret, 'sha256'),
		});
		expect(sha256.status).toBe(200);
		expect(t.executions.map((items) => items.map((item) => item.json))).toEqual([
			[documented],
			[JSON.parse(next)],
		]);
	});

	test('wrong, missing or malformed signature, a changed body, another installation: 401 and no execution', async () => {
		const t = await start();
		const notification = fake.agentMessage(conversationId, 'Hello');
		const body = JSON.stringify(notification);
		const answers = [
			...(await fake.deliver(notification, { secret: 'not-the-secret' })),
			...(await fake.deliver(notification, { noSignature: true })),
			...(await fake.deliver(notification, { signature: 'sha1=AAAA' })),
			// hex with another secret
			...(await fake.deliver(notification, { secret: 'not-the-secret', encoding: 'hex' })),
			// base64 is case-sensitive
			...(await fake.deliver(notification, { signature: flipCase(sign(body)) })),
			...(await fake.deliver(notification, { signature: `md5=${sign(body).slice(5)}` })),
			...(await fake.deliver(notification, {
				rawBody: body.replace('Hello', 'Forged'),
				signature: sign(body),
			})),
			...(await fake.deliver(notification, { clientId: 'another-installation' })),
			...(await fake.deliver(notification, { accountId: '999' })),
		];
		expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401]);
		expect(answers.map((a) => JSON.parse(a.body).message)).toEqual([
			'Invalid signature',
			'Missing signature',
			'Invalid signature',
			'Invalid signature',
			'Invalid signature',
			'Unsupported signature scheme',
			'Invalid signature',
			'Not for this installation',
			'Not for this account',
		]);
		expect(t.executions).toHaveLength(0);
		for (const answer of answers) expect(answer.body).not.toContain(fake.credentials.clientSecret);
		// Signature Algorithms: SHA-256 only refuses SHA-1
		t.node.parameters.options = { signatureAlgorithms: ['sha256'] };
		const [sha1] = await fake.deliver(notification);
		expect(JSON.parse(sha1.body).message).toBe('Unsupported signature scheme');
		const [sha256] = await fake.deliver(notification, { algorithm: 'sha256' });
		expect(sha256.status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	test('signed in hex or base64, with SHA-1 or SHA-256 (the installation chooses): each accepted; hex in either case', async () => {
		const t = await start();
		const accepted: number[] = [];
		for (const algorithm of ['sha1', 'sha256'])
			for (const encoding of ['base64', 'hex']) {
				const [result] = await fake.deliver(
					fake.agentMessage(conversationId, `${algorithm} ${encoding}`),
					{ algorithm, encoding },
				);
				accepted.push(result.status);
			}
		const upper = fake.agentMessage(conversationId, 'sha1 HEX');
		const [upperHex] = await fake.deliver(upper, {
			signature: `sha1=${createHmac('sha1', fake.credentials.clientSecret)
				.update(JSON.stringify(upper))
				.digest('hex')
				.toUpperCase()}`,
		});
		accepted.push(upperHex.status);
		expect(accepted).toEqual([200, 200, 200, 200, 200]);
		expect(t.executions.map((items) => items[0].json.text)).toEqual([
			'sha1 base64',
			'sha1 hex',
			'sha256 base64',
			'sha256 hex',
			'sha1 HEX',
		]);
		// a hex signature of the wrong length or of another algorithm is refused
		const other = fake.agentMessage(conversationId, 'mixed');
		const sha256Hex = sign(JSON.stringify(other), fake.credentials.clientSecret, 'sha256', 'hex');
		const [mixed] = await fake.deliver(other, {
			signature: sha256Hex.replace(/^sha256=/, 'sha1='),
		});
		expect(JSON.parse(mixed.body).message).toBe('Invalid signature');
	});

	test("a notification older than LivePerson's 3-day retry window (30 days, 3 days 6 min) or from the future: 401 and no execution", async () => {
		const t = await start({ events: [CONTENT, CHANGE] });
		const day = DAY;
		const message = (text: string, serverTimestamp: number) => {
			const notification = fake.agentMessage(conversationId, text);
			const changes = (notification.body as { changes: IDataObject[] }).changes;
			changes[0].serverTimestamp = serverTimestamp;
			return notification;
		};
		const changed = (metaDataLastUpdateTs: number) => {
			const notification = fake.conversationChange(conversationId, { state: 'CLOSE' });
			const change = (notification.body as { changes: IDataObject[] }).changes[0];
			const details = (change.result as IDataObject).conversationDetails as IDataObject;
			details.metaDataLastUpdateTs = metaDataLastUpdateTs;
			return notification;
		};
		const answers = [
			...(await fake.deliver(message('a month ago', Date.now() - 30 * day))),
			...(await fake.deliver(message('3 days 6 min ago', Date.now() - 3 * day - 6 * 60_000))),
			...(await fake.deliver(message('in 6 minutes', Date.now() + 6 * 60_000))),
			...(await fake.deliver(changed(Date.now() - 4 * day))),
		];
		expect(answers.map((a) => [a.status, JSON.parse(a.body).message])).toEqual([
			[401, 'Notification too old'],
			[401, 'Notification too old'],
			[401, 'Notification in the future'],
			[401, 'Notification too old'],
		]);
		expect(t.executions).toHaveLength(0);
		// within the window: accepted
		const [late] = await fake.deliver(message('2 days 23 h ago', Date.now() - 3 * day + 3600_000));
		expect(late.status).toBe(200);
		expect(t.executions.map((items) => items[0].json.text)).toEqual(['2 days 23 h ago']);
	});

	test('a notification LivePerson retries (same dialog and sequence): no second execution', async () => {
		const t = await start();
		const notification = fake.agentMessage(conversationId, 'Hello');
		const [first] = await fake.deliver(notification);
		const [again] = await fake.deliver(notification);
		expect([first.status, again.status]).toEqual([200, 200]);
		expect(JSON.parse(again.body)).toEqual({ received: true, ignored: 'replay' });
		// the process keeps the memory too (static data is saved in the background)
		delete t.staticData.deliveries;
		const [third] = await fake.deliver(notification);
		expect(ignored(third)).toBe('replay');
		const [next] = await fake.deliver(fake.agentMessage(conversationId, 'One more thing'));
		expect(next.status).toBe(200);
		expect(t.executions.map((items) => items[0].json.text)).toEqual(['Hello', 'One more thing']);
	});

	test('a body that is not JSON or not a notification: 400; an event type not chosen: 200 and nothing', async () => {
		const t = await start();
		expect(await post(t.url, 'hello', { 'content-type': 'text/plain' })).toEqual({
			status: 400,
			body: JSON.stringify({ code: 400, message: 'The body is not a JSON object' }),
		});
		const other = await post(t.url, JSON.stringify({ kind: 'notification', type: 'x' }));
		expect(other.status).toBe(400);
		expect(JSON.parse(other.body).message).toBe('The body is not a LivePerson notification');
		const change = fake.conversationChange(conversationId, { state: 'CLOSE' });
		const [notChosen] = await fake.deliver(change, { url: t.url });
		expect(notChosen.status).toBe(200);
		expect(JSON.parse(notChosen.body)).toEqual({ received: true, ignored: 'event' });
		expect(t.executions).toHaveLength(0);
	});
});

describe('webhook(): filters', () => {
	test('the consumer messages our own Send causes are delivered and start nothing', async () => {
		const t = await start();
		await sendAsConsumer('Where is my parcel?');
		expect(fake.state.deliveries).toHaveLength(1);
		expect(fake.state.deliveries[0]).toMatchObject({ url: t.url, eventType: CONTENT, status: 200 });
		expect(JSON.parse(fake.state.deliveries[0].body)).toEqual({
			received: true,
			ignored: 'consumer event',
		});
		expect(t.executions).toHaveLength(0);
		// Agent Messages Only off: still no consumer event
		t.node.parameters.agentMessagesOnly = false;
		await sendAsConsumer('Hello?');
		expect(t.executions).toHaveLength(0);
	});

	test('Agent Messages Only (default on): system messages (CONTROLLER) skipped; off, they pass as bot', async () => {
		const t = await start();
		const system = fake.agentMessage(conversationId, 'An agent will be with you shortly', {
			role: 'CONTROLLER',
			originatorId: 'system',
		});
		const [skipped] = await fake.deliver(system);
		expect(ignored(skipped)).toBe('not from an agent');
		t.node.parameters.agentMessagesOnly = false;
		const [passed] = await fake.deliver(
			fake.agentMessage(conversationId, 'Survey', { role: 'CONTROLLER', originatorId: 'system' }),
		);
		expect(passed.status).toBe(200);
		expect(t.executions.map((items) => items[0].json.authorType)).toEqual(['bot']);
	});

	test('messages for agents only (AGENTS_AND_MANAGERS) are skipped unless the option includes them', async () => {
		const t = await start();
		const note = () =>
			fake.agentMessage(conversationId, 'VIP customer', { messageAudience: 'AGENTS_AND_MANAGERS' });
		const [skipped] = await fake.deliver(note());
		expect(ignored(skipped)).toBe('message for agents only');
		t.node.parameters.options = { includeAgentOnlyMessages: true };
		await fake.deliver(note());
		expect(t.executions.map((items) => items[0].json.messageAudience)).toEqual([
			'AGENTS_AND_MANAGERS',
		]);
	});

	test('conversation changes: opened and closed once each, other updates skipped, states selectable', async () => {
		const t = await start({ events: [CHANGE] });
		await fake.deliver(fake.conversationChange(conversationId));
		// an agent is assigned: same state
		const [assigned] = await fake.deliver(
			fake.conversationChange(conversationId, { agentId: 'agent-7' }),
		);
		expect(ignored(assigned)).toBe('state unchanged');
		// our Close operation: the fake notifies the close
		const closed = await runNode({
			type: 'livePerson',
			parameters: {
				resource: 'conversation',
				operation: 'close',
				externalConsumerId: 'ext-ana',
				conversationId,
			},
			credentials: credentials(),
		});
		expect(closed.error).toBeUndefined();
		await fake.settled();
		expect(t.executions.map((items) => items[0].json)).toEqual([
			expect.objectContaining({ event: CHANGE, conversationId, state: 'OPEN', closeReason: null }),
			expect.objectContaining({
				event: CHANGE,
				conversationId,
				state: 'CLOSE',
				closeReason: 'CONSUMER',
				agentId: 'agent-7',
				consumerId: fake.state.conversations[0].consumerId,
			}),
		]);
		// Closed only: an open conversation starts nothing
		t.node.parameters.conversationStates = ['CLOSE'];
		const [open] = await fake.deliver(fake.conversationChange(conversationId, { state: 'OPEN' }));
		expect(ignored(open)).toBe('conversation state');
	});

	test("LivePerson's documented read receipt, typing and rich content examples: simplified per event type", async () => {
		const t = await start(
			{
				events: [
					'ms.MessagingEventNotification.AcceptStatusEvent',
					'ms.MessagingEventNotification.ChatStateEvent',
					'ms.MessagingEventNotification.RichContentEvent',
				],
			},
			false,
		);
		const agent = {
			originatorId: '29c3019d-fe0b-5200-afe8-737abfeae4b4',
			originatorMetadata: { id: '29c3019d-fe0b-5200-afe8-737abfeae4b4', role: 'ASSIGNED_AGENT' },
			dialogId: '5491244f-e462-4c63-bf4e-faf4b2d3e7b5',
		};
		const notification = (change: IDataObject) =>
			JSON.stringify({
				kind: 'notification',
				body: { changes: [{ ...agent, ...change }] },
				type: 'ms.MessagingEventNotification',
			});
		// Webhooks Examples: "Agent read the message", "Agent is typing" (no sequence, no server time)
		const read = notification({
			sequence: 1,
			serverTimestamp: movedToToday(1528371196009),
			event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [0] },
		});
		const typing = notification({ event: { type: 'ChatStateEvent', chatState: 'COMPOSING' } });
		const card = notification({
			sequence: 4,
			serverTimestamp: movedToToday(1516999340978),
			event: { type: 'RichContentEvent', content: CARD_CONTENT },
		});
		for (const body of [read, read, typing, typing, card])
			expect((await post(t.url, body)).status).toBe(200);
		const base = {
			conversationId: agent.dialogId,
			dialogId: agent.dialogId,
			text: null,
			authorType: 'agent',
			authorRole: 'ASSIGNED_AGENT',
			authorId: agent.originatorId,
			consumerId: null,
		};
		expect(t.executions.map((items) => items[0].json)).toEqual([
			{
				...base,
				event: 'ms.MessagingEventNotification.AcceptStatusEvent',
				messageId: 1,
				sequence: 1,
				time: new Date(movedToToday(1528371196009)).toISOString(),
				status: 'READ',
				sequenceList: [0],
			},
			// a chat state has no identity: each delivery is an event
			...[1, 2].map(() => ({
				...base,
				event: 'ms.MessagingEventNotification.ChatStateEvent',
				messageId: null,
				sequence: null,
				time: null,
				chatState: 'COMPOSING',
			})),
			{
				...base,
				event: 'ms.MessagingEventNotification.RichContentEvent',
				messageId: 4,
				sequence: 4,
				time: new Date(movedToToday(1516999340978)).toISOString(),
				richContent: CARD_CONTENT,
				messageAudience: null,
			},
		]);
	});

	test("LivePerson's documented conversation change (new conversation), signed by hand", async () => {
		const t = await start({ events: [CHANGE] }, false);
		// developers.liveperson.com → Connector API → Webhooks Examples: "Consumer created an new conversation"
		const documented = {
			kind: 'notification',
			body: {
				changes: [
					{
						type: 'UPSERT',
						result: {
							convId: '5491244f-e462-4c63-bf4e-faf4b2d3e7b5',
							conversationDetails: {
								participants: [
									{
										id: 'ade26082b1185839d17e0794924c1a0005cf5663e7c35e38f80dd8552a1a96e5',
										role: 'CONSUMER',
									},
								],
								brandId: '64467156',
								state: 'OPEN',
								startTs: movedToToday(1528371161882),
								metaDataLastUpdateTs: movedToToday(1528371161882),
								ttr: { ttrType: 'PRIORITIZED', value: 600 },
							},
						},
					},
				],
			},
			type: 'cqm.ExConversationChangeNotification',
		};
		const body = JSON.stringify(documented);
		expect((await post(t.url, body)).status).toBe(200);
		expect((await post(t.url, body)).body).toContain('replay');
		expect(t.executions.map((items) => items[0].json)).toEqual([
			{
				event: CHANGE,
				conversationId: '5491244f-e462-4c63-bf4e-faf4b2d3e7b5',
				messageId: null,
				sequence: null,
				text: null,
				authorType: null,
				state: 'OPEN',
				closeReason: null,
				skillId: null,
				agentId: null,
				consumerId: 'ade26082b1185839d17e0794924c1a0005cf5663e7c35e38f80dd8552a1a96e5',
				time: new Date(movedToToday(1528371161882)).toISOString(),
			},
		]);
	});
});
