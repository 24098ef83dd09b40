'use strict';
/**
 * The LivePerson VIP example (scripts/examples/liveperson-vip.js) published in a running n8n: a
 * CRM's "account became VIP" POST to its production webhook sets the consumer info once and moves
 * the conversation to the VIP skill once in the sandbox; a POST without the secret header is
 * refused and changes nothing.
 */
const local = require('../../../scripts/n8n-local');
const { WEBHOOK_AUTH } = require('../../../scripts/make-examples');
const {
	ID,
	PATH,
	NAMES,
	SAMPLE_EVENT,
	VIP_SKILL_ID,
} = require('../../../scripts/examples/liveperson-vip');
const { openConversation } = require('./liveperson-trigger');
const {
	check,
	assert,
	assertEqual,
	pause,
	waitFor,
	executionsOf,
	finishedExecutions,
	executionItems,
} = require('../lib');

const EXTERNAL_CONSUMER_ID = 'crm-contact-vip-e2e';

/** The consumer's profile as Update Consumer Info sends it for SAMPLE_EVENT. */
const VIP_PROFILE = {
	authenticatedData: {
		lp_sdes: [
			{
				type: 'ctmrinfo',
				info: {
					accountName: SAMPLE_EVENT.account.name,
					customerId: SAMPLE_EVENT.account.id,
					ctype: 'vip',
				},
			},
			{
				type: 'personal',
				personal: {
					firstname: SAMPLE_EVENT.consumer.firstName,
					lastname: SAMPLE_EVENT.consumer.lastName,
					contacts: [{ email: SAMPLE_EVENT.consumer.email }],
				},
			},
		],
	},
};

/** The SEND requests the sandbox carried out for this consumer, as [type, body]. */
function sentFor(srv, from) {
	return srv.state.requests
		.slice(from)
		.filter((q) => q.path.endsWith('/messaging/consumer/conversation/send') && q.status < 300)
		.flatMap((q) => (Array.isArray(q.body) ? q.body : [q.body]))
		.map((req) => [req.type, req.body]);
}

async function run(n8n, sandbox) {
	const srv = sandbox.servers.liveperson;
	const url = `${n8n.url}/webhook/${PATH}`;
	const cookie = await local.login(n8n.url);
	let conversation;
	await check(
		'liveperson vip example: an "account became VIP" POST sets the consumer info and moves the conversation to the VIP skill, once each',
		async () => {
			// published before n8n started; n8n registers production webhooks in the background
			await waitFor(
				async () => (await local.request(url, { method: 'POST', body: {} })).status !== 404,
				60000,
			);
			const conversationId = await openConversation(srv, EXTERNAL_CONSUMER_ID);
			conversation = srv.state.conversations.find((c) => c.conversationId === conversationId);
			assert(conversation, `conversation ${conversationId} is not in the sandbox`);
			assertEqual(conversation.skillId, null, 'the skill before the event');
			const requestsBefore = srv.state.requests.length;
			const event = {
				...SAMPLE_EVENT,
				consumer: { ...SAMPLE_EVENT.consumer, externalConsumerId: EXTERNAL_CONSUMER_ID },
				liveperson: { conversationId },
			};
			const r = await local.request(url, {
				method: 'POST',
				headers: { [WEBHOOK_AUTH.header.toLowerCase()]: WEBHOOK_AUTH.value },
				body: event,
			});
			assertEqual(r.status, 200, `POST ${url} (${r.text.slice(0, 200)})`);
			const executions = await finishedExecutions(n8n, cookie, ID, 1);
			assertEqual(executions.length, 1, 'executions after one POST');
			assertEqual(executions[0].status, 'success', 'execution status');

			assertEqual(conversation.userProfile, VIP_PROFILE, "the conversation's consumer info");
			assertEqual(conversation.skillId, VIP_SKILL_ID, "the conversation's skill");
			assertEqual(conversation.state, 'OPEN', "the conversation's state");
			assertEqual(
				sentFor(srv, requestsBefore),
				[
					['userprofile.SetUserProfile', VIP_PROFILE],
					[
						'cm.UpdateConversationField',
						{
							conversationId,
							conversationField: [{ field: 'Skill', type: 'UPDATE', skill: VIP_SKILL_ID }],
						},
					],
				],
				'SEND requests the sandbox carried out (once each)',
			);
			const out = await executionItems(n8n, cookie, executions[0].id, NAMES.result);
			assertEqual(
				out.map((i) => [i.accountId, i.conversationId, i.skillId, i.transferred]),
				[[SAMPLE_EVENT.account.id, conversationId, VIP_SKILL_ID, true]],
				`"${NAMES.result}" output`,
			);
		},
	);
	await check(
		'liveperson vip example: a POST without the secret header is refused with 403 and changes nothing',
		async () => {
			const before = (await executionsOf(n8n, cookie, ID)).length;
			const requestsBefore = srv.state.requests.length;
			const profileBefore = JSON.stringify(conversation?.userProfile);
			const skillBefore = conversation?.skillId;
			const r = await local.request(url, {
				method: 'POST',
				body: {
					...SAMPLE_EVENT,
					consumer: { ...SAMPLE_EVENT.consumer, externalConsumerId: EXTERNAL_CONSUMER_ID },
					liveperson: { conversationId: conversation?.conversationId },
				},
			});
			assertEqual(r.status, 403, `POST ${url} without the secret`);
			await pause(2000);
			assertEqual((await executionsOf(n8n, cookie, ID)).length, before, 'executions');
			assertEqual(srv.state.requests.length, requestsBefore, 'requests to the sandbox');
			assertEqual(JSON.stringify(conversation?.userProfile), profileBefore, 'consumer info');
			assertEqual(conversation?.skillId, skillBefore, 'skill');
		},
	);
}

module.exports = { workflows: [], publish: [ID], run };
