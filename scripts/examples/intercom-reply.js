'use strict';
/**
 * Intercom: a contact's reply → an answer through Reply as Admin. The trigger's echo filter (and its
 * topic) make sure the answer, which Intercom notifies as conversation.admin.replied, starts nothing.
 */
const ID = 'exIntercomReply1';
const NAMES = {
	trigger: 'Intercom Conversations Trigger',
	reply: 'Reply as Admin',
};

function examples({ SANDBOX_CREDENTIALS, nodeType, uuid, node, connect, sticky }) {
	const cred = SANDBOX_CREDENTIALS.intercom;
	const credentials = { [cred.type]: { id: cred.id, name: cred.name } };
	const nodes = [
		sticky(
			'intercom-reply',
			[
				'## Intercom: answer every reply of a contact',
				`**${NAMES.trigger}** starts on \`conversation.user.replied\`. Set the **Client Secret** in the Intercom credential, publish the workflow, then in Intercom's Developer Hub → your app → Webhooks paste the trigger's Production URL and tick that topic.`,
				`**${NAMES.reply}** answers in the same conversation (\`{{ $json.conversationId }}\`) as the admin who owns the access token.`,
				'',
				"No loop: Intercom notifies that answer as `conversation.admin.replied`, a topic this trigger does not listen to; and with **Ignore What This Access Token Did** (on) it would skip it even if it did.",
			].join('\n'),
			[-20, 0],
			240,
			640,
		),
		node(
			'intercom-reply',
			NAMES.trigger,
			nodeType('intercomTrigger'),
			1,
			[0, 300],
			{ topics: ['conversation.user.replied'], ignoreOwnReplies: true },
			{ webhookId: uuid('intercom-reply:trigger'), credentials },
		),
		node(
			'intercom-reply',
			NAMES.reply,
			nodeType('intercom'),
			1,
			[260, 300],
			{
				resource: 'conversation',
				operation: 'replyAsAdmin',
				conversationId: '={{ $json.conversationId }}',
				message:
					'=Thanks for your message ("{{ $json.text }}"). A teammate will get back to you shortly.',
				messageType: 'comment',
			},
			{ credentials },
		),
	];
	return [
		{
			file: 'intercom-reply.json',
			vendor: 'intercom',
			kind: 'trigger',
			workflow: {
				id: ID,
				name: 'Intercom: answer every reply of a contact (trigger)',
				nodes,
				connections: connect([[NAMES.trigger, NAMES.reply]]),
				settings: { executionOrder: 'v1' },
				pinData: {},
				active: false,
				tags: [],
			},
		},
	];
}

module.exports = { examples, INTERCOM_REPLY_EXAMPLE: { id: ID, names: NAMES } };
