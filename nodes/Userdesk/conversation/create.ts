import { buildBody } from '../../shared/fields';
import { conversationCreate } from '../../shared/operations';
import type { Operation } from '../../shared/types';
import { userFields } from '../fields';
import { chatbotPath } from '../vendor';

export const createConversation: Operation = {
	...conversationCreate('Start a conversation with the chatbot and get its welcome message'),
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
			simplified: {
				conversationId: answer.conversationId,
				welcomeMessage: answer.response ?? null,
			},
		};
	},
};
