import { randomBytes } from 'node:crypto';

import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { idList, multiSelectField } from '../shared/multiSelect';
import { asObject } from '../shared/objects';
import {
	chosenEvents,
	deliveryWebhook,
	eventsProperty,
	EVENTS_SUBTITLE,
	freshTimestamp,
	headerValue,
	hmacHex,
	httpStatusOf,
	idOrNull,
	ignore,
	isRedirect,
	nodeScope,
	nonEmptyJsonBody,
	queryValue,
	rawBody,
	redirectHint,
	refuse,
	sameSecret,
	sameSignature,
	seenDelivery,
	setupNotice,
	signatureKey,
	simplifyProperty,
	simplifyWanted,
	startExecution,
	triggerCredentials,
} from '../shared/trigger';
import { numericId } from './fields';
import { chatwootLoadOptions } from './lists';
import { isoTime, withoutSecrets } from './simplify';
import { accessTokenOf, chatwootBaseUrl, credentialAccountId, credentialProblem } from './vendor';

const CREDENTIAL = 'chatwootConversationsApi';

const CHATWOOT_EVENTS = [
	{ name: 'Contact Created', value: 'contact_created' },
	{ name: 'Conversation Created', value: 'conversation_created' },
	{ name: 'Conversation Status Changed', value: 'conversation_status_changed' },
	{ name: 'Conversation Updated', value: 'conversation_updated' },
	{ name: 'Message Created', value: 'message_created' },
	{ name: 'Message Updated', value: 'message_updated' },
];

/** What a conversation_updated can change (Conversation#allowed_keys?), as its changed_attributes name it. */
const CHANGED_ATTRIBUTES = [
	{ name: 'Assignee', value: 'assignee_id' },
	{ name: 'Custom Attributes', value: 'custom_attributes' },
	{ name: 'Labels', value: 'label_list' },
	{ name: 'Priority', value: 'priority' },
	{ name: 'Snoozed Until', value: 'snoozed_until' },
	{ name: 'Status', value: 'status' },
	{ name: 'Team', value: 'team_id' },
];

type Context = IHookFunctions | IWebhookFunctions;

const inboxIdList = idList({ check: numericId({ required: true }) });

/**
 * The inbox filter (parameter `inboxIds`): picked from the account's inboxes, or, as saved before it
 * was a list, text with IDs separated by commas or spaces ("1, 4").
 */
const inboxFilter = multiSelectField('Inbox Names or IDs', 'inboxIds', {
	description: 'Only events of these inboxes. Empty: every inbox.',
	loadOptionsMethod: 'getInboxes',
	listCheck: (value) =>
		inboxIdList(typeof value === 'string' ? value.split(/[\s,]+/) : value) as string[] | undefined,
});

/** The inbox IDs the filter keeps (empty: every inbox); a value that is no list of inbox IDs fails, naming the field. */
function chosenInboxIds(context: Context): string[] {
	try {
		return (inboxFilter.check?.(context.getNodeParameter('inboxIds', [])) as string[]) ?? [];
	} catch (error) {
		throw new NodeOperationError(
			context.getNode(),
			`${inboxFilter.property.displayName} ${(error as Error).message}`,
			{
				description:
					"Pick the inboxes from the list, or give their numeric IDs (the number after /settings/inboxes/ in Chatwoot's address of the inbox).",
			},
		);
	}
}

/** The attributes a conversation_updated names in `changed_attributes` ([{attribute: {previous_value, current_value}}]). */
function changedAttributesOf(payload: IDataObject): string[] {
	const list = Array.isArray(payload.changed_attributes) ? payload.changed_attributes : [];
	return list.flatMap((entry) => Object.keys(asObject(entry)));
}

/** The query parameter that carries the delivery token (a Chatwoot that does not sign, Require Signature off). */
const DELIVERY_TOKEN_PARAMETER = 'token';

/** What the node keeps in the workflow's static data. The secret and the token never leave it. */
interface TriggerData extends IDataObject {
	webhookId?: number | string;
	webhookSecret?: string;
	deliveryToken?: string;
	profileId?: number | string;
	deliveries?: string[];
}

/** How deliveries to this node prove they come from Chatwoot: the webhook's secret, else the token in its URL. */
interface DeliveryAuth {
	secret?: string;
	token?: string;
}

