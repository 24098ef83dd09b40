#!/usr/bin/env node
'use strict';
/*
 * Writes the example workflows in examples/ (committed; run this after changing it):
 *   node scripts/make-examples.js
 * Per vendor two workflows with the same chain after the CRM event:
 *   <vendor>-webhook.json    Webhook (your CRM calls it) or "Execute workflow" with a sample event
 *   <vendor>-pipedrive.json  n8n's Pipedrive Trigger (a person was added), with a pinned sample event
 *   → "Contact from the CRM event" (Set: email, names, CRM ID, deal)
 *   → Create Conversation → a follow-up (send a message / reply) → "Conversation for the CRM"
 *     (Set: the conversation ID and a note to write back to the CRM record).
 * Credentials are referenced by the IDs that `npm start` gives the sandbox credentials
 * (SANDBOX_CREDENTIALS below); in another n8n, pick your own credential in each node.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const EXAMPLES_DIR = path.resolve(__dirname, '..', 'examples');
const { nodeType } = require('..');

/** Credential IDs and names used by the examples and created by `npm start` (scripts/n8n-local.js). */
const SANDBOX_CREDENTIALS = {
	intercom: {
		type: 'intercomConversationsApi',
		id: 'sbxCredIntercom1',
		name: 'Intercom (sandbox)',
	},
	userdesk: {
		type: 'userdeskConversationsApi',
		id: 'sbxCredUserdesk1',
		name: 'Userdesk (sandbox)',
	},
	chatwoot: {
		type: 'chatwootConversationsApi',
		id: 'sbxCredChatwoot1',
		name: 'Chatwoot (sandbox)',
	},
	socialboards: {
		type: 'socialBoardsConversationsApi',
		id: 'sbxCredSocialBd1',
		name: 'SocialBoards (sandbox)',
	},
	liveperson: {
		type: 'livePersonConversationsApi',
		id: 'sbxCredLivePrsn1',
		name: 'LivePerson (sandbox)',
	},
};

/**
 * The secret the webhook examples require in a header (n8n's Header Auth credential), so that only
 * your CRM can start them. Change the value in n8n and in your CRM's webhook settings.
 */
const WEBHOOK_AUTH = {
	type: 'httpHeaderAuth',
	id: 'sbxCredCrmHook1',
	name: 'CRM webhook secret (example: change it)',
	header: 'X-CRM-Webhook-Secret',
	value: 'example-secret-change-me',
};

/** Node names the tests look up. */
const NAMES = {
	webhook: 'CRM webhook',
	manual: 'Try it',
	sample: 'Sample CRM event',
	pipedrive: 'Pipedrive: person added',
	contact: 'Contact from the CRM event',
	create: 'Create Conversation',
	result: 'Conversation for the CRM',
};

/** What a CRM posts to the webhook (the Webhook node outputs it under `body`). */
const SAMPLE_EVENT = {
	event: 'deal.won',
	deal: { id: 'D-1042', title: 'Acme annual plan' },
	contact: {
		id: 'crm-contact-1042',
		email: 'ana.lima@example.com',
		firstName: 'Ana',
		lastName: 'Lima',
	},
};

/** What Pipedrive posts for "person added" (webhooks v2; the Set node also reads v1's `current`). */
const PIPEDRIVE_SAMPLE = {
	meta: {
		action: 'create',
		entity: 'person',
		entity_id: '3071',
		version: '2.0',
		host: 'acme.pipedrive.com',
	},
	data: {
		id: 3071,
		name: 'Bruno Costa',
		first_name: 'Bruno',
		last_name: 'Costa',
		emails: [{ label: 'work', value: 'bruno.costa@example.com', primary: true }],
		phones: [{ label: 'work', value: '+351 912 345 678', primary: true }],
		org_id: 812,
	},
	previous: null,
};

