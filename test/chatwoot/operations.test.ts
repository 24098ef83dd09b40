import nock from 'nock';

import { buildAgentMessageBody } from '../../nodes/Chatwoot/message/sendAsAgent';
import { runNode } from '../harness/engine';
import { forRequest } from './spec';

// Issue 12 (Chatwoot): the Application API operations on an existing conversation.

const BASE = 'https://support.example.com';
const TOKEN = 'secret-chatwoot-user-token';
const ACC = '/api/v1/accounts/5';
const cred = {
	baseUrl: BASE,
	inboxIdentifier: '',
	hmacToken: '',
	apiAccessToken: TOKEN,
	accountId: '5',
};
const withCred = (extra: Record<string, unknown> = {}) => ({
	chatwootConversationsApi: { ...cred, ...extra },
});
const appApi = () => nock(BASE, { reqheaders: { 'api-access-token': TOKEN } });

/** The message jbuilder of the Application API (api/v1/conversations/partials/_message). */
const agentMessage = (id: number, extra: Record<string, unknown> = {}) => ({
	id,
	content: 'We shipped it today',
	inbox_id: 3,
	conversation_id: 42,
	message_type: 1,
	content_type: 'text',
	status: 'sent',
	content_attributes: {},
	created_at: 1767225600,
	private: false,
	source_id: null,
	sender: { id: 7, name: 'Agent Smith', type: 'user', pubsub_token: 'live-user-pubsub' },
	...extra,
});

const sendAsAgent = (parameters: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'sendAsAgent',
	conversationId: '42',
	message: 'We shipped it today',
	...parameters,
});

describe('Chatwoot Conversations → Message → Send as Agent', () => {
	const validMessage = forRequest(
		'/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages',
		'post',
	);

	test('the body validates against the OpenAPI file (conversation_message_create)', () => {
		const body = buildAgentMessageBody({ message: 'Hi', privateNote: true });
		expect(body).toEqual({ content: 'Hi', message_type: 'outgoing', private: true });
		expect(validMessage(body)).toEqual([]);
		expect(validMessage(buildAgentMessageBody({ message: 'Hi' }))).toEqual([]);
		expect(validMessage({ content: 'Hi', message_type: 'sideways' })).not.toEqual([]);
	});

	test('posts an outgoing message with the access token and outputs its IDs', async () => {
		const scope = appApi()
			.post(`${ACC}/conversations/42/messages`, {
				content: 'We shipped it today',
				message_type: 'outgoing',
				private: false,
			})
			.reply(200, agentMessage(900));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent(),
			credentials: withCred(),
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output).toEqual([
			{
				json: {
					messageId: 900,
					conversationId: 42,
					content: 'We shipped it today',
					messageType: 'outgoing',
					private: false,
					senderId: 7,
					attachmentsCount: 0,
					createdAt: '2026-01-01T00:00:00.000Z',
					conversationUrl: `${BASE}/app/accounts/5/conversations/42`,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test("a private note, one per item, in the node's Account ID; Simplify off leaves out the sender's pubsub_token", async () => {
		const scope = appApi()
			.post('/api/v1/accounts/8/conversations/42/messages', {
				content: 'VIP: answer within the hour',
				message_type: 'outgoing',
				private: true,
			})
			.reply(200, agentMessage(901, { content: 'VIP: answer within the hour', private: true }))
			.post('/api/v1/accounts/8/conversations/43/messages', {
				content: 'VIP: answer within the hour',
				message_type: 'outgoing',
				private: true,
			})
			.reply(200, agentMessage(902, { conversation_id: 43, private: true }));
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({
				additionalFields: { accountId: '8' },
				conversationId: '={{ $json.id }}',
				message: 'VIP: answer within the hour',
				privateNote: true,
				simplify: false,
			}),
			credentials: withCred(),
			items: [{ id: 42 }, { id: 43 }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output.map((item) => [item.json.id, item.json.private])).toEqual([
			[901, true],
			[902, true],
		]);
		expect(JSON.stringify(output)).not.toContain('live-user-pubsub');
	});

	test('is not sent again after a 503: the message may exist', async () => {
		const scope = appApi()
			.post(`${ACC}/conversations/42/messages`)
			.once()
			.reply(503, { error: 'Service Unavailable' });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent(),
			credentials: withCred(),
		});
		scope.done();
		expect(error?.message).toContain('Chatwoot could not send the message');
		expect(error?.message).toContain('HTTP 503');
	});

	test('an unknown conversation (404) says which number and account were used', async () => {
		const scope = appApi()
			.post(`${ACC}/conversations/42/messages`)
			.reply(404, { error: 'Resource could not be found' });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent(),
			credentials: withCred(),
		});
		scope.done();
		expect(error?.message).toBe(
			'Chatwoot could not send the message: Resource could not be found (HTTP 404) [item 0]',
		);
		expect(error?.description).toContain('no conversation with the ID 42 in account 5');
	});

	test.each([
		[
			'no access token',
			{ apiAccessToken: '' },
			'Send as Agent needs the User Access Token of the Chatwoot Conversations credential [item 0]',
		],
		['no account ID', { accountId: '' }, 'Send as Agent needs an Account ID [item 0]'],
	])('with %s nothing is sent', async (_name, extra, message) => {
		const scope = nock(BASE).post(/.*/).reply(200, {});
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent(),
			credentials: withCred(extra),
		});
		expect(error?.message).toBe(message);
		expect(scope.pendingMocks()).toHaveLength(1);
		nock.cleanAll();
	});
});

