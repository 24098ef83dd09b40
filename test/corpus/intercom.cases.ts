import type { INodeParameters } from 'n8n-workflow';

import { ARRAY, type BadInput, LONG, OBJECT, typeCases, withParameters } from './cases';

export const intercomCreate = {
	resource: 'conversation',
	operation: 'create',
	contactBy: 'email',
	contactEmail: 'ana@example.com',
	body: 'Hello',
};
const extra = (fields: Record<string, unknown>) => ({
	additionalFields: fields as INodeParameters,
});

export const intercomCases: BadInput[] = [
	...typeCases('contactEmail', 'Contact Email', true),
	...typeCases('body', 'Message', true),
	...typeCases('contactExternalId', 'Contact External ID', true)
		.filter((entry) => !entry.name.includes('number'))
		.map((entry) => ({ ...entry, parameters: { contactBy: 'externalId', ...entry.parameters } })),
	...typeCases('contactId', 'Contact ID', true)
		.filter((entry) => !entry.name.includes('number'))
		.map((entry) => ({ ...entry, parameters: { contactBy: 'id', ...entry.parameters } })),
	{
		name: 'malformed e-mail',
		parameters: { contactEmail: 'ana@example' },
		field: 'Contact Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'e-mail with a space',
		parameters: { contactEmail: 'ana lima@example.com' },
		field: 'Contact Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'two e-mails',
		parameters: { contactEmail: 'a@example.com,b@example.com' },
		field: 'Contact Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'HTML in the message',
		parameters: { body: '<p>Hello</p>' },
		field: 'Message',
		reason: 'contains HTML',
	},
	{
		name: 'a script tag in the message',
		parameters: { body: 'Hi <script>alert(1)</script>' },
		field: 'Message',
		reason: 'contains HTML',
	},
	{
		name: 'an over-long message',
		parameters: { body: LONG },
		field: 'Message',
		reason: 'the limit is 65000',
	},
	{
		name: 'a contact ID with a slash',
		parameters: { contactBy: 'id', contactId: '../admins' },
		field: 'Contact ID',
		reason: 'an ID has only letters',
	},
	{
		name: 'an unknown lookup',
		parameters: { contactBy: '={{ "phone" }}', contactId: 'x', contactExternalId: 'x' },
		field: 'Contact Identified By',
		reason: 'must be one of "id", "email", "externalId", but got "phone"',
	},
	{
		name: 'an unknown sender type',
		parameters: { senderType: '={{ "admin" }}' },
		field: 'Sender Type',
		reason: 'must be one of',
	},
	{
		name: 'an unknown not-found action',
		parameters: { whenNotFound: '={{ "ignore" }}' },
		field: 'If Contact Not Found',
		reason: 'must be one of',
	},
	{
		name: '11 attachment URLs',
		parameters: extra({
			attachmentUrls: `={{ Array.from({length: 11}, (_, i) => "https://e.com/" + i) }}`,
		}),
		field: 'Additional Fields › Attachment URLs',
		reason: 'has 11 URLs; the limit is 10',
	},
	{
		name: 'a malformed attachment URL',
		parameters: extra({ attachmentUrls: 'https//e.com/a.png' }),
		field: 'Additional Fields › Attachment URLs',
		reason: 'is not a valid URL',
	},
	{
		name: 'a javascript: URL',
		parameters: extra({ attachmentUrls: 'javascript:alert(1)' }),
		field: 'Additional Fields › Attachment URLs',
		reason: 'must start with http:// or https://',
	},
	{
		name: 'attachment URLs as an object',
		parameters: extra({ attachmentUrls: OBJECT }),
		field: 'Additional Fields › Attachment URLs',
		reason: 'must be a list of URLs',
	},
	{
		name: 'a number among attachment URLs',
		parameters: extra({ attachmentUrls: '={{ ["https://e.com/a", 7] }}' }),
		field: 'Additional Fields › Attachment URLs',
		reason: 'one entry is the number 7',
	},
	{
		name: 'an unreadable Created At',
		parameters: extra({ createdAt: 'last tuesday' }),
		field: 'Additional Fields › Created At',
		reason: 'must be a date and time',
	},
	{
		name: 'Created At as an object',
		parameters: extra({ createdAt: OBJECT }),
		field: 'Additional Fields › Created At',
		reason: 'must be a date and time',
	},
	{
		name: 'an over-long subject',
		parameters: extra({ subject: '={{ "s".repeat(300) }}' }),
		field: 'Additional Fields › Subject',
		reason: 'the limit is 255',
	},
	{
		name: 'a subject as a list',
		parameters: extra({ subject: ARRAY }),
		field: 'Additional Fields › Subject',
		reason: 'must be text',
	},
	{
		name: 'a contact name as an object',
		parameters: extra({ contactName: OBJECT }),
		field: 'Additional Fields › Contact Name',
		reason: 'must be text',
	},
	...withParameters(
		{ operation: 'replyAsAdmin', conversationId: '499', message: 'On it' },
		[
			...typeCases('conversationId', 'Conversation ID', true),
			...typeCases('message', 'Message', true),
			...typeCases('adminId', 'Admin ID', false),
			{
				name: 'a conversation ID with a slash',
				parameters: { conversationId: '499/../../admins' },
				field: 'Conversation ID',
				reason: 'an ID has only letters',
			},
			{
				name: 'an over-long message',
				parameters: { message: LONG },
				field: 'Message',
				reason: 'the limit is 65000',
			},
			{
				name: 'a quick reply as message type',
				parameters: { messageType: '={{ "quick_reply" }}' },
				field: 'Message Type',
				reason: 'must be one of "comment", "note"',
			},
			{
				name: 'an admin ID with a space',
				parameters: { adminId: '99 12' },
				field: 'Admin ID',
				reason: 'an ID has only letters',
			},
		].map((entry) => ({ ...entry, name: `Reply as Admin › ${entry.name}` })),
	),
];
