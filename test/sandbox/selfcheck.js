#!/usr/bin/env node
'use strict';
/**
 * Jest-free self-check of the vendor sandbox: starts each fake and drives its main flows with
 * Node's built-in fetch. Exits non-zero on the first failed group.  node test/sandbox/selfcheck.js
 */
const assert = require('assert/strict');
const crypto = require('crypto');
const { startVendorServer, startSandbox } = require('./index');

const results = [];

async function group(name, fn) {
	const started = Date.now();
	try {
		await fn();
		results.push({ name, ok: true, ms: Date.now() - started });
	} catch (error) {
		results.push({ name, ok: false, ms: Date.now() - started, error });
	}
}

/** fetch + body decoding; returns { status, headers, body (parsed JSON when possible), text }. */
async function call(url, { method = 'GET', headers = {}, json, form, raw, timeoutMs = 5000 } = {}) {
	const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) };
	if (json !== undefined) {
		init.body = JSON.stringify(json);
		init.headers['content-type'] = init.headers['content-type'] || 'application/json';
	} else if (form !== undefined) {
		init.body = new URLSearchParams(form).toString();
		init.headers['content-type'] = 'application/x-www-form-urlencoded';
	} else if (raw !== undefined) {
		init.body = raw;
	}
	const res = await fetch(url, init);
	const text = await res.text();
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: res.status, headers: res.headers, body, text };
}

async function withServer(vendor, options, fn) {
	const srv = await startVendorServer(vendor, options);
	try {
		await fn(srv);
	} finally {
		await srv.close();
	}
}

// ------------------------------------------------------------------ Intercom

const IC = (token = 'sandbox-intercom-token') => ({
	authorization: `Bearer ${token}`,
	accept: 'application/json',
	'intercom-version': '2.14',
});

