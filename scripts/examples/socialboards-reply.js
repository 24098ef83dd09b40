'use strict';
/**
 * SocialBoards: a message from the contact (SocialBoards Conversations Trigger) → a reply by your
 * team in the same conversation (Message → Add, By Team). The reply comes back as a
 * conversation_message_added event too; the trigger's "Only Messages From Contacts" drops it, so
 * the workflow does not loop. Checked live by test/e2e/live/socialboards-trigger.js.
 */
const ID = 'exSbReply01sociaB';
const WEBHOOK_ID = '5b0c1e2d-7a3f-4e61-9c8d-2f4a6b8e0d13';
/** Placeholders: enter your own in the trigger and in SocialBoards' webhook settings. */
const VERIFY_TOKEN = 'replace-with-your-verify-token';
const DELIVERY_TOKEN = 'replace-with-a-long-random-delivery-token';
const TEAM_AUTHOR = { email: 'ada@sandbox.test', name: 'Ada Agent' };

const NAMES = {
	trigger: 'New Message From the Contact',
	reply: 'Reply as the Team',
};

function examples({ SANDBOX_CREDENTIALS, nodeType, node, connect, sticky }) {
	const vendor = 'socialboards-reply';
	const cred = SANDBOX_CREDENTIALS.socialboards;
	const credentials = { [cred.type]: { id: cred.id, name: cred.name } };
	const nodes = [
		sticky(
			vendor,
			[
				'## SocialBoards: answer every message from a contact',
				`In SocialBoards' community settings (Webhooks, Chat events: *Conversation Message Added*) paste the production URL of **${NAMES.trigger}** followed by \`?token=\` and its Delivery Token, and enter its Verify Token. Replace both placeholder tokens with long random values first.`,
				'',
				`**${NAMES.reply}** adds a message *by your team* to the same conversation (\`{{ $json.conversationId }}\`). SocialBoards reports that reply as a new message too; **Only Messages From Contacts** drops it, so the workflow answers once per contact message and never itself.`,
			].join('\n'),
			[-20, 0],
			200,
			620,
		),
		node(
			vendor,
			NAMES.trigger,
			nodeType('socialBoardsTrigger'),
			1,
			[0, 240],
			{
				events: ['conversation_message_added'],
				verifyToken: VERIFY_TOKEN,
				deliveryToken: DELIVERY_TOKEN,
				onlyContactMessages: true,
				simplify: true,
			},
			{ webhookId: WEBHOOK_ID },
		),
		node(
			vendor,
			NAMES.reply,
			nodeType('socialBoards'),
			1,
			[260, 240],
			{
				resource: 'message',
				operation: 'add',
				conversationId: '={{ $json.conversationId }}',
				messages: {
					message: [
						{
							authorBy: 'email',
							authorEmail: TEAM_AUTHOR.email,
							authorName: TEAM_AUTHOR.name,
							text: '=Thanks {{ $json.contactName }}, we got your message ("{{ $json.text }}") and will answer shortly.',
							isByTeam: true,
						},
					],
				},
			},
			{ credentials },
		),
	];
	return [
		{
			file: 'socialboards-reply.json',
			vendor: 'socialboards',
			kind: 'trigger',
			workflow: {
				id: ID,
				name: 'SocialBoards: reply to each contact message (trigger, no loop)',
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

module.exports = {
	ID,
	WEBHOOK_ID,
	VERIFY_TOKEN,
	DELIVERY_TOKEN,
	TEAM_AUTHOR,
	NAMES,
	examples,
};
