import type { IDataObject } from 'n8n-workflow';

import { oneOf, text } from '../../shared/checks';
import { buildBody, additionalFields } from '../../shared/fields';
import { oncePerExecution } from '../../shared/once';
import type { Field, Operation, OperationContext } from '../../shared/types';
import { requireAccessToken, requireAccountId } from '../api';
import { attributes, contactIdentifierField, numericId } from '../fields';
import { MESSAGE_MAX_LENGTH } from './create';
import { simplifyAgentConversation } from './simplify';

const STATUSES = ['open', 'pending', 'resolved'] as const;

/**
 * The body fields. The Application API's published schema types inbox_id, contact_id, assignee_id
 * and team_id of this call as strings (Rails casts either), so they are sent as text.
 */
const bodyFields: Field[] = [
	{
		property: {
			displayName: 'Message',
			name: 'message',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'The first message, sent by the user of the access token as an outgoing message to the contact. Leave empty to open the conversation without a message.',
		},
		check: text({ maxLength: MESSAGE_MAX_LENGTH }),
		send: 'message.content',
	},
	additionalFields([
		{
			property: {
				displayName: 'Additional Attributes',
				name: 'additionalAttributes',
				type: 'json',
				default: '{}',
				description: 'Conversation details such as the browser or the referring page, as a JSON object',
			},
			check: attributes(),
			send: 'additional_attributes',
		},
		{
			property: {
				displayName: 'Assignee ID',
				name: 'assigneeId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 7',
				description: 'The numeric ID of the agent to assign the conversation to',
			},
			check: numericId(),
			send: 'assignee_id',
		},
		{
			property: {
				displayName: 'Custom Attributes',
				name: 'customAttributes',
				type: 'json',
				default: '{}',
				description: 'Attributes of the conversation as a JSON object, such as {"order_id": "A-1001"}. Define them first in Chatwoot → Settings → Custom Attributes.',
			},
			check: attributes(),
			send: 'custom_attributes',
		},
		{
			property: {
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Open', value: 'open' },
					{ name: 'Pending', value: 'pending', description: 'Waiting, for example for a bot to finish' },
					{ name: 'Resolved', value: 'resolved' },
				],
				default: 'open',
				description: 'The status the conversation starts with',
			},
			check: oneOf(STATUSES),
			send: 'status',
		},
		{
			property: {
				displayName: 'Team ID',
				name: 'teamId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2',
				description: 'The numeric ID of the team to assign the conversation to',
			},
			check: numericId(),
			send: 'team_id',
		},
	]),
];

const fields: Field[] = [
	{
		property: {
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1',
			description: 'The number after /app/accounts/ in Chatwoot\'s web address. Leave empty to use the Account ID of the credential.',
		},
		check: numericId(),
	},
	{
		property: {
			displayName: 'Inbox ID',
			name: 'inboxId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 3',
			description: 'The numeric ID of the inbox (the number after /inbox/ in Chatwoot\'s web address), not the inbox identifier. Website, API, e-mail and phone inboxes are allowed.',
		},
		check: numericId({ required: true }),
	},
	{
		property: {
			displayName: 'Contact Identified By',
			name: 'contactBy',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Contact ID',
					value: 'contactId',
					description: 'The numeric ID of the contact (the number after /contacts/ in Chatwoot\'s web address)',
				},
				{
					name: 'Contact Identifier',
					value: 'contactIdentifier',
					description: 'The contact\'s identifier in this inbox (source_id), for example the contactIdentifier output of Create',
				},
			],
			default: 'contactId',
			description: 'How to name the contact the conversation is with',
		},
		check: oneOf(['contactId', 'contactIdentifier'], { required: true }),
	},
	{
		property: {
			displayName: 'Contact ID',
			name: 'contactId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 1234',
			description: 'The numeric ID of the contact (the number after /contacts/ in Chatwoot\'s web address)',
			displayOptions: { show: { contactBy: ['contactId'] } },
		},
		check: numericId({ required: true }),
	},
	{
		...contactIdentifierField,
		property: {
			...contactIdentifierField.property,
			description: 'The contact\'s identifier in this inbox (Chatwoot\'s source_id), for example the contactIdentifier output of Create',
			displayOptions: { show: { contactBy: ['contactIdentifier'] } },
		},
	},
	...bodyFields,
];

