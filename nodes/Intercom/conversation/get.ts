import { conversationGet } from '../../shared/operations';
import { pathSegment } from '../../shared/paths';
import type { Operation } from '../../shared/types';
import { conversationIdField } from '../fields';
import { lastMessages, simplifyConversation } from '../simplify';

export const getConversation: Operation = {
	...conversationGet(
		'Retrieve a conversation with its messages; the simplified output has its last 10 messages as plain text',
	),
	fields: [conversationIdField],
	async run(context, params) {
		const conversation = await context.send({
			method: 'GET',
			url: `/conversations/${pathSegment(String(params.conversationId), 'Conversation ID')}`,
			purpose: 'get the conversation',
			notFound: `No Intercom conversation has the ID "${params.conversationId}".`,
		});
		return {
			raw: conversation,
			simplified: {
				...simplifyConversation(conversation, context.credentials),
				lastMessages: lastMessages(conversation),
			},
		};
	},
};
