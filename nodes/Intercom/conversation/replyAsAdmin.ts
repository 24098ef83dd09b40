import { oneOf } from '../../shared/checks';
import { buildBody, messageField } from '../../shared/fields';
import { pathSegment } from '../../shared/paths';
import type { Field, Operation } from '../../shared/types';
import { actingAdminId } from '../admin';
import { adminIdField, attachmentFields, conversationIdField } from '../fields';
import { simplifyConversation } from '../simplify';

const fields: Field[] = [
	conversationIdField,
	messageField({
		description:
			'The text the admin adds. A comment is sent to the contact; a note is seen only by your team (notes accept simple HTML such as <b> and <a>).',
		required: true,
		maxLength: 65_000,
		send: 'body',
	}),
	{
		property: {
			displayName: 'Message Type',
			name: 'messageType',
			type: 'options',
			options: [
				{
					name: 'Comment',
					value: 'comment',
					description: 'A reply the contact sees',
				},
				{
					name: 'Note',
					value: 'note',
					description: 'An internal note that only your team sees',
				},
			],
			default: 'comment',
			description: 'Whether the contact sees the message (comment) or only your team (note)',
		},
		check: oneOf(['comment', 'note'], { required: true }),
		send: 'message_type',
	},
	adminIdField('writes the reply or note'),
	attachmentFields(
		'e.g. https://example.com/guide.pdf',
		'Up to 10 public file URLs, separated by commas or new lines',
	),
];

export const replyAsAdmin: Operation = {
	resource: 'conversation',
	option: {
		name: 'Reply as Admin',
		value: 'replyAsAdmin',
		action: 'Reply to a conversation as an admin',
		description: 'Add a reply the contact sees, or an internal note, from an Intercom admin',
	},
	fields,
	async run(context, params) {
		const adminId = await actingAdminId(context, params);
		const body = { ...buildBody(fields, params), type: 'admin', admin_id: adminId };
		const conversation = await context.send({
			method: 'POST',
			url: `/conversations/${pathSegment(String(params.conversationId), 'Conversation ID')}/reply`,
			body,
			purpose: params.messageType === 'note' ? 'add the note' : 'reply as the admin',
			notFound: `Intercom found no conversation "${params.conversationId}", or no admin with the ID "${adminId}".`,
		});
		return {
			raw: conversation,
			simplified: { ...simplifyConversation(conversation, context.credentials), adminId },
		};
	},
};
