import fs from 'node:fs';
import path from 'node:path';

import type { IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import YAML from 'yaml';

import { ChatwootConversationsApi } from '../../credentials/ChatwootConversationsApi.credentials';
import {
	credentialProblem,
	chatwoot,
	chatwootBaseUrl,
	conversationUrl,
	errorText,
	identifierHash,
} from '../../nodes/Chatwoot/vendor';
import {
	buildContactBody,
	buildConversationBody,
	buildMessageBody,
} from '../../nodes/Chatwoot/conversation/create';
import {
	buildAgentConversationBody,
	buildContactInboxBody,
} from '../../nodes/Chatwoot/conversation/createAsAgent';
import { isoTime, messageType, simplifyAgentConversation } from '../../nodes/Chatwoot/simplify';
import { phoneNumber } from '../../nodes/Chatwoot/fields';
import { publicPath } from '../../nodes/Chatwoot/public';
import { loadPackage, nodeTypeName } from '../harness/engine';
import { forPlainSchema, forRequest, forSchema, SPEC_FILE } from './spec';

const CRM_HASH = 'ca7b82965816c72d7a684f2711bc695eab8402e69e42224b017f07de47470815';

describe("Chatwoot request bodies validate against Chatwoot's OpenAPI file", () => {
	const contact = forSchema('public_contact_create_update_payload');
	const conversation = forSchema('public_conversation_create_payload');
	const message = forSchema('public_message_create_payload');
	const agentConversation = forRequest('/api/v1/accounts/{account_id}/conversations', 'post');
	const contactInbox = forRequest(
		'/api/v1/accounts/{account_id}/contacts/{id}/contact_inboxes',
		'post',
	);

	test(`the spec file is found (${path.basename(SPEC_FILE)})`, () => {
		expect(fs.existsSync(SPEC_FILE)).toBe(true);
	});

	test('public contact, with every field and identifier_hash', () => {
		const body = buildContactBody(
			{
				contactFields: {
					name: 'Ana Lima',
					email: 'ana@example.com',
					phoneNumber: '+5511987654321',
					identifier: 'crm-4711',
					avatarUrl: 'https://example.com/ana.png',
					customAttributes: { plan: 'pro' },
				},
			},
			{ hmacToken: 'inbox-hmac-secret' },
		);
		expect(body).toEqual({
			name: 'Ana Lima',
			email: 'ana@example.com',
			phone_number: '+5511987654321',
			identifier: 'crm-4711',
			identifier_hash: CRM_HASH,
			avatar_url: 'https://example.com/ana.png',
			custom_attributes: { plan: 'pro' },
		});
		expect(contact(body)).toEqual([]);
		expect(contact(buildContactBody({ contactFields: {} }, {}))).toEqual([]);
	});

	test('public conversation and message', () => {
		const withAttributes = buildConversationBody({
			additionalFields: { customAttributes: { order_id: 'A-1001' } },
		});
		expect(withAttributes).toEqual({ custom_attributes: { order_id: 'A-1001' } });
		expect(conversation(withAttributes)).toEqual([]);
		expect(conversation(buildConversationBody({ additionalFields: {} }))).toEqual([]);
		const first = buildMessageBody({ message: 'Hello' });
		expect(first).toEqual({ content: 'Hello' });
		expect(message(first)).toEqual([]);
		expect(buildMessageBody({})).toBeUndefined();
	});

	test('Application API conversation, with every field and with the fewest', () => {
		const full = buildAgentConversationBody(
			{
				inboxId: 3,
				message: 'We are on it',
				additionalFields: {
					status: 'pending',
					assigneeId: 7,
					teamId: 2,
					customAttributes: { order_id: 'A-1001' },
					additionalAttributes: { source: 'n8n' },
				},
			},
			{ sourceId: 'src-1', contactId: 1234 },
		);
		expect(full).toEqual({
			source_id: 'src-1',
			inbox_id: '3',
			contact_id: '1234',
			message: { content: 'We are on it' },
			status: 'pending',
			assignee_id: '7',
			team_id: '2',
			custom_attributes: { order_id: 'A-1001' },
			additional_attributes: { source: 'n8n' },
		});
		expect(agentConversation(full)).toEqual([]);
		expect(
			agentConversation(buildAgentConversationBody({ inboxId: 3 }, { sourceId: 'src-1' })),
		).toEqual([]);
		expect(contactInbox(buildContactInboxBody(3))).toEqual([]);
	});

	test('the validators do fail: a number where the spec wants text, an undocumented key, a missing source_id', () => {
		expect(agentConversation({ source_id: 'a', inbox_id: 3 })).not.toEqual([]);
		expect(contact({ name: 'A', nickname: 'B' })).not.toEqual([]);
		expect(agentConversation({ inbox_id: '3' })).not.toEqual([]);
		expect(contactInbox({ inbox_id: '3' })).not.toEqual([]);
	});

	test('the conversation body also validates against the newer public schema (chatwoot-public-conversation-create.openapi.yaml)', () => {
		const file = path.resolve(
			__dirname,
			'../sandbox/specs/chatwoot-public-conversation-create.openapi.yaml',
		);
		const document = YAML.parse(fs.readFileSync(file, 'utf8'));
		const validate = forPlainSchema(document.components.schemas.public_conversation_create_payload);
		expect(
			validate(buildConversationBody({ additionalFields: { customAttributes: { a: 1 } } })),
		).toEqual([]);
		expect(validate({ custom_attributes: 'not an object' })).not.toEqual([]);
	});
});

describe('Chatwoot credential', () => {
	const credential = new ChatwootConversationsApi();
	const authenticate = credential.authenticate as (
		credentials: Record<string, unknown>,
		options: IHttpRequestOptions,
	) => Promise<IHttpRequestOptions>;

	test('the access token goes to the Application API only, only when set, as Api-Access-Token', async () => {
		const app: IHttpRequestOptions = {
			url: 'https://chat.example.com/api/v1/accounts/1/conversations',
			headers: { Accept: 'application/json' },
		};
		const pub: IHttpRequestOptions = {
			url: 'https://chat.example.com/public/api/v1/inboxes/abc/contacts',
		};
		expect((await authenticate({ apiAccessToken: ' tok ' }, app)).headers).toEqual({
			Accept: 'application/json',
			'Api-Access-Token': 'tok',
		});
		expect((await authenticate({ apiAccessToken: 'tok' }, pub)).headers).toBeUndefined();
		expect((await authenticate({ apiAccessToken: '' }, app)).headers).toEqual({
			Accept: 'application/json',
		});
		expect(
			(
				await authenticate(
					{ apiAccessToken: 'tok' },
					{ baseURL: 'https://chat.example.com', url: '/public/api/v1/inboxes/abc' },
				)
			).headers,
		).toBeUndefined();
	});

	test('the Inbox Identifier is optional (Create as Agent needs only the access token); the node tests the credential', async () => {
		expect(
			credential.properties.find((property) => property.name === 'inboxIdentifier')?.required,
		).toBeFalsy();
		expect((credential as unknown as { test?: unknown }).test).toBeUndefined();
		const { nodes } = await loadPackage();
		const node = nodes[nodeTypeName('chatwoot')];
		expect(node.description.credentials).toEqual([
			{ name: 'chatwootConversationsApi', required: true, testedBy: 'chatwootCredentialTest' },
		]);
		expect(typeof node.methods?.credentialTest?.chatwootCredentialTest).toBe('function');
	});

	test('the editor shows a notice when the Base URL ends with /api/v1 or /public/api/v1', () => {
		const notice = credential.properties.find(
			(property) => property.name === 'baseUrlNotice',
		) as INodeProperties;
		const shown = (baseUrl: string) =>
			NodeHelpers.displayParameter({ baseUrl }, notice, null, null);
		expect(shown('https://app.chatwoot.com/api/v1')).toBe(true);
		expect(shown('https://chat.example.com/public/api/v1/')).toBe(true);
		expect(shown('https://app.chatwoot.com')).toBe(false);
		expect(shown('https://chat.example.com/api/v1-proxy')).toBe(false);
	});

	test('secrets are password fields; names follow the package convention', () => {
		expect(credential.name).toBe('chatwootConversationsApi');
		expect(credential.displayName).toBe('Chatwoot Conversations API');
		for (const name of ['inboxIdentifier', 'hmacToken', 'apiAccessToken']) {
			expect(
				credential.properties.find((property) => property.name === name)?.typeOptions?.password,
			).toBe(true);
		}
	});
});

describe('Chatwoot helpers', () => {
	test.each([
		['', 'https://app.chatwoot.com'],
		['https://chat.example.com///', 'https://chat.example.com'],
		[' https://example.com/chatwoot/ ', 'https://example.com/chatwoot'],
		['http://localhost:3000', 'http://localhost:3000'],
	])('base URL %j becomes %j', (baseUrl, expected) => {
		expect(chatwootBaseUrl({ baseUrl })).toBe(expected);
	});

	test.each([
		['https://app.chatwoot.com/api/v1', 'ends with /api/v1'],
		['https://app.chatwoot.com/API/V1/', 'ends with /API/V1'],
		['https://chat.example.com/public/api/v1', 'ends with /public/api/v1'],
		['chat.example.com', 'is not a web address'],
	])('base URL %j is refused: %s', (baseUrl, reason) => {
		expect(credentialProblem({ baseUrl })?.reason).toContain(reason);
	});

	test("identifier_hash is HMAC-SHA256 in hex (value computed with Python's hmac module)", () => {
		expect(identifierHash('inbox-hmac-secret', 'crm-4711')).toBe(CRM_HASH);
	});

	test('paths encode the identifiers', () => {
		expect(publicPath('in box', { contactIdentifier: 'a:b', conversationId: 4 }, '/messages')).toBe(
			'/public/api/v1/inboxes/in%20box/contacts/a%3Ab/conversations/4/messages',
		);
	});

	test('conversation links need a numeric account', () => {
		expect(conversationUrl({ baseUrl: 'https://c.example.com/' }, 5, 42)).toBe(
			'https://c.example.com/app/accounts/5/conversations/42',
		);
		expect(conversationUrl({}, undefined, 42)).toBeUndefined();
		expect(conversationUrl({}, 'acme', 42)).toBeUndefined();
	});

	test.each([
		[{ error: 'Invalid Access Token' }, 'Invalid Access Token'],
		[
			{ errors: ['You need to sign in or sign up before continuing.'] },
			'You need to sign in or sign up before continuing.',
		],
		[{ errors: [{ field: 'email', message: 'is invalid' }] }, 'is invalid'],
		[
			{ message: 'Email has already been taken', attributes: ['email'] },
			'Email has already been taken',
		],
		[{ status: 404, error: 'Not Found' }, 'Not Found'],
		['Retry later\n', 'Retry later'],
		[{}, undefined],
	])('error text of %j', (body, expected) => {
		expect(errorText(body)).toBe(expected);
	});

	test('a 422 names the fields; a 429 explains the rate limiter', () => {
		const request = {
			method: 'POST' as const,
			url: 'https://c.example.com/api/v1/accounts/1/conversations',
			purpose: 'create the conversation',
		};
		expect(
			chatwoot.explainError(
				{
					statusCode: 422,
					headers: {},
					body: { message: 'Bad', attributes: ['inbox_id', 'source_id'] },
				},
				request,
			),
		).toEqual({
			message: 'Bad (fields: inbox_id, source_id)',
		});
		expect(
			chatwoot.explainError({ statusCode: 429, headers: {}, body: 'Retry later\n' }, request)
				.message,
		).toBe('Chatwoot\'s rate limiter kept answering "Retry later"');
	});

	test('phone numbers: spaces and dashes dropped, national numbers refused', () => {
		const check = phoneNumber();
		expect(check('+55 (11) 98765-4321')).toBe('+5511987654321');
		expect(check('')).toBeUndefined();
		expect(() => check('011 98765')).toThrow('international format');
		expect(() => check('+0123')).toThrow('international format');
	});

	test('message types and times', () => {
		expect([0, 1, 2, 3, 9].map(messageType)).toEqual([
			'incoming',
			'outgoing',
			'activity',
			'template',
			'9',
		]);
		expect(isoTime(1767225600)).toBe('2026-01-01T00:00:00.000Z');
		expect(isoTime('2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00.000Z');
		expect(isoTime(0)).toBeUndefined();
	});

	test('an agent conversation without meta falls back to what was sent', () => {
		expect(
			simplifyAgentConversation(
				{ id: 3, status: 'open' },
				{ accountId: '5', contactIdentifier: 'src', contactId: 9 },
				{},
			),
		).toMatchObject({
			conversationId: 3,
			accountId: 5,
			contactId: 9,
			contactIdentifier: 'src',
			assigneeId: null,
			teamId: null,
			messageId: null,
		});
	});
});