/** Calls the Application API with the credential's User Access Token; errors name the call, never a secret. */
async function chatwootApi(
	context: Context,
	method: IHttpRequestMethods,
	path: string,
	purpose: string,
	body?: IDataObject,
	acceptNotFound = false,
): Promise<unknown> {
	const credentials = await triggerCredentials(context, CREDENTIAL, credentialProblem);
	if (!accessTokenOf(credentials)) {
		throw new NodeOperationError(
			context.getNode(),
			'The Chatwoot credential has no User Access Token',
			{
				description:
					'The trigger registers its webhook through the Application API: fill in User Access Token (Chatwoot → Profile Settings → Access Token), of an administrator of the account.',
			},
		);
	}
	try {
		return await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL, {
			method,
			url: `${chatwootBaseUrl(credentials)}${path}`,
			body,
			json: true,
			// As in the transport: a redirect would carry the access token to another address.
			disableFollowRedirect: true,
		});
	} catch (error) {
		const status = httpStatusOf(error);
		if (acceptNotFound && status === 404) return undefined;
		const hint =
			status === 401
				? 'Chatwoot refused the User Access Token: check it in the credential.'
				: isRedirect(status)
					? redirectHint('Chatwoot', 'the Base URL')
					: status === 403 || status === 404
						? 'Check the Account ID and that the access token belongs to an administrator of that account.'
						: 'Check the Base URL and that Chatwoot is reachable from n8n.';
		throw new NodeOperationError(
			context.getNode(),
			`Chatwoot could not ${purpose}${status ? ` (HTTP ${status})` : ''}`,
			{ description: hint },
		);
	}
}

async function accountPath(context: Context): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL);
	const accountId = credentialAccountId(credentials);
	if (!accountId || !/^\d+$/.test(accountId)) {
		throw new NodeOperationError(context.getNode(), 'The Chatwoot credential has no Account ID', {
			description:
				"The trigger registers its webhook in an account: enter the Account ID in the credential (the number after /app/accounts/ in Chatwoot's web address).",
		});
	}
	return `/api/v1/accounts/${accountId}/webhooks`;
}

/** Chatwoot answers `{ payload: { webhook } }` (create) and `{ payload: { webhooks } }` or a bare array (list). */
function webhookOf(answer: unknown): IDataObject {
	const payload = asObject(asObject(answer).payload);
	return asObject(payload.webhook ?? asObject(answer).webhook ?? answer);
}
function webhookList(answer: unknown): IDataObject[] {
	const candidates = [
		answer,
		asObject(answer).payload,
		asObject(asObject(answer).payload).webhooks,
		asObject(answer).webhooks,
	];
	const list = candidates.find(Array.isArray) as unknown[] | undefined;
	return (list ?? []).map(asObject);
}

function sameSubscriptions(webhook: IDataObject, events: string[]): boolean {
	const subscriptions = Array.isArray(webhook.subscriptions)
		? (webhook.subscriptions as string[]).map(String).sort()
		: [];
	return subscriptions.join(',') === events.join(',');
}

async function profileId(
	context: Context,
	data: TriggerData,
): Promise<number | string | undefined> {
	if (data.profileId !== undefined) return data.profileId;
	const profile = asObject(
		await chatwootApi(context, 'GET', '/api/v1/profile', 'read the profile'),
	);
	if (typeof profile.id === 'number' || typeof profile.id === 'string') data.profileId = profile.id;
	return data.profileId;
}

/** A registered webhook URL without its query (the delivery token). */
function withoutQuery(url: unknown): string {
	return typeof url === 'string' ? url.split('?')[0] : '';
}

/** The delivery token in a registered webhook URL, if it has one. */
function tokenOf(url: unknown): string | undefined {
	if (typeof url !== 'string' || !url.includes('?')) return undefined;
	for (const pair of url.slice(url.indexOf('?') + 1).split('&')) {
		const [key, value] = pair.split('=');
		if (key === DELIVERY_TOKEN_PARAMETER && value) return value;
	}
	return undefined;
}

const secretOf = (webhook: IDataObject | undefined) =>
	typeof webhook?.secret === 'string' && webhook.secret !== '' ? webhook.secret : undefined;

