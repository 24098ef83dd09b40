import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { conversationUrl } from './vendor';

function isoFromEpoch(seconds: unknown): string | undefined {
	return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : undefined;
}

/** The compact view of Intercom's Conversation object. */
export function simplifyConversation(
	conversation: IDataObject,
	credentials: ICredentialDataDecryptedObject,
): IDataObject {
	const source = (conversation.source ?? {}) as IDataObject;
	const contacts = ((conversation.contacts as IDataObject)?.contacts ?? []) as IDataObject[];
	const parts = (conversation.conversation_parts ?? {}) as IDataObject;
	const partList = (parts.conversation_parts ?? []) as IDataObject[];
	return {
		conversationId: conversation.id,
		title: conversation.title ?? undefined,
		state: conversation.state,
		open: conversation.open,
		read: conversation.read,
		priority: conversation.priority,
		subject: source.subject || undefined,
		firstMessage: source.body,
		contactIds: contacts.map((contact) => contact.id),
		adminAssigneeId: conversation.admin_assignee_id ?? null,
		teamAssigneeId: conversation.team_assignee_id ?? null,
		partsCount: parts.total_count ?? partList.length,
		lastPartId: partList.length ? partList[partList.length - 1].id : undefined,
		createdAt: isoFromEpoch(conversation.created_at),
		updatedAt: isoFromEpoch(conversation.updated_at),
		conversationUrl: conversationUrl(credentials, conversation.id),
	};
}
