import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { asObject } from '../shared/objects';

/**
 * The conversation topics of Intercom's webhooks the trigger offers (Developer Hub → Webhooks), and
 * how a notification_event about one of them becomes the package's simplified trigger item.
 */
export const INTERCOM_TOPICS: INodePropertyOptions[] = [
	{
		name: 'Admin Added a Note (conversation.admin.noted)',
		value: 'conversation.admin.noted',
	},
	{
		name: 'Admin Assigned a Conversation (conversation.admin.assigned)',
		value: 'conversation.admin.assigned',
	},
	{
		name: 'Admin Closed a Conversation (conversation.admin.closed)',
		value: 'conversation.admin.closed',
	},
	{
		name: 'Admin Opened a Conversation (conversation.admin.opened)',
		value: 'conversation.admin.opened',
	},
	{
		name: 'Admin Replied (conversation.admin.replied)',
		value: 'conversation.admin.replied',
	},
	{
		name: 'Admin Snoozed a Conversation (conversation.admin.snoozed)',
		value: 'conversation.admin.snoozed',
	},
	{
		name: 'Admin Started a Conversation (conversation.admin.single.created)',
		value: 'conversation.admin.single.created',
	},
	{
		name: 'Contact Replied (conversation.user.replied)',
		value: 'conversation.user.replied',
	},
	{
		name: 'Contact Started a Conversation (conversation.user.created)',
		value: 'conversation.user.created',
	},
];

/** Topics whose event is a message (the conversation's first message, or a new part). */
const STARTS_CONVERSATION = ['conversation.user.created', 'conversation.admin.single.created'];

/** The part types each topic adds; the notification's part of that type is the event's part. */
const PART_TYPES: Record<string, string[]> = {
	'conversation.user.replied': ['comment'],
	'conversation.admin.replied': ['comment'],
	'conversation.admin.noted': ['note', 'note_and_reopen'],
	'conversation.admin.closed': ['close'],
	'conversation.admin.opened': ['open'],
	'conversation.admin.snoozed': ['snoozed'],
	'conversation.admin.assigned': [
		'assignment',
		'default_assignment',
		'away_mode_assignment',
		'assign_and_reopen',
		'assign_and_unsnooze',
	],
};

/** Topics whose own messages the echo filter drops: what a workflow writes as the token's admin. */
/** Topics whose part names the admin who changed the conversation's state (its author). */
export const STATE_TOPICS = [
	'conversation.admin.closed',
	'conversation.admin.opened',
	'conversation.admin.snoozed',
	'conversation.admin.assigned',
];

export const OWN_MESSAGE_TOPICS = [
	'conversation.admin.replied',
	'conversation.admin.noted',
	'conversation.admin.single.created',
];

const CONTACT_AUTHORS = ['user', 'lead', 'contact'];

const idOrNull = (value: unknown) =>
	typeof value === 'number' || typeof value === 'string' ? String(value) : null;

function isoFromEpoch(seconds: unknown): string | null {
	return typeof seconds === 'number' && Number.isFinite(seconds)
		? new Date(seconds * 1000).toISOString()
		: null;
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	'#39': "'",
};

/** Intercom's message bodies are HTML ("<p>Hi</p>"): the text a person reads. */
export function plainText(html: unknown): string | null {
	if (typeof html !== 'string') return null;
	return html
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_match, name: string) => ENTITIES[name])
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** The conversation the notification is about (data.item). */
export function conversationOf(payload: IDataObject): IDataObject {
	return asObject(asObject(payload.data).item);
}

function partsOf(conversation: IDataObject): IDataObject[] {
	const parts = asObject(conversation.conversation_parts).conversation_parts;
	return Array.isArray(parts) ? parts.map(asObject) : [];
}

/**
 * The message or part the event is about: the conversation's first message (source, or
 * conversation_message in API 1.x) for a new conversation, else the newest part of the topic's type
 * (Intercom sends the conversation with the parts the notification is about), else the newest part.
 */
export function eventPart(topic: string, conversation: IDataObject): IDataObject | undefined {
	if (STARTS_CONVERSATION.includes(topic)) {
		const source = asObject(conversation.source ?? conversation.conversation_message);
		return Object.keys(source).length > 0 ? source : undefined;
	}
	const parts = partsOf(conversation);
	const types = PART_TYPES[topic] ?? [];
	const ofType = parts.filter((part) => types.includes(String(part.part_type)));
	return ofType[ofType.length - 1] ?? parts[parts.length - 1];
}

export function authorOf(part: IDataObject | undefined): IDataObject {
	return asObject(part?.author);
}

function authorType(author: IDataObject): string | null {
	const type = typeof author.type === 'string' ? author.type : '';
	if (CONTACT_AUTHORS.includes(type)) return 'contact';
	if (type === 'admin' || type === 'team') return 'agent';
	if (type === 'bot') return 'bot';
	return null;
}

/**
 * The shape all of this package's triggers share, named as the Intercom node names its fields:
 * conversationId feeds Reply and Get; contactId, contactEmail and contactExternalId identify the
 * contact as Reply as Contact does.
 */
export function simplifyNotification(payload: IDataObject): IDataObject {
	const topic = String(payload.topic ?? '');
	const conversation = conversationOf(payload);
	const part = eventPart(topic, conversation);
	const author = authorOf(part);
	const contacts = asObject(conversation.contacts).contacts;
	const contactList = Array.isArray(contacts) ? contacts.map(asObject) : [];
	const user = asObject(conversation.user); // API 1.x
	const source = asObject(conversation.source ?? conversation.conversation_message);
	const sourceAuthor = asObject(source.author);
	const contactAuthor = CONTACT_AUTHORS.includes(String(author.type))
		? author
		: CONTACT_AUTHORS.includes(String(sourceAuthor.type))
			? sourceAuthor
			: user;
	const contactId = idOrNull(contactAuthor.id ?? contactList[0]?.id);
	const listed = contactList.find((contact) => idOrNull(contact.id) === contactId) ?? {};
	const email = contactAuthor.email ?? user.email;
	return {
		event: topic,
		conversationId: idOrNull(conversation.id),
		messageId: idOrNull(part?.id),
		text: plainText(part?.body),
		authorType: authorType(author),
		authorId: idOrNull(author.id),
		contactId,
		contactEmail: typeof email === 'string' && email !== '' ? email : null,
		contactExternalId: idOrNull(listed.external_id ?? user.user_id),
		state: typeof conversation.state === 'string' ? conversation.state : null,
		adminAssigneeId: idOrNull(conversation.admin_assignee_id ?? asObject(part?.assigned_to).id),
		time: isoFromEpoch(part?.created_at) ?? isoFromEpoch(payload.created_at),
	};
}