/** Whether deliveries must be signed by Chatwoot (the Require Signature switch). */
const signatureRequired = (context: Context) =>
	context.getNodeParameter('requireSignature', true) as boolean;

/**
 * What a lookup in Chatwoot found, per workflow and node, in this process: the secret (or token) is
 * looked up once per activation, not per delivery. A failed lookup is tried again after a minute.
 */
const lookups = new Map<string, { at: number; failed: boolean; result: Promise<DeliveryAuth> }>();
const LOOKUP_RETRY_MS = 60_000;

/**
 * Chatwoot's record of this node's webhook (its URL, or a URL ending with this node's webhook path),
 * read from the list of webhooks: what authenticates its deliveries.
 */
async function lookUpDeliveryAuth(
	context: IWebhookFunctions,
): Promise<DeliveryAuth & { webhookId?: number | string }> {
	const webhookId = context.getNode().webhookId;
	const path = await accountPath(context);
	const webhooks = webhookList(await chatwootApi(context, 'GET', path, 'list the webhooks'));
	const production = context.getNodeWebhookUrl('default');
	const ours =
		webhooks.find((webhook) => withoutQuery(webhook.url) === production) ??
		webhooks.find(
			(webhook) =>
				webhookId !== undefined && withoutQuery(webhook.url).endsWith(`/${webhookId}/webhook`),
		);
	if (!ours) return {};
	const secret = secretOf(ours);
	return {
		webhookId: ours.id as number | string | undefined,
		...(secret ? { secret } : { token: tokenOf(ours.url) }),
	};
}

/**
 * What authenticates this node's deliveries: from static data, else looked up in Chatwoot once per
 * activation (n8n saves static data in the background and can lose what activation stored) and
 * kept in static data again. Empty when Chatwoot has no webhook of this node.
 */
async function deliveryAuth(context: IWebhookFunctions, data: TriggerData): Promise<DeliveryAuth> {
	if (typeof data.webhookSecret === 'string' && data.webhookSecret !== '')
		return { secret: data.webhookSecret };
	if (typeof data.deliveryToken === 'string' && data.deliveryToken !== '')
		return { token: data.deliveryToken };
	const scope = nodeScope(context);
	let lookup = lookups.get(scope);
	if (!lookup || (lookup.failed && Date.now() - lookup.at > LOOKUP_RETRY_MS)) {
		const entry = { at: Date.now(), failed: false, result: lookUpDeliveryAuth(context) };
		entry.result.catch(() => {
			entry.failed = true;
			entry.at = Date.now();
		});
		lookups.delete(scope);
		lookups.set(scope, entry);
		if (lookups.size > 1000) lookups.delete(lookups.keys().next().value as string);
		lookup = entry;
	}
	const found: DeliveryAuth & { webhookId?: number | string } = await lookup.result;
	if (found.webhookId !== undefined) data.webhookId = found.webhookId;
	if (found.secret) data.webhookSecret = found.secret;
	else if (found.token) data.deliveryToken = found.token;
	return { secret: found.secret, token: found.token };
}

/** Forgets this process's lookup: a new activation registers (or finds) the webhook anew. */
function forgetLookup(context: Context): void {
	lookups.delete(nodeScope(context));
}

// ------------------------------------------------------------------ output

function authorType(sender: IDataObject, messageType: unknown): string | null {
	const type = typeof sender.type === 'string' ? sender.type.toLowerCase() : '';
	if (type === 'contact') return 'contact';
	if (type === 'user') return 'agent';
	if (type === 'agent_bot' || type === 'agentbot' || type === 'captain_assistant') return 'bot';
	if (messageType === 'incoming' || messageType === 0) return 'contact';
	if (messageType === undefined) return null;
	return 'bot';
}

const MESSAGE_TYPES: Record<number, string> = {
	0: 'incoming',
	1: 'outgoing',
	2: 'activity',
	3: 'template',
};
function messageTypeName(value: unknown): string | undefined {
	if (typeof value === 'number') return MESSAGE_TYPES[value];
	return typeof value === 'string' ? value : undefined;
}

/** The inbox an event belongs to. */
function inboxIdOf(payload: IDataObject): unknown {
	const conversation = asObject(payload.conversation);
	return asObject(payload.inbox).id ?? conversation.inbox_id ?? payload.inbox_id;
}

