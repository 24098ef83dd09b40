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
		[{ message: 'Hi', adminId: '1/2' }, 'Admin "1/2" is not valid'],
		[{ message: 'Hi', conversationId: '={{ "" }}' }, 'Conversation is required'],
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

describe('Intercom Conversations → Assign, Close, Open, Snooze', () => {
	test('assigns to a team with a message and to an admin without one; /me read once', async () => {
		const scope = intercom()
			.get('/me')
			.once()
			.reply(200, me)
			.post('/conversations/1/parts', {
				message_type: 'assignment',
				type: 'team',
				assignee_id: '814860',
				body: 'Passing you to billing',
				admin_id: ADMIN_ID,
			})
			.reply(200, conversation('1', { team_assignee_id: 814860 }))
			.post('/conversations/2/parts', {
				message_type: 'assignment',
				type: 'admin',
				assignee_id: '0',
				admin_id: ADMIN_ID,
			})
			.reply(200, conversation('2'));
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: op('assign', {
				assigneeType: '={{$json.type}}',
				assigneeId: '={{$json.to}}',
				additionalFields: { message: '={{$json.text}}' },
			}),
			credentials,
			items: [
				{ id: '1', type: 'team', to: '814860', text: 'Passing you to billing' },
				{ id: '2', type: 'admin', to: 0, text: '' },
			],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			conversationId: '1',
			teamAssigneeId: 814860,
			adminId: ADMIN_ID,
		});
		expect(output[1].json.conversationId).toBe('2');
	});

	test('an assignment without a message is tried again after a 503; with a message it is not', async () => {
		const scope = intercom()
			.post('/conversations/1/parts', (body) => body.body === undefined)
			.reply(503, 'unavailable')
			.post('/conversations/1/parts', (body) => body.body === undefined)
			.reply(200, conversation('1'))
			.post('/conversations/2/parts', (body) => body.body === 'Hi')
			.once()
			.reply(503, 'unavailable');
		const { output } = await runNode({
			type: 'intercom',
			parameters: op('assign', {
				assigneeId: '5',
				adminId: '42',
				additionalFields: { message: '={{$json.text}}' },
			}),
			credentials,
			items: [
				{ id: '1', text: '' },
				{ id: '2', text: 'Hi' },
			],
			onError: 'continueRegularOutput',
		});
		scope.done();
		expect(output[0].json.conversationId).toBe('1');
		expect(output[1].json.error).toBe(
			'Intercom could not assign the conversation: unavailable (HTTP 503) [item 1]',
		);
	});

	test('closes with a message, opens, and snoozes until a time (unix seconds)', async () => {
		const until = new Date(Date.now() + 86_400_000);
		until.setUTCMilliseconds(0);
		const scope = intercom()
			.post('/conversations/1/parts', {
				message_type: 'close',
				type: 'admin',
				body: 'Solved, thanks!',
				admin_id: '42',
			})
			.reply(200, conversation('1', { state: 'closed', open: false }))
			.post('/conversations/1/parts', { message_type: 'open', admin_id: '42' })
			.reply(200, conversation('1'))
			.post('/conversations/1/parts', {
				message_type: 'snoozed',
				admin_id: '42',
				snoozed_until: until.getTime() / 1000,
			})
			.reply(200, conversation('1', { state: 'snoozed', snoozed_until: until.getTime() / 1000 }));
		const closed = await runNode({
			type: 'intercom',
			parameters: op('close', {
				adminId: '42',
				additionalFields: { message: 'Solved, thanks!' },
			}),
			credentials,
			items: [{ id: '1' }],
		});
		const opened = await runNode({
			type: 'intercom',
			parameters: op('open', { adminId: '42' }),
			credentials,
			items: [{ id: '1' }],
		});
		const snoozed = await runNode({
			type: 'intercom',
			parameters: op('snooze', { adminId: '42', snoozeUntil: until.toISOString() }),
			credentials,
			items: [{ id: '1' }],
		});
		scope.done();
		expect(closed.output[0].json).toMatchObject({ state: 'closed', open: false });
		expect(opened.output[0].json).toMatchObject({ state: 'open' });
		expect(snoozed.output[0].json).toMatchObject({
			state: 'snoozed',
			snoozedUntil: until.toISOString(),
		});
	});

	test.each([
		['assign', { assigneeId: '={{ "" }}' }, 'Assignee is required but is empty [item 0]'],
		['assign', { assigneeId: '5', assigneeType: '={{ "group" }}' }, 'Assign To must be one of'],
		[
			'snooze',
			{ snoozeUntil: '2020-01-01T00:00:00Z' },
			'Snooze Until is 2020-01-01T00:00:00.000Z, which has already passed',
		],
		['snooze', { snoozeUntil: 'tomorrow' }, 'Snooze Until must be a date and time'],
		['close', { adminId: 'a b' }, 'Admin "a b" is not valid'],
	])('%s refuses bad input before any request: %j', async (operation, parameters, expected) => {
		const { error } = await runNode({
			type: 'intercom',
			parameters: op(operation, parameters),
			credentials,
			items: [{ id: '1' }],
		});
		expect(error?.message).toContain(expected);
	});
});

