'use strict';
/** New Chatwoot conversation (Chatwoot Conversations Trigger, conversation_created) → assign to a team and label it. */

const TRIGGER = 'New Chatwoot Conversation';
const ASSIGN = 'Assign to the Support Team';
const LABEL = 'Label for Triage';

function examples({ SANDBOX_CREDENTIALS, nodeType, uuid, node, connect, sticky }) {
	const cred = SANDBOX_CREDENTIALS.chatwoot;
	const credentials = { [cred.type]: { id: cred.id, name: cred.name } };
	const vendor = 'chatwoot-triage';
	const workflow = {
		id: 'exChatwootTriage',
		name: 'Chatwoot: new conversation → assign and label',
		nodes: [
			sticky(
				vendor,
				'## New conversation → assign and label\nThe **Chatwoot Conversations Trigger** registers its own webhook for *Conversation Created* when the workflow is published.\n\nEach new conversation is assigned to the team with ID 1 (Settings → Teams; Chatwoot then assigns an agent of the team if auto-assignment is on) and gets the label `triage`, plus `vip` when the contact has a CRM identifier. Labels must exist under Settings → Labels.\n\nThe credential needs the **User Access Token** and the **Account ID**.',
				[-80, 0],
				320,
				460,
			),
			node(
				vendor,
				TRIGGER,
				nodeType('chatwootTrigger'),
				1,
				[440, 120],
				{ events: ['conversation_created'] },
				{ credentials, webhookId: uuid('chatwoot-triage:webhook') },
			),
			node(
				vendor,
				ASSIGN,
				nodeType('chatwoot'),
				1,
				[680, 120],
				{
					resource: 'conversation',
					operation: 'assign',
					conversationId: '={{ $json.conversationId }}',
					teamId: '1',
				},
				{ credentials },
			),
			node(
				vendor,
				LABEL,
				nodeType('chatwoot'),
				1,
				[920, 120],
				{
					resource: 'conversation',
					operation: 'addLabels',
					conversationId: `={{ $('${TRIGGER}').item.json.conversationId }}`,
					labels: `={{ $('${TRIGGER}').item.json.crmIdentifier ? 'triage, vip' : 'triage' }}`,
				},
				{ credentials },
			),
		],
		connections: connect([
			[TRIGGER, ASSIGN],
			[ASSIGN, LABEL],
		]),
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
		tags: [],
	};
	return [{ file: 'chatwoot-triage.json', vendor: 'chatwoot', kind: 'triage', workflow }];
}

module.exports = { examples, TRIGGER, ASSIGN, LABEL };
