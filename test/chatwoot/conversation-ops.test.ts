import nock from 'nock';

import { buildAssignmentBodies } from '../../nodes/Chatwoot/conversation/assign';
import { buildPriorityBody, buildStatusBody } from '../../nodes/Chatwoot/conversation/status';
import { runNode } from '../harness/engine';
import { forRequest } from './spec';

// Issue 12 (Chatwoot): Assign, Add / Set Labels, Set Priority, Change Status on the Application API.

const BASE = 'https://support.example.com';
const TOKEN = 'secret-chatwoot-user-token';
const CONV = '/api/v1/accounts/5/conversations/42';
const credentials = {
	chatwootConversationsApi: {
		baseUrl: BASE,
		inboxIdentifier: '',
		hmacToken: '',
		apiAccessToken: TOKEN,
		accountId: '5',
	},
};
const appApi = () => nock(BASE, { reqheaders: { 'api-access-token': TOKEN } });
const operation = (name: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'conversation',
	operation: name,
	conversationId: '42',
	...parameters,
});
const URL_42 = `${BASE}/app/accounts/5/conversations/42`;
const request = (path: string) =>
	forRequest(`/api/v1/accounts/{account_id}/conversations/{conversation_id}${path}`, 'post');

describe("Chatwoot conversation operations: bodies against Chatwoot's OpenAPI file", () => {
	test('assignments, labels, toggle_priority and toggle_status', () => {
		const assignment = request('/assignments');
		for (const body of buildAssignmentBodies({ assigneeId: 7, teamId: 2 }))
			expect(assignment(body)).toEqual([]);
		expect(assignment({ assignee_id: '7' })).not.toEqual([]);
		expect(request('/labels')({ labels: ['billing', 'vip'] })).toEqual([]);
		expect(request('/toggle_priority')(buildPriorityBody({ priority: 'urgent' }))).toEqual([]);
		// "none" is sent as null (Chatwoot's enum has no "none"): the only body that leaves the spec
		expect(buildPriorityBody({ priority: 'none' })).toEqual({ priority: null });
		expect(request('/toggle_status')(buildStatusBody({ status: 'resolved' }))).toEqual([]);
		expect(
			buildStatusBody({ status: 'snoozed', snoozedUntil: new Date('2026-01-01T00:00:00Z') }),
		).toEqual({ status: 'snoozed', snoozed_until: 1767225600 });
	});
});

describe('Chatwoot Conversations → Conversation → Assign', () => {
	const agent = { id: 7, name: 'Agent Smith', available_name: 'Agent Smith', role: 'agent' };
	const team = { id: 2, name: 'Billing' };

	test('team first, then agent (Chatwoot ignores team_id next to assignee_id)', async () => {
		const order: string[] = [];
		const scope = appApi()
			.post(`${CONV}/assignments`, { team_id: 2 })
			.reply(200, () => (order.push('team'), team))
			.post(`${CONV}/assignments`, { assignee_id: 7 })
			.reply(200, () => (order.push('agent'), agent));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: operation('assign', { assigneeId: '7', teamId: '={{ 2 }}' }),
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(order).toEqual(['team', 'agent']);
		expect(output[0].json).toEqual({
			conversationId: 42,
			assigneeId: 7,
			assigneeName: 'Agent Smith',
			teamId: 2,
			teamName: 'Billing',
			conversationUrl: URL_42,
		});
	});

	test('is tried again after a 503 (the same assignment twice is harmless)', async () => {
		const scope = appApi()
			.post(`${CONV}/assignments`, { assignee_id: 7 })
			.reply(503, { error: 'Service Unavailable' })
			.post(`${CONV}/assignments`, { assignee_id: 7 })
			.reply(200, agent);
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: operation('assign', { assigneeId: '7' }),
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({ assigneeId: 7, teamId: null });
	});

	test('an agent Chatwoot cannot assign (answer null) fails the item and says it is unassigned now', async () => {
		const scope = appApi().post(`${CONV}/assignments`, { assignee_id: 99 }).reply(200, 'null', {
			'content-type': 'application/json',
		});
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: operation('assign', { assigneeId: '99' }),
			credentials,
		});
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot has no agent with the ID 99 that conversation 42 can be assigned to [item 0]',
		);
		expect(error?.description).toContain('Collaborators');
	});

	test('neither agent nor team: refused before any request', async () => {
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: operation('assign'),
			credentials,
		});
		expect(error?.message).toBe('Agent and Team are both empty [item 0]');
	});
});