async function intercom() {
	await withServer('intercom', {}, async (srv) => {
		const u = srv.url;
		let r = await call(`${u}/me`, { headers: IC() });
		assert.equal(r.status, 200);
		assert.equal(r.body.type, 'admin');
		assert.equal(srv.state.requests[0].headers['intercom-version'], '2.14');

		r = await call(`${u}/me`, { headers: IC('wrong') });
		assert.equal(r.status, 401);
		assert.equal(r.body.type, 'error.list');
		assert.ok(r.body.request_id);
		assert.deepEqual(r.body.errors, [{ code: 'unauthorized', message: 'Access Token Invalid' }]);

		r = await call(`${u}/me`, { headers: { ...IC(), accept: 'text/html' } });
		assert.equal(r.status, 406);

		// contacts
		r = await call(`${u}/contacts`, {
			method: 'POST',
			headers: IC(),
			json: { email: 'new.person@example.com', name: 'New Person', role: 'user' },
		});
		assert.equal(r.status, 200);
		assert.match(r.body.id, /^[0-9a-f]{24}$/);
		const contactId = r.body.id;
		r = await call(`${u}/contacts`, {
			method: 'POST',
			headers: IC(),
			json: { email: 'new.person@example.com' },
		});
		assert.equal(r.status, 409);
		assert.equal(r.body.errors[0].code, 'conflict');
		r = await call(`${u}/contacts`, {
			method: 'POST',
			headers: IC(),
			json: { name: 'No Identifier' },
		});
		assert.equal(r.status, 400);
		assert.equal(r.body.errors[0].code, 'parameter_invalid');

		r = await call(`${u}/contacts/search`, {
			method: 'POST',
			headers: IC(),
			json: { query: { field: 'email', operator: '=', value: 'new.person@example.com' } },
		});
		assert.equal(r.status, 200);
		assert.equal(r.body.total_count, 1);
		assert.equal(r.body.data[0].id, contactId);
		r = await call(`${u}/contacts/search`, {
			method: 'POST',
			headers: IC(),
			json: { query: { field: 'email', operator: '==', value: 'x' } },
		});
		assert.equal(r.status, 400);
		assert.equal(r.body.errors[0].field, 'query.operator');

		r = await call(`${u}/contacts/find_by_external_id/ext-jane-1`, { headers: IC() });
		assert.equal(r.status, 200);
		assert.equal(r.body.id, '536e564f316c83104c000020');
		r = await call(`${u}/contacts/ffffffffffffffffffffffff`, { headers: IC() });
		assert.equal(r.status, 404);

		// conversations
		r = await call(`${u}/conversations`, {
			method: 'POST',
			headers: IC(),
			json: { from: { type: 'user', id: contactId }, body: 'Hello there' },
		});
		assert.equal(r.status, 200);
		assert.deepEqual(Object.keys(r.body).sort(), [
			'body',
			'conversation_id',
			'created_at',
			'id',
			'message_type',
			'type',
		]);
		assert.equal(r.body.type, 'user_message');
		assert.equal(r.body.message_type, 'inapp');
		const conversationId = r.body.conversation_id;
		assert.equal(srv.state.conversations.length, 1);

		r = await call(`${u}/conversations`, {
			method: 'POST',
			headers: IC(),
			json: { from: { type: 'user', id: 'aaaaaaaaaaaaaaaaaaaaaaaa' }, body: 'x' },
		});
		assert.equal(r.status, 404);
		assert.deepEqual(r.body.errors, [{ code: 'not_found', message: 'User Not Found' }]);
		r = await call(`${u}/conversations`, {
			method: 'POST',
			headers: IC(),
			json: { from: { type: 'visitor', id: contactId }, body: 'x' },
		});
		assert.equal(r.status, 400);
		assert.equal(r.body.errors[0].field, 'from.type');
		r = await call(`${u}/conversations`, {
			method: 'POST',
			headers: IC(),
			json: { from: { type: 'user', id: contactId } },
		});
		assert.equal(r.status, 400);
		assert.equal(r.body.errors[0].field, 'body');
		r = await call(`${u}/conversations`, {
			method: 'POST',
			headers: { ...IC(), 'content-type': 'application/json' },
			raw: '{"from":',
		});
		assert.equal(r.status, 400);
		assert.equal(r.body.errors[0].code, 'parameter_invalid');
		r = await call(`${u}/conversations`, { method: 'POST', headers: IC(), raw: 'from=x' });
		assert.equal(r.status, 415);
		assert.equal(srv.state.conversations.length, 1);

		r = await call(`${u}/conversations/${conversationId}/reply`, {
			method: 'POST',
			headers: IC(),
			json: {
				message_type: 'comment',
				type: 'user',
				body: 'More details',
				intercom_user_id: contactId,
			},
		});
		assert.equal(r.status, 200);
		assert.equal(r.body.type, 'conversation');
		assert.equal(r.body.conversation_parts.total_count, 1);
		r = await call(`${u}/conversations/${conversationId}/reply`, {
			method: 'POST',
			headers: IC(),
			json: { message_type: 'comment', type: 'user', body: 'x' },
		});
		assert.equal(r.status, 400);
		assert.match(r.body.errors[0].message, /intercom_user_id/);

		r = await call(`${u}/conversations/${conversationId}`, { headers: IC() });
		assert.equal(r.status, 200);
		assert.equal(r.body.source.body, 'Hello there');
	});

	await withServer('intercom', { planRestricted: true }, async (srv) => {
		const r = await call(`${srv.url}/conversations`, {
			method: 'POST',
			headers: IC(),
			json: { from: { type: 'user', id: '536e564f316c83104c000020' }, body: 'x' },
		});
		assert.equal(r.status, 403);
		assert.deepEqual(r.body.errors, [
			{ code: 'api_plan_restricted', message: 'Active subscription needed.' },
		]);
	});
}

// ------------------------------------------------------------------ Userdesk

