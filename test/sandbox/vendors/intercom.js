'use strict';
/**
 * Intercom REST API (version 2.14 as the official SDK sends it) — docs/vendor-apis.md §1.
 * Bearer token, Accept: application/json, Intercom-Version recorded (optionally required),
 * bodies validated against intercom-2.14.openapi.yaml, errors as `error.list`.
 */
const { json, uuid, hex, nowSec, bearer, isObject, clone } = require('../core');
const { specValidators } = require('../schema');

const VERSIONS = [
	'1.0',
	'1.1',
	'1.2',
	'1.3',
	'1.4',
	'2.0',
	'2.1',
	'2.2',
	'2.3',
	'2.4',
	'2.5',
	'2.6',
	'2.7',
	'2.8',
	'2.9',
	'2.10',
	'2.11',
	'2.12',
	'2.13',
	'2.14',
	'2.15',
	'2.16',
	'2.17',
	'Unstable',
	'Preview',
];
const MAX_FILTERS_PER_GROUP = 15;
const MAX_SEARCH_DEPTH = 2;

const defaultCredentials = {
	accessToken: 'sandbox-intercom-token',
};

const DEFAULT_CONTACTS = [
	{
		id: '536e564f316c83104c000020',
		role: 'user',
		email: 'jane.doe@example.com',
		name: 'Jane Doe',
		external_id: 'ext-jane-1',
	},
	{
		id: '5989303470da497b1babb9ef',
		role: 'lead',
		email: null,
		name: 'Website Visitor',
		external_id: null,
	},
];

const DEFAULT_TEAMS = [
	{ id: '814860', name: 'Billing' },
	{ id: '814861', name: 'Support' },
];

const DEFAULT_TAGS = [
	{ id: '86', name: 'VIP' },
	{ id: '87', name: 'Billing' },
];

function errorList(status, code, message, field) {
	const error = { code, message };
	if (field) error.field = field;
	return json(status, { type: 'error.list', request_id: uuid(), errors: [error] });
}

/** Whether an Intercom-Version header is at least major.minor (no header: the app's version, taken as recent). */
function versionAtLeast(version, major, minor) {
	const match = /^(\d+)\.(\d+)$/.exec(String(version ?? ''));
	if (!match) return version === undefined || version === 'Unstable' || version === 'Preview';
	return Number(match[1]) > major || (Number(match[1]) === major && Number(match[2]) >= minor);
}

function objectId() {
	return (
		Math.floor(Date.now() / 1000)
			.toString(16)
			.padStart(8, '0') + hex(8)
	);
}

function acceptsJson(accept) {
	if (typeof accept !== 'string') return false;
	return accept
		.split(',')
		.some((part) => part.split(';')[0].trim().toLowerCase() === 'application/json');
}

