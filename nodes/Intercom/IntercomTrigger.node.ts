import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { asObject } from '../shared/objects';
import {
	ageProblem,
	deliveryWebhook,
	headerValue,
	hmacHex,
	httpStatusOf,
	ignore,
	isRedirect,
	nodeScope,
	parseJsonObject,
	rawBody,
	redirectHint,
	refuse,
	sameSignature,
	seenDelivery,
	setupNotice,
	simplifyProperty,
	simplifyWanted,
	startExecution,
} from '../shared/trigger';
import {
	authorOf,
	conversationOf,
	eventPart,
	INTERCOM_TOPICS,
	OWN_MESSAGE_TOPICS,
	STATE_TOPICS,
	simplifyNotification,
} from './events';
import { intercomBaseUrl } from './vendor';

const CREDENTIAL = 'intercomConversationsApi';

/**
 * How late Intercom delivers a notification at most (developers.intercom.com, Webhooks → "Delivering
 * Webhook Notifications"): a throttled notification is retried for up to 2 hours, then dropped; a
 * paused subscription resumes after 15 minutes. Older notifications are refused: replays.
 */
const INTERCOM_RETRY_WINDOW_MS = 2 * 60 * 60 * 1000;

type Context = IHookFunctions | IWebhookFunctions;

/** What the node keeps in the workflow's static data (never a secret). */
interface TriggerData extends IDataObject {
	adminId?: string;
	deliveries?: string[];
}

/**
 * The token's admin ID also kept in this process, per workflow and node: n8n saves static data in
 * the background, and a delivery must not wait for (or miss) that save.
 */
const adminIds = new Map<string, string>();

/** The ID of the admin who owns the credential's access token (GET /me), read once per activation. */
async function tokenAdminId(context: Context, data: TriggerData): Promise<string> {
	const scope = nodeScope(context);
	const known = data.adminId ?? adminIds.get(scope);
	if (known) return known;
	const credentials = await context.getCredentials(CREDENTIAL);
	let me: IDataObject;
	try {
		me = asObject(
			await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL, {
				method: 'GET',
				url: `${intercomBaseUrl(credentials)}/me`,
				json: true,
				// as in the transport: a redirect would carry the access token to another address
				disableFollowRedirect: true,
			}),
		);
	} catch (error) {
		const status = httpStatusOf(error);
		throw new NodeOperationError(
			context.getNode(),
			`Intercom could not tell whose access token this is (GET /me${status ? `, HTTP ${status}` : ''})`,
			{
				description: isRedirect(status)
					? redirectHint('Intercom', 'the Region (or, for Custom, the Base URL)')
					: '"Ignore What This Access Token Did" needs it: check the Access Token and Region of the Intercom credential.',
			},
		);
	}
	const id = typeof me.id === 'string' || typeof me.id === 'number' ? String(me.id) : '';
	if (!id)
		throw new NodeOperationError(
			context.getNode(),
			'Intercom answered GET /me without an admin ID',
			{
				description:
					'Check that the Region or Base URL of the credential points at Intercom itself.',
			},
		);
	data.adminId = id;
	adminIds.set(scope, id);
	if (adminIds.size > 1000) adminIds.delete(adminIds.keys().next().value as string);
	return id;
}

function forgetAdmin(context: Context, data: TriggerData) {
	delete data.adminId;
	adminIds.delete(nodeScope(context));
}

function chosenTopics(context: Context): string[] {
	return context.getNodeParameter('topics', []) as string[];
}

/** The Admin IDs the workflow acts as besides the token's admin (Also Ignore Admin IDs). */
function listedAdminIds(context: IWebhookFunctions): string[] {
	return String(context.getNodeParameter('ignoreAdminIds', '') ?? '')
		.split(/[\s,]+/)
		.filter((id) => id !== '');
}

/**
 * Why the event is the workflow's own doing, or undefined: a reply, note or new conversation
 * written, or a close, open, snooze or assignment made, by the token's admin or a listed admin.
 * Intercom names who acted: the author of the event's part.
 */
async function ownAction(
	context: IWebhookFunctions,
	topic: string,
	payload: IDataObject,
	data: TriggerData,
): Promise<'own reply' | 'own action' | undefined> {
	const message = OWN_MESSAGE_TOPICS.includes(topic);
	if (!message && !STATE_TOPICS.includes(topic)) return undefined;
	if (!(context.getNodeParameter('ignoreOwnReplies', true) as boolean)) return undefined;
	const author = authorOf(eventPart(topic, conversationOf(payload)));
	if (author.type !== 'admin' || author.id === undefined || author.id === null) return undefined;
	const id = String(author.id);
	const own = listedAdminIds(context).includes(id) || id === (await tokenAdminId(context, data));
	return own ? (message ? 'own reply' : 'own action') : undefined;
}