async function userdesk() {
	await withServer('userdesk', {}, async (srv) => {
		const { apiKey, chatbotId, otherChatbotId } = srv.credentials;
		const auth = { authorization: `Bearer ${apiKey}` };
		const base = `${srv.baseUrl}/chatbot/${chatbotId}`;
		let r = await call(`${base}/conversation`, {
			method: 'POST',
			headers: auth,
			json: { userName: 'Ann', userEmail: 'ann@example.com' },
		});
		assert.equal(r.status, 200);
		assert.equal(r.body.success, true);
		assert.match(r.body.conversationId, /^[0-9a-f-]{36}$/);
		assert.equal(r.body.response, 'Hello, how can I help you?');
		const conversationId = r.body.conversationId;

		r = await call(`${base}/message`, {
			method: 'POST',
			headers: auth,
			json: { message: 'Where is my order?', conversationId, stream: false },
		});
		assert.equal(r.status, 200);
		assert.equal(r.body.conversationId, conversationId);
		assert.match(r.body.response, /Where is my order\?/);
		assert.equal(srv.state.conversations.length, 1);

		r = await call(`${base}/message`, {
			method: 'POST',
			headers: auth,
			json: { message: 'New thread' },
		});
		assert.equal(r.status, 200);
		assert.notEqual(r.body.conversationId, conversationId);
		assert.equal(srv.state.conversations.length, 2);

		r = await call(`${base}/message`, {
			method: 'POST',
			headers: auth,
			json: { message: 'hi', stream: true },
		});
		assert.equal(r.status, 200);
		assert.match(r.text, /You said/);

		r = await call(`${base}/message`, { method: 'POST', headers: auth, json: {} });
		assert.equal(r.status, 400);
		assert.equal(r.body.success, false);
		r = await call(`${base}/conversation`, { method: 'POST', json: {} });
		assert.equal(r.status, 401);
		r = await call(`${base}/conversation`, {
			method: 'POST',
			headers: { authorization: 'Bearer nope' },
			json: {},
		});
		assert.equal(r.status, 401);
		r = await call(`${srv.baseUrl}/chatbot/${otherChatbotId}/conversation`, {
			method: 'POST',
			headers: auth,
			json: {},
		});
		assert.equal(r.status, 403);
	});
}

// ------------------------------------------------------------------ Chatwoot