function uuid(seed) {
	const h = crypto.createHash('sha256').update(seed).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const str = (name, value) => ({ id: uuid(`${name}:${value}`), name, value, type: 'string' });

/** The chain after the contact: Create → follow-up → result. `$json` is the contact. */
const VENDORS = {
	intercom: {
		title: 'Intercom',
		nodeType: 'intercom',
		create: {
			resource: 'conversation',
			operation: 'create',
			contactBy: 'email',
			contactEmail: '={{ $json.email }}',
			whenNotFound: 'createUser',
			body: '=Hello! We would like help getting started with {{ $json.deal }}.',
			additionalFields: { contactName: '={{ $json.name }}' },
		},
		followUp: {
			name: 'Reply as the Contact',
			parameters: {
				resource: 'conversation',
				operation: 'reply',
				conversationId: '={{ $json.conversationId }}',
				contactBy: 'id',
				contactId: '={{ $json.contactId }}',
				body: '=Our CRM reference is {{ $("Contact from the CRM event").item.json.crmId }}.',
			},
		},
		extra: [str('conversationUrl', "={{ $('Create Conversation').item.json.conversationUrl }}")],
	},
	userdesk: {
		title: 'Userdesk',
		nodeType: 'userdesk',
		create: {
			resource: 'conversation',
			operation: 'create',
			userName: '={{ $json.name }}',
			userEmail: '={{ $json.email }}',
		},
		followUp: {
			name: 'Send a Message',
			parameters: {
				resource: 'message',
				operation: 'send',
				message:
					'=How do I invite my team to {{ $("Contact from the CRM event").item.json.deal }}?',
				conversationId: '={{ $json.conversationId }}',
			},
		},
		extra: [str('chatbotAnswer', '={{ $json.answer }}')],
	},
	chatwoot: {
		title: 'Chatwoot',
		nodeType: 'chatwoot',
		create: {
			resource: 'conversation',
			operation: 'create',
			contactMode: 'new',
			contactFields: {
				name: '={{ $json.name }}',
				email: '={{ $json.email }}',
				identifier: '={{ $json.crmId }}',
			},
			message: '=Hello! We would like help getting started with {{ $json.deal }}.',
			additionalFields: {
				customAttributes: '={{ JSON.stringify({ crm_id: $json.crmId, deal: $json.deal }) }}',
			},
		},
		followUp: {
			name: 'Send a Message',
			parameters: {
				resource: 'message',
				operation: 'send',
				contactIdentifier: '={{ $json.contactIdentifier }}',
				conversationId: '={{ $json.conversationId }}',
				message: '=Our CRM reference is {{ $("Contact from the CRM event").item.json.crmId }}.',
			},
		},
		extra: [
			str('contactIdentifier', "={{ $('Create Conversation').item.json.contactIdentifier }}"),
			str('conversationUrl', "={{ $('Create Conversation').item.json.conversationUrl }}"),
		],
	},
	socialboards: {
		title: 'SocialBoards',
		nodeType: 'socialBoards',
		create: {
			resource: 'conversation',
			operation: 'create',
			authorBy: 'email',
			authorEmail: '={{ $json.email }}',
			authorName: '={{ $json.name }}',
			sentiment: 'question',
			additionalFields: { title: '=Onboarding: {{ $json.deal }}' },
		},
		followUp: {
			name: 'Add a Message',
			parameters: {
				resource: 'message',
				operation: 'add',
				conversationId: '={{ $json.conversationId }}',
				messages: {
					message: [
						{
							text: '=Hello! We would like help getting started with {{ $("Contact from the CRM event").item.json.deal }}.',
							authorBy: 'email',
							authorEmail: '={{ $("Contact from the CRM event").item.json.email }}',
						},
					],
				},
			},
		},
		extra: [str('messagesAdded', '={{ $json.messagesAdded }}')],
	},
	liveperson: {
		title: 'LivePerson',
		nodeType: 'livePerson',
		create: {
			resource: 'conversation',
			operation: 'create',
			externalConsumerId: '={{ $json.crmId }}',
			firstName: '={{ $json.firstName }}',
			lastName: '={{ $json.lastName }}',
			firstMessage: '=Hello! We would like help getting started with {{ $json.deal }}.',
			skillId: '-1',
			personalInfo: { email: '={{ $json.email }}' },
		},
		followUp: {
			name: 'Send a Message',
			parameters: {
				resource: 'message',
				operation: 'send',
				externalConsumerId: '={{ $json.externalConsumerId }}',
				conversationId: '={{ $json.conversationId }}',
				message: '=Our CRM reference is {{ $("Contact from the CRM event").item.json.crmId }}.',
			},
		},
		extra: [str('consumerId', "={{ $('Create Conversation').item.json.consumerId }}")],
	},
};

function node(vendor, name, type, typeVersion, position, parameters, more = {}) {
	return { parameters, id: uuid(`${vendor}:${name}`), name, type, typeVersion, position, ...more };
}

function chain(vendor, spec, x0, y) {
	const cred = SANDBOX_CREDENTIALS[vendor];
	const credentials = { [cred.type]: { id: cred.id, name: cred.name } };
	const type = nodeType(spec.nodeType);
	return [
		node(vendor, NAMES.create, type, 1, [x0, y], spec.create, { credentials }),
		node(vendor, spec.followUp.name, type, 1, [x0 + 240, y], spec.followUp.parameters, {
			credentials,
		}),
		node(vendor, NAMES.result, 'n8n-nodes-base.set', 3.4, [x0 + 480, y], {
			assignments: {
				assignments: [
					str('crmId', `={{ $('${NAMES.contact}').item.json.crmId }}`),
					str('conversationId', `={{ $('${NAMES.create}').item.json.conversationId }}`),
					...spec.extra,
					str(
						'note',
						`=${spec.title} conversation {{ $('${NAMES.create}').item.json.conversationId }} opened for {{ $('${NAMES.contact}').item.json.email }}`,
					),
				],
			},
			options: {},
		}),
	];
}

function connect(pairs) {
	const connections = {};
	for (const [from, to] of pairs) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	}
	return connections;
}

