import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { runListSearch, runLoadOptions } from '../harness/lists';

// The "From list" pickers and the label list of the Chatwoot node, run as the editor runs them
// (n8n-core's LoadOptionsContext with the node's current parameters), against nock.

const BASE = 'https://support.example.com';
const TOKEN = 'secret-chatwoot-user-token';
const INBOX = 'inbX7kP2mQ9wZ';
const SOURCE = '2a7d6b40-8f7e-4f9c-9f4e-0c5a3e1b2d11';
const cred = {
	baseUrl: `${BASE}/chatwoot/`,
	inboxIdentifier: INBOX,
	hmacToken: '',
	apiAccessToken: TOKEN,
	accountId: '5',
};
const credentials = { chatwootConversationsApi: cred };
const withCred = (extra: Record<string, unknown>) => ({
	chatwootConversationsApi: { ...cred, ...extra },
});
const ACC = '/chatwoot/api/v1/accounts/5';

function appApi() {
	return nock(BASE, { reqheaders: { 'api-access-token': TOKEN } });
}

afterEach(() => nock.cleanAll());

const search = (
	method: string,
	options: {
		filter?: string;
		paginationToken?: string;
		parameters?: INodeParameters;
		credentials?: ReturnType<typeof withCred>;
	} = {},
) =>
	runListSearch({
		type: 'chatwoot',
		method,
		credentials: options.credentials ?? credentials,
		parameters: { resource: 'conversation', operation: 'assign', ...options.parameters },
		filter: options.filter,
		paginationToken: options.paginationToken,
	});

const profile = {
	id: 1,
	name: 'Ana Agent',
	accounts: [
		{ id: 5, name: 'Support EU', role: 'administrator', status: 'active' },
		{ id: 2, name: 'Acme US', role: 'agent', status: 'active' },
	],
};
const inboxes = {
	payload: [
		{ id: 3, name: 'Website', channel_type: 'Channel::WebWidget' },
		{ id: 1, name: 'API inbox', channel_type: 'Channel::Api' },
		{ id: 9, name: 'Support mail', channel_type: 'Channel::Email' },
	],
};
const teams = [
	{ id: 2, name: 'Support', account_id: 5 },
	{ id: 1, name: 'Billing', account_id: 5 },
];
const agents = [
	{ id: 7, name: 'Zoe Zhang', available_name: 'Zoe', email: 'zoe@example.com', role: 'agent' },
	{ id: 8, name: 'Ana Lima', available_name: 'Ana Lima', email: 'ana@example.com' },
];
const labels = {
	payload: [
		{ id: 2, title: 'vip', description: 'Important customers', color: '#f00' },
		{ id: 1, title: 'billing', description: '', color: '#0f0' },
	],
};
const contact = (id: number, extra: Record<string, unknown> = {}) => ({
	id,
	name: `Contact ${id}`,
	email: `c${id}@example.com`,
	phone_number: null,
	identifier: null,
	...extra,
});
const conversation = (id: number, status = 'open') => ({
	id,
	status,
	inbox_id: 3,
	meta: { sender: { id: 77, name: 'Ana Lima' } },
});
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('Account: From list (GET /api/v1/profile)', () => {
	test("lists the user's accounts by name, sorted, with a link and the ID as value", async () => {
		const scope = appApi().get('/chatwoot/api/v1/profile').reply(200, profile);
		expect(await search('searchAccounts')).toEqual({
			results: [
				{
					name: 'Acme US',
					value: '2',
					url: `${BASE}/chatwoot/app/accounts/2/dashboard`,
				},
				{
					name: 'Support EU',
					value: '5',
					url: `${BASE}/chatwoot/app/accounts/5/dashboard`,
				},
			],
		});
		scope.done();
	});

	test('the search text keeps the accounts whose name contains it; an ID finds its account', async () => {
		appApi().get('/chatwoot/api/v1/profile').twice().reply(200, profile);
		expect((await search('searchAccounts', { filter: 'eu' })).results).toEqual([
			expect.objectContaining({ value: '5' }),
		]);
		expect((await search('searchAccounts', { filter: '2' })).results).toEqual([
			expect.objectContaining({ name: 'Acme US' }),
		]);
	});

	test('a credential without the User Access Token says which field to fill, and sends nothing', async () => {
		const scope = nock(BASE).get(/.*/).reply(200, profile);
		await expect(
			search('searchAccounts', { credentials: withCred({ apiAccessToken: '' }) }),
		).rejects.toThrow(
			'Listing the accounts needs the User Access Token of the Chatwoot Conversations credential. Copy it from Chatwoot → Profile Settings → Access Token into the credential\'s "User Access Token" field.',
		);
		expect(scope.isDone()).toBe(false);
	});
});

