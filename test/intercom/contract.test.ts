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

const conversationAnswer = { type: 'conversation', id: '499' };
const tagAnswer = { type: 'tag', id: '86', name: 'VIP' };
const ADMIN = { adminId: '991267459' };
const inFuture = new Date(Date.now() + 86_400_000).toISOString();

test.each([
	[
		'assign to an admin',
		'assign',
		{ assigneeId: '814860', ...ADMIN },
		'assign_conversation_request',
	],
	[
		'assign to a team with a message',
		'assign',
		{
			assigneeType: 'team',
			assigneeId: '5',
			additionalFields: { message: 'To billing' },
			...ADMIN,
		},
		'assign_conversation_request',
	],
	[
		'close',
		'close',
		{ additionalFields: { message: 'Bye' }, ...ADMIN },
		'close_conversation_request',
	],
	['open', 'open', ADMIN, 'open_conversation_request'],
	['snooze', 'snooze', { snoozeUntil: inFuture, ...ADMIN }, 'snooze_conversation_request'],
])('%s matches the /parts request schema', async (_name, operation, parameters, schema) => {
	const bodies: unknown[] = [];
	captureAny('post', '/conversations/499/parts', conversationAnswer, bodies);
	const { error } = await runNode({
		type: 'intercom',
		parameters: { resource: 'conversation', operation, conversationId: '499', ...parameters },
		credentials,
	});
	expect(error).toBeUndefined();
	expect(spec.forRequest('/conversations/{conversation_id}/parts', 'post')(bodies[0])).toBeNull();
	expect(spec.forSchema(schema)(bodies[0])).toBeNull();
});

test('add tag and remove tag match their request schemas', async () => {
	const added: unknown[] = [];
	const removed: unknown[] = [];
	captureAny('post', '/conversations/499/tags', tagAnswer, added);
	captureAny('delete', '/conversations/499/tags/86', tagAnswer, removed);
	for (const operation of ['addTag', 'removeTag']) {
		const { error } = await runNode({
			type: 'intercom',
			parameters: {
				resource: 'conversation',
				operation,
				conversationId: '499',
				tagId: '86',
				...ADMIN,
			},
			credentials,
		});
		expect(error).toBeUndefined();
	}
	expect(spec.forRequest('/conversations/{conversation_id}/tags', 'post')(added[0])).toBeNull();
	expect(
		spec.forRequest('/conversations/{conversation_id}/tags/{tag_id}', 'delete')(removed[0]),
	).toBeNull();
	// strict enough: a body without admin_id is refused
	expect(
		spec.forRequest('/conversations/{conversation_id}/tags', 'post')({ id: '86' }),
	).not.toBeNull();
});

test('update matches the update conversation schema', async () => {
	const bodies: unknown[] = [];
	captureAny('put', '/conversations/499', conversationAnswer, bodies);
	const { error } = await runNode({
		type: 'intercom',
		parameters: {
			resource: 'conversation',
			operation: 'update',
			conversationId: '499',
			updateFields: { title: 'Refund', customAttributes: '{"issue_type": "Billing", "score": 3}' },
		},
		credentials,
	});
	expect(error).toBeUndefined();
	expect(spec.forRequest('/conversations/{conversation_id}', 'put')(bodies[0])).toBeNull();
	expect(spec.forSchema('update_conversation_request')({ title: 7 })).not.toBeNull();
});

test('search (every filter, a second page) matches the search request schema', async () => {
	const bodies: unknown[] = [];
	const page = (next?: string) => ({
		type: 'conversation.list',
		conversations: [conversationAnswer],
		pages: { type: 'pages', ...(next ? { next: { starting_after: next } } : {}) },
	});
	nock('https://api.intercom.io')
		.post('/conversations/search', (body) => {
			bodies.push(body);
			return true;
		})
		.reply(200, page('c1'))
		.post('/conversations/search', (body) => {
			bodies.push(body);
			return true;
		})
		.reply(200, page());
	const { error, output } = await runNode({
		type: 'intercom',
		parameters: {
			resource: 'conversation',
			operation: 'search',
			state: 'snoozed',
			returnAll: true,
			filters: {
				contactId: CONTACT_ID,
				adminAssigneeId: '1',
				teamAssigneeId: '2',
				updatedSince: '2026-01-01T00:00:00Z',
			},
		},
		credentials,
	});
	expect(error).toBeUndefined();
	expect(output).toHaveLength(2);
	expect(bodies).toHaveLength(2);
	for (const body of bodies) expect(spec.forSchema('search_request')(body)).toBeNull();
	expect(spec.forRequest('/conversations/search', 'post')(bodies[1])).toBeNull();
});

test('create with a brand (2.16) still matches the 2.14 create schema', async () => {
	// The 2.14 description has no brand_id (2.16 adds it); its schema allows extra keys, so this
	// only shows the rest of the body is unchanged. brand_id's place is checked in the engine tests.
	const bodies: unknown[] = [];
	captureAny(
		'post',
		'/conversations',
		{ type: 'user_message', id: '1', conversation_id: '2' },
		bodies,
	);
	const { error } = await runNode({
		type: 'intercom',
		parameters: {
			resource: 'conversation',
			operation: 'create',
			contactBy: 'id',
			contactId: CONTACT_ID,
			body: 'Hi',
			additionalFields: { senderType: 'user', brandId: 'tlkp1d91' },
		},
		credentials: {
			intercomConversationsApi: { ...credentials.intercomConversationsApi, apiVersion: '2.16' },
		},
	});
	expect(error).toBeUndefined();
	expect(spec.forSchema('create_conversation_request')(bodies[0])).toBeNull();
	expect(bodies[0]).toMatchObject({ brand_id: 'tlkp1d91' });
});