function tail(spec) {
	return [
		[NAMES.contact, NAMES.create],
		[NAMES.create, spec.followUp.name],
		[spec.followUp.name, NAMES.result],
	];
}

function sticky(vendor, content, position, height = 300, width = 420) {
	return node(vendor, 'About this workflow', 'n8n-nodes-base.stickyNote', 1, position, {
		content,
		height,
		width,
	});
}

/**
 * The entry of every CRM example: "Try it" with the sample event, and the CRM's Webhook behind the
 * Header Auth secret (the webhook sits 180 px below "Try it").
 */
function crmEntryNodes(vendor, names, webhookPath, sampleEvent, y) {
	return [
		node(vendor, names.manual, 'n8n-nodes-base.manualTrigger', 1, [0, y], {}),
		node(vendor, names.sample, 'n8n-nodes-base.set', 3.4, [220, y], {
			mode: 'raw',
			jsonOutput: JSON.stringify({ body: sampleEvent }, null, 2),
			options: {},
		}),
		node(
			vendor,
			names.webhook,
			'n8n-nodes-base.webhook',
			2.1,
			[0, y + 180],
			{ httpMethod: 'POST', path: webhookPath, authentication: 'headerAuth', options: {} },
			{
				webhookId: uuid(`${vendor}:webhook`),
				credentials: { [WEBHOOK_AUTH.type]: { id: WEBHOOK_AUTH.id, name: WEBHOOK_AUTH.name } },
			},
		),
	];
}

function webhookWorkflow(vendor, spec, index) {
	const contact = node(vendor, NAMES.contact, 'n8n-nodes-base.set', 3.4, [440, 330], {
		assignments: {
			assignments: [
				str('crmId', '={{ $json.body.contact.id }}'),
				str('email', '={{ $json.body.contact.email }}'),
				str('firstName', '={{ $json.body.contact.firstName }}'),
				str('lastName', '={{ $json.body.contact.lastName }}'),
				str('name', '={{ $json.body.contact.firstName }} {{ $json.body.contact.lastName }}'),
				str('deal', '={{ $json.body.deal.title }}'),
			],
		},
		options: {},
	});
	const nodes = [
		sticky(
			vendor,
			[
				`## ${spec.title}: a conversation when a deal is won`,
				`Your CRM POSTs the event to **${NAMES.webhook}** (JSON like the one in **${NAMES.sample}**), with the header \`${WEBHOOK_AUTH.header}\` set to the secret of the **${WEBHOOK_AUTH.name}** credential: other requests are refused (403). Change that secret before you publish the workflow.`,
				`**Execute workflow** (from **Try it**) runs it with the sample event instead.`,
				``,
				`**${NAMES.contact}** picks the fields; **${NAMES.create}** opens the conversation in ${spec.title}; **${spec.followUp.name}** continues it with the returned conversation ID; **${NAMES.result}** is what you would write back to the CRM record.`,
			].join('\n'),
			[-20, 0],
			200,
			700,
		),
		...crmEntryNodes(vendor, NAMES, `crm-deal-won-${vendor}`, SAMPLE_EVENT, 240),
		contact,
		...chain(vendor, spec, 680, 330),
	];
	return {
		id: `exWebhook${String(index + 1).padStart(2, '0')}${spec.nodeType.slice(0, 6)}`,
		name: `${spec.title}: conversation when a deal is won (webhook)`,
		nodes,
		connections: connect([
			[NAMES.webhook, NAMES.contact],
			[NAMES.manual, NAMES.sample],
			[NAMES.sample, NAMES.contact],
			...tail(spec),
		]),
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
		tags: [],
	};
}

