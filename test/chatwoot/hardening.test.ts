import nock from 'nock';
import { proxyRequestToAxios } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/legacy-request-adapter';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	INodeType,
} from 'n8n-workflow';

import { loadPackage, nodeTypeName, runNode } from '../harness/engine';

// Issue 10, points 4 and 7–11 (Chatwoot): source IDs of every channel, CRM identifier vs source ID,
// pubsub_token, the inbox of a source ID, the credential test, the shared contact-inbox create.

const BASE = 'https://support.example.com';
const INBOX = 'inbX7kP2mQ9wZ';
const PUB = `/public/api/v1/inboxes/${INBOX}`;
const ACC = '/api/v1/accounts/5';
const TOKEN = 'secret-chatwoot-user-token';
const cred = {
	baseUrl: BASE,
	inboxIdentifier: INBOX,
	hmacToken: '',
	apiAccessToken: TOKEN,
	accountId: '5',
};
const withCred = (extra: Record<string, unknown> = {}) => ({
	chatwootConversationsApi: { ...cred, ...extra },
});
const appApi = () => nock(BASE, { reqheaders: { 'api-access-token': TOKEN } });
const publicApi = () => nock(BASE, { badheaders: ['api-access-token'] });
const searchQuery = (q: string, page = 1) => ({
	q,
	include_contact_inboxes: 'true',
	page: String(page),
});

const conversation = (id: number, extra: Record<string, unknown> = {}) => ({
	id,
	uuid: `uuid-${id}`,
	inbox_id: 3,
	status: 'open',
	messages: [],
	contact: { id: 77, name: 'Ana', pubsub_token: 'live-pubsub-of-contact' },
	...extra,
});
const agent = (parameters: Record<string, unknown>) => ({
	resource: 'conversation',
	operation: 'createAsAgent',
	inboxId: '3',
	...parameters,
});
const contactInbox = (sourceId: string, inboxId: number) => ({
	source_id: sourceId,
	inbox: { id: inboxId, name: `Inbox ${inboxId}` },
});

