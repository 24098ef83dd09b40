import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { oneOf } from '../../shared/checks';
import { failedAfterCreation, itemError } from '../../shared/errors';
import { buildBody, additionalFields, messageField } from '../../shared/fields';
import { conversationCreate } from '../../shared/operations';
import type { Field, Operation, OperationContext } from '../../shared/types';
import { conversationUrl, CREATE_CONTACT, hmacTokenOf, identifierHash } from '../vendor';
import {
	contactDetailFields,
	contactIdentifierField,
	conversationAttributesField,
} from '../fields';
import { sendPublic } from '../public';
import { publicAccountId } from '../simplify';

export const MESSAGE_MAX_LENGTH = 150_000;

const contactModeField: Field = {
	property: {
		displayName: 'Contact',
		name: 'contactMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Create a New Contact',
				value: 'new',
				description:
					'Create the contact in the inbox from the contact fields below (all optional), then the conversation',
			},
			{
				name: 'Use an Existing Contact Source ID',
				value: 'existing',
				description:
					'Start another conversation for a contact created earlier in this inbox, by the contactIdentifier output of that Create as Contact',
			},
		],
		default: 'new',
		description:
			'Who starts the conversation. Chatwoot conversations belong to a contact of the inbox.',
	},
	check: oneOf(['new', 'existing'], { required: true }),
};

const newContact = contactDetailFields({
	email: "The contact's e-mail address",
	identifier:
		'Your own ID for the contact, such as the CRM record ID (Chatwoot\'s contact "identifier", one per account). Not the Contact Source ID that other operations ask for: that is the contactIdentifier output. Needed for inboxes with identity validation: with the Inbox HMAC Token in the credential the node signs it.',
	phoneNumber: 'In international format: + and the country code first',
});

/** The fields of a new contact; `send` paths are keys of the public contact body. */
export const contactFields: Field = {
	property: {
		displayName: 'Contact Fields',
		name: 'contactFields',
		type: 'collection',
		placeholder: 'Add Contact Field',
		default: {},
		displayOptions: { show: { contactMode: ['new'] } },
		description:
			'Details of the new contact. Chatwoot reuses a contact of the account with the same CRM identifier, e-mail or phone number.',
	},
	fields: [
		newContact.avatarUrl,
		newContact.customAttributes,
		newContact.email,
		newContact.identifier,
		newContact.name,
		newContact.phoneNumber,
	],
};

const existingContactField: Field = {
	...contactIdentifierField,
	property: {
		...contactIdentifierField.property,
		displayOptions: { show: { contactMode: ['existing'] } },
	},
};

export const firstMessageField: Field = messageField({
	displayName: 'First Message',
	description:
		"Posted as the contact's first message in the conversation. Leave empty to open the conversation without a message.",
	maxLength: MESSAGE_MAX_LENGTH,
	send: 'content',
});

export const conversationFields: Field = additionalFields([
	conversationAttributesField('Conversation Custom Attributes'),
]);

const fields: Field[] = [
	contactModeField,
	contactFields,
	existingContactField,
	firstMessageField,
	conversationFields,
];

/** The public contact body: the contact fields, and identifier_hash when the credential has the inbox's HMAC token. */
export function buildContactBody(
	params: IDataObject,
	credentials: ICredentialDataDecryptedObject,
): IDataObject {
	const body = buildBody([contactFields], params);
	const hmacToken = hmacTokenOf(credentials);
	if (hmacToken && typeof body.identifier === 'string')
		body.identifier_hash = identifierHash(hmacToken, body.identifier);
	return body;
}

/** The public conversation body: only custom_attributes is permitted (conversations_controller.rb). */
export function buildConversationBody(params: IDataObject): IDataObject {
	return buildBody([conversationFields], params);
}

export function buildMessageBody(params: IDataObject): IDataObject | undefined {
	const body = buildBody([firstMessageField], params);
	return body.content === undefined ? undefined : body;
}

async function createContact(context: OperationContext, params: IDataObject): Promise<IDataObject> {
	return sendPublic(
		context,
		{},
		{
			method: 'POST',
			body: buildContactBody(params, context.credentials),
			tail: '/contacts',
			purpose: CREATE_CONTACT,
		},
	);
}

export const createConversation: Operation = {
	resource: conversationCreate('').resource,
	option: {
		...conversationCreate('').option,
		name: 'Create as Contact',
		action: 'Create a conversation as a contact',
		description:
			"Start a conversation as a customer would, in the credential's inbox: the contact, the conversation and its first message",
	},
	fields,
	async run(context, params) {
		const contact = params.contactMode === 'new' ? await createContact(context, params) : undefined;
		if (contact && (typeof contact.source_id !== 'string' || contact.source_id === '')) {
			throw itemError(
				context,
				'Chatwoot created the contact but sent no contact source ID (source_id)',
				'No conversation was created. Check that the Base URL points at Chatwoot itself and not at a proxy or page in front of it; the contact may exist in Chatwoot without a conversation.',
			);
		}
		const contactIdentifier = contact
			? String(contact.source_id)
			: String(params.contactIdentifier);
		const contactNote = contact
			? `The contact was created (contact source ID "${contactIdentifier}"): to try again without a second contact, choose "Use an Existing Contact Source ID" with it.`
			: undefined;

		const conversation = await sendPublic(
			context,
			{ contactIdentifier },
			{
				method: 'POST',
				body: buildConversationBody(params),
				tail: '/conversations',
				purpose: 'create the conversation',
			},
		).catch((error: unknown) => {
			throw contactNote ? failedAfterCreation(context, error, contactNote) : error;
		});

		const messageBody = buildMessageBody(params);
		const message = messageBody
			? await sendPublic(
					context,
					{ contactIdentifier, conversationId: Number(conversation.id) },
					{
						method: 'POST',
						body: messageBody,
						tail: '/messages',
						purpose: 'post the first message',
					},
				).catch((error: unknown) => {
					throw failedAfterCreation(
						context,
						error,
						`Conversation ${String(conversation.id)} was created for the contact "${contactIdentifier}", only the first message is missing: send it with Message → Send as Contact instead of running this item again.`,
					);
				})
			: undefined;

		const conversationContact = (conversation.contact ?? {}) as IDataObject;
		return {
			raw: { ...(contact ? { contact } : {}), conversation, ...(message ? { message } : {}) },
			simplified: {
				conversationId: conversation.id,
				conversationUuid: conversation.uuid,
				status: conversation.status,
				inboxId: conversation.inbox_id,
				contactId: contact?.id ?? conversationContact.id,
				contactIdentifier,
				contactCreated: contact !== undefined,
				messageId: message?.id ?? null,
				conversationUrl: conversationUrl(
					context.credentials,
					publicAccountId(context.credentials, conversation),
					conversation.id,
				),
			},
		};
	},
};
