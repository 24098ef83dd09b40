import type { Field, Operation } from '../../shared/types';
import { actingAdminId } from '../admin';
import { adminIdField, conversationIdField } from '../fields';
import { sendPart } from '../parts';

const fields: Field[] = [conversationIdField, adminIdField('reopens the conversation')];

export const openConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Open',
		value: 'open',
		action: 'Reopen a conversation as an admin',
		description: 'Reopen a closed or snoozed conversation',
	},
	fields,
	async run(context, params) {
		const body = { message_type: 'open', admin_id: await actingAdminId(context, params) };
		return sendPart(context, params.conversationId, body, 'open the conversation');
	},
};