async function chatwoot() {
	await withServer('chatwoot', {}, async (srv) => {
		const c = srv.credentials;
		const inbox = `${srv.baseUrl}/public/api/v1/inboxes/${c.inboxIdentifier}`;
		let r = await call(inbox);
		assert.equal(r.status, 200);
		assert.equal(r.body.identifier, c.inboxIdentifier);
		r = await call(`${srv.baseUrl}/public/api/v1/inboxes/unknown`);
		assert.equal(r.status, 404);

		r = await call(`${inbox}/contacts`, {
			method: 'POST',
			json: { name: 'Ann', email: 'ann@example.com', identifier: 'ann-1' },
		});
		assert.equal(r.status, 200);
		assert.ok(r.body.source_id);
		assert.ok(r.body.pubsub_token);
		const sourceId = r.body.source_id;
		const contactId = r.body.id;

		r = await call(`${inbox}/contacts/${sourceId}/conversations`, {
			method: 'POST',
			json: { custom_attributes: { order: '42' } },
		});
		assert.equal(r.status, 200);
		assert.equal(r.body.id, 1);
		assert.equal(r.body.status, 'open');
		assert.deepEqual(r.body.messages, []);
		assert.equal(r.body.contact.id, contactId);
		const convId = r.body.id;

		r = await call(`${inbox}/contacts/${sourceId}/conversations/${convId}/messages`, {
			method: 'POST',
			json: { content: 'Hello', echo_id: 'e1' },
		});
		assert.equal(r.status, 200);
		assert.equal(r.body.message_type, 0);
		assert.equal(r.body.content, 'Hello');
		assert.equal(r.body.conversation_id, convId);

		r = await call(`${inbox}/contacts/${sourceId}/conversations/${convId}/toggle_status`, {
			method: 'POST',
		});
		assert.equal(r.status, 200);
		assert.equal(r.body.status, 'resolved');
		r = await call(`${inbox}/contacts/${sourceId}/conversations/${convId}`);
		assert.equal(r.body.messages.length, 1);
		r = await call(`${inbox}/contacts/nope/conversations`, { method: 'POST', json: {} });
		assert.equal(r.status, 404);
		r = await call(`${inbox}/contacts`, { method: 'POST', json: { email: 42 } });
		assert.equal(r.status, 422);

		// identity validation
		const hmacInbox = `${srv.baseUrl}/public/api/v1/inboxes/${c.hmacInboxIdentifier}`;
		r = await call(`${hmacInbox}/contacts`, { method: 'POST', json: { identifier: 'bob-7' } });
		assert.equal(r.status, 500);
		const hash = crypto.createHmac('sha256', c.hmacToken).update('bob-7').digest('hex');
		r = await call(`${hmacInbox}/contacts`, {
			method: 'POST',
			json: { identifier: 'bob-7', identifier_hash: hash },
		});
		assert.equal(r.status, 200);

		// Application API
		r = await call(`${srv.baseUrl}/api/v1/profile`, {
			headers: { api_access_token: c.apiAccessToken },
		});
		assert.equal(r.status, 200);
		r = await call(`${srv.baseUrl}/api/v1/profile`, { headers: { 'Api-Access-Token': 'wrong' } });
		assert.equal(r.status, 401);
		assert.deepEqual(r.body, { error: 'Invalid Access Token' });
		r = await call(`${srv.baseUrl}/api/v1/profile`);
		assert.equal(r.status, 401);
		const app = { 'api-access-token': c.apiAccessToken };
		r = await call(`${srv.baseUrl}/api/v1/accounts/${c.accountId}/conversations`, {
			method: 'POST',
			headers: app,
			json: {
				source_id: sourceId,
				inbox_id: c.inboxId,
				contact_id: contactId,
				status: 'open',
				message: { content: 'From the agent side' },
			},
		});
		assert.equal(r.status, 200);
		assert.equal(r.body.id, 2);
		assert.equal(r.body.messages[0].message_type, 1);
		r = await call(`${srv.baseUrl}/api/v1/accounts/${c.accountId}/conversations`, {
			method: 'POST',
			headers: app,
			json: { inbox_id: c.inboxId },
		});
		assert.equal(r.status, 422);
		r = await call(
			`${srv.baseUrl}/api/v1/accounts/${c.accountId}/contacts/${contactId}/contact_inboxes`,
			{ method: 'POST', headers: app, json: { inbox_id: c.hmacInboxId } },
		);
		assert.equal(r.status, 200);
		assert.ok(r.body.source_id);
		assert.equal(srv.state.conversations.length, 2);

		// source IDs of other channels: a raw dot matches no Rails route, an escaped one does
		const acc = `${srv.baseUrl}/api/v1/accounts/${c.accountId}`;
		r = await call(`${acc}/contacts/${contactId}/contact_inboxes`, {
			method: 'POST',
			headers: app,
			json: { inbox_id: c.inboxId, source_id: 'ann@example.com' },
		});
		assert.equal(r.status, 200);
		r = await call(`${inbox}/contacts/ann@example.com/conversations`);
		assert.equal(r.status, 404);
		r = await call(`${inbox}/contacts/ann%40example%2Ecom/conversations`);
		assert.equal(r.status, 200);
		// the contact and the search list contact_inboxes; the identifier is matched case-sensitively
		r = await call(`${acc}/contacts/${contactId}`, { headers: app });
		assert.deepEqual(
			r.body.payload.contact_inboxes.map((ci) => ci.inbox.id).sort(),
			[c.inboxId, c.hmacInboxId, c.inboxId].sort(),
		);
		r = await call(`${acc}/contacts/search?q=ann-1`, { headers: app });
		assert.equal(r.body.payload[0].identifier, 'ann-1');
		assert.ok(r.body.payload[0].contact_inboxes.length > 0);
		r = await call(`${acc}/contacts/search?q=ANN-1`, { headers: app });
		assert.deepEqual(r.body.payload, []);
		r = await call(`${acc}/contacts/search?q=`, { headers: app });
		assert.equal(r.status, 422);
		// a bare source_id is looked up in every inbox: the conversation lands in the inbox it belongs to
		r = await call(`${acc}/conversations`, {
			method: 'POST',
			headers: app,
			json: { source_id: sourceId, inbox_id: String(c.hmacInboxId) },
		});
		assert.equal(r.status, 200);
		assert.equal(r.body.inbox_id, c.inboxId);
	});

	await withServer('chatwoot', { rateLimit: { limit: 1, windowMs: 60000 } }, async (srv) => {
		await call(`${srv.baseUrl}/public/api/v1/inboxes/${srv.credentials.inboxIdentifier}`);
		const r = await call(`${srv.baseUrl}/public/api/v1/inboxes/${srv.credentials.inboxIdentifier}`);
		assert.equal(r.status, 429);
		assert.equal(r.text, 'Retry later\n');
		assert.equal(r.headers.get('retry-after'), null);
	});
}

