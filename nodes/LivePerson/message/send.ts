import { messageField } from '../../shared/fields';
import type { Field, Operation } from '../../shared/types';
import { clientFeaturesField, conversationIdField, externalConsumerIdField } from '../fields';
import { publishTextRequest } from '../requests';
import { sendIntoConversation, sentMessageResult } from '../session';

const fields: Field[] = [
	externalConsumerIdField,
	conversationIdField,
	messageField({
		description: 'What the consumer says, as plain text',
		required: true,
		maxLength: 10_000,
		rows: 3,
	}),
	clientFeaturesField,
];

export const sendMessage: Operation = {
	resource: 'message',
	option: {
		name: 'Send',
		value: 'send',
		action: 'Send a message as the consumer',
		description: 'Send a text message from the consumer into an open conversation',
	},
	fields,
	async run(context, params) {
		const sent = await sendIntoConversation(context, params, (id) => ({
			body: publishTextRequest(id, params.message as string),
			purpose: `send the message into the conversation ${id}`,
		}));
		return sentMessageResult(params, sent);
	},
};
