import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { asObject } from '../shared/objects';
import type { Operation, OperationResult } from '../shared/types';
import { conversationUrl, credentialAccountId } from './vendor';

const MESSAGE_TYPES: Record<number, string> = {
	0: 'incoming',
	1: 'outgoing',
	2: 'activity',
	3: 'template',
};

/** Chatwoot sends Unix seconds for messages and conversations, ISO text for contacts. */
export function isoTime(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value) && value > 0)
		return new Date(value * 1000).toISOString();
	if (typeof value === 'string' && value !== '' && !Number.isNaN(Date.parse(value)))
		return new Date(value).toISOString();
	return undefined;
}

/** 0 → "incoming" (from the contact), 1 → "outgoing" (from an agent or bot), 2 → "activity", 3 → "template". */
export function messageType(value: unknown): string | undefined {
	if (typeof value === 'number') return MESSAGE_TYPES[value] ?? String(value);
	return typeof value === 'string' ? value : undefined;
}

/** The account of a public API answer: the credential's, else the one the contact record names. */
export function publicAccountId(
	credentials: ICredentialDataDecryptedObject,
	conversation: IDataObject,
): unknown {
	return credentialAccountId(credentials) ?? asObject(conversation.contact).account_id;
}

/** The compact view of a public API message. */
export function simplifyMessage(message: IDataObject, contactIdentifier: string): IDataObject {
	return {
		messageId: message.id,
		conversationId: message.conversation_id,
		contactIdentifier,
		content: message.content ?? null,
		messageType: messageType(message.message_type),
		createdAt: isoTime(message.created_at),
	};
}

/** The compact view of a message posted through the Application API (Send as Agent). */
export function simplifyAgentMessage(
	message: IDataObject,
	sent: { accountId: string; conversationId: number },
	credentials: ICredentialDataDecryptedObject,
): IDataObject {
	const attachments = Array.isArray(message.attachments) ? message.attachments : [];
	return {
		messageId: message.id,
		conversationId: sent.conversationId,
		content: message.content ?? null,
		messageType: messageType(message.message_type),
		private: message.private === true,
		senderId: asObject(message.sender).id ?? message.sender_id ?? null,
		attachmentsCount: attachments.length,
		createdAt: isoTime(message.created_at),
		conversationUrl: conversationUrl(credentials, sent.accountId, sent.conversationId),
	};
}

/** The compact view of a public API conversation (Get, Resolve). */
export function simplifyPublicConversation(
	conversation: IDataObject,
	contactIdentifier: string,
	credentials: ICredentialDataDecryptedObject,
): IDataObject {
	const messages = Array.isArray(conversation.messages)
		? (conversation.messages as IDataObject[])
		: [];
	const last = messages.length > 0 ? asObject(messages[messages.length - 1]) : undefined;
	return {
		conversationId: conversation.id,
		conversationUuid: conversation.uuid,
		status: conversation.status,
		inboxId: conversation.inbox_id,
		contactId: asObject(conversation.contact).id,
		contactIdentifier,
		messagesCount: messages.length,
		lastMessageId: last?.id ?? null,
		lastMessage: last ? (last.content ?? null) : null,
		lastMessageType: last ? (messageType(last.message_type) ?? null) : null,
		lastMessageAt: last ? (isoTime(last.created_at) ?? null) : null,
		conversationUrl: conversationUrl(
			credentials,
			publicAccountId(credentials, conversation),
			conversation.id,
		),
	};
}

/**
 * The compact view of a conversation read as an agent (Get and Resolve without a Contact Source
 * ID), with the keys of the contact's view. Chatwoot gives an agent the latest message (or the
 * unread ones), not the whole conversation, so messagesCount is null.
 */
export function simplifyConversationAsAgent(
	conversation: IDataObject,
	accountId: string,
	credentials: ICredentialDataDecryptedObject,
): IDataObject {
	const messages = Array.isArray(conversation.messages)
		? (conversation.messages as IDataObject[])
		: [];
	const latest = conversation.last_non_activity_message ?? messages[messages.length - 1];
	const last = latest ? asObject(latest) : undefined;
	return {
		conversationId: conversation.id,
		conversationUuid: conversation.uuid,
		status: conversation.status,
		inboxId: conversation.inbox_id,
		contactId: asObject(asObject(conversation.meta).sender).id ?? null,
		contactIdentifier: asObject(conversation.contact_inbox).source_id ?? null,
		messagesCount: null,
		lastMessageId: last?.id ?? null,
		lastMessage: last ? (last.content ?? null) : null,
		lastMessageType: last ? (messageType(last.message_type) ?? null) : null,
		lastMessageAt: last ? (isoTime(last.created_at) ?? null) : null,
		conversationUrl: conversationUrl(credentials, accountId, conversation.id),
	};
}

/** The compact view of an Application API conversation (Create as Agent). */
export function simplifyAgentConversation(
	conversation: IDataObject,
	sent: { accountId: string; contactIdentifier: string; contactId?: number },
	credentials: ICredentialDataDecryptedObject,
): IDataObject {
	const meta = asObject(conversation.meta);
	const messages = Array.isArray(conversation.messages)
		? (conversation.messages as IDataObject[])
		: [];
	const accountId = conversation.account_id ?? Number(sent.accountId);
	return {
		conversationId: conversation.id,
		conversationUuid: conversation.uuid,
		status: conversation.status,
		accountId,
		inboxId: conversation.inbox_id,
		contactId: asObject(meta.sender).id ?? sent.contactId ?? null,
		contactIdentifier: asObject(conversation.contact_inbox).source_id ?? sent.contactIdentifier,
		assigneeId: asObject(meta.assignee).id ?? conversation.assignee_id ?? null,
		teamId: asObject(meta.team).id ?? conversation.team_id ?? null,
		messageId: messages.length > 0 ? (asObject(messages[0]).id ?? null) : null,
		createdAt: isoTime(conversation.created_at),
		conversationUrl: conversationUrl(credentials, accountId, conversation.id),
	};
}

/** Keys never output: `pubsub_token` is a live token for the contact's (or user's) real-time channel. */
const SECRET_KEYS = new Set(['pubsub_token']);

/** A copy of `value` without secret keys, at any depth. */
export function withoutSecrets<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => withoutSecrets(entry)) as T;
	if (typeof value !== 'object' || value === null) return value;
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		if (!SECRET_KEYS.has(key)) copy[key] = withoutSecrets(entry);
	}
	return copy as T;
}

/** The operation with secrets left out of its raw output (Simplify off). */
export function withoutSecretOutput(operation: Operation): Operation {
	return {
		...operation,
		async run(context, params) {
			const result = await operation.run(context, params);
			const clean = (one: OperationResult) => ({ ...one, raw: withoutSecrets(one.raw) });
			return Array.isArray(result) ? result.map(clean) : clean(result);
		},
	};
}
