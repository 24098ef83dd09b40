'use strict';
/**
 * LivePerson: an agent's message → an answer as the consumer, through Message → Send. The consumer
 * message that Send causes comes back through the connector's webhooks and starts nothing (the
 * trigger never starts on consumer events), so the workflow answers each agent message once.
 * test/e2e/live/liveperson-trigger.js publishes and checks it.
 */

const WORKFLOW_ID = 'exLpAgentReply01';
const TRIGGER = 'Agent Message';
const REPLY = 'Answer as the Consumer';
/** The External Consumer ID the conversation was created with (Conversation → Create). */
const EXTERNAL_CONSUMER_ID = 'crm-contact-4711';

function examples({ SANDBOX_CREDENTIALS, nodeType, uuid, node, connect, sticky }) {
	const vendor = 'liveperson';
	const cred = SANDBOX_CREDENTIALS[vendor];
	const credentials = { [cred.type]: { id: cred.id, name: cred.name } };
	const workflow = {
		id: WORKFLOW_ID,
		name: 'LivePerson: answer agent messages as the consumer (no loop)',
		nodes: [
			sticky(
				'liveperson-reply',
				[
					'## LivePerson: answer agent messages as the consumer',
					`**${TRIGGER}** starts when an agent writes in a conversation of your connector (LivePerson's Connector API webhooks, signed with the connector's client secret). On activation it sets its URL on the connector's app installation (**Register Webhook URLs on the Installation**); if LivePerson does not let the credential do that, turn the option off and have your brand admin enter the node's production URL for \`ms.MessagingEventNotification.ContentEvent\`.`,
					'',
					`**${REPLY}** posts into the same conversation (\`{{ $json.conversationId }}\`) as the consumer. LivePerson's notifications name the consumer only by its LivePerson ID (\`consumerId\`): replace the External Consumer ID with the one you created the conversation with (for example from your CRM).`,
					'',
					"No loop: the consumer message this sends comes back through the webhooks, and the trigger never starts on the consumer's own events.",
				].join('\n'),
				[-20, 0],
				300,
				640,
			),
			node(
				vendor,
				TRIGGER,
				nodeType('livePersonTrigger'),
				1,
				[0, 340],
				{
					events: ['ms.MessagingEventNotification.ContentEvent'],
					registerWebhooks: true,
				},
				{ webhookId: uuid('liveperson:agent-reply-trigger'), credentials },
			),
			node(
				vendor,
				REPLY,
				nodeType('livePerson'),
				1,
				[260, 340],
				{
					resource: 'message',
					operation: 'send',
					externalConsumerId: EXTERNAL_CONSUMER_ID,
					conversationId: '={{ $json.conversationId }}',
					message: '=Thanks, I read your message: "{{ $json.text }}"',
				},
				{ credentials },
			),
		],
		connections: connect([[TRIGGER, REPLY]]),
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
		tags: [],
	};
	return [{ file: 'liveperson-agent-reply.json', vendor, kind: 'trigger', workflow }];
}

module.exports = { examples, WORKFLOW_ID, TRIGGER, REPLY, EXTERNAL_CONSUMER_ID };
