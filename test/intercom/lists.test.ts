import nock from 'nock';
import type { IDataObject, NodeParameterValueType } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { runListSearch, runLoadOptions } from '../harness/lists';

// The "From list" pickers and the multi-select lists of the Intercom node, run as the editor runs
// them (n8n-core's LoadOptionsContext), and the picked, typed or pasted values in a run.

const API = 'https://api.intercom.io';
const CONTACT_ID = '6762f0dd1bb69f9f2193bb83';
const credentials = {
	intercomConversationsApi: {
		accessToken: 'secret-intercom-token',
		region: 'https://api.intercom.io',
		baseUrl: '',
		apiVersion: '2.14',
		workspaceId: 'abc123de',
	},
};
const headers = { authorization: 'Bearer secret-intercom-token', 'intercom-version': '2.14' };
const admins = {
	type: 'admin.list',
	admins: [
		{ type: 'admin', id: '814860', name: 'Zoe Support', email: 'zoe@example.com' },
		{ type: 'admin', id: '991267459', name: 'Ana Admin', email: 'ana@example.com' },
	],
};
const teams = {
	type: 'team.list',
	teams: [
		{ type: 'team', id: '7', name: 'Support', admin_ids: [] },
		{ type: 'team', id: '5', name: 'Billing', admin_ids: [] },
	],
};
const tags = {
	type: 'list',
	data: [
		{ type: 'tag', id: '87', name: 'VIP' },
		{ type: 'tag', id: '86', name: 'Billing' },
	],
};
const unauthorized = {
	type: 'error.list',
	errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }],
};
const rateLimited = { type: 'error.list', errors: [{ code: 'rate_limit_exceeded' }] };
const WRONG_TOKEN =
	/^Intercom .*401.*\. Check the Access Token of the Intercom Conversations credential/;

afterEach(() => nock.cleanAll());

const search = (method: string, filter?: string, more: Record<string, unknown> = {}) =>
	runListSearch({ type: 'intercom', method, credentials, filter, ...more });

/** The lists Intercom answers in one page (admins, teams, tags): searched by the node, not by Intercom. */
describe.each([
	{
		list: 'Admin (GET /admins)',
		method: 'searchAdmins',
		path: '/admins',
		answer: admins,
		empty: { type: 'admin.list', admins: [] },
		all: [
			{ name: 'Ana Admin (ana@example.com)', value: '991267459' },
			{ name: 'Zoe Support (zoe@example.com)', value: '814860' },
		],
		filter: 'zoe',
		found: [{ name: 'Zoe Support (zoe@example.com)', value: '814860' }],
	},
	{
		list: 'Team (GET /teams)',
		method: 'searchTeams',
		path: '/teams',
		answer: teams,
		empty: { type: 'team.list', teams: [] },
		all: [
			{ name: 'Billing', value: '5' },
			{ name: 'Support', value: '7' },
		],
		filter: 'supp',
		found: [{ name: 'Support', value: '7' }],
	},
	{
		list: 'Tag (GET /tags)',
		method: 'searchTags',
		path: '/tags',
		answer: tags,
		empty: { type: 'list', data: [] },
		all: [
			{ name: 'Billing', value: '86' },
			{ name: 'VIP', value: '87' },
		],
		filter: '87',
		found: [{ name: 'VIP', value: '87' }],
	},
])('$list: From list', ({ method, path, answer, empty, all, filter, found }) => {
	test('lists every entry by name, sorted, with the ID as value, in one page', async () => {
		const scope = nock(API, { reqheaders: headers }).get(path).reply(200, answer);
		expect(await search(method)).toEqual({ results: all });
		scope.done();
	});

	test('the search text keeps the entries whose name contains it, or whose ID it is', async () => {
		nock(API).get(path).reply(200, answer);
		expect((await search(method, filter)).results).toEqual(found);
	});

	test('an empty workspace is an empty list', async () => {
		nock(API).get(path).reply(200, empty);
		expect(await search(method)).toEqual({ results: [] });
	});

	test('a wrong token is one line naming the credential field to fix', async () => {
		nock(API).get(path).reply(401, unauthorized);
		await expect(search(method)).rejects.toThrow(WRONG_TOKEN);
	});

	test('a 429 is waited out (Retry-After), then the list comes', async () => {
		const scope = nock(API)
			.get(path)
			.reply(429, rateLimited, { 'Retry-After': '1' })
			.get(path)
			.reply(200, answer);
		expect((await search(method)).results).toHaveLength(2);
		scope.done();
	});
});

