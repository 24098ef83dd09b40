'use strict';
/**
 * Chatwoot — docs/vendor-apis.md §3. Public client API under /public/api/v1/inboxes/{inbox_identifier}
 * (no auth, optional HMAC identity validation) and a slice of the Application API
 * (`api_access_token` / `Api-Access-Token` header). Bodies validated against chatwoot.openapi.json.
 */
const { json, html, text, uuid, hex, hmacHex, isObject, clone } = require('../core');
const { specValidators } = require('../schema');

const defaultCredentials = {
	inboxIdentifier: 'sbxInboxPublic0000000001',
	hmacInboxIdentifier: 'sbxInboxHmac000000000002',
	hmacToken: 'sandbox-chatwoot-hmac-token',
	apiAccessToken: 'sandbox-chatwoot-api-token',
	accountId: 1,
	inboxId: 1,
	hmacInboxId: 2,
};

const STATUS_TEXT = {
	400: 'Bad Request',
	404: 'Not Found',
	413: 'Payload Too Large',
	422: 'Unprocessable Entity',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
};
const RAILS_PAGES = {
	404: "The page you were looking for doesn't exist.",
	422: 'The change you wanted was rejected.',
	500: "We're sorry, but something went wrong.",
};

/** What Rails' PublicExceptions renders for an unhandled exception on a `format: json` route. */
function railsError(status, message) {
	const body = { status, error: STATUS_TEXT[status] || STATUS_TEXT[500] };
	// not in Rails' body: added so a failing test says why (see README)
	if (message) body.message = message;
	return json(status, body);
}
function railsHtml(status) {
	return html(
		status,
		`<!DOCTYPE html>\n<html><head><title>${STATUS_TEXT[status] || 'Error'}</title></head>\n<body><div class="dialog"><h1>${RAILS_PAGES[status] || RAILS_PAGES[500]}</h1></div></body></html>\n`,
	);
}
const appError = (status, error) => json(status, { error });

const iso = (ms) => new Date(ms).toISOString();

