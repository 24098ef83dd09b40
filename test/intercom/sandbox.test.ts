import { runNode } from '../harness/engine';
import { runListSearch, runLoadOptions } from '../harness/lists';

// The loopback Intercom fake (test/sandbox): find_by_external_id for users only and from 2.13,
// 409 on a duplicate contact, and a search index that lags creation as Intercom's does.
const { startVendorServer } = require('../sandbox');

interface Server {
	baseUrl: string;
	credentials: { accessToken: string };
	state: {
		contacts: Array<{ id: string; role: string; external_id: string | null; email: string | null }>;
	};
	requestsTo(method: string, path: string | RegExp): unknown[];
	reset(): void;
	close(): Promise<void>;
}

let server: Server;
let laggingServer: Server;

beforeAll(async () => {
	server = await startVendorServer('intercom', {});
	laggingServer = await startVendorServer('intercom', { searchIndexDelayMs: 120_000 });
});
beforeEach(() => {
	server.reset();
	laggingServer.reset();
});
afterAll(async () => {
	await server.close();
	await laggingServer.close();
});

const credentials = (target: Server, apiVersion = '2.14') => ({
	intercomConversationsApi: {
		accessToken: target.credentials.accessToken,
		region: 'custom',
		baseUrl: target.baseUrl,
		apiVersion,
		workspaceId: '',
	},
});
const create = (parameters: Record<string, unknown>) => ({
	resource: 'conversation',
	operation: 'create',
	body: 'Hello',
	...parameters,
});

test('a re-run with "Create a Lead" by external ID reuses the lead it created', async () => {
	const parameters = create({
		contactBy: 'externalId',
		contactExternalId: 'crm-lead-1',
		whenNotFound: 'createLead',
	});
	const first = await runNode({ type: 'intercom', parameters, credentials: credentials(server) });
	expect(first.error).toBeUndefined();
	expect(first.output[0].json).toMatchObject({ contactCreated: true, contactRole: 'lead' });

	const second = await runNode({ type: 'intercom', parameters, credentials: credentials(server) });
	expect(second.error).toBeUndefined();
	expect(second.output[0].json).toMatchObject({
		contactId: first.output[0].json.contactId,
		contactCreated: false,
		contactRole: 'lead',
	});
	expect(
		server.state.contacts.filter((contact) => contact.external_id === 'crm-lead-1'),
	).toHaveLength(1);
	expect(server.requestsTo('POST', '/contacts')).toHaveLength(1);
});

test('with API version 2.9 an existing contact is found by external ID, not created again', async () => {
	const { output, error } = await runNode({
		type: 'intercom',
		parameters: create({
			contactBy: 'externalId',
			contactExternalId: 'ext-jane-1',
			whenNotFound: 'createUser',
		}),
		credentials: credentials(server, '2.9'),
	});
	expect(error).toBeUndefined();
	expect(output[0].json).toMatchObject({
		contactId: '536e564f316c83104c000020',
		contactCreated: false,
		contactRole: 'user',
	});
	expect(server.requestsTo('POST', '/contacts')).toHaveLength(0);
	expect(server.requestsTo('GET', /find_by_external_id/)).toHaveLength(0);
});

test('a re-run before the search index has the new user goes on with the contact named by the 409', async () => {
	const parameters = create({
		contactBy: 'email',
		contactEmail: 'fresh@example.com',
		whenNotFound: 'createUser',
	});
	const first = await runNode({
		type: 'intercom',
		parameters,
		credentials: credentials(laggingServer),
	});
	expect(first.error).toBeUndefined();
	expect(first.output[0].json.contactCreated).toBe(true);

	const second = await runNode({
		type: 'intercom',
		parameters,
		credentials: credentials(laggingServer),
	});
	expect(second.error).toBeUndefined();
	expect(second.output[0].json).toMatchObject({
		contactId: first.output[0].json.contactId,
		contactCreated: false,
		contactRole: 'user',
	});
	expect(
		laggingServer.state.contacts.filter((contact) => contact.email === 'fresh@example.com'),
	).toHaveLength(1);
});

describe('the pickers against the fake: the lists as the editor asks for them', () => {
	const list = (method: string, more: Record<string, unknown> = {}) =>
		runListSearch({ type: 'intercom', method, credentials: credentials(server), ...more });

	test('admins, teams and tags in one page each; the tags for Tag Names or IDs', async () => {
		expect((await list('searchAdmins')).results).toEqual([
			{ name: 'Sandbox Admin (admin@sandbox.test)', value: '991267001' },
		]);
		expect((await list('searchTeams')).results).toEqual([
			{ name: 'Billing', value: '814860' },
			{ name: 'Support', value: '814861' },
		]);
		expect((await list('searchTags', { filter: 'vip' })).results).toEqual([
			{ name: 'VIP', value: '86' },
		]);
		expect(
			await runLoadOptions({
				type: 'intercom',
				method: 'getTags',
				credentials: credentials(server),
			}),
		).toEqual([
			{ name: 'Billing', value: '87' },
			{ name: 'VIP', value: '86' },
		]);
	});

	test('contacts page by page with the cursor, and searched by name or e-mail', async () => {
		for (let n = 0; n < 60; n++)
			await runNode({
				type: 'intercom',
				parameters: create({
					contactBy: 'email',
					contactEmail: `lead${n}@example.com`,
					whenNotFound: 'createLead',
				}),
				credentials: credentials(server),
			});
		const first = await list('searchContacts');
		expect(first.results).toHaveLength(50);
		const second = await list('searchContacts', { paginationToken: first.paginationToken });
		expect(second.results).toHaveLength(12);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((entry) => entry.value)).size).toBe(
			62,
		);
		expect((await list('searchContacts', { filter: 'jane.doe' })).results).toEqual([
			{ name: 'Jane Doe (jane.doe@example.com)', value: '536e564f316c83104c000020' },
		]);
	});

	test('conversations, searched by author; the picked one is closed by the picked admin', async () => {
		const created = await runNode({
			type: 'intercom',
			parameters: create({ contactBy: 'email', contactEmail: 'jane.doe@example.com' }),
			credentials: credentials(server),
		});
		const id = String(created.output[0].json.conversationId);
		const found = await list('searchConversations', { filter: 'Jane' });
		expect(found.results).toEqual([{ name: `Jane Doe: Hello (#${id})`, value: id }]);
		const [admin] = (await list('searchAdmins')).results;
		const closed = await runNode({
			type: 'intercom',
			parameters: {
				resource: 'conversation',
				operation: 'close',
				conversationId: { __rl: true, mode: 'list', value: found.results[0].value },
				adminId: { __rl: true, mode: 'list', value: admin.value },
			},
			credentials: credentials(server),
		});
		expect(closed.error).toBeUndefined();
		expect(closed.output[0].json).toMatchObject({ conversationId: id, state: 'closed' });
	});

	test('a wrong token is one line naming the credential field', async () => {
		await expect(
			runListSearch({
				type: 'intercom',
				method: 'searchTeams',
				credentials: {
					intercomConversationsApi: {
						...credentials(server).intercomConversationsApi,
						accessToken: 'wrong',
					},
				},
			}),
		).rejects.toThrow(/Check the Access Token of the Intercom Conversations credential/);
	});
});
