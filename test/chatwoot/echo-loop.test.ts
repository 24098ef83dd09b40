import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { startTrigger, type TriggerHarness } from '../harness/webhook';

// Echo loops, on n8n's engine: the Chatwoot Conversations Trigger (webhook() through the harness)
// and the Chatwoot node's Assign (runNode) against the sandbox's Chatwoot, which delivers
// conversation_updated after every change made through its API, as Chatwoot does, without saying
// who made it. "The workflow" assigns each updated conversation to the next agent (round robin, as
// a load-balancing workflow does), so every run of it changes the conversation again.

interface ChatwootFake {
	url: string;
	state: { webhooks: IDataObject[]; deliveries: IDataObject[] };
	settled(): Promise<void>;
	close(): Promise<void>;
}
const { startVendorServer } = require('../sandbox') as {
	startVendorServer(name: string, options?: IDataObject): Promise<ChatwootFake>;
};

const TOKEN = 'sandbox-chatwoot-api-token';
/** More runs than any outside change explains: the workflow is starting itself. */
const LOOP = 10;

let fake: ChatwootFake;
let trigger: TriggerHarness | undefined;
let conversationId: number;

const credentials = () => ({
	chatwootConversationsApi: {
		baseUrl: fake.url,
		apiAccessToken: TOKEN,
		accountId: '1',
		inboxIdentifier: '',
		hmacToken: '',
	},
});

async function api(method: string, path: string, body?: unknown): Promise<IDataObject> {
	const response = await fetch(`${fake.url}/api/v1/accounts/1${path}`, {
		method,
		headers: { 'api-access-token': TOKEN, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return text ? (JSON.parse(text) as IDataObject) : {};
}

/**
 * Runs "the workflow" for every execution the trigger started and not yet handled, and for the
 * executions those runs cause, up to LOOP runs. Returns the number of runs.
 */
async function runWorkflow(t: TriggerHarness, from: number): Promise<number> {
	let handled = from;
	while (handled < t.executions.length && handled < LOOP) {
		const item = t.executions[handled++][0].json;
		const assigned = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'assign',
				conversationId: String(item.conversationId),
				assigneeId: handled % 2 === 1 ? '2' : '1',
			},
			credentials: credentials(),
		});
		expect(assigned.error).toBeUndefined();
		await fake.settled();
	}
	return handled - from;
}

async function start(parameters: INodeParameters) {
	trigger = await startTrigger({
		type: 'chatwootTrigger',
		parameters: { events: ['conversation_updated'], ...parameters },
		credentials: credentials(),
	});
	await trigger.activate();
	return trigger;
}

beforeAll(async () => {
	fake = await startVendorServer('chatwoot', { autoDeliver: true });
	const contact = await api('POST', '/contacts', { inbox_id: 1, name: 'Ana Lima' });
	const payload = contact.payload as IDataObject;
	const conversation = await api('POST', '/conversations', {
		inbox_id: 1,
		contact_id: (payload.contact as IDataObject).id,
		source_id: (payload.contact_inbox as IDataObject).source_id,
	});
	conversationId = conversation.id as number;
});
afterEach(async () => {
	await trigger?.hook('delete');
	await trigger?.close();
	trigger = undefined;
});
afterAll(async () => {
	await fake.close();
});

test('a workflow that assigns on every conversation_updated, Changed Attributes without Assignee: one run per outside change, not a loop', async () => {
	const t = await start({ changedAttributes: ['status', 'priority', 'label_list'] });
	// outside changes (an agent resolves, then sets the priority): one run each
	await api('POST', `/conversations/${conversationId}/toggle_status`, { status: 'resolved' });
	await fake.settled();
	expect(await runWorkflow(t, 0)).toBe(1);
	await api('POST', `/conversations/${conversationId}/toggle_priority`, { priority: 'high' });
	await fake.settled();
	expect(await runWorkflow(t, 1)).toBe(1);
	expect(t.executions.map((items) => items[0].json.conversationId)).toEqual([
		conversationId,
		conversationId,
	]);
	// the workflow's own assignments came back and started nothing
	const ignoredReasons = t.deliveries
		.map((d) => (d.result?.webhookResponse as IDataObject | undefined)?.ignored)
		.filter(Boolean);
	expect(ignoredReasons).toEqual(['changed attributes', 'changed attributes']);
});

test('the same workflow listening to every update (Changed Attributes empty): its own assignments start it again and again', async () => {
	const t = await start({});
	await api('POST', `/conversations/${conversationId}/toggle_status`, { status: 'open' });
	await fake.settled();
	// what the README warns of: Chatwoot does not say who changed the conversation
	expect(await runWorkflow(t, 0)).toBe(LOOP);
});
