'use strict';
/**
 * SocialBoards: a CRM says a deal is closed → a message from your team in the deal's chat
 * conversation (Message → Add, By Team) → Conversation → Close. Checked live by
 * test/e2e/live/socialboards-close.js (production webhook, then the sandbox's state).
 */
const ID = 'exSbClose01sociaB';
const PATH = 'crm-deal-closed-socialboards';

const NAMES = {
	webhook: 'CRM webhook: deal closed',
	manual: 'Try it',
	sample: 'Sample deal-closed event',
	deal: 'Deal from the CRM event',
	add: 'Add a Team Message',
	close: 'Close the Conversation',
	result: 'Result for the CRM',
};

/** What the CRM posts: the deal, the SocialBoards conversation stored on it, and the agent who owns it. */
const SAMPLE_EVENT = {
	event: 'deal.closed',
	deal: { id: 'D-1042', title: 'Acme annual plan', status: 'won' },
	socialboards: { conversationId: 254626 },
	owner: { email: 'ada.agent@example.com', name: 'Ada Agent' },
};

function examples({ SANDBOX_CREDENTIALS, nodeType, uuid, node, connect, sticky, crmEntryNodes }) {
	const { WEBHOOK_AUTH } = require('../make-examples');
	const vendor = 'socialboards-close';
	const cred = SANDBOX_CREDENTIALS.socialboards;
	const credentials = { [cred.type]: { id: cred.id, name: cred.name } };
	const type = nodeType('socialBoards');
	const str = (name, value) => ({ id: uuid(`${vendor}:${name}`), name, value, type: 'string' });
	const deal = (field) => `$('${NAMES.deal}').item.json.${field}`;
	const nodes = [
		sticky(
			vendor,
			[
				'## SocialBoards: close the chat when the deal is closed',
				`Your CRM POSTs the event to **${NAMES.webhook}** (JSON like **${NAMES.sample}**: the deal, the SocialBoards conversation ID stored on it, the deal owner), with the header \`${WEBHOOK_AUTH.header}\` set to the secret of the **${WEBHOOK_AUTH.name}** credential.`,
				'',
				`**${NAMES.add}** posts a message *by your team* (the deal owner as author, **By Team** on); **${NAMES.close}** closes the conversation (closing twice is harmless). After closing, SocialBoards sends new agent messages by e-mail.`,
			].join('\n'),
			[-20, 0],
			200,
			700,
		),
		...crmEntryNodes(vendor, NAMES, PATH, SAMPLE_EVENT, 240),
		node(vendor, NAMES.deal, 'n8n-nodes-base.set', 3.4, [440, 330], {
			assignments: {
				assignments: [
					str('conversationId', '={{ $json.body.socialboards.conversationId }}'),
					str('dealId', '={{ $json.body.deal.id }}'),
					str('dealTitle', '={{ $json.body.deal.title }}'),
					str('ownerEmail', '={{ $json.body.owner.email }}'),
					str('ownerName', '={{ $json.body.owner.name }}'),
				],
			},
			options: {},
		}),
		node(
			vendor,
			NAMES.add,
			type,
			1,
			[680, 330],
			{
				resource: 'message',
				operation: 'add',
				conversationId: '={{ $json.conversationId }}',
				messages: {
					message: [
						{
							authorBy: 'email',
							authorEmail: '={{ $json.ownerEmail }}',
							authorName: '={{ $json.ownerName }}',
							text: '=Your deal "{{ $json.dealTitle }}" is closed. Thank you! We are closing this chat; write to us any time.',
							isByTeam: true,
						},
					],
				},
			},
			{ credentials },
		),
		node(
			vendor,
			NAMES.close,
			type,
			1,
			[920, 330],
			{
				resource: 'conversation',
				operation: 'close',
				conversationId: `={{ ${deal('conversationId')} }}`,
			},
			{ credentials },
		),
		node(vendor, NAMES.result, 'n8n-nodes-base.set', 3.4, [1160, 330], {
			assignments: {
				assignments: [
					str('dealId', `={{ ${deal('dealId')} }}`),
					str('conversationId', '={{ $json.conversationId }}'),
					{ id: uuid(`${vendor}:isClosed`), name: 'isClosed', value: '={{ $json.isClosed }}', type: 'boolean' },
					str(
						'note',
						`=SocialBoards conversation {{ $json.conversationId }} closed for deal {{ ${deal('dealTitle')} }}`,
					),
				],
			},
			options: {},
		}),
	];
	return [
		{
			file: 'socialboards-close.json',
			vendor: 'socialboards',
			kind: 'lifecycle',
			workflow: {
				id: ID,
				name: 'SocialBoards: close the conversation when a deal is closed (webhook)',
				nodes,
				connections: connect([
					[NAMES.webhook, NAMES.deal],
					[NAMES.manual, NAMES.sample],
					[NAMES.sample, NAMES.deal],
					[NAMES.deal, NAMES.add],
					[NAMES.add, NAMES.close],
					[NAMES.close, NAMES.result],
				]),
				settings: { executionOrder: 'v1' },
				pinData: {},
				active: false,
				tags: [],
			},
		},
	];
}

module.exports = { examples, ID, PATH, NAMES, SAMPLE_EVENT };
