import type { IDataObject } from 'n8n-workflow';

import { conversationGet } from '../../shared/operations';
import type { Operation } from '../../shared/types';
import { contactIdentifierField, conversationIdField } from '../fields';
import { sendPublic } from '../public';
import { simplifyPublicConversation } from '../simplify';

export const getConversation: Operation = {
	...conversationGet(
		'Retrieve a conversation of a contact with its status and messages (public client API)',
	),
	fields: [contactIdentifierField, conversationIdField],
	async run(context, params) {
		const contactIdentifier = String(params.contactIdentifier);
		const conversation = await sendPublic<IDataObject>(
			context,
			{ contactIdentifier, conversationId: params.conversationId as number },
			{ method: 'GET', purpose: 'get the conversation' },
		);
		return {
			raw: conversation,
			simplified: simplifyPublicConversation(conversation, contactIdentifier, context.credentials),
		};
	},
};
