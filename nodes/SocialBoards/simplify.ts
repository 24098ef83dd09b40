import type { IDataObject } from 'n8n-workflow';

import { asObject, isObject } from '../shared/objects';

/** The compact view of a SocialBoards user (author). */
export function simplifyUser(user: unknown): IDataObject | null {
	if (!isObject(user)) return null;
	const value = user;
	return {
		id: value.id ?? null,
		name: value.name ?? null,
		email: value.email ?? null,
		customIdentifier: value.customIdentifier ?? null,
		isBot: value.isBot ?? false,
	};
}

/** The compact view of a conversation message. */
export function simplifyMessage(message: unknown): IDataObject {
	const value = asObject(message);
	const author = simplifyUser(value.author);
	return {
		messageId: value.id,
		message: value.message,
		authorId: author?.id ?? null,
		authorName: author?.name ?? null,
		authorIsBot: author?.isBot ?? false,
		creationTime: value.creationTime,
	};
}

/**
 * The compact view of SocialBoards' Conversation object: ID, closed and takeover flags, queue
 * position and wait time, message count and author (and the messages when the answer has any).
 */
export function simplifyConversation(
	conversation: IDataObject,
	withMessages: boolean,
): IDataObject {
	const queue = isObject(conversation.queuePositionInfo)
		? conversation.queuePositionInfo
		: undefined;
	const messages = Array.isArray(conversation.messages) ? conversation.messages : [];
	return {
		conversationId: conversation.id,
		isClosed: conversation.isClosed,
		isTakeoverEnabled: conversation.isTakeoverEnabled,
		queuePosition: queue?.position ?? null,
		queueWaitTime: queue?.waitTime ?? null,
		totalMessagesCount: conversation.totalMessagesCount,
		author: simplifyUser(conversation.author),
		creationTime: conversation.creationTime,
		lastModifiedTime: conversation.lastModifiedTime,
		...(withMessages ? { messages: messages.map(simplifyMessage) } : {}),
	};
}