/** The parts of a multipart/form-data body as nock hands it over (text). */
function multipartParts(raw: string, contentType: string) {
	const boundary = /boundary=(.+)$/.exec(contentType)?.[1] as string;
	expect(raw.endsWith(`--${boundary}--\r\n`)).toBe(true);
	return raw
		.split(`--${boundary}`)
		.slice(1, -1)
		.map((part) => {
			const [head, ...rest] = part.slice(2, -2).split('\r\n\r\n');
			return {
				name: /name="([^"]*)"/.exec(head)?.[1],
				fileName: /filename="([^"]*)"/.exec(head)?.[1],
				type: /Content-Type: (.+)/.exec(head)?.[1],
				value: rest.join('\r\n\r\n'),
			};
		});
}

const binaryItem = (
	files: Record<string, { text: string; fileName: string; mimeType: string }>,
) => ({
	json: {},
	binary: Object.fromEntries(
		Object.entries(files).map(([property, file]) => [
			property,
			{
				data: Buffer.from(file.text).toString('base64'),
				fileName: file.fileName,
				mimeType: file.mimeType,
			},
		]),
	),
});

describe('Chatwoot Conversations → Send as Agent with attachments from binary data', () => {
	const files = {
		data: { text: 'invoice body', fileName: 'invoice-4711.pdf', mimeType: 'application/pdf' },
		photo: { text: 'not really a png', fileName: 'parcel.png', mimeType: 'image/png' },
	};

	test('sends multipart/form-data: the message fields, then attachments[] once per named property', async () => {
		let raw = '';
		let contentType = '';
		const scope = appApi()
			.matchHeader('content-type', (value) => {
				contentType = value;
				return /^multipart\/form-data; boundary=/.test(value);
			})
			.post(`${ACC}/conversations/42/messages`, (body) => {
				raw = typeof body === 'string' ? body : JSON.stringify(body);
				return true;
			})
			.reply(
				200,
				agentMessage(903, {
					attachments: [
						{ id: 1, file_type: 'file' },
						{ id: 2, file_type: 'image' },
					],
				}),
			);
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({
				message: 'Your invoice and a photo of the parcel',
				additionalFields: { attachments: 'data, photo' },
			}),
			credentials: withCred(),
			inputItems: [binaryItem(files)],
		});
		expect(error).toBeUndefined();
		scope.done();
		const text = { fileName: undefined, type: undefined };
		expect(multipartParts(raw, contentType)).toEqual([
			{ name: 'content', ...text, value: 'Your invoice and a photo of the parcel' },
			{ name: 'message_type', ...text, value: 'outgoing' },
			{ name: 'private', ...text, value: 'false' },
			{
				name: 'attachments[]',
				fileName: 'invoice-4711.pdf',
				type: 'application/pdf',
				value: 'invoice body',
			},
			{
				name: 'attachments[]',
				fileName: 'parcel.png',
				type: 'image/png',
				value: 'not really a png',
			},
		]);
		expect(output[0].json).toMatchObject({ messageId: 903, attachmentsCount: 2 });
	});

	test('files only: an empty message is left out', async () => {
		let raw = '';
		let contentType = '';
		const scope = appApi()
			.matchHeader('content-type', (value) => ((contentType = value), true))
			.post(`${ACC}/conversations/42/messages`, (body) => ((raw = String(body)), true))
			.reply(200, agentMessage(904, { content: null, attachments: [{ id: 3 }] }));
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({ message: '', additionalFields: { attachments: 'data' } }),
			credentials: withCred(),
			inputItems: [binaryItem({ data: files.data })],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(multipartParts(raw, contentType).map((part) => part.name)).toEqual([
			'message_type',
			'private',
			'attachments[]',
		]);
	});

	test('a missing binary property stops the run before any request, naming the item and the property', async () => {
		const scope = nock(BASE).post(/.*/).reply(200, {});
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({ additionalFields: { attachments: 'data, invoice' } }),
			credentials: withCred(),
			inputItems: [
				binaryItem({ data: files.data, invoice: files.data }),
				binaryItem({ data: files.data }),
			],
		});
		expect(error?.message).toBe(
			'Additional Fields › Attachments (Binary Properties) names the binary property "invoice", which the item does not have (it has "data") [item 1]',
		);
		expect(error?.description).toContain('Binary tab');
		expect(error?.description).toContain('Nothing was sent for this item.');
		expect(scope.pendingMocks()).toHaveLength(1);
		nock.cleanAll();
	});

	test('a file above the size limit is refused before any request (continue on fail: the other items go)', async () => {
		const big = {
			json: {},
			binary: {
				data: {
					data: Buffer.alloc(1.5 * 1024 * 1024).toString('base64'),
					fileName: 'scan.tiff',
					mimeType: 'image/tiff',
				},
			},
		};
		const scope = appApi()
			.post(`${ACC}/conversations/42/messages`)
			.once()
			.reply(200, agentMessage(905, { attachments: [{ id: 4 }] }));
		const { output, errorOutput } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({ additionalFields: { attachments: 'data', attachmentLimitMb: 1 } }),
			credentials: withCred(),
			inputItems: [big, binaryItem({ data: files.data })],
			onError: 'continueErrorOutput',
		});
		scope.done();
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].json.error).toBe(
			'Additional Fields › Attachments (Binary Properties) "data" holds "scan.tiff" of 1.5 MB, more than the limit of 1.0 MB per file [item 0]',
		);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	});

	test.each([
		['an empty name', 'data,,photo', 'has an empty name'],
		[
			'16 names',
			Array.from({ length: 16 }, (_, index) => `f${index}`).join(','),
			'names 16 files; Chatwoot takes at most 15',
		],
	])('%s in Attachments is refused', async (_name, attachments, reason) => {
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({ additionalFields: { attachments } }),
			credentials: withCred(),
		});
		expect(error?.message).toContain('Additional Fields › Attachments (Binary Properties) ');
		expect(error?.message).toContain(reason);
	});

	test('an empty message without attachments is refused before any request', async () => {
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({ message: '={{ "" }}' }),
			credentials: withCred(),
		});
		expect(error?.message).toBe('Message is required but is empty [item 0]');
		expect(error?.description).toContain('Attachments (Binary Properties)');
	});
});

