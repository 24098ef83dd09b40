import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { asObject, isObject } from '../shared/objects';
import { conversationUrl } from './vendor';

function isoFromEpoch(seconds: unknown): string | undefined {
	return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : undefined;
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	'#39': "'",
	apos: "'",
	nbsp: ' ',
};

/** Intercom's message HTML as plain text: line breaks kept, tags dropped, common entities decoded. */
export function plainText(html: unknown): string {
	if (typeof html !== 'string') return '';
	return html
		.replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name])
		.replace(/[ \t]+/g, ' ')
		.replace(/\s*\n\s*/g, '\n')
		.trim();
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

/** How many of the last messages Get's compact output carries, and how long each text may be. */
export const LAST_MESSAGES = 10;
export const MESSAGE_TEXT_LIMIT = 1000;

/** The parts that are messages: replies the contact sees, and notes only the team sees. */
const MESSAGE_PARTS = new Set(['comment', 'note']);

function message(
	author: unknown,
	body: unknown,
	createdAt: unknown,
	internal: boolean,
): IDataObject | undefined {
	const text = plainText(body);
	if (!text) return undefined;
	const who = asObject(author);
	return {
		author: who.name || who.email || null,
		authorType: who.type ?? null,
		internal,
		text: text.length > MESSAGE_TEXT_LIMIT ? `${text.slice(0, MESSAGE_TEXT_LIMIT)}…` : text,
		createdAt: isoFromEpoch(createdAt) ?? null,
	};
}

/**
 * The conversation's last messages, oldest first, as plain text: the first message and the replies
 * and notes after it, at most LAST_MESSAGES, each cut at MESSAGE_TEXT_LIMIT characters. Enough for
 * an AI agent asked to summarize the conversation, small enough for every item.
 */
export function lastMessages(conversation: IDataObject): IDataObject[] {
	const source = asObject(conversation.source);
	const parts = asObject(conversation.conversation_parts).conversation_parts;
	const messages = [
		message(source.author, source.body, conversation.created_at, false),
		...(Array.isArray(parts) ? parts : [])
			.filter((part) => isObject(part) && MESSAGE_PARTS.has(String(part.part_type)))
			.map((part: IDataObject) =>
				message(part.author, part.body, part.created_at, part.part_type === 'note'),
			),
	];
	return messages
		.filter((entry): entry is IDataObject => entry !== undefined)
		.slice(-LAST_MESSAGES);
}