// ------------------------------------------------------------------ SocialBoards

async function socialboards() {
	await withServer('socialboards', { rotateRefreshToken: true }, async (srv) => {
		const c = srv.credentials;
		const base = srv.baseUrl;
		let r = await call(`${base}token`, {
			method: 'POST',
			form: { grant_type: 'refresh_token', refresh_token: 'wrong', client_id: c.clientId },
		});
		assert.equal(r.status, 400);
		assert.deepEqual(r.body, { error: 'invalid_grant' });
		r = await call(`${base}token`, {
			method: 'POST',
			form: { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId },
		});
		assert.equal(r.status, 200);
		assert.equal(r.body.token_type, 'bearer');
		assert.equal(r.body.expires_in, 3599);
		assert.notEqual(r.body.refresh_token, c.refreshToken);
		const nextRefresh = r.body.refresh_token;
		const auth = { authorization: `Bearer ${r.body.access_token}` };
		r = await call(`${base}token`, {
			method: 'POST',
			form: { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId },
		});
		assert.equal(r.status, 400, 'a rotated refresh token is no longer valid');

		r = await call(`${base}Teammates`, { headers: auth });
		assert.equal(r.status, 200);
		assert.equal(r.body.errorCode, -1);
		assert.ok(Array.isArray(r.body.data));
		r = await call(`${base}Teammates`, { headers: { authorization: 'Bearer nope' } });
		assert.equal(r.status, 401);

		r = await call(`${base}chat/conversations`, {
			method: 'POST',
			headers: auth,
			json: {
				author: { name: 'John', email: 'john@dow.com' },
				title: 'Chat API',
				url: 'https://thejohndow.com',
				sentiment: 'question',
				categoryId: 1505,
			},
		});
		assert.equal(r.status, 200);
		assert.equal(r.body.errorCode, -1);
		assert.equal(r.body.errorText, null);
		assert.equal(r.body.data.author.status, 'client');
		const id = r.body.data.id;

		r = await call(`${base}chat/conversations`, {
			method: 'POST',
			headers: auth,
			json: { title: 'no author' },
		});
		assert.equal(r.status, 200);
		assert.notEqual(r.body.errorCode, -1);
		assert.equal(srv.state.conversations.length, 1);

		const author = { email: 'john@dow.com' };
		r = await call(`${base}chat/conversations/${id}/messages`, {
			method: 'POST',
			headers: auth,
			json: [{ message: 'Hi, I have questions', author }],
		});
		assert.equal(r.body.errorCode, -1);
		assert.equal(r.body.data.length, 1);
		const future = new Date(Date.now() + 120000).toISOString();
		r = await call(`${base}chat/conversations/${id}/messages`, {
			method: 'POST',
			headers: auth,
			json: [{ message: 'from the future', author, creationTime: future }],
		});
		assert.notEqual(r.body.errorCode, -1);
		r = await call(`${base}chat/conversations/${id}?includeMessages=true`, { headers: auth });
		assert.equal(r.body.data.messages.length, 1);
		assert.equal(r.body.data.totalMessagesCount, 1);

		// list messages (skip/take), takeover, close
		r = await call(`${base}chat/conversations/${id}/messages`, {
			method: 'POST',
			headers: auth,
			json: [{ message: 'An agent answer', author: { isBot: true }, isByTeam: true }],
		});
		assert.equal(r.body.errorCode, -1);
		assert.equal(srv.state.messages.at(-1).isByTeam, true);
		r = await call(
			`${base}chat/conversations/${id}/messages?orderBy=creation_time_asc&skip=1&take=1`,
			{ headers: auth },
		);
		assert.deepEqual(
			r.body.data.map((m) => m.message),
			['An agent answer'],
		);
		r = await call(`${base}chat/conversations/${id}/messages?take=101`, { headers: auth });
		assert.notEqual(r.body.errorCode, -1);
		r = await call(`${base}chat/conversations/${id}/takeover`, {
			method: 'PATCH',
			headers: auth,
			json: { isAssignedToBot: false },
		});
		assert.deepEqual(r.body.data, { isAssignedToBot: false });
		r = await call(`${base}chat/conversations/${id}/takeover`, {
			method: 'PATCH',
			headers: auth,
			json: { isAssignedToBot: 'no' },
		});
		assert.notEqual(r.body.errorCode, -1);
		r = await call(`${base}chat/conversations/${id}/close`, { method: 'PATCH', headers: auth });
		assert.equal(r.body.data.isClosed, true);
		r = await call(`${base}chat/conversations/999999/close`, { method: 'PATCH', headers: auth });
		assert.equal(r.status, 404);

		// expired access token → 401, a fresh token works again
		srv.injectFault({ path: /\/chat\/conversations$/, kind: 'expire-token' });
		r = await call(`${base}chat/conversations`, {
			method: 'POST',
			headers: auth,
			json: { author },
		});
		assert.equal(r.status, 401);
		r = await call(`${base}token`, {
			method: 'POST',
			form: { grant_type: 'refresh_token', refresh_token: nextRefresh, client_id: c.clientId },
		});
		assert.equal(r.status, 200);
		r = await call(`${base}chat/conversations`, {
			method: 'POST',
			headers: { authorization: `Bearer ${r.body.access_token}` },
			json: { author },
		});
		assert.equal(r.body.errorCode, -1);
	});
}

