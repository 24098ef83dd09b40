'use strict';
/**
 * SocialBoards External Chat API — docs/vendor-apis.md §4. Base URL `${srv.url}/`.
 * POST /token exchanges a refresh token for a ~1 h access token; every API answer is the
 * envelope { data, errorCode, errorText } with errorCode -1 on success. The error-code numbers
 * are not documented anywhere; the ones used here are this fake's own (README.md). The close
 * route's method and answer are not documented either (PATCH like takeover; it answers the conversation).
 */
const { json, uuid, signJwt, verifyJwt, hex, bearer, isObject, clone } = require('../core');

const defaultCredentials = {
	clientId: 'sandbox-socialboards-client',
	refreshToken: 'sandbox-socialboards-refresh-token',
};

/** This fake's error codes (SocialBoards' own list is not public). */
const ERROR = {
	internal: 0,
	validation: 1,
	notFound: 2,
	badRequest: 3,
	tooManyRequests: 5,
};
const SENTIMENTS = ['question', 'praise', 'suggestion', 'complaint'];
const ORDERS = ['creation_time_desc', 'creation_time_asc'];
const FUTURE_TOLERANCE_MS = 30 * 1000;
const MAX_MESSAGES_PER_CALL = 100;
const MAX_MESSAGES_RETURNED = 100;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const BOT = {
	id: '00000000-0000-0000-0000-00000000b07a',
	name: 'SocialBoards Bot',
	image: null,
	email: null,
	status: 'bot',
	isBot: true,
	customIdentifier: null,
};

const ok = (data) => json(200, { data, errorCode: -1, errorText: null });
const envelopeError = (status, errorCode, errorText) =>
	json(status, { data: null, errorCode, errorText });
const denied = () => json(401, { Message: 'Authorization has been denied for this request.' });
const dotnetTime = (ms) => new Date(ms).toISOString().replace('Z', '+00:00');

