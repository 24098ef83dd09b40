import { pathSegment } from '../../shared/paths';
import type { Field, Operation } from '../../shared/types';
import { actingAdminId } from '../admin';
import { adminIdField, conversationIdField } from '../fields';
import { resolveTag, tagFields } from '../tags';
import { tagResult } from './removeTag';

const fields: Field[] = [
	conversationIdField,
	...tagFields('add to the conversation'),
	adminIdField('adds the tag'),
];

export const addTagToConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Add Tag',
		value: 'addTag',
		action: 'Add a tag to a conversation as an admin',
		description: 'Add an existing tag to a conversation, picked from the list, by ID or by name',
	},
	fields,
	async run(context, params) {
		const tag = await resolveTag(context, params);
		const adminId = await actingAdminId(context, params);
		const answer = await context.send({
			method: 'POST',
			url: `/conversations/${pathSegment(String(params.conversationId), 'Conversation ID')}/tags`,
			body: { id: tag.id, admin_id: adminId },
			idempotent: true,
			purpose: 'add the tag to the conversation',
			notFound: `Intercom found no conversation "${params.conversationId}", no tag with the ID "${tag.id}", or no admin with the ID "${adminId}".`,
		});
		return tagResult(context, params, tag, adminId, answer, true);
	},
};
