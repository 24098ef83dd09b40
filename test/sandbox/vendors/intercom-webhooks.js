'use strict';
/**
 * Intercom's webhooks, added to the Intercom fake (./intercom.js) by withWebhooks(): the Developer
 * Hub's webhook settings (an endpoint URL and its topics), notification_event bodies about the fake's
 * conversations, and signed deliveries, as Intercom sends them:
 *   POST <url>, Content-Type: application/json, User-Agent: intercom-parrot-service-client/1.0,
 *   X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body, keyed with the app's client secret>.
 * When the API adds a conversation, reply, note or close/open/snooze/assignment part, the matching
 * topic is delivered to the subscribed URLs on its own (after the API answer), as Intercom does.
 */
const crypto = require('crypto');
const { uuid, nowSec, clone } = require('../core');

const DEFAULT_CLIENT_SECRET = 'sandbox-intercom-client-secret';
const CONTACT_ROLES = ['user', 'lead', 'contact'];
/** The part types of POST /conversations/{id}/parts and the topics Intercom sends for them. */
const PART_TOPICS = {
	close: 'conversation.admin.closed',
	open: 'conversation.admin.opened',
	snoozed: 'conversation.admin.snoozed',
	assignment: 'conversation.admin.assigned',
};

function signature(secret, body) {
	return `sha1=${crypto.createHmac('sha1', String(secret)).update(body).digest('hex')}`;
}