function isUrl(value) {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

function create({ state, options, credentials, server }) {
	const secret = hex(16);
	const ttlSec = options.accessTokenTtlSec || 3599;
	const businessStatus = options.businessErrorStatus || 200;
	const business = (text) => envelopeError(businessStatus, ERROR.validation, text);
	const refreshTokens = new Set([credentials.refreshToken]);
	const seq = { conversation: 254625, message: 1000 };
	const teammates = options.teammates || [
		{
			id: '35692164-bfaa-4c49-a23c-ecfa618f7d20',
			name: 'Ada Agent',
			email: 'ada@sandbox.test',
			role: 'admin',
			group: 'support',
		},
		{
			id: '8c1b0d3e-52a7-4f6e-9a41-0e5d2b7c9f13',
			name: 'Ben Agent',
			email: 'ben@sandbox.test',
			role: 'teammate',
			group: 'sales',
		},
		{
			id: 'c0ffee00-1111-4222-8333-444455556666',
			name: 'Rita Reader',
			email: 'rita@sandbox.test',
			role: 'read_only_user',
			group: 'support',
		},
	];

	function issue(kind, value, ttl) {
		const record = {
			kind,
			value,
			issuedAt: Date.now(),
			expiresAt: ttl ? Date.now() + ttl * 1000 : null,
			revoked: false,
		};
		state.tokens.push(record);
		return record;
	}

	function accessTokenValid(token) {
		const record = state.tokens.find((t) => t.kind === 'access' && t.value === token);
		return Boolean(
			record && !record.revoked && verifyJwt(token, secret) && record.expiresAt > Date.now(),
		);
	}

	/** Validates a User value; returns an error text or null. */
	function checkUser(author, where) {
		if (!isObject(author)) return `${where} is required`;
		if (author.isBot !== undefined && typeof author.isBot !== 'boolean')
			return `${where}.isBot must be a boolean`;
		if (author.isBot) return null;
		for (const key of ['id', 'email', 'customIdentifier', 'name', 'image']) {
			if (author[key] !== undefined && author[key] !== null && typeof author[key] !== 'string')
				return `${where}.${key} must be a string`;
		}
		if (
			!author.id &&
			!author.email &&
			!(author.customIdentifier && author.customIdentifier.trim())
		) {
			return `${where} must have an id, email or customIdentifier`;
		}
		if (author.id && !GUID.test(author.id)) return `${where}.id must be a Guid`;
		if (author.email && !EMAIL.test(author.email))
			return `${where}.email is not a valid e-mail address`;
		if (author.image && !isUrl(author.image)) return `${where}.image must be a valid URL`;
		return null;
	}

	function unknownId(author, where) {
		if (author.isBot || !author.id) return null;
		return state.contacts.some((c) => c.id.toLowerCase() === author.id.toLowerCase())
			? null
			: `${where}: no user with id ${author.id}`;
	}

	/** Finds the client by id > email > customIdentifier, creating it when only email/customIdentifier is known. */
	function resolveUser(author, where) {
		if (author.isBot) return { user: BOT };
		const customIdentifier = author.customIdentifier
			? author.customIdentifier.trim().toLowerCase()
			: null;
		let user = null;
		if (author.id) {
			user = state.contacts.find((c) => c.id.toLowerCase() === author.id.toLowerCase());
			if (!user) return { error: `${where}: no user with id ${author.id}` };
		} else if (author.email) {
			user = state.contacts.find(
				(c) => c.email && c.email.toLowerCase() === author.email.toLowerCase(),
			);
		} else {
			user = state.contacts.find((c) => c.customIdentifier === customIdentifier);
		}
		if (!user) {
			user = {
				id: uuid(),
				name: author.name || author.email || customIdentifier,
				image: author.image || null,
				email: author.email || null,
				status: 'client',
				isBot: false,
				customIdentifier,
			};
			state.contacts.push(user);
		}
		return { user };
	}

	const findConversation = (id) => state.conversations.find((c) => String(c.id) === String(id));

	function presentConversation(conversation, messages) {
		const open = state.conversations.filter((c) => !c.isClosed);
		const position = Math.max(1, open.indexOf(conversation) + 1);
		return {
			author: clone(conversation.author),
			creationTime: conversation.creationTime,
			id: conversation.id,
			isClosed: conversation.isClosed,
			isTakeoverEnabled: conversation.isTakeoverEnabled,
			lastModifiedTime: conversation.lastModifiedTime,
			messages: clone(messages),
			queuePositionInfo: conversation.isClosed ? null : { position, waitTime: position * 15 },
			feedback: conversation.feedback,
			totalMessagesCount: state.messages.filter((m) => m.conversationId === conversation.id).length,
		};
	}
	const presentMessage = (m) => ({
		author: clone(m.author),
		creationTime: m.creationTime,
		id: m.id,
		lastModifiedTime: m.lastModifiedTime,
		message: m.message,
	});

	// ------------------------------------------------- Chat Webhook (events out)
	// Set up by hand in SocialBoards' community settings (no API): addWebhook() plays that form,
	// including SocialBoards' check GET <url>?challenge=…&verifyToken=…, which must echo the challenge.
	state.webhooks = state.webhooks || [];
	state.deliveries = state.deliveries || [];
	const pending = new Set();

	/** Deep copy with PascalCase keys, as SocialBoards' webhook payloads are written. */
	function pascal(value) {
		if (Array.isArray(value)) return value.map(pascal);
		if (!isObject(value)) return value;
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), pascal(v)]),
		);
	}
	const withQuery = (url, params) => {
		const u = new URL(url);
		for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
		return u.toString();
	};

	/** The form in the community settings: checks the URL (challenge GET) and keeps it when it answered. */
	async function addWebhook({ url, verifyToken, events }) {
		const challenge = hex(12);
		let status = 0;
		let text = '';
		try {
			const response = await fetch(withQuery(url, { challenge, verifyToken }), { method: 'GET' });
			status = response.status;
			text = await response.text();
		} catch (error) {
			text = String(error && error.message);
		}
		const verified = status === 200 && text === challenge;
		const webhook = verified
			? { id: state.webhooks.length + 1, url, events: [...(events || [])] }
			: undefined;
		if (webhook) state.webhooks.push(webhook);
		return { status, body: text, challenge, verified, webhook };
	}

	/** One event of `eventType` about a conversation (and, for messages, one message) of the fake. */
	function eventFor(eventType, conversationId, messageId) {
		const conversation = findConversation(conversationId);
		if (!conversation) throw new Error(`no conversation ${conversationId}`);
		const event = {
			InboxLink: `https://inbox.socialboards.com/sandbox/tickets?ticketId=${conversation.id}`,
			ConversationId: conversation.id,
			Conversation: pascal({ ...presentConversation(conversation, []), fields: null }),
			EventTime: dotnetTime(Date.now()),
		};
		if (eventType === 'conversation_message_added') {
			const message = state.messages.find((m) => m.id === Number(messageId));
			if (!message) throw new Error(`no message ${messageId}`);
			// SocialBoards does not publish this event's example: the fake sends the message as Message,
			// with its author and whether the team wrote it
			event.Message = pascal({ ...presentMessage(message), isByTeam: message.isByTeam === true });
		}
		return event;
	}
	/**
	 * The payload SocialBoards posts: payloadFor('conversation_message_added', { conversationId,
	 * messageIds: [..] }) or payloadFor('conversation_closed', { conversationId }).
	 */
	function payloadFor(eventType, ref = {}) {
		const ids = ref.messageIds || (ref.messageId !== undefined ? [ref.messageId] : [undefined]);
		return {
			CommunityName: 'sandbox',
			EventType: eventType,
			Events: ids.map((id) => eventFor(eventType, ref.conversationId, id)),
			TicketId: Number(ref.conversationId),
		};
	}

	/**
	 * POSTs `payload` (JSON, unsigned as SocialBoards sends it) to every webhook with its EventType.
	 * Forgeries for tests: { url, token (sets ?token=), rawBody, contentType }.
	 * Resolves to [{ url, event, status, body }].
	 */
	async function deliver(payload, forge = {}) {
		const body = forge.rawBody !== undefined ? String(forge.rawBody) : JSON.stringify(payload);
		const event = isObject(payload) ? payload.EventType : undefined;
		const targets = forge.url
			? [{ id: null, url: forge.url }]
			: state.webhooks.filter((w) => w.events.includes(event));
		const results = [];
		for (const webhook of targets) {
			const url =
				forge.token !== undefined ? withQuery(webhook.url, { token: forge.token }) : webhook.url;
			let status = 0;
			let text = '';
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: {
						'content-type': forge.contentType || 'application/json',
						'user-agent': 'SocialBoards (sandbox)',
					},
					body,
				});
				status = response.status;
				text = await response.text();
			} catch (error) {
				text = String(error && error.message);
			}
			const result = { webhookId: webhook.id, url: webhook.url, event, status, body: text };
			state.deliveries.push(result);
			results.push(result);
		}
		return results;
	}

	/** After an API change: delivers its event to the webhooks that listen, after the answer. */
	function emit(eventType, conversationId, messageIds) {
		if (!state.webhooks.some((w) => w.events.includes(eventType))) return;
		const payload = payloadFor(eventType, { conversationId, messageIds });
		const job = new Promise((resolve) => setImmediate(resolve))
			.then(() => deliver(payload))
			.finally(() => pending.delete(job));
		pending.add(job);
	}
	/** Resolves when every delivery the API started has been answered. */
	async function settled() {
		while (pending.size > 0) await Promise.allSettled([...pending]);
	}
	if (server) Object.assign(server, { addWebhook, payloadFor, deliver, settled });

	const routes = [
		{
			method: 'POST',
			path: '/token',
			handler(ctx) {
				const form = ctx.bodyType === 'form' ? ctx.body : {};
				if (form.grant_type !== 'refresh_token')
					return json(400, { error: 'unsupported_grant_type' });
				if (form.client_id !== credentials.clientId) return json(400, { error: 'invalid_client' });
				if (!form.refresh_token || !refreshTokens.has(form.refresh_token))
					return json(400, { error: 'invalid_grant' });
				let refreshToken = form.refresh_token;
				if (options.rotateRefreshToken) {
					refreshTokens.delete(refreshToken);
					refreshToken = hex(24);
					refreshTokens.add(refreshToken);
					issue('refresh', refreshToken, null);
				}
				const now = Math.floor(Date.now() / 1000);
				const access = signJwt(
					{ sub: credentials.clientId, iat: now, exp: now + ttlSec, jti: uuid() },
					secret,
				);
				issue('access', access, ttlSec);
				return json(200, {
					access_token: access,
					token_type: 'bearer',
					expires_in: ttlSec,
					refresh_token: refreshToken,
				});
			},
		},
		{
			method: 'GET',
			path: '/Teammates',
			handler(ctx) {
				const group = ctx.query.group;
				// SocialBoards' example shows no ID; its assignee page says this list gives them (README).
				const list = teammates
					.filter((t) => !group || t.group === group)
					.map(({ id, name, email, role }) =>
						options.teammatesWithoutIds ? { name, email, role } : { id, name, email, role },
					);
				return ok(list);
			},
		},
		{
			method: 'POST',
			path: '/chat/conversations',
			handler(ctx) {
				const body = ctx.body;
				if (!isObject(body))
					return envelopeError(400, ERROR.badRequest, 'The request body must be a JSON object');
				const authorError = checkUser(body.author, 'author');
				if (authorError) return business(authorError);
				if (
					body.categoryId !== undefined &&
					body.categoryId !== null &&
					!Number.isInteger(body.categoryId)
				)
					return business('categoryId must be an integer');
				if (
					body.fields !== undefined &&
					body.fields !== null &&
					(!Array.isArray(body.fields) || !body.fields.every(isObject))
				) {
					return business('fields must be an array of custom field values');
				}
				if (body.isBotEnabled !== undefined && typeof body.isBotEnabled !== 'boolean')
					return business('isBotEnabled must be a boolean');
				for (const key of ['title', 'url']) {
					if (body[key] !== undefined && body[key] !== null && typeof body[key] !== 'string')
						return business(`${key} must be a string`);
				}
				let sentiment = 'question';
				if (body.sentiment !== undefined && body.sentiment !== null) {
					sentiment =
						typeof body.sentiment === 'string' ? body.sentiment.toLowerCase() : body.sentiment;
					if (!SENTIMENTS.includes(sentiment))
						return business(`sentiment must be one of: ${SENTIMENTS.join(', ')}`);
				}
				const resolved = resolveUser(body.author, 'author');
				if (resolved.error) return business(resolved.error);
				const now = dotnetTime(Date.now());
				const conversation = {
					id: ++seq.conversation,
					author: clone(resolved.user),
					creationTime: now,
					lastModifiedTime: now,
					isClosed: false,
					isTakeoverEnabled: true,
					feedback: null,
					title: body.title || null,
					url: body.url || null,
					sentiment,
					categoryId: body.categoryId === undefined ? null : body.categoryId,
					fields: body.fields || [],
					isBotEnabled: Boolean(body.isBotEnabled),
					isAssignedToBot: Boolean(body.isBotEnabled),
					assigneeId: null,
				};
				state.conversations.push(conversation);
				emit('conversation_created', conversation.id);
				return ok(presentConversation(conversation, []));
			},
		},
		{
			method: 'POST',
			path: '/chat/conversations/:id/messages',
			handler(ctx) {
				const conversation = findConversation(ctx.params.id);
				if (!conversation)
					return envelopeError(404, ERROR.notFound, `Conversation ${ctx.params.id} not found`);
				const list = ctx.body;
				if (!Array.isArray(list))
					return envelopeError(
						400,
						ERROR.badRequest,
						'The request body must be a JSON array of messages',
					);
				if (list.length === 0) return business('At least one message is required');
				if (list.length > MAX_MESSAGES_PER_CALL)
					return business(`At most ${MAX_MESSAGES_PER_CALL} messages per request`);
				const prepared = [];
				for (let i = 0; i < list.length; i++) {
					const item = list[i];
					const where = `[${i}]`;
					if (!isObject(item)) return business(`${where} must be an object`);
					if (typeof item.message !== 'string' || item.message.trim() === '')
						return business(`${where}.message is required`);
					const authorError =
						checkUser(item.author, `${where}.author`) || unknownId(item.author, `${where}.author`);
					if (authorError) return business(authorError);
					if (
						item.isByTeam !== undefined &&
						item.isByTeam !== null &&
						typeof item.isByTeam !== 'boolean'
					)
						return business(`${where}.isByTeam must be a boolean`);
					let at = Date.now();
					if (item.creationTime !== undefined && item.creationTime !== null) {
						at = Date.parse(item.creationTime);
						if (typeof item.creationTime !== 'string' || Number.isNaN(at))
							return business(`${where}.creationTime is not a valid date`);
						if (at > Date.now() + FUTURE_TOLERANCE_MS)
							return business(
								`${where}.creationTime must not be more than 30 seconds in the future`,
							);
					}
					prepared.push({ item, at });
				}
				const created = [];
				for (const { item, at } of prepared) {
					const message = {
						id: ++seq.message,
						conversationId: conversation.id,
						author: clone(resolveUser(item.author, 'author').user),
						creationTime: dotnetTime(at),
						lastModifiedTime: dotnetTime(Date.now()),
						message: item.message,
						// null: SocialBoards' default (not documented); kept for the tests, not in the answer
						isByTeam: item.isByTeam === undefined ? null : item.isByTeam,
					};
					state.messages.push(message);
					created.push(presentMessage(message));
				}
				conversation.lastModifiedTime = dotnetTime(Date.now());
				emit(
					'conversation_message_added',
					conversation.id,
					created.map((m) => m.id),
				);
				return ok(created);
			},
		},
		{
			method: 'GET',
			path: '/chat/conversations/:id',
			handler(ctx) {
				const conversation = findConversation(ctx.params.id);
				if (!conversation)
					return envelopeError(404, ERROR.notFound, `Conversation ${ctx.params.id} not found`);
				let messages = [];
				if (String(ctx.query.includeMessages).toLowerCase() === 'true') {
					messages = state.messages
						.filter((m) => m.conversationId === conversation.id)
						.map(presentMessage);
					const order = ctx.query.orderyBy || ctx.query.orderBy;
					if (order === 'creation_time_desc') messages.reverse();
					messages = messages.slice(0, MAX_MESSAGES_RETURNED);
				}
				return ok(presentConversation(conversation, messages));
			},
		},
		{
			method: 'GET',
			path: '/chat/conversations/:id/messages',
			handler(ctx) {
				const conversation = findConversation(ctx.params.id);
				if (!conversation)
					return envelopeError(404, ERROR.notFound, `Conversation ${ctx.params.id} not found`);
				const order = ctx.query.orderBy || 'creation_time_desc';
				if (!ORDERS.includes(order))
					return business(`orderBy must be one of: ${ORDERS.join(', ')}`);
				const skip = ctx.query.skip === undefined ? 0 : Number(ctx.query.skip);
				const take = ctx.query.take === undefined ? MAX_MESSAGES_RETURNED : Number(ctx.query.take);
				if (!Number.isInteger(skip) || skip < 0) return business('skip must be 0 or more');
				if (!Number.isInteger(take) || take < 1 || take > MAX_MESSAGES_RETURNED)
					return business(`take must be from 1 to ${MAX_MESSAGES_RETURNED}`);
				const messages = state.messages
					.filter((m) => m.conversationId === conversation.id)
					.map(presentMessage);
				if (order === 'creation_time_desc') messages.reverse();
				return ok(messages.slice(skip, skip + take));
			},
		},
		{
			method: 'PATCH',
			path: '/chat/conversations/:id/close',
			handler(ctx) {
				const conversation = findConversation(ctx.params.id);
				if (!conversation)
					return envelopeError(404, ERROR.notFound, `Conversation ${ctx.params.id} not found`);
				if (!conversation.isClosed) {
					conversation.isClosed = true;
					conversation.lastModifiedTime = dotnetTime(Date.now());
					emit('conversation_closed', conversation.id);
				}
				return ok(presentConversation(conversation, []));
			},
		},
		{
			method: 'GET',
			path: '/chat/conversations/:id/takeover',
			handler(ctx) {
				const conversation = findConversation(ctx.params.id);
				if (!conversation)
					return envelopeError(404, ERROR.notFound, `Conversation ${ctx.params.id} not found`);
				return ok({ isAssignedToBot: conversation.isAssignedToBot });
			},
		},
		{
			method: 'PATCH',
			path: '/chat/conversations/:id/takeover',
			handler(ctx) {
				const conversation = findConversation(ctx.params.id);
				if (!conversation)
					return envelopeError(404, ERROR.notFound, `Conversation ${ctx.params.id} not found`);
				const body = ctx.body;
				if (!isObject(body))
					return envelopeError(400, ERROR.badRequest, 'The request body must be a JSON object');
				if (typeof body.isAssignedToBot !== 'boolean')
					return business('isAssignedToBot must be a boolean');
				if (body.assigneeId !== undefined && body.assigneeId !== null) {
					if (typeof body.assigneeId !== 'string' || !GUID.test(body.assigneeId))
						return business('assigneeId must be a Guid');
					// "You cannot assign a user which is not a part of the team" (Update Ticket Assignee).
					const agent = teammates.find(
						(t) => t.id && t.id.toLowerCase() === body.assigneeId.toLowerCase(),
					);
					if (!agent || ['read_only_user', 'client', 'vendor'].includes(agent.role))
						return business(
							`assigneeId ${body.assigneeId} is not a teammate who can take conversations`,
						);
				}
				const changed = conversation.isAssignedToBot !== body.isAssignedToBot;
				conversation.isAssignedToBot = body.isAssignedToBot;
				conversation.assigneeId = body.isAssignedToBot ? null : body.assigneeId || null;
				conversation.lastModifiedTime = dotnetTime(Date.now());
				if (changed) emit('conversation_takeover_state_changed', conversation.id);
				return ok({ isAssignedToBot: conversation.isAssignedToBot });
			},
		},
	];

	return {
		routes,
		before(ctx, route) {
			if (route.path === '/token') return null;
			const token = bearer(ctx.headers);
			if (!token || !accessTokenValid(token)) return denied();
			return null;
		},
		expireTokens() {
			for (const t of state.tokens) if (t.kind === 'access') t.revoked = true;
			return true;
		},
		notFound: (ctx) =>
			json(404, {
				Message: `No HTTP resource was found that matches the request URI '${ctx.server.origin}${ctx.url.pathname}${ctx.url.search}'.`,
			}),
		invalidJson: () => envelopeError(400, ERROR.badRequest, 'The request body is not valid JSON'),
		unauthorized: denied,
		serverError: (ctx, status) => envelopeError(status, ERROR.internal, 'An error has occurred.'),
		rateLimited: () => envelopeError(429, ERROR.tooManyRequests, 'Too many requests'),
	};
}

module.exports = {
	name: 'socialboards',
	defaultCredentials,
	caseInsensitivePaths: true,
	vendorRateLimitStyle: 'retry-after-seconds',
	urls: (origin) => ({ baseUrl: `${origin}/` }),
	create,
	ERROR,
};