// ------------------------------------------------------------------ LivePerson

async function liveperson() {
	await withServer('liveperson', {}, async (srv) => {
		const c = srv.credentials;
		const acct = c.accountId;
		let r = await call(
			`${srv.url}/api/account/${acct}/service/asyncMessagingEnt/baseURI.json?version=1.0`,
		);
		assert.equal(r.status, 200);
		assert.deepEqual(r.body, {
			service: 'asyncMessagingEnt',
			account: acct,
			baseURI: `127.0.0.1:${srv.port}`,
		});
		const host = `http://${r.body.baseURI}`;
		r = await call(`${srv.url}/api/account/999/service/sentinel/baseURI.json?version=1.0`);
		assert.equal(r.status, 404);

		const tokenUrl = (a) =>
			`${host}/sentinel/api/account/${a}/app/token?v=1.0&grant_type=client_credentials`;
		r = await call(tokenUrl(acct), {
			method: 'POST',
			form: { client_id: c.clientId, client_secret: 'wrong' },
		});
		assert.equal(r.status, 401);
		assert.equal(r.body.error, 'invalid_client');
		r = await call(tokenUrl('999'), {
			method: 'POST',
			form: { client_id: c.clientId, client_secret: c.clientSecret },
		});
		assert.equal(r.status, 404);
		r = await call(tokenUrl(acct), {
			method: 'POST',
			form: { client_id: c.clientId, client_secret: c.clientSecret },
		});
		assert.equal(r.status, 200);
		assert.equal(r.body.token_type, 'Bearer');
		const appJwt = r.body.access_token;

		r = await call(`${host}/api/account/${acct}/consumer?v=1.0`, {
			method: 'POST',
			headers: { authorization: appJwt },
			json: { ext_consumer_id: 'consumer-1' },
		});
		assert.equal(r.status, 201);
		const jws = r.body.token;

		const convUrl = `${host}/api/account/${acct}/messaging/consumer/conversation?v=3`;
		const headers = { authorization: appJwt, 'x-lp-on-behalf': jws };
		const batch = (skillId) => [
			{ kind: 'req', id: '1,', type: 'userprofile.SetUserProfile', body: {} },
			{
				kind: 'req',
				id: '2,',
				type: 'cm.ConsumerRequestConversation',
				body: { brandId: acct, channelType: 'MESSAGING', skillId },
			},
		];
		r = await call(convUrl, { method: 'POST', headers, json: batch('-1') });
		assert.equal(r.status, 200);
		assert.equal(r.body[0].reqId, '1,');
		assert.equal(r.body[0].code, 'OK');
		assert.equal(r.body[1].code, 'OK');
		const conversationId = r.body[1].body.conversationId;
		assert.match(conversationId, /^[0-9a-f-]{36}$/);

		r = await call(convUrl, { method: 'POST', headers, json: batch('999') });
		assert.equal(r.status, 200);
		assert.equal(r.body[1].code, 400);
		assert.equal(srv.state.conversations.length, 1);

		r = await call(convUrl, {
			method: 'POST',
			headers,
			json: [
				batch('-1')[0],
				{ kind: 'req', id: '2', type: 'cm.ConsumerRequestConversation', body: {} },
			],
		});
		assert.equal(r.status, 400);
		assert.equal(r.body.body.errorCode, 40001);
		r = await call(convUrl, {
			method: 'POST',
			headers: { 'x-lp-on-behalf': jws },
			json: batch('-1'),
		});
		assert.equal(r.status, 401);
		assert.equal(r.body.body.errorCode, 40105);
		assert.equal(r.body.type, '.ReqBody$ErrorResp');
		r = await call(convUrl, {
			method: 'POST',
			headers: { authorization: appJwt },
			json: batch('-1'),
		});
		assert.equal(r.body.body.errorCode, 40104);
		r = await call(convUrl, {
			method: 'POST',
			headers: { authorization: appJwt, 'x-lp-on-behalf': 'x.y.z' },
			json: batch('-1'),
		});
		assert.equal(r.body.body.errorCode, 40103);
		r = await call(convUrl, {
			method: 'POST',
			headers: { authorization: `Bearer ${appJwt}`, 'x-lp-on-behalf': jws },
			json: batch('-1'),
		});
		assert.equal(r.body.body.errorCode, 40102);

		const sendUrl = `${host}/api/account/${acct}/messaging/consumer/conversation/send?v=3`;
		const publish = (id, text) => ({
			kind: 'req',
			id,
			type: 'ms.PublishEvent',
			body: {
				dialogId: conversationId,
				event: { type: 'ContentEvent', contentType: 'text/plain', message: text },
			},
		});
		r = await call(sendUrl, { method: 'POST', headers, json: publish('1', 'Hi') });
		assert.deepEqual(r.body, { reqId: '1', code: 'OK', body: { sequence: 0 } });
		r = await call(sendUrl, { method: 'POST', headers, json: publish('2', 'Again') });
		assert.equal(r.body.body.sequence, 1);
		r = await call(sendUrl, {
			method: 'POST',
			headers,
			json: {
				kind: 'req',
				id: 3,
				type: 'cm.UpdateConversationField',
				body: {
					conversationId,
					conversationField: { field: 'ConversationStateField', conversationState: 'CLOSE' },
				},
			},
		});
		assert.equal(r.body.code, 'OK');
		assert.equal(srv.state.conversations[0].state, 'CLOSE');
		r = await call(sendUrl, { method: 'POST', headers, json: publish('4', 'after close') });
		assert.equal(r.body.code, 400);

		srv.injectFault({ kind: 'expire-token' });
		r = await call(convUrl, { method: 'POST', headers, json: batch('-1') });
		assert.equal(r.status, 401);
		assert.equal(r.body.body.errorCode, 40102);
	});
}

