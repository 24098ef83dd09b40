'use strict';
/**
 * LivePerson Connector API (Send API) — docs/vendor-apis.md §2. One server plays every host:
 * the Domain API (srv.url), sentinel (AppJWT), idp (ConsumerJWS) and asyncMessagingEnt
 * (CONVERSATION / SEND). The Domain API answers `baseURI` as "127.0.0.1:PORT" (no scheme),
 * like LivePerson; option `lpScheme: 'http'` makes it answer "http://127.0.0.1:PORT" instead.
 */
const crypto = require('crypto');
const { json, uuid, hex, signJwt, verifyJwt, isObject, clone } = require('../core');

const defaultCredentials = {
	accountId: '10203040',
	clientId: 'sandbox-lp-installation-id',
	clientSecret: 'sandbox-lp-client-secret',
};

const SERVICES = [
	'sentinel',
	'idp',
	'asyncMessagingEnt',
	'msgHist',
	'agentVep',
	'accountConfigReadOnly',
	'accountConfigReadWrite',
	'leDataReporting',
];
const DEFAULT_SKILLS = ['-1', '1001', '1002'];
/** The names the Skills API gives the default skills (-1, "any skill", is no skill of the account). */
const DEFAULT_SKILL_NAMES = { 1001: 'Sales', 1002: 'Billing' };
const TTR = ['NORMAL', 'URGENT', 'PRIORITIZED', 'CUSTOM'];
const MAX_BATCH = 10;

/** The documented 401 bodies (connector-api authorization error responses), plus 40001 which is a 400. */
const AUTH_ERRORS = {
	40001: ['Missing parameter', 'Brand Id is missing'],
	40102: ['Invalid AppJWT', 'AppJWT has expired or is invalid'],
	40103: ['Invalid ConsumerJWS', 'ConsumerJWS is invalid'],
	40104: ['ConsumerJWS is missing', 'X_ON_BEHALF_HEADER is not present'],
	40105: ['AppJWT is missing', 'AUTHORIZATION header is not present'],
};

function lpError(status, title, details, errorCode) {
	const body = { title, details };
	if (errorCode) body.errorCode = errorCode;
	return json(status, { kind: 'resp', code: status, body, type: '.ReqBody$ErrorResp' });
}
function authError(errorCode) {
	const [title, details] = AUTH_ERRORS[errorCode];
	return lpError(Math.floor(errorCode / 100), title, details, errorCode);
}
const item = (reqId, code, body) => ({ reqId: String(reqId), code, body });

/** The event types an installation can name an endpoint for (Connector API → Webhooks → Events). */
const WEBHOOK_EVENT_TYPES = [
	'ms.MessagingEventNotification.ContentEvent',
	'ms.MessagingEventNotification.RichContentEvent',
	'ms.MessagingEventNotification.AcceptStatusEvent',
	'ms.MessagingEventNotification.ChatStateEvent',
	'cqm.ExConversationChangeNotification',
];
const SANDBOX_AGENT_ID = '29c3019d-fe0b-5200-afe8-737abfeae4b4';

/**
 * X-Liveperson-Signature: "sha1=" (or "sha256=") + HMAC of the raw body with the client secret, in
 * base64 (the default) or hex, as the installation chose ("Notification Protocol").
 */
function livePersonSignature(secret, body, algorithm = 'sha1', encoding = 'base64') {
	return `${algorithm}=${crypto.createHmac(algorithm, String(secret)).update(body).digest(encoding)}`;
}

