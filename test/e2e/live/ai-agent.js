'use strict';
/**
 * The two-way examples in a running n8n, one at a time (published through the REST API, so the
 * other trigger checks see only their own webhook):
 * - examples/chatwoot-ai-agent.json: a signed incoming message → n8n's AI Agent, whose OpenAI Chat
 *   Model (credential Base URL → test/e2e/fake-openai.js) calls our Chatwoot node's Tool, whose
 *   Conversation (a resource locator, By ID) is $fromAI → one agent reply in the conversation the
 *   model chose; that reply's own message_created starts nothing.
 * - examples/chatwoot-reply.json: the same without AI: one incoming message → one reply, no loop.
 */
const path = require('path');
const local = require('../../../scripts/n8n-local');
const { examples } = require('../../../scripts/make-examples');
const { OPENAI_CREDENTIAL, AI_NAMES } = require('../../../scripts/examples/chatwoot-ai-agent');
const { REPLY_NAMES, REPLY_TEXT } = require('../../../scripts/examples/chatwoot-reply');
const { startFakeOpenAi } = require('../fake-openai');
const {
	log,
	check,
	assert,
	assertEqual,
	pause,
	waitFor,
	executionsOf,
	finishedExecutions,
	executionData,
	sandboxChatwootConversation,
} = require('../lib');

const { nodeType } = local.registry;
const example = (kind) => examples().find((e) => e.vendor === 'chatwoot' && e.kind === kind);

/** Imported with the sandbox credentials; run() points its Base URL at the fake once it listens. */
const OPENAI_SANDBOX_CREDENTIAL = {
	...OPENAI_CREDENTIAL,
	data: {
		apiKey: 'sk-e2e-fake-key',
		organizationId: '',
		url: 'http://127.0.0.1:9/v1',
		header: false,
	},
};

/** n8n names a node's tool after the node (nodeNameToToolName in n8n-workflow). */
const toolNameOf = (nodeName) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');

/** What n8n's "Set Automatically" tool description is for our node: "<operation action> in <node name>". */
function autoToolDescription(resource, operation) {
	const { dir } = local.registry.packageOfNode('chatwoot');
	const mod = require(path.join(dir, 'dist/nodes/Chatwoot/Chatwoot.node.js'));
	const description = new mod.Chatwoot().description;
	const operations = description.properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	);
	const option = operations?.options.find((o) => o.value === operation);
	assert(option, `the Chatwoot node has no ${resource} → ${operation} operation`);
	return `${option.action} in ${description.defaults.name}`;
}

async function rest(n8n, cookie, method, p, body) {
	const r = await local.request(`${n8n.url}/rest${p}`, { method, headers: { cookie }, body });
	assertEqual(r.status, 200, `${method} /rest${p} (${r.text.slice(0, 300)})`);
	return r.json?.data;
}

/** Publishes a workflow and waits until its trigger registered its webhook in the sandbox. */
async function publish(n8n, cookie, srv, workflow) {
	const trigger = workflow.nodes.find((n) => n.type === nodeType('chatwootTrigger'));
	const ours = () =>
		srv.state.webhooks.filter((w) => w.url.endsWith(`/${trigger.webhookId}/webhook`));
	const { versionId } = await rest(n8n, cookie, 'GET', `/workflows/${workflow.id}`);
	await rest(n8n, cookie, 'POST', `/workflows/${workflow.id}/activate`, { versionId });
	await waitFor(() => ours().length > 0, 60000);
	assertEqual(ours().length, 1, `webhooks of "${workflow.name}" in the sandbox`);
	return async () => {
		await rest(n8n, cookie, 'POST', `/workflows/${workflow.id}/deactivate`, {});
		await waitFor(() => ours().length === 0, 30000);
		assertEqual(ours().length, 0, `webhooks of "${workflow.name}" after deactivation`);
	};
}

/** A new contact and conversation in the sandbox, and an incoming message in it. */
async function incomingMessage(srv, text) {
	const conversationId = await sandboxChatwootConversation(srv, 'Loop Test');
	const message = srv.addMessage(conversationId, text, 0);
	return { conversationId, message };
}

/**
 * Delivers message_created for `messageId` (signed, as Chatwoot does) to every subscribed webhook;
 * returns the one delivery to `workflow`'s trigger.
 */
async function deliverMessage(srv, workflow, messageId) {
	const trigger = workflow.nodes.find((n) => n.type === nodeType('chatwootTrigger'));
	const deliveries = (await srv.deliver(srv.payloadFor('message_created', { messageId }))).filter(
		(d) => d.url.endsWith(`/${trigger.webhookId}/webhook`),
	);
	assertEqual(deliveries.length, 1, `deliveries of message_created to "${workflow.name}"`);
	assertEqual(deliveries[0].status, 200, `delivery status (${deliveries[0].body.slice(0, 200)})`);
	return deliveries[0];
}