describe('Chatwoot: source IDs of e-mail, SMS and WhatsApp inboxes (point 7)', () => {
	test.each([
		['an e-mail address', 'ana@example.com', 'ana%40example%2Ecom'],
		['an SMS number', '+4915112345678', '%2B4915112345678'],
		['a Twilio WhatsApp number', 'whatsapp:+4915112345678', 'whatsapp%3A%2B4915112345678'],
	])(
		'%s is accepted and escaped in the path (dots too: Rails reads them as a format)',
		async (_name, sourceId, inPath) => {
			const scope = publicApi()
				.get(`${PUB}/contacts/${inPath}/conversations/42`)
				.reply(200, conversation(42));
			const { output, error } = await runNode({
				type: 'chatwoot',
				parameters: {
					resource: 'conversation',
					operation: 'get',
					contactIdentifier: sourceId,
					conversationId: '42',
				},
				credentials: withCred(),
			});
			expect(error).toBeUndefined();
			scope.done();
			expect(output[0].json).toMatchObject({ conversationId: 42, contactIdentifier: sourceId });
		},
	);

	test('Create as Agent takes a WhatsApp source ID, finds its contact in the inbox and sends contact_id with it', async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/search`)
			.query(searchQuery('+4915112345678'))
			.reply(200, {
				payload: [
					{
						id: 9,
						identifier: null,
						contact_inboxes: [contactInbox('whatsapp:+4915112345678', 3)],
					},
				],
			})
			.post(`${ACC}/conversations`, {
				source_id: 'whatsapp:+4915112345678',
				inbox_id: '3',
				contact_id: '9',
			})
			.reply(200, conversation(70));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: agent({
				contactBy: 'contactIdentifier',
				contactIdentifier: 'whatsapp:+4915112345678',
			}),
			credentials: withCred(),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			conversationId: 70,
			contactIdentifier: 'whatsapp:+4915112345678',
		});
	});
});

describe('Chatwoot: CRM Identifier and Contact Source ID are told apart (point 8)', () => {
	test('the two fields carry different names in the editor', async () => {
		const { nodes } = await loadPackage();
		const properties = nodes[nodeTypeName('chatwoot')].description.properties;
		const contactFields = properties.find((property) => property.name === 'contactFields') as {
			options: Array<{ name: string; displayName: string }>;
		};
		expect(contactFields.options.find((option) => option.name === 'identifier')?.displayName).toBe(
			'CRM Identifier',
		);
		const sourceIdNames = new Set(
			properties
				.filter((property) => property.name === 'contactIdentifier')
				.map((property) => property.displayName),
		);
		expect([...sourceIdNames]).toEqual(['Contact Source ID (This Inbox)']);
	});

	test('Create as Agent by CRM identifier: pages through the search to the exact match and uses its source ID in the inbox', async () => {
		// the search matches parts: page 1 has 15 contacts whose identifier only contains the value
		const partial = Array.from({ length: 15 }, (_, index) => ({
			id: 100 + index,
			identifier: `crm-4711${index}`,
			contact_inboxes: [],
		}));
		const scope = appApi()
			.get(`${ACC}/contacts/search`)
			.query(searchQuery('crm-4711'))
			.reply(200, { payload: partial })
			.get(`${ACC}/contacts/search`)
			.query(searchQuery('crm-4711', 2))
			.reply(200, {
				payload: [
					{ id: 200, identifier: 'CRM-4711', contact_inboxes: [contactInbox('src-wrong-case', 3)] },
					{
						id: 201,
						identifier: 'crm-4711',
						pubsub_token: 'x',
						contact_inboxes: [contactInbox('src-9', 9), contactInbox('src-3', 3)],
					},
				],
			})
			.post(`${ACC}/conversations`, { source_id: 'src-3', inbox_id: '3', contact_id: '201' })
			.reply(200, conversation(71));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: agent({ contactBy: 'crmIdentifier', crmIdentifier: 'crm-4711' }),
			credentials: withCred(),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			conversationId: 71,
			contactIdentifier: 'src-3',
			contactId: 201,
		});
	});

	test('an unknown CRM identifier fails the item before anything is created', async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/search`)
			.query(searchQuery('crm-404'))
			.reply(200, { payload: [{ id: 1, identifier: 'crm-4040', contact_inboxes: [] }] });
		const posts = appApi().post(/.*/).reply(200, {});
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: agent({ contactBy: 'crmIdentifier', crmIdentifier: 'crm-404' }),
			credentials: withCred(),
		});
		scope.done();
		expect(posts.isDone()).toBe(false);
		nock.cleanAll();
		expect(error?.message).toBe(
			'Chatwoot has no contact with the CRM identifier "crm-404" in account 5 [item 0]',
		);
		expect(error?.description).toContain('Nothing was created');
	});
});