describe('Intercom Conversations → Add Tag, Remove Tag', () => {
	const tag = { type: 'tag', id: '86', name: 'VIP', applied_at: 1663597223 };

	test('adds a tag by ID and removes it, with admin_id in both bodies', async () => {
		const scope = intercom()
			.post('/conversations/1/tags', { id: '86', admin_id: '42' })
			.reply(200, tag)
			.delete('/conversations/1/tags/86', { admin_id: '42' })
			.reply(200, { ...tag, applied_at: null });
		const added = await runNode({
			type: 'intercom',
			parameters: op('addTag', { tagId: '86', adminId: '42' }),
			credentials,
			items: [{ id: '1' }],
		});
		const removed = await runNode({
			type: 'intercom',
			parameters: op('removeTag', { tagId: '86', adminId: '42' }),
			credentials,
			items: [{ id: '1' }],
		});
		scope.done();
		expect(added.output[0].json).toEqual({
			conversationId: '1',
			tagId: '86',
			tagName: 'VIP',
			tagged: true,
			adminId: '42',
			conversationUrl: 'https://app.intercom.com/a/apps/abc123de/conversations/1',
		});
		expect(removed.output[0].json).toMatchObject({ tagId: '86', tagged: false });
	});

	test('finds tags by name with one GET /tags per run; an unknown or ambiguous name fails only its item', async () => {
		const scope = intercom()
			.get('/me')
			.once()
			.reply(200, me)
			.get('/tags')
			.once()
			.reply(200, {
				type: 'list',
				data: [
					{ type: 'tag', id: '86', name: 'VIP' },
					{ type: 'tag', id: '87', name: 'billing' },
					{ type: 'tag', id: '88', name: 'Dup' },
					{ type: 'tag', id: '89', name: 'dup' },
				],
			})
			.post('/conversations/1/tags', { id: '86', admin_id: ADMIN_ID })
			.reply(200, tag)
			.post('/conversations/2/tags', { id: '87', admin_id: ADMIN_ID })
			.reply(200, { type: 'tag', id: '87', name: 'billing' });
		const { output } = await runNode({
			type: 'intercom',
			parameters: op('addTag', { tagBy: 'name', tagName: '={{$json.tag}}' }),
			credentials,
			items: [
				{ id: '1', tag: 'VIP' },
				{ id: '2', tag: 'Billing' },
				{ id: '3', tag: 'Urgent' },
				{ id: '4', tag: 'DUP' },
			],
			onError: 'continueRegularOutput',
		});
		scope.done();
		expect(output.map((item) => item.json.tagId ?? item.json.error)).toEqual([
			'86',
			'87',
			'No Intercom tag is named "Urgent" [item 2]',
			'2 Intercom tags are named "DUP" (IDs 88, 89) [item 3]',
		]);
	});

	test('a 503 on adding a tag is tried again (safe to repeat)', async () => {
		const scope = intercom()
			.post('/conversations/1/tags')
			.reply(503, 'unavailable')
			.post('/conversations/1/tags')
			.reply(200, tag);
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: op('addTag', { tagId: '86', adminId: '42' }),
			credentials,
			items: [{ id: '1' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json.tagged).toBe(true);
	});
});

describe('Intercom Conversations → Update', () => {
	test('sets the title and custom attributes with PUT', async () => {
		const scope = intercom()
			.put('/conversations/1', {
				custom_attributes: { issue_type: 'Billing', priority_score: 3 },
				title: 'Refund for order 1042',
			})
			.reply(
				200,
				conversation('1', {
					title: 'Refund for order 1042',
					custom_attributes: { issue_type: 'Billing', priority_score: 3 },
				}),
			);
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: op('update', {
				updateFields: {
					title: 'Refund for order 1042',
					customAttributes: '{"issue_type": "Billing", "priority_score": 3}',
				},
			}),
			credentials,
			items: [{ id: '1' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output[0].json).toMatchObject({
			conversationId: '1',
			title: 'Refund for order 1042',
			customAttributes: { issue_type: 'Billing', priority_score: 3 },
		});
	});

	test.each([
		['2.14', { customAttributes: '{}' }, 'Update Fields has no field to change [item 0]'],
		['2.14', { title: '  ' }, 'Update Fields has no field to change [item 0]'],
		[
			'2.14',
			{ customAttributes: '[1]' },
			'Update Fields › Custom Attributes must be a JSON object',
		],
		['2.14', { customAttributes: '{oops' }, 'Update Fields › Custom Attributes is not valid JSON'],
		[
			'2.12',
			{ title: 'T' },
			"Update Fields › Title needs Intercom API version 2.13 or later; the credential's API Version is 2.12 [item 0]",
		],
		[
			'2.10',
			{ customAttributes: '{"a": "b"}' },
			"Update Fields › Custom Attributes is not part of Intercom API version 2.10, the credential's API Version [item 0]",
		],
	])('with API %s refuses %j before any request', async (apiVersion, updateFields, expected) => {
		const { error } = await runNode({
			type: 'intercom',
			parameters: op('update', { updateFields }),
			credentials: {
				intercomConversationsApi: { ...credentials.intercomConversationsApi, apiVersion },
			},
			items: [{ id: '1' }],
		});
		expect(error?.message).toContain(expected);
		expect(error?.message).toMatch(/\[item 0\]$/);
	});
});

describe('Intercom Conversations → Search', () => {
	const list = (ids: string[], next?: string) => ({
		type: 'conversation.list',
		total_count: 5,
		pages: {
			type: 'pages',
			page: 1,
			per_page: ids.length,
			total_pages: 3,
			...(next ? { next: { per_page: ids.length, starting_after: next } } : {}),
		},
		conversations: ids.map((id) => conversation(id)),
	});

	test('builds the query from every filter and pages with starting_after until Limit', async () => {
		const since = '2026-01-01T00:00:00Z';
		const query = {
			operator: 'AND',
			value: [
				{ field: 'state', operator: '=', value: 'open' },
				{ field: 'contact_ids', operator: '=', value: 'c1' },
				{ field: 'admin_assignee_id', operator: '=', value: 991267459 },
				{ field: 'team_assignee_id', operator: '=', value: 814860 },
				{ field: 'updated_at', operator: '>', value: 1767225600 },
			],
		};
		const scope = intercom()
			.post('/conversations/search', { query, pagination: { per_page: 3 } })
			.reply(200, list(['1', '2'], 'cursor-1'))
			.post('/conversations/search', {
				query,
				pagination: { per_page: 1, starting_after: 'cursor-1' },
			})
			.reply(200, list(['3'], 'cursor-2'));
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: {
				resource: 'conversation',
				operation: 'search',
				state: 'open',
				limit: 3,
				filters: {
					contactId: 'c1',
					adminAssigneeId: '991267459',
					teamAssigneeId: 814860,
					updatedSince: since,
				},
			},
			credentials,
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output.map((item) => [item.json.conversationId, item.pairedItem])).toEqual([
			['1', { item: 0 }],
			['2', { item: 0 }],
			['3', { item: 0 }],
		]);
	});

	test('Return All follows the cursor to the end (150 per page); any state without filters searches all', async () => {
		const query = {
			operator: 'AND',
			value: [{ field: 'created_at', operator: '>', value: 0 }],
		};
		const scope = intercom()
			.post('/conversations/search', { query, pagination: { per_page: 150 } })
			.reply(200, list(['1', '2'], 'c1'))
			.post('/conversations/search', { query, pagination: { per_page: 150, starting_after: 'c1' } })
			.reply(200, list(['3']));
		const { output } = await runNode({
			type: 'intercom',
			parameters: { resource: 'conversation', operation: 'search', state: 'any', returnAll: true },
			credentials,
		});
		scope.done();
		expect(output.map((item) => item.json.conversationId)).toEqual(['1', '2', '3']);
	});

	test('each input item runs its own search; no match gives no item; a 503 is tried again', async () => {
		const scope = intercom()
			.post('/conversations/search', (body) => body.query.value[1]?.value === 'a')
			.reply(200, list(['1']))
			.post('/conversations/search', (body) => body.query.value[1]?.value === 'b')
			.reply(503, 'unavailable')
			.post('/conversations/search', (body) => body.query.value[1]?.value === 'b')
			.reply(200, list([]));
		const { output, error } = await runNode({
			type: 'intercom',
			parameters: {
				resource: 'conversation',
				operation: 'search',
				filters: { contactId: '={{$json.contact}}' },
			},
			credentials,
			items: [{ contact: 'a' }, { contact: 'b' }],
		});
		expect(error).toBeUndefined();
		scope.done();
		expect(output.map((item) => [item.json.conversationId, item.pairedItem])).toEqual([
			['1', { item: 0 }],
		]);
	});

	test.each([
		[{ filters: { teamAssigneeId: 'billing' } }, 'Filters › Team Assignee must be a whole number'],
		[{ filters: { updatedSince: 'yesterday' } }, 'Filters › Updated Since must be a date and time'],
		[{ limit: 0 }, 'Limit must be at least 1'],
		[{ state: '={{ "pending" }}' }, 'State must be one of'],
	])('refuses %j before any request', async (parameters, expected) => {
		const { error } = await runNode({
			type: 'intercom',
			parameters: { resource: 'conversation', operation: 'search', ...parameters },
			credentials,
		});
		expect(error?.message).toContain(expected);
	});
});

describe('Intercom Conversations → Create with a brand', () => {
	test('sends brand_id with API 2.16 and refuses it before sending with 2.15', async () => {
		const scope = nock(API, { reqheaders: { ...headers, 'intercom-version': '2.16' } })
			.post('/conversations', {
				from: { type: 'user', id: '6762f0dd1bb69f9f2193bb83' },
				body: 'Hi',
				brand_id: 'tlkp1d91',
			})
			.reply(200, { type: 'user_message', id: 'm1', conversation_id: '9', created_at: 1 });
		const parameters = {
			resource: 'conversation',
			operation: 'create',
			contactBy: 'id',
			contactId: '6762f0dd1bb69f9f2193bb83',
			body: 'Hi',
			additionalFields: { senderType: 'user', brandId: 'tlkp1d91' },
		};
		const sent = await runNode({
			type: 'intercom',
			parameters,
			credentials: {
				intercomConversationsApi: { ...credentials.intercomConversationsApi, apiVersion: '2.16' },
			},
		});
		expect(sent.error).toBeUndefined();
		scope.done();
		expect(sent.output[0].json.conversationId).toBe('9');

		const refused = await runNode({
			type: 'intercom',
			parameters,
			credentials: {
				intercomConversationsApi: { ...credentials.intercomConversationsApi, apiVersion: '2.15' },
			},
		});
		expect(refused.error?.message).toBe(
			"Additional Fields › Brand ID needs Intercom API version 2.16 or later; the credential's API Version is 2.15 [item 0]",
		);
		expect(refused.error?.description).toContain('Nothing was sent');
	});
});