/** The agent messages (outgoing, from the access token's user) in a sandbox conversation. */
const agentReplies = (srv, conversationId) =>
	srv.state.messages.filter(
		(m) =>
			m.conversation_id === conversationId && m.message_type === 1 && m.sender?.type === 'user',
	);

/**
 * The reply's own message_created, as Chatwoot sends it after the agent's message: answered (200,
 * "ignored"), and no second execution.
 */
async function replyStartsNothing(n8n, cookie, srv, workflow, reply) {
	const delivery = await deliverMessage(srv, workflow, reply.id);
	assert(
		/"ignored"/.test(delivery.body),
		`the trigger did not ignore the reply's own event: ${delivery.body.slice(0, 200)}`,
	);
	log(`     the reply's own message_created: ${delivery.status} ${delivery.body}`);
	await pause(3000);
	const executions = await executionsOf(n8n, cookie, workflow.id);
	assertEqual(executions.length, 1, "executions after the reply's own message_created");
}

async function run(n8n, sandbox) {
	const srv = sandbox.servers.chatwoot;
	const cookie = await local.login(n8n.url);
	const toolName = toolNameOf(AI_NAMES.tool);
	const fake = await startFakeOpenAi({
		pickTool: (tools) => tools.find((t) => t.function.name === toolName),
		reply: (userText) =>
			`Thanks for writing! About "${/wrote: (.*)$/s.exec(userText)?.[1] ?? userText}": we are on it.`,
	});
	try {
		await check(
			'ai agent: the OpenAI credential points at the local fake model (Base URL)',
			async () => {
				await rest(n8n, cookie, 'PATCH', `/credentials/${OPENAI_CREDENTIAL.id}`, {
					name: OPENAI_CREDENTIAL.name,
					type: OPENAI_CREDENTIAL.type,
					data: { ...OPENAI_SANDBOX_CREDENTIAL.data, url: fake.baseUrl },
				});
				// the credential's Test button: GET <Base URL>/models
				const tested = await rest(n8n, cookie, 'POST', '/credentials/test', {
					credentials: {
						id: OPENAI_CREDENTIAL.id,
						name: OPENAI_CREDENTIAL.name,
						type: OPENAI_CREDENTIAL.type,
						data: { ...OPENAI_SANDBOX_CREDENTIAL.data, url: fake.baseUrl },
					},
				});
				assertEqual(tested.status, 'OK', `credential test (${tested.message})`);
				assert(
					fake.requests.some((r) => r.method === 'GET' && r.path === '/v1/models'),
					'the fake saw no GET /v1/models',
				);
			},
		);

		await check(
			'ai agent: an incoming message → one execution; the agent calls our Chatwoot tool → one agent reply in that conversation; the reply starts nothing',
			async () => {
				const { workflow } = example('ai-agent');
				// the tool's Conversation is a resource locator the model fills (By ID, $fromAI)
				const conversationParameter = workflow.nodes.find((n) => n.name === AI_NAMES.tool)
					.parameters.conversationId;
				assert(
					conversationParameter?.__rl === true &&
						conversationParameter.mode === 'id' &&
						/\$fromAI\('conversationId'/.test(conversationParameter.value),
					`the tool's Conversation is not a resource locator filled by $fromAI: ${JSON.stringify(conversationParameter)}`,
				);
				const unpublish = await publish(n8n, cookie, srv, workflow);
				try {
					const since = Date.now();
					const customerText = 'Hello, my parcel has not arrived yet (e2e AI)';
					const { conversationId, message } = await incomingMessage(srv, customerText);
					await deliverMessage(srv, workflow, message.id);
					const executions = await finishedExecutions(n8n, cookie, workflow.id, 1, 90000);
					assertEqual(executions.length, 1, 'executions after one incoming message');
					const data = await executionData(n8n, cookie, executions[0].id);
					const error = data.resultData.error;
					assertEqual(
						executions[0].status,
						'success',
						`execution status${error ? ` (${error.message} ${error.description ?? ''})` : ''}`,
					);

					// what the model was offered: our tool, named after the node, described for the agent
					const completions = fake.completions();
					assertEqual(completions.length, 2, 'chat completions (tool call, then final answer)');
					assertEqual(
						completions.map((r) => r.headers.authorization),
						[
							`Bearer ${OPENAI_SANDBOX_CREDENTIAL.data.apiKey}`,
							`Bearer ${OPENAI_SANDBOX_CREDENTIAL.data.apiKey}`,
						],
						"the credential's API key on the completions",
					);
					const offered = completions[0].body.tools ?? [];
					const tool = offered.find((t) => t.function?.name === toolName);
					assert(
						tool,
						`tool ${toolName} not offered (offered: ${offered.map((t) => t.function?.name).join(', ')})`,
					);
					const { description, parameters } = tool.function;
					log(`     tool offered to the model: ${tool.function.name}: "${description}"`);
					log(`     its arguments: ${JSON.stringify(parameters.properties)}`);
					assertEqual(
						description,
						autoToolDescription('message', 'sendAsAgent'),
						'tool description (n8n: "<action> in <node>")',
					);
					assert(
						/agent/i.test(description) && /send|reply/i.test(description),
						`the tool description does not say it sends as the agent: "${description}"`,
					);
					assertEqual(
						Object.keys(parameters.properties).sort(),
						['conversationId', 'message'],
						'tool arguments',
					);
					assertEqual(parameters.properties.conversationId.type, 'number', 'conversationId type');
					for (const [name, p] of Object.entries(parameters.properties))
						assert(p.description?.length > 20, `argument ${name} has no description`);
					const prompt = completions[0].body.messages.find((m) => m.role === 'user');
					assert(
						String(prompt?.content).includes(`Conversation ${conversationId}.`) &&
							String(prompt?.content).includes(customerText),
						`the agent's prompt lacks the conversation or the text: ${JSON.stringify(prompt)}`,
					);
					const [call] = completions[0].answer.tool_calls ?? [];
					assertEqual(call?.function?.name, toolName, 'the tool the fake called');
					const chosen = JSON.parse(call.function.arguments).conversationId;
					assertEqual(chosen, conversationId, 'conversationId in the tool call');
					// the resource locator's $fromAI value became the request's conversation
					assertEqual(
						srv
							.requestsTo('POST', /^\/api\/v1\/accounts\/1\/conversations\/\d+\/messages$/)
							.filter((r) => r.at >= since)
							.map((r) => r.path),
						[`/api/v1/accounts/1/conversations/${chosen}/messages`],
						'messages the tool sent (the conversation the model chose)',
					);
					const toolResult = completions[1].body.messages.find((m) => m.role === 'tool');
					assert(toolResult, 'the second completion carries no tool result');
					log(`     tool result the model got: ${String(toolResult.content).slice(0, 300)}`);

					// the tool call reached the sandbox: one agent message in the right conversation
					const replies = agentReplies(srv, conversationId);
					assertEqual(replies.length, 1, `agent replies in conversation ${conversationId}`);
					assert(
						replies[0].content.includes(customerText) && !replies[0].private,
						`reply "${replies[0].content}" (private: ${replies[0].private})`,
					);
					const elsewhere = srv.state.messages.filter(
						(m) => m.conversation_id !== conversationId && m.content === replies[0].content,
					);
					assertEqual(elsewhere.length, 0, 'the reply in other conversations');
					const agentOut = data.resultData.runData[AI_NAMES.agent]?.at(-1)?.data?.main?.[0];
					assert(
						String(agentOut?.[0]?.json?.output).startsWith('Done: I answered the customer'),
						`the agent's output: ${JSON.stringify(agentOut?.[0]?.json)}`,
					);

					await replyStartsNothing(n8n, cookie, srv, workflow, replies[0]);
					assertEqual(fake.completions().length, 2, 'chat completions after the reply event');
					assertEqual(agentReplies(srv, conversationId).length, 1, 'agent replies at the end');
				} finally {
					await unpublish();
				}
			},
		);

		await check(
			'reply example: an incoming message → one execution and one agent reply; the reply starts nothing',
			async () => {
				const { workflow } = example('reply');
				const unpublish = await publish(n8n, cookie, srv, workflow);
				try {
					const { conversationId, message } = await incomingMessage(srv, 'Is anyone there? (e2e)');
					await deliverMessage(srv, workflow, message.id);
					const executions = await finishedExecutions(n8n, cookie, workflow.id, 1, 60000);
					assertEqual(executions.length, 1, 'executions after one incoming message');
					assertEqual(executions[0].status, 'success', 'execution status');
					const data = await executionData(n8n, cookie, executions[0].id);
					assert(data.resultData.runData[REPLY_NAMES.reply], `"${REPLY_NAMES.reply}" did not run`);
					const replies = agentReplies(srv, conversationId);
					assertEqual(
						replies.map((m) => m.content),
						[REPLY_TEXT],
						`agent replies in conversation ${conversationId}`,
					);
					await replyStartsNothing(n8n, cookie, srv, workflow, replies[0]);
					assertEqual(agentReplies(srv, conversationId).length, 1, 'agent replies at the end');
				} finally {
					await unpublish();
				}
			},
		);
	} finally {
		await fake.close();
	}
}

module.exports = { workflows: [], credentials: [OPENAI_SANDBOX_CREDENTIAL], run };
