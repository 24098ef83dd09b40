import type { IDataObject } from 'n8n-workflow';

import { buildBody } from '../../shared/fields';
import type { Field, Operation } from '../../shared/types';
import { actingAdminId } from '../admin';
import { adminIdField, conversationIdField } from '../fields';
import { partMessageField, sendPart } from '../parts';

const fields: Field[] = [
	conversationIdField,
	adminIdField('closes the conversation'),
	partMessageField('Optional reply posted in the conversation as it closes, seen by the contact'),
];

export const closeConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Close',
		value: 'close',
		action: 'Close a conversation as an admin',
		description: 'Close a conversation, with an optional closing message',
	},
	fields,
	async run(context, params) {
		const body: IDataObject = {
			message_type: 'close',
			type: 'admin',
			...buildBody(fields, params),
			admin_id: await actingAdminId(context, params),
		};
		return sendPart(context, params.conversationId, body, 'close the conversation');
	},
};
