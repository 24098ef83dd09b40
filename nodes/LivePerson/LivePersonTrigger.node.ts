import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	ageProblem,
	chosenEvents,
	deliveryWebhook,
	eventsProperty,
	EVENTS_SUBTITLE,
	headerValue,
	ignore,
	nodeScope,
	parseJsonObject,
	rawBody,
	refuse,
	sameHmacHexOrBase64,
	seenDelivery,
	setupNotice,
	simplifyProperty,
	simplifyWanted,
	startExecution,
} from '../shared/trigger';
import {
	endpointOf,
	endpointsToEnter,
	livePersonCredentials,
	readInstallation,
	webhooksOf,
	writeInstallation,
} from './installation';
import type { NotificationChange } from './notifications';
import {
	authorTypeOf,
	changeIdentity,
	changesOf,
	changeTime,
	CONTENT_EVENT,
	CONVERSATION_CHANGE,
	conversationIdOf,
	EVENT_TYPES,
	LIVEPERSON_EVENTS,
	roleOf,
	simplifyChange,
	stateOf,
} from './notifications';
import { livePersonCredentialTest } from './vendor';

/**
 * How late LivePerson delivers a notification at most: the installation's webhook retry keeps a
 * failed notification for up to 72 hours (`capabilities.webhooks.retry.retention_time`, Connector API
 * → Webhooks). Older notifications are refused: replays.
 */
const LIVEPERSON_RETRY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;

/** Conversation states remembered per node, to tell a state change from another update. */
const REMEMBERED_STATES = 500;

/** What the node keeps in the workflow's static data. No secret: the credential's client secret verifies. */
interface TriggerData extends IDataObject {
	registeredUrl?: string;
	/** Per URL of this node (test, production), per event type: the endpoint it replaced (null: none). */
	previousEndpoints?: IDataObject;
	deliveries?: string[];
	states?: IDataObject;
}

type Context = IHookFunctions | IWebhookFunctions;

/** The chosen event types that LivePerson sends. */
function chosenEventTypes(context: Context): string[] {
	return chosenEvents(context).filter((event) => EVENT_TYPES.includes(event));
}

/** Why LivePerson may refuse to change the installation, and what to do instead. */
function refusalHint(context: Context): string {
	const url = context.getNodeWebhookUrl('default') ?? '';
	return `LivePerson does not let this credential change its app installation. Turn off "Register Webhook URLs on the Installation" and have your brand admin set these endpoints on the installation (Connector App Hub, or your LivePerson account team): ${endpointsToEnter(url, chosenEventTypes(context))}.`;
}

const registering = (context: Context) =>
	context.getNodeParameter('registerWebhooks', false) as boolean;

/** Why the filters drop a change, or undefined when it passes. */
function dropReason(context: IWebhookFunctions, { eventType, change }: NotificationChange) {
	if (eventType === CONVERSATION_CHANGE) {
		const states = context.getNodeParameter('conversationStates', []) as string[];
		if (states.length > 0 && !states.includes(stateOf(change) ?? '')) return 'conversation state';
		return undefined;
	}
	const author = authorTypeOf(roleOf(change));
	// Through the Connector API every consumer event comes from the connector itself (this
	// package's nodes among them): listening to them would make a workflow answer itself.
	if (author === 'contact' || author === null) return 'consumer event';
	if ((context.getNodeParameter('agentMessagesOnly', true) as boolean) && author !== 'agent')
		return 'not from an agent';
	const options = context.getNodeParameter('options', {}) as IDataObject;
	if (options.includeAgentOnlyMessages !== true && change.messageAudience === 'AGENTS_AND_MANAGERS')
		return 'message for agents only';
	return undefined;
}

/** Whether a conversation change repeats the state last seen for its conversation. */
function sameStateAsBefore(data: TriggerData, change: IDataObject): boolean {
	const id = conversationIdOf(change);
	const state = stateOf(change);
	if (!id || !state) return false;
	const states = { ...(data.states ?? {}) };
	const before = states[id];
	delete states[id];
	states[id] = state;
	const ids = Object.keys(states);
	for (const old of ids.slice(0, Math.max(0, ids.length - REMEMBERED_STATES))) delete states[old];
	data.states = states;
	return before === state;
}

