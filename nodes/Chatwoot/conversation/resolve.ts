import type { IDataObject } from 'n8n-workflow';

import type { Operation } from '../../shared/types';
import { contactIdentifierField, conversationIdField } from '../fields';
import { sendPublic } from '../public';
import { simplifyPublicConversation } from '../simplify';

export const resolveConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Resolve',
		value: 'resolve',
		action: 'Resolve a conversation',
		description: 'Mark a conversation of the contact as resolved (public client API)',
	},
	fields: [contactIdentifierField, conversationIdField],
	async run(context, params) {
		const contactIdentifier = String(params.contactIdentifier);
		const conversationId = params.conversationId as number;
		const answer = await sendPublic<IDataObject | string | undefined>(
			context,
			{ contactIdentifier, conversationId },
			{
				method: 'POST',
				tail: '/toggle_status',
				purpose: 'resolve the conversation',
				// The public toggle_status only ever resolves (open, pending or snoozed → resolved; resolved stays
				// resolved), so sending it again after a timeout cannot do anything else.
				idempotent: true,
			},
		);
		const conversation: IDataObject =
			typeof answer === 'object' && answer !== null
				? answer
				: { id: conversationId, status: 'resolved' };
		return {
			raw: conversation,
			simplified: simplifyPublicConversation(conversation, contactIdentifier, context.credentials),
		};
	},
};