describe('Inbox, Team, Agent: From list (all at once, filtered by the node)', () => {
	test('inboxes by name with their channel, sorted, linked to their settings', async () => {
		const scope = appApi().get(`${ACC}/inboxes`).reply(200, inboxes);
		expect(await search('searchInboxes')).toEqual({
			results: [
				{
					name: 'API inbox (API)',
					value: '1',
					url: `${BASE}/chatwoot/app/accounts/5/settings/inboxes/1`,
				},
				{
					name: 'Support mail (Email)',
					value: '9',
					url: `${BASE}/chatwoot/app/accounts/5/settings/inboxes/9`,
				},
				{
					name: 'Website (Website)',
					value: '3',
					url: `${BASE}/chatwoot/app/accounts/5/settings/inboxes/3`,
				},
			],
		});
		scope.done();
	});

	test('teams by name, sorted', async () => {
		appApi().get(`${ACC}/teams`).reply(200, teams);
		expect((await search('searchTeams')).results).toEqual([
			{ name: 'Billing', value: '1', url: `${BASE}/chatwoot/app/accounts/5/team/1` },
			{ name: 'Support', value: '2', url: `${BASE}/chatwoot/app/accounts/5/team/2` },
		]);
	});

	test('agents by the name Chatwoot shows and their e-mail; the search text filters', async () => {
		appApi().get(`${ACC}/agents`).twice().reply(200, agents);
		expect((await search('searchAgents')).results).toEqual([
			{ name: 'Ana Lima (ana@example.com)', value: '8' },
			{ name: 'Zoe (zoe@example.com)', value: '7' },
		]);
		expect((await search('searchAgents', { filter: 'ZOE@' })).results).toEqual([
			{ name: 'Zoe (zoe@example.com)', value: '7' },
		]);
	});

	test.each([
		['the Account picked From list', { __rl: true, mode: 'list', value: '8' }],
		['the Account typed By ID', { __rl: true, mode: 'id', value: '8' }],
		[
			'the Account pasted By URL',
			{ __rl: true, mode: 'url', value: `${BASE}/chatwoot/app/accounts/8/inbox/3` },
		],
		['a plain Account from an expression', '8'],
	])("the list reads %s instead of the credential's Account ID", async (_how, accountId) => {
		const scope = appApi().get('/chatwoot/api/v1/accounts/8/teams').reply(200, []);
		await search('searchTeams', { parameters: { additionalFields: { accountId } } });
		scope.done();
	});

	test('without an account in the node or the credential the list says where to choose one', async () => {
		await expect(
			search('searchInboxes', { credentials: withCred({ accountId: '' }) }),
		).rejects.toThrow(
			'Listing inboxes needs an account: pick the Account under Additional Fields, or fill in the Account ID of the Chatwoot Conversations credential.',
		);
	});

	test("an Account the list cannot read names the field, and the credential's account is not used", async () => {
		const scope = nock(BASE).get(/.*/).reply(200, []);
		await expect(
			search('searchTeams', {
				parameters: { additionalFields: { accountId: { __rl: true, mode: 'id', value: 'x1' } } },
			}),
		).rejects.toThrow(
			'Listing teams needs the account, but Additional Fields › Account must be a whole number, but got "x1". Pick the account from its list.',
		);
		expect(scope.isDone()).toBe(false);
	});
});