describe('Chatwoot Conversations → Conversation → Add Labels / Set Labels', () => {
	test('Set Labels replaces the list; labels are lower-cased; unknown ones are reported', async () => {
		const scope = appApi()
			.post(`${CONV}/labels`, { labels: ['billing', 'vip', 'nope'] })
			.reply(200, { payload: ['billing', 'vip'] });
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: operation('setLabels', { labels: 'Billing, vip,nope, billing' }),
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual({
			conversationId: 42,
			labels: ['billing', 'vip'],
			ignoredLabels: ['nope'],
			conversationUrl: URL_42,
		});
	});

	test('Add Labels reads the labels, then writes the union', async () => {
		const scope = appApi()
			.get(`${CONV}/labels`)
			.reply(200, { payload: ['bug', 'vip'] })
			.post(`${CONV}/labels`, { labels: ['bug', 'vip', 'billing'] })
			.reply(200, { payload: ['billing', 'bug', 'vip'] });
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: operation('addLabels', { labels: '={{ ["vip", "billing"] }}' }),
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			labels: ['billing', 'bug', 'vip'],
			ignoredLabels: [],
		});
	});

	test.each([
		['a label with a space', 'needs review', 'has "needs review", which is not a Chatwoot label'],
		['only commas', ' , ,', 'is required but is empty'],
	])('%s is refused before any request', async (_name, labels, reason) => {
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: operation('setLabels', { labels }),
			credentials,
		});
		expect(error?.message).toBe(
			`Label Names or IDs ${reason}${reason.endsWith('label') ? ': use letters, digits, "-" and "_" only, and commas between labels' : ''} [item 0]`,
		);
	});
});

describe('Chatwoot Conversations → Conversation → Set Priority / Change Status', () => {
	test('Set Priority sends the priority; None is sent as null', async () => {
		const scope = appApi()
			.post(`${CONV}/toggle_priority`, { priority: 'urgent' })
			.reply(200, '')
			.post(`${CONV}/toggle_priority`, { priority: null })
			.reply(200, '');
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: operation('setPriority', { priority: '={{ $json.priority }}' }),
			credentials,
			items: [{ priority: 'urgent' }, { priority: 'none' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output.map((item) => item.json.priority)).toEqual(['urgent', null]);
	});

	test('Change Status snoozes until a time (Unix seconds) and outputs it', async () => {
		const scope = appApi()
			.post(`${CONV}/toggle_status`, { status: 'snoozed', snoozed_until: 1767225600 })
			.reply(200, {
				meta: {},
				payload: {
					success: true,
					conversation_id: 42,
					current_status: 'snoozed',
					snoozed_until: '2026-01-01T00:00:00.000Z',
				},
			});
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: operation('changeStatus', {
				status: 'snoozed',
				snoozedUntil: '2026-01-01T00:00:00Z',
			}),
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual({
			conversationId: 42,
			status: 'snoozed',
			snoozedUntil: '2026-01-01T00:00:00.000Z',
			conversationUrl: URL_42,
		});
	});

	test('Change Status is tried again after a 502; a 404 names the conversation', async () => {
		const scope = appApi()
			.post(`${CONV}/toggle_status`, { status: 'resolved' })
			.reply(502, 'Bad Gateway')
			.post(`${CONV}/toggle_status`, { status: 'resolved' })
			.reply(404, { error: 'Resource could not be found' });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: operation('changeStatus', { status: 'resolved' }),
			credentials,
		});
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot could not change the status: Resource could not be found (HTTP 404) [item 0]',
		);
		expect(error?.description).toContain('no conversation with the ID 42 in account 5');
	});
});

interface ChatwootFake {
	url: string;
	baseUrl: string;
	credentials: Record<string, string>;
	state: { conversations: Array<Record<string, unknown>> } & Record<string, unknown>;
	reset(): void;
	close(): Promise<void>;
}
const sandbox = require('../sandbox') as {
	startVendorServer(vendor: string, options?: Record<string, unknown>): Promise<ChatwootFake>;
};

