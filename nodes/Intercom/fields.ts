import { locatorField, type LocatorOptions } from '../shared/locator';
import { email, oneOf, text, urlList } from '../shared/checks';
import { additionalFields, messageField as sharedMessageField } from '../shared/fields';
import type { Field } from '../shared/types';
import { CONTACT_URL, CONVERSATION_URL } from './vendor';

export const CONTACT_LOOKUPS = ['id', 'email', 'externalId'] as const;
export type ContactLookup = (typeof CONTACT_LOOKUPS)[number];

/** The "Contact Identified By" selector and one value field per way of identifying a contact. */
export function contactFields(purpose: string, note?: string): Field[] {
	return [
		{
			property: {
				displayName: 'Contact Identified By',
				name: 'contactBy',
				type: 'options',
				options: [
					{ name: 'Email', value: 'email', description: "The contact's e-mail address" },
					{
						name: 'External ID',
						value: 'externalId',
						description: 'Your own ID for the contact, stored in Intercom as its external ID',
					},
					{
						name: 'Intercom Contact ID',
						value: 'id',
						description: 'The ID Intercom gave the contact',
					},
				],
				default: 'email',
				description: `How to find the contact who ${purpose}${note ? `. ${note}` : ''}`,
			},
			check: oneOf(CONTACT_LOOKUPS, { required: true }),
		},
		{
			property: {
				displayName: 'Contact Email',
				name: 'contactEmail',
				type: 'string',
				placeholder: 'e.g. nathan@example.com',
				default: '',
				required: true,
				displayOptions: { show: { contactBy: ['email'] } },
			},
			check: email({ required: true }),
		},
		{
			property: {
				displayName: 'Contact External ID',
				name: 'contactExternalId',
				type: 'string',
				default: '',
				required: true,
				description:
					'Your own ID for the contact, as stored in Intercom (for example the CRM record ID)',
				displayOptions: { show: { contactBy: ['externalId'] } },
			},
			// It becomes a path segment of GET /contacts/find_by_external_id/{external_id}.
			check: text({ required: true, maxLength: 255, pathSegment: true }),
		},
		contactField({
			description: 'The Intercom contact: pick it, give its ID, or paste its address in Intercom',
			displayOptions: { show: { contactBy: ['id'] } },
		}),
	];
}

/** An Intercom contact (user or lead): From list (the contacts search), By ID, or By URL. */
export function contactField(
	options: Pick<LocatorOptions, 'description' | 'displayOptions' | 'required' | 'check'>,
): Field {
	return locatorField('Contact', 'contactId', {
		...options,
		searchListMethod: 'searchContacts',
		url: CONTACT_URL,
		idPlaceholder: 'e.g. 6762f0dd1bb69f9f2193bb83',
	});
}

/** The message a contact sends (Create's first message, a reply): plain text, as Intercom requires. */
export function messageField(description: string): Field {
	return sharedMessageField({
		name: 'body',
		description: `${description}. Plain text: Intercom does not accept HTML here.`,
		required: true,
		maxLength: 65_000,
		noHtml: true,
		send: 'body',
	});
}

/** The conversation (parameter `conversationId`): From list (the conversations search), By ID, or By URL. */
export const conversationIdField: Field = locatorField('Conversation', 'conversationId', {
	searchListMethod: 'searchConversations',
	url: CONVERSATION_URL,
	idPlaceholder: 'e.g. 36000324324',
	description:
		'The Intercom conversation: pick it, give its ID (for example the conversationId output of Create), or paste its address (the conversationUrl output)',
});

/** Additional Fields with Attachment URLs: up to 10 public files, sent as attachment_urls. */
export function attachmentFields(
	placeholder: string,
	description: string,
	more: Field[] = [],
): Field {
	return additionalFields([
		{
			property: {
				displayName: 'Attachment URLs',
				name: 'attachmentUrls',
				type: 'string',
				default: '',
				placeholder,
				description,
			},
			check: urlList({ max: 10 }),
			send: 'attachment_urls',
		},
		...more,
	]);
}

/** The admin (teammate) who acts; empty means the admin who owns the credential's access token. */
export function adminIdField(action: string): Field {
	return locatorField('Admin', 'adminId', {
		required: false,
		searchListMethod: 'searchAdmins',
		idPlaceholder: 'e.g. 991267459',
		description: `The Intercom admin (teammate) who ${action}. Leave empty to use the admin who owns the credential's access token.`,
	});
}
