import type { IDataObject, NodeOperationError } from 'n8n-workflow';

import { oneOf, text } from '../../shared/checks';
import { itemError } from '../../shared/errors';
import { buildBody, messageField } from '../../shared/fields';
import { oncePerExecution } from '../../shared/once';
import type { Field, Operation, OperationContext } from '../../shared/types';
import { accountPath, applicationAccount, withAccount } from '../application';
import {
	agentIdField,
	attributes,
	CONTACT_SOURCE_ID_LABEL,
	contactIdentifierField,
	contactIdField,
	conversationAttributesField,
	inboxIdField,
	teamIdField,
	whatsappTemplateField,
} from '../fields';
import { MESSAGE_MAX_LENGTH } from './create';
import { simplifyAgentConversation } from '../simplify';

const STATUSES = ['open', 'pending', 'resolved'] as const;

/**
 * The body fields. The Application API's published schema types inbox_id, contact_id, assignee_id
 * and team_id of this call as strings (Rails casts either), so they are sent as text.
 */
const bodyFields: Field[] = [
	messageField({
		description:
			'The first message, sent by the user of the access token as an outgoing message to the contact. Leave empty to open the conversation without a message.',
		maxLength: MESSAGE_MAX_LENGTH,
		send: 'message.content',
	}),
	withAccount([
		{
			property: {
				displayName: 'Additional Attributes',
				name: 'additionalAttributes',
				type: 'json',
				default: '{}',
				description:
					'Conversation details such as the browser or the referring page, as a JSON object',
			},
			check: attributes(),
			send: 'additional_attributes',
		},
		agentIdField('Assignee', 'The agent to assign the conversation to', 'assignee_id'),
		conversationAttributesField('Custom Attributes'),
		{
			property: {
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Open', value: 'open' },
					{
						name: 'Pending',
						value: 'pending',
						description: 'Waiting, for example for a bot to finish',
					},
					{ name: 'Resolved', value: 'resolved' },
				],
				default: 'open',
				description: 'The status the conversation starts with',
			},
			check: oneOf(STATUSES),
			send: 'status',
		},
		teamIdField('The team to assign the conversation to', 'team_id'),
		whatsappTemplateField('message.template_params'),
	]),
];

const fields: Field[] = [
	inboxIdField(
		'The inbox the conversation starts in (not the inbox identifier of the credential). Website, API, e-mail and phone inboxes are allowed.',
	),
	{
		property: {
			displayName: 'Contact Identified By',
			name: 'contactBy',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Contact',
					value: 'contactId',
					description: 'Pick the contact from the list, or give its number or web address',
				},
				{
					name: CONTACT_SOURCE_ID_LABEL,
					value: 'contactIdentifier',
					description:
						"The contact's source ID in the chosen inbox, such as the contactIdentifier output of Create as Contact",
				},
				{
					name: 'CRM Identifier',
					value: 'crmIdentifier',
					description:
						"Your own ID of the contact (Chatwoot's contact identifier), such as the CRM Identifier given to Create as Contact",
				},
			],
			default: 'contactId',
			description: 'How to name the contact the conversation is with',
		},
		check: oneOf(['contactId', 'contactIdentifier', 'crmIdentifier'], { required: true }),
	},
	contactIdField(
		"The contact the conversation is with: search the account's contacts by name, e-mail, phone number or identifier, or give the contact's number or web address",
		{ show: { contactBy: ['contactId'] } },
	),
	{
		...contactIdentifierField,
		property: {
			...contactIdentifierField.property,
			description:
				"The contact's source ID in the chosen inbox (Chatwoot's source_id), such as the contactIdentifier output of Create as Contact; for e-mail, SMS and WhatsApp inboxes the address, +number or whatsapp:+number. Chatwoot looks it up in every inbox: the node checks that it belongs to the chosen inbox and sends nothing otherwise.",
			displayOptions: { show: { contactBy: ['contactIdentifier'] } },
		},
	},
	{
		property: {
			displayName: 'CRM Identifier',
			name: 'crmIdentifier',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. crm-4711',
			description:
				"The contact's identifier in Chatwoot (the CRM Identifier given to Create as Contact), matched exactly. Not the Contact Source ID.",
			displayOptions: { show: { contactBy: ['crmIdentifier'] } },
		},
		check: text({ required: true, maxLength: 255 }),
	},
	...bodyFields,
];

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

export interface ContactInbox {
	source_id?: string;
	inbox?: { id?: number | string };
}

export interface ContactRecord {
	id?: number;
	identifier?: string | null;
	contact_inboxes?: ContactInbox[];
}

/** Chatwoot's contact search answers 15 contacts a page. */
export const SEARCH_PAGE_SIZE = 15;
export const SEARCH_MAX_PAGES = 20;

