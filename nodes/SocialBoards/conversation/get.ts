import { boolean } from '../../shared/checks';
import { conversationGet } from '../../shared/operations';
import { pathSegment } from '../../shared/paths';
import type { Field, Operation } from '../../shared/types';
import { dataOf, type Envelope } from '../vendor';
import { conversationIdField } from '../fields';
import { simplifyConversation } from '../simplify';

const fields: Field[] = [
	conversationIdField,
	{
		property: {
			displayName: 'Include Messages',
			name: 'includeMessages',
			type: 'boolean',
			default: true,
			description:
				"Whether to return the conversation's messages too (the 100 newest, newest first)",
		},
		check: boolean(),
	},
];

export const getConversation: Operation = {
	...conversationGet('Retrieve a conversation with its messages'),
	fields,
	async run(context, params) {
		const withMessages = params.includeMessages !== false;
		const answer = await context.send<Envelope>({
			method: 'GET',
			url: `/chat/conversations/${pathSegment(String(params.conversationId), 'Conversation ID')}`,
			// "orderyBy" is how SocialBoards' documentation spells the parameter.
			qs: withMessages
				? { includeMessages: true, orderyBy: 'creation_time_desc' }
				: { includeMessages: false },
			purpose: 'get the conversation',
			notFound: `No SocialBoards conversation has the ID ${params.conversationId}. Check the Conversation ID, and that the credential belongs to the account the conversation is in.`,
		});
		const conversation = dataOf(answer) ?? {};
		return { raw: conversation, simplified: simplifyConversation(conversation, withMessages) };
	},
};