describe('Contact: From list (15 a page, searched by Chatwoot)', () => {
	test("the first page of the account's contacts, then the next by its token", async () => {
		const scope = appApi()
			.get(`${ACC}/contacts`)
			.query({ page: '1', include_contact_inboxes: 'false' })
			.reply(200, {
				meta: { count: 5000, current_page: 1 },
				payload: range(1, 15).map((id) => contact(id)),
			})
			.get(`${ACC}/contacts`)
			.query({ page: '334', include_contact_inboxes: 'false' })
			.reply(200, {
				meta: { count: 5000, current_page: '334' },
				payload: range(4996, 5).map((id) => contact(id)),
			});
		const first = await search('searchContacts');
		expect(first.results).toHaveLength(15);
		expect(first.results[0]).toEqual({
			name: 'Contact 1 (c1@example.com)',
			value: '1',
			url: `${BASE}/chatwoot/app/accounts/5/contacts/1`,
		});
		expect(first.paginationToken).toBe('2');
		const last = await search('searchContacts', { paginationToken: '334' });
		expect(last.results.map((entry) => entry.value)).toEqual([
			'4996',
			'4997',
			'4998',
			'4999',
			'5000',
		]);
		expect(last.paginationToken).toBeUndefined();
		scope.done();
	});

	test("the search text goes to Chatwoot's contact search, page by page (has_more)", async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/search`)
			.query({ q: 'lima', page: '1', include_contact_inboxes: 'false' })
			.reply(200, {
				meta: { count: 15, current_page: '1', has_more: true },
				payload: range(1, 15).map((id) => contact(id, { name: `Lima ${id}` })),
			})
			.get(`${ACC}/contacts/search`)
			.query({ q: 'lima', page: '2', include_contact_inboxes: 'false' })
			.reply(200, {
				meta: { count: 1, current_page: '2', has_more: false },
				payload: [contact(16, { name: '', email: null, phone_number: '+4915112345678' })],
			});
		const first = await search('searchContacts', { filter: ' lima ' });
		expect(first.paginationToken).toBe('2');
		const second = await search('searchContacts', { filter: 'lima', paginationToken: '2' });
		expect(second).toEqual({
			results: [
				{ name: '+4915112345678', value: '16', url: `${BASE}/chatwoot/app/accounts/5/contacts/16` },
			],
		});
		scope.done();
	});

	test('an older Chatwoot without has_more: a full page of 15 means there may be more', async () => {
		appApi()
			.get(`${ACC}/contacts/search`)
			.query(true)
			.reply(200, { payload: range(1, 15).map((id) => contact(id)) });
		expect((await search('searchContacts', { filter: 'c' })).paginationToken).toBe('2');
	});
});

describe('Conversation: From list', () => {
	test("the account's conversations of every status, 25 a page, then the next page", async () => {
		const scope = appApi()
			.get(`${ACC}/conversations`)
			.query({ status: 'all', page: '1' })
			.reply(200, { data: { meta: {}, payload: range(1, 25).map((id) => conversation(id)) } })
			.get(`${ACC}/conversations`)
			.query({ status: 'all', page: '2' })
			.reply(200, { data: { meta: {}, payload: [conversation(26, 'resolved')] } });
		const first = await search('searchConversations');
		expect(first.results[0]).toEqual({
			name: '#1 Ana Lima (open)',
			value: '1',
			url: `${BASE}/chatwoot/app/accounts/5/conversations/1`,
		});
		expect(first.paginationToken).toBe('2');
		const second = await search('searchConversations', { paginationToken: '2' });
		expect(second).toEqual({
			results: [
				{
					name: '#26 Ana Lima (resolved)',
					value: '26',
					url: `${BASE}/chatwoot/app/accounts/5/conversations/26`,
				},
			],
		});
		scope.done();
	});

	test('a number (or #number) finds that conversation; an unknown one is an empty list', async () => {
		const scope = appApi()
			.get(`${ACC}/conversations/42`)
			.reply(200, conversation(42))
			.get(`${ACC}/conversations/43`)
			.reply(404, { error: 'Resource could not be found' });
		expect((await search('searchConversations', { filter: '#42' })).results).toEqual([
			expect.objectContaining({ name: '#42 Ana Lima (open)', value: '42' }),
		]);
		expect(await search('searchConversations', { filter: '43' })).toEqual({ results: [] });
		scope.done();
	});

	test('other text finds the conversations with a message containing it', async () => {
		const scope = appApi()
			.get(`${ACC}/conversations`)
			.query({ status: 'all', q: 'refund', page: '1' })
			.reply(200, { data: { payload: [conversation(7)] } });
		expect((await search('searchConversations', { filter: 'refund' })).results).toHaveLength(1);
		scope.done();
	});

	test("with a Contact Source ID (Get, Resolve, Send as Contact): that contact's conversations in the inbox, no token needed", async () => {
		const scope = nock(BASE, { badheaders: ['api-access-token'] })
			.get(`/chatwoot/public/api/v1/inboxes/${INBOX}/contacts/${SOURCE}/conversations`)
			.twice()
			.reply(200, [
				{ id: 4, status: 'resolved', messages: [{ id: 1, content: 'Thanks!' }] },
				{ id: 9, status: 'open', messages: [] },
			]);
		const parameters = { operation: 'get', contactIdentifier: SOURCE };
		const noToken = withCred({ apiAccessToken: '' });
		expect(await search('searchConversations', { parameters, credentials: noToken })).toEqual({
			results: [
				{ name: '#9 (open)', value: '9', url: `${BASE}/chatwoot/app/accounts/5/conversations/9` },
				{
					name: '#4 (resolved): Thanks!',
					value: '4',
					url: `${BASE}/chatwoot/app/accounts/5/conversations/4`,
				},
			],
		});
		expect(
			(await search('searchConversations', { parameters, credentials: noToken, filter: 'thanks' }))
				.results,
		).toEqual([expect.objectContaining({ value: '4' })]);
		scope.done();
	});

	test('Get without a Contact Source ID and without the token says what to fill in', async () => {
		await expect(
			search('searchConversations', {
				parameters: { operation: 'get', contactIdentifier: '' },
				credentials: withCred({ apiAccessToken: '' }),
			}),
		).rejects.toThrow(
			"Fill in the Contact Source ID to list that contact's conversations, or the User Access Token of the Chatwoot Conversations credential to list the account's conversations.",
		);
	});

	test('a Contact Source ID the node cannot use is named', async () => {
		await expect(
			search('searchConversations', {
				parameters: { operation: 'send', contactIdentifier: 'a/b' },
			}),
		).rejects.toThrow('Contact Source ID (This Inbox) "a/b" is not a contact source ID');
	});
});

describe("Label Names or IDs: the account's labels (GET …/labels)", () => {
	const load = (parameters: INodeParameters = {}, creds = credentials) =>
		runLoadOptions({
			type: 'chatwoot',
			method: 'getLabels',
			credentials: creds,
			parameters: { resource: 'conversation', operation: 'addLabels', ...parameters },
		});

	test('by name, sorted, with their description', async () => {
		const scope = appApi().get(`${ACC}/labels`).reply(200, labels);
		expect(await load()).toEqual([
			{ name: 'billing', value: 'billing' },
			{ name: 'vip', value: 'vip', description: 'Important customers' },
		]);
		scope.done();
	});

	test("of the node's Account", async () => {
		const scope = appApi().get('/chatwoot/api/v1/accounts/2/labels').reply(200, labels);
		await load({ additionalFields: { accountId: { __rl: true, mode: 'list', value: '2' } } });
		scope.done();
	});
});

describe("Inbox options (for a multi-select of inboxes, such as a trigger's filter)", () => {
	test("the credential's account's inboxes by name and channel, the ID as value", async () => {
		const scope = appApi().get(`${ACC}/inboxes`).reply(200, inboxes);
		expect(
			await runLoadOptions({ type: 'chatwoot', method: 'getInboxes', credentials, parameters: {} }),
		).toEqual([
			{ name: 'API inbox (API)', value: '1' },
			{ name: 'Support mail (Email)', value: '9' },
			{ name: 'Website (Website)', value: '3' },
		]);
		scope.done();
	});
});

// Every list: empty, a wrong token (one line naming the credential field), and a 429 waited out.
const lists: Array<{
	method: string;
	path: string | RegExp;
	empty: nock.Body;
	some: nock.Body;
	parameters?: INodeParameters;
	loadOptions?: boolean;
}> = [
	{
		method: 'searchAccounts',
		path: '/chatwoot/api/v1/profile',
		empty: { accounts: [] },
		some: profile,
	},
	{ method: 'searchInboxes', path: `${ACC}/inboxes`, empty: { payload: [] }, some: inboxes },
	{ method: 'searchTeams', path: `${ACC}/teams`, empty: [], some: teams },
	{ method: 'searchAgents', path: `${ACC}/agents`, empty: [], some: agents },
	{
		method: 'searchContacts',
		path: /\/contacts\?/,
		empty: { meta: { count: 0, current_page: 1 }, payload: [] },
		some: { meta: { count: 1 }, payload: [contact(1)] },
	},
	{
		method: 'searchConversations',
		path: /\/conversations\?/,
		empty: { data: { meta: {}, payload: [] } },
		some: { data: { payload: [conversation(1)] } },
	},
	{
		method: 'getInboxes',
		path: `${ACC}/inboxes`,
		empty: { payload: [] },
		some: inboxes,
		loadOptions: true,
	},
	{
		method: 'getLabels',
		path: `${ACC}/labels`,
		empty: { payload: [] },
		some: labels,
		loadOptions: true,
	},
];

const run = async (list: (typeof lists)[number]) => {
	if (list.loadOptions)
		return runLoadOptions({
			type: 'chatwoot',
			method: list.method,
			credentials,
			parameters: { resource: 'conversation', operation: 'addLabels' },
		});
	return (await search(list.method)).results;
};

describe.each(lists)('$method', (list) => {
	test('an empty list is an empty list', async () => {
		const scope = appApi().get(list.path).reply(200, list.empty);
		expect(await run(list)).toEqual([]);
		scope.done();
	});

	test('a wrong token is one line naming the credential field to fix', async () => {
		appApi().get(list.path).reply(401, { error: 'Invalid Access Token' });
		await expect(run(list)).rejects.toThrow(
			/^Chatwoot could not list the [a-z]+: Invalid Access Token \(HTTP 401\)\. Check the User Access Token of the Chatwoot Conversations credential: copy it again from Chatwoot → Profile Settings → Access Token\.$/,
		);
	});

	test('a 429 is waited out, then the list comes', async () => {
		const scope = appApi()
			.get(list.path)
			.reply(429, 'Retry later\n')
			.get(list.path)
			.reply(200, list.some);
		expect((await run(list)).length).toBeGreaterThan(0);
		scope.done();
	});
});