/**
 * The shape all of this package's triggers share, named as the Chatwoot operations name things:
 * conversationId is the display ID and contactIdentifier the contact's source ID in the inbox, which
 * Get, Send and Resolve take; crmIdentifier is Chatwoot's contact `identifier`.
 */
function simplifyEvent(event: string, payload: IDataObject): IDataObject {
	if (event.startsWith('message_')) {
		const conversation = asObject(payload.conversation);
		const sender = asObject(payload.sender);
		const contact =
			sender.type === 'contact' ? sender : asObject(asObject(conversation.meta).sender);
		const type = messageTypeName(payload.message_type);
		return {
			event,
			conversationId: idOrNull(conversation.display_id ?? conversation.id),
			messageId: idOrNull(payload.id),
			text: typeof payload.content === 'string' ? payload.content : null,
			authorType: authorType(sender, type),
			messageType: payload.private === true ? 'private' : (type ?? null),
			contactId: idOrNull(contact.id),
			crmIdentifier: idOrNull(contact.identifier),
			contactIdentifier: idOrNull(asObject(conversation.contact_inbox).source_id),
			inboxId: idOrNull(inboxIdOf(payload)),
			time: isoTime(payload.created_at) ?? null,
		};
	}
	if (event.startsWith('conversation_')) {
		const contact = asObject(asObject(payload.meta).sender);
		return {
			event,
			conversationId: idOrNull(payload.display_id ?? payload.id),
			messageId: null,
			text: null,
			authorType: null,
			status: payload.status ?? null,
			contactId: idOrNull(contact.id),
			crmIdentifier: idOrNull(contact.identifier),
			contactIdentifier: idOrNull(asObject(payload.contact_inbox).source_id),
			inboxId: idOrNull(inboxIdOf(payload)),
			time: isoTime(payload.timestamp ?? payload.updated_at ?? payload.created_at) ?? null,
		};
	}
	return {
		event,
		conversationId: null,
		messageId: null,
		text: null,
		authorType: 'contact',
		contactId: idOrNull(payload.id),
		crmIdentifier: idOrNull(payload.identifier),
		contactIdentifier: null,
		inboxId: null,
		time: isoTime(payload.created_at) ?? null,
	};
}

/** Why the filters drop a message event, or undefined when it passes. */
async function filteredOut(
	context: IWebhookFunctions,
	event: string,
	payload: IDataObject,
	data: TriggerData,
): Promise<string | undefined> {
	const inboxIds = chosenInboxIds(context);
	if (inboxIds.length > 0) {
		const inboxId = inboxIdOf(payload);
		if (inboxId === undefined || !inboxIds.includes(String(inboxId))) return 'inbox';
	}
	if (event === 'conversation_updated') {
		const wanted = context.getNodeParameter('changedAttributes', []) as string[];
		const changed = changedAttributesOf(payload);
		if (wanted.length > 0 && !changed.some((attribute) => wanted.includes(attribute)))
			return 'changed attributes';
	}
	if (!event.startsWith('message_')) return undefined;
	const types = context.getNodeParameter('messageTypes', []) as string[];
	const type =
		payload.private === true ? 'private' : (messageTypeName(payload.message_type) ?? 'unknown');
	if (types.length > 0 && !types.includes(type)) return 'message type';
	if (context.getNodeParameter('ignoreOwnMessages', true) as boolean) {
		const sender = asObject(payload.sender);
		if (sender.type === 'user' && sender.id !== undefined) {
			const own = await profileId(context, data);
			if (own !== undefined && String(own) === String(sender.id)) return 'own message';
		}
	}
	return undefined;
}