interface ChatwootFake {
	url: string;
	baseUrl: string;
	credentials: Record<string, string>;
	state: { messages: Array<Record<string, unknown>> } & Record<string, unknown>;
	reset(): void;
	close(): Promise<void>;
	payloadFor(event: string, ref: Record<string, unknown>): Record<string, unknown>;
}
const sandbox = require('../sandbox') as {
	startVendorServer(vendor: string, options?: Record<string, unknown>): Promise<ChatwootFake>;
};

describe('Chatwoot Conversations → Send as Agent against the sandbox', () => {
	let fake: ChatwootFake;
	let sandboxCred: ReturnType<typeof withCred>;
	let conversationId: number;
	beforeAll(async () => {
		fake = await sandbox.startVendorServer('chatwoot');
		sandboxCred = withCred({
			baseUrl: fake.baseUrl,
			inboxIdentifier: fake.credentials.inboxIdentifier,
			apiAccessToken: fake.credentials.apiAccessToken,
			accountId: '1',
		});
	});
	afterAll(async () => {
		await fake.close();
	});
	beforeEach(async () => {
		fake.reset();
		const created = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'create',
				contactMode: 'new',
				contactFields: { name: 'Ana Lima', email: 'ana@example.com' },
				message: 'Where is my order?',
			},
			credentials: sandboxCred,
		});
		expect(created.error).toBeUndefined();
		conversationId = created.output[0].json.conversationId as number;
	});

	test("the message is outgoing, from the access token's user: the trigger's own-message filter knows it", async () => {
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({ conversationId: String(conversationId), privateNote: true }),
			credentials: sandboxCred,
		});
		expect(error).toBeUndefined();
		const profile = (await (
			await fetch(`${fake.url}/api/v1/profile`, {
				headers: { api_access_token: fake.credentials.apiAccessToken },
			})
		).json()) as { id: number };
		const payload = fake.payloadFor('message_created', { messageId: output[0].json.messageId });
		// what ChatwootTrigger compares: sender.type "user" and sender.id equal to the profile's id
		expect(payload).toMatchObject({
			message_type: 'outgoing',
			private: true,
			sender: { type: 'user', id: profile.id },
		});
		expect(output[0].json).toMatchObject({
			conversationId,
			messageType: 'outgoing',
			private: true,
		});
	});

	test('a template with attachments goes as template_params[…] form fields', async () => {
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({
				conversationId: String(conversationId),
				message: 'Your invoice A-1001',
				additionalFields: {
					attachments: 'data',
					templateParams: {
						name: 'invoice',
						language: 'en_US',
						processed_params: { '1': 'A-1001' },
					},
				},
			}),
			credentials: sandboxCred,
			inputItems: [
				binaryItem({
					data: { text: '%PDF-1.4', fileName: 'invoice.pdf', mimeType: 'application/pdf' },
				}),
			],
		});
		expect(error).toBeUndefined();
		const stored = fake.state.messages.find((message) => message.id === output[0].json.messageId);
		expect(stored).toMatchObject({
			additional_attributes: {
				template_params: {
					name: 'invoice',
					language: 'en_US',
					processed_params: { '1': 'A-1001' },
				},
			},
		});
	});

	test('attachments reach the sandbox as files of the message', async () => {
		const { output, error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({
				conversationId: String(conversationId),
				message: 'The label for your return',
				additionalFields: { attachments: 'data' },
			}),
			credentials: sandboxCred,
			inputItems: [
				binaryItem({
					data: {
						text: '%PDF-1.4 label',
						fileName: 'return label.pdf',
						mimeType: 'application/pdf',
					},
				}),
			],
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({
			attachmentsCount: 1,
			content: 'The label for your return',
		});
		const stored = fake.state.messages.find((message) => message.id === output[0].json.messageId);
		expect(stored).toMatchObject({
			message_type: 1,
			private: false,
			attachments: [
				{
					file_type: 'file',
					file_name: 'return label.pdf',
					content_type: 'application/pdf',
					file_size: 14,
				},
			],
		});
	});
});

