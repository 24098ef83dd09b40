import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { oneOf, text } from '../../shared/checks';
import { additionalFields, returnAllFields } from '../../shared/fields';
import { asObject } from '../../shared/objects';
import type { Field, Operation, OperationResult } from '../../shared/types';
import { accountField, accountPath, applicationAccount } from '../application';
import { inboxIdField, labelsField, teamIdField } from '../fields';
import { isoTime } from '../simplify';
import { conversationUrl } from '../vendor';
import { labelList } from './labels';

/** ConversationFinder pages by 25 (Limits::CONVERSATIONS_PER_PAGE). */
export const CONVERSATIONS_PER_PAGE = 25;
const MAX_LIMIT = 1000;
/** Return All stops here: 10 000 conversations. */
const MAX_PAGES = 400;

const STATUSES = ['all', 'open', 'pending', 'resolved', 'snoozed'] as const;
const ASSIGNEE_TYPES = ['all', 'assigned', 'me', 'unassigned'] as const;

const fields: Field[] = [
	{
		property: {
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'All', value: 'all' },
				{ name: 'Open', value: 'open' },
				{ name: 'Pending', value: 'pending' },
				{ name: 'Resolved', value: 'resolved' },
				{ name: 'Snoozed', value: 'snoozed' },
			],
			default: 'open',
			description: 'Only conversations with this status',
		},
		check: oneOf(STATUSES, { required: true }),
	},
	...returnAllFields({ what: 'conversations', maxLimit: MAX_LIMIT }),
	additionalFields([
		accountField,
		{
			property: {
				displayName: 'Assignee',
				name: 'assigneeType',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Assigned', value: 'assigned', description: 'Assigned to any agent' },
					{ name: 'Me', value: 'me', description: "Assigned to the access token's user" },
					{ name: 'Unassigned', value: 'unassigned' },
				],
				default: 'all',
				description: 'Only conversations with this kind of assignee',
			},
			check: oneOf(ASSIGNEE_TYPES),
		},
		inboxIdField('Only conversations of this inbox', { required: false }),
		labelsField(
			'Only conversations with at least one of these labels.',
			(value) =>
				value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
					? undefined
					: labelList()(value),
			false,
		),
		{
			property: {
				displayName: 'Message Text',
				name: 'query',
				type: 'string',
				default: '',
				placeholder: 'e.g. refund',
				description:
					'Only conversations with a message containing this text. Chatwoot then ignores Status.',
			},
			check: text({ maxLength: 500 }),
		},
		teamIdField('Only conversations of this team'),
	]),
];

/** The query of GET …/conversations (labels comma-separated: style form, explode false). */
export function buildSearchQuery(params: IDataObject, page: number): IDataObject {
	const extra = (params.additionalFields ?? {}) as IDataObject;
	const qs: IDataObject = { status: params.status, page };
	if (extra.assigneeType !== undefined) qs.assignee_type = extra.assigneeType;
	if (extra.inboxId !== undefined) qs.inbox_id = extra.inboxId;
	if (extra.teamId !== undefined) qs.team_id = extra.teamId;
	if (Array.isArray(extra.labels)) qs.labels = extra.labels.join(',');
	if (extra.query !== undefined) qs.q = extra.query;
	return qs;
}

function simplifyListed(
	conversation: IDataObject,
	accountId: string,
	credentials: ICredentialDataDecryptedObject,
): IDataObject {
	const meta = asObject(conversation.meta);
	const sender = asObject(meta.sender);
	return {
		conversationId: conversation.id,
		status: conversation.status,
		inboxId: conversation.inbox_id,
		contactId: sender.id ?? null,
		contactName: sender.name ?? null,
		assigneeId: asObject(meta.assignee).id ?? null,
		teamId: asObject(meta.team).id ?? null,
		labels: Array.isArray(conversation.labels) ? conversation.labels : [],
		priority: conversation.priority ?? null,
		unreadCount: conversation.unread_count ?? null,
		createdAt: isoTime(conversation.created_at) ?? null,
		lastActivityAt: isoTime(conversation.last_activity_at ?? conversation.timestamp) ?? null,
		conversationUrl: conversationUrl(credentials, accountId, conversation.id),
	};
}

export const searchConversations: Operation = {
	resource: 'conversation',
	option: {
		name: 'Get Many',
		value: 'search',
		action: 'Get many conversations',
		description:
			"List the conversations that the agent who owns the credential's User Access Token may see, by status, assignee, inbox, team, labels or message text",
	},
	fields,
	async run(context, params) {
		const accountId = applicationAccount(context, params, 'Get Many Conversations');
		const wanted = params.returnAll === true ? Infinity : (params.limit as number);
		const found: IDataObject[] = [];
		for (let page = 1; page <= MAX_PAGES && found.length < wanted; page++) {
			const answer = await context.send<{ data?: { payload?: unknown } }>({
				method: 'GET',
				url: accountPath(accountId, '/conversations'),
				qs: buildSearchQuery(params, page),
				purpose: 'search the conversations',
			});
			const payload = answer?.data?.payload;
			const conversations = Array.isArray(payload) ? (payload as IDataObject[]) : [];
			found.push(...conversations);
			if (conversations.length < CONVERSATIONS_PER_PAGE) break;
		}
		return found.slice(0, wanted).map(
			(conversation): OperationResult => ({
				raw: conversation,
				simplified: simplifyListed(conversation, accountId, context.credentials),
			}),
		);
	},
};