export class LivePersonTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LivePerson Conversations Trigger',
		name: 'livePersonTrigger',
		icon: { light: 'file:liveperson.svg', dark: 'file:liveperson.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: EVENTS_SUBTITLE,
		description:
			"Starts the workflow when an agent answers in a LivePerson conversation of your connector, or a conversation opens or closes (Connector API webhooks, signed with the connector's client secret)",
		defaults: { name: 'LivePerson Conversations Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// The credential's test is the node's method (see livePersonCredentialTest).
			{ name: 'livePersonConversationsApi', required: true, testedBy: 'livePersonCredentialTest' },
		],
		webhooks: [deliveryWebhook()],
		properties: [
			setupNotice(
				"LivePerson sends each event type to the endpoint set for it on the connector's app installation (the credential's Client ID). Turn on Register Webhook URLs on the Installation if LivePerson lets the credential change its installation; otherwise have your brand admin enter this node's production URL (above) as the endpoint of every event type chosen below, for example ms.MessagingEventNotification.ContentEvent.",
			),
			eventsProperty({
				default: [CONTENT_EVENT],
				options: LIVEPERSON_EVENTS,
				description:
					"The LivePerson event types that start the workflow. The consumer's own events never do: through the Connector API they are what your connector sent.",
			}),
			{
				displayName: 'Register Webhook URLs on the Installation',
				name: 'registerWebhooks',
				type: 'boolean',
				default: false,
				description:
					"Whether the node sets its URL as the endpoint of the chosen event types on the connector's app installation when the workflow is activated, and restores the previous endpoints when it is deactivated (App Management API; other capabilities of the installation stay as they are). LivePerson must allow the credential to change its installation.",
			},
			{
				displayName: 'Agent Messages Only',
				name: 'agentMessagesOnly',
				type: 'boolean',
				default: true,
				description:
					"Whether message, typing and read events start the workflow only when an agent (human or bot) caused them; off, LivePerson's automatic system messages (role CONTROLLER) do too",
			},
			{
				displayName: 'Conversation States',
				name: 'conversationStates',
				type: 'multiOptions',
				default: ['CLOSE', 'OPEN'],
				options: [
					{ name: 'Closed', value: 'CLOSE' },
					{ name: 'Open', value: 'OPEN' },
				],
				description:
					'For Conversation Change events: only conversations in these states. Empty: every state.',
			},
			{
				displayName: 'Only When the State Changes',
				name: 'stateChangesOnly',
				type: 'boolean',
				default: true,
				description:
					'Whether a Conversation Change event starts the workflow only when the conversation was opened or closed, not for other updates (an agent assigned, a skill changed) that keep its state',
			},
			simplifyProperty(
				"Whether to return one item per event with its main fields (event, conversationId, messageId/sequence, text, authorType, consumerId, time) instead of LivePerson's notification as sent",
			),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Messages for Agents Only',
						name: 'includeAgentOnlyMessages',
						type: 'boolean',
						default: false,
						description:
							'Whether messages the consumer does not see (messageAudience AGENTS_AND_MANAGERS) start the workflow',
					},
					{
						displayName: 'Signature Algorithms',
						name: 'signatureAlgorithms',
						type: 'multiOptions',
						default: ['sha1', 'sha256'],
						options: [
							{ name: 'SHA-1 (LivePerson Default)', value: 'sha1' },
							{ name: 'SHA-256 (Enabled per Account)', value: 'sha256' },
						],
						description:
							'The X-Liveperson-Signature schemes accepted: "sha1=" or "sha256=" followed by the HMAC of the body with the client secret, base64 or hexadecimal (as the installation chose)',
					},
				],
			},
		],
	};

	methods = { credentialTest: { livePersonCredentialTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!registering(this)) return true;
				const url = this.getNodeWebhookUrl('default') ?? '';
				const webhooks = webhooksOf(await readInstallation(this, refusalHint(this)));
				const events = chosenEventTypes(this);
				const ours = EVENT_TYPES.filter((type) => endpointOf(webhooks, type) === url);
				return ours.join(',') === events.join(',');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				const events = chosenEventTypes(this);
				if (events.length === 0)
					throw new NodeOperationError(this.getNode(), 'Choose at least one event');
				const url = this.getNodeWebhookUrl('default') ?? '';
				const installation = await readInstallation(this, refusalHint(this));
				const webhooks = webhooksOf(installation);
				// what each event type had before this URL took it (test and production URLs apart)
				const saved = { ...(data.previousEndpoints ?? {}) };
				const previous = { ...((saved[url] as IDataObject | undefined) ?? {}) };
				for (const type of EVENT_TYPES) {
					const current = endpointOf(webhooks, type);
					if (events.includes(type)) {
						if (current === url) continue;
						if (!(type in previous)) previous[type] = current ?? null;
						webhooks[type] = { ...(webhooks[type] as IDataObject), endpoint: url };
					} else if (current === url) {
						restore(webhooks, type, previous, url);
					}
				}
				await writeInstallation(this, installation, refusalHint(this));
				data.registeredUrl = url;
				data.previousEndpoints = { ...saved, [url]: previous };
				data.deliveries = [];
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				if (!registering(this) && data.registeredUrl === undefined) return true;
				const urls = new Set(
					[this.getNodeWebhookUrl('default'), data.registeredUrl].filter(
						(url): url is string => typeof url === 'string' && url !== '',
					),
				);
				const installation = await readInstallation(this, refusalHint(this));
				const webhooks = webhooksOf(installation);
				const saved = { ...(data.previousEndpoints ?? {}) };
				let changed = false;
				for (const type of EVENT_TYPES) {
					const current = endpointOf(webhooks, type);
					if (current === undefined || !urls.has(current)) continue;
					restore(
						webhooks,
						type,
						{ ...((saved[current] as IDataObject | undefined) ?? {}) },
						current,
					);
					changed = true;
				}
				if (changed) await writeInstallation(this, installation, refusalHint(this));
				for (const url of urls) delete saved[url];
				if (Object.keys(saved).length > 0) data.previousEndpoints = saved;
				else delete data.previousEndpoints;
				delete data.registeredUrl;
				delete data.deliveries;
				delete data.states;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await livePersonCredentials(this);
		const secret = String(credentials.clientSecret ?? '');
		// Connector API → Webhooks → "Notification Protocol" (developers.liveperson.com): every
		// notification carries x-liveperson-signature, "sha1=" + HMAC-SHA1 of the body keyed with the
		// client secret ("sha256=" + HMAC-SHA256 where LivePerson enabled it), in base64 or hex as the
		// installation chose, and x-liveperson-account-id / x-liveperson-client-id. No timestamp or
		// delivery ID is signed.
		const raw = await rawBody(this);
		const signature = headerValue(this, 'x-liveperson-signature')?.trim();
		if (!raw || !signature || secret === '') return refuse(this, 401, 'Missing signature');
		const scheme = /^(sha1|sha256)=(.+)$/i.exec(signature);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const algorithms = (options.signatureAlgorithms as string[] | undefined) ?? ['sha1', 'sha256'];
		const algorithm = scheme?.[1].toLowerCase() as 'sha1' | 'sha256' | undefined;
		if (!scheme || !algorithm || !algorithms.includes(algorithm))
			return refuse(this, 401, 'Unsupported signature scheme');
		if (!sameHmacHexOrBase64(algorithm, secret, raw, scheme[2]))
			return refuse(this, 401, 'Invalid signature');
		// LivePerson names the installation and account it sends for: another one's delivery is refused.
		const clientId = headerValue(this, 'x-liveperson-client-id');
		const accountId = headerValue(this, 'x-liveperson-account-id');
		if (clientId !== undefined && clientId.trim() !== String(credentials.clientId ?? '').trim())
			return refuse(this, 401, 'Not for this installation');
		if (accountId !== undefined && accountId.trim() !== String(credentials.accountId ?? '').trim())
			return refuse(this, 401, 'Not for this account');

		const notification = parseJsonObject(raw);
		if (!notification) return refuse(this, 400, 'The body is not a JSON object');
		const changes = changesOf(notification);
		if (!changes) return refuse(this, 400, 'The body is not a LivePerson notification');
		// signed with the body: when LivePerson recorded the newest change (a chat state has no time)
		const times = changes.map(changeTime).filter((time): time is number => time !== undefined);
		const age = ageProblem(
			times.length > 0 ? Math.max(...times) : undefined,
			LIVEPERSON_RETRY_WINDOW_MS,
		);
		if (age) return refuse(this, 401, `Notification ${age}`);

		const data = this.getWorkflowStaticData('node') as TriggerData;
		const events = chosenEventTypes(this);
		const scope = nodeScope(this);
		const stateChangesOnly = this.getNodeParameter('stateChangesOnly', true) as boolean;
		const accepted: NotificationChange[] = [];
		let reason = 'no change';
		for (const change of changes) {
			const drop = !events.includes(change.eventType)
				? 'event'
				: (dropReason(this, change) ??
					(seenDelivery(data, scope, changeIdentity(change)) ? 'replay' : undefined) ??
					(change.eventType === CONVERSATION_CHANGE &&
					stateChangesOnly &&
					sameStateAsBefore(data, change.change)
						? 'state unchanged'
						: undefined));
			if (drop) reason = drop;
			else accepted.push(change);
		}
		if (accepted.length === 0) return ignore(reason);
		return startExecution(
			this,
			simplifyWanted(this)
				? accepted.map(simplifyChange)
				: [{ ...notification, body: { changes: accepted.map((change) => change.change) } }],
		);
	}
}

/** Puts back the endpoint an event type had before `url` took it (or removes the event type). */
function restore(webhooks: IDataObject, type: string, previous: IDataObject, url: string): void {
	const before = previous[type];
	if (typeof before === 'string' && before !== '' && before !== url) {
		webhooks[type] = { ...(webhooks[type] as IDataObject), endpoint: before };
	} else {
		delete webhooks[type];
	}
	delete previous[type];
}
