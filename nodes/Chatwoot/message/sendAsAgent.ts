import type { IDataObject } from 'n8n-workflow';

import { boolean } from '../../shared/checks';
import { messageField } from '../../shared/fields';
import type { Field, Operation } from '../../shared/types';
import {
	accountIdField,
	applicationAccount,
	conversationNotFound,
	conversationPath,
} from '../application';
import { MESSAGE_MAX_LENGTH } from '../conversation/create';
import { conversationIdField } from '../fields';
import { simplifyAgentMessage } from '../simplify';

const OPERATION_NAME = 'Send as Agent';

const privateNoteField: Field = {
	property: {
		displayName: 'Private Note',
		name: 'privateNote',
		type: 'boolean',
		default: false,
		description:
			'Whether to post a private note, visible only to agents, instead of a message the contact receives',
	},
	check: boolean(),
};

export const agentMessageField: Field = messageField({
	description:
		"What the agent says. Chatwoot sends it to the contact through the conversation's channel (or keeps it among agents as a private note).",
	required: true,
	maxLength: MESSAGE_MAX_LENGTH,
});

const fields: Field[] = [accountIdField, conversationIdField, agentMessageField, privateNoteField];

/**
 * The body of POST …/conversations/{id}/messages: an outgoing message, so that Chatwoot's
 * MessageBuilder makes the access token's user its sender.
 */
export function buildAgentMessageBody(params: IDataObject): IDataObject {
	return {
		content: params.message,
		message_type: 'outgoing',
		private: params.privateNote === true,
	};
}

export const sendMessageAsAgent: Operation = {
	resource: 'message',
	option: {
		name: OPERATION_NAME,
		value: 'sendAsAgent',
		action: 'Send a message as an agent',
		description:
			"Post a message or private note from the access token's user into a conversation (Application API)",
	},
	fields,
	async run(context, params) {
		const accountId = applicationAccount(context, params, OPERATION_NAME);
		const conversationId = params.conversationId as number;
		const message = await context.send({
			method: 'POST',
			url: conversationPath(accountId, conversationId, '/messages'),
			body: buildAgentMessageBody(params),
			purpose: 'send the message',
			notFound: conversationNotFound(accountId, conversationId),
		});
		return {
			raw: message,
			simplified: simplifyAgentMessage(message, { accountId, conversationId }, context.credentials),
		};
	},
};