describe('Chatwoot Conversations → WhatsApp templates (template_params)', () => {
	const template = {
		name: 'order_update',
		language: 'en_US',
		category: 'UTILITY',
		processed_params: { '1': 'A-1001' },
	};
	const validMessage = forRequest(
		'/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages',
		'post',
	);
	const validConversation = forRequest('/api/v1/accounts/{account_id}/conversations', 'post');

	test('Send as Agent sends template_params next to the content', async () => {
		const body = {
			content: 'Your order A-1001 has shipped',
			message_type: 'outgoing',
			private: false,
			template_params: template,
		};
		expect(validMessage(body)).toEqual([]);
		const scope = appApi()
			.post(`${ACC}/conversations/42/messages`, body)
			.reply(200, agentMessage(906));
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: sendAsAgent({
				message: 'Your order A-1001 has shipped',
				additionalFields: { templateParams: JSON.stringify(template) },
			}),
			credentials: withCred(),
		});
		expect(error).toBeUndefined();
		scope.done();
	});

	test('Create as Agent sends message.template_params', async () => {
		const body = {
			source_id: 'src-3',
			inbox_id: '3',
			contact_id: '1234',
			message: { content: 'Your order A-1001 has shipped', template_params: template },
		};
		expect(validConversation(body)).toEqual([]);
		const scope = appApi()
			.get(`${ACC}/contacts/1234`)
			.reply(200, {
				payload: { id: 1234, contact_inboxes: [{ source_id: 'src-3', inbox: { id: 3 } }] },
			})
			.post(`${ACC}/conversations`, body)
			.reply(200, { id: 70, account_id: 5, inbox_id: 3, status: 'open', messages: [] });
		const { error } = await runNode({
			type: 'chatwoot',
			parameters: {
				resource: 'conversation',
				operation: 'createAsAgent',
				inboxId: '3',
				contactBy: 'contactId',
				contactId: '1234',
				message: 'Your order A-1001 has shipped',
				additionalFields: { templateParams: template },
			},
			credentials: withCred(),
		});
		expect(error).toBeUndefined();
		scope.done();
	});

	test.each([
		['sendAsAgent', sendAsAgent({ message: '', additionalFields: { templateParams: template } })],
		[
			'createAsAgent',
			{
				resource: 'conversation',
				operation: 'createAsAgent',
				inboxId: '3',
				contactBy: 'contactId',
				contactId: '1234',
				additionalFields: { templateParams: template },
			},
		],
	])(
		'%s: a template without the message is refused before any request',
		async (_name, parameters) => {
			const scope = nock(BASE).get(/.*/).reply(200, {}).post(/.*/).reply(200, {});
			const { error } = await runNode({ type: 'chatwoot', parameters, credentials: withCred() });
			expect(error?.message).toBe('Message is empty, but a WhatsApp Template is given [item 0]');
			expect(scope.pendingMocks()).toHaveLength(2);
			nock.cleanAll();
		},
	);
});
