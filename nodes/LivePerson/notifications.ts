import type { IDataObject } from 'n8n-workflow';

import { asObject, isObject } from '../shared/objects';

/**
 * LivePerson Connector API webhooks (developers.liveperson.com, Connector API → Webhooks:
 * "Events", "Notification Protocol", "Webhooks Examples"). Every delivery is one notification
 * `{kind: "notification", type, body: {changes: [...]}}`, where `type` is
 * `ms.MessagingEventNotification` (each change has `event.type` ContentEvent, RichContentEvent,
 * AcceptStatusEvent or ChatStateEvent, a `sequence`, `originatorMetadata.role`, `dialogId`,
 * `serverTimestamp`) or `cqm.ExConversationChangeNotification` (each change is
 * `{type: "UPSERT", result: {convId, conversationDetails: {state, participants, ...}}}`). The app
 * installation names one endpoint per event type, keyed as below.
 */

export const MESSAGING = 'ms.MessagingEventNotification';
export const CONVERSATION_CHANGE = 'cqm.ExConversationChangeNotification';
export const CONTENT_EVENT = `${MESSAGING}.ContentEvent`;
export const RICH_CONTENT_EVENT = `${MESSAGING}.RichContentEvent`;

export const LIVEPERSON_EVENTS = [
	{
		name: 'Accept Status (Message Delivered or Read)',
		value: `${MESSAGING}.AcceptStatusEvent`,
		description: 'An agent received or read a message (AcceptStatusEvent)',
	},
	{
		name: 'Chat State (Agent Typing)',
		value: `${MESSAGING}.ChatStateEvent`,
		description: 'An agent started or stopped typing (ChatStateEvent)',
	},
	{
		name: 'Conversation Change (Opened or Closed)',
		value: CONVERSATION_CHANGE,
		description:
			'A conversation was opened, closed or otherwise changed (ExConversationChangeNotification)',
	},
	{
		name: 'Message',
		value: CONTENT_EVENT,
		description: 'An agent sent a text or file message (ContentEvent)',
	},
	{
		name: 'Rich Content Message',
		value: RICH_CONTENT_EVENT,
		description:
			'An agent sent structured content: cards, buttons, quick replies (RichContentEvent)',
	},
];
export const EVENT_TYPES = LIVEPERSON_EVENTS.map((event) => event.value);

/** One change of a notification, with the installation's event type it belongs to. */
export interface NotificationChange {
	eventType: string;
	change: IDataObject;
}

/** The changes of a notification, or undefined when the body is not a LivePerson notification. */
export function changesOf(notification: IDataObject): NotificationChange[] | undefined {
	const type = notification.type;
	const changes = asObject(notification.body).changes;
	if (typeof type !== 'string' || !Array.isArray(changes)) return undefined;
	if (type !== MESSAGING && type !== CONVERSATION_CHANGE) return undefined;
	return changes.filter(isObject).map((change) => ({
		eventType:
			type === MESSAGING ? `${MESSAGING}.${String(asObject(change.event).type ?? '')}` : type,
		change,
	}));
}

/** Roles of LivePerson participants: the consumer, the agents (human or bot), and the system. */
export function authorTypeOf(role: unknown): 'contact' | 'agent' | 'bot' | null {
	if (typeof role !== 'string' || role === '') return null;
	if (role === 'CONSUMER') return 'contact';
	// CONTROLLER is LivePerson's system participant (automatic messages, surveys)
	if (role === 'CONTROLLER') return 'bot';
	return 'agent';
}

export function roleOf(change: IDataObject): string | undefined {
	const role = asObject(change.originatorMetadata).role;
	return typeof role === 'string' ? role : undefined;
}

export function conversationIdOf(change: IDataObject): string | null {
	const result = asObject(change.result);
	const id = change.conversationId ?? change.dialogId ?? result.convId;
	return typeof id === 'string' && id !== '' ? id : null;
}

export function stateOf(change: IDataObject): string | undefined {
	const state = asObject(asObject(change.result).conversationDetails).state;
	return typeof state === 'string' ? state : undefined;
}

const time = (value: unknown) =>
	typeof value === 'number' && Number.isFinite(value) && value > 0
		? new Date(value).toISOString()
		: null;

const participant = (details: IDataObject, roles: string[]): string | null => {
	const list = Array.isArray(details.participants) ? details.participants.map(asObject) : [];
	const found = list.find((p) => typeof p.role === 'string' && roles.includes(p.role));
	return typeof found?.id === 'string' ? found.id : null;
};