// ------------------------------------------------------------------ core: faults, rate limits, latency

async function faultsAndLimits() {
	const body = { from: { type: 'user', id: '536e564f316c83104c000020' }, body: 'hi' };
	await withServer('intercom', {}, async (srv) => {
		const post = (opts = {}) =>
			call(`${srv.url}/conversations`, { method: 'POST', headers: IC(), json: body, ...opts });

		srv.injectFault({ method: 'POST', path: /\/conversations$/, kind: 'reset' });
		await assert.rejects(post());
		assert.equal(srv.state.conversations.length, 0);

		srv.injectFault({
			method: 'POST',
			path: /\/conversations$/,
			kind: 'timeout',
			afterCreate: true,
		});
		await assert.rejects(post({ timeoutMs: 300 }));
		assert.equal(srv.state.conversations.length, 1, 'timeout afterCreate stores the conversation');

		srv.injectFault({ method: 'POST', path: '/conversations', kind: 'reset', afterCreate: true });
		await assert.rejects(post());
		assert.equal(srv.state.conversations.length, 2);

		for (const kind of [500, 502, 503]) {
			srv.injectFault({ path: /\/conversations$/, kind });
			const r = await post();
			assert.equal(r.status, kind);
			assert.equal(r.body.type, 'error.list');
		}
		srv.injectFault({ path: /\/conversations$/, kind: 'malformed-json', afterCreate: true });
		let r = await post();
		assert.equal(r.status, 200);
		assert.equal(r.body, undefined);
		assert.equal(srv.state.conversations.length, 3);

		srv.injectFault({ path: /\/conversations$/, kind: 'html' });
		r = await post();
		assert.match(r.headers.get('content-type'), /text\/html/);

		srv.injectFault({ path: /\/conversations$/, kind: 429, times: 2, retryAfterMs: 3000 });
		r = await post();
		assert.equal(r.status, 429);
		assert.equal(r.body.errors[0].code, 'rate_limit_exceeded');
		assert.ok(Number(r.headers.get('x-ratelimit-reset')) >= Math.floor(Date.now() / 1000));
		r = await post();
		assert.equal(r.status, 429);
		r = await post();
		assert.equal(r.status, 200);

		srv.injectFault({ kind: 'expire-token' });
		r = await post();
		assert.equal(r.status, 401, 'vendors without expiring tokens answer their 401');

		srv.setLatency(120);
		const t0 = Date.now();
		await post();
		assert.ok(Date.now() - t0 >= 110);
		srv.setLatency(0);

		srv.setRateLimit({ limit: 3, windowMs: 1000, style: 'vendor' });
		const statuses = [];
		for (let i = 0; i < 5; i++) statuses.push((await post()).status);
		assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
		r = await post();
		assert.equal(r.headers.get('x-ratelimit-limit'), '3');
		await new Promise((resolve) => setTimeout(resolve, 1050));
		assert.equal((await post()).status, 200);

		srv.setRateLimit({ limit: 0, windowMs: 2000, style: 'retry-after-seconds' });
		r = await post();
		assert.equal(r.status, 429);
		assert.ok(['1', '2'].includes(r.headers.get('retry-after')));
		srv.setRateLimit({ limit: 0, windowMs: 2000, style: 'retry-after-date' });
		r = await post();
		assert.ok(Date.parse(r.headers.get('retry-after')) > Date.now() - 1000);
		srv.setRateLimit({ limit: 0, windowMs: 2000, style: 'none' });
		r = await post();
		assert.equal(r.headers.get('retry-after'), null);
		assert.equal(r.headers.get('x-ratelimit-reset'), null);
		srv.setRateLimit(null);

		srv.reset();
		assert.equal(srv.state.conversations.length, 0);
		assert.equal(srv.state.requests.length, 0);
		assert.equal(srv.state.contacts.length, 2);
		assert.equal((await post()).status, 200);
	});
}

