import { email, text } from '../../shared/checks';
import { buildBody } from '../../shared/fields';
import type { Field, Operation } from '../../shared/types';
import { chatbotPath } from '../vendor';

export const userFields: Field[] = [
	{
		property: {
			displayName: 'User Name',
			name: 'userName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Nathan Smith',
			description: 'Name of the person the chatbot talks to',
		},
		check: text({ maxLength: 255 }),
		send: 'userName',
	},
	{
		property: {
			displayName: 'User Email',
			name: 'userEmail',
			type: 'string',
			default: '',
			placeholder: 'e.g. nathan@example.com',
			description: 'E-mail address of the person the chatbot talks to',
		},
		check: email(),
		send: 'userEmail',
	},
];

export const createConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a conversation',
		description: 'Start a conversation with the chatbot and get its welcome message',
	},
	fields: userFields,
	async run(context, params) {
		const answer = await context.send({
			method: 'POST',
			url: chatbotPath(context.credentials, 'conversation'),
			body: buildBody(userFields, params),
			purpose: 'create the conversation',
			notFound: 'Userdesk found no chatbot with this ID. Check the Chatbot ID in the credential.',
		});
		return {
			raw: answer,
			simplified: { conversationId: answer.conversationId, welcomeMessage: answer.response ?? null },
		};
	},
};