describe('Admin: From list', () => {
	test('a redirect is refused, not followed', async () => {
		nock(API).get('/admins').reply(301, '', { Location: 'https://elsewhere.example.com/admins' });
		await expect(search('searchAdmins')).rejects.toThrow(
			/redirect to https:\/\/elsewhere\.example\.com/,
		);
	});
});

describe('Assign → Assignee: From list (admins or teams, as Assign To says)', () => {
	const assignees = (assigneeType: string, filter?: string) =>
		search('searchAssignees', filter, {
			parameters: { resource: 'conversation', operation: 'assign', assigneeType },
		});

	test('Assign To "Admin": Unassigned first, then the admins', async () => {
		nock(API).get('/admins').reply(200, admins);
		expect((await assignees('admin')).results).toEqual([
			{ name: 'Unassigned (Remove the Assignment)', value: '0' },
			{ name: 'Ana Admin (ana@example.com)', value: '991267459' },
			{ name: 'Zoe Support (zoe@example.com)', value: '814860' },
		]);
	});

	test('Assign To "Team": No Team first, then the teams; the search text filters them', async () => {
		const scope = nock(API).get('/teams').twice().reply(200, teams);
		expect((await assignees('team')).results.map((entry) => entry.value)).toEqual(['0', '5', '7']);
		expect((await assignees('team', 'bill')).results).toEqual([{ name: 'Billing', value: '5' }]);
		scope.done();
	});

	test('a wrong token is one line naming the credential field to fix', async () => {
		nock(API).get('/teams').reply(401, unauthorized);
		await expect(assignees('team')).rejects.toThrow(WRONG_TOKEN);
	});

	test('the list is loaded again when Assign To changes', async () => {
		const { loadPackage, nodeTypeName } = await import('../harness/engine');
		const { nodes } = await loadPackage();
		const assignee = nodes[nodeTypeName('intercom')].description.properties.find(
			(property) => property.name === 'assigneeId',
		);
		expect(assignee?.typeOptions?.loadOptionsDependsOn).toEqual(['assigneeType']);
	});
});

describe('Tag Names or IDs: the multi-select list (GET /tags)', () => {
	const getTags = () => runLoadOptions({ type: 'intercom', method: 'getTags', credentials });

	test('the tags by name, sorted, with their IDs as values', async () => {
		nock(API, { reqheaders: headers }).get('/tags').reply(200, tags);
		expect(await getTags()).toEqual([
			{ name: 'Billing', value: '86' },
			{ name: 'VIP', value: '87' },
		]);
	});

	test('no tags is an empty list', async () => {
		nock(API).get('/tags').reply(200, { type: 'list', data: [] });
		expect(await getTags()).toEqual([]);
	});

	test('a wrong token is one line naming the credential field to fix', async () => {
		nock(API).get('/tags').reply(401, unauthorized);
		await expect(getTags()).rejects.toThrow(WRONG_TOKEN);
	});

	test('a 429 is waited out, then the list comes', async () => {
		nock(API)
			.get('/tags')
			.reply(429, rateLimited, { 'Retry-After': '1' })
			.get('/tags')
			.reply(200, tags);
		expect(await getTags()).toHaveLength(2);
	});
});

const contact = (id: string, name: string | null, email: string | null, role = 'user') => ({
	type: 'contact',
	id,
	name,
	email,
	role,
});
const page = (
	key: 'data' | 'conversations',
	entries: IDataObject[],
	next?: string,
): IDataObject => ({
	type: key === 'data' ? 'list' : 'conversation.list',
	[key]: entries,
	total_count: entries.length,
	pages: { type: 'pages', per_page: 50, ...(next ? { next: { starting_after: next } } : {}) },
});

