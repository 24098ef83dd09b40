import type { INodeParameters } from 'n8n-workflow';

import { ARRAY, type BadInput, LONG, OBJECT, repeat, typeCases, withParameters } from './cases';

export const intercomCreate = {
	resource: 'conversation',
	operation: 'create',
	contactBy: 'email',
	contactEmail: 'ana@example.com',
	body: 'Hello',
};
/** A resource locator's value typed By ID, or pasted By URL. */
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const byUrl = (value: string) => ({ __rl: true, mode: 'url', value });
const extra = (fields: Record<string, unknown>) => ({
	additionalFields: fields as INodeParameters,
});

export const intercomCases: BadInput[] = [
	...typeCases('contactEmail', 'Contact Email', true),
	...typeCases('body', 'Message', true),
	...typeCases('contactExternalId', 'Contact External ID', true)
		.filter((entry) => !entry.name.includes('number'))
		.map((entry) => ({ ...entry, parameters: { contactBy: 'externalId', ...entry.parameters } })),
	...typeCases('contactId', 'Contact', true)
		.filter((entry) => !entry.name.includes('number'))
		.map((entry) => ({ ...entry, parameters: { contactBy: 'id', ...entry.parameters } })),
	{
		// GET /contacts/find_by_external_id/.. is GET /contacts/: the list was taken for the contact.
		name: 'an external ID that is ".." (the parent folder in a URL)',
		parameters: { contactBy: 'externalId', contactExternalId: '..' },
		field: 'Contact External ID',
		reason: 'is "..", which a URL reads as ".." (the parent folder)',
	},
	{
		name: 'an external ID that is "%2e." (".." once decoded)',
		parameters: { contactBy: 'externalId', contactExternalId: '%2e.' },
		field: 'Contact External ID',
		reason: 'is "%2e.", which a URL reads as ".."',
	},
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
		field: 'Contact',
		reason: 'an ID has only letters',
	},
	{
		name: 'a contact typed By ID with a space',
		parameters: { contactBy: 'id', contactId: byId('6762f0dd 1bb69f9f2193bb83') },
		field: 'Contact',
		reason: 'an ID has only letters',
	},
	{
		name: "a contact By URL that is a conversation's address",
		parameters: {
			contactBy: 'id',
			contactId: byUrl('https://app.intercom.com/a/apps/abc123de/conversations/499'),
		},
		field: 'Contact',
		reason:
			/ is not an address the node can read \(.*\): an Intercom contact's address has \/users\/<ID> in it/,
	},
	{
		name: 'an unknown lookup',
		parameters: { contactBy: '={{ "phone" }}', contactId: 'x', contactExternalId: 'x' },
		field: 'Contact Identified By',
		reason: 'must be one of "id", "email", "externalId", but got "phone"',
	},
	{
		name: 'an unknown sender type',
		parameters: extra({ senderType: '={{ "admin" }}' }),
		field: 'Additional Fields › Sender Type',
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
	...operationCases(
		'Reply as Admin',
		{ operation: 'replyAsAdmin', conversationId: '499', message: 'On it' },
		[
			...typeCases('conversationId', 'Conversation', true),
			...typeCases('message', 'Message', true),
			...typeCases('adminId', 'Admin', false),
			{
				name: 'a conversation ID with a slash',
				parameters: { conversationId: '499/../../admins' },
				field: 'Conversation',
				reason: 'an ID has only letters',
			},
			{
				name: 'a conversation typed By ID with a slash',
				parameters: { conversationId: byId('499/../admins') },
				field: 'Conversation',
				reason: 'an ID has only letters',
			},
			{
				name: 'a conversation By URL of another site',
				parameters: { conversationId: byUrl('https://example.com/conversations/499') },
				field: 'Conversation',
				reason:
					'is not an address the node can read ("https://example.com/conversations/499"): an Intercom conversation address ends in /conversations/<ID> or /conversation/<ID>, and the ID is the number after it (for example the conversationUrl output of this node)',
			},
			{
				name: 'a conversation By URL without a number',
				parameters: {
					conversationId: byUrl('https://app.intercom.com/a/inbox/abc123de/inbox/conversation/'),
				},
				field: 'Conversation',
				reason: 'is not an address the node can read',
			},
			{
				name: 'a conversation picked From list as an object',
				parameters: { conversationId: { __rl: true, mode: 'list', value: OBJECT } },
				field: 'Conversation',
				reason: 'must be text, but got an object',
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
				field: 'Admin',
				reason: 'an ID has only letters',
			},
			{
				name: 'an admin typed By ID with a slash',
				parameters: { adminId: { __rl: true, mode: 'id', value: '99/12' } },
				field: 'Admin',
				reason: 'an ID has only letters',
			},
		],
	),
	...operationCases('Assign', { operation: 'assign', conversationId: '499', assigneeId: '5' }, [
		...typeCases('assigneeId', 'Assignee', true),
		{
			name: 'an unknown assignee type',
			parameters: { assigneeType: '={{ "group" }}' },
			field: 'Assign To',
			reason: 'must be one of "admin", "team"',
		},
		{
			name: 'an assignee ID with a slash',
			parameters: { assigneeId: '5/../6' },
			field: 'Assignee',
			reason: 'an ID has only letters',
		},
		{
			name: 'an assignee typed By ID with a space',
			parameters: { assigneeId: byId('81 4860') },
			field: 'Assignee',
			reason: 'an ID has only letters',
		},
		{
			name: 'a message as an object',
			parameters: { additionalFields: { message: OBJECT } },
			field: 'Additional Fields › Message',
			reason: 'must be text',
		},
	]),
	...operationCases('Close', { operation: 'close', conversationId: '499' }, [
		...typeCases('conversationId', 'Conversation', true),
		{
			name: 'an over-long closing message',
			parameters: { additionalFields: { message: LONG } },
			field: 'Additional Fields › Message',
			reason: 'the limit is 65000',
		},
	]),
	...operationCases('Open', { operation: 'open', conversationId: '499' }, [
		...typeCases('adminId', 'Admin', false),
	]),
	...operationCases('Snooze', { operation: 'snooze', conversationId: '499' }, [
		{
			name: 'a time in the past',
			parameters: { snoozeUntil: '2020-01-01T00:00:00Z' },
			field: 'Snooze Until',
			reason: 'which has already passed',
		},
		{
			name: 'an unreadable time',
			parameters: { snoozeUntil: 'next week' },
			field: 'Snooze Until',
			reason: 'must be a date and time',
		},
		{
			name: 'an empty time from an expression',
			parameters: { snoozeUntil: '={{ "" }}' },
			field: 'Snooze Until',
			reason: 'is required but is empty',
		},
		{
			name: 'a time as an object',
			parameters: { snoozeUntil: OBJECT },
			field: 'Snooze Until',
			reason: 'must be a date and time',
		},
	]),
	...operationCases('Add Tag', { operation: 'addTag', conversationId: '499', tagId: '86' }, [
		...typeCases('tagId', 'Tag', true),
		...typeCases('tagName', 'Tag Name', true).map((entry) => ({
			...entry,
			parameters: { tagBy: 'name', ...entry.parameters },
		})),
		{
			name: 'an unknown tag lookup',
			parameters: { tagBy: '={{ "color" }}', tagName: 'VIP' },
			field: 'Tag Identified By',
			reason: 'must be one of "id", "name"',
		},
		{
			name: 'a tag ID with a slash',
			parameters: { tagId: '86/../87' },
			field: 'Tag',
			reason: 'an ID has only letters',
		},
		{
			name: 'a tag typed By ID with a question mark',
			parameters: { tagId: byId('86?x=1') },
			field: 'Tag',
			reason: 'an ID has only letters',
		},
	]),
	...operationCases('Remove Tag', { operation: 'removeTag', conversationId: '499', tagId: '86' }, [
		{
			name: 'a tag ID with a question mark',
			parameters: { tagId: '86?x=1' },
			field: 'Tag',
			reason: 'an ID has only letters',
		},
		{
			name: 'an over-long tag name',
			parameters: { tagBy: 'name', tagName: repeat('t', 300) },
			field: 'Tag Name',
			reason: 'the limit is 255',
		},
	]),
	...operationCases('Update', { operation: 'update', conversationId: '499' }, [
		{
			name: 'no field to change',
			parameters: { updateFields: {} },
			field: 'Update Fields',
			reason: 'has no field to change',
		},
		{
			name: 'custom attributes that are not JSON',
			parameters: { updateFields: { customAttributes: '{issue: billing}' } },
			field: 'Update Fields › Custom Attributes',
			reason: 'is not valid JSON',
		},
		{
			name: 'custom attributes as a list',
			parameters: { updateFields: { customAttributes: ARRAY } },
			field: 'Update Fields › Custom Attributes',
			reason: 'must be a JSON object',
		},
		{
			name: 'a title as an object',
			parameters: { updateFields: { title: OBJECT } },
			field: 'Update Fields › Title',
			reason: 'must be text',
		},
		{
			name: 'an over-long title',
			parameters: { updateFields: { title: repeat('t', 300) } },
			field: 'Update Fields › Title',
			reason: 'the limit is 255',
		},
		{
			name: 'a title with API version 2.12',
			parameters: { updateFields: { title: 'Refund' } },
			credentials: { apiVersion: '2.12' },
			field: 'Update Fields › Title',
			reason: 'needs Intercom API version 2.13 or later',
		},
	]),
	...operationCases('Search', { operation: 'search' }, [
		{
			name: 'an unknown state',
			parameters: { state: '={{ "pending" }}' },
			field: 'State',
			reason: 'must be one of',
		},
		{
			name: 'a limit of 0',
			parameters: { limit: 0 },
			field: 'Limit',
			reason: 'must be at least 1',
		},
		{
			name: 'a team name instead of an ID',
			parameters: { filters: { teamAssigneeId: 'billing' } },
			field: 'Filters › Team Assignee',
			reason: 'must be a whole number',
		},
		{
			name: 'an admin ID with letters',
			parameters: { filters: { adminAssigneeId: '99a' } },
			field: 'Filters › Admin Assignee',
			reason: 'must be a whole number',
		},
		{
			name: 'an unreadable Updated Since',
			parameters: { filters: { updatedSince: 'last week' } },
			field: 'Filters › Updated Since',
			reason: 'must be a date and time',
		},
		{
			name: 'a contact ID with a space',
			parameters: { filters: { contactId: 'a b' } },
			field: 'Filters › Contact',
			reason: 'an ID has only letters',
		},
		{
			name: 'a contact By URL the node cannot read',
			parameters: { filters: { contactId: byUrl('https://app.intercom.com/a/apps/x/inbox') } },
			field: 'Filters › Contact',
			reason: 'is not an address the node can read',
		},
		{
			name: 'an admin typed By ID with letters',
			parameters: { filters: { adminAssigneeId: byId('zoe') } },
			field: 'Filters › Admin Assignee',
			reason: 'must be a whole number, but got "zoe"',
		},
		{
			name: 'a team typed By ID below 0',
			parameters: { filters: { teamAssigneeId: byId('-5') } },
			field: 'Filters › Team Assignee',
			reason: 'must be at least 0',
		},
		{
			name: 'a tag with a slash among the tags',
			parameters: { filters: { tagIds: '={{ ["86", "87/x"] }}' } },
			field: 'Filters › Tag Names or IDs',
			reason:
				'has an invalid entry (number 2): "87/x" is not valid: an ID has only letters, digits, "-", "_" and ":"',
		},
		{
			name: '16 tags',
			parameters: {
				filters: { tagIds: '={{ Array.from({ length: 16 }, (_, i) => String(i + 1)) }}' },
			},
			field: 'Filters › Tag Names or IDs',
			reason: 'has 16 entries; the limit is 15',
		},
		{
			name: 'tags as an object',
			parameters: { filters: { tagIds: OBJECT } },
			field: 'Filters › Tag Names or IDs',
			reason: 'must be a list of IDs, but got an object',
		},
	]),
	{
		name: 'Create › a Brand ID with API version 2.14',
		parameters: extra({ brandId: 'tlkp1d91' }),
		field: 'Additional Fields › Brand ID',
		reason: 'needs Intercom API version 2.16 or later',
	},
	{
		name: 'Create › a Brand ID with a slash',
		parameters: extra({ brandId: 'a/b' }),
		credentials: { apiVersion: '2.16' },
		field: 'Additional Fields › Brand ID',
		reason: 'an ID has only letters',
	},
];

/** An operation's cases, on top of its base parameters, named "Operation › case". */
function operationCases(name: string, base: INodeParameters, cases: BadInput[]): BadInput[] {
	return withParameters(base, cases).map((entry) => ({
		...entry,
		name: `${name} › ${entry.name}`,
	}));
}