function create({ state, options, credentials }) {
	const validators = specValidators('intercom', options);
	const validate = {
		conversation: validators.forSchema('create_conversation_request'),
		contact: validators.forSchema('create_contact_request'),
		search: validators.forSchema('search_request'),
		contactReply: validators.forSchema('contact_reply_conversation_request'),
		adminReply: validators.forSchema('admin_reply_conversation_request'),
		reply: validators.forSchema('reply_conversation_request'),
		parts: validators.forRequest('/conversations/{conversation_id}/parts', 'post'),
		tag: validators.forRequest('/conversations/{conversation_id}/tags', 'post'),
		untag: validators.forRequest('/conversations/{conversation_id}/tags/{tag_id}', 'delete'),
		update: validators.forSchema('update_conversation_request'),
	};
	const tokens = new Set(
		[credentials.accessToken, ...(credentials.accessTokens || [])].filter(Boolean),
	);
	const admin = {
		type: 'admin',
		id: String(credentials.adminId || '991267001'),
		email: 'admin@sandbox.test',
		name: 'Sandbox Admin',
		email_verified: true,
		app: {
			type: 'app',
			id_code: String(credentials.appId || 'sbx4ppid'),
			name: 'Vendor Sandbox',
			created_at: 1700000000,
			secure: false,
			identity_verification: false,
			timezone: 'UTC',
			region: options.region || 'US',
		},
		avatar: { type: 'avatar', image_url: null },
		has_inbox_seat: true,
	};
	const seq = { conversation: 100000, message: 2000000, part: 3000000 };
	const searchDelayMs = Number(options.searchIndexDelayMs) || 0;

	function makeContact(body, id) {
		const now = nowSec();
		const email = body.email === undefined ? null : body.email;
		return {
			type: 'contact',
			id: id || objectId(),
			workspace_id: admin.app.id_code,
			external_id: body.external_id === undefined ? null : body.external_id,
			role: body.role || 'user',
			email,
			email_domain: email && email.includes('@') ? email.split('@')[1] : null,
			phone: body.phone === undefined ? null : body.phone,
			name: body.name === undefined ? null : body.name,
			avatar: body.avatar ? { type: 'avatar', image_url: body.avatar } : null,
			owner_id: body.owner_id === undefined ? null : body.owner_id,
			social_profiles: { type: 'list', data: [] },
			has_hard_bounced: false,
			marked_email_as_spam: false,
			unsubscribed_from_emails: Boolean(body.unsubscribed_from_emails),
			created_at: now,
			updated_at: now,
			signed_up_at: body.signed_up_at === undefined ? null : body.signed_up_at,
			last_seen_at: body.last_seen_at === undefined ? null : body.last_seen_at,
			last_replied_at: null,
			last_contacted_at: null,
			custom_attributes: body.custom_attributes || {},
			tags: { type: 'list', data: [], total_count: 0, has_more: false },
			notes: { type: 'list', data: [], total_count: 0, has_more: false },
			companies: { type: 'list', data: [], total_count: 0, has_more: false },
			location: { type: 'location', country: null, region: null, city: null },
		};
	}

	for (const seed of options.contacts || DEFAULT_CONTACTS) {
		const contact = makeContact(seed, seed.id);
		contact.created_at = contact.updated_at = 1700000000;
		state.contacts.push(contact);
	}

	// Workspace tags (GET /tags); options.tags replaces the seed.
	if (!Array.isArray(state.tags)) state.tags = [];
	state.tags.length = 0;
	for (const seed of options.tags || DEFAULT_TAGS) state.tags.push({ type: 'tag', ...seed });

	// The workspace's admins (GET /admins: the token's owner first) and teams (GET /teams).
	const admins = [admin, ...(options.admins || []).map((a) => ({ type: 'admin', ...a }))];
	const teams = (options.teams || DEFAULT_TEAMS).map((team) => ({
		type: 'team',
		admin_ids: [],
		...team,
	}));

	const findContact = (id) => state.contacts.find((c) => c.id === id);
	const findConversation = (id) => state.conversations.find((c) => c.id === String(id));
	const emailEq = (a, b) =>
		typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

	function invalid(result) {
		return errorList(400, 'parameter_invalid', result.message, result.field);
	}

	function presentConversation(conversation) {
		return clone(conversation);
	}

	function addPart(conversation, part) {
		const created = part.created_at || nowSec();
		const record = {
			type: 'conversation_part',
			id: String(++seq.part),
			part_type: part.part_type,
			body: part.body === undefined ? null : part.body,
			created_at: created,
			updated_at: created,
			notified_at: created,
			assigned_to: null,
			author: part.author,
			attachments: (part.attachment_urls || []).map((url) => ({ type: 'upload', url })),
			external_id: null,
			redacted: false,
		};
		conversation.conversation_parts.conversation_parts.push(record);
		conversation.conversation_parts.total_count += 1;
		conversation.updated_at = created;
		return record;
	}

	// -------------------------------------------------------------- search

	function fieldValue(contact, field) {
		if (field.startsWith('custom_attributes.'))
			return (contact.custom_attributes || {})[field.slice(18)];
		return contact[field];
	}

	/** A conversation's value for a search field (dot paths; contact_ids is the list of its contacts). */
	function conversationValue(conversation, field) {
		if (field === 'contact_ids') return conversation.contacts.contacts.map((c) => c.id);
		if (field === 'tag_ids') return conversation.tags.tags.map((t) => t.id);
		return field
			.split('.')
			.reduce((node, key) => (isObject(node) ? node[key] : undefined), conversation);
	}

	function compare(actual, operator, expected) {
		// a list field (contact_ids) matches when one of its entries does
		if (Array.isArray(actual)) {
			const some = actual.some((one) => compare(one, operator, expected));
			return operator === '!=' || operator === 'NIN'
				? actual.every((one) => compare(one, operator, expected))
				: some;
		}
		const a = typeof actual === 'string' ? actual.toLowerCase() : actual;
		const e = typeof expected === 'string' ? expected.toLowerCase() : expected;
		const list = Array.isArray(expected)
			? expected.map((x) => (typeof x === 'string' ? x.toLowerCase() : x))
			: [e];
		switch (operator) {
			case '=':
				return a === e || (a == null && e == null);
			case '!=':
				return a !== e;
			case 'IN':
				return list.includes(a);
			case 'NIN':
				return !list.includes(a);
			case '<':
				return a != null && a < e;
			case '>':
				return a != null && a > e;
			case '<=':
				return a != null && a <= e;
			case '>=':
				return a != null && a >= e;
			case '~':
				return typeof a === 'string' && a.includes(e);
			case '!~':
				return typeof a !== 'string' || !a.includes(e);
			case '^':
				return typeof a === 'string' && a.startsWith(e);
			case '$':
				return typeof a === 'string' && a.endsWith(e);
			default:
				return false;
		}
	}

	/** Returns a predicate, or a string explaining why the query is not accepted. */
	function compileQuery(query, depth, valueOf = fieldValue) {
		if (query.operator === 'AND' || query.operator === 'OR') {
			if (depth >= MAX_SEARCH_DEPTH) return 'query nesting is limited to 2 levels';
			if (!Array.isArray(query.value) || query.value.length === 0)
				return 'query.value must be a non-empty array';
			if (query.value.length > MAX_FILTERS_PER_GROUP)
				return `a group is limited to ${MAX_FILTERS_PER_GROUP} filters`;
			const parts = [];
			for (const sub of query.value) {
				const compiled = compileQuery(sub, depth + 1, valueOf);
				if (typeof compiled === 'string') return compiled;
				parts.push(compiled);
			}
			return query.operator === 'AND'
				? (c) => parts.every((p) => p(c))
				: (c) => parts.some((p) => p(c));
		}
		if (typeof query.field !== 'string' || !query.field) return 'query.field is required';
		return (record) => compare(valueOf(record, query.field), query.operator, query.value);
	}

	// -------------------------------------------------------------- handlers

	const routes = [
		{
			method: 'GET',
			path: '/me',
			handler: () => json(200, clone(admin)),
		},
		{
			method: 'GET',
			path: '/admins',
			handler: () =>
				json(200, {
					type: 'admin.list',
					admins: admins.map(({ app: _app, ...rest }) => clone(rest)),
				}),
		},
		{
			method: 'GET',
			path: '/teams',
			handler: () => json(200, { type: 'team.list', teams: clone(teams) }),
		},
		{
			method: 'POST',
			path: '/contacts',
			handler(ctx) {
				const result = validate.contact(ctx.body);
				if (result) return invalid(result);
				const body = ctx.body;
				if (body.role !== undefined && !['user', 'lead'].includes(body.role)) {
					return errorList(400, 'parameter_invalid', 'role must be one of: user, lead', 'role');
				}
				const existing = state.contacts.find(
					(c) =>
						(body.external_id && c.external_id === body.external_id) ||
						(body.email && c.role === (body.role || 'user') && emailEq(c.email, body.email)),
				);
				if (existing) {
					return errorList(
						409,
						'conflict',
						`A contact matching those details already exists with id=${existing.id}`,
					);
				}
				const contact = makeContact(body);
				state.contacts.push(contact);
				return json(200, clone(contact));
			},
		},
		{
			method: 'POST',
			path: '/contacts/search',
			handler(ctx) {
				const result = validate.search(ctx.body);
				if (result) return invalid(result);
				const predicate = compileQuery(ctx.body.query, 0);
				if (typeof predicate === 'string')
					return errorList(400, 'parameter_invalid', predicate, 'query');
				const pagination = ctx.body.pagination || {};
				const perPage = Math.min(Math.max(Number(pagination.per_page) || 50, 1), 150);
				const start = pagination.starting_after
					? Number(Buffer.from(String(pagination.starting_after), 'base64url').toString()) || 0
					: 0;
				const visibleBefore = Date.now() / 1000 - searchDelayMs / 1000;
				const matches = state.contacts.filter(
					(c) => (searchDelayMs === 0 || c.created_at <= visibleBefore) && predicate(c),
				);
				const page = matches.slice(start, start + perPage);
				const pages = {
					type: 'pages',
					page: Math.floor(start / perPage) + 1,
					per_page: perPage,
					total_pages: Math.max(1, Math.ceil(matches.length / perPage)),
				};
				if (start + perPage < matches.length) {
					pages.next = {
						per_page: perPage,
						starting_after: Buffer.from(String(start + perPage)).toString('base64url'),
					};
				}
				return json(200, { type: 'list', data: clone(page), total_count: matches.length, pages });
			},
		},
		{
			method: 'GET',
			path: '/contacts/find_by_external_id/:externalId',
			handler(ctx) {
				// From 2.13 only; older versions have no such route. The 2.14 spec: "only supports users and not leads".
				if (!versionAtLeast(ctx.headers['intercom-version'], 2, 13))
					return errorList(404, 'not_found', 'Resource Not Found');
				const contact = state.contacts.find(
					(c) => c.role === 'user' && c.external_id === ctx.params.externalId,
				);
				if (!contact) return errorList(404, 'not_found', 'User Not Found');
				return json(200, clone(contact));
			},
		},
		{
			method: 'GET',
			path: '/contacts/:id',
			handler(ctx) {
				const contact = findContact(ctx.params.id);
				if (!contact) return errorList(404, 'not_found', 'User Not Found');
				return json(200, clone(contact));
			},
		},
		{
			method: 'POST',
			path: '/conversations',
			handler(ctx) {
				const result = validate.conversation(ctx.body);
				if (result) return invalid(result);
				const body = ctx.body;
				const contact = findContact(body.from.id);
				if (!contact) return errorList(404, 'not_found', 'User Not Found');
				if (body.from.type === 'contact' && contact.role !== 'user') contact.role = 'lead';
				const created = body.created_at || nowSec();
				const messageId = String(++seq.message);
				const conversation = {
					type: 'conversation',
					id: String(++seq.conversation),
					title: null,
					created_at: created,
					updated_at: created,
					waiting_since: created,
					snoozed_until: null,
					open: true,
					state: 'open',
					read: false,
					priority: 'not_priority',
					admin_assignee_id: null,
					team_assignee_id: null,
					tags: { type: 'tag.list', tags: [] },
					source: {
						type: 'conversation',
						id: messageId,
						delivered_as: 'customer_initiated',
						subject: body.subject || '',
						body: body.body,
						author: {
							type: contact.role,
							id: contact.id,
							name: contact.name,
							email: contact.email || '',
						},
						attachments: (body.attachment_urls || []).map((url) => ({ type: 'upload', url })),
						url: null,
						redacted: false,
					},
					contacts: {
						type: 'contact.list',
						contacts: [{ type: 'contact', id: contact.id, external_id: contact.external_id }],
					},
					teammates: { type: 'admin.list', admins: [] },
					custom_attributes: {},
					conversation_parts: {
						type: 'conversation_part.list',
						conversation_parts: [],
						total_count: 0,
					},
				};
				if (body.brand_id !== undefined) conversation.brand_id = body.brand_id;
				state.conversations.push(conversation);
				const message = {
					type: 'user_message',
					id: messageId,
					created_at: created,
					body: body.body,
					message_type: 'inapp',
					conversation_id: conversation.id,
				};
				state.messages.push({ ...message, author: { type: contact.role, id: contact.id } });
				return json(200, message);
			},
		},
		{
			method: 'GET',
			path: '/conversations/:id',
			handler(ctx) {
				const conversation = findConversation(ctx.params.id);
				if (!conversation) return errorList(404, 'not_found', 'Resource Not Found');
				return json(200, presentConversation(conversation));
			},
		},
		{
			method: 'POST',
			path: '/conversations/:id/reply',
			handler(ctx) {
				const body = ctx.body;
				// the whole oneOf first, then the branch the body aims at, for a message that names the right field
				if (validate.reply(body)) {
					const branch =
						isObject(body) && body.type === 'admin' ? validate.adminReply : validate.contactReply;
					return invalid(branch(body) || validate.reply(body));
				}
				const conversation = findConversation(ctx.params.id);
				if (!conversation) return errorList(404, 'not_found', 'Resource Not Found');
				let author;
				if (body.type === 'admin') {
					if (String(body.admin_id) !== admin.id)
						return errorList(404, 'admin_not_found', 'Admin not found', 'admin_id');
					author = { type: 'admin', id: admin.id, name: admin.name, email: admin.email };
				} else {
					const contact = body.intercom_user_id
						? findContact(body.intercom_user_id)
						: body.user_id
							? state.contacts.find((c) => c.external_id === body.user_id)
							: state.contacts.find((c) => emailEq(c.email, body.email));
					if (!contact) return errorList(404, 'not_found', 'User Not Found');
					author = {
						type: contact.role,
						id: contact.id,
						name: contact.name,
						email: contact.email || '',
					};
					if (!conversation.contacts.contacts.some((c) => c.id === contact.id)) {
						conversation.contacts.contacts.push({
							type: 'contact',
							id: contact.id,
							external_id: contact.external_id,
						});
					}
					conversation.open = true;
					conversation.state = 'open';
				}
				const part = addPart(conversation, {
					part_type: body.message_type === 'note' ? 'note' : 'comment',
					body: body.body,
					created_at: body.created_at,
					author,
					attachment_urls: body.attachment_urls,
				});
				state.messages.push({
					type: 'conversation_part',
					id: part.id,
					conversation_id: conversation.id,
					body: part.body,
					author,
					created_at: part.created_at,
				});
				return json(200, presentConversation(conversation));
			},
		},
		{
			method: 'POST',
			path: '/conversations/:id/parts',
			handler(ctx) {
				const body = ctx.body;
				const result = validate.parts(body);
				if (result) return invalid(result);
				if (String(body.admin_id) !== admin.id)
					return errorList(404, 'admin_not_found', 'Admin not found', 'admin_id');
				const conversation = findConversation(ctx.params.id);
				if (!conversation) return errorList(404, 'not_found', 'Resource Not Found');
				if (body.message_type === 'close')
					Object.assign(conversation, { open: false, state: 'closed', snoozed_until: null });
				if (body.message_type === 'open')
					Object.assign(conversation, { open: true, state: 'open', snoozed_until: null });
				if (body.message_type === 'snoozed')
					Object.assign(conversation, {
						open: true,
						state: 'snoozed',
						snoozed_until: body.snoozed_until,
					});
				if (body.message_type === 'assignment') {
					const assignee = String(body.assignee_id) === '0' ? null : Number(body.assignee_id);
					if (body.type === 'team') conversation.team_assignee_id = assignee;
					else conversation.admin_assignee_id = assignee;
				}
				addPart(conversation, {
					part_type: body.message_type,
					body: body.body,
					author: { type: 'admin', id: admin.id, name: admin.name, email: admin.email },
				});
				return json(200, presentConversation(conversation));
			},
		},
		{
			method: 'PUT',
			path: '/conversations/:id',
			handler(ctx) {
				const body = ctx.body;
				const result = validate.update(body);
				if (result) return invalid(result);
				const conversation = findConversation(ctx.params.id);
				if (!conversation) return errorList(404, 'not_found', 'Resource Not Found');
				if (body.title !== undefined) {
					if (!versionAtLeast(ctx.headers['intercom-version'], 2, 13))
						return errorList(400, 'parameter_invalid', 'title is not a valid parameter', 'title');
					conversation.title = body.title;
				}
				if (body.read !== undefined) conversation.read = body.read;
				if (body.custom_attributes !== undefined)
					Object.assign(conversation.custom_attributes, body.custom_attributes);
				conversation.updated_at = nowSec();
				return json(200, presentConversation(conversation));
			},
		},
		{
			method: 'POST',
			path: '/conversations/search',
			handler(ctx) {
				const result = validate.search(ctx.body);
				if (result) return invalid(result);
				const predicate = compileQuery(ctx.body.query, 0, conversationValue);
				if (typeof predicate === 'string')
					return errorList(400, 'parameter_invalid', predicate, 'query');
				const pagination = ctx.body.pagination || {};
				const perPage = Math.min(Math.max(Number(pagination.per_page) || 20, 1), 150);
				const start = pagination.starting_after
					? Number(Buffer.from(String(pagination.starting_after), 'base64url').toString()) || 0
					: 0;
				const matches = state.conversations.filter(predicate);
				const pages = {
					type: 'pages',
					page: Math.floor(start / perPage) + 1,
					per_page: perPage,
					total_pages: Math.max(1, Math.ceil(matches.length / perPage)),
				};
				if (start + perPage < matches.length) {
					pages.next = {
						per_page: perPage,
						starting_after: Buffer.from(String(start + perPage)).toString('base64url'),
					};
				}
				return json(200, {
					type: 'conversation.list',
					pages,
					total_count: matches.length,
					conversations: matches.slice(start, start + perPage).map(presentConversation),
				});
			},
		},
		{
			method: 'GET',
			path: '/tags',
			handler: () => json(200, { type: 'list', data: clone(state.tags) }),
		},
		{
			method: 'POST',
			path: '/conversations/:id/tags',
			handler(ctx) {
				const body = ctx.body;
				const result = validate.tag(body);
				if (result) return invalid(result);
				if (String(body.admin_id) !== admin.id)
					return errorList(404, 'admin_not_found', 'Admin not found', 'admin_id');
				const conversation = findConversation(ctx.params.id);
				if (!conversation) return errorList(404, 'not_found', 'Conversation not found');
				const tag = state.tags.find((t) => t.id === String(body.id));
				if (!tag) return errorList(404, 'tag_not_found', 'Tag not found');
				if (!conversation.tags.tags.some((t) => t.id === tag.id))
					conversation.tags.tags.push({ type: 'tag', id: tag.id, name: tag.name });
				conversation.updated_at = nowSec();
				return json(200, {
					...clone(tag),
					applied_at: nowSec(),
					applied_by: { type: 'admin', id: admin.id },
				});
			},
		},
		{
			method: 'DELETE',
			path: '/conversations/:id/tags/:tagId',
			handler(ctx) {
				const body = ctx.body;
				const result = validate.untag(body);
				if (result) return invalid(result);
				if (String(body.admin_id) !== admin.id)
					return errorList(404, 'admin_not_found', 'Admin not found', 'admin_id');
				const conversation = findConversation(ctx.params.id);
				if (!conversation) return errorList(404, 'not_found', 'Conversation not found');
				const tag = state.tags.find((t) => t.id === ctx.params.tagId);
				if (!tag) return errorList(404, 'tag_not_found', 'Tag not found');
				conversation.tags.tags = conversation.tags.tags.filter((t) => t.id !== tag.id);
				conversation.updated_at = nowSec();
				return json(200, {
					...clone(tag),
					applied_at: null,
					applied_by: { type: 'admin', id: admin.id },
				});
			},
		},
	];

	return {
		routes,
		before(ctx, route) {
			const token = bearer(ctx.headers);
			if (!token || !tokens.has(token))
				return errorList(401, 'unauthorized', 'Access Token Invalid');
			if (options.strictAccept !== false ? !acceptsJson(ctx.headers.accept) : false) {
				return errorList(406, 'unsupported', 'The Accept header must be application/json');
			}
			const version = ctx.headers['intercom-version'];
			if (version === undefined && options.requireVersion) {
				return errorList(
					400,
					'bad_request',
					'Intercom-Version header is required',
					'Intercom-Version',
				);
			}
			if (version !== undefined && !VERSIONS.includes(String(version))) {
				return errorList(
					400,
					'bad_request',
					`Requested version ${version} is not valid`,
					'Intercom-Version',
				);
			}
			if (options.planRestricted && route.path !== '/me') {
				return errorList(403, 'api_plan_restricted', 'Active subscription needed.');
			}
			if (ctx.method === 'POST') {
				if (ctx.bodyType === 'empty')
					return errorList(400, 'parameter_invalid', 'request body is required');
				if (ctx.bodyType !== 'json' && ctx.bodyType !== 'invalid-json')
					return errorList(415, 'unsupported', 'Content-Type must be application/json');
			}
			return null;
		},
		notFound: () => errorList(404, 'not_found', 'Resource Not Found'),
		invalidJson: (ctx) =>
			errorList(
				400,
				'parameter_invalid',
				`There was a problem in the JSON you submitted: ${ctx.jsonError}`,
			),
		unauthorized: () => errorList(401, 'unauthorized', 'Access Token Invalid'),
		serverError(ctx, status) {
			if (status === 413) return errorList(413, 'client_error', 'Request entity too large');
			if (status === 503)
				return errorList(
					503,
					'service_unavailable',
					'Sorry, the API service is temporarily unavailable',
				);
			return errorList(status, 'server_error', 'Server Error');
		},
		rateLimited: (ctx, info) =>
			errorList(
				429,
				'rate_limit_exceeded',
				`Exceeded rate limit of ${info.limit} in ${Math.round(info.windowMs / 1000)} seconds`,
			),
	};
}

// webhooks (subscriptions, signed notifications): ./intercom-webhooks.js
module.exports = require('./intercom-webhooks').withWebhooks({
	name: 'intercom',
	defaultCredentials,
	vendorRateLimitStyle: 'x-ratelimit-reset',
	urls: (origin) => ({ baseUrl: origin }),
	create,
});
