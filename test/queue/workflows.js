'use strict';
/*
 * The bulk workflows of the queue-mode test: a CRM POSTs a list of contacts to a production webhook
 * (Header Auth, the examples' secret), n8n's Split Out node makes one item per contact, and one of
 * our nodes opens a conversation per item. Every item carries a unique `marker` that the node sends
 * as its first message, so the sandbox shows what was created, lost or created twice.
 */
const { SANDBOX_CREDENTIALS, WEBHOOK_AUTH } = require('../../scripts/make-examples');

const { nodeType: nodeTypeOf } = require('../..');
const CREATE = 'Create Conversation';
/** Intercom's seeded user in the sandbox: Create by contact ID + sender type sends one request per item. */
const INTERCOM_USER_ID = '536e564f316c83104c000020';

const CREATE_PARAMETERS = {
	intercom: {
		nodeType: 'intercom',
		parameters: {
			resource: 'conversation',
			operation: 'create',
			contactBy: 'id',
			contactId: INTERCOM_USER_ID,
			senderType: 'user',
			body: '={{ $json.marker }}',
		},
	},
	socialboards: {
		nodeType: 'socialBoards',
		parameters: {
			resource: 'conversation',
			operation: 'create',
			authorBy: 'email',
			authorEmail: '={{ $json.email }}',
			authorName: '={{ $json.name }}',
			sentiment: 'question',
			additionalFields: { title: '={{ $json.marker }}' },
		},
	},
	liveperson: {
		nodeType: 'livePerson',
		parameters: {
			resource: 'conversation',
			operation: 'create',
			externalConsumerId: '={{ $json.crmId }}',
			firstName: '={{ $json.name }}',
			lastName: 'Queue',
			firstMessage: '={{ $json.marker }}',
			skillId: '-1',
			personalInfo: { email: '={{ $json.email }}' },
		},
	},
};

const WEBHOOK_IDS = {
	intercom: '0b9e1f52-7c11-4a0e-a001-5b2d6c9e0a01',
	socialboards: '0b9e1f52-7c11-4a0e-a001-5b2d6c9e0a02',
	liveperson: '0b9e1f52-7c11-4a0e-a001-5b2d6c9e0a03',
};

/** Where each vendor's fake keeps the marker of a conversation. */
const MARKER_OF = {
	intercom: (c) => c.source?.body,
	socialboards: (c) => c.title,
	liveperson: (c, srv) =>
		srv.state.messages.find((m) => m.conversationId === c.conversationId)?.message,
};

function bulkWorkflow(vendor) {
	const cred = SANDBOX_CREDENTIALS[vendor];
	const { nodeType, parameters } = CREATE_PARAMETERS[vendor];
	const id = `queueBulk${vendor.slice(0, 6)}`;
	return {
		id,
		name: `Queue mode: bulk ${vendor}`,
		path: `queue-bulk-${vendor}`,
		nodes: [
			{
				parameters: {
					httpMethod: 'POST',
					path: `queue-bulk-${vendor}`,
					authentication: 'headerAuth',
					options: {},
				},
				id: `${id}-webhook`,
				name: 'CRM webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: WEBHOOK_IDS[vendor],
				credentials: { [WEBHOOK_AUTH.type]: { id: WEBHOOK_AUTH.id, name: WEBHOOK_AUTH.name } },
			},
			{
				parameters: { fieldToSplitOut: 'body.contacts', options: {} },
				id: `${id}-split`,
				name: 'One item per contact',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
			},
			{
				parameters,
				id: `${id}-create`,
				name: CREATE,
				type: nodeTypeOf(nodeType),
				typeVersion: 1,
				position: [440, 0],
				credentials: { [cred.type]: { id: cred.id, name: cred.name } },
			},
		],
		connections: {
			'CRM webhook': { main: [[{ node: 'One item per contact', type: 'main', index: 0 }]] },
			'One item per contact': { main: [[{ node: CREATE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
		tags: [],
	};
}

/** The contacts a CRM sends in one bulk call: `count` of them, each with a unique marker. */
function bulkContacts(run, count) {
	return Array.from({ length: count }, (_, i) => ({
		crmId: `queue-${run}-${i + 1}`,
		email: `queue.${run}.${i + 1}@example.com`,
		name: `Contact ${i + 1}`,
		marker: `queue ${run} item ${i + 1}`,
	}));
}

module.exports = { bulkWorkflow, bulkContacts, MARKER_OF, CREATE };