/**
 * Contacts of the account whose name, e-mail, phone number or identifier contains `query`
 * (GET …/contacts/search, with their contact_inboxes), page by page until `wanted` finds one.
 */
export async function searchContacts(
	context: OperationContext,
	accountId: string,
	query: string,
	wanted: (contact: ContactRecord) => boolean,
	maxPages: number,
): Promise<{ found?: ContactRecord; complete: boolean; seen: ContactRecord[] }> {
	const seen: ContactRecord[] = [];
	for (let page = 1; page <= maxPages; page++) {
		const answer = await context.send<{ payload?: ContactRecord[] }>({
			method: 'GET',
			url: accountPath(accountId, '/contacts/search'),
			qs: { q: query, include_contact_inboxes: 'true', page },
			purpose: 'search the contact',
		});
		const contacts = Array.isArray(answer?.payload) ? answer.payload : [];
		seen.push(...contacts);
		const found = contacts.find(wanted);
		if (found) return { found, complete: true, seen };
		if (contacts.length < SEARCH_PAGE_SIZE) return { complete: true, seen };
	}
	return { complete: false, seen };
}

async function contactById(
	context: OperationContext,
	accountId: string,
	contactId: number,
): Promise<ContactRecord> {
	const found = await context.send<{ payload?: ContactRecord }>({
		method: 'GET',
		url: accountPath(accountId, `/contacts/${contactId}`),
		purpose: 'find the contact',
		notFound: `Chatwoot found no contact with the ID ${contactId} in account ${accountId}. Pick the contact from its list (or check the number after /contacts/ in its web address) and check the account.`,
	});
	return { ...(found.payload ?? {}), id: contactId };
}

/** The contact whose identifier is exactly `crmIdentifier` (the search matches parts, and identifiers case-sensitively). */
async function contactByCrmIdentifier(
	context: OperationContext,
	accountId: string,
	crmIdentifier: string,
): Promise<ContactRecord> {
	const { found, complete } = await searchContacts(
		context,
		accountId,
		crmIdentifier,
		(contact) => contact.identifier === crmIdentifier && typeof contact.id === 'number',
		SEARCH_MAX_PAGES,
	);
	if (found) return found;
	throw itemError(
		context,
		complete
			? `Chatwoot has no contact with the CRM identifier "${crmIdentifier}" in account ${accountId}`
			: `Chatwoot's contact search for the CRM identifier "${crmIdentifier}" gave more than ${SEARCH_MAX_PAGES * SEARCH_PAGE_SIZE} contacts without an exact match`,
		"Nothing was created. The CRM Identifier must match the contact's identifier in Chatwoot exactly (upper and lower case count), as given to Create as Contact's CRM Identifier. Or pick the contact from the list (Contact Identified By: Contact).",
	);
}

/**
 * Whether a source ID given by the user belongs to the inbox. Chatwoot's conversation create looks
 * a bare source_id up in every inbox, so the conversation would land where the source ID belongs.
 * The contact search finds e-mail and phone source IDs (not UUIDs): the owner of the source ID in
 * the inbox, or the inboxes it belongs to instead.
 */
async function sourceIdOwner(
	context: OperationContext,
	accountId: string,
	sourceId: string,
	inboxId: number,
): Promise<{ contactId?: number; otherInboxes: string[] }> {
	const query = sourceId.replace(/^whatsapp:/i, '');
	const holds = (contact: ContactRecord) =>
		(contact.contact_inboxes ?? []).some(
			(entry) => entry.source_id === sourceId && String(entry.inbox?.id) === String(inboxId),
		);
	const { found, seen } = await searchContacts(context, accountId, query, holds, 1);
	if (found) return { contactId: found.id, otherInboxes: [] };
	const otherInboxes = seen
		.flatMap((contact) => contact.contact_inboxes ?? [])
		.filter((entry) => entry.source_id === sourceId)
		.map((entry) => String(entry.inbox?.id));
	return { otherInboxes: [...new Set(otherInboxes)] };
}

/**
 * The contact's source ID in the inbox: the one it already has there, or a new one Chatwoot makes
 * for the inbox's channel. The create is shared by the items of one execution: at most one is sent.
 */
