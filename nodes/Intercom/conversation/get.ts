import { id } from '../../shared/checks';
import type { Field, Operation } from '../../shared/types';
import { simplifyConversation } from './simplify';

export const conversationIdField: Field = {
	property: {
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 36000324324',
		description: 'The Intercom conversation ID, for example the conversationId output of Create',
	},
	check: id({ required: true }),
};

export const getConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a conversation',
		description: 'Retrieve a conversation with its messages',
	},
	fields: [conversationIdField],
	async run(context, params) {
		const conversation = await context.send({
			method: 'GET',
			url: `/conversations/${encodeURIComponent(String(params.conversationId))}`,
			purpose: 'get the conversation',
			notFound: `No Intercom conversation has the ID "${params.conversationId}".`,
		});
		return { raw: conversation, simplified: simplifyConversation(conversation, context.credentials) };
	},
};