export class ChatwootTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatwoot Conversations Trigger',
		name: 'chatwootTrigger',
		icon: { light: 'file:chatwoot.svg', dark: 'file:chatwoot.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: EVENTS_SUBTITLE,
		description:
			'Starts the workflow when a Chatwoot conversation, message or contact event happens (its own account webhook, signed)',
		defaults: { name: 'Chatwoot Conversations Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		webhooks: [deliveryWebhook()],
		properties: [
			setupNotice(
				'On activation the node registers its own webhook in the Chatwoot account (the credential needs the User Access Token of an administrator and the Account ID) and removes it on deactivation.',
			),
			eventsProperty({
				default: ['message_created'],
				options: CHATWOOT_EVENTS,
				description: 'The Chatwoot events that start the workflow',
			}),
			inboxFilter.property,
			{
				displayName: 'Message Types',
				name: 'messageTypes',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Incoming (From the Contact)', value: 'incoming' },
					{ name: 'Outgoing (From an Agent or Bot)', value: 'outgoing' },
					{ name: 'Private Note', value: 'private' },
				],
				description: 'For message events: only these types. Empty: every type.',
			},
			{
				displayName: 'Changed Attributes',
				name: 'changedAttributes',
				type: 'multiOptions',
				default: [],
				options: CHANGED_ATTRIBUTES,
				displayOptions: { show: { events: ['conversation_updated'] } },
				description:
					'For Conversation Updated: only updates that change one of these. Empty: every update. Chatwoot does not say who changed a conversation, so leave out what the workflow itself changes (for example Assignee in a workflow that assigns): otherwise its own change starts it again.',
			},
			{
				displayName: 'Ignore Messages Sent Through This Access Token',
				name: 'ignoreOwnMessages',
				type: 'boolean',
				default: true,
				description:
					"Whether to skip messages whose sender is the credential's access-token user, so that what the workflow posts as an agent with this token does not trigger it again (Send posts as the contact: those are incoming messages)",
			},
			{
				displayName: 'Require Signature',
				name: 'requireSignature',
				type: 'boolean',
				default: true,
				description:
					"Whether only deliveries signed with the webhook's secret start the workflow. Chatwoot before 4.11.2 signs nothing: with this on, activation then fails; off, the node adds a random delivery token to the webhook URL it registers and refuses deliveries without it. A webhook Chatwoot signs is always checked.",
			},
			simplifyProperty(
				"Whether to return the event's main fields (event, conversationId, messageId, text, authorType, contactId, contactIdentifier, inboxId, time) instead of Chatwoot's whole payload (without the contact's pubsub_token)",
			),
		],
	};

	methods = {
		loadOptions: { getInboxes: chatwootLoadOptions.getInboxes },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// a filter that is no list of inbox IDs fails activation, before any request
				chosenInboxIds(this);
				const data = this.getWorkflowStaticData('node') as TriggerData;
				const url = this.getNodeWebhookUrl('default');
				const path = await accountPath(this);
				const webhooks = webhookList(await chatwootApi(this, 'GET', path, 'list the webhooks'));
				forgetLookup(this);
				const ours = webhooks.filter((webhook) => withoutQuery(webhook.url) === url);
				const known = ours.find(
					(webhook) =>
						data.webhookId !== undefined &&
						String(webhook.id) === String(data.webhookId) &&
						sameSubscriptions(webhook, chosenEvents(this)),
				);
				const secret = secretOf(known) ?? data.webhookSecret;
				const token = tokenOf(known?.url);
				// kept when it is signed, or, Require Signature off, carries a delivery token
				if (known && secret) {
					data.webhookSecret = secret;
					return true;
				}
				if (known && token && !signatureRequired(this)) {
					data.deliveryToken = token;
					return true;
				}
				// a webhook for this URL that this node does not know (or with other events): replace it
				for (const webhook of ours) {
					await chatwootApi(
						this,
						'DELETE',
						`${path}/${webhook.id}`,
						'delete the webhook',
						undefined,
						true,
					);
				}
				delete data.webhookId;
				delete data.webhookSecret;
				delete data.deliveryToken;
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				const events = chosenEvents(this);
				if (events.length === 0) {
					throw new NodeOperationError(this.getNode(), 'Choose at least one event');
				}
				const path = await accountPath(this);
				forgetLookup(this);
				const requireSignature = signatureRequired(this);
				// for a Chatwoot that does not sign: a token only Chatwoot and this node know
				const token = requireSignature ? undefined : randomBytes(24).toString('hex');
				const url = this.getNodeWebhookUrl('default') ?? '';
				const webhook = webhookOf(
					await chatwootApi(this, 'POST', path, 'create the webhook', {
						url: token ? `${url}?${DELIVERY_TOKEN_PARAMETER}=${token}` : url,
						subscriptions: events,
					}),
				);
				if (webhook.id === undefined) {
					throw new NodeOperationError(this.getNode(), 'Chatwoot created no webhook ID', {
						description: 'Check that the Base URL points at Chatwoot itself, not a proxy page.',
					});
				}
				delete data.webhookSecret;
				delete data.deliveryToken;
				const secret = secretOf(webhook);
				if (!secret && requireSignature) {
					await chatwootApi(
						this,
						'DELETE',
						`${path}/${webhook.id}`,
						'delete the webhook',
						undefined,
						true,
					);
					throw new NodeOperationError(
						this.getNode(),
						'Chatwoot gave the webhook no secret: its deliveries would not be signed',
						{
							description:
								'Chatwoot signs webhook deliveries from version 4.11.2. Update Chatwoot, or turn off Require Signature: the node then adds a random delivery token to the webhook URL and refuses deliveries without it.',
						},
					);
				}
				data.webhookId = webhook.id as number | string;
				if (secret) data.webhookSecret = secret;
				else if (token) data.deliveryToken = token;
				data.deliveries = [];
				if (this.getNodeParameter('ignoreOwnMessages', true) as boolean) {
					delete data.profileId;
					await profileId(this, data);
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				const path = await accountPath(this);
				// the webhooks for this URL, and the one static data names: static data can be lost
				const url = this.getNodeWebhookUrl('default');
				const webhooks = webhookList(await chatwootApi(this, 'GET', path, 'list the webhooks'));
				forgetLookup(this);
				const ids = new Set(
					webhooks
						.filter((webhook) => withoutQuery(webhook.url) === url)
						.map((webhook) => String(webhook.id)),
				);
				if (data.webhookId !== undefined) ids.add(String(data.webhookId));
				for (const id of ids) {
					await chatwootApi(this, 'DELETE', `${path}/${id}`, 'delete the webhook', undefined, true);
				}
				delete data.webhookId;
				delete data.webhookSecret;
				delete data.deliveryToken;
				delete data.deliveries;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const data = this.getWorkflowStaticData('node') as TriggerData;
		const raw = await rawBody(this);
		const { secret, token } = await deliveryAuth(this, data);
		const deliveryId = headerValue(this, 'x-chatwoot-delivery')?.trim();
		// the replay keys: the delivery ID, and for a signed delivery its signature, as Chatwoot does
		// not sign the delivery ID: a captured delivery sent again with another ID is still a replay
		const replayKeys = [deliveryId];
		if (!secret) {
			// never unsigned without a token: not when the webhook is gone, nor when signatures are required
			if (!token || signatureRequired(this))
				return refuse(this, 401, 'No signing secret or delivery token for this webhook');
			if (!sameSecret(token, queryValue(this, DELIVERY_TOKEN_PARAMETER)))
				return refuse(this, 401, 'Missing or wrong delivery token');
		} else {
			const timestamp = headerValue(this, 'x-chatwoot-timestamp');
			const signature = headerValue(this, 'x-chatwoot-signature');
			if (!raw || !timestamp || !signature) return refuse(this, 401, 'Missing signature');
			const expected = `sha256=${hmacHex('sha256', secret, Buffer.concat([Buffer.from(`${timestamp}.`), raw]))}`;
			if (!sameSignature(expected, signature)) return refuse(this, 401, 'Invalid signature');
			if (!freshTimestamp(timestamp)) return refuse(this, 401, 'Stale timestamp');
			if (!deliveryId) return refuse(this, 401, 'Missing X-Chatwoot-Delivery');
			replayKeys.push(signatureKey(signature));
		}
		const payload = nonEmptyJsonBody(this, raw);
		if (!payload) return refuse(this, 400, 'The body is not a JSON object');
		const event = typeof payload.event === 'string' ? payload.event : '';
		if (!chosenEvents(this).includes(event)) return ignore('event');
		const reason = await filteredOut(this, event, payload, data);
		if (reason) return ignore(reason);
		if (seenDelivery(data, nodeScope(this), replayKeys)) return ignore('replay');
		// Simplify off: the payload as sent, without the contact's pubsub_token (a live secret)
		return startExecution(this, [
			simplifyWanted(this) ? simplifyEvent(event, payload) : withoutSecrets(payload),
		]);
	}
}
