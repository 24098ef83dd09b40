import nock from 'nock';

import { runNode } from '../harness/engine';

// The requests the node builds, checked against Intercom's own OpenAPI description (2.14).
const { specValidators } = require('../sandbox/schema');

const CONTACT_ID = '6762f0dd1bb69f9f2193bb83';
const credentials = {
	intercomConversationsApi: {
		accessToken: 't',
		region: 'https://api.intercom.io',
		apiVersion: '2.14',
		workspaceId: '',
	},
};
const spec = specValidators('intercom');

function capture(method: 'post', path: string, reply: object, sink: unknown[]) {
	return nock('https://api.intercom.io')
		[method](path, (body) => {
			sink.push(body);
			return true;
		})
		.reply(200, reply);
}

test('create conversation, search contact and create contact bodies match the 2.14 schemas', async () => {
	const conversations: unknown[] = [];
	const searches: unknown[] = [];
	const contacts: unknown[] = [];
	capture('post', '/contacts/search', { type: 'list', data: [] }, searches);
	capture('post', '/contacts', { type: 'contact', id: CONTACT_ID, role: 'user' }, contacts);
	capture(
		'post',
		'/conversations',
		{ type: 'user_message', id: '1', conversation_id: '2', created_at: 1 },
		conversations,
	);

	const { error } = await runNode({
		type: 'intercom',
		parameters: {
			resource: 'conversation',
			operation: 'create',
			contactBy: 'email',
			contactEmail: 'ana@example.com',
			whenNotFound: 'createUser',
			body: 'Hello',
			additionalFields: {
				subject: 'Hi',
				attachmentUrls: 'https://example.com/a.png',
				createdAt: '2026-01-01T00:00:00Z',
				contactName: 'Ana',
			},
		},
		credentials,
	});
	expect(error).toBeUndefined();
	expect(spec.forSchema('search_request')(searches[0])).toBeNull();
	expect(spec.forSchema('create_contact_request')(contacts[0])).toBeNull();
	expect(spec.forSchema('create_conversation_request')(conversations[0])).toBeNull();
	// The validator is strict enough to catch a wrong body.
	expect(
		spec.forSchema('create_conversation_request')({
			from: { type: 'admin', id: CONTACT_ID },
			body: 'x',
		}),
	).not.toBeNull();
});

test.each([
	['id', { contactId: CONTACT_ID }],
	['email', { contactEmail: 'ana@example.com' }],
	['externalId', { contactExternalId: 'crm-1' }],
])('reply as contact by %s matches the reply request schema', async (contactBy, identity) => {
	const replies: unknown[] = [];
	capture('post', '/conversations/499/reply', { type: 'conversation', id: '499' }, replies);
	const { error } = await runNode({
		type: 'intercom',
		parameters: {
			resource: 'conversation',
			operation: 'reply',
			conversationId: '499',
			contactBy,
			...identity,
			body: 'More',
		},
		credentials,
	});
	expect(error).toBeUndefined();
	expect(spec.forRequest('/conversations/{conversation_id}/reply', 'post')(replies[0])).toBeNull();
});

function captureAny(
	method: 'get' | 'post' | 'put' | 'delete',
	path: string | RegExp,
	reply: object,
	sink: unknown[],
) {
	return nock('https://api.intercom.io')
		.intercept(path, method.toUpperCase(), (body) => {
			sink.push(body);
			return true;
		})
		.reply(200, reply);
}

test.each(['comment', 'note'])(
	'reply as admin (%s) matches the admin reply schema',
	async (messageType) => {
		const replies: unknown[] = [];
		nock('https://api.intercom.io').get('/me').reply(200, { type: 'admin', id: '991267459' });
		captureAny('post', '/conversations/499/reply', { type: 'conversation', id: '499' }, replies);
		const { error } = await runNode({
			type: 'intercom',
			parameters: {
				resource: 'conversation',
				operation: 'replyAsAdmin',
				conversationId: '499',
				message: 'On it',
				messageType,
				additionalFields: { attachmentUrls: 'https://example.com/a.png' },
			},
			credentials,
		});
		expect(error).toBeUndefined();
		expect(
			spec.forRequest('/conversations/{conversation_id}/reply', 'post')(replies[0]),
		).toBeNull();
		expect(spec.forSchema('admin_reply_conversation_request')(replies[0])).toBeNull();
	},
);
