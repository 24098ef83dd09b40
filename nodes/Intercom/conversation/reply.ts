import type { IDataObject } from 'n8n-workflow';

import { buildBody } from '../../shared/fields';
import { pathSegment } from '../../shared/paths';
import type { Field, Operation } from '../../shared/types';
import { attachmentFields, contactFields, conversationIdField, messageField } from '../fields';
import { simplifyConversation } from '../simplify';

const fields: Field[] = [
	conversationIdField,
	...contactFields('replies'),
	messageField('The reply, from the contact'),
	attachmentFields(
		'e.g. https://example.com/photo.png',
		'Up to 10 public file URLs, separated by commas or new lines',
	),
];

/** Intercom names the replying contact by one of three keys. */
const REPLY_IDENTITY: Record<string, [string, string]> = {
	id: ['intercom_user_id', 'contactId'],
	email: ['email', 'contactEmail'],
	externalId: ['user_id', 'contactExternalId'],
};

export const replyToConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Reply as Contact',
		value: 'reply',
		action: 'Reply to a conversation as the contact',
		description: 'Add a message from the contact to an existing conversation',
	},
	fields,
	async run(context, params) {
		const [key, param] = REPLY_IDENTITY[params.contactBy as string];
		const body: IDataObject = {
			message_type: 'comment',
			type: 'user',
			...buildBody(fields, params),
			[key]: params[param],
		};
		const conversation = await context.send({
			method: 'POST',
			url: `/conversations/${pathSegment(String(params.conversationId), 'Conversation ID')}/reply`,
			body,
			purpose: 'reply to the conversation',
			notFound: `Intercom found no conversation "${params.conversationId}", or no contact with the given ${params.contactBy === 'id' ? 'ID' : params.contactBy === 'email' ? 'e-mail' : 'external ID'}.`,
		});
		return {
			raw: conversation,
			simplified: simplifyConversation(conversation, context.credentials),
		};
	},
};
