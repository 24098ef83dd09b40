'use strict';
/**
 * Intercom triage: a CRM marks an account VIP → find the contact's open Intercom conversations →
 * assign each to the VIP team → tag it "VIP" → leave an internal note for the team.
 */
const { WEBHOOK_AUTH } = require('../make-examples');

const NAMES = {
	webhook: 'CRM webhook',
	manual: 'Try it',
	sample: 'Sample CRM event',
	account: 'VIP account from the CRM event',
	search: 'Find open conversations',
	assign: 'Assign to the VIP team',
	tag: 'Tag VIP',
	note: 'Note for the team',
	result: 'Triage result',
};
const WORKFLOW_ID = 'exIntercomTriage';
const WEBHOOK_PATH = 'crm-vip-account-intercom';
/** The VIP team's Intercom ID: change it to your team's (Intercom → Settings → Teammates → Teams). */
const VIP_TEAM_ID = '814860';
const SAMPLE_EVENT = {
	event: 'account.vip',
	account: { id: 'A-77', name: 'Acme Corp', plan: 'Enterprise' },
	// The contact's Intercom ID, as your CRM keeps it (for example the contactId output of Create).
	contact: { intercomContactId: '536e564f316c83104c000020', email: 'jane.doe@example.com' },
};

function examples({ SANDBOX_CREDENTIALS, nodeType, uuid, node, connect, sticky, crmEntryNodes }) {
	const vendor = 'intercom-triage';
	const cred = SANDBOX_CREDENTIALS.intercom;
	const credentials = { [cred.type]: { id: cred.id, name: cred.name } };
	const type = nodeType('intercom');
	const str = (name, value) => ({ id: uuid(`${vendor}:${name}`), name, value, type: 'string' });
	const account = `$('${NAMES.account}').item.json`;
	const nodes = [
		sticky(
			vendor,
			[
				'## Intercom: triage the conversations of a new VIP account',
				`Your CRM POSTs the event to **${NAMES.webhook}** (JSON like **${NAMES.sample}**) with the header \`${WEBHOOK_AUTH.header}\` set to the **${WEBHOOK_AUTH.name}** credential's secret; other requests get 403. **Execute workflow** (from **${NAMES.manual}**) uses the sample event.`,
				'',
				`**${NAMES.search}** lists the contact's open conversations (one item each); every one is assigned to the VIP team (set its ID in **${NAMES.account}**), tagged "VIP" (the tag must exist in Intercom) and gets an internal note. No conversation open: nothing happens.`,
			].join('\n'),
			[-20, 0],
			220,
			760,
		),
		...crmEntryNodes(vendor, NAMES, WEBHOOK_PATH, SAMPLE_EVENT, 260),
		node(vendor, NAMES.account, 'n8n-nodes-base.set', 3.4, [440, 350], {
			assignments: {
				assignments: [
					str('contactId', '={{ $json.body.contact.intercomContactId }}'),
					str('accountName', '={{ $json.body.account.name }}'),
					str('plan', '={{ $json.body.account.plan }}'),
					str('teamId', VIP_TEAM_ID),
				],
			},
			options: {},
		}),
		node(
			vendor,
			NAMES.search,
			type,
			1,
			[660, 350],
			{
				resource: 'conversation',
				operation: 'search',
				state: 'open',
				returnAll: true,
				filters: { contactId: '={{ $json.contactId }}' },
			},
			{ credentials },
		),
		node(
			vendor,
			NAMES.assign,
			type,
			1,
			[880, 350],
			{
				resource: 'conversation',
				operation: 'assign',
				conversationId: '={{ $json.conversationId }}',
				assigneeType: 'team',
				assigneeId: `={{ ${account}.teamId }}`,
			},
			{ credentials },
		),
		node(
			vendor,
			NAMES.tag,
			type,
			1,
			[1100, 350],
			{
				resource: 'conversation',
				operation: 'addTag',
				conversationId: '={{ $json.conversationId }}',
				tagBy: 'name',
				tagName: 'VIP',
			},
			{ credentials },
		),
		node(
			vendor,
			NAMES.note,
			type,
			1,
			[1320, 350],
			{
				resource: 'conversation',
				operation: 'replyAsAdmin',
				conversationId: '={{ $json.conversationId }}',
				messageType: 'note',
				message: `=VIP account {{ ${account}.accountName }} ({{ ${account}.plan }}): please answer first.`,
			},
			{ credentials },
		),
		node(vendor, NAMES.result, 'n8n-nodes-base.set', 3.4, [1540, 350], {
			assignments: {
				assignments: [
					str('conversationId', '={{ $json.conversationId }}'),
					str('teamAssigneeId', '={{ $json.teamAssigneeId }}'),
					str('conversationUrl', '={{ $json.conversationUrl }}'),
				],
			},
			options: {},
		}),
	];
	return [
		{
			file: 'intercom-triage.json',
			vendor: 'intercom',
			kind: 'triage',
			workflow: {
				id: WORKFLOW_ID,
				name: 'Intercom: triage the conversations of a new VIP account (webhook)',
				nodes,
				connections: connect([
					[NAMES.webhook, NAMES.account],
					[NAMES.manual, NAMES.sample],
					[NAMES.sample, NAMES.account],
					[NAMES.account, NAMES.search],
					[NAMES.search, NAMES.assign],
					[NAMES.assign, NAMES.tag],
					[NAMES.tag, NAMES.note],
					[NAMES.note, NAMES.result],
				]),
				settings: { executionOrder: 'v1' },
				pinData: {},
				active: false,
				tags: [],
			},
		},
	];
}

module.exports = { examples, NAMES, WORKFLOW_ID, WEBHOOK_PATH, VIP_TEAM_ID, SAMPLE_EVENT };
