'use strict';
/**
 * Chatwoot: an incoming message → n8n's AI Agent (OpenAI Chat Model) → its tool, the Chatwoot node's
 * Message → Send as Agent, fills the conversation (its Conversation picker, By ID) and the reply
 * itself ($fromAI). The trigger listens to incoming messages only and ignores what this access
 * token posts: the reply does not start the workflow again.
 */

/** The OpenAI credential the example names (in your n8n: pick yours; its Base URL may point at any OpenAI-compatible server). */
const OPENAI_CREDENTIAL = { type: 'openAiApi', id: 'exCredOpenAi0001', name: 'OpenAI account' };

const AI_NAMES = {
	trigger: 'Incoming Chatwoot message',
	agent: 'AI Agent',
	model: 'OpenAI Chat Model',
	tool: 'Reply in Chatwoot',
};

/** The Chatwoot node's Tool variant: Send as Agent, with the agent filling the two fields. */
const REPLY_TOOL_PARAMETERS = {
	descriptionType: 'auto',
	resource: 'message',
	operation: 'sendAsAgent',
	// a resource locator (By ID) whose value the model fills: n8n's "let the model define this"
	conversationId: {
		__rl: true,
		mode: 'id',
		value:
			"={{ $fromAI('conversationId', 'The number of the Chatwoot conversation to answer: the conversation ID given with the customer message', 'number') }}",
	},
	message:
		"={{ $fromAI('message', 'Your reply to the customer, as plain text. The customer sees it as a message from the support agent.', 'string') }}",
	privateNote: false,
};

const SYSTEM_MESSAGE = [
	'You answer customers of our support inbox in Chatwoot.',
	'Each prompt gives the conversation ID and the message the customer wrote.',
	`Reply exactly once by calling the tool "${AI_NAMES.tool}" with that conversation ID and a short, friendly answer.`,
	'After the tool has answered, say in one line what you replied.',
].join(' ');

function examples({ SANDBOX_CREDENTIALS, nodeType, uuid, node, sticky }) {
	const chatwoot = SANDBOX_CREDENTIALS.chatwoot;
	const chatwootCredentials = { [chatwoot.type]: { id: chatwoot.id, name: chatwoot.name } };
	const seed = 'chatwoot-ai-agent';
	const nodes = [
		sticky(
			seed,
			[
				'## Chatwoot: an AI Agent answers incoming messages',
				`**${AI_NAMES.trigger}** registers its own webhook in your Chatwoot account when you publish the workflow, and starts it for each **incoming** message (the customer's). *Ignore Messages Sent Through This Access Token* stays on, so the agent's own reply does not start it again.`,
				`**${AI_NAMES.agent}** gets the conversation ID and the text. Its only tool, **${AI_NAMES.tool}**, is this package's Chatwoot node used as a tool: **Message → Send as Agent**, with *Conversation* (By ID) and *Message* left to the model (\`$fromAI()\`).`,
				`**${AI_NAMES.model}**: choose your OpenAI credential (any OpenAI-compatible server works: set the credential's Base URL). Uses the Chat Completions API.`,
			].join('\n'),
			[-40, -260],
			240,
			760,
		),
		node(
			seed,
			AI_NAMES.trigger,
			nodeType('chatwootTrigger'),
			1,
			[0, 0],
			{
				events: ['message_created'],
				messageTypes: ['incoming'],
				ignoreOwnMessages: true,
			},
			{ webhookId: uuid(`${seed}:trigger`), credentials: chatwootCredentials },
		),
		node(seed, AI_NAMES.agent, '@n8n/n8n-nodes-langchain.agent', 3.1, [260, 0], {
			promptType: 'define',
			text: '=Conversation {{ $json.conversationId }}. The customer wrote: {{ $json.text }}',
			options: { systemMessage: SYSTEM_MESSAGE, maxIterations: 4 },
		}),
		node(
			seed,
			AI_NAMES.model,
			'@n8n/n8n-nodes-langchain.lmChatOpenAi',
			1.3,
			[180, 220],
			{
				model: { __rl: true, mode: 'list', value: 'gpt-5-mini' },
				responsesApiEnabled: false,
				options: {},
			},
			{
				credentials: {
					[OPENAI_CREDENTIAL.type]: { id: OPENAI_CREDENTIAL.id, name: OPENAI_CREDENTIAL.name },
				},
			},
		),
		node(seed, AI_NAMES.tool, nodeType('chatwootTool'), 1, [420, 220], REPLY_TOOL_PARAMETERS, {
			credentials: chatwootCredentials,
		}),
	];
	const workflow = {
		id: 'exChatwootAiAgnt',
		name: 'Chatwoot: an AI Agent answers incoming messages',
		nodes,
		connections: {
			[AI_NAMES.trigger]: { main: [[{ node: AI_NAMES.agent, type: 'main', index: 0 }]] },
			[AI_NAMES.model]: {
				ai_languageModel: [[{ node: AI_NAMES.agent, type: 'ai_languageModel', index: 0 }]],
			},
			[AI_NAMES.tool]: { ai_tool: [[{ node: AI_NAMES.agent, type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
		tags: [],
	};
	return [{ file: 'chatwoot-ai-agent.json', vendor: 'chatwoot', kind: 'ai-agent', workflow }];
}

module.exports = { examples, OPENAI_CREDENTIAL, AI_NAMES };
