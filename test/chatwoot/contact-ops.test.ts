import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { buildContactCreateBody } from '../../nodes/Chatwoot/contact/contact';
import { runNode } from '../harness/engine';
import { forSchema } from './spec';

// Issue 12 (Chatwoot): Contact → Create and Find, so Create as Agent can start from a CRM record.

const BASE = 'https://support.example.com';
const TOKEN = 'secret-chatwoot-user-token';
const ACC = '/api/v1/accounts/5';
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
const searchQuery = (q: string, page = 1) => ({
	q,
	include_contact_inboxes: 'true',
	page: String(page),
});
const contact = (id: number, extra: Record<string, unknown> = {}) => ({
	id,
	name: 'Ana Lima',
	email: 'ana@example.com',
	phone_number: '+5511987654321',
	identifier: 'crm-4711',
	contact_inboxes: [{ source_id: 'src-3', inbox: { id: 3, name: 'API' } }],
	...extra,
});

describe('Chatwoot Conversations → Contact → Create', () => {
	test('the body validates against contact_create', () => {
		const body = buildContactCreateBody({
			inboxId: 3,
			name: 'Ana Lima',
			additionalFields: {
				email: 'ana@example.com',
				phoneNumber: '+5511987654321',
				identifier: 'crm-4711',
				avatarUrl: 'https://example.com/ana.png',
				customAttributes: { plan: 'pro' },
			},
		});
		expect(body).toEqual({
			inbox_id: 3,
			name: 'Ana Lima',
			email: 'ana@example.com',
			phone_number: '+5511987654321',
			identifier: 'crm-4711',
			avatar_url: 'https://example.com/ana.png',
			custom_attributes: { plan: 'pro' },
		});
		expect(forSchema('contact_create')(body)).toEqual([]);
	});

	test('creates the contact in the inbox and outputs its IDs and source ID', async () => {
		const scope = appApi()
			.post(`${ACC}/contacts`, {
				inbox_id: 3,
				name: 'Ana Lima',
				identifier: 'crm-4711',
				email: 'ana@example.com',
			})
			.reply(200, {
				payload: {
					contact: contact(77, { contact_inboxes: undefined }),
					contact_inbox: { source_id: 'src-3', inbox: { id: 3, name: 'API' } },
				},
			});
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'contact',
				operation: 'create',
				inboxId: '3',
				name: 'Ana Lima',
				additionalFields: { identifier: 'crm-4711', email: 'ana@example.com' },
			},
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual({
			contactId: 77,
			name: 'Ana Lima',
			email: 'ana@example.com',
			phoneNumber: '+5511987654321',
			crmIdentifier: 'crm-4711',
			contactInboxes: [{ inboxId: 3, contactIdentifier: 'src-3' }],
			contactUrl: `${BASE}/app/accounts/5/contacts/77`,
			inboxId: 3,
			contactIdentifier: 'src-3',
		});
	});

	test('a taken e-mail (422) names the field and is not sent again', async () => {
		const scope = appApi()
			.post(`${ACC}/contacts`)
			.once()
			.reply(422, { message: 'Email has already been taken', attributes: ['email'] });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'contact',
				operation: 'create',
				inboxId: '3',
				additionalFields: { email: 'ana@example.com' },
			},
			credentials,
		});
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot could not create the contact: Email has already been taken (fields: email) (HTTP 422) [item 0]',
		);
	});
});

describe('Chatwoot Conversations → Contact → Find', () => {
	test('by CRM identifier: the exact match among the search results (case counts)', async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/search`)
			.query(searchQuery('crm-4711'))
			.reply(200, {
				payload: [
					contact(70, { identifier: 'crm-47110' }),
					contact(77),
					contact(78, { identifier: 'CRM-4711' }),
				],
			});
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'contact', operation: 'find', crmIdentifier: 'crm-4711' },
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output.map((item) => item.json.contactId)).toEqual([77]);
		expect(output[0].json.contactInboxes).toEqual([{ inboxId: 3, contactIdentifier: 'src-3' }]);
	});

	test('by e-mail without regard to case, by phone number in international format', async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/search`)
			.query(searchQuery('Ana@Example.com'))
			.reply(200, { payload: [contact(77)] })
			.get(`${ACC}/contacts/search`)
			.query(searchQuery('+5511987654321'))
			.reply(200, { payload: [contact(77)] });
		const byEmail = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'contact',
				operation: 'find',
				findBy: 'email',
				email: 'Ana@Example.com',
			},
			credentials,
		});
		const byPhone = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'contact',
				operation: 'find',
				findBy: 'phoneNumber',
				phoneNumber: '+55 11 98765-4321',
			},
			credentials,
		});
		scope.done();
		expect(byEmail.output[0].json.contactId).toBe(77);
		expect(byPhone.output[0].json.contactId).toBe(77);
	});

	test('no match: no output item for that input item', async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/search`)
			.query(searchQuery('crm-0000'))
			.reply(200, { payload: [] });
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: { resource: 'contact', operation: 'find', crmIdentifier: 'crm-0000' },
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output).toEqual([]);
	});
});

interface ChatwootFake {
	baseUrl: string;
	credentials: Record<string, string>;
	reset(): void;
	close(): Promise<void>;
}
const sandbox = require('../sandbox') as {
	startVendorServer(vendor: string): Promise<ChatwootFake>;
};

describe('Contact → Create, Find, then Create as Agent against the sandbox', () => {
	let fake: ChatwootFake;
	beforeAll(async () => {
		fake = await sandbox.startVendorServer('chatwoot');
	});
	afterAll(async () => fake.close());

	test('a CRM record becomes a contact, is found by its identifier and gets a conversation', async () => {
		const sandboxCredentials = {
			chatwootConversationsApi: {
				...credentials.chatwootConversationsApi,
				baseUrl: fake.baseUrl,
				apiAccessToken: fake.credentials.apiAccessToken,
				accountId: '1',
			},
		};
		const run = (parameters: INodeParameters) =>
			runNode({ type: 'chatwoot', parameters, credentials: sandboxCredentials });
		const created = await run({
			resource: 'contact',
			operation: 'create',
			inboxId: '1',
			name: 'Ana Lima',
			additionalFields: { identifier: 'crm-4711', email: 'ana@example.com' },
		});
		expect(created.error).toBeUndefined();
		const found = await run({ resource: 'contact', operation: 'find', crmIdentifier: 'crm-4711' });
		expect(found.output.map((item) => item.json.contactId)).toEqual([
			created.output[0].json.contactId,
		]);
		const conversation = await run({
			resource: 'conversation',
			operation: 'createAsAgent',
			inboxId: '1',
			contactBy: 'contactId',
			contactId: String(found.output[0].json.contactId),
			message: 'Hello from the CRM',
		});
		expect(conversation.error).toBeUndefined();
		expect(conversation.output[0].json).toMatchObject({
			contactId: created.output[0].json.contactId,
			contactIdentifier: created.output[0].json.contactIdentifier,
		});
	});
});