function attachWebhooks({ state, options, credentials, server }, impl) {
	// the Developer Hub's webhook settings ({ url, topics, clientSecret? }) and what was delivered
	state.subscriptions = state.subscriptions || [];
	state.notifications = state.notifications || [];
	const pending = new Set();
	const me = impl.routes.find((route) => route.method === 'GET' && route.path === '/me');
	const admin = me.handler({}).json;
	const findConversation = (id) => state.conversations.find((c) => c.id === String(id));

	/** The webhook of an app: Intercom sends every chosen topic (and ping) to `url`. Replaces one with the same URL. */
	function subscribe(url, topics, extra = {}) {
		unsubscribe(url);
		const subscription = { url, topics: [...topics], ...extra };
		state.subscriptions.push(subscription);
		return subscription;
	}
	function unsubscribe(url) {
		const index = state.subscriptions.findIndex((s) => s.url === url);
		if (index >= 0) state.subscriptions.splice(index, 1);
	}

	/**
	 * The notification_event Intercom posts for `topic`: ('ping') or (topic, { conversationId, partId? }).
	 * data.item is the conversation with only the event's part (partId, else the newest) in
	 * conversation_parts; none for conversation.user.created and conversation.admin.single.created.
	 */
	function notificationFor(topic, ref = {}) {
		const now = nowSec();
		const envelope = (item, id) => ({
			type: 'notification_event',
			app_id: admin.app.id_code,
			data: { type: 'notification_event_data', item },
			links: {},
			id,
			topic,
			delivery_status: topic === 'ping' ? null : 'pending',
			delivery_attempts: 1,
			delivered_at: 0,
			first_sent_at: now,
			created_at: now,
			self: null,
		});
		if (topic === 'ping')
			return envelope({ type: 'ping', message: 'something something interzen' }, null);
		const conversation = findConversation(ref.conversationId);
		if (!conversation) throw new Error(`no conversation ${ref.conversationId}`);
		const item = clone(conversation);
		const parts = conversation.conversation_parts.conversation_parts;
		const part = topic.endsWith('.created')
			? undefined
			: ref.partId !== undefined
				? parts.find((p) => p.id === String(ref.partId))
				: parts[parts.length - 1];
		if (ref.partId !== undefined && !part) throw new Error(`no part ${ref.partId}`);
		item.conversation_parts = {
			type: 'conversation_part.list',
			conversation_parts: part ? [clone(part)] : [],
			total_count: part ? 1 : 0,
		};
		return envelope(item, `notif_${uuid()}`);
	}

	/**
	 * Posts a notification to the subscriptions of its topic (ping: all), signed with the client
	 * secret. Forgeries for tests: { url, secret ('' = unsigned), signature (null = no header),
	 * rawBody, contentType }. Resolves to [{ url, topic, notificationId, notification, status, body }] (also in state.notifications).
	 */
	async function deliver(notification, forge = {}) {
		const body = forge.rawBody !== undefined ? String(forge.rawBody) : JSON.stringify(notification);
		const topic = notification && notification.topic;
		const targets = forge.url
			? [{ url: forge.url }]
			: state.subscriptions.filter((s) => topic === 'ping' || s.topics.includes(topic));
		const results = [];
		for (const target of targets) {
			const secret =
				forge.secret !== undefined
					? forge.secret
					: target.clientSecret || credentials.clientSecret || DEFAULT_CLIENT_SECRET;
			const headers = {
				'content-type': forge.contentType || 'application/json',
				'user-agent': 'intercom-parrot-service-client/1.0',
			};
			if (forge.signature !== undefined) {
				if (forge.signature !== null) headers['x-hub-signature'] = forge.signature;
			} else if (secret) headers['x-hub-signature'] = signature(secret, body);
			let status = 0;
			let text = '';
			try {
				const response = await fetch(target.url, { method: 'POST', headers, body });
				status = response.status;
				text = await response.text();
			} catch (error) {
				text = String(error && error.message);
			}
			const result = {
				url: target.url,
				topic,
				notificationId: notification && notification.id,
				notification,
				status,
				body: text,
			};
			state.notifications.push(result);
			results.push(result);
		}
		return results;
	}

	const ping = (url) => deliver(notificationFor('ping'), url ? { url } : {});

	/** Sends `topic` about a conversation after the API answered, when some subscription wants it. */
	function deliverLater(topic, conversationId, partId) {
		if (options.webhookAutoDeliver === false) return;
		if (!state.subscriptions.some((s) => s.topics.includes(topic))) return;
		const notification = notificationFor(topic, { conversationId, partId });
		const delivery = new Promise((resolve) => setImmediate(resolve))
			.then(() => deliver(notification))
			.finally(() => pending.delete(delivery));
		pending.add(delivery);
	}
	/** Resolves when every automatic delivery so far is answered. */
	async function settled() {
		while (pending.size > 0) await Promise.allSettled([...pending]);
	}

	function afterApiCall(route, ctx, response) {
		if (!response || response.status !== 200) return;
		if (route.method === 'POST' && route.path === '/conversations') {
			deliverLater('conversation.user.created', response.json.conversation_id);
			return;
		}
		const conversation = findConversation(ctx.params.id);
		if (!conversation) return;
		const parts = conversation.conversation_parts.conversation_parts;
		const part = parts[parts.length - 1];
		if (!part) return;
		let topic;
		if (route.path === '/conversations/:id/reply') {
			if (part.author.type === 'admin')
				topic =
					part.part_type === 'note' ? 'conversation.admin.noted' : 'conversation.admin.replied';
			else if (CONTACT_ROLES.includes(part.author.type)) topic = 'conversation.user.replied';
		} else if (route.path === '/conversations/:id/parts') topic = PART_TOPICS[part.part_type];
		if (topic) deliverLater(topic, conversation.id, part.id);
	}

	impl.routes = impl.routes.map((route) =>
		route.method === 'POST'
			? {
					...route,
					handler(ctx) {
						const response = route.handler(ctx);
						if (response && typeof response.then === 'function')
							return response.then((answer) => (afterApiCall(route, ctx, answer), answer));
						afterApiCall(route, ctx, response);
						return response;
					},
				}
			: route,
	);
	if (server)
		Object.assign(server, {
			subscribe,
			unsubscribe,
			notificationFor,
			deliver,
			ping,
			settled,
			webhookSignature: signature,
		});
}

/** The Intercom fake with webhooks: the app's client secret in its credentials, deliveries on its server. */
function withWebhooks(vendor) {
	return {
		...vendor,
		defaultCredentials: { ...vendor.defaultCredentials, clientSecret: DEFAULT_CLIENT_SECRET },
		create(args) {
			const impl = vendor.create(args);
			attachWebhooks(args, impl);
			return impl;
		},
	};
}

module.exports = { withWebhooks, webhookSignature: signature };