async function sandboxAll() {
	const sb = await startSandbox({ latencyMs: 1, intercom: { planRestricted: true } });
	try {
		assert.deepEqual(Object.keys(sb.servers), [
			'intercom',
			'userdesk',
			'chatwoot',
			'socialboards',
			'liveperson',
		]);
		const r = await call(`${sb.servers.intercom.url}/contacts/536e564f316c83104c000020`, {
			headers: IC(),
		});
		assert.equal(r.status, 403);
		assert.ok(sb.urls.userdesk.endsWith('/v1'));
		assert.ok(sb.urls.socialboards.endsWith('/'));
	} finally {
		await sb.close();
	}
}

async function main() {
	await group('intercom', intercom);
	await group('userdesk', userdesk);
	await group('chatwoot', chatwoot);
	await group('socialboards', socialboards);
	await group('liveperson', liveperson);
	await group('faults, rate limits, latency, reset', faultsAndLimits);
	await group('startSandbox', sandboxAll);
	let failed = 0;
	for (const r of results) {
		console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.ms} ms)`);
		if (!r.ok) {
			failed += 1;
			console.log(
				`     ${String(r.error && r.error.stack)
					.split('\n')
					.slice(0, 6)
					.join('\n     ')}`,
			);
		}
	}
	console.log(failed ? `${failed} group(s) failed` : 'all groups passed');
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
