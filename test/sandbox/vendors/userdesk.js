'use strict';
/**
 * Userdesk chatbot API — docs/vendor-apis.md §5. Base URL `${srv.url}/v1`.
 * The docs give no error bodies; this fake answers `{ success: false, message }`.
 */
const { json, stream, uuid, bearer, isObject } = require('../core');

const defaultCredentials = {
	apiKey: 'sandbox-userdesk-key',
	chatbotId: '8f14e45f-ceea-4e7a-9f6b-1c2d3e4f5a6b',
	// a second chatbot with its own key: using this key on chatbotId (or the main key here) gives 403
	otherApiKey: 'sandbox-userdesk-other-key',
	otherChatbotId: '00000000-0000-4000-8000-000000000002',
};

const fail = (status, message) => json(status, { success: false, message });

function create({ state, options, credentials }) {
	const chatbots = [
		{ id: credentials.chatbotId, apiKey: credentials.apiKey },
		{ id: credentials.otherChatbotId, apiKey: credentials.otherApiKey },
	].filter((c) => c.id && c.apiKey);
	const welcome =
		options.welcomeMessage === undefined ? 'Hello, how can I help you?' : options.welcomeMessage;
	const answer =
		typeof options.reply === 'function'
			? options.reply
			: (message) => `You said: "${message}". How else can I help?`;

	function checkOptionalStrings(body, names) {
		for (const name of names) {
			if (body[name] !== undefined && body[name] !== null && typeof body[name] !== 'string')
				return fail(400, `${name} must be a string`);
		}
		return null;
	}

	function newConversation(chatbotId, body) {
		const conversation = {
			conversationId: uuid(),
			chatbotId,
			userName: body.userName || null,
			userEmail: body.userEmail || null,
			createdAt: new Date().toISOString(),
			messages: [],
		};
		state.conversations.push(conversation);
		return conversation;
	}

	function record(conversation, role, content) {
		const message = {
			conversationId: conversation.conversationId,
			role,
			content,
			createdAt: new Date().toISOString(),
		};
		conversation.messages.push({ role, content, createdAt: message.createdAt });
		state.messages.push(message);
		return message;
	}

	const routes = [
		{
			method: 'POST',
			path: '/v1/chatbot/:chatbotId/conversation',
			handler(ctx) {
				const body = ctx.body === undefined ? {} : ctx.body;
				if (!isObject(body)) return fail(400, 'Request body must be a JSON object');
				const bad = checkOptionalStrings(body, ['userName', 'userEmail']);
				if (bad) return bad;
				const conversation = newConversation(ctx.params.chatbotId, body);
				const result = { success: true, conversationId: conversation.conversationId };
				if (welcome) {
					record(conversation, 'assistant', welcome);
					result.response = welcome;
				}
				return json(200, result);
			},
		},
		{
			method: 'POST',
			path: '/v1/chatbot/:chatbotId/message',
			handler(ctx) {
				const body = ctx.body;
				if (!isObject(body)) return fail(400, 'Request body must be a JSON object');
				if (typeof body.message !== 'string' || body.message.trim() === '')
					return fail(400, 'message is required');
				const bad = checkOptionalStrings(body, ['userName', 'userEmail', 'conversationId']);
				if (bad) return bad;
				if (body.stream !== undefined && typeof body.stream !== 'boolean')
					return fail(400, 'stream must be a boolean');
				let conversation;
				if (body.conversationId) {
					conversation = state.conversations.find(
						(c) => c.conversationId === body.conversationId && c.chatbotId === ctx.params.chatbotId,
					);
					if (!conversation) return fail(404, 'Conversation not found');
				} else {
					conversation = newConversation(ctx.params.chatbotId, body);
				}
				record(conversation, 'user', body.message);
				const reply = String(answer(body.message, conversation));
				record(conversation, 'assistant', reply);
				if (body.stream) {
					const words = reply.match(/\S+\s*/g) || [reply];
					return stream(200, words, {
						'content-type': 'text/plain; charset=utf-8',
						'x-conversation-id': conversation.conversationId,
					});
				}
				return json(200, {
					success: true,
					conversationId: conversation.conversationId,
					response: reply,
				});
			},
		},
	];

	return {
		routes,
		before(ctx) {
			const header = ctx.headers.authorization;
			if (!header) return fail(401, 'Missing API key');
			const key = bearer(ctx.headers);
			const chatbot = chatbots.find((c) => c.apiKey === key);
			if (!chatbot) return fail(401, 'Wrong API key');
			if (chatbot.id !== ctx.params.chatbotId) return fail(403, 'Access to this chatbot is denied');
			return null;
		},
		notFound: () => fail(404, 'Not found'),
		invalidJson: () => fail(400, 'Invalid JSON body'),
		unauthorized: () => fail(401, 'Wrong API key'),
		serverError: (ctx, status) =>
			fail(status, status === 413 ? 'Payload too large' : 'An error occurred on the server'),
		rateLimited: () => fail(429, 'Too many requests'),
	};
}

module.exports = {
	name: 'userdesk',
	defaultCredentials,
	vendorRateLimitStyle: 'retry-after-seconds',
	urls: (origin) => ({ baseUrl: `${origin}/v1` }),
	create,
};