describe('Chatwoot conversation operations against the sandbox', () => {
	let fake: ChatwootFake;
	let sandboxCredentials: typeof credentials;
	let conversationId: number;
	beforeAll(async () => {
		fake = await sandbox.startVendorServer('chatwoot');
		sandboxCredentials = {
			chatwootConversationsApi: {
				...credentials.chatwootConversationsApi,
				baseUrl: fake.baseUrl,
				inboxIdentifier: fake.credentials.inboxIdentifier,
				apiAccessToken: fake.credentials.apiAccessToken,
				accountId: '1',
			},
		};
	});
	afterAll(async () => fake.close());
	beforeEach(async () => {
		fake.reset();
		const created = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'conversation', operation: 'create', contactMode: 'new' },
			credentials: sandboxCredentials,
		});
		expect(created.error).toBeUndefined();
		conversationId = created.output[0].json.conversationId as number;
	});
	const run = (name: string, parameters: Record<string, unknown>) =>
		runNode({
			type: 'chatwoot',
			parameters: operation(name, { conversationId: String(conversationId), ...parameters }),
			credentials: sandboxCredentials,
		});

	test('assign, label, prioritise and snooze one conversation', async () => {
		for (const [name, parameters] of [
			['assign', { assigneeId: '2', teamId: '2' }],
			['setLabels', { labels: 'billing' }],
			['addLabels', { labels: 'vip, unknown-label' }],
			['setPriority', { priority: 'high' }],
			['changeStatus', { status: 'snoozed', snoozedUntil: '2026-01-01T00:00:00Z' }],
		] as const) {
			const { error } = await run(name, parameters);
			expect(error).toBeUndefined();
		}
		expect(fake.state.conversations[0]).toMatchObject({
			assignee_id: 2,
			team_id: 2,
			labels: ['billing', 'vip'],
			priority: 'high',
			status: 'snoozed',
			snoozed_until: '2026-01-01T00:00:00.000Z',
		});
		const { error } = await run('setPriority', { priority: 'none' });
		expect(error).toBeUndefined();
		expect(fake.state.conversations[0].priority).toBeNull();
	});

	test('Search finds the conversation by label, team and assignee', async () => {
		await run('assign', { assigneeId: '2', teamId: '2' });
		await run('setLabels', { labels: 'vip' });
		const search = (additionalFields: Record<string, string>) =>
			runNode({
				type: 'chatwoot',
				parameters: { resource: 'conversation', operation: 'search', additionalFields },
				credentials: sandboxCredentials,
			});
		const found = await search({ labels: 'vip, billing', teamId: '2', assigneeType: 'assigned' });
		expect(found.error).toBeUndefined();
		expect(found.output.map((item) => item.json)).toEqual([
			expect.objectContaining({ conversationId, assigneeId: 2, teamId: 2, labels: ['vip'] }),
		]);
		const none = await search({ assigneeType: 'unassigned' });
		expect(none.output).toEqual([]);
	});
});

describe('Chatwoot Conversations → Conversation → Search', () => {
	const listed = (id: number) => ({
		id,
		status: 'open',
		inbox_id: 3,
		labels: ['billing'],
		priority: 'high',
		unread_count: 2,
		created_at: 1767225600,
		timestamp: 1767229200,
		meta: {
			sender: { id: 77, name: 'Ana Lima' },
			assignee: { id: 7, name: 'Agent Smith' },
			team: null,
		},
	});
	const page = (ids: number[]) => ({
		data: { meta: { all_count: ids.length }, payload: ids.map(listed) },
	});
	const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

	test('sends every filter and outputs one item per conversation, paired to the input item', async () => {
		const scope = appApi()
			.get('/api/v1/accounts/5/conversations')
			.query({
				status: 'pending',
				page: '1',
				assignee_type: 'unassigned',
				inbox_id: '3',
				team_id: '2',
				labels: 'billing,vip',
				q: 'refund',
			})
			.reply(200, page([42, 41]));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'search',
				status: 'pending',
				additionalFields: {
					assigneeType: 'unassigned',
					inboxId: '3',
					teamId: '2',
					labels: 'billing, VIP',
					query: 'refund',
				},
			},
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output).toHaveLength(2);
		expect(output[0]).toEqual({
			json: {
				conversationId: 42,
				status: 'open',
				inboxId: 3,
				contactId: 77,
				contactName: 'Ana Lima',
				assigneeId: 7,
				teamId: null,
				labels: ['billing'],
				priority: 'high',
				unreadCount: 2,
				createdAt: '2026-01-01T00:00:00.000Z',
				lastActivityAt: '2026-01-01T01:00:00.000Z',
				conversationUrl: URL_42,
			},
			pairedItem: { item: 0 },
		});
	});

	test('Limit reads only the pages it needs; Return All reads until a short page', async () => {
		const scope = appApi()
			.get('/api/v1/accounts/5/conversations')
			.query({ status: 'open', page: '1' })
			.reply(200, page(ids(1, 25)))
			.get('/api/v1/accounts/5/conversations')
			.query({ status: 'open', page: '2' })
			.reply(200, page(ids(26, 25)));
		const limited = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'conversation', operation: 'search', limit: 30 },
			credentials,
		});
		expect(limited.error).toBeUndefined();
		scope.done();
		expect(limited.output.map((item) => item.json.conversationId)).toEqual(ids(1, 30));

		const all = appApi()
			.get('/api/v1/accounts/5/conversations')
			.query({ status: 'all', page: '1' })
			.reply(200, page(ids(1, 25)))
			.get('/api/v1/accounts/5/conversations')
			.query({ status: 'all', page: '2' })
			.reply(200, page(ids(26, 3)));
		const everything = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'conversation', operation: 'search', status: 'all', returnAll: true },
			credentials,
		});
		expect(everything.error).toBeUndefined();
		all.done();
		expect(everything.output).toHaveLength(28);
	});

	test('a Limit of 0 is refused before any request', async () => {
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'conversation', operation: 'search', limit: '={{ 0 }}' },
			credentials,
		});
		expect(error?.message).toBe('Limit must be at least 1 [item 0]');
	});
});