async function contactInboxSourceId(
	context: OperationContext,
	accountId: string,
	contact: ContactRecord,
	inboxId: number,
): Promise<string> {
	const existing = (contact.contact_inboxes ?? []).find(
		(entry) =>
			String(entry.inbox?.id) === String(inboxId) &&
			typeof entry.source_id === 'string' &&
			entry.source_id !== '',
	);
	if (existing) return existing.source_id as string;
	return oncePerExecution(
		context,
		`chatwoot:contactInbox:${accountId}:${contact.id}:${inboxId}`,
		async () => {
			const created = await context.send<{ source_id?: string }>({
				method: 'POST',
				url: accountPath(accountId, `/contacts/${contact.id}/contact_inboxes`),
				body: buildContactInboxBody(inboxId),
				purpose: 'add the contact to the inbox',
				notFound: `Chatwoot found no inbox with the ID ${inboxId} in account ${accountId}. Pick the inbox from its list.`,
			});
			return String(created.source_id);
		},
	);
}

/** The contact named by ID or CRM identifier, read once per execution for all items that name it. */
async function namedContact(
	context: OperationContext,
	accountId: string,
	params: IDataObject,
): Promise<ContactRecord> {
	if (params.contactBy === 'contactId') {
		const contactId = params.contactId as number;
		return oncePerExecution(context, `chatwoot:contact:${accountId}:id:${contactId}`, async () =>
			contactById(context, accountId, contactId),
		);
	}
	const crmIdentifier = String(params.crmIdentifier);
	return oncePerExecution(context, `chatwoot:contact:${accountId}:crm:${crmIdentifier}`, async () =>
		contactByCrmIdentifier(context, accountId, crmIdentifier),
	);
}

function wrongInbox(
	context: OperationContext,
	sourceId: string,
	inboxId: number,
	where: string,
	conversation?: IDataObject,
): NodeOperationError {
	const created = conversation !== undefined;
	return itemError(
		context,
		created
			? `Chatwoot put conversation ${String(conversation.id)} in inbox ${where}, not in inbox ${inboxId}: the Contact Source ID "${sourceId}" belongs there`
			: `The Contact Source ID "${sourceId}" belongs to inbox ${where}, not to inbox ${inboxId}`,
		`${created ? `Conversation ${String(conversation.id)} exists in inbox ${where}: resolve or delete it there. ` : 'Nothing was created. '}Chatwoot looks a source ID up in every inbox of the account. Give the contact's source ID in inbox ${inboxId}, or identify the contact by Contact or CRM Identifier: the node then finds or adds the contact in inbox ${inboxId}.`,
	);
}

export const createConversationAsAgent: Operation = {
	resource: 'conversation',
	option: {
		name: 'Create as Agent',
		value: 'createAsAgent',
		action: 'Create a conversation as an agent',
		description:
			"Start a conversation with a contact as the agent who owns the credential's User Access Token, with status, assignee and team",
	},
	fields,
	async checkItem(params) {
		const extra = (params.additionalFields ?? {}) as IDataObject;
		if (extra.templateParams === undefined || params.message !== undefined) return undefined;
		return {
			field: 'Message',
			reason: 'is empty, but a WhatsApp Template is given',
			fix: "Write the template's text with its values filled in as the message: Chatwoot needs it next to the template.",
		};
	},
	async run(context, params) {
		const accountId = applicationAccount(context, params, 'Create as Agent');
		const inboxId = params.inboxId as number;
		let contactId: number | undefined;
		let sourceId: string;
		if (params.contactBy === 'contactIdentifier') {
			sourceId = String(params.contactIdentifier);
			const owner = await oncePerExecution(
				context,
				`chatwoot:sourceId:${accountId}:${inboxId}:${sourceId}`,
				async () => sourceIdOwner(context, accountId, sourceId, inboxId),
			);
			if (owner.contactId === undefined && owner.otherInboxes.length > 0) {
				throw wrongInbox(context, sourceId, inboxId, owner.otherInboxes.join(', '));
			}
			// With contact_id and inbox_id Chatwoot finds the source ID in this inbox only.
			contactId = owner.contactId;
		} else {
			const contact = await namedContact(context, accountId, params);
			contactId = contact.id;
			sourceId = await contactInboxSourceId(context, accountId, contact, inboxId);
		}

		const conversation = await context.send({
			method: 'POST',
			url: accountPath(accountId, '/conversations'),
			body: buildAgentConversationBody(params, { sourceId, contactId }),
			purpose: 'create the conversation',
			notFound: `Chatwoot found no inbox with the ID ${inboxId} in account ${accountId}, or no contact with the source ID "${sourceId}". Pick the inbox from its list (a number, not the inbox identifier) and check the contact.`,
		});
		if (
			conversation.inbox_id !== undefined &&
			conversation.inbox_id !== null &&
			String(conversation.inbox_id) !== String(inboxId)
		) {
			throw wrongInbox(context, sourceId, inboxId, String(conversation.inbox_id), conversation);
		}
		return {
			raw: conversation,
			simplified: simplifyAgentConversation(
				conversation,
				{ accountId, contactIdentifier: sourceId, contactId },
				context.credentials,
			),
		};
	},
};