function create({ state, options, credentials, server }) {
	const secret = hex(16);
	const account = String(credentials.accountId);
	const appTtl = options.appJwtTtlSec || 3600;
	const consumerTtl = options.consumerJwsTtlSec || null;
	const skills = (options.skills || DEFAULT_SKILLS).map(String);
	const consumers = new Map(); // ext_consumer_id -> consumer record (also in state.contacts)

	// the connector's app installation (App Management API) and the notifications sent to it
	state.deliveries = state.deliveries || [];
	state.installation = {
		id: credentials.clientId,
		client_name: 'Sandbox connector',
		description: 'The connector of the LivePerson sandbox',
		enabled: true,
		grant_types: ['client_credentials'],
		scope: 'msg.consumer',
		capabilities: {
			webhooks: clone(options.webhooks || {}),
			engagement: { design_engagement: false, design_window: false, entry_point: ['section'] },
		},
	};
	state.installationRevision = 1;
	const pending = new Set();

	function baseUri() {
		if (options.lpBaseUri) return options.lpBaseUri;
		const host = server.origin.replace(/^https?:\/\//, '');
		return options.lpScheme ? `${options.lpScheme}://${host}` : host;
	}

	function issue(kind, value, ttlSec, extra) {
		const record = {
			kind,
			value,
			issuedAt: Date.now(),
			expiresAt: ttlSec ? Date.now() + ttlSec * 1000 : null,
			revoked: false,
			...extra,
		};
		state.tokens.push(record);
		return record;
	}
	function tokenRecord(kind, value) {
		const record = state.tokens.find((t) => t.kind === kind && t.value === value);
		if (!record || record.revoked || (record.expiresAt && record.expiresAt <= Date.now()))
			return null;
		return record;
	}

	/** Reads the raw AppJWT from Authorization; returns { error } or { claims }. */
	function checkAppJwt(ctx) {
		let token = ctx.headers.authorization;
		if (!token) return { error: authError(40105) };
		if (options.acceptBearerPrefix) token = token.replace(/^Bearer\s+/i, '');
		const claims = verifyJwt(token, secret);
		if (!claims || !tokenRecord('appJwt', token) || claims.aud !== ctx.params.account)
			return { error: authError(40102) };
		if (claims.iss !== 'Sentinel') return { error: authError(40001) };
		return { claims };
	}
	function checkConsumer(ctx) {
		const token = ctx.headers['x-lp-on-behalf'];
		if (!token) return { error: authError(40104) };
		const claims = verifyJwt(token, secret);
		if (!claims || !tokenRecord('consumerJws', token) || claims.account_id !== ctx.params.account)
			return { error: authError(40103) };
		return { consumer: consumers.get(claims.ext_consumer_id) };
	}

	/**
	 * The Account Configuration APIs take the AppJWT as an OAuth 2.0 bearer token ("Bearer <AppJWT>",
	 * as LivePerson's client-credentials guide shows); returns { error } or { claims }.
	 */
	function checkBearerAppJwt(ctx) {
		const header = ctx.headers.authorization;
		if (!header || !/^Bearer\s+/i.test(header))
			return { error: lpError(401, 'Unauthorized', 'a Bearer token is required') };
		const token = header.replace(/^Bearer\s+/i, '');
		return checkAppJwt({ ...ctx, headers: { ...ctx.headers, authorization: token } });
	}

	function unknownAccount(ctx) {
		return ctx.params.account !== account;
	}

	// -------------------------------------------------------------- batch items

	function setUserProfile(req, consumer) {
		if (req.body !== undefined && !isObject(req.body))
			return item(req.id, 400, { msg: 'body must be an object' });
		consumer.profile = req.body || {};
		return item(req.id, 'OK', { msg: 'OK User Profile set successfully' });
	}

	function requestConversation(req, consumer, ctx) {
		const body = req.body;
		if (body.brandId !== ctx.params.account)
			return item(req.id, 400, {
				msg: `brandId ${body.brandId} does not match account ${ctx.params.account}`,
			});
		if (body.channelType !== undefined && body.channelType !== 'MESSAGING')
			return item(req.id, 400, { msg: 'channelType must be MESSAGING' });
		if (
			body.ttrDefName !== undefined &&
			body.ttrDefName !== null &&
			!TTR.includes(body.ttrDefName)
		) {
			return item(req.id, 400, { msg: `Invalid ttrDefName ${body.ttrDefName}` });
		}
		if (
			body.skillId !== undefined &&
			body.skillId !== null &&
			!skills.includes(String(body.skillId))
		) {
			return item(req.id, 400, { msg: `Skill ${body.skillId} does not exist` });
		}
		if (
			options.oneOpenConversationPerConsumer &&
			state.conversations.some((c) => c.consumerId === consumer.lpConsumerId && c.state === 'OPEN')
		) {
			return item(req.id, 400, { msg: 'The consumer already has an open conversation' });
		}
		const conversation = {
			conversationId: uuid(),
			accountId: ctx.params.account,
			consumerId: consumer.lpConsumerId,
			extConsumerId: consumer.extConsumerId,
			skillId: body.skillId === undefined ? null : String(body.skillId),
			ttrDefName: body.ttrDefName || null,
			channelType: body.channelType || null,
			campaignInfo: body.campaignInfo || null,
			conversationContext: body.conversationContext || null,
			userProfile: consumer.profile || null,
			state: 'OPEN',
			createdAt: Date.now(),
			nextSequence: 0,
		};
		state.conversations.push(conversation);
		autoDeliver(conversationNotification(conversation));
		return item(req.id, 'OK', { conversationId: conversation.conversationId });
	}

	function publishEvent(req, consumer, fallbackConversation) {
		const body = req.body;
		if (!isObject(body) || !isObject(body.event))
			return item(req.id, 400, { msg: 'body.event is required' });
		const dialogId = body.dialogId || (fallbackConversation && fallbackConversation.conversationId);
		const conversation = state.conversations.find(
			(c) => c.conversationId === dialogId && c.consumerId === consumer.lpConsumerId,
		);
		if (!conversation) return item(req.id, 400, { msg: `Dialog ${dialogId} not found` });
		if (conversation.state !== 'OPEN')
			return item(req.id, 400, { msg: `Conversation ${dialogId} is closed` });
		const event = body.event;
		if (event.type === 'ContentEvent') {
			if (typeof event.message !== 'string' || typeof event.contentType !== 'string') {
				return item(req.id, 400, { msg: 'ContentEvent needs contentType and message' });
			}
			const sequence = conversation.nextSequence++;
			const message = {
				conversationId: conversation.conversationId,
				sequence,
				contentType: event.contentType,
				message: event.message,
				consumerId: consumer.lpConsumerId,
				role: 'CONSUMER',
				originatorId: consumer.lpConsumerId,
				at: Date.now(),
			};
			state.messages.push(message);
			autoDeliver(messageNotification(message));
			return item(req.id, 'OK', { sequence });
		}
		if (event.type === 'RichContentEvent') {
			if (!isObject(event.content) || typeof event.content.type !== 'string')
				return item(req.id, 400, { msg: 'RichContentEvent needs content with a type' });
			const sequence = conversation.nextSequence++;
			const message = {
				conversationId: conversation.conversationId,
				sequence,
				contentType: 'rich-content',
				content: event.content,
				consumerId: consumer.lpConsumerId,
				role: 'CONSUMER',
				originatorId: consumer.lpConsumerId,
				at: Date.now(),
			};
			state.messages.push(message);
			autoDeliver(messageNotification(message));
			return item(req.id, 'OK', { sequence });
		}
		if (event.type === 'ChatStateEvent' || event.type === 'AcceptStatusEvent')
			return item(req.id, 'OK', {});
		return item(req.id, 400, { msg: `Unsupported event type ${event.type}` });
	}

	function updateConversationField(req, consumer) {
		const body = req.body;
		const field = isObject(body) && body.conversationField;
		const conversation =
			isObject(body) &&
			state.conversations.find(
				(c) => c.conversationId === body.conversationId && c.consumerId === consumer.lpConsumerId,
			);
		if (!conversation)
			return item(req.id, 400, {
				msg: `Conversation ${isObject(body) ? body.conversationId : ''} not found`,
			});
		// the Messaging Window schema's list form: [{field: "Skill", type: "UPDATE", skill}]
		if (Array.isArray(field)) {
			if (conversation.state !== 'OPEN')
				return item(req.id, 400, { msg: `Conversation ${conversation.conversationId} is closed` });
			for (const change of field) {
				if (!isObject(change) || change.field !== 'Skill' || change.type !== 'UPDATE')
					return item(req.id, 400, { msg: 'unsupported conversationField change' });
				if (!skills.includes(String(change.skill)))
					return item(req.id, 400, { msg: `Skill ${change.skill} does not exist` });
			}
			for (const change of field) conversation.skillId = String(change.skill);
			autoDeliver(conversationNotification(conversation));
			return item(req.id, 'OK', {});
		}
		if (
			!isObject(field) ||
			field.field !== 'ConversationStateField' ||
			!['CLOSE', 'OPEN'].includes(field.conversationState)
		) {
			return item(req.id, 400, {
				msg: 'conversationField must be a ConversationStateField with conversationState CLOSE',
			});
		}
		conversation.state = field.conversationState;
		if (field.conversationState === 'CLOSE') {
			conversation.closedAt = Date.now();
			conversation.closeReason = 'CONSUMER';
		}
		autoDeliver(conversationNotification(conversation));
		return item(req.id, 'OK', {});
	}

	function checkShape(req) {
		if (
			!isObject(req) ||
			req.kind !== 'req' ||
			(typeof req.id !== 'string' && typeof req.id !== 'number') ||
			typeof req.type !== 'string'
		) {
			return 'every request needs kind "req", an id and a type';
		}
		return null;
	}

	// -------------------------------------------------------------- webhooks (events out)

	/** A ms.MessagingEventNotification for one stored message (Webhooks Examples: "Agent sent a text message"). */
	function messageNotification(message) {
		const change = {
			sequence: message.sequence,
			originatorId: message.originatorId,
			originatorMetadata: { id: message.originatorId, role: message.role },
			serverTimestamp: message.at,
			event:
				message.contentType === 'rich-content'
					? { type: 'RichContentEvent', content: message.content }
					: { type: 'ContentEvent', message: message.message, contentType: message.contentType },
			conversationId: message.conversationId,
			dialogId: message.conversationId,
			messageAudience: message.messageAudience || 'ALL',
		};
		return {
			kind: 'notification',
			body: { changes: [change] },
			type: 'ms.MessagingEventNotification',
		};
	}

	/** A cqm.ExConversationChangeNotification with the conversation's whole state. */
	function conversationNotification(conversation) {
		const participants = [{ id: conversation.consumerId, role: 'CONSUMER' }];
		if (conversation.agentId)
			participants.unshift({ id: conversation.agentId, role: 'ASSIGNED_AGENT' });
		conversation.metaDataLastUpdateTs = Math.max(
			Date.now(),
			(conversation.metaDataLastUpdateTs || 0) + 1,
		);
		const details = {
			participants,
			brandId: conversation.accountId,
			state: conversation.state,
			startTs: conversation.createdAt,
			metaDataLastUpdateTs: conversation.metaDataLastUpdateTs,
			ttr: { ttrType: conversation.ttrDefName || 'NORMAL', value: 600 },
		};
		if (conversation.skillId) details.skillId = conversation.skillId;
		if (conversation.closedAt) {
			details.endTs = conversation.closedAt;
			details.closeReason = conversation.closeReason;
		}
		return {
			kind: 'notification',
			body: {
				changes: [
					{
						type: 'UPSERT',
						result: { convId: conversation.conversationId, conversationDetails: details },
					},
				],
			},
			type: 'cqm.ExConversationChangeNotification',
		};
	}

	/** The installation's event type a notification is sent for. */
	function eventTypeOf(notification) {
		if (!isObject(notification)) return undefined;
		if (notification.type === 'ms.MessagingEventNotification') {
			const change = ((notification.body || {}).changes || [])[0] || {};
			return `ms.MessagingEventNotification.${(change.event || {}).type}`;
		}
		return notification.type;
	}

	/**
	 * Posts a notification to the endpoint the installation names for its event type, as LivePerson's
	 * Webhooks service does: JSON, x-liveperson-account-id, x-liveperson-client-id and
	 * x-liveperson-signature ("sha1=" + base64 HMAC-SHA1 of the body with the client secret).
	 * Forgeries for tests: { secret, signature, algorithm ('sha256'), encoding ('hex'), rawBody, url,
	 * clientId, accountId, contentType, noSignature }. Resolves to [{ url, status, body, eventType }].
	 */
	async function deliver(notification, forge = {}) {
		const body = forge.rawBody !== undefined ? String(forge.rawBody) : JSON.stringify(notification);
		const eventType = eventTypeOf(notification);
		const webhooks = state.installation.capabilities.webhooks || {};
		const url = forge.url || (webhooks[eventType] && webhooks[eventType].endpoint);
		if (!url) return [];
		const headers = {
			'content-type': forge.contentType || 'application/json',
			'user-agent': 'LivePerson Webhooks (sandbox)',
			'x-liveperson-account-id': forge.accountId !== undefined ? forge.accountId : account,
			'x-liveperson-client-id':
				forge.clientId !== undefined ? forge.clientId : credentials.clientId,
		};
		if (!forge.noSignature) {
			const secret = forge.secret !== undefined ? forge.secret : credentials.clientSecret;
			headers['x-liveperson-signature'] =
				forge.signature ||
				livePersonSignature(secret, body, forge.algorithm || 'sha1', forge.encoding || 'base64');
		}
		let status = 0;
		let text = '';
		try {
			const response = await fetch(url, { method: 'POST', headers, body });
			status = response.status;
			text = await response.text();
		} catch (error) {
			text = String(error && error.message);
		}
		const result = { url, eventType, status, body: text, notification };
		state.deliveries.push(result);
		return [result];
	}

	/** Delivers in the background (as LivePerson does after answering the API call); settled() waits. */
	function autoDeliver(notification) {
		if (options.autoDeliver === false) return;
		const promise = deliver(notification).finally(() => pending.delete(promise));
		pending.add(promise);
	}
	async function settled() {
		while (pending.size > 0) await Promise.all([...pending]);
	}

	/** An agent's text message in a conversation: stored with the next sequence, and its notification. */
	function agentMessage(conversationId, text, extra = {}) {
		const conversation = state.conversations.find((c) => c.conversationId === conversationId);
		if (!conversation) throw new Error(`no conversation ${conversationId}`);
		conversation.agentId = conversation.agentId || SANDBOX_AGENT_ID;
		const message = {
			conversationId,
			sequence: conversation.nextSequence++,
			contentType: 'text/plain',
			message: text,
			role: extra.role || 'ASSIGNED_AGENT',
			originatorId: extra.originatorId || conversation.agentId,
			messageAudience: extra.messageAudience,
			at: Date.now(),
		};
		state.messages.push(message);
		return messageNotification(message);
	}

	/** The conversation's state as LivePerson notifies it (after `changes`, e.g. { state: 'CLOSE' }). */
	function conversationChange(conversationId, changes = {}) {
		const conversation = state.conversations.find((c) => c.conversationId === conversationId);
		if (!conversation) throw new Error(`no conversation ${conversationId}`);
		Object.assign(conversation, changes);
		if (changes.state === 'CLOSE' && !conversation.closedAt) {
			conversation.closedAt = Date.now();
			conversation.closeReason = changes.closeReason || 'AGENT';
		}
		return conversationNotification(conversation);
	}

	if (server)
		Object.assign(server, {
			deliver,
			settled,
			agentMessage,
			conversationChange,
			messageNotification,
			signature: livePersonSignature,
		});

	// -------------------------------------------------------------- app installation (App Management API)

	function installationProblem(body) {
		if (!isObject(body)) return 'the body must be the installation object';
		if (body.id !== undefined && body.id !== state.installation.id) return 'id cannot change';
		const capabilities = body.capabilities;
		if (capabilities !== undefined && !isObject(capabilities))
			return 'capabilities must be an object';
		const webhooks = capabilities && capabilities.webhooks;
		if (webhooks === undefined) return null;
		if (!isObject(webhooks)) return 'capabilities.webhooks must be an object';
		for (const [key, value] of Object.entries(webhooks)) {
			if (key === 'retry') continue;
			if (!WEBHOOK_EVENT_TYPES.includes(key)) return `unknown webhook event type ${key}`;
			if (
				!isObject(value) ||
				typeof value.endpoint !== 'string' ||
				!/^https?:\/\//.test(value.endpoint)
			)
				return `capabilities.webhooks["${key}"].endpoint must be an http(s) URL`;
		}
		return null;
	}

	const installationRoutes = [
		{
			method: 'GET',
			path: '/api/account/:account/configuration/app-install/installations/:id',
			handler(ctx) {
				const app = checkAppJwt(ctx);
				if (app.error) return app.error;
				if (ctx.params.id !== state.installation.id)
					return lpError(404, 'Not Found', `Installation ${ctx.params.id} not found`);
				return json(200, clone(state.installation), {
					'ac-revision': String(state.installationRevision),
				});
			},
		},
		{
			method: 'PUT',
			path: '/api/account/:account/configuration/app-install/installations/:id',
			handler(ctx) {
				const app = checkAppJwt(ctx);
				if (app.error) return app.error;
				if (options.installationReadOnly)
					return lpError(403, 'Forbidden', 'The token may not change app installations');
				if (ctx.params.id !== state.installation.id)
					return lpError(404, 'Not Found', `Installation ${ctx.params.id} not found`);
				const ifMatch = ctx.headers['if-match'];
				if (!ifMatch) return lpError(400, 'Bad Request', 'If-Match (the revision) is required');
				if (String(ifMatch) !== String(state.installationRevision))
					return lpError(409, 'Conflict', `revision ${ifMatch} is not the current revision`);
				const problem = installationProblem(ctx.body);
				if (problem) return lpError(400, 'Bad Request', problem);
				state.installation = { ...clone(ctx.body), id: state.installation.id };
				state.installationRevision += 1;
				return json(200, clone(state.installation), {
					'ac-revision': String(state.installationRevision),
				});
			},
		},
	];

	// -------------------------------------------------------------- routes

	const routes = [
		{
			method: 'GET',
			path: '/api/account/:account/configuration/le-users/skills',
			handler(ctx) {
				if (unknownAccount(ctx))
					return lpError(404, 'Not Found', `Account ${ctx.params.account} not found`);
				const app = checkBearerAppJwt(ctx);
				if (app.error) return app.error;
				if (options.skillsReadable === false)
					return lpError(403, 'Forbidden', 'the token has no permission to read skills');
				const names = options.skillNames || DEFAULT_SKILL_NAMES;
				return json(
					200,
					skills
						.filter((id) => id !== '-1')
						.map((id, index) => ({
							id: Number(id),
							name: names[id] || `Skill ${id}`,
							description: '',
							deleted: false,
							skillOrder: index,
							maxWaitTime: 120,
						})),
				);
			},
		},
		{
			method: 'GET',
			path: '/api/account/:account/service/baseURI.json',
			handler(ctx) {
				if (unknownAccount(ctx))
					return lpError(404, 'Not Found', `Account ${ctx.params.account} not found`);
				return json(200, {
					baseURIs: SERVICES.map((service) => ({ service, account: account, baseURI: baseUri() })),
				});
			},
		},
		{
			method: 'GET',
			path: '/api/account/:account/service/:service/baseURI.json',
			handler(ctx) {
				if (unknownAccount(ctx))
					return lpError(404, 'Not Found', `Account ${ctx.params.account} not found`);
				if (!SERVICES.includes(ctx.params.service))
					return lpError(404, 'Not Found', `Service ${ctx.params.service} not found`);
				return json(200, { service: ctx.params.service, account, baseURI: baseUri() });
			},
		},
		{
			method: 'POST',
			path: '/sentinel/api/account/:account/app/token',
			handler(ctx) {
				if (unknownAccount(ctx))
					return json(404, {
						error: 'account_not_found',
						error_description: `Account ${ctx.params.account} not found`,
					});
				const form = ctx.bodyType === 'form' ? ctx.body : {};
				const param = (name) => (form[name] !== undefined ? form[name] : ctx.query[name]);
				if (param('grant_type') !== 'client_credentials')
					return json(400, {
						error: 'unsupported_grant_type',
						error_description: 'grant_type must be client_credentials',
					});
				if (
					param('client_id') !== credentials.clientId ||
					param('client_secret') !== credentials.clientSecret
				) {
					return json(401, {
						error: 'invalid_client',
						error_description: 'Bad client credentials',
					});
				}
				const now = Math.floor(Date.now() / 1000);
				const token = signJwt(
					{
						aud: account,
						azp: credentials.clientId,
						scope: 'msg.consumer',
						iss: 'Sentinel',
						iat: now,
						exp: now + appTtl,
						jti: uuid(),
					},
					secret,
				);
				issue('appJwt', token, appTtl);
				return json(200, { access_token: token, token_type: 'Bearer', expires_in: appTtl });
			},
		},
		{
			method: 'POST',
			path: '/api/account/:account/consumer',
			handler(ctx) {
				const app = checkAppJwt(ctx);
				if (app.error) return app.error;
				const body = ctx.body;
				if (
					!isObject(body) ||
					typeof body.ext_consumer_id !== 'string' ||
					body.ext_consumer_id === ''
				) {
					return lpError(400, 'Missing parameter', 'ext_consumer_id is missing');
				}
				let consumer = consumers.get(body.ext_consumer_id);
				if (!consumer) {
					consumer = {
						extConsumerId: body.ext_consumer_id,
						lpConsumerId: uuid(),
						accountId: ctx.params.account,
						createdAt: Date.now(),
					};
					consumers.set(body.ext_consumer_id, consumer);
					state.contacts.push(consumer);
				}
				const now = Math.floor(Date.now() / 1000);
				const claims = {
					account_id: ctx.params.account,
					ext_consumer_id: consumer.extConsumerId,
					lp_consumer_id: consumer.lpConsumerId,
					iat: now,
					jti: uuid(),
				};
				if (consumerTtl) claims.exp = now + consumerTtl;
				const token = signJwt(claims, secret);
				issue('consumerJws', token, consumerTtl, { extConsumerId: consumer.extConsumerId });
				return json(201, { token });
			},
		},
		{
			method: 'POST',
			path: '/api/account/:account/messaging/consumer/conversation',
			messaging: true,
			handler(ctx, consumer) {
				const list = ctx.body;
				if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BATCH) {
					return lpError(
						400,
						'Bad Request',
						`the body must be a JSON array of 1 to ${MAX_BATCH} requests`,
					);
				}
				for (const req of list) {
					const problem = checkShape(req);
					if (problem) return lpError(400, 'Bad Request', problem);
				}
				if (list[0].type !== 'userprofile.SetUserProfile')
					return lpError(
						400,
						'Bad Request',
						'the first request must be userprofile.SetUserProfile',
					);
				const request = list.find((r) => r.type === 'cm.ConsumerRequestConversation');
				if (!request)
					return lpError(400, 'Bad Request', 'cm.ConsumerRequestConversation is missing');
				if (!isObject(request.body) || !request.body.brandId) return authError(40001);
				let created = null;
				const answers = list.map((req) => {
					if (req.type === 'userprofile.SetUserProfile') return setUserProfile(req, consumer);
					if (req.type === 'cm.ConsumerRequestConversation') {
						const answer = requestConversation(req, consumer, ctx);
						if (answer.code === 'OK')
							created = state.conversations.find(
								(c) => c.conversationId === answer.body.conversationId,
							);
						return answer;
					}
					if (req.type === 'ms.PublishEvent') {
						if (!created && !(isObject(req.body) && req.body.dialogId))
							return item(req.id, 400, { msg: 'no conversation to publish to' });
						return publishEvent(req, consumer, created);
					}
					return item(req.id, 400, { msg: `Unsupported request type ${req.type}` });
				});
				return json(200, answers);
			},
		},
		{
			method: 'POST',
			path: '/api/account/:account/messaging/consumer/conversation/send',
			messaging: true,
			handler(ctx, consumer) {
				const single = !Array.isArray(ctx.body);
				const list = single ? [ctx.body] : ctx.body;
				if (list.length === 0 || list.length > MAX_BATCH)
					return lpError(400, 'Bad Request', `send 1 to ${MAX_BATCH} requests`);
				for (const req of list) {
					const problem = checkShape(req);
					if (problem) return lpError(400, 'Bad Request', problem);
				}
				const answers = list.map((req) => {
					if (req.type === 'ms.PublishEvent') return publishEvent(req, consumer, null);
					if (req.type === 'cm.UpdateConversationField')
						return updateConversationField(req, consumer);
					if (req.type === 'userprofile.SetUserProfile') {
						const answer = setUserProfile(req, consumer);
						if (answer.code === 'OK')
							for (const c of state.conversations)
								if (c.consumerId === consumer.lpConsumerId && c.state === 'OPEN')
									c.userProfile = consumer.profile;
						return answer;
					}
					return item(req.id, 400, { msg: `Unsupported request type ${req.type}` });
				});
				return json(200, single ? answers[0] : answers);
			},
		},
		...installationRoutes,
	].map((route) => {
		if (!route.messaging) return route;
		const handler = route.handler;
		return {
			...route,
			handler(ctx) {
				const app = checkAppJwt(ctx);
				if (app.error) return app.error;
				const consumer = checkConsumer(ctx);
				if (consumer.error) return consumer.error;
				return handler(ctx, consumer.consumer);
			},
		};
	});

	return {
		routes,
		expireTokens(fault) {
			const which = fault.token || 'app';
			for (const t of state.tokens) {
				if ((which === 'app' || which === 'all') && t.kind === 'appJwt') t.revoked = true;
				if ((which === 'consumer' || which === 'all') && t.kind === 'consumerJws') t.revoked = true;
			}
			return true;
		},
		notFound: (ctx) => lpError(404, 'Not Found', `${ctx.method} ${ctx.path} does not exist`),
		invalidJson: (ctx) => lpError(400, 'Bad Request', `invalid JSON: ${ctx.jsonError}`),
		unauthorized: () => authError(40102),
		serverError: (ctx, status) =>
			lpError(
				status,
				status === 413 ? 'Payload Too Large' : 'Internal Server Error',
				'the server could not handle the request',
			),
		rateLimited: () => lpError(429, 'Too Many Requests', 'request rate exceeded, retry later'),
	};
}

module.exports = {
	name: 'liveperson',
	defaultCredentials,
	vendorRateLimitStyle: 'retry-after-seconds',
	urls: (origin) => ({ baseUrl: origin, domainUrl: origin }),
	create,
	AUTH_ERRORS,
	WEBHOOK_EVENT_TYPES,
	livePersonSignature,
};