describe('Chatwoot: pubsub_token never in the output (point 9)', () => {
	test('Create with Simplify off: not in the contact, nor nested in the conversation', async () => {
		const scope = publicApi()
			.post(`${PUB}/contacts`)
			.reply(200, {
				id: 77,
				source_id: 'src-1',
				name: 'Ana',
				pubsub_token: 'live-pubsub-of-contact',
			})
			.post(`${PUB}/contacts/src-1/conversations`)
			.reply(200, conversation(72));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'create',
				contactFields: { name: 'Ana' },
				simplify: false,
			},
			credentials: withCred(),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(JSON.stringify(output)).not.toContain('pubsub');
		expect(output[0].json).toMatchObject({
			contact: { id: 77, source_id: 'src-1' },
			conversation: { id: 72, contact: { id: 77 } },
		});
	});

	test('Create as Agent with Simplify off: not in meta.sender', async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/1234`)
			.reply(200, { payload: { id: 1234, contact_inboxes: [contactInbox('src-1', 3)] } })
			.post(`${ACC}/conversations`)
			.reply(
				200,
				conversation(73, {
					meta: { sender: { id: 1234, pubsub_token: 'live' } },
					contact: undefined,
				}),
			);
		const { output } = await runNode({
			type: 'chatwoot',
			parameters: agent({ contactBy: 'contactId', contactId: '1234', simplify: false }),
			credentials: withCred(),
		});
		scope.done();
		expect(output[0].json).toMatchObject({ id: 73, meta: { sender: { id: 1234 } } });
		expect(JSON.stringify(output)).not.toContain('pubsub');
	});
});

describe('Chatwoot: a source ID of another inbox (point 10)', () => {
	test('found in another inbox by the search: refused before the create', async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/search`)
			.query(searchQuery('ana@example.com'))
			.reply(200, { payload: [{ id: 9, contact_inboxes: [contactInbox('ana@example.com', 4)] }] });
		const posts = appApi().post(/.*/).reply(200, {});
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: agent({ contactBy: 'contactIdentifier', contactIdentifier: 'ana@example.com' }),
			credentials: withCred(),
		});
		scope.done();
		expect(posts.isDone()).toBe(false);
		nock.cleanAll();
		expect(error?.message).toBe(
			'The Contact Source ID "ana@example.com" belongs to inbox 4, not to inbox 3 [item 0]',
		);
		expect(error?.description).toContain('Nothing was created');
	});

	test('not found by the search (a UUID) and put by Chatwoot in another inbox: the item fails naming the conversation', async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/search`)
			.query(searchQuery('2a7d6b40'))
			.reply(200, { payload: [] })
			.post(`${ACC}/conversations`, { source_id: '2a7d6b40', inbox_id: '3' })
			.reply(200, conversation(74, { inbox_id: 4 }));
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: agent({ contactBy: 'contactIdentifier', contactIdentifier: '2a7d6b40' }),
			credentials: withCred(),
		});
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot put conversation 74 in inbox 4, not in inbox 3: the Contact Source ID "2a7d6b40" belongs there [item 0]',
		);
		expect(error?.description).toContain('Conversation 74 exists in inbox 4');
	});
});

describe('Chatwoot: the Inbox Identifier is optional (point 11)', () => {
	test('Create as Agent runs with a credential that has only the access token', async () => {
		const scope = appApi()
			.get(`${ACC}/contacts/1234`)
			.reply(200, { payload: { id: 1234, contact_inboxes: [contactInbox('src-1', 3)] } })
			.post(`${ACC}/conversations`)
			.reply(200, conversation(75));
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: agent({ contactBy: 'contactId', contactId: '1234' }),
			credentials: withCred({ inboxIdentifier: '' }),
		});
		expect(error).toBeUndefined();
		scope.done();
	});
});

describe('Chatwoot credential test (testedBy, point 11)', () => {
	const testFunctions = {
		logger: console,
		helpers: {
			request: async (options: object) =>
				proxyRequestToAxios(undefined, undefined, undefined, options as never),
		},
	} as unknown as ICredentialTestFunctions;
	const profile = { id: 1, name: 'Agent', accounts: [{ id: 5, name: 'Acme' }] };

	async function testCredential(data: ICredentialDataDecryptedObject) {
		const { nodes } = await loadPackage();
		const node = nodes[nodeTypeName('chatwoot')] as INodeType;
		return node.methods!.credentialTest!.chatwootCredentialTest.call(testFunctions, {
			id: '1',
			name: 'Chatwoot',
			type: 'chatwootConversationsApi',
			data: { ...cred, ...data },
		});
	}

	test('only the access token: reads the profile with it, and nothing of the public API', async () => {
		const scope = appApi().get('/api/v1/profile').reply(200, profile);
		const publicCalls = nock(BASE)
			.get(/public/)
			.reply(200, {});
		expect(await testCredential({ inboxIdentifier: '' })).toEqual({
			status: 'OK',
			message: 'Connection successful (checked: User Access Token)',
		});
		scope.done();
		expect(publicCalls.isDone()).toBe(false);
		nock.cleanAll();
	});

	test('only the inbox identifier: reads the public inbox without a token', async () => {
		const scope = publicApi().get(PUB).reply(200, { identifier: INBOX, name: 'API inbox' });
		expect(await testCredential({ apiAccessToken: '', accountId: '' })).toEqual({
			status: 'OK',
			message: 'Connection successful (checked: Inbox Identifier)',
		});
		scope.done();
	});

	test('both: a refused access token is named, even with a good inbox identifier', async () => {
		const scope = appApi().get('/api/v1/profile').reply(401, { error: 'Invalid Access Token' });
		const result = await testCredential({});
		scope.done();
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Chatwoot refused the User Access Token');
		nock.cleanAll();
	});

	test('both good, but the user is not in the Account ID', async () => {
		const scope = appApi().get('/api/v1/profile').reply(200, profile);
		const result = await testCredential({ accountId: '6' });
		scope.done();
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringContaining('not a member of account 6'),
		});
		nock.cleanAll();
	});

	test('both good: checks both', async () => {
		const app = appApi().get('/api/v1/profile').reply(200, profile);
		const pub = publicApi().get(PUB).reply(200, { identifier: INBOX });
		expect(await testCredential({})).toEqual({
			status: 'OK',
			message: 'Connection successful (checked: User Access Token, Inbox Identifier)',
		});
		app.done();
		pub.done();
	});

	test('a wrong inbox identifier (404) names it and the Base URL', async () => {
		const scope = publicApi().get(PUB).reply(404, { status: 404, error: 'Not Found' });
		const result = await testCredential({ apiAccessToken: '' });
		scope.done();
		expect(result.status).toBe('Error');
		expect(result.message).toContain('no API inbox with this Inbox Identifier');
	});

	test('neither filled in: says what each is for, sends nothing', async () => {
		const any = nock(BASE).get(/.*/).reply(200, {});
		const result = await testCredential({ apiAccessToken: '', inboxIdentifier: '' });
		expect(any.isDone()).toBe(false);
		nock.cleanAll();
		expect(result).toEqual({
			status: 'Error',
			message:
				'Fill in the Inbox Identifier (to act as a contact: Create as Contact, Send as Contact), the User Access Token (to act as an agent: Create as Agent, Send as Agent and the other operations, and the lists to pick from), or both.',
		});
	});
});

describe('Chatwoot: one contact-inbox create per contact and inbox in a run (point 4)', () => {
	test.each([
		[
			'a 500',
			(scope: nock.Interceptor) => scope.reply(500, { error: 'Internal Server Error' }),
			{},
		],
		[
			'a timeout',
			(scope: nock.Interceptor) => scope.delay(1500).reply(200, { source_id: 'late' }),
			{ timeoutMs: 1000 },
		],
	])(
		'two items, the POST fails with %s: exactly one POST reaches Chatwoot, both items fail clearly',
		async (_name, fail, options) => {
			let posts = 0;
			const contact = appApi()
				.get(`${ACC}/contacts/1234`)
				.once()
				.reply(200, { payload: { id: 1234, contact_inboxes: [] } });
			const inboxes = fail(
				appApi()
					.post(`${ACC}/contacts/1234/contact_inboxes`, (body) => {
						posts++;
						return body.inbox_id === 3;
					})
					.times(2),
			);
			const conversations = appApi().post(`${ACC}/conversations`).reply(200, conversation(76));
			const { output, error } = await runNode({
				type: 'chatwoot',
				parameters: agent({
					contactBy: 'contactId',
					contactId: '1234',
					message: '={{$json.text}}',
					options,
				}),
				credentials: withCred(),
				items: [{ text: 'one' }, { text: 'two' }],
				onError: 'continueRegularOutput',
			});
			await new Promise((resolve) => setTimeout(resolve, 600));
			contact.done();
			expect(error).toBeUndefined();
			expect(posts).toBe(1);
			expect(inboxes.isDone()).toBe(false);
			expect(conversations.isDone()).toBe(false);
			nock.cleanAll();
			expect(output.map((item) => item.json.error)).toEqual([
				expect.stringMatching(/^Chatwoot could not add the contact to the inbox: .*\[item 0\]$/),
				expect.stringMatching(/^Chatwoot could not add the contact to the inbox: .*\[item 1\]$/),
			]);
			// one item sent the POST; the other was told so and sent nothing
			const told = output.filter((item) =>
				/^Item [01] of this run made this call for the same value and it failed; it was not sent again/.test(
					String(item.error?.description),
				),
			);
			expect(told).toHaveLength(1);
		},
	);
});
