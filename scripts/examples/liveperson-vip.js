'use strict';
/**
 * LivePerson: a CRM says an account became VIP → Conversation → Update Consumer Info (the VIP
 * customer info, shown to the agent) → Conversation → Transfer to Skill (the VIP skill). Checked
 * live by test/e2e/live/liveperson-vip.js (production webhook, then the sandbox's state).
 */
const { WEBHOOK_AUTH } = require('../make-examples');

const ID = 'exLpVipTransfer1';
const PATH = 'crm-vip-account-liveperson';
/** The VIP skill's ID: change it to your skill's (LivePerson → Users → Skills). */
const VIP_SKILL_ID = '1002';

const NAMES = {
	webhook: 'CRM webhook: account became VIP',
	manual: 'Try it',
	sample: 'Sample VIP event',
	account: 'VIP account from the CRM event',
	update: 'Update Consumer Info',
	transfer: 'Transfer to the VIP Skill',
	result: 'Result for the CRM',
};

/** What the CRM posts: the account, the consumer (your External Consumer ID for it) and its open LivePerson conversation. */
const SAMPLE_EVENT = {
	event: 'account.vip',
	account: { id: 'A-77', name: 'Acme Corp' },
	consumer: {
		externalConsumerId: 'crm-contact-4711',
		firstName: 'Ana',
		lastName: 'Lima',
		email: 'ana.lima@example.com',
	},
	liveperson: { conversationId: '8602832d-dce1-446b-8445-0d51f5926a42' },
};

function examples({ SANDBOX_CREDENTIALS, nodeType, uuid, node, connect, sticky, crmEntryNodes }) {
	const vendor = 'liveperson-vip';
	const cred = SANDBOX_CREDENTIALS.liveperson;
	const credentials = { [cred.type]: { id: cred.id, name: cred.name } };
	const type = nodeType('livePerson');
	const str = (name, value) => ({ id: uuid(`${vendor}:${name}`), name, value, type: 'string' });
	const account = (field) => `$('${NAMES.account}').item.json.${field}`;
	const nodes = [
		sticky(
			vendor,
			[
				'## LivePerson: a new VIP goes to the VIP skill',
				`Your CRM POSTs the event to **${NAMES.webhook}** (JSON like **${NAMES.sample}**: the account, the consumer with the External Consumer ID you opened the conversation with, and the LivePerson conversation ID), with the header \`${WEBHOOK_AUTH.header}\` set to the secret of the **${WEBHOOK_AUTH.name}** credential; other requests get 403.`,
				'',
				`**${NAMES.update}** sends the consumer's names, e-mail and Customer Info (type "vip", CRM account) again, so the agent sees them in the open conversation; **${NAMES.transfer}** moves the conversation to the VIP skill (set its ID in **${NAMES.account}**). Both are safe to repeat.`,
			].join('\n'),
			[-20, 0],
			220,
			760,
		),
		...crmEntryNodes(vendor, NAMES, PATH, SAMPLE_EVENT, 260),
		node(vendor, NAMES.account, 'n8n-nodes-base.set', 3.4, [440, 350], {
			assignments: {
				assignments: [
					str('conversationId', '={{ $json.body.liveperson.conversationId }}'),
					str('externalConsumerId', '={{ $json.body.consumer.externalConsumerId }}'),
					str('firstName', '={{ $json.body.consumer.firstName }}'),
					str('lastName', '={{ $json.body.consumer.lastName }}'),
					str('email', '={{ $json.body.consumer.email }}'),
					str('accountId', '={{ $json.body.account.id }}'),
					str('accountName', '={{ $json.body.account.name }}'),
					str('vipSkillId', VIP_SKILL_ID),
				],
			},
			options: {},
		}),
		node(
			vendor,
			NAMES.update,
			type,
			1,
			[680, 350],
			{
				resource: 'conversation',
				operation: 'updateConsumerInfo',
				externalConsumerId: '={{ $json.externalConsumerId }}',
				firstName: '={{ $json.firstName }}',
				lastName: '={{ $json.lastName }}',
				customerInfo: {
					accountName: '={{ $json.accountName }}',
					customerId: '={{ $json.accountId }}',
					customerType: 'vip',
				},
				personalInfo: { email: '={{ $json.email }}' },
			},
			{ credentials },
		),
		node(
			vendor,
			NAMES.transfer,
			type,
			1,
			[920, 350],
			{
				resource: 'conversation',
				operation: 'transfer',
				externalConsumerId: `={{ ${account('externalConsumerId')} }}`,
				conversationId: `={{ ${account('conversationId')} }}`,
				skillId: `={{ ${account('vipSkillId')} }}`,
			},
			{ credentials },
		),
		node(vendor, NAMES.result, 'n8n-nodes-base.set', 3.4, [1160, 350], {
			assignments: {
				assignments: [
					str('accountId', `={{ ${account('accountId')} }}`),
					str('conversationId', '={{ $json.conversationId }}'),
					str('skillId', '={{ $json.skillId }}'),
					{
						id: uuid(`${vendor}:transferred`),
						name: 'transferred',
						value: '={{ $json.transferred }}',
						type: 'boolean',
					},
					str(
						'note',
						`=LivePerson conversation {{ $json.conversationId }} of VIP account {{ ${account('accountName')} }} moved to skill {{ $json.skillId }}`,
					),
				],
			},
			options: {},
		}),
	];
	return [
		{
			file: 'liveperson-vip.json',
			vendor: 'liveperson',
			kind: 'lifecycle',
			workflow: {
				id: ID,
				name: 'LivePerson: VIP customer info and transfer to the VIP skill (webhook)',
				nodes,
				connections: connect([
					[NAMES.webhook, NAMES.account],
					[NAMES.manual, NAMES.sample],
					[NAMES.sample, NAMES.account],
					[NAMES.account, NAMES.update],
					[NAMES.update, NAMES.transfer],
					[NAMES.transfer, NAMES.result],
				]),
				settings: { executionOrder: 'v1' },
				pinData: {},
				active: false,
				tags: [],
			},
		},
	];
}

module.exports = { examples, ID, PATH, NAMES, SAMPLE_EVENT, VIP_SKILL_ID };
