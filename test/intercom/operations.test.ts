import nock from 'nock';

import { runNode } from '../harness/engine';

// The conversation operations of issue 12 (Reply as Admin, Assign, Close, Open, Snooze, tags,
// Update, Search), with the exact requests they send.

const API = 'https://api.intercom.io';
const ADMIN_ID = '991267459';
const credentials = {
	intercomConversationsApi: {
		accessToken: 'secret-intercom-token',
		region: 'https://api.intercom.io',
		baseUrl: '',
		apiVersion: '2.14',
		workspaceId: 'abc123de',
	},
};
const headers = {
	authorization: 'Bearer secret-intercom-token',
	'intercom-version': '2.14',
	accept: 'application/json',
};
const conversation = (id: string, extra: Record<string, unknown> = {}) => ({
	type: 'conversation',
	id,
	title: null,
	state: 'open',
	open: true,
	read: true,
	priority: 'not_priority',
	created_at: 1734537501,
	updated_at: 1734537600,
	admin_assignee_id: null,
	team_assignee_id: null,
	source: { type: 'conversation', body: 'Hello', subject: '' },
	contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: 'c1' }] },
	conversation_parts: {
		type: 'conversation_part.list',
		total_count: 1,
		conversation_parts: [{ id: 'p9' }],
	},
	...extra,
});
const errorBody = (code: string, text: string) => ({
	type: 'error.list',
	request_id: 'req-1',
	errors: [{ code, message: text }],
});
const me = { type: 'admin', id: ADMIN_ID, email: 'admin@example.com', name: 'Ana Admin' };

function intercom() {
	return nock(API, { reqheaders: headers });
}
const op = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'conversation',
	operation,
	conversationId: '={{$json.id}}',
	...parameters,
});

describe('Intercom Conversations → Reply as Admin', () => {
	test("reads the token's admin once from /me for all items and replies as that admin", async () => {
		const scope = intercom()
			.get('/me')
			.once()
			.reply(200, me)
			.post('/conversations/499/reply', {
				message_type: 'comment',
				type: 'admin',
				admin_id: ADMIN_ID,
				body: 'We are on it',
			})
			.reply(200, conversation('499'))
			.post('/conversations/500/reply', {
				message_type: 'comment',
				type: 'admin',
				admin_id: ADMIN_ID,
				body: 'We are on it',
			})
			.reply(200, conversation('500'));

		const { output, error } = await runNode({
			type: 'intercom',
			parameters: op('replyAsAdmin', { message: 'We are on it' }),
			credentials,
			items: [{ id: '499' }, { id: '500' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toEqual({
			conversationId: '499',
			state: 'open',
			open: true,
			read: true,
			priority: 'not_priority',
			firstMessage: 'Hello',
			contactIds: ['c1'],
			adminAssigneeId: null,
			teamAssigneeId: null,
			partsCount: 1,
			lastPartId: 'p9',
			createdAt: '2024-12-18T15:58:21.000Z',
			updatedAt: '2024-12-18T16:00:00.000Z',
			conversationUrl: 'https://app.intercom.com/a/apps/abc123de/conversations/499',
			adminId: ADMIN_ID,
		});
	});

	test('a note from a given admin with attachments sends no /me request; Simplify off gives the raw conversation', async () => {
		const scope = intercom()
			.post('/conversations/499/reply', {
				message_type: 'note',
				type: 'admin',
				admin_id: '42',
				body: 'VIP customer, <b>handle first</b>',
				attachment_urls: ['https://example.com/a.pdf'],
			})
			.reply(200, conversation('499'));
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: op('replyAsAdmin', {
				message: 'VIP customer, <b>handle first</b>',
				messageType: 'note',
				adminId: '42',
				additionalFields: { attachmentUrls: 'https://example.com/a.pdf' },
				simplify: false,
			}),
			credentials,
			items: [{ id: '499' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toEqual(conversation('499'));
	});

	test('a failed /me fails every item that needs it once, naming the item; a 500 on the reply is not sent again', async () => {
		const scope = intercom()
			.get('/me')
			.once()
			.reply(401, errorBody('unauthorized', 'Access Token Invalid'));
		const { output } = await runNode({
			type: 'intercom',
			parameters: op('replyAsAdmin', { message: 'Hi' }),
			credentials,
			items: [{ id: '1' }, { id: '2' }],
			onError: 'continueRegularOutput',
		});
		scope.done();
		expect(output[0].json.error).toBe(
			"Intercom could not find the admin who owns the credential's access token: Access Token Invalid [unauthorized] (HTTP 401) [item 0]",
		);
		expect(output[1].json.error).toContain('[item 1]');

		const failing = intercom()
			.post('/conversations/7/reply')
			.once()
			.reply(500, errorBody('server_error', 'Server error'));
		const failed = await runNode({
			type: 'intercom',
			parameters: op('replyAsAdmin', { message: 'Hi', adminId: '42' }),
			credentials,
			items: [{ id: '7' }],
		});
		failing.done();
		expect(failed.error?.message).toBe(
			'Intercom could not reply as the admin: Server error [server_error] (HTTP 500) [item 0]',
		);
		expect(failed.error?.description).toContain('not sent again');
	});

	test.each([
		[{ message: '  ' }, 'Message is required but is empty [item 0]'],
		[{ message: 'Hi', messageType: '={{ "quick_reply" }}' }, 'Message Type must be one of'],
		[{ message: 'Hi', adminId: '1/2' }, 'Admin ID "1/2" is not valid'],
		[{ message: 'Hi', conversationId: '={{ "" }}' }, 'Conversation ID is required'],
	])('refuses bad input before any request: %j', async (parameters, expected) => {
		const { error } = await runNode({
			type: 'intercom',
			parameters: op('replyAsAdmin', parameters),
			credentials,
			items: [{ id: '1' }],
		});
		expect(error?.message).toContain(expected);
	});
});