export class IntercomTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intercom Conversations Trigger',
		name: 'intercomTrigger',
		icon: { light: 'file:intercom.svg', dark: 'file:intercom.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["topics"] || []).join(", ") }}',
		description:
			'Starts the workflow when a contact or an admin writes in, replies to, closes or assigns an Intercom conversation (signed webhook notifications)',
		defaults: { name: 'Intercom Conversations Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		webhooks: [deliveryWebhook()],
		properties: [
			setupNotice(
				"Intercom sends webhooks to one URL per app, set in the Developer Hub (not through the API): 1. In the Intercom credential, fill in Client Secret (Developer Hub → your app → Basic Information). Without it this node refuses every delivery (401). 2. Publish (activate) this workflow. 3. Developer Hub → your app → Webhooks: paste this node's Production URL (Webhook URLs, above) as the endpoint URL, tick the topics named in parentheses below, and save. Intercom's ping is answered without starting the workflow.",
			),
			{
				displayName: 'Topics',
				name: 'topics',
				type: 'multiOptions',
				required: true,
				default: ['conversation.user.created', 'conversation.user.replied'],
				options: INTERCOM_TOPICS,
				description:
					'The Intercom webhook topics that start the workflow; tick the same topics in the Developer Hub. Others are answered and ignored.',
			},
			{
				displayName: 'Ignore What This Access Token Did',
				name: 'ignoreOwnReplies',
				type: 'boolean',
				default: true,
				description:
					"Whether to skip replies, notes and new conversations written, and closes, opens, snoozes and assignments made, as the admin who owns the credential's access token (or an admin listed below), so that what the workflow does with this node does not trigger it again",
			},
			{
				displayName: 'Also Ignore Admin IDs',
				name: 'ignoreAdminIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 814860, 991267001',
				displayOptions: { show: { ignoreOwnReplies: [true] } },
				description:
					"Comma-separated IDs of the admins the workflow acts as besides the token's own (the Admin ID of Reply as Admin, Close, Open, Snooze or Assign): what they do is skipped as well. A person working as one of these admins is skipped too.",
			},
			simplifyProperty(
				"Whether to return the event's main fields (event, conversationId, messageId, text, authorType, contactId, contactEmail, contactExternalId, state, time) instead of Intercom's whole notification",
			),
		],
	};

	webhookMethods = {
		default: {
			/** Nothing to look up in Intercom: the subscription lives in the Developer Hub. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			/** Activation: read the token's admin once (a changed credential is picked up). */
			async create(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as TriggerData;
				forgetAdmin(this, data);
				if (this.getNodeParameter('ignoreOwnReplies', true) as boolean)
					await tokenAdminId(this, data);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				forgetAdmin(this, this.getWorkflowStaticData('node') as TriggerData);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const data = this.getWorkflowStaticData('node') as TriggerData;
		const credentials = await this.getCredentials(CREDENTIAL);
		const secret =
			typeof credentials.clientSecret === 'string' ? credentials.clientSecret.trim() : '';
		if (secret === '')
			return refuse(
				this,
				401,
				'No Client Secret in the Intercom credential: deliveries cannot be verified',
			);
		const raw = await rawBody(this);
		const signature = headerValue(this, 'x-hub-signature');
		if (!raw || !signature) return refuse(this, 401, 'Missing signature');
		if (!sameSignature(`sha1=${hmacHex('sha1', secret, raw)}`, signature))
			return refuse(this, 401, 'Invalid signature');
		const payload = parseJsonObject(raw);
		if (!payload) return refuse(this, 400, 'The body is not a JSON object');
		const topic = typeof payload.topic === 'string' ? payload.topic : '';
		if (topic === 'ping') return ignore('ping');
		if (!chosenTopics(this).includes(topic)) return ignore('topic');
		// signed with the body: when Intercom created the notification
		const createdAt = typeof payload.created_at === 'number' ? payload.created_at : undefined;
		if (createdAt === undefined) return refuse(this, 401, 'Notification without created_at');
		const age = ageProblem(createdAt * 1000, INTERCOM_RETRY_WINDOW_MS);
		if (age) return refuse(this, 401, `Notification ${age}`);
		const own = await ownAction(this, topic, payload, data);
		if (own) return ignore(own);
		const id = typeof payload.id === 'string' ? payload.id : undefined;
		if (seenDelivery(data, nodeScope(this), id)) return ignore('replay');
		return startExecution(this, [simplifyWanted(this) ? simplifyNotification(payload) : payload]);
	}
}