function accountPath(accountId: string, tail: string): string {
	return `/api/v1/accounts/${accountId}${tail}`;
}

/** The request body of POST /api/v1/accounts/{account_id}/conversations. */
export function buildAgentConversationBody(
	params: IDataObject,
	contact: { sourceId: string; contactId?: number },
): IDataObject {
	const body = buildBody(bodyFields, params);
	for (const key of ['assignee_id', 'team_id']) {
		if (body[key] !== undefined) body[key] = String(body[key]);
	}
	return {
		source_id: contact.sourceId,
		inbox_id: String(params.inboxId),
		...(contact.contactId !== undefined ? { contact_id: String(contact.contactId) } : {}),
		...body,
	};
}

/** The request body of POST /api/v1/accounts/{account_id}/contacts/{id}/contact_inboxes (inbox_id is a number there). */
export function buildContactInboxBody(inboxId: number): IDataObject {
	return { inbox_id: inboxId };
}

interface ContactInbox {
	source_id?: string;
	inbox?: { id?: number | string };
}

/**
 * The contact's identifier in the inbox: the one it already has there (read from the contact), or a
 * new one Chatwoot makes for the inbox's channel. Shared by the items of one execution.
 */
async function contactInboxSourceId(context: OperationContext, accountId: string, contactId: number, inboxId: number): Promise<string> {
	return oncePerExecution(context, `chatwoot:contactInbox:${accountId}:${contactId}:${inboxId}`, async () => {
		const found = await context.send<{ payload?: { contact_inboxes?: ContactInbox[] } }>({
			method: 'GET',
			url: accountPath(accountId, `/contacts/${contactId}`),
			purpose: 'find the contact',
			notFound: `Chatwoot found no contact with the ID ${contactId} in account ${accountId}. Check the Contact ID (the number after /contacts/ in Chatwoot's web address) and the Account ID.`,
		});
		const existing = (found.payload?.contact_inboxes ?? []).find(
			(entry) => String(entry.inbox?.id) === String(inboxId) && typeof entry.source_id === 'string' && entry.source_id !== '',
		);
		if (existing) return existing.source_id as string;
		const created = await context.send<{ source_id?: string }>({
			method: 'POST',
			url: accountPath(accountId, `/contacts/${contactId}/contact_inboxes`),
			body: buildContactInboxBody(inboxId),
			purpose: 'add the contact to the inbox',
			notFound: `Chatwoot found no inbox with the ID ${inboxId} in account ${accountId}. Check the Inbox ID (the number after /inbox/ in Chatwoot's web address).`,
		});
		return String(created.source_id);
	});
}

export const createConversationAsAgent: Operation = {
	resource: 'conversation',
	option: {
		name: 'Create as Agent',
		value: 'createAsAgent',
		action: 'Create a conversation as an agent',
		description: 'Start a conversation with a contact through the Application API, with status, assignee and team (needs the access token)',
	},
	fields,
	async run(context, params) {
		requireAccessToken(context);
		const accountId = requireAccountId(context, params.accountId);
		const inboxId = params.inboxId as number;
		const contactId = params.contactBy === 'contactId' ? (params.contactId as number) : undefined;
		const sourceId =
			contactId !== undefined
				? await contactInboxSourceId(context, accountId, contactId, inboxId)
				: String(params.contactIdentifier);

		const conversation = await context.send({
			method: 'POST',
			url: accountPath(accountId, '/conversations'),
			body: buildAgentConversationBody(params, { sourceId, contactId }),
			purpose: 'create the conversation',
			notFound: `Chatwoot found no inbox with the ID ${inboxId} in account ${accountId}, or no contact with the identifier "${sourceId}". Check the Inbox ID (a number, not the inbox identifier) and the contact.`,
		});
		return {
			raw: conversation,
			simplified: simplifyAgentConversation(conversation, { accountId, contactIdentifier: sourceId, contactId }, context.credentials),
		};
	},
};
