import { runNode } from '../harness/engine';

// The whole lifecycle against the loopback Intercom fake (test/sandbox), which validates every body
// against the 2.14 OpenAPI: create → assign → tag by name → note → snooze → search → update → close
// → open → remove tag, with the fake's state checked after each step.
const { startVendorServer } = require('../sandbox');

interface Conversation {
	id: string;
	state: string;
	title: string | null;
	snoozed_until: number | null;
	admin_assignee_id: number | null;
	team_assignee_id: number | null;
	custom_attributes: Record<string, unknown>;
	tags: { tags: Array<{ id: string; name: string }> };
	conversation_parts: { conversation_parts: Array<{ part_type: string; body: string | null }> };
}
interface Server {
	baseUrl: string;
	credentials: { accessToken: string };
	state: { conversations: Conversation[] };
	requestsTo(method: string, path: string | RegExp): Array<{ status: number }>;
	reset(): void;
	close(): Promise<void>;
}

let server: Server;
beforeAll(async () => {
	server = await startVendorServer('intercom', {});
});
afterAll(async () => server.close());

const JANE = '536e564f316c83104c000020';
const credentials = (apiVersion = '2.14') => ({
	intercomConversationsApi: {
		accessToken: server.credentials.accessToken,
		region: 'custom',
		baseUrl: server.baseUrl,
		apiVersion,
		workspaceId: '',
	},
});
async function step(operation: string, parameters: Record<string, unknown>, apiVersion?: string) {
	const result = await runNode({
		type: 'intercom',
		parameters: { resource: 'conversation', operation, ...parameters },
		credentials: credentials(apiVersion),
	});
	expect(result.error).toBeUndefined();
	return result.output;
}

test('a conversation through every operation, as the fake records it', async () => {
	server.reset();
	const [created] = await step('create', {
		contactBy: 'id',
		contactId: JANE,
		additionalFields: { senderType: 'user' },
		body: 'My invoice is wrong',
	});
	const id = String(created.json.conversationId);
	const conversation = () => server.state.conversations.find((c) => c.id === id)!;
	const parts = () => conversation().conversation_parts.conversation_parts;

	await step('assign', { conversationId: id, assigneeType: 'team', assigneeId: '814860' });
	expect(conversation().team_assignee_id).toBe(814860);
	await step('assign', { conversationId: id, assigneeId: '991267001' });
	expect(conversation().admin_assignee_id).toBe(991267001);

	const [tagged] = await step('addTag', { conversationId: id, tagBy: 'name', tagName: 'vip' });
	expect(tagged.json).toMatchObject({ tagId: '86', tagName: 'VIP', tagged: true });
	expect(conversation().tags.tags.map((tag) => tag.name)).toEqual(['VIP']);

	await step('replyAsAdmin', {
		conversationId: id,
		message: 'Billing, please check',
		messageType: 'note',
	});
	expect(parts().at(-1)).toMatchObject({ part_type: 'note', body: 'Billing, please check' });

	const until = new Date(Date.now() + 3_600_000);
	const [snoozed] = await step('snooze', { conversationId: id, snoozeUntil: until.toISOString() });
	expect(conversation()).toMatchObject({
		state: 'snoozed',
		snoozed_until: Math.floor(until.getTime() / 1000),
	});
	expect(snoozed.json.snoozedUntil).toBe(
		new Date(Math.floor(until.getTime() / 1000) * 1000).toISOString(),
	);

	const found = await step('search', {
		state: 'snoozed',
		filters: { contactId: JANE, teamAssigneeId: '814860' },
	});
	expect(found.map((item) => item.json.conversationId)).toEqual([id]);
	expect(await step('search', { state: 'closed', filters: { contactId: JANE } })).toEqual([]);

	await step('update', {
		conversationId: id,
		updateFields: { title: 'Wrong invoice', customAttributes: '{"issue_type": "Billing"}' },
	});
	expect(conversation()).toMatchObject({
		title: 'Wrong invoice',
		custom_attributes: { issue_type: 'Billing' },
	});

	await step('close', { conversationId: id, additionalFields: { message: 'Fixed, sorry!' } });
	expect(conversation().state).toBe('closed');
	expect(parts().at(-1)).toMatchObject({ part_type: 'close', body: 'Fixed, sorry!' });
	await step('open', { conversationId: id });
	expect(conversation().state).toBe('open');

	const [untagged] = await step('removeTag', { conversationId: id, tagId: '86' });
	expect(untagged.json.tagged).toBe(false);
	expect(conversation().tags.tags).toEqual([]);

	await step('replyAsAdmin', { conversationId: id, message: 'All set.' });
	expect(parts().at(-1)).toMatchObject({ part_type: 'comment', body: 'All set.' });
	// the fake refused nothing: every body matched the 2.14 description
	expect(server.requestsTo('', /./).filter((request) => request.status >= 400)).toEqual([]);
});

test('Search pages through more than one page of the fake with Return All and stops at Limit', async () => {
	server.reset();
	const created = await runNode({
		type: 'intercom',
		parameters: {
			resource: 'conversation',
			operation: 'create',
			contactBy: 'id',
			contactId: JANE,
			additionalFields: { senderType: 'user' },
			body: '={{ "n" + $json.n }}',
		},
		credentials: credentials(),
		items: Array.from({ length: 160 }, (_, n) => ({ n })),
	});
	expect(created.output).toHaveLength(160);
	const all = await step('search', {
		state: 'open',
		returnAll: true,
		filters: { contactId: JANE },
	});
	expect(all).toHaveLength(160);
	expect(new Set(all.map((item) => item.json.conversationId)).size).toBe(160);
	const some = await step('search', { state: 'any', limit: 155 });
	expect(some).toHaveLength(155);
	expect(server.requestsTo('POST', '/conversations/search')).toHaveLength(4);
});

test('a wrong Admin ID is named in the error; Title with API 2.12 sends nothing', async () => {
	server.reset();
	const [created] = await step('create', {
		contactBy: 'id',
		contactId: JANE,
		additionalFields: { senderType: 'user' },
		body: 'Hi',
	});
	const failed = await runNode({
		type: 'intercom',
		parameters: {
			resource: 'conversation',
			operation: 'close',
			conversationId: String(created.json.conversationId),
			adminId: '123',
		},
		credentials: credentials(),
	});
	expect(failed.error?.message).toBe(
		'Intercom could not close the conversation: Admin not found (field: admin_id) [admin_not_found] (HTTP 404) [item 0]',
	);
	const refused = await runNode({
		type: 'intercom',
		parameters: {
			resource: 'conversation',
			operation: 'update',
			conversationId: String(created.json.conversationId),
			updateFields: { title: 'T' },
		},
		credentials: credentials('2.12'),
	});
	expect(refused.error?.message).toContain('Update Fields › Title needs Intercom API version 2.13');
	expect(server.requestsTo('PUT', /./)).toEqual([]);
});