function create({ state, options, credentials, server }) {
	const spec = specValidators('chatwoot', options);
	const ID_TYPES = { type: ['string', 'integer'] };
	const validate = {
		contact: spec.forSchema('public_contact_create_update_payload'),
		conversation: spec.forSchema('public_conversation_create_payload'),
		message: spec.forSchema('public_message_create_payload'),
		// the spec types these ids as strings; Rails casts either, and the newer swagger uses integers
		appConversation: spec.forRequest(
			'/api/v1/accounts/{account_id}/conversations',
			'post',
			(schema) => {
				for (const key of ['inbox_id', 'contact_id', 'assignee_id', 'team_id'])
					schema.properties[key] = { ...schema.properties[key], ...ID_TYPES };
				return schema;
			},
		),
		appMessage: (() => {
			const schema = spec.schemaOf('conversation_message_create');
			schema.properties.content_type.enum.push('text');
			return spec.compile(schema);
		})(),
		appContact: spec.forSchema('contact_create'),
		assignment: spec.forRequest(
			'/api/v1/accounts/{account_id}/conversations/{conversation_id}/assignments',
			'post',
		),
		labels: spec.forRequest(
			'/api/v1/accounts/{account_id}/conversations/{conversation_id}/labels',
			'post',
		),
		priority: spec.forRequest(
			'/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_priority',
			'post',
		),
		// the spec lists open, resolved and pending; the controller also takes snoozed and snoozed_until (Unix seconds)
		status: spec.forRequest(
			'/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status',
			'post',
			(schema) => {
				schema.properties.status = {
					...schema.properties.status,
					enum: [...schema.properties.status.enum, 'snoozed'],
				};
				schema.properties.snoozed_until = { type: 'integer' };
				return schema;
			},
		),
		contactInbox: spec.forRequest(
			'/api/v1/accounts/{account_id}/contacts/{id}/contact_inboxes',
			'post',
		),
	};

	const accountId = Number(credentials.accountId);
	const inboxes = options.inboxes || [
		{
			id: Number(credentials.inboxId),
			identifier: credentials.inboxIdentifier,
			name: 'Sandbox API inbox',
			hmacToken: credentials.hmacToken,
			hmacMandatory: false,
		},
		{
			id: Number(credentials.hmacInboxId),
			identifier: credentials.hmacInboxIdentifier,
			name: 'Sandbox API inbox (identity validation)',
			hmacToken: credentials.hmacToken,
			hmacMandatory: true,
		},
	];
	const user = {
		id: 1,
		name: 'Sandbox Agent',
		email: 'agent@sandbox.test',
		accessToken: credentials.apiAccessToken,
	};
	// agents (all collaborators of every inbox), teams with their members, the account's labels
	const agents = options.agents || [
		{ id: 1, name: 'Sandbox Agent', email: 'agent@sandbox.test', role: 'administrator' },
		{ id: 2, name: 'Other Agent', email: 'other@sandbox.test', role: 'agent' },
	];
	const teams = options.teams || [
		{ id: 1, name: 'Support', members: [1, 2] },
		{ id: 2, name: 'Billing', members: [2] },
	];
	const accountLabels = options.labels || ['billing', 'bug', 'shipping', 'triage', 'urgent', 'vip'];
	const labelRecords = accountLabels.map((title, index) => ({
		id: index + 1,
		title,
		description: '',
		color: '#1f93ff',
		show_on_sidebar: true,
		allow_auto_assign: false,
	}));
	state.contactInboxes = state.contactInboxes || [];
	// account webhooks (Application API) and what the fake delivered to them
	state.webhooks = state.webhooks || [];
	state.deliveries = state.deliveries || [];
	const seq = { contact: 0, conversation: 0, message: 0, webhook: 0 };
	const hmacFailureStatus = options.hmacFailureStatus || 500;

	// -------------------------------------------------------------- records

	const inboxBy = (identifier) => inboxes.find((i) => i.identifier === identifier);
	const inboxById = (id) => inboxes.find((i) => String(i.id) === String(id));
	const contactById = (id) => state.contacts.find((c) => String(c.id) === String(id));
	const contactInboxBy = (inbox, sourceId) =>
		state.contactInboxes.find((ci) => ci.inbox_id === inbox.id && ci.source_id === sourceId);

	function newContact(attrs) {
		const now = Date.now();
		const contact = {
			id: ++seq.contact,
			name: attrs.name || '',
			email: attrs.email || null,
			phone_number: attrs.phone_number || null,
			identifier: attrs.identifier || null,
			blocked: false,
			thumbnail: attrs.avatar_url || '',
			additional_attributes: attrs.additional_attributes || {},
			custom_attributes: attrs.custom_attributes || {},
			contact_type: attrs.email || attrs.phone_number || attrs.identifier ? 'lead' : 'visitor',
			country_code: null,
			last_activity_at: null,
			created_at: iso(now),
			updated_at: iso(now),
			last_name: null,
			middle_name: null,
			location: null,
			account_id: accountId,
			company_id: null,
			label_list: [],
		};
		state.contacts.push(contact);
		return contact;
	}

	/** Like ContactInboxWithContactBuilder: an existing contact with the same identifier, email or phone is reused. */
	function findOrCreateContact(attrs) {
		const existing = state.contacts.find(
			(c) =>
				(attrs.identifier && c.identifier === attrs.identifier) ||
				(attrs.email && c.email && c.email.toLowerCase() === String(attrs.email).toLowerCase()) ||
				(attrs.phone_number && c.phone_number === attrs.phone_number),
		);
		return existing || newContact(attrs);
	}

	function newContactInbox(contact, inbox, sourceId) {
		const contactInbox = {
			source_id: sourceId || uuid(),
			contact_id: contact.id,
			inbox_id: inbox.id,
			pubsub_token: hex(12),
			hmac_verified: false,
		};
		state.contactInboxes.push(contactInbox);
		return contactInbox;
	}

	function updateContact(contact, attrs) {
		for (const key of ['name', 'email', 'phone_number', 'identifier'])
			if (attrs[key] !== undefined) contact[key] = attrs[key];
		if (attrs.avatar_url !== undefined) contact.thumbnail = attrs.avatar_url;
		if (isObject(attrs.custom_attributes))
			contact.custom_attributes = { ...contact.custom_attributes, ...attrs.custom_attributes };
		contact.updated_at = iso(Date.now());
		return contact;
	}

	function newConversation(contactInbox, attrs) {
		const now = Date.now();
		const conversation = {
			id: ++seq.conversation,
			uuid: uuid(),
			account_id: accountId,
			inbox_id: contactInbox.inbox_id,
			contact_id: contactInbox.contact_id,
			source_id: contactInbox.source_id,
			status: attrs.status || 'open',
			assignee_id: attrs.assignee_id === undefined ? null : attrs.assignee_id,
			team_id: attrs.team_id === undefined ? null : attrs.team_id,
			custom_attributes: attrs.custom_attributes || {},
			additional_attributes: attrs.additional_attributes || {},
			labels: [],
			priority: null,
			snoozed_until: null,
			contact_last_seen_at: 0,
			agent_last_seen_at: 0,
			created_at: Math.floor(now / 1000),
		};
		state.conversations.push(conversation);
		return conversation;
	}

	function newMessage(conversation, content, messageType, sender, extra = {}) {
		const message = {
			id: ++seq.message,
			content,
			message_type: messageType,
			content_type: extra.content_type || 'text',
			content_attributes: extra.content_attributes || {},
			created_at: Math.floor(Date.now() / 1000),
			conversation_id: conversation.id,
			private: Boolean(extra.private),
			echo_id: extra.echo_id,
			sender,
		};
		state.messages.push(message);
		// an incoming message reopens a resolved conversation
		if (messageType === 0 && conversation.status === 'resolved') conversation.status = 'open';
		const contact = contactById(conversation.contact_id);
		if (contact && messageType === 0) contact.last_activity_at = iso(Date.now());
		return message;
	}

	// options.contacts: a number of contacts to seed ("Contact 0001", contact0001@sandbox.test …), or their attributes
	const seeds =
		typeof options.contacts === 'number'
			? Array.from({ length: options.contacts }, (_, index) => {
					const n = String(index + 1).padStart(4, '0');
					return { name: `Contact ${n}`, email: `contact${n}@sandbox.test` };
				})
			: options.contacts || [];
	if (state.contacts.length === 0) for (const seed of seeds) newContact(seed);

	// -------------------------------------------------------------- presenters

	const contactSender = (contact) => ({
		id: contact.id,
		name: contact.name,
		thumbnail: contact.thumbnail,
		type: 'contact',
		email: contact.email,
		phone_number: contact.phone_number,
		identifier: contact.identifier,
		blocked: contact.blocked,
		additional_attributes: contact.additional_attributes,
		custom_attributes: contact.custom_attributes,
	});
	const userSender = () => ({
		id: user.id,
		name: user.name,
		available_name: user.name,
		avatar_url: '',
		type: 'user',
		availability_status: 'online',
	});

	function presentMessage(message) {
		const out = clone({ ...message, attachments: undefined });
		if (message.attachments && message.attachments.length > 0)
			out.attachments = message.attachments.map((a) => ({ ...a }));
		else delete out.attachments;
		delete out.private;
		delete out.echo_id;
		return out;
	}
	function presentPublicConversation(conversation) {
		return {
			id: conversation.id,
			uuid: conversation.uuid,
			inbox_id: conversation.inbox_id,
			contact_last_seen_at: conversation.contact_last_seen_at,
			status: conversation.status,
			agent_last_seen_at: conversation.agent_last_seen_at,
			messages: state.messages
				.filter((m) => m.conversation_id === conversation.id && !m.private)
				.map(presentMessage),
			contact: clone(contactById(conversation.contact_id)),
		};
	}
	function presentAppConversation(conversation) {
		const contact = contactById(conversation.contact_id);
		return {
			meta: {
				sender: contactSender(contact),
				assignee: presentAgent(agentById(conversation.assignee_id)),
				team: presentTeam(teamById(conversation.team_id)),
				hmac_verified: false,
			},
			id: conversation.id,
			messages: state.messages
				.filter((m) => m.conversation_id === conversation.id)
				.map(presentMessage),
			account_id: conversation.account_id,
			uuid: conversation.uuid,
			additional_attributes: conversation.additional_attributes,
			agent_last_seen_at: conversation.agent_last_seen_at,
			assignee_last_seen_at: 0,
			can_reply: true,
			contact_last_seen_at: conversation.contact_last_seen_at,
			custom_attributes: conversation.custom_attributes,
			inbox_id: conversation.inbox_id,
			labels: [...(conversation.labels || [])],
			muted: false,
			snoozed_until: conversation.snoozed_until || null,
			status: conversation.status,
			created_at: conversation.created_at,
			timestamp: conversation.created_at,
			unread_count: 0,
			priority: conversation.priority || null,
			waiting_since: conversation.created_at,
			assignee_id: conversation.assignee_id,
			team_id: conversation.team_id,
			contact_inbox: { source_id: conversation.source_id },
		};
	}
	const agentById = (id) =>
		id === null || id === undefined ? undefined : agents.find((a) => String(a.id) === String(id));
	const teamById = (id) =>
		id === null || id === undefined ? undefined : teams.find((t) => String(t.id) === String(id));
	/** api/v1/models/_agent */
	const presentAgent = (agent) =>
		agent
			? {
					id: agent.id,
					account_id: accountId,
					availability_status: 'online',
					auto_offline: true,
					confirmed: true,
					email: agent.email,
					available_name: agent.name,
					name: agent.name,
					role: agent.role,
					thumbnail: '',
				}
			: null;
	const presentTeam = (team) =>
		team
			? {
					id: team.id,
					name: team.name,
					description: '',
					allow_auto_assign: true,
					account_id: accountId,
					is_member: team.members.includes(user.id),
				}
			: null;
	const presentInboxShort = (inbox) => ({
		id: inbox.id,
		name: inbox.name,
		channel_type: 'Channel::Api',
		channel_id: inbox.id,
		avatar_url: '',
		provider: null,
	});
	/** The Application API's contact with its contact_inboxes (include_contact_inboxes defaults to true). */
	const presentAppContact = (contact) => ({
		...clone(contact),
		contact_inboxes: state.contactInboxes
			.filter((ci) => ci.contact_id === contact.id)
			.map((ci) => ({ source_id: ci.source_id, inbox: presentInboxShort(inboxById(ci.inbox_id)) })),
	});
	const presentPublicContact = (contact, contactInbox) => ({
		id: contact.id,
		source_id: contactInbox.source_id,
		name: contact.name,
		email: contact.email,
		phone_number: contact.phone_number,
		pubsub_token: contactInbox.pubsub_token,
	});

	// -------------------------------------------------------------- public API

	const PUB = '/public/api/v1/inboxes/:inbox';

	function publicInvalid(result) {
		return railsError(422, result.message);
	}

	/** `before_action :process_hmac` of the public contacts controller. */
	function processHmac(ctx, inbox) {
		const body = ctx.body || {};
		const hash = body.identifier_hash;
		if ((hash === undefined || hash === null || hash === '') && !inbox.hmacMandatory) return null;
		if (
			hash ===
			hmacHex(
				inbox.hmacToken,
				body.identifier === undefined || body.identifier === null ? '' : body.identifier,
			)
		)
			return null;
		return hmacFailureStatus === 401
			? appError(401, 'HMAC failed: Invalid Identifier Hash Provided')
			: railsError(500, 'HMAC failed: Invalid Identifier Hash Provided');
	}

	/** Resolves inbox, contact inbox and conversation named in the path; 404 (Rails RecordNotFound) otherwise. */
	function lookup(ctx, need) {
		const inbox = inboxBy(ctx.params.inbox);
		if (!inbox) return { error: railsError(404) };
		if (need === 'inbox') return { inbox };
		const contactInbox = contactInboxBy(inbox, ctx.params.contact);
		if (!contactInbox) return { error: railsError(404) };
		const contact = contactById(contactInbox.contact_id);
		if (need === 'contact') return { inbox, contactInbox, contact };
		const conversation = state.conversations.find(
			(c) =>
				String(c.id) === ctx.params.conversation &&
				c.inbox_id === inbox.id &&
				c.contact_id === contact.id,
		);
		if (!conversation) return { error: railsError(404) };
		return { inbox, contactInbox, contact, conversation };
	}

	const publicRoutes = [
		{
			method: 'GET',
			path: PUB,
			handler(ctx) {
				const { inbox, error } = lookup(ctx, 'inbox');
				if (error) return error;
				return json(200, {
					identifier: inbox.identifier,
					identity_validation_enabled: inbox.hmacMandatory,
					name: inbox.name,
					timezone: 'UTC',
					working_hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({
						day_of_week: day,
						open_all_day: true,
						closed_all_day: false,
						open_hour: null,
						open_minutes: null,
						close_hour: null,
						close_minutes: null,
					})),
					working_hours_enabled: false,
					csat_survey_enabled: false,
					greeting_enabled: false,
				});
			},
		},
		{
			method: 'POST',
			path: `${PUB}/contacts`,
			handler(ctx) {
				const { inbox, error } = lookup(ctx, 'inbox');
				if (error) return error;
				const body = ctx.body === undefined ? {} : ctx.body;
				const invalid = validate.contact(body);
				if (invalid) return publicInvalid(invalid);
				const hmacError = processHmac(ctx, inbox);
				if (hmacError) return hmacError;
				const attrs = { ...body };
				delete attrs.identifier_hash;
				const contact = findOrCreateContact(attrs);
				updateContact(contact, attrs);
				const sourceId =
					typeof body.source_id === 'string' && body.source_id ? body.source_id : undefined;
				const contactInbox =
					(sourceId && contactInboxBy(inbox, sourceId)) ||
					newContactInbox(contact, inbox, sourceId);
				if (body.identifier_hash) contactInbox.hmac_verified = true;
				return json(200, presentPublicContact(contact, contactInbox));
			},
		},
		{
			method: 'GET',
			path: `${PUB}/contacts/:contact`,
			handler(ctx) {
				const found = lookup(ctx, 'contact');
				if (found.error) return found.error;
				return json(200, presentPublicContact(found.contact, found.contactInbox));
			},
		},
		{
			method: 'PATCH',
			path: `${PUB}/contacts/:contact`,
			handler(ctx) {
				const found = lookup(ctx, 'contact');
				if (found.error) return found.error;
				const body = ctx.body === undefined ? {} : ctx.body;
				const invalid = validate.contact(body);
				if (invalid) return publicInvalid(invalid);
				const hmacError = processHmac(ctx, found.inbox);
				if (hmacError) return hmacError;
				const attrs = { ...body };
				delete attrs.identifier_hash;
				delete attrs.identifier;
				return json(200, clone(updateContact(found.contact, attrs)));
			},
		},
		{
			method: 'GET',
			path: `${PUB}/contacts/:contact/conversations`,
			handler(ctx) {
				const found = lookup(ctx, 'contact');
				if (found.error) return found.error;
				const list = state.conversations.filter(
					(c) => c.inbox_id === found.inbox.id && c.contact_id === found.contact.id,
				);
				return json(200, list.map(presentPublicConversation));
			},
		},
		{
			method: 'POST',
			path: `${PUB}/contacts/:contact/conversations`,
			handler(ctx) {
				const found = lookup(ctx, 'contact');
				if (found.error) return found.error;
				const body = ctx.body === undefined ? {} : ctx.body;
				const invalid = validate.conversation(body);
				if (invalid) return publicInvalid(invalid);
				const conversation = newConversation(found.contactInbox, {
					custom_attributes: body.custom_attributes,
				});
				return json(200, presentPublicConversation(conversation));
			},
		},
		{
			method: 'GET',
			path: `${PUB}/contacts/:contact/conversations/:conversation`,
			handler(ctx) {
				const found = lookup(ctx, 'conversation');
				if (found.error) return found.error;
				return json(200, presentPublicConversation(found.conversation));
			},
		},
		{
			method: 'POST',
			path: `${PUB}/contacts/:contact/conversations/:conversation/toggle_status`,
			handler(ctx) {
				const found = lookup(ctx, 'conversation');
				if (found.error) return found.error;
				found.conversation.status = 'resolved';
				return json(200, presentPublicConversation(found.conversation));
			},
		},
		{
			method: 'GET',
			path: `${PUB}/contacts/:contact/conversations/:conversation/messages`,
			handler(ctx) {
				const found = lookup(ctx, 'conversation');
				if (found.error) return found.error;
				const list = state.messages.filter(
					(m) => m.conversation_id === found.conversation.id && !m.private,
				);
				return json(200, list.map(presentMessage));
			},
		},
		{
			method: 'POST',
			path: `${PUB}/contacts/:contact/conversations/:conversation/messages`,
			handler(ctx) {
				const found = lookup(ctx, 'conversation');
				if (found.error) return found.error;
				const body = ctx.body === undefined ? {} : ctx.body;
				const invalid = validate.message(body);
				if (invalid) return publicInvalid(invalid);
				if (typeof body.content !== 'string' || body.content.trim() === '')
					return railsError(422, 'content is required');
				const message = newMessage(
					found.conversation,
					body.content,
					0,
					contactSender(found.contact),
					{ echo_id: body.echo_id },
				);
				return json(200, presentMessage(message));
			},
		},
	];

	// -------------------------------------------------------------- Application API

	const ACC = '/api/v1/accounts/:account';

	function appInvalid(result) {
		return json(422, { message: result.message, attributes: [result.field] });
	}

	// -------------------------------------------------------------- webhooks (events out)

	// Webhook::ALLOWED_WEBHOOK_EVENTS; the spec's create payload lists fewer, its webhook object more
	const WEBHOOK_EVENTS = spec.schemaOf('webhook').properties.subscriptions.items.enum;
	const presentWebhook = (webhook) => ({
		id: webhook.id,
		url: webhook.url,
		subscriptions: [...webhook.subscriptions],
		account_id: accountId,
		// Chatwoot 4.x signs deliveries with a per-webhook secret and shows it in the API answer
		secret: webhook.secret,
	});
	function webhookInvalid(body) {
		if (!isObject(body)) return 'body must be a JSON object';
		if (typeof body.url !== 'string' || !/^https?:\/\/\S+$/.test(body.url)) return 'Url is invalid';
		if (
			!Array.isArray(body.subscriptions) ||
			body.subscriptions.length === 0 ||
			body.subscriptions.some((event) => !WEBHOOK_EVENTS.includes(event))
		)
			return 'Subscriptions Invalid events';
		return null;
	}

	/**
	 * Conversation#webhook_data (push_event_data): `id` is the display ID; `contact_inbox` is the whole
	 * ContactInbox record, its `pubsub_token` (the contact's real-time channel token) included.
	 */
	function conversationWebhookData(conversation) {
		const contact = contactById(conversation.contact_id);
		const contactInbox = contactInboxBy({ id: conversation.inbox_id }, conversation.source_id);
		return {
			id: conversation.id,
			inbox_id: conversation.inbox_id,
			status: conversation.status,
			channel: 'Channel::Api',
			can_reply: true,
			contact_inbox: {
				contact_id: conversation.contact_id,
				inbox_id: conversation.inbox_id,
				source_id: conversation.source_id,
				hmac_verified: contactInbox ? contactInbox.hmac_verified : false,
				pubsub_token: contactInbox ? contactInbox.pubsub_token : hex(12),
			},
			meta: {
				sender: contact ? { ...contactSender(contact), type: 'contact' } : null,
				assignee: presentAgent(agentById(conversation.assignee_id)),
				team: presentTeam(teamById(conversation.team_id)),
				hmac_verified: false,
			},
			messages: [],
			labels: [...(conversation.labels || [])],
			priority: conversation.priority || null,
			additional_attributes: conversation.additional_attributes,
			custom_attributes: conversation.custom_attributes,
			agent_last_seen_at: conversation.agent_last_seen_at,
			contact_last_seen_at: conversation.contact_last_seen_at,
			timestamp: conversation.created_at,
			created_at: conversation.created_at,
		};
	}
	const MESSAGE_TYPE_NAMES = ['incoming', 'outgoing', 'activity', 'template'];
	/** Message#webhook_data */
	function messageWebhookData(message) {
		const conversation = state.conversations.find((c) => c.id === message.conversation_id);
		const inbox = inboxById(conversation.inbox_id);
		const sender = message.sender
			? message.sender.type === 'user'
				? { id: user.id, name: user.name, email: user.email, type: 'user' }
				: { ...message.sender, type: 'contact' }
			: null;
		return {
			id: message.id,
			content: message.content,
			content_type: message.content_type,
			content_attributes: message.content_attributes,
			message_type: MESSAGE_TYPE_NAMES[message.message_type] || message.message_type,
			private: Boolean(message.private),
			source_id: null,
			additional_attributes: {},
			created_at: iso(message.created_at * 1000),
			sender,
			inbox: { id: inbox.id, name: inbox.name },
			conversation: conversationWebhookData(conversation),
			account: { id: accountId, name: 'Sandbox Account' },
		};
	}
	/**
	 * The payload Chatwoot posts for `event` about a record of the fake:
	 * payloadFor('message_created', { messageId }) / ('conversation_status_changed', { conversationId })
	 * / ('contact_created', { contactId }).
	 */
	function payloadFor(event, ref = {}) {
		if (event.startsWith('message_')) {
			const message = state.messages.find((m) => m.id === Number(ref.messageId));
			if (!message) throw new Error(`no message ${ref.messageId}`);
			return { event, ...messageWebhookData(message) };
		}
		if (event.startsWith('conversation_')) {
			const conversation = state.conversations.find((c) => c.id === Number(ref.conversationId));
			if (!conversation) throw new Error(`no conversation ${ref.conversationId}`);
			const data = { event, ...conversationWebhookData(conversation) };
			if (event !== 'conversation_created') data.changed_attributes = ref.changedAttributes || [];
			return data;
		}
		const contact = contactById(ref.contactId);
		if (!contact) throw new Error(`no contact ${ref.contactId}`);
		return {
			event,
			...contact,
			type: 'contact',
			account: { id: accountId, name: 'Sandbox Account' },
		};
	}
	/** A message in the fake, as if it came in through a channel (0 incoming from the contact, 1 outgoing from the agent). */
	function addMessage(conversationId, content, messageType = 0, extra = {}) {
		const conversation = state.conversations.find((c) => c.id === Number(conversationId));
		if (!conversation) throw new Error(`no conversation ${conversationId}`);
		const sender =
			messageType === 0 ? contactSender(contactById(conversation.contact_id)) : userSender();
		return newMessage(conversation, content, messageType, extra.sender || sender, extra);
	}

	/**
	 * Posts `payload` (an object, or payloadFor's arguments) to every webhook subscribed to its event,
	 * as Chatwoot's WebhookJob does: JSON, X-Chatwoot-Delivery, and when the webhook has a secret
	 * X-Chatwoot-Timestamp and X-Chatwoot-Signature: sha256=HMAC(secret, "<timestamp>.<body>").
	 * Forgeries for tests: { secret, signature, timestamp, deliveryId, rawBody, url, contentType }.
	 * Resolves to [{ url, status, body, deliveryId }].
	 */
	async function deliver(payload, forge = {}) {
		const body = forge.rawBody !== undefined ? String(forge.rawBody) : JSON.stringify(payload);
		const event = isObject(payload) ? payload.event : undefined;
		const targets = forge.url
			? [{ id: null, url: forge.url, secret: forge.secret }]
			: state.webhooks.filter((w) => w.subscriptions.includes(event));
		const results = [];
		for (const webhook of targets) {
			const deliveryId = forge.deliveryId || uuid();
			const timestamp = String(forge.timestamp ?? Math.floor(Date.now() / 1000));
			const secret = forge.secret !== undefined ? forge.secret : webhook.secret;
			const headers = {
				'content-type': forge.contentType || 'application/json',
				'user-agent': 'Chatwoot (sandbox)',
				'x-chatwoot-delivery': deliveryId,
			};
			if (secret) {
				headers['x-chatwoot-timestamp'] = timestamp;
				headers['x-chatwoot-signature'] =
					forge.signature || `sha256=${hmacHex(secret, `${timestamp}.${body}`)}`;
			}
			let status = 0;
			let text = '';
			try {
				const response = await fetch(webhook.url, { method: 'POST', headers, body });
				status = response.status;
				text = await response.text();
			} catch (error) {
				text = String(error && error.message);
			}
			const result = {
				webhookId: webhook.id,
				url: webhook.url,
				event,
				status,
				body: text,
				deliveryId,
			};
			state.deliveries.push(result);
			results.push(result);
		}
		return results;
	}
	// ------------------------------------------------- events of Application API changes (autoDeliver)

	const pending = new Set();
	/** The attributes Conversation#allowed_keys? lets through to conversation_updated. */
	const conversationAttributes = (conversation) => ({
		assignee_id: conversation.assignee_id ?? null,
		team_id: conversation.team_id ?? null,
		status: conversation.status,
		priority: conversation.priority || null,
		label_list: [...(conversation.labels || [])],
		snoozed_until: conversation.snoozed_until ?? null,
	});
	/**
	 * What Chatwoot sends after a change through the API (Conversation#notify_status_change and
	 * #notify_conversation_updation): conversation_status_changed when the status changed, then
	 * conversation_updated with changed_attributes (the record's previous_changes, updated_at
	 * included); nothing when nothing changed. Neither says who made the change. Only with
	 * `autoDeliver: true`; delivered in the background, `settled()` waits for them.
	 */
	function conversationChanged(conversation, before) {
		if (!options.autoDeliver) return;
		const after = conversationAttributes(conversation);
		const changedAttributes = Object.keys(after)
			.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
			.map((key) => ({ [key]: { previous_value: before[key], current_value: after[key] } }));
		if (changedAttributes.length === 0) return;
		const updatedAt = iso(Date.now());
		changedAttributes.push({
			updated_at: { previous_value: conversation.updated_at || null, current_value: updatedAt },
		});
		conversation.updated_at = updatedAt;
		const ref = { conversationId: conversation.id, changedAttributes };
		const events = [
			...(before.status !== after.status ? ['conversation_status_changed'] : []),
			'conversation_updated',
		];
		const promise = (async () => {
			for (const event of events) await deliver(payloadFor(event, ref));
		})().finally(() => pending.delete(promise));
		pending.add(promise);
	}
	async function settled() {
		while (pending.size > 0) await Promise.all([...pending]);
	}

	if (server) Object.assign(server, { deliver, payloadFor, addMessage, settled });

	const webhookRoutes = [
		{
			method: 'GET',
			path: `${ACC}/webhooks`,
			// webhooks/index.json.jbuilder: { payload: [webhook…] }
			handler: () => json(200, { payload: state.webhooks.map(presentWebhook) }),
		},
		{
			method: 'POST',
			path: `${ACC}/webhooks`,
			handler(ctx) {
				const invalid = webhookInvalid(ctx.body);
				if (invalid) return json(422, { message: invalid });
				if (state.webhooks.some((w) => w.url === ctx.body.url))
					return json(422, { message: 'Url has already been taken' });
				const webhook = {
					id: ++seq.webhook,
					url: ctx.body.url,
					subscriptions: [...ctx.body.subscriptions],
					secret: options.webhookSecrets === false ? undefined : hex(16),
				};
				state.webhooks.push(webhook);
				// webhooks/create.json.jbuilder: { payload: { webhook } }
				return json(200, { payload: { webhook: presentWebhook(webhook) } });
			},
		},
		{
			method: 'DELETE',
			path: `${ACC}/webhooks/:webhook`,
			handler(ctx) {
				const index = state.webhooks.findIndex((w) => String(w.id) === ctx.params.webhook);
				if (index < 0) return appError(404, 'Resource could not be found');
				state.webhooks.splice(index, 1);
				return json(200, {});
			},
		},
	];

	/** Attachment#file_type from the content type (FileTypeHelper). */
	function fileType(mimeType) {
		if (/^image\//.test(mimeType)) return 'image';
		if (/^audio\//.test(mimeType)) return 'audio';
		if (/^video\//.test(mimeType)) return 'video';
		return 'file';
	}

	/**
	 * A message's params from JSON or multipart/form-data: Rails reads `private=true`,
	 * `template_params[name]=…` and `attachments[]` files from a form.
	 */
	function messageParams(ctx) {
		if (ctx.bodyType !== 'multipart') return { body: ctx.body, files: [] };
		const body = {};
		let files = [];
		for (const [key, value] of Object.entries(ctx.body)) {
			if (key === 'attachments[]') {
				files = [].concat(value);
				if (files.some((file) => typeof file !== 'object'))
					return { problem: json(422, { message: 'attachments[] must be files', attributes: [] }) };
				continue;
			}
			if (typeof value !== 'string')
				return { problem: json(422, { message: `${key} must be text`, attributes: [key] }) };
			const nested = /^([a-z_]+)((?:\[[^\]]+\])+)$/.exec(key);
			if (nested) {
				const keys = [...nested[2].matchAll(/\[([^\]]+)\]/g)].map((match) => match[1]);
				let node = (body[nested[1]] = body[nested[1]] || {});
				for (const inner of keys.slice(0, -1)) node = node[inner] = node[inner] || {};
				node[keys[keys.length - 1]] = value;
			} else if (key === 'private') body.private = value === 'true';
			else body[key] = value;
		}
		return { body, files };
	}

	const appConversationOf = (ctx) =>
		state.conversations.find((c) => String(c.id) === ctx.params.conversation);

	const appRoutes = [
		...webhookRoutes,
		{
			method: 'GET',
			path: '/api/v1/profile',
			handler: () =>
				json(200, {
					id: user.id,
					provider: 'email',
					uid: user.email,
					name: user.name,
					display_name: null,
					available_name: user.name,
					email: user.email,
					account_id: accountId,
					pubsub_token: 'sbxPubsubToken',
					role: 'administrator',
					confirmed: true,
					avatar_url: '',
					type: 'user',
					custom_attributes: {},
					accounts: [
						{
							id: accountId,
							name: 'Sandbox Account',
							status: 'active',
							role: 'administrator',
							availability: 'online',
							availability_status: 'online',
							auto_offline: true,
						},
					],
					access_token: user.accessToken,
				}),
		},
		{
			method: 'GET',
			path: `${ACC}/inboxes`,
			// inboxes/index.json.jbuilder: { payload: [inbox…] }, all at once
			handler: () =>
				json(200, {
					payload: inboxes.map((inbox) => ({
						...presentInboxShort(inbox),
						widget_color: null,
						website_token: null,
						enable_auto_assignment: true,
						web_widget_script: null,
						phone_number: null,
					})),
				}),
		},
		{
			method: 'GET',
			path: `${ACC}/teams`,
			// teams/index.json.jbuilder: an array, all at once
			handler: () => json(200, teams.map(presentTeam)),
		},
		{
			method: 'GET',
			path: `${ACC}/agents`,
			// agents/index.json.jbuilder: an array, all at once
			handler: () => json(200, agents.map(presentAgent)),
		},
		{
			method: 'GET',
			path: `${ACC}/labels`,
			// labels/index.json.jbuilder: { payload: [label…] }, all at once
			handler: () => json(200, { payload: labelRecords.map((label) => ({ ...label })) }),
		},
		{
			method: 'GET',
			path: `${ACC}/contacts`,
			// contacts_controller#index: 15 a page, meta { count (all), current_page }
			handler(ctx) {
				const page = Math.max(1, Number(ctx.query.page) || 1);
				const withInboxes = ctx.query.include_contact_inboxes !== 'false';
				const slice = state.contacts.slice((page - 1) * 15, page * 15);
				return json(200, {
					meta: { count: state.contacts.length, current_page: ctx.query.page || 1 },
					payload: slice.map((c) => (withInboxes ? presentAppContact(c) : clone(c))),
				});
			},
		},
		{
			method: 'POST',
			path: `${ACC}/conversations`,
			handler(ctx) {
				const body = ctx.body;
				const invalid = validate.appConversation(body);
				if (invalid) return appInvalid(invalid);
				const inbox = inboxById(body.inbox_id);
				if (!inbox) return appError(404, 'Resource could not be found');
				let contactInbox;
				if (body.contact_id !== undefined) {
					// ContactInboxBuilder: find or create (contact, inbox, source_id)
					const contact = contactById(body.contact_id);
					if (!contact) return appError(404, 'Resource could not be found');
					const taken = contactInboxBy(inbox, body.source_id);
					if (taken && taken.contact_id !== contact.id)
						return json(422, { error: 'source_id should be unique' });
					contactInbox = taken || newContactInbox(contact, inbox, body.source_id);
				} else {
					// Chatwoot's fallback: ContactInbox.find_by!(source_id:), in any inbox of any account
					contactInbox = state.contactInboxes.find((ci) => ci.source_id === body.source_id);
				}
				if (!contactInbox) return appError(404, 'Resource could not be found');
				const conversation = newConversation(contactInbox, body);
				if (body.message) {
					const first = newMessage(conversation, body.message.content, 1, userSender());
					if (body.message.template_params)
						first.additional_attributes = { template_params: body.message.template_params };
				}
				return json(200, presentAppConversation(conversation));
			},
		},
		{
			method: 'GET',
			path: `${ACC}/conversations`,
			// ConversationFinder: status (default open, "all"), inbox_id, team_id, assignee_type, labels (any), q; 25 a page
			handler(ctx) {
				const q = ctx.query;
				let list = state.conversations.slice();
				if (q.inbox_id) list = list.filter((c) => String(c.inbox_id) === String(q.inbox_id));
				if (!q.q && q.status !== 'all')
					list = list.filter((c) => c.status === (q.status || 'open'));
				if (q.team_id) {
					if (!teamById(q.team_id)) return appError(404, 'Resource could not be found');
					list = list.filter((c) => String(c.team_id) === String(q.team_id));
				}
				if (q.labels) {
					const wanted = String(q.labels).split(',');
					list = list.filter((c) => (c.labels || []).some((label) => wanted.includes(label)));
				}
				if (q.q)
					list = list.filter((c) =>
						state.messages.some(
							(m) =>
								m.conversation_id === c.id &&
								m.message_type <= 1 &&
								String(m.content || '')
									.toLowerCase()
									.includes(String(q.q).toLowerCase()),
						),
					);
				const meta = {
					mine_count: list.filter((c) => c.assignee_id === user.id).length,
					unassigned_count: list.filter((c) => c.assignee_id === null).length,
					assigned_count: list.filter((c) => c.assignee_id !== null).length,
					all_count: list.length,
				};
				if (q.assignee_type === 'me') list = list.filter((c) => c.assignee_id === user.id);
				else if (q.assignee_type === 'unassigned')
					list = list.filter((c) => c.assignee_id === null);
				else if (q.assignee_type === 'assigned') list = list.filter((c) => c.assignee_id !== null);
				list.sort((a, b) => b.id - a.id);
				const page = Math.max(1, Number(q.page) || 1);
				return json(200, {
					data: {
						meta,
						payload: list.slice((page - 1) * 25, page * 25).map(presentAppConversation),
					},
				});
			},
		},
		{
			method: 'POST',
			path: `${ACC}/conversations/:conversation/assignments`,
			handler(ctx) {
				const invalid = validate.assignment(ctx.body);
				if (invalid) return appInvalid(invalid);
				const conversation = appConversationOf(ctx);
				if (!conversation) return appError(404, 'Resource could not be found');
				const body = ctx.body;
				const before = conversationAttributes(conversation);
				if (body.assignee_id !== undefined) {
					// AssignmentService: an agent of the inbox, else nobody
					const agent = agentById(body.assignee_id);
					conversation.assignee_id = agent ? agent.id : null;
					conversationChanged(conversation, before);
					return json(200, presentAgent(agent));
				}
				if (body.team_id !== undefined) {
					const team = teamById(body.team_id);
					conversation.team_id = team ? team.id : null;
					// AssignmentHandler#validate_current_assignee_team
					if (
						team &&
						conversation.assignee_id !== null &&
						!team.members.includes(conversation.assignee_id)
					)
						conversation.assignee_id = null;
					conversationChanged(conversation, before);
					return json(200, presentTeam(team));
				}
				return json(200, null);
			},
		},
		{
			method: 'GET',
			path: `${ACC}/conversations/:conversation/labels`,
			handler(ctx) {
				const conversation = appConversationOf(ctx);
				if (!conversation) return appError(404, 'Resource could not be found');
				return json(200, { payload: [...conversation.labels] });
			},
		},
		{
			method: 'POST',
			path: `${ACC}/conversations/:conversation/labels`,
			handler(ctx) {
				const invalid = validate.labels(ctx.body);
				if (invalid) return appInvalid(invalid);
				const conversation = appConversationOf(ctx);
				if (!conversation) return appError(404, 'Resource could not be found');
				// LabelConcern#valid_labels: only labels of the account, the list replaces the old one
				const before = conversationAttributes(conversation);
				conversation.labels = accountLabels.filter((label) =>
					(ctx.body.labels || []).includes(label),
				);
				conversationChanged(conversation, before);
				return json(200, { payload: [...conversation.labels] });
			},
		},
		{
			method: 'POST',
			path: `${ACC}/conversations/:conversation/toggle_priority`,
			handler(ctx) {
				const conversation = appConversationOf(ctx);
				const priority = ctx.body && ctx.body.priority;
				if (priority !== null && priority !== '') {
					const invalid = validate.priority(ctx.body);
					if (invalid) return appInvalid(invalid);
				}
				if (!conversation) return appError(404, 'Resource could not be found');
				// Conversation#toggle_priority: priority.presence into the enum (low, medium, high, urgent)
				if (priority === 'none')
					return railsError(500, "ArgumentError: 'none' is not a valid priority");
				const before = conversationAttributes(conversation);
				conversation.priority = priority || null;
				conversationChanged(conversation, before);
				return text(200, '');
			},
		},
		{
			method: 'POST',
			path: `${ACC}/conversations/:conversation/toggle_status`,
			handler(ctx) {
				const invalid = validate.status(ctx.body);
				if (invalid) return appInvalid(invalid);
				const conversation = appConversationOf(ctx);
				if (!conversation) return appError(404, 'Resource could not be found');
				const before = conversationAttributes(conversation);
				conversation.status = ctx.body.status;
				conversation.snoozed_until =
					ctx.body.status === 'snoozed' && ctx.body.snoozed_until !== undefined
						? iso(ctx.body.snoozed_until * 1000)
						: null;
				conversationChanged(conversation, before);
				return json(200, {
					meta: {},
					payload: {
						success: true,
						conversation_id: conversation.id,
						current_status: conversation.status,
						snoozed_until: conversation.snoozed_until,
					},
				});
			},
		},
		{
			method: 'GET',
			path: `${ACC}/conversations/:conversation`,
			handler(ctx) {
				const conversation = state.conversations.find(
					(c) => String(c.id) === ctx.params.conversation,
				);
				if (!conversation) return appError(404, 'Resource could not be found');
				return json(200, presentAppConversation(conversation));
			},
		},
		{
			method: 'POST',
			path: `${ACC}/conversations/:conversation/messages`,
			// JSON, or multipart/form-data with attachments[] (MessageBuilder#process_attachments)
			multipart: true,
			handler(ctx) {
				const { body, files, problem } = messageParams(ctx);
				if (problem) return problem;
				const invalid = validate.appMessage(
					files.length > 0 && body.content === undefined ? { ...body, content: '' } : body,
				);
				if (invalid) return appInvalid(invalid);
				const conversation = state.conversations.find(
					(c) => String(c.id) === ctx.params.conversation,
				);
				if (!conversation) return appError(404, 'Resource could not be found');
				const limit = (options.maxFileUploadMb || 40) * 1024 * 1024;
				const tooBig = files.find((file) => file.size > limit);
				// Attachment#validate_file_size → the message is not saved: render_could_not_create_error
				if (tooBig) return json(422, { error: 'Validation failed: Attachments is invalid' });
				if (files.length > 15)
					return json(422, { error: 'Validation failed: Attachments exceeded maximum allowed' });
				const incoming = body.message_type === 'incoming';
				const sender = incoming
					? contactSender(contactById(conversation.contact_id))
					: userSender();
				const message = newMessage(conversation, body.content, incoming ? 0 : 1, sender, body);
				message.attachments = files.map((file, index) => ({
					id: message.id * 100 + index,
					message_id: message.id,
					file_type: fileType(file.mimeType),
					account_id: accountId,
					extension: file.fileName.includes('.') ? file.fileName.split('.').pop() : null,
					data_url: `${server ? server.url : ''}/rails/active_storage/blobs/${message.id}/${encodeURIComponent(file.fileName)}`,
					thumb_url: '',
					file_size: file.size,
					file_name: file.fileName,
					content_type: file.mimeType,
				}));
				if (body.template_params)
					message.additional_attributes = { template_params: body.template_params };
				return json(200, { ...presentMessage(message), private: message.private });
			},
		},
		{
			method: 'POST',
			path: `${ACC}/contacts`,
			handler(ctx) {
				const body = ctx.body;
				const invalid = validate.appContact(body);
				if (invalid) return appInvalid(invalid);
				const inbox = inboxById(body.inbox_id);
				if (!inbox) return appError(404, 'Resource could not be found');
				for (const key of ['email', 'identifier', 'phone_number']) {
					if (
						body[key] &&
						state.contacts.some(
							(c) => c[key] && String(c[key]).toLowerCase() === String(body[key]).toLowerCase(),
						)
					) {
						const label =
							key === 'phone_number' ? 'Phone number' : key[0].toUpperCase() + key.slice(1);
						return json(422, { message: `${label} has already been taken`, attributes: [key] });
					}
				}
				const contact = newContact(body);
				const contactInbox = newContactInbox(contact, inbox);
				return json(200, {
					payload: {
						contact: clone(contact),
						contact_inbox: { inbox: presentInboxShort(inbox), source_id: contactInbox.source_id },
					},
				});
			},
		},
		{
			method: 'GET',
			path: `${ACC}/contacts/search`,
			handler(ctx) {
				// contacts_controller#search: ILIKE on name, e-mail and phone, LIKE (case-sensitive) on identifier, 15 a page
				const q = String(ctx.query.q || '').trim();
				if (!q) return appError(422, 'Specify search string with parameter q');
				const has = (value, caseSensitive) =>
					value !== null &&
					value !== undefined &&
					(caseSensitive
						? String(value).includes(q)
						: String(value).toLowerCase().includes(q.toLowerCase()));
				const found = state.contacts.filter(
					(c) =>
						has(c.name) ||
						has(c.email) ||
						has(c.phone_number) ||
						has(c.identifier, true) ||
						(/^\d+$/.test(q) && c.id === Number(q)),
				);
				const page = Math.max(1, Number(ctx.query.page) || 1);
				const slice = found.slice((page - 1) * 15, page * 15);
				return json(200, {
					meta: {
						count: slice.length,
						current_page: String(page),
						has_more: found.length > page * 15,
					},
					payload: slice.map((c) =>
						ctx.query.include_contact_inboxes === 'false' ? clone(c) : presentAppContact(c),
					),
				});
			},
		},
		{
			method: 'GET',
			path: `${ACC}/contacts/:contact`,
			handler(ctx) {
				const contact = contactById(ctx.params.contact);
				if (!contact) return appError(404, 'Resource could not be found');
				return json(200, { payload: presentAppContact(contact) });
			},
		},
		{
			method: 'POST',
			path: `${ACC}/contacts/:contact/contact_inboxes`,
			handler(ctx) {
				const body = ctx.body;
				const invalid = validate.contactInbox(body);
				if (invalid) return appInvalid(invalid);
				const contact = contactById(ctx.params.contact);
				const inbox = inboxById(body.inbox_id);
				if (!contact || !inbox) return appError(404, 'Resource could not be found');
				if (body.source_id && contactInboxBy(inbox, body.source_id)) {
					return json(422, { message: 'Source has already been taken', attributes: ['source_id'] });
				}
				const contactInbox = newContactInbox(contact, inbox, body.source_id);
				return json(200, { source_id: contactInbox.source_id, inbox: presentInboxShort(inbox) });
			},
		},
	];

	return {
		routes: [...publicRoutes, ...appRoutes],
		before(ctx, route) {
			// Rails' dynamic segments stop at "." (the format): a raw dot in an ID matches no route
			if (ctx.path.includes('.')) return railsError(404);
			if (!route.path.startsWith('/api/')) return null;
			const token =
				ctx.headers.api_access_token ||
				ctx.headers['api-access-token'] ||
				(options.acceptBearer && /^Bearer\s+(.+)$/i.exec(ctx.headers.authorization || '')?.[1]);
			if (!token)
				return json(401, { errors: ['You need to sign in or sign up before continuing.'] });
			if (token !== user.accessToken) return appError(401, 'Invalid Access Token');
			if (ctx.params.account !== undefined && Number(ctx.params.account) !== accountId)
				return appError(404, 'Resource could not be found');
			const multipartAllowed = route.multipart === true && ctx.bodyType === 'multipart';
			if (
				ctx.method === 'POST' &&
				ctx.bodyType !== 'json' &&
				ctx.bodyType !== 'invalid-json' &&
				!multipartAllowed
			) {
				return json(422, { message: 'Request body must be JSON', attributes: [] });
			}
			return null;
		},
		notFound(ctx) {
			if (ctx.path.startsWith('/api/') || ctx.path.startsWith('/public/')) return railsError(404);
			return railsHtml(404);
		},
		// ActionDispatch's ParseError happens before any controller code
		invalidJson: (ctx) => railsError(400, `invalid JSON: ${ctx.jsonError}`),
		unauthorized: () => appError(401, 'Invalid Access Token'),
		serverError: (ctx, status) =>
			ctx.path.startsWith('/api/') || ctx.path.startsWith('/public/')
				? railsError(status)
				: railsHtml(status),
		// rack-attack's default throttled responder
		rateLimited: () => text(429, 'Retry later\n'),
	};
}

module.exports = {
	name: 'chatwoot',
	defaultCredentials,
	vendorRateLimitStyle: 'none',
	urls: (origin) => ({ baseUrl: origin }),
	create,
};
