import { buildBody, conversationIdField, messageField } from '../../shared/fields';
import type { Field, Operation } from '../../shared/types';
import { chatbotPath } from '../vendor';
import { userFields } from '../fields';

const fields: Field[] = [
	messageField({
		description: 'What the user says to the chatbot',
		required: true,
		maxLength: 10_000,
		rows: 3,
		send: 'message',
	}),
	conversationIdField({
		required: false,
		description:
			'The conversation to continue, for example the conversationId output of Create. Leave empty and Userdesk starts a new one.',
		send: 'conversationId',
	}),
	...userFields,
];

export const sendMessage: Operation = {
	resource: 'message',
	option: {
		name: 'Send',
		value: 'send',
		action: 'Send a message to the chatbot',
		description: "Send a user message and get the chatbot's answer",
	},
	fields,
	async run(context, params) {
		const answer = await context.send({
			method: 'POST',
			url: chatbotPath(context.credentials, 'message'),
			body: { ...buildBody(fields, params), stream: false },
			purpose: 'send the message',
			notFound:
				'Userdesk found no chatbot or conversation with this ID. Check the Chatbot ID in the credential and the Conversation ID.',
		});
		return {
			raw: answer,
			simplified: { conversationId: answer.conversationId, answer: answer.response ?? null },
		};
	},
};
