import { runNode } from '../harness/engine';

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
