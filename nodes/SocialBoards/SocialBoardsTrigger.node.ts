import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { asObject, isObject } from '../shared/objects';
import {
	answerText,
	chosenEvents,
	deliveryWebhook,
	eventsProperty,
	EVENTS_SUBTITLE,
	idOrNull,
	ignore,
	nodeScope,
	nonEmptyJsonBody,
	queryValue,
	rawBody,
	refuse,
	sameSecret,
	seenDelivery,
	setupNotice,
	simplifyProperty,
	simplifyWanted,
	startExecution,
	textOrNull,
} from '../shared/trigger';

/** SocialBoards' Chat Webhook events (External Chat API → Reference → Events). */
const SOCIALBOARDS_EVENTS = [
	{ name: 'Conversation Closed', value: 'conversation_closed' },
	{ name: 'Conversation Created', value: 'conversation_created' },
	{ name: 'Conversation Message Added', value: 'conversation_message_added' },
	{ name: 'Conversation Takeover State Changed', value: 'conversation_takeover_state_changed' },
];

/** The query parameter that carries the Delivery Token in the URL pasted into SocialBoards. */
const DELIVERY_TOKEN_PARAMETER = 'token';

interface TriggerData extends IDataObject {
	deliveries?: string[];
}

/** An ISO time in UTC, or the text as given when it is no date. */
function isoTime(value: unknown): string | null {
	if (typeof value !== 'string' || value === '') return null;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** The message of a conversation_message_added event: `Message`, else the conversation's last message. */
function messageOf(event: IDataObject): IDataObject | undefined {
	if (isObject(event.Message)) return event.Message;
	const messages = asObject(event.Conversation).Messages;
	if (Array.isArray(messages) && messages.length > 0 && isObject(messages[messages.length - 1]))
		return messages[messages.length - 1] as IDataObject;
	return undefined;
}

/** contact: a client of the community; agent: written by the team; bot: the bot. */
function authorType(message: IDataObject): 'agent' | 'bot' | 'contact' {
	const author = asObject(message.Author);
	if (author.IsBot === true) return 'bot';
	if (message.IsByTeam === true) return 'agent';
	const status = typeof author.Status === 'string' ? author.Status.toLowerCase() : 'client';
	return status === 'client' ? 'contact' : 'agent';
}

/**
 * The shape all of this package's triggers share, named as the SocialBoards operations name things:
 * conversationId feeds Add, Get and Close; contactId is the client's SocialBoards user ID (GUID).
 */
function simplifyEvent(eventType: string, event: IDataObject): IDataObject {
	const conversation = asObject(event.Conversation);
	const message = eventType === 'conversation_message_added' ? messageOf(event) : undefined;
	const type = message ? authorType(message) : null;
	const contact =
		message && type === 'contact' ? asObject(message.Author) : asObject(conversation.Author);
	return {
		event: eventType,
		conversationId: idOrNull(event.ConversationId ?? conversation.Id),
		messageId: message ? idOrNull(message.Id) : null,
		text: message ? textOrNull(message.Message) : null,
		authorType: type,
		contactId: idOrNull(contact.Id),
		contactEmail: textOrNull(contact.Email),
		contactName: textOrNull(contact.Name),
		isClosed: typeof conversation.IsClosed === 'boolean' ? conversation.IsClosed : null,
		isTakeoverEnabled:
			typeof conversation.IsTakeoverEnabled === 'boolean' ? conversation.IsTakeoverEnabled : null,
		inboxLink: textOrNull(event.InboxLink),
		time: isoTime(event.EventTime),
	};
}

/** What tells one event from another: SocialBoards sends no delivery ID. */
function eventKey(eventType: string, event: IDataObject): string {
	const conversation = asObject(event.Conversation);
	const message = eventType === 'conversation_message_added' ? messageOf(event) : undefined;
	return [
		eventType,
		String(event.ConversationId ?? conversation.Id ?? ''),
		String(event.EventTime ?? ''),
		String(message?.Id ?? ''),
	].join('|');
}

export class SocialBoardsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SocialBoards Conversations Trigger',
		name: 'socialBoardsTrigger',
		icon: { light: 'file:socialboards.svg', dark: 'file:socialboards.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: EVENTS_SUBTITLE,
		description:
			'Starts the workflow when a SocialBoards chat conversation is created, gets a message, changes takeover state or is closed (Chat Webhook)',
		defaults: { name: 'SocialBoards Conversations Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			deliveryWebhook(),
		],
		properties: [
			setupNotice(
				"Set the webhook up by hand in SocialBoards (community settings → Webhooks, Chat events): paste this node's production URL followed by ?token= and the Delivery Token below, and the Verify Token. SocialBoards checks the URL with a GET that this node answers. SocialBoards does not sign its deliveries: the Delivery Token is what proves a delivery comes from SocialBoards.",
			),
			eventsProperty({
				default: ['conversation_message_added'],
				options: SOCIALBOARDS_EVENTS,
				description:
					'The SocialBoards events that start the workflow; tick the same ones in SocialBoards',
			}),
			{
				displayName: 'Verify Token',
				name: 'verifyToken',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				description:
					"The verify token entered with the webhook in SocialBoards. SocialBoards' check (GET with challenge and verifyToken) is answered only when it matches.",
			},
			{
				displayName: 'Delivery Token',
				name: 'deliveryToken',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				description:
					'A long random secret of your own (SocialBoards signs nothing, so this is what proves a delivery comes from your SocialBoards). Append it to the URL you paste into SocialBoards as ?token= followed by this value; deliveries without it are refused (401).',
			},
			{
				displayName: 'Only Messages From Contacts',
				name: 'onlyContactMessages',
				type: 'boolean',
				default: true,
				description:
					'Whether to skip messages written by the team or the bot, so that what the workflow adds with Message → Add (By Team, or as the bot) does not trigger it again',
			},
			simplifyProperty(
				"Whether to return each event's main fields (event, conversationId, messageId, text, authorType, contactId, contactEmail, contactName, time, …) instead of SocialBoards' whole event",
			),
		],
	};

	/**
	 * SocialBoards has no API for webhooks: nothing is registered there. Activation checks the
	 * node's setup; deactivation forgets the deliveries seen.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if ((this.getNodeParameter('verifyToken', '') as string) === '') {
					throw new NodeOperationError(this.getNode(), 'Enter the Verify Token', {
						description:
							'SocialBoards checks the webhook URL with this token before it sends events: enter the same value here and in SocialBoards.',
					});
				}
				if ((this.getNodeParameter('deliveryToken', '') as string) === '') {
					throw new NodeOperationError(this.getNode(), 'Enter the Delivery Token', {
						description:
							'SocialBoards signs nothing: without a token of yours in the URL, anyone who learns it could start the workflow. Enter a long random value as Delivery Token and paste the production URL into SocialBoards followed by ?token= and that value.',
					});
				}
				if (chosenEvents(this).length === 0) {
					throw new NodeOperationError(this.getNode(), 'Choose at least one event');
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				delete data.deliveries;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getWebhookName() === 'setup') {
			const verifyToken = this.getNodeParameter('verifyToken', '') as string;
			const challenge = queryValue(this, 'challenge');
			if (!sameSecret(verifyToken, queryValue(this, 'verifyToken')))
				return refuse(this, 403, 'Wrong verify token');
			if (challenge === undefined) return refuse(this, 400, 'No challenge');
			return answerText(this, challenge);
		}

		const deliveryToken = this.getNodeParameter('deliveryToken', '') as string;
		// required on activation; a node activated by an earlier version may still have none
		if (deliveryToken === '') return refuse(this, 401, 'No Delivery Token is set in the node');
		if (!sameSecret(deliveryToken, queryValue(this, DELIVERY_TOKEN_PARAMETER)))
			return refuse(this, 401, 'Missing or wrong delivery token');

		const raw = await rawBody(this);
		const payload = nonEmptyJsonBody(this, raw);
		if (!payload) return refuse(this, 400, 'The body is not a JSON object');
		const eventType = typeof payload.EventType === 'string' ? payload.EventType : '';
		if (!chosenEvents(this).includes(eventType)) return ignore('event');

		const events = (Array.isArray(payload.Events) ? payload.Events : []).filter(isObject);
		const onlyContacts = this.getNodeParameter('onlyContactMessages', true) as boolean;
		const data = this.getWorkflowStaticData('node') as TriggerData;
		const scope = nodeScope(this);
		const accepted: IDataObject[] = [];
		let filtered = 0;
		for (const event of events) {
			if (eventType === 'conversation_message_added' && onlyContacts) {
				const message = messageOf(event);
				if (!message || authorType(message) !== 'contact') {
					filtered++;
					continue;
				}
			}
			if (seenDelivery(data, scope, eventKey(eventType, event))) continue;
			accepted.push(event);
		}
		if (accepted.length === 0)
			return ignore(events.length === 0 ? 'no events' : filtered > 0 ? 'author' : 'replay');

		const simplify = simplifyWanted(this);
		const items = accepted.map((event) =>
			simplify
				? simplifyEvent(eventType, event)
				: {
						CommunityName: payload.CommunityName,
						EventType: eventType,
						TicketId: payload.TicketId,
						...event,
					},
		);
		return startExecution(this, items);
	}
}
