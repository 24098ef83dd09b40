'use strict';
/**
 * The workflows the version matrix (test/compat/run.js) imports into each n8n, built from node
 * types that exist in every version it runs (Webhook 2, Split Out 1, Edit Fields 3.4, AI Agent 3,
 * OpenAI Chat Model 1.3) and the five packages' nodes (`<package>.<node>`, index.js).
 */
const crypto = require('crypto');
const { nodeType } = require('../..');
const { SANDBOX_CREDENTIALS } = require('../../scripts/make-examples');

/** Stable IDs from a seed: workflow IDs (16 characters), node IDs, webhook IDs and version IDs (UUIDs). */
function uuid(seed) {
	const h = crypto.createHash('sha256').update(`compat:${seed}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const workflowId = (seed) =>
	`cmp${crypto.createHash('sha256').update(seed).digest('hex').slice(0, 13)}`;

const credentialsOf = (vendor) => {
	const c = SANDBOX_CREDENTIALS[vendor];
	return { [c.type]: { id: c.id, name: c.name } };
};

function node(name, type, typeVersion, position, parameters, more = {}) {
	return { parameters, id: uuid(`node:${name}`), name, type, typeVersion, position, ...more };
}

/**
 * One workflow: n8n 2.0.0's import:workflow needs a versionId (its column is NOT NULL there, and
 * the import does not fill it in).
 */
function workflow(seed, name, nodes, connections) {
	return {
		id: workflowId(seed),
		versionId: uuid(`version:${seed}`),
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
		tags: [],
	};
}

function connect(pairs) {
	const connections = {};
	for (const [from, to] of pairs) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	}
	return connections;
}

const str = (name, value) => ({ id: uuid(`field:${name}`), name, value, type: 'string' });

/** The contacts the operations workflow receives (its webhook's body), one item each after Items. */
const CONTACTS = [
	{ email: 'carla.mendes@example.com', firstName: 'Carla', lastName: 'Mendes', crmId: 'crm-3072' },
	{ email: 'bruno.costa@example.com', firstName: 'Bruno', lastName: 'Costa', crmId: 'crm-3071' },
];

/** Node names the checks look up. */
const OPS = {
	webhook: 'Contacts webhook',
	split: 'One item per contact',
	items: 'Items',
};

/**
 * Per vendor: Create, then one lifecycle operation fed by Create's output, reading the contact
 * through `$('Items').item` (n8n's paired items, across our node) where the operation has a field
 * for it. `steps` run in order; each step's parameters see the previous step's item as $json.
 */
const CHAINS = {
	intercom: [
		{
			name: 'Intercom: Create',
			parameters: {
				resource: 'conversation',
				operation: 'create',
				contactBy: 'email',
				contactEmail: '={{ $json.email }}',
				whenNotFound: 'createUser',
				body: '=Hello from {{ $json.firstName }}',
				senderType: 'auto',
			},
		},
		{
			name: 'Intercom: Reply as Contact',
			parameters: {
				resource: 'conversation',
				operation: 'reply',
				conversationId: '={{ $json.conversationId }}',
				contactBy: 'email',
				contactEmail: "={{ $('Items').item.json.email }}",
				body: "=Reference {{ $('Items').item.json.crmId }}",
			},
		},
		{
			name: 'Intercom: Close',
			parameters: {
				resource: 'conversation',
				operation: 'close',
				conversationId: "={{ $('Intercom: Create').item.json.conversationId }}",
			},
		},
	],
	chatwoot: [
		{
			name: 'Chatwoot: Create',
			parameters: {
				resource: 'conversation',
				operation: 'create',
				contactMode: 'new',
				contactFields: {
					name: '={{ $json.firstName }} {{ $json.lastName }}',
					email: '={{ $json.email }}',
					identifier: '={{ $json.crmId }}',
				},
				message: '=Hello from {{ $json.firstName }}',
			},
		},
		{
			name: 'Chatwoot: Resolve',
			parameters: {
				resource: 'conversation',
				operation: 'resolve',
				contactIdentifier: "={{ $('Chatwoot: Create').item.json.contactIdentifier }}",
				conversationId: '={{ $json.conversationId }}',
			},
		},
	],
	liveperson: [
		{
			name: 'LivePerson: Create',
			parameters: {
				resource: 'conversation',
				operation: 'create',
				externalConsumerId: '={{ $json.crmId }}',
				firstName: '={{ $json.firstName }}',
				lastName: '={{ $json.lastName }}',
				firstMessage: '=Hello from {{ $json.firstName }}',
				skillId: '-1',
			},
		},
		{
			name: 'LivePerson: Close',
			parameters: {
				resource: 'conversation',
				operation: 'close',
				externalConsumerId: "={{ $('Items').item.json.crmId }}",
				conversationId: '={{ $json.conversationId }}',
			},
		},
	],
	socialboards: [
		{
			name: 'SocialBoards: Create',
			parameters: {
				resource: 'conversation',
				operation: 'create',
				authorBy: 'email',
				authorEmail: '={{ $json.email }}',
				authorName: '={{ $json.firstName }} {{ $json.lastName }}',
				sentiment: 'question',
				additionalFields: { title: '=Onboarding for {{ $json.crmId }}' },
			},
		},
		{
			name: 'SocialBoards: Close',
			parameters: {
				resource: 'conversation',
				operation: 'close',
				conversationId: '={{ $json.conversationId }}',
			},
		},
	],
	userdesk: [
		{
			name: 'Userdesk: Create',
			parameters: {
				resource: 'conversation',
				operation: 'create',
				userName: '={{ $json.firstName }} {{ $json.lastName }}',
				userEmail: '={{ $json.email }}',
			},
		},
		{
			name: 'Userdesk: Send a Message',
			parameters: {
				resource: 'message',
				operation: 'send',
				conversationId: '={{ $json.conversationId }}',
				message: "=Reference {{ $('Items').item.json.crmId }}",
			},
		},
	],
};
const NODE_OF = {
	intercom: 'intercom',
	chatwoot: 'chatwoot',
	liveperson: 'livePerson',
	socialboards: 'socialBoards',
	userdesk: 'userdesk',
};

/**
 * Webhook → Split Out → Items (Edit Fields) → five chains side by side. Every node of ours
 * continues on error (an error item), so one vendor's failure does not hide the others'.
 */
function operationsWorkflow() {
	const nodes = [
		node(
			OPS.webhook,
			'n8n-nodes-base.webhook',
			2,
			[0, 0],
			{ httpMethod: 'POST', path: 'compat-operations', responseMode: 'onReceived', options: {} },
			{ webhookId: uuid('webhook:operations') },
		),
		node(OPS.split, 'n8n-nodes-base.splitOut', 1, [220, 0], {
			fieldToSplitOut: 'body.contacts',
			options: {},
		}),
		node(OPS.items, 'n8n-nodes-base.set', 3.4, [440, 0], {
			assignments: {
				assignments: ['email', 'firstName', 'lastName', 'crmId'].map((field) =>
					str(field, `={{ $json.${field} }}`),
				),
			},
			options: {},
		}),
	];
	const pairs = [
		[OPS.webhook, OPS.split],
		[OPS.split, OPS.items],
	];
	Object.entries(CHAINS).forEach(([vendor, steps], row) => {
		steps.forEach((step, column) => {
			nodes.push(
				node(
					step.name,
					nodeType(NODE_OF[vendor]),
					1,
					[660 + column * 220, row * 200],
					step.parameters,
					{ credentials: credentialsOf(vendor), onError: 'continueRegularOutput' },
				),
			);
			pairs.push([column === 0 ? OPS.items : steps[column - 1].name, step.name]);
		});
	});
	return workflow(
		'operations',
		'compat: Create and a lifecycle operation per vendor',
		nodes,
		connect(pairs),
	);
}

const OPENAI_CREDENTIAL = { type: 'openAiApi', id: 'cmpCredOpenAi001', name: 'OpenAI (fake)' };
const AI = {
	webhook: 'Prompt webhook',
	agent: 'AI Agent',
	model: 'OpenAI Chat Model',
	tool: 'Reply in Chatwoot',
};

/** Webhook → AI Agent (OpenAI Chat Model on the local fake) with the Chatwoot node as its one tool. */
function aiAgentWorkflow() {
	const credentials = credentialsOf('chatwoot');
	const nodes = [
		node(
			AI.webhook,
			'n8n-nodes-base.webhook',
			2,
			[0, 0],
			{ httpMethod: 'POST', path: 'compat-ai-agent', responseMode: 'onReceived', options: {} },
			{ webhookId: uuid('webhook:ai-agent') },
		),
		node(AI.agent, '@n8n/n8n-nodes-langchain.agent', 3, [240, 0], {
			promptType: 'define',
			text: '=Conversation {{ $json.body.conversationId }}. The customer wrote: {{ $json.body.text }}',
			options: {
				systemMessage: `Reply once by calling the tool "${AI.tool}" with the conversation ID and a short answer.`,
				maxIterations: 4,
			},
		}),
		node(
			AI.model,
			'@n8n/n8n-nodes-langchain.lmChatOpenAi',
			1.3,
			[180, 220],
			{
				model: { __rl: true, mode: 'id', value: 'fake-gpt-e2e' },
				// the Chat Completions API (n8n 2.x defaults to the Responses API, which the fake lacks)
				responsesApiEnabled: false,
				options: {},
			},
			{
				credentials: {
					[OPENAI_CREDENTIAL.type]: { id: OPENAI_CREDENTIAL.id, name: OPENAI_CREDENTIAL.name },
				},
			},
		),
		node(
			AI.tool,
			nodeType('chatwootTool'),
			1,
			[420, 220],
			{
				descriptionType: 'manual',
				toolDescription: 'Sends a reply as the support agent into a Chatwoot conversation',
				resource: 'message',
				operation: 'sendAsAgent',
				conversationId:
					"={{ $fromAI('conversationId', 'The number of the Chatwoot conversation to answer', 'number') }}",
				message: "={{ $fromAI('message', 'The reply to the customer, plain text', 'string') }}",
				privateNote: false,
			},
			{ credentials },
		),
	];
	return workflow('ai-agent', 'compat: AI Agent with the Chatwoot tool', nodes, {
		[AI.webhook]: { main: [[{ node: AI.agent, type: 'main', index: 0 }]] },
		[AI.model]: { ai_languageModel: [[{ node: AI.agent, type: 'ai_languageModel', index: 0 }]] },
		[AI.tool]: { ai_tool: [[{ node: AI.agent, type: 'ai_tool', index: 0 }]] },
	});
}

const SOCIALBOARDS_TOKENS = {
	verify: 'compat-verify-token-61d2',
	delivery: 'compat-delivery-7c3e9a',
};

/** One workflow per trigger, the trigger alone: each accepted delivery is one execution. */
const TRIGGERS = {
	chatwoot: {
		node: 'chatwootTrigger',
		parameters: { events: ['message_created'] },
		credentials: true,
	},
	intercom: {
		node: 'intercomTrigger',
		parameters: { topics: ['conversation.user.replied'] },
		credentials: true,
	},
	liveperson: {
		node: 'livePersonTrigger',
		parameters: { events: ['ms.MessagingEventNotification.ContentEvent'], registerWebhooks: true },
		credentials: true,
	},
	socialboards: {
		node: 'socialBoardsTrigger',
		parameters: {
			events: ['conversation_message_added'],
			verifyToken: SOCIALBOARDS_TOKENS.verify,
			deliveryToken: SOCIALBOARDS_TOKENS.delivery,
		},
		credentials: false,
	},
};

function triggerWorkflow(vendor) {
	const spec = TRIGGERS[vendor];
	const name = `${vendor} trigger`;
	return workflow(
		`trigger:${vendor}`,
		`compat: ${name}`,
		[
			node(name, nodeType(spec.node), 1, [0, 0], spec.parameters, {
				webhookId: uuid(`webhook:trigger:${vendor}`),
				...(spec.credentials ? { credentials: credentialsOf(vendor) } : {}),
			}),
		],
		{},
	);
}

module.exports = {
	CONTACTS,
	OPS,
	CHAINS,
	AI,
	OPENAI_CREDENTIAL,
	TRIGGERS,
	SOCIALBOARDS_TOKENS,
	operationsWorkflow,
	aiAgentWorkflow,
	triggerWorkflow,
};