/**
 * A change's identity, for recognising a delivery LivePerson retries: the dialog and sequence of a
 * messaging event (sequences grow with every event of a dialog), or the conversation and its
 * metadata time of a conversation change. Undefined when the change carries neither (a chat state
 * without sequence or server time): such changes are never treated as replays.
 */
export function changeIdentity({ eventType, change }: NotificationChange): string | undefined {
	if (eventType === CONVERSATION_CHANGE) {
		const details = asObject(asObject(change.result).conversationDetails);
		const at = details.metaDataLastUpdateTs;
		const id = conversationIdOf(change);
		return id && typeof at === 'number' ? `${id}:${at}:${stateOf(change) ?? ''}` : undefined;
	}
	const dialog = change.dialogId ?? change.conversationId;
	if (typeof dialog !== 'string') return undefined;
	if (typeof change.sequence === 'number') return `${dialog}:${eventType}:${change.sequence}`;
	if (typeof change.serverTimestamp === 'number')
		return `${dialog}:${eventType}:${String(change.originatorId)}:${change.serverTimestamp}`;
	return undefined;
}

/**
 * When LivePerson recorded a change (milliseconds since the epoch): a messaging event's
 * `serverTimestamp`, a conversation change's last metadata update (else its end or start).
 * Undefined for a chat state, which carries no time.
 */
export function changeTime({ eventType, change }: NotificationChange): number | undefined {
	const details = asObject(asObject(change.result).conversationDetails);
	const value =
		eventType === CONVERSATION_CHANGE
			? (details.metaDataLastUpdateTs ?? details.endTs ?? details.startTs)
			: change.serverTimestamp;
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The text of a ContentEvent: the plain-text message, or a file's caption. */
function textOf(event: IDataObject): string | null {
	if (typeof event.message === 'string') return event.message;
	const caption = asObject(event.message).caption;
	return typeof caption === 'string' ? caption : null;
}

/**
 * The shape all of this package's triggers share, named as the LivePerson operations name things:
 * conversationId is what Message → Send and Conversation → Close take; consumerId is LivePerson's
 * consumer ID (as Conversation → Create outputs it), when the notification names the consumer.
 */
export function simplifyChange({ eventType, change }: NotificationChange): IDataObject {
	if (eventType === CONVERSATION_CHANGE) {
		const details = asObject(asObject(change.result).conversationDetails);
		return {
			event: eventType,
			conversationId: conversationIdOf(change),
			messageId: null,
			sequence: null,
			text: null,
			authorType: null,
			state: details.state ?? null,
			closeReason: details.closeReason ?? null,
			skillId: details.skillId ?? null,
			agentId: participant(details, ['ASSIGNED_AGENT']),
			consumerId: participant(details, ['CONSUMER']),
			time: time(details.metaDataLastUpdateTs ?? details.endTs ?? details.startTs),
		};
	}
	const event = asObject(change.event);
	const role = roleOf(change);
	const sequence = typeof change.sequence === 'number' ? change.sequence : null;
	const simplified: IDataObject = {
		event: eventType,
		conversationId: conversationIdOf(change),
		dialogId: typeof change.dialogId === 'string' ? change.dialogId : null,
		// LivePerson numbers the events of a dialog: the sequence is the message's ID in it
		messageId: sequence,
		sequence,
		text: event.type === 'ContentEvent' ? textOf(event) : null,
		authorType: authorTypeOf(role),
		authorRole: role ?? null,
		authorId: typeof change.originatorId === 'string' ? change.originatorId : null,
		consumerId: role === 'CONSUMER' ? (change.originatorId ?? null) : null,
		time: time(change.serverTimestamp),
	};
	if (event.type === 'ContentEvent') {
		simplified.contentType = event.contentType ?? null;
		simplified.messageAudience = change.messageAudience ?? null;
	}
	if (event.type === 'RichContentEvent') {
		simplified.richContent = event.content ?? null;
		simplified.messageAudience = change.messageAudience ?? null;
	}
	if (event.type === 'AcceptStatusEvent') {
		simplified.status = event.status ?? null;
		simplified.sequenceList = event.sequenceList ?? null;
	}
	if (event.type === 'ChatStateEvent') simplified.chatState = event.chatState ?? null;
	return simplified;
}