function pipedriveWorkflow(vendor, spec, index) {
	const person = '($json.data ?? $json.current)';
	const nodes = [
		sticky(
			vendor,
			[
				`## ${spec.title}: a conversation for every new Pipedrive person`,
				`**${NAMES.pipedrive}** is n8n's Pipedrive Trigger: add your Pipedrive credential, then activate the workflow.`,
				`It holds a pinned sample event, so **Execute workflow** runs without Pipedrive (unpin it to listen for real events).`,
				``,
				`**${NAMES.contact}** reads Pipedrive's person (webhooks v2 \`data\`, or v1 \`current\`); the rest is the same chain as the webhook example.`,
			].join('\n'),
			[-20, 60],
			200,
			700,
		),
		node(
			vendor,
			NAMES.pipedrive,
			'n8n-nodes-base.pipedriveTrigger',
			1.1,
			[0, 300],
			{
				action: 'create',
				entity: 'person',
			},
			{ webhookId: uuid(`${vendor}:pipedrive`) },
		),
		node(vendor, NAMES.contact, 'n8n-nodes-base.set', 3.4, [240, 300], {
			assignments: {
				assignments: [
					str('crmId', `=pipedrive-person-{{ ${person}.id }}`),
					str('email', `={{ (${person}.emails ?? ${person}.email)[0].value }}`),
					str('firstName', `={{ ${person}.first_name }}`),
					str('lastName', `={{ ${person}.last_name }}`),
					str('name', `={{ ${person}.name }}`),
					str('deal', 'your product'),
				],
			},
			options: {},
		}),
		...chain(vendor, spec, 480, 300),
	];
	return {
		id: `exPipedrv${String(index + 1).padStart(2, '0')}${spec.nodeType.slice(0, 6)}`,
		name: `${spec.title}: conversation for a new Pipedrive person`,
		nodes,
		connections: connect([[NAMES.pipedrive, NAMES.contact], ...tail(spec)]),
		settings: { executionOrder: 'v1' },
		pinData: { [NAMES.pipedrive]: [{ json: PIPEDRIVE_SAMPLE }] },
		active: false,
		tags: [],
	};
}

/** The CRM examples (kind "webhook" or "pipedrive") and those of scripts/examples/: [{file, vendor, kind, workflow}]. */
function examples() {
	const { moreExamples } = require('./examples');
	return [
		...crmExamples(),
		...moreExamples({ SANDBOX_CREDENTIALS, nodeType, uuid, node, connect, sticky, crmEntryNodes }),
	];
}

/** Per vendor: CRM webhook → Create → follow-up, and the same after n8n's Pipedrive Trigger. */
function crmExamples() {
	return Object.entries(VENDORS).flatMap(([vendor, spec], index) => [
		{
			file: `${vendor}-webhook.json`,
			vendor,
			kind: 'webhook',
			workflow: webhookWorkflow(vendor, spec, index),
		},
		{
			file: `${vendor}-pipedrive.json`,
			vendor,
			kind: 'pipedrive',
			workflow: pipedriveWorkflow(vendor, spec, index),
		},
	]);
}

module.exports = {
	SANDBOX_CREDENTIALS,
	WEBHOOK_AUTH,
	NAMES,
	SAMPLE_EVENT,
	PIPEDRIVE_SAMPLE,
	VENDORS,
	examples,
	crmExamples,
	EXAMPLES_DIR,
};

if (require.main === module) {
	fs.mkdirSync(EXAMPLES_DIR, { recursive: true });
	for (const { file, workflow } of examples()) {
		fs.writeFileSync(path.join(EXAMPLES_DIR, file), JSON.stringify(workflow, null, 2) + '\n');
		console.log(`examples/${file}: ${workflow.name} (${workflow.id})`);
	}
}
