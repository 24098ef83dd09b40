'use strict';
/**
 * A small OpenAI-compatible chat model for the e2e (plain Node http), as n8n's OpenAI Chat Model
 * calls it with its credential's Base URL set to `${url}/v1`:
 *   GET  /v1/models             the model list (the node's Model dropdown, the credential's Test)
 *   POST /v1/chat/completions   JSON, or server-sent events when the request says `stream: true`
 * Its script: while the conversation has no tool result, it answers with ONE call of the tool
 * that `pickTool` chooses among the tools the request offers, with the arguments `argumentsFor`
 * fills from the tool's JSON schema and the user's message; after a tool result, a final text.
 * Every request is kept in `requests` ({ method, path, headers, body, answer }) for assertions.
 */
const http = require('http');

const MODEL = 'fake-gpt-e2e';

/** The text of a chat message (a string, or OpenAI's list of content parts). */
function textOf(message) {
	if (!message) return '';
	if (typeof message.content === 'string') return message.content;
	if (Array.isArray(message.content))
		return message.content
			.map((part) => (typeof part === 'string' ? part : part.text || ''))
			.join('');
	return '';
}

/**
 * Arguments for a tool from its JSON schema: a property named like "conversationId" gets the number
 * after "conversation" in the user's message, other strings get `reply`, booleans false. A required
 * property it cannot fill makes the fake answer 400 (the test then fails with that reason).
 */
function defaultArgumentsFor(tool, userText, reply) {
	const schema = tool.function.parameters || {};
	const args = {};
	for (const [name, property] of Object.entries(schema.properties || {})) {
		const type = Array.isArray(property.type) ? property.type[0] : property.type;
		if (/conversation/i.test(name)) {
			const id = /conversation\D{0,20}(\d+)/i.exec(userText);
			if (id) args[name] = type === 'string' ? id[1] : Number(id[1]);
		} else if (type === 'string') args[name] = reply;
		else if (type === 'boolean') args[name] = false;
	}
	const missing = (schema.required || []).filter((name) => args[name] === undefined);
	if (missing.length)
		throw new Error(`cannot fill ${missing.join(', ')} of tool ${tool.function.name}`);
	return args;
}

/**
 * Starts the fake on 127.0.0.1 (a free port). Options:
 *   pickTool(tools) → the tool to call (default: the first), or undefined to answer with text
 *   reply(userText) → the reply text the tool call carries
 *   argumentsFor(tool, userText, reply) → the call's arguments
 *   finalText(toolResult) → the answer after the tool result
 * Resolves to { url, baseUrl, requests, close() }.
 */
function startFakeOpenAi(options = {}) {
	const pickTool = options.pickTool || ((tools) => tools[0]);
	const reply = options.reply || ((userText) => `Thanks for your message: "${userText}"`);
	const argumentsFor = options.argumentsFor || defaultArgumentsFor;
	const finalText =
		options.finalText || ((result) => `Done: I answered the customer (${result.slice(0, 200)}).`);
	const requests = [];
	let calls = 0;

	/** The assistant message this request gets. */
	function answer(body) {
		const messages = Array.isArray(body.messages) ? body.messages : [];
		const toolResults = messages.filter((m) => m.role === 'tool');
		if (toolResults.length > 0)
			return { role: 'assistant', content: finalText(textOf(toolResults.at(-1))) };
		const userText = textOf([...messages].reverse().find((m) => m.role === 'user'));
		const tools = (Array.isArray(body.tools) ? body.tools : []).filter(
			(t) => t.type === 'function',
		);
		const tool = tools.length ? pickTool(tools) : undefined;
		if (!tool) return { role: 'assistant', content: reply(userText) };
		calls++;
		return {
			role: 'assistant',
			content: null,
			tool_calls: [
				{
					id: `call_e2e_${calls}`,
					type: 'function',
					function: {
						name: tool.function.name,
						arguments: JSON.stringify(argumentsFor(tool, userText, reply(userText))),
					},
				},
			],
		};
	}

	function completion(body, message) {
		return {
			id: `chatcmpl-e2e-${requests.length}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model || MODEL,
			choices: [
				{
					index: 0,
					message,
					logprobs: null,
					finish_reason: message.tool_calls ? 'tool_calls' : 'stop',
				},
			],
			usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 },
		};
	}

	/** The same answer as chat.completion.chunk events: role, content or tool call, finish, usage. */
	function chunks(body, message) {
		const base = {
			id: `chatcmpl-e2e-${requests.length}`,
			object: 'chat.completion.chunk',
			created: Math.floor(Date.now() / 1000),
			model: body.model || MODEL,
		};
		const chunk = (delta, finish = null) => ({
			...base,
			choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
		});
		const out = [chunk({ role: 'assistant', content: '' })];
		if (message.tool_calls) {
			const [call] = message.tool_calls;
			out.push(
				chunk({
					tool_calls: [
						{
							index: 0,
							id: call.id,
							type: 'function',
							function: { name: call.function.name, arguments: '' },
						},
					],
				}),
				chunk({ tool_calls: [{ index: 0, function: { arguments: call.function.arguments } }] }),
				chunk({}, 'tool_calls'),
			);
		} else {
			out.push(chunk({ content: message.content }), chunk({}, 'stop'));
		}
		if (body.stream_options?.include_usage)
			out.push({
				...base,
				choices: [],
				usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 },
			});
		return out;
	}

	const server = http.createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (d) => {
			raw += d;
		});
		req.on('end', () => {
			let body;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				body = raw;
			}
			const path = req.url.split('?')[0];
			requests.push({ method: req.method, path, headers: req.headers, body });
			const send = (status, json) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			const error = (status, message) =>
				send(status, { error: { message, type: 'invalid_request_error', code: null } });
			if (!/^Bearer \S+/.test(req.headers.authorization || ''))
				return error(401, 'No API key provided (Authorization: Bearer …)');
			if (req.method === 'GET' && path === '/v1/models')
				return send(200, {
					object: 'list',
					data: [{ id: MODEL, object: 'model', created: 1700000000, owned_by: 'e2e' }],
				});
			if (req.method === 'POST' && path === '/v1/chat/completions') {
				if (!body || !Array.isArray(body.messages)) return error(400, 'messages is required');
				let message;
				try {
					message = answer(body);
				} catch (e) {
					return error(400, e.message);
				}
				requests.at(-1).answer = message;
				if (!body.stream) return send(200, completion(body, message));
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				for (const c of chunks(body, message)) res.write(`data: ${JSON.stringify(c)}\n\n`);
				return res.end('data: [DONE]\n\n');
			}
			return error(404, `Unknown request ${req.method} ${path}`);
		});
	});

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const url = `http://127.0.0.1:${server.address().port}`;
			resolve({
				url,
				baseUrl: `${url}/v1`,
				requests,
				/** The chat completion requests, in order. */
				completions: () => requests.filter((r) => r.path === '/v1/chat/completions'),
				close: () =>
					new Promise((res) => {
						server.closeAllConnections?.();
						server.close(() => res());
					}),
			});
		});
	});
}

module.exports = { startFakeOpenAi, defaultArgumentsFor, MODEL };
