'use strict';
/**
 * Chatwoot: an incoming message → an automatic reply as the agent (Message → Send as Agent). The
 * trigger listens to incoming messages only and ignores what this access token posts, so the reply
 * does not start the workflow again.
 */

const REPLY_NAMES = { trigger: 'Incoming Chatwoot message', reply: 'Reply as Agent' };
const REPLY_TEXT = 'Thanks, we got your message';

function examples({ SANDBOX_CREDENTIALS, nodeType, uuid, node, connect, sticky }) {
	const chatwoot = SANDBOX_CREDENTIALS.chatwoot;
	const credentials = { [chatwoot.type]: { id: chatwoot.id, name: chatwoot.name } };
	const seed = 'chatwoot-reply';
	const nodes = [
		sticky(
			seed,
			[
				'## Chatwoot: reply to every incoming message',
				`**${REPLY_NAMES.trigger}** registers its own webhook in your Chatwoot account when you publish the workflow and starts it for each **incoming** message.`,
				`**${REPLY_NAMES.reply}** answers in the same conversation as the agent of the credential's access token. That reply is an outgoing message from this token: the trigger skips it (*Message Types: Incoming* and *Ignore Messages Sent Through This Access Token*), so the workflow never answers itself.`,
			].join('\n'),
			[-40, -220],
			200,
			620,
		),
		node(
			seed,
			REPLY_NAMES.trigger,
			nodeType('chatwootTrigger'),
			1,
			[0, 0],
			{ events: ['message_created'], messageTypes: ['incoming'], ignoreOwnMessages: true },
			{ webhookId: uuid(`${seed}:trigger`), credentials },
		),
		node(
			seed,
			REPLY_NAMES.reply,
			nodeType('chatwoot'),
			1,
			[260, 0],
			{
				resource: 'message',
				operation: 'sendAsAgent',
				conversationId: '={{ $json.conversationId }}',
				message: REPLY_TEXT,
				privateNote: false,
			},
			{ credentials },
		),
	];
	const workflow = {
		id: 'exChatwootReply1',
		name: 'Chatwoot: reply to every incoming message',
		nodes,
		connections: connect([[REPLY_NAMES.trigger, REPLY_NAMES.reply]]),
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
		tags: [],
	};
	return [{ file: 'chatwoot-reply.json', vendor: 'chatwoot', kind: 'reply', workflow }];
}

module.exports = { examples, REPLY_NAMES, REPLY_TEXT };