describe('Contact: From list (the contacts search, paged by Intercom cursor)', () => {
	const EVERYTHING = { field: 'created_at', operator: '>', value: 0 };

	test('a page of contacts by name and e-mail, with a link to each and the next cursor', async () => {
		const scope = nock(API, { reqheaders: headers })
			.post('/contacts/search', { query: EVERYTHING, pagination: { per_page: 50 } })
			.reply(
				200,
				page(
					'data',
					[
						contact(CONTACT_ID, 'Jane Doe', 'jane@example.com'),
						contact('5989303470da497b1babb9ef', 'Website Visitor', null, 'lead'),
						contact('5989303470da497b1babb9f0', null, 'only@example.com'),
					],
					'cursor-2',
				),
			);
		expect(await search('searchContacts')).toEqual({
			results: [
				{
					name: 'Jane Doe (jane@example.com)',
					value: CONTACT_ID,
					url: `https://app.intercom.com/a/apps/abc123de/users/${CONTACT_ID}`,
				},
				{
					name: 'Website Visitor (lead)',
					value: '5989303470da497b1babb9ef',
					url: 'https://app.intercom.com/a/apps/abc123de/users/5989303470da497b1babb9ef',
				},
				{
					name: 'only@example.com',
					value: '5989303470da497b1babb9f0',
					url: 'https://app.intercom.com/a/apps/abc123de/users/5989303470da497b1babb9f0',
				},
			],
			paginationToken: 'cursor-2',
		});
		scope.done();
	});

	test('the next page is asked with the cursor; the last page gives no token', async () => {
		const scope = nock(API)
			.post('/contacts/search', {
				query: EVERYTHING,
				pagination: { per_page: 50, starting_after: 'cursor-2' },
			})
			.reply(200, page('data', [contact(CONTACT_ID, 'Jane Doe', null)]));
		expect(await search('searchContacts', undefined, { paginationToken: 'cursor-2' })).toEqual({
			results: [
				{
					name: 'Jane Doe',
					value: CONTACT_ID,
					url: `https://app.intercom.com/a/apps/abc123de/users/${CONTACT_ID}`,
				},
			],
		});
		scope.done();
	});

	test('a cursor Intercom answers again is not followed (no endless list)', async () => {
		nock(API)
			.post('/contacts/search')
			.reply(200, page('data', [contact(CONTACT_ID, 'Jane Doe', null)], 'cursor-2'));
		const answer = await search('searchContacts', undefined, { paginationToken: 'cursor-2' });
		expect(answer.paginationToken).toBeUndefined();
	});

	test('the search text is searched by Intercom in names and e-mails, and as an ID', async () => {
		const scope = nock(API)
			.post('/contacts/search', {
				query: {
					operator: 'OR',
					value: [
						{ field: 'id', operator: '=', value: 'jane' },
						{ field: 'name', operator: '~', value: 'jane' },
						{ field: 'email', operator: '~', value: 'jane' },
					],
				},
				pagination: { per_page: 50 },
			})
			.reply(200, page('data', [contact(CONTACT_ID, 'Jane Doe', 'jane@example.com')]));
		expect((await search('searchContacts', ' jane ')).results).toHaveLength(1);
		scope.done();
	});

	test('text that cannot be an ID is searched in names and e-mails only', async () => {
		const scope = nock(API)
			.post('/contacts/search', {
				query: {
					operator: 'OR',
					value: [
						{ field: 'name', operator: '~', value: 'jane@example' },
						{ field: 'email', operator: '~', value: 'jane@example' },
					],
				},
				pagination: { per_page: 50 },
			})
			.reply(200, page('data', []));
		expect(await search('searchContacts', 'jane@example')).toEqual({ results: [] });
		scope.done();
	});

	test('no contacts is an empty list', async () => {
		nock(API).post('/contacts/search').reply(200, page('data', []));
		expect(await search('searchContacts')).toEqual({ results: [] });
	});

	test('without the workspace ID in the credential the entries have no link', async () => {
		nock(API)
			.post('/contacts/search')
			.reply(200, page('data', [contact(CONTACT_ID, 'Jane Doe', null)]));
		const answer = await runListSearch({
			type: 'intercom',
			method: 'searchContacts',
			credentials: {
				intercomConversationsApi: { ...credentials.intercomConversationsApi, workspaceId: '' },
			},
		});
		expect(answer.results).toEqual([{ name: 'Jane Doe', value: CONTACT_ID }]);
	});

	test('a wrong token is one line naming the credential field to fix', async () => {
		nock(API).post('/contacts/search').reply(401, unauthorized);
		await expect(search('searchContacts')).rejects.toThrow(WRONG_TOKEN);
	});

	test('a 429 is waited out (X-RateLimit-Reset), then the page comes', async () => {
		const scope = nock(API)
			.post('/contacts/search')
			.reply(429, rateLimited, { 'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 1) })
			.post('/contacts/search')
			.reply(200, page('data', [contact(CONTACT_ID, 'Jane Doe', null)]));
		expect((await search('searchContacts')).results).toHaveLength(1);
		scope.done();
	});
});

const conversation = (id: string, extra: IDataObject = {}) => ({
	type: 'conversation',
	id,
	state: 'open',
	title: null,
	source: {
		type: 'conversation',
		subject: '',
		body: '<p>I can&#39;t log in to my account since this morning, please help me</p>',
		author: { type: 'user', id: CONTACT_ID, name: 'Jane Doe', email: 'jane@example.com' },
	},
	...extra,
});

describe('Conversation: From list (the conversations search, paged by Intercom cursor)', () => {
	const EVERYTHING = { field: 'created_at', operator: '>', value: 0 };

	test('a page of conversations: who started it, about what, its ID and state, a link, the next cursor', async () => {
		const scope = nock(API, { reqheaders: headers })
			.post('/conversations/search', { query: EVERYTHING, pagination: { per_page: 50 } })
			.reply(
				200,
				page(
					'conversations',
					[
						conversation('499'),
						conversation('500', {
							state: 'closed',
							source: { subject: 'Invoice <b>2026-01</b>', author: { email: 'bob@example.com' } },
						}),
						conversation('501', { title: 'Refund', source: {} }),
					],
					'cursor-2',
				),
			);
		expect(await search('searchConversations')).toEqual({
			results: [
				{
					name: "Jane Doe: I can't log in to my account since this morning, please… (#499)",
					value: '499',
					url: 'https://app.intercom.com/a/apps/abc123de/conversations/499',
				},
				{
					name: 'bob@example.com: Invoice 2026-01 (#500, closed)',
					value: '500',
					url: 'https://app.intercom.com/a/apps/abc123de/conversations/500',
				},
				{
					name: 'Refund (#501)',
					value: '501',
					url: 'https://app.intercom.com/a/apps/abc123de/conversations/501',
				},
			],
			paginationToken: 'cursor-2',
		});
		scope.done();
	});

	test('the next page is asked with the cursor; the last page gives no token', async () => {
		const scope = nock(API)
			.post('/conversations/search', {
				query: EVERYTHING,
				pagination: { per_page: 50, starting_after: 'cursor-2' },
			})
			.reply(200, page('conversations', [conversation('502')]));
		const answer = await search('searchConversations', undefined, { paginationToken: 'cursor-2' });
		expect(answer.results.map((entry) => entry.value)).toEqual(['502']);
		expect(answer.paginationToken).toBeUndefined();
		scope.done();
	});

	test('the search text is searched by Intercom in the subject and author; a number also as an ID', async () => {
		const scope = nock(API)
			.post('/conversations/search', {
				query: {
					operator: 'OR',
					value: [
						{ field: 'id', operator: '=', value: '499' },
						{ field: 'source.subject', operator: '~', value: '499' },
						{ field: 'source.author.name', operator: '~', value: '499' },
						{ field: 'source.author.email', operator: '~', value: '499' },
					],
				},
				pagination: { per_page: 50 },
			})
			.reply(200, page('conversations', [conversation('499')]))
			.post('/conversations/search', {
				query: {
					operator: 'OR',
					value: [
						{ field: 'source.subject', operator: '~', value: 'jane' },
						{ field: 'source.author.name', operator: '~', value: 'jane' },
						{ field: 'source.author.email', operator: '~', value: 'jane' },
					],
				},
				pagination: { per_page: 50 },
			})
			.reply(200, page('conversations', [conversation('499')]));
		expect((await search('searchConversations', '499')).results).toHaveLength(1);
		expect((await search('searchConversations', 'jane')).results).toHaveLength(1);
		scope.done();
	});

	test('no conversations is an empty list', async () => {
		nock(API).post('/conversations/search').reply(200, page('conversations', []));
		expect(await search('searchConversations')).toEqual({ results: [] });
	});

	test('a wrong token is one line naming the credential field to fix', async () => {
		nock(API).post('/conversations/search').reply(401, unauthorized);
		await expect(search('searchConversations')).rejects.toThrow(WRONG_TOKEN);
	});

	test('a 429 is waited out (Retry-After), then the page comes', async () => {
		const scope = nock(API)
			.post('/conversations/search')
			.reply(429, rateLimited, { 'Retry-After': '1' })
			.post('/conversations/search')
			.reply(200, page('conversations', [conversation('499')]));
		expect((await search('searchConversations')).results).toHaveLength(1);
		scope.done();
	});
});

describe('Admin in a run: the picked, typed or pasted value', () => {
	const close = (adminId: NodeParameterValueType) =>
		runNode({
			type: 'intercom',
			parameters: { resource: 'conversation', operation: 'close', conversationId: '123', adminId },
			credentials,
		});

	test.each([
		['From list', { __rl: true, mode: 'list', value: '814860', cachedResultName: 'Zoe Support' }],
		['By ID', { __rl: true, mode: 'id', value: '814860' }],
		['a plain value (an expression)', '814860'],
	])('%s sends the admin ID', async (_mode, adminId) => {
		const scope = nock(API)
			.post(
				'/conversations/123/parts',
				(body) => body.admin_id === '814860' && body.message_type === 'close',
			)
			.reply(200, { type: 'conversation', id: '123', state: 'closed' });
		const { error } = await close(adminId);
		expect(error).toBeUndefined();
		scope.done();
	});

	test('an empty pick means the token owner (GET /me)', async () => {
		const scope = nock(API)
			.get('/me')
			.reply(200, { type: 'admin', id: '991267459' })
			.post('/conversations/123/parts', (body) => body.admin_id === '991267459')
			.reply(200, { type: 'conversation', id: '123', state: 'closed' });
		const { error } = await close({ __rl: true, mode: 'list', value: '' });
		expect(error).toBeUndefined();
		scope.done();
	});

	test('a bad ID typed By ID names the field and the item before any request', async () => {
		const { error } = await close({ __rl: true, mode: 'id', value: '1/2' });
		expect(error?.message).toBe(
			'Admin "1/2" is not valid: an ID has only letters, digits, "-", "_" and ":" [item 0]',
		);
	});
});

describe('Conversation in a run: picked, typed, or pasted as an address', () => {
	const get = (conversationId: NodeParameterValueType) =>
		runNode({
			type: 'intercom',
			parameters: { resource: 'conversation', operation: 'get', conversationId },
			credentials,
		});

	test.each([
		['From list', { __rl: true, mode: 'list', value: '499', cachedResultName: 'Jane Doe: Hi' }],
		['By ID', { __rl: true, mode: 'id', value: '499' }],
		['a plain value (an expression)', '499'],
		[
			"By URL: this node's conversationUrl output",
			{
				__rl: true,
				mode: 'url',
				value: 'https://app.intercom.com/a/apps/abc123de/conversations/499',
			},
		],
		[
			"By URL: the inbox's address, EU region, with a view",
			{
				__rl: true,
				mode: 'url',
				value:
					'https://app.eu.intercom.com/a/inbox/abc123de/inbox/shared/all/conversation/499?view=List',
			},
		],
		[
			"By URL: the inbox's address of an admin's inbox",
			{
				__rl: true,
				mode: 'url',
				value:
					'https://app.intercom.com/a/inbox/abc123de/inbox/admin/814860/conversation/499#part_id=comment-1',
			},
		],
	])('%s gets the conversation 499', async (_mode, conversationId) => {
		const scope = nock(API)
			.get('/conversations/499')
			.reply(200, conversation('499', { conversation_parts: { conversation_parts: [] } }));
		const { error, output } = await get(conversationId);
		expect(error).toBeUndefined();
		expect(output[0].json.conversationId).toBe('499');
		scope.done();
	});

	test('an address the node cannot read says where the ID is, before any request', async () => {
		const { error } = await get({
			__rl: true,
			mode: 'url',
			value: 'https://app.intercom.com/a/apps/abc123de/users/6762f0dd1bb69f9f2193bb83',
		});
		expect(error?.message).toBe(
			'Conversation is not an address the node can read ("https://app.intercom.com/a/apps/abc123de/users/6762f0dd1bb69f9f2193bb83"): an Intercom conversation address ends in /conversations/<ID> or /conversation/<ID>, and the ID is the number after it (for example the conversationUrl output of this node) [item 0]',
		);
	});

	test("the output's conversationUrl, pasted into the next node By URL, is read back", async () => {
		nock(API)
			.get('/conversations/499')
			.twice()
			.reply(200, conversation('499', { conversation_parts: { conversation_parts: [] } }));
		const first = await get('499');
		const second = await get({
			__rl: true,
			mode: 'url',
			value: first.output[0].json.conversationUrl as string,
		});
		expect(second.error).toBeUndefined();
		expect(second.output[0].json.conversationId).toBe('499');
	});
});

describe('Contact in a run: picked, typed, or pasted as an address', () => {
	const reply = (contactId: NodeParameterValueType) =>
		runNode({
			type: 'intercom',
			parameters: {
				resource: 'conversation',
				operation: 'reply',
				conversationId: '499',
				contactBy: 'id',
				contactId,
				body: 'Thanks',
			},
			credentials,
		});

	test.each([
		['From list', { __rl: true, mode: 'list', value: CONTACT_ID }],
		['By ID', { __rl: true, mode: 'id', value: CONTACT_ID }],
		[
			"By URL: the contact's page",
			{
				__rl: true,
				mode: 'url',
				value: `https://app.intercom.com/a/apps/abc123de/users/${CONTACT_ID}/all-conversations`,
			},
		],
	])('%s replies as that contact', async (_mode, contactId) => {
		const scope = nock(API)
			.post('/conversations/499/reply', (body) => body.intercom_user_id === CONTACT_ID)
			.reply(200, conversation('499'));
		const { error } = await reply(contactId);
		expect(error).toBeUndefined();
		scope.done();
	});

	test('an address the node cannot read says where the ID is, before any request', async () => {
		const { error } = await reply({
			__rl: true,
			mode: 'url',
			value: 'https://app.intercom.com/a/apps/abc123de/conversations/499',
		});
		expect(error?.message).toMatch(
			/^Contact is not an address the node can read \(.*\): an Intercom contact's address has \/users\/<ID> in it/,
		);
	});
});

describe('Assignee, Tag and the Get Many filters in a run', () => {
	test('Assign sends the picked team as assignee_id; Unassigned sends 0', async () => {
		// Two runs: each asks once who owns the token.
		const scope = nock(API)
			.get('/me')
			.twice()
			.reply(200, { type: 'admin', id: '991267459' })
			.post('/conversations/499/parts', (body) => body.type === 'team' && body.assignee_id === '5')
			.reply(200, conversation('499'))
			.post('/conversations/499/parts', (body) => body.assignee_id === '0')
			.reply(200, conversation('499'));
		for (const value of ['5', '0']) {
			const { error } = await runNode({
				type: 'intercom',
				parameters: {
					resource: 'conversation',
					operation: 'assign',
					conversationId: '499',
					assigneeType: 'team',
					assigneeId: { __rl: true, mode: 'list', value },
				},
				credentials,
			});
			expect(error).toBeUndefined();
		}
		scope.done();
	});

	test('Add Tag sends the tag picked from the list', async () => {
		const scope = nock(API)
			.get('/me')
			.reply(200, { type: 'admin', id: '991267459' })
			.post('/conversations/499/tags', { id: '87', admin_id: '991267459' })
			.reply(200, { type: 'tag', id: '87', name: 'VIP' });
		const { error, output } = await runNode({
			type: 'intercom',
			parameters: {
				resource: 'conversation',
				operation: 'addTag',
				conversationId: { __rl: true, mode: 'list', value: '499' },
				tagId: { __rl: true, mode: 'list', value: '87', cachedResultName: 'VIP' },
			},
			credentials,
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ tagId: '87', tagName: 'VIP', tagged: true });
		scope.done();
	});

	test('Get Many: picked admin, team and contact, and two tags (any of them)', async () => {
		const scope = nock(API)
			.post('/conversations/search', {
				query: {
					operator: 'AND',
					value: [
						{ field: 'state', operator: '=', value: 'open' },
						{ field: 'contact_ids', operator: '=', value: CONTACT_ID },
						{ field: 'admin_assignee_id', operator: '=', value: 814860 },
						{ field: 'team_assignee_id', operator: '=', value: 5 },
						{
							operator: 'OR',
							value: [
								{ field: 'tag_ids', operator: '=', value: '86' },
								{ field: 'tag_ids', operator: '=', value: '87' },
							],
						},
					],
				},
				pagination: { per_page: 50 },
			})
			.reply(200, page('conversations', [conversation('499')]));
		const { error, output } = await runNode({
			type: 'intercom',
			parameters: {
				resource: 'conversation',
				operation: 'search',
				filters: {
					adminAssigneeId: { __rl: true, mode: 'list', value: '814860' },
					contactId: {
						__rl: true,
						mode: 'url',
						value: `https://app.intercom.com/a/apps/abc123de/users/${CONTACT_ID}`,
					},
					teamAssigneeId: { __rl: true, mode: 'id', value: '5' },
					tagIds: ['86', '87', '86'],
				},
			},
			credentials,
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		scope.done();
	});

	test('Get Many: one tag is one condition; an empty filter pick sends nothing', async () => {
		const scope = nock(API)
			.post('/conversations/search', {
				query: {
					operator: 'AND',
					value: [
						{ field: 'state', operator: '=', value: 'open' },
						{ field: 'tag_ids', operator: '=', value: '86' },
					],
				},
				pagination: { per_page: 50 },
			})
			.reply(200, page('conversations', []));
		const { error } = await runNode({
			type: 'intercom',
			parameters: {
				resource: 'conversation',
				operation: 'search',
				filters: { teamAssigneeId: { __rl: true, mode: 'list', value: '' }, tagIds: '86' },
			},
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
	});
});

describe("Get: the simplified output carries the conversation's last messages", () => {
	const part = (id: number, partType: string, body: string | null, author: IDataObject) => ({
		type: 'conversation_part',
		id: String(id),
		part_type: partType,
		body,
		created_at: 1767225600 + id,
		author,
	});
	const admin = { type: 'admin', id: '814860', name: 'Zoe Support', email: 'zoe@example.com' };
	const jane = { type: 'user', id: CONTACT_ID, name: 'Jane Doe', email: 'jane@example.com' };

	test('the first message, replies and notes as plain text, oldest first; other parts left out', async () => {
		nock(API)
			.get('/conversations/499')
			.reply(
				200,
				conversation('499', {
					created_at: 1767225600,
					conversation_parts: {
						type: 'conversation_part.list',
						total_count: 4,
						conversation_parts: [
							part(1, 'assignment', null, admin),
							part(2, 'comment', '<p>Hi Jane,</p><p>we&#39;re on it &amp; back soon</p>', admin),
							part(3, 'note', 'Checked the <a href="https://x.example">logs</a>', admin),
							part(4, 'close', '', admin),
						],
					},
				}),
			);
		const { output } = await runNode({
			type: 'intercom',
			parameters: { resource: 'conversation', operation: 'get', conversationId: '499' },
			credentials,
		});
		expect(output[0].json.lastMessages).toEqual([
			{
				author: 'Jane Doe',
				authorType: 'user',
				internal: false,
				text: "I can't log in to my account since this morning, please help me",
				createdAt: '2026-01-01T00:00:00.000Z',
			},
			{
				author: 'Zoe Support',
				authorType: 'admin',
				internal: false,
				text: "Hi Jane,\nwe're on it & back soon",
				createdAt: '2026-01-01T00:00:02.000Z',
			},
			{
				author: 'Zoe Support',
				authorType: 'admin',
				internal: true,
				text: 'Checked the logs',
				createdAt: '2026-01-01T00:00:03.000Z',
			},
		]);
	});

	test('a long conversation gives only its last 10 messages, each at most 1,000 characters', async () => {
		const parts = Array.from({ length: 30 }, (_, index) =>
			part(index + 1, 'comment', `message ${index + 1} ${'x'.repeat(2000)}`, jane),
		);
		nock(API)
			.get('/conversations/499')
			.reply(200, conversation('499', { conversation_parts: { conversation_parts: parts } }));
		const { output } = await runNode({
			type: 'intercom',
			parameters: { resource: 'conversation', operation: 'get', conversationId: '499' },
			credentials,
		});
		const messages = output[0].json.lastMessages as IDataObject[];
		expect(messages).toHaveLength(10);
		expect(String(messages[0].text).startsWith('message 21 ')).toBe(true);
		expect(String(messages[9].text).startsWith('message 30 ')).toBe(true);
		expect(messages.every((entry) => String(entry.text).length === 1001)).toBe(true);
	});
});
