import type { IDataObject } from 'n8n-workflow';

import { dateTime, oneOf, text } from '../../shared/checks';
import { buildBody, idField } from '../../shared/fields';
import { conversationCreate } from '../../shared/operations';
import type { Field, Operation } from '../../shared/types';
import { apiVersionAtLeast, conversationUrl } from '../vendor';
import { CHOICE_RULE, resolveContact } from '../contact';
import { attachmentFields, contactFields, messageField } from '../fields';

const fields: Field[] = [
	...contactFields('starts the conversation', CHOICE_RULE),
	{
		property: {
			displayName: 'If Contact Not Found',
			name: 'whenNotFound',
			type: 'options',
			options: [
				{ name: 'Fail the Item', value: 'fail', description: 'Output an error for this item' },
				{
					name: 'Create a Lead',
					value: 'createLead',
					description: 'Create the contact with the role lead',
				},
				{
					name: 'Create a User',
					value: 'createUser',
					description: 'Create the contact with the role user',
				},
			],
			default: 'fail',
			description: 'What to do when no Intercom contact has this e-mail or external ID',
			displayOptions: { show: { contactBy: ['email', 'externalId'] } },
		},
		check: oneOf(['fail', 'createLead', 'createUser'], { required: true }),
	},
	messageField('The first message of the conversation, from the contact'),
	attachmentFields(
		'e.g. https://example.com/invoice.png',
		'Up to 10 public file URLs (Intercom shows images inline), separated by commas or new lines',
		[
			idField('Brand ID', 'brandId', {
				required: false,
				placeholder: 'e.g. tlkp1d91',
				description:
					'The Intercom brand the conversation belongs to, for workspaces with several brands (needs API Version 2.16 or later in the credential). Empty: the default brand.',
				send: 'brand_id',
			}),
			{
				property: {
					displayName: 'Contact Name',
					name: 'contactName',
					type: 'string',
					default: '',
					description: 'The name given to a contact this node creates (see If Contact Not Found)',
				},
				check: text({ maxLength: 255 }),
			},
			{
				property: {
					displayName: 'Created At',
					name: 'createdAt',
					type: 'dateTime',
					default: '',
					description:
						'When the conversation started, for importing past conversations (needs API Version 2.11 or later in the credential)',
				},
				check: dateTime(),
			},
			{
				property: {
					displayName: 'Sender Type',
					name: 'senderType',
					type: 'options',
					options: [
						{
							name: "From the Contact's Role",
							value: 'auto',
							description: 'Use the role Intercom has for the contact (user or lead)',
						},
						{ name: 'Contact (Visitor)', value: 'contact' },
						{ name: 'Lead', value: 'lead' },
						{ name: 'User', value: 'user' },
					],
					default: 'auto',
					description:
						"As whom the contact sends the first message: as a user, a lead or a visitor. By default the contact's role in Intercom; with an Intercom contact ID, choosing it here saves one request per item.",
				},
				check: oneOf(['auto', 'user', 'lead', 'contact']),
			},
			{
				property: {
					displayName: 'Subject',
					name: 'subject',
					type: 'string',
					default: '',
					description:
						'Subject line. Only applies when the conversation is an e-mail: Intercom ignores it for in-app messages.',
				},
				check: text({ maxLength: 255 }),
				send: 'subject',
			},
		],
	),
];

/** Created At exists from API 2.11 (Intercom-OpenAPI: "Add created_at … for v2.11+"); brand_id from 2.16. */
const VERSION_GATED = [
	{ name: 'createdAt', label: 'Created At', since: '2.11' },
	{ name: 'brandId', label: 'Brand ID', since: '2.16' },
];

const heading = conversationCreate(
	'Start a conversation from a contact, found by ID, e-mail or external ID',
);

export const createConversation: Operation = {
	...heading,
	option: { ...heading.option, action: 'Create a conversation as a contact' },
	fields,
	checkWithCredentials(params, credentials) {
		const extra = (params.additionalFields ?? {}) as IDataObject;
		const gated = VERSION_GATED.find(
			(field) => extra[field.name] && !apiVersionAtLeast(credentials.apiVersion, field.since),
		);
		if (!gated) return undefined;
		return {
			field: `Additional Fields › ${gated.label}`,
			reason: `needs Intercom API version ${gated.since} or later; the credential's API Version is ${String(credentials.apiVersion)}`,
			fix: `Set "API Version" in the Intercom Conversations credential to ${gated.since} or later, or remove ${gated.label}.`,
		};
	},
	async run(context, params) {
		const extra = (params.additionalFields ?? {}) as IDataObject;
		const createdAt = extra.createdAt as Date | undefined;

		const chosenSender = (extra.senderType as string | undefined) ?? 'auto';
		const knownId = params.contactBy === 'id' && chosenSender !== 'auto';
		const resolved = knownId
			? { contact: { id: params.contactId as string }, resolvedBy: 'id' as const, created: false }
			: await resolveContact(
					context,
					params,
					params.whenNotFound as string,
					extra.contactName ? { name: extra.contactName } : {},
				);
		const senderType = chosenSender === 'auto' ? (resolved.contact.role ?? 'user') : chosenSender;

		const body = buildBody(fields, params);
		body.from = { type: senderType, id: resolved.contact.id };
		if (createdAt) body.created_at = Math.floor(createdAt.getTime() / 1000);

		const message = await context.send({
			method: 'POST',
			url: '/conversations',
			body,
			purpose: 'create the conversation',
			notFound: `Intercom found no contact with the ID "${resolved.contact.id}". Check that the contact exists and the sender type matches its role.`,
		});
		const conversationId = message.conversation_id as string | undefined;
		return {
			raw: message,
			simplified: {
				conversationId,
				messageId: message.id,
				contactId: resolved.contact.id,
				contactResolvedBy: resolved.resolvedBy,
				contactCreated: resolved.created,
				contactRole: resolved.contact.role,
				senderType,
				createdAt:
					typeof message.created_at === 'number'
						? new Date(message.created_at * 1000).toISOString()
						: undefined,
				conversationUrl: conversationUrl(context.credentials, conversationId),
			},
		};
	},
};
