import type { IDataObject } from 'n8n-workflow';

import { pathSegment } from '../../shared/paths';
import type { Field, OperationContext, OperationResult, Operation } from '../../shared/types';
import { actingAdminId } from '../admin';
import { adminIdField, conversationIdField } from '../fields';
import { resolveTag, tagFields } from '../tags';
import { conversationUrl } from '../vendor';

const fields: Field[] = [
	conversationIdField,
	...tagFields('remove from the conversation'),
	adminIdField('removes the tag'),
];

/** Add Tag's and Remove Tag's output: the conversation, the tag, and what was done. */
export function tagResult(
	context: OperationContext,
	params: IDataObject,
	tag: { id: string; name: string },
	adminId: string,
	answer: IDataObject,
	tagged: boolean,
): OperationResult {
	return {
		raw: answer,
		simplified: {
			conversationId: String(params.conversationId),
			tagId: answer.id ?? tag.id,
			tagName: answer.name ?? (tag.name || undefined),
			tagged,
			adminId,
			conversationUrl: conversationUrl(context.credentials, params.conversationId),
		},
	};
}

export const removeTagFromConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Remove Tag',
		value: 'removeTag',
		action: 'Remove a tag from a conversation as an admin',
		description: 'Remove a tag from a conversation, picked from the list, by ID or by name',
	},
	fields,
	async run(context, params) {
		const tag = await resolveTag(context, params);
		const adminId = await actingAdminId(context, params);
		const answer = await context.send({
			method: 'DELETE',
			url: `/conversations/${pathSegment(String(params.conversationId), 'Conversation ID')}/tags/${pathSegment(tag.id, 'Tag ID')}`,
			body: { admin_id: adminId },
			idempotent: true,
			purpose: 'remove the tag from the conversation',
			notFound: `Intercom found no conversation "${params.conversationId}", or the tag "${tag.id}" is not on it.`,
		});
		return tagResult(context, params, tag, adminId, answer ?? {}, false);
	},
};
