import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { email, oneOf, text } from '../../shared/checks';
import { itemError } from '../../shared/errors';
import { buildBody } from '../../shared/fields';
import { asObject } from '../../shared/objects';
import { pathSegment } from '../../shared/paths';
import type { Field, Operation, OperationResult } from '../../shared/types';
import { accountPath, applicationAccount, withAccount } from '../application';
import {
	type ContactRecord,
	SEARCH_MAX_PAGES,
	SEARCH_PAGE_SIZE,
	searchContacts,
} from '../conversation/createAsAgent';
import { contactDetailFields, inboxIdField, phoneNumber } from '../fields';
import { chatwootBaseUrl } from '../vendor';

/** The link that opens a contact in Chatwoot's dashboard. */
function contactUrl(
	credentials: ICredentialDataDecryptedObject,
	accountId: string,
	contactId: unknown,
): string | undefined {
	if (contactId === undefined || contactId === null) return undefined;
	return `${chatwootBaseUrl(credentials)}/app/accounts/${accountId}/contacts/${pathSegment(String(contactId), 'Contact ID')}`;
}

/** The compact view of an Application API contact, with its source ID in every inbox. */
export function simplifyContact(
	contact: IDataObject,
	accountId: string,
	credentials: ICredentialDataDecryptedObject,
): IDataObject {
	const inboxes = Array.isArray(contact.contact_inboxes)
		? (contact.contact_inboxes as IDataObject[])
		: [];
	return {
		contactId: contact.id ?? null,
		name: contact.name ?? null,
		email: contact.email ?? null,
		phoneNumber: contact.phone_number ?? null,
		crmIdentifier: contact.identifier ?? null,
		contactInboxes: inboxes.map((entry) => ({
			inboxId: asObject(entry.inbox).id ?? null,
			contactIdentifier: entry.source_id ?? null,
		})),
		contactUrl: contactUrl(credentials, accountId, contact.id),
	};
}

const contactDetails = contactDetailFields({
	email: "The contact's e-mail address (unique in the account)",
	identifier:
		"Your own ID for the contact, such as the CRM record ID (Chatwoot's contact identifier, unique in the account)",
	phoneNumber: 'In international format: + and the country code first (unique in the account)',
});

const createFields: Field[] = [
	inboxIdField(
		"The inbox to add the contact to. The output's contactIdentifier is the contact's source ID there.",
	),
	contactDetails.name,
	withAccount([
		contactDetails.avatarUrl,
		contactDetails.identifier,
		contactDetails.customAttributes,
		contactDetails.email,
		contactDetails.phoneNumber,
	]),
];

/** The body of POST /api/v1/accounts/{account_id}/contacts (contact_create). */
export function buildContactCreateBody(params: IDataObject): IDataObject {
	return { inbox_id: params.inboxId, ...buildBody(createFields, params) };
}

export const createContact: Operation = {
	resource: 'contact',
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a contact as an agent',
		description:
			'Create a contact in the account and add it to an inbox, for example from a CRM record',
	},
	fields: createFields,
	async run(context, params) {
		const accountId = applicationAccount(context, params, 'Create Contact');
		const answer = await context.send({
			method: 'POST',
			url: accountPath(accountId, '/contacts'),
			body: buildContactCreateBody(params),
			purpose: 'create the contact',
			notFound: `Chatwoot found no inbox with the ID ${String(params.inboxId)} in account ${accountId}. Pick the inbox from its list (a number, not the inbox identifier).`,
		});
		const payload = asObject(answer.payload);
		const contact = asObject(payload.contact);
		const contactInbox = asObject(payload.contact_inbox);
		return {
			raw: answer,
			simplified: {
				...simplifyContact(
					{ ...contact, contact_inboxes: payload.contact_inbox ? [contactInbox] : [] },
					accountId,
					context.credentials,
				),
				inboxId: asObject(contactInbox.inbox).id ?? params.inboxId,
				contactIdentifier: contactInbox.source_id ?? null,
			},
		};
	},
};

const FIND_BY = ['email', 'phoneNumber', 'crmIdentifier'] as const;

const findFields: Field[] = [
	{
		property: {
			displayName: 'Find By',
			name: 'findBy',
			type: 'options',
			options: [
				{
					name: 'CRM Identifier',
					value: 'crmIdentifier',
					description: "Chatwoot's contact identifier, matched exactly",
				},
				{ name: 'Email', value: 'email', description: 'Matched without regard to case' },
				{ name: 'Phone Number', value: 'phoneNumber', description: 'In international format' },
			],
			default: 'crmIdentifier',
			description: 'Which value of the contact to look for',
		},
		check: oneOf(FIND_BY, { required: true }),
	},
	{
		property: {
			displayName: 'CRM Identifier',
			name: 'crmIdentifier',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. crm-4711',
			displayOptions: { show: { findBy: ['crmIdentifier'] } },
			description: "Your ID of the contact as stored in Chatwoot's contact identifier",
		},
		check: text({ required: true, maxLength: 255 }),
	},
	{
		property: {
			displayName: 'Email',
			name: 'email',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. nathan@example.com',
			displayOptions: { show: { findBy: ['email'] } },
			description: "The contact's e-mail address",
		},
		check: email({ required: true }),
	},
	{
		property: {
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. +4915112345678',
			displayOptions: { show: { findBy: ['phoneNumber'] } },
			description: 'In international format: + and the country code first',
		},
		check: (value) => {
			const checked = phoneNumber()(value);
			if (checked === undefined) return text({ required: true })(value);
			return checked;
		},
	},
	withAccount(),
];

/** Whether `contact` is the one asked for: the search matches parts of name, e-mail, phone and identifier. */
function matches(contact: ContactRecord & IDataObject, params: IDataObject): boolean {
	if (params.findBy === 'email')
		return String(contact.email ?? '').toLowerCase() === String(params.email).toLowerCase();
	if (params.findBy === 'phoneNumber') return contact.phone_number === params.phoneNumber;
	return contact.identifier === params.crmIdentifier;
}

export const findContact: Operation = {
	resource: 'contact',
	option: {
		name: 'Get Many',
		value: 'find',
		action: 'Get contacts by e-mail, phone number or CRM identifier',
		description:
			'Get the contact with this e-mail, phone number or CRM identifier; no output item when there is none',
	},
	fields: findFields,
	async run(context, params) {
		const accountId = applicationAccount(context, params, 'Get Many Contacts');
		const query = String(params[params.findBy as string]);
		const { found, complete } = await searchContacts(
			context,
			accountId,
			query,
			(contact) => matches(contact as ContactRecord & IDataObject, params),
			SEARCH_MAX_PAGES,
		);
		if (!found && !complete) {
			throw itemError(
				context,
				`Chatwoot's contact search for "${query}" gave more than ${SEARCH_MAX_PAGES * SEARCH_PAGE_SIZE} contacts without an exact match`,
				'Search by a value that is more specific, such as the CRM identifier.',
			);
		}
		if (!found) return [];
		const contact = found as IDataObject;
		const result: OperationResult = {
			raw: contact,
			simplified: simplifyContact(contact, accountId, context.credentials),
		};
		return [result];
	},
};
