import type { INodeParameters } from 'n8n-workflow';

import {
	ARRAY,
	type BadInput,
	EMPTY,
	inside,
	NULL,
	OBJECT,
	repeat,
	SPACES,
	typeCases,
	withParameters,
} from './cases';

// Chatwoot: Conversation → Create (public client API, new contact) is the base; the other operations
// name their resource and operation. Labels from nodes/Chatwoot/fields.ts and the operation files.

export const chatwootCreate: INodeParameters = {
	resource: 'conversation',
	operation: 'create',
	contactMode: 'new',
};

const existingContact = { contactMode: 'existing' };
const sendMessage = {
	resource: 'message',
	operation: 'send',
	contactIdentifier: '2a7d6b40-8f7e-4f9c-9f4e-0c5a3e1b2d11',
	conversationId: '42',
	message: 'Hello',
};
const getConversation = {
	resource: 'conversation',
	operation: 'get',
	contactIdentifier: '2a7d6b40-8f7e-4f9c-9f4e-0c5a3e1b2d11',
	conversationId: '42',
};
const resolveConversation = { ...getConversation, operation: 'resolve' };
const asAgent = {
	resource: 'conversation',
	operation: 'createAsAgent',
	inboxId: '3',
	contactBy: 'contactId',
	contactId: '1234',
};
const sendAsAgent = {
	resource: 'message',
	operation: 'sendAsAgent',
	conversationId: '42',
	message: 'Hello',
};
const onConversation = (operation: string) => ({
	resource: 'conversation',
	operation,
	conversationId: '42',
});
const contactFields = (fields: INodeParameters) => ({ contactFields: fields });
const agentExtra = (fields: INodeParameters) => ({ ...asAgent, additionalFields: fields });

const WHOLE_NUMBER = 'must be a whole number';
const LABELS = 'Label Names or IDs';
const SOURCE_ID = 'Contact Source ID (This Inbox)';
const NOT_A_SOURCE_ID = 'is not a contact source ID: it contains';
const NOT_INTERNATIONAL = 'is not a phone number in international format';

export const chatwootCases: BadInput[] = [
	// Empty, whitespace-only and wrongly typed values from expressions.
	...withParameters(existingContact, typeCases('contactIdentifier', SOURCE_ID, true)),
	...withParameters(sendMessage, typeCases('message', 'Message', true)),
	...typeCases('message', 'First Message', false),
	...inside('contactFields', 'Contact Fields', typeCases('name', 'Name', false)),
	...inside('contactFields', 'Contact Fields', typeCases('email', 'Email', false)),
	{
		name: 'Contact Fields › a phone number as a number',
		parameters: contactFields({ phoneNumber: '={{ 4915112345678 }}' }),
		field: 'Contact Fields › Phone Number',
		reason: 'is not a phone number in international format; write + and the country code first',
	},
	{
		name: 'a conversation ID that is empty',
		parameters: { ...sendMessage, conversationId: EMPTY },
		field: 'Conversation',
		reason: 'is required but is empty',
	},
	{
		name: 'a conversation ID of only spaces',
		parameters: { ...sendMessage, conversationId: SPACES },
		field: 'Conversation',
		reason: 'is required but is empty',
	},
	{
		name: 'a conversation ID that is null',
		parameters: { ...getConversation, conversationId: NULL },
		field: 'Conversation',
		reason: 'is required but is empty',
	},
	{
		name: 'a conversation ID that is an object',
		parameters: { ...resolveConversation, conversationId: OBJECT },
		field: 'Conversation',
		reason: `${WHOLE_NUMBER}, but got an object`,
	},
	{
		name: 'a conversation ID that is a list',
		parameters: { ...sendMessage, conversationId: ARRAY },
		field: 'Conversation',
		reason: `${WHOLE_NUMBER}, but got a list`,
	},
	{
		name: 'a conversation ID that is text',
		parameters: { ...sendMessage, conversationId: 'abc' },
		field: 'Conversation',
		reason: `${WHOLE_NUMBER}, but got "abc"`,
	},
	{
		name: 'a conversation ID with a fraction',
		parameters: { ...getConversation, conversationId: '={{ 1.5 }}' },
		field: 'Conversation',
		reason: `${WHOLE_NUMBER}, but got the number 1.5`,
	},
	{
		name: 'a conversation ID of 0',
		parameters: { ...resolveConversation, conversationId: '0' },
		field: 'Conversation',
		reason: 'must be at least 1',
	},
	{
		name: 'an inbox ID that is empty',
		parameters: { ...asAgent, inboxId: EMPTY },
		field: 'Inbox',
		reason: 'is required but is empty',
	},
	{
		name: 'an inbox ID that is null',
		parameters: { ...asAgent, inboxId: NULL },
		field: 'Inbox',
		reason: 'is required but is empty',
	},
	{
		name: 'an inbox ID of 0',
		parameters: { ...asAgent, inboxId: '0' },
		field: 'Inbox',
		reason: 'must be at least 1',
	},
	{
		name: 'an inbox identifier instead of the inbox ID',
		parameters: { ...asAgent, inboxId: 'inbX7kP2mQ9wZ' },
		field: 'Inbox',
		reason: `${WHOLE_NUMBER}, but got "inbX7kP2mQ9wZ"`,
	},
	{
		name: 'an account ID with a letter',
		parameters: agentExtra({ accountId: '1a' }),
		field: 'Additional Fields › Account',
		reason: `${WHOLE_NUMBER}, but got "1a"`,
	},
	{
		name: 'a contact ID that is an object',
		parameters: { ...asAgent, contactId: '={{ { "id": 4 } }}' },
		field: 'Contact',
		reason: `${WHOLE_NUMBER}, but got an object`,
	},
	{
		name: 'a contact ID that is empty',
		parameters: { ...asAgent, contactId: EMPTY },
		field: 'Contact',
		reason: 'is required but is empty',
	},
	{
		name: 'an agent message that is a list',
		parameters: { ...asAgent, message: '={{ ["Hello"] }}' },
		field: 'Message',
		reason: 'must be text, but got a list',
	},
	{
		name: 'a team ID that is a name',
		parameters: agentExtra({ teamId: 'sales' }),
		field: 'Additional Fields › Team',
		reason: `${WHOLE_NUMBER}, but got "sales"`,
	},
	{
		name: 'a negative assignee ID',
		parameters: agentExtra({ assigneeId: '={{ -2 }}' }),
		field: 'Additional Fields › Assignee',
		reason: 'must be at least 1',
	},

	// Malformed e-mails, URLs, phone numbers, JSON and IDs.
	{
		name: 'an e-mail without a domain',
		parameters: contactFields({ email: 'nathan@' }),
		field: 'Contact Fields › Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'an e-mail with a space',
		parameters: contactFields({ email: 'nathan smith@example.com' }),
		field: 'Contact Fields › Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'two e-mails',
		parameters: contactFields({ email: 'a@example.com,b@example.com' }),
		field: 'Contact Fields › Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'an avatar URL without "://"',
		parameters: contactFields({ avatarUrl: 'https//example.com/photo.png' }),
		field: 'Contact Fields › Avatar URL',
		reason: 'is not a valid URL',
	},
	{
		name: 'an avatar URL without a scheme',
		parameters: contactFields({ avatarUrl: 'www.example.com/photo.png' }),
		field: 'Contact Fields › Avatar URL',
		reason: 'is not a valid URL',
	},
	{
		name: 'a javascript: avatar URL',
		parameters: contactFields({ avatarUrl: 'javascript:alert(1)' }),
		field: 'Contact Fields › Avatar URL',
		reason: 'must start with http:// or https://',
	},
	{
		name: 'an avatar URL as an object',
		parameters: contactFields({ avatarUrl: OBJECT }),
		field: 'Contact Fields › Avatar URL',
		reason: 'must be text, but got an object',
	},
	{
		name: 'a national phone number',
		parameters: contactFields({ phoneNumber: '0151 1234567' }),
		field: 'Contact Fields › Phone Number',
		reason: NOT_INTERNATIONAL,
	},
	{
		name: 'a phone number with 19 digits',
		parameters: contactFields({ phoneNumber: '+49 1511 2345 6789 0123' }),
		field: 'Contact Fields › Phone Number',
		reason: NOT_INTERNATIONAL,
	},
	{
		name: 'a phone number with letters',
		parameters: contactFields({ phoneNumber: '+1 800 FLOWERS' }),
		field: 'Contact Fields › Phone Number',
		reason: NOT_INTERNATIONAL,
	},
	{
		name: 'contact custom attributes that are not JSON',
		parameters: contactFields({ customAttributes: '{plan: pro}' }),
		field: 'Contact Fields › Custom Attributes',
		reason: 'is not valid JSON',
	},
	{
		name: 'contact custom attributes as a list',
		parameters: contactFields({ customAttributes: '={{ ["pro"] }}' }),
		field: 'Contact Fields › Custom Attributes',
		reason: 'must be a JSON object such as {"plan": "pro"}, but got a list',
	},
	{
		name: 'conversation custom attributes as a JSON list',
		parameters: { additionalFields: { customAttributes: '["A-1001"]' } },
		field: 'Additional Fields › Conversation Custom Attributes',
		reason: 'but got a list',
	},
	{
		name: 'additional attributes that are not JSON',
		parameters: agentExtra({ additionalAttributes: 'browser=firefox' }),
		field: 'Additional Fields › Additional Attributes',
		reason: 'is not valid JSON',
	},
	{
		name: 'a contact source ID with a slash',
		parameters: { ...getConversation, contactIdentifier: 'a/b' },
		field: SOURCE_ID,
		reason: `${NOT_A_SOURCE_ID} "/"`,
	},
	{
		name: 'a contact source ID with a space',
		parameters: { ...asAgent, contactBy: 'contactIdentifier', contactIdentifier: 'a b' },
		field: SOURCE_ID,
		reason: `${NOT_A_SOURCE_ID} a space or control character`,
	},
	{
		name: 'a contact source ID with two dots',
		parameters: { ...existingContact, contactIdentifier: '..' },
		field: SOURCE_ID,
		reason: `${NOT_A_SOURCE_ID} ".."`,
	},
	{
		name: 'a contact source ID that is "%2E%2E" (".." once decoded)',
		parameters: { ...getConversation, contactIdentifier: '%2E%2E' },
		field: SOURCE_ID,
		reason: 'is "%2E%2E", which a URL reads as ".." (the parent folder)',
	},
	{
		name: 'a credential Inbox Identifier that is ".." (sent as %2E%2E, which a URL reads as "..")',
		parameters: getConversation,
		credentials: { inboxIdentifier: '..' },
		field: 'The Inbox Identifier of the Chatwoot Conversations credential',
		reason: 'is "..", which a URL reads as ".."',
		description: 'Copy the Inbox Identifier again',
	},
	{
		name: 'a contact source ID that is one dot',
		parameters: { ...sendMessage, contactIdentifier: '.' },
		field: SOURCE_ID,
		reason: `${NOT_A_SOURCE_ID} only "."`,
	},
	{
		name: 'a contact source ID with "?"',
		parameters: { ...resolveConversation, contactIdentifier: 'a?b=c' },
		field: SOURCE_ID,
		reason: `${NOT_A_SOURCE_ID} "?"`,
	},
	{
		name: 'a contact source ID with "#"',
		parameters: { ...getConversation, contactIdentifier: 'a#b' },
		field: SOURCE_ID,
		reason: `${NOT_A_SOURCE_ID} "#"`,
	},
	{
		name: 'a contact source ID with a backslash',
		parameters: { ...getConversation, contactIdentifier: 'a\\b' },
		field: SOURCE_ID,
		reason: `${NOT_A_SOURCE_ID} "\\"`,
	},
	{
		name: 'a contact source ID with a NUL byte',
		parameters: { ...sendMessage, contactIdentifier: '={{ "a" + String.fromCharCode(0) + "b" }}' },
		field: SOURCE_ID,
		reason: 'contains the control character U+0000 at position 2',
	},
	{
		name: 'a contact source ID with a tab inside',
		parameters: { ...asAgent, contactBy: 'contactIdentifier', contactIdentifier: 'a\tb' },
		field: SOURCE_ID,
		reason: `${NOT_A_SOURCE_ID} a space or control character`,
	},
	{
		name: 'a CRM identifier that is empty',
		parameters: { ...asAgent, contactBy: 'crmIdentifier', crmIdentifier: EMPTY },
		field: 'CRM Identifier',
		reason: 'is required but is empty',
	},
	{
		name: 'a CRM identifier that is an object',
		parameters: { ...asAgent, contactBy: 'crmIdentifier', crmIdentifier: OBJECT },
		field: 'CRM Identifier',
		reason: 'must be text, but got an object',
	},

	// Over-long text.
	{
		name: 'an over-long first message',
		parameters: { message: repeat('m', 150001) },
		field: 'First Message',
		reason: 'the limit is 150000',
	},
	{
		name: 'an over-long message',
		parameters: { ...sendMessage, message: repeat('m', 150001) },
		field: 'Message',
		reason: 'the limit is 150000',
	},
	{
		name: 'an over-long agent message',
		parameters: { ...asAgent, message: repeat('m', 150001) },
		field: 'Message',
		reason: 'the limit is 150000',
	},
	{
		name: 'an over-long name',
		parameters: contactFields({ name: repeat('n', 256) }),
		field: 'Contact Fields › Name',
		reason: 'the limit is 255',
	},
	{
		name: 'an over-long CRM identifier',
		parameters: contactFields({ identifier: repeat('i', 256) }),
		field: 'Contact Fields › CRM Identifier',
		reason: 'the limit is 255',
	},
	{
		name: 'an over-long e-mail',
		parameters: contactFields({ email: `={{ "a".repeat(250) + "@example.com" }}` }),
		field: 'Contact Fields › Email',
		reason: 'the limit is 254',
	},
	{
		name: 'an over-long avatar URL',
		parameters: contactFields({ avatarUrl: `={{ "https://example.com/" + "a".repeat(2100) }}` }),
		field: 'Contact Fields › Avatar URL',
		reason: 'the limit is 2048',
	},
	{
		name: 'an over-long contact source ID',
		parameters: { ...resolveConversation, contactIdentifier: repeat('c', 256) },
		field: SOURCE_ID,
		reason: 'the limit is 255',
	},

	// A vendor-local check in Create as Agent (api.ts, requireAccountId): it names the credential's
	// field, and its description says where to find the number instead of "Nothing was sent".
	{
		name: 'an account ID in the credential that is not a number',
		parameters: asAgent,
		credentials: { accountId: 'acme' },
		field: 'The Account ID "acme" in the Chatwoot Conversations credential',
		reason: 'is not a number',
		description: 'or enter the Account ID in the credential',
	},

	// The Inbox Identifier is optional in the credential (Create as Agent does without it); the
	// public API operations refuse to run without it before any request.
	...(
		[
			['create', { contactMode: 'new' }],
			['send', sendMessage],
			['get', getConversation],
			['resolve', resolveConversation],
		] as const
	).map(([operation, parameters]) => ({
		name: `no Inbox Identifier in the credential (${operation})`,
		parameters,
		credentials: { inboxIdentifier: '' },
		field: 'This operation needs the Inbox Identifier of the Chatwoot Conversations credential',
		reason: '[item 0]',
		description:
			'Settings → Inboxes → your API inbox → Configuration → Inbox Identifier. Nothing was sent.',
	})),

	// Message → Send as Agent (Application API).
	...withParameters(sendAsAgent, typeCases('message', 'Message', true)),
	{
		name: 'Send as Agent: a conversation ID that is text',
		parameters: { ...sendAsAgent, conversationId: '={{ "forty-two" }}' },
		field: 'Conversation',
		reason: `${WHOLE_NUMBER}, but got "forty-two"`,
	},
	{
		name: 'Send as Agent: Private Note as text',
		parameters: { ...sendAsAgent, privateNote: '={{ "yes" }}' },
		field: 'Private Note',
		reason: 'must be true or false, but got string',
	},
	{
		name: 'Send as Agent: an Account ID in the node that is not a number',
		parameters: { ...sendAsAgent, additionalFields: { accountId: '={{ "acme" }}' } },
		field: 'Additional Fields › Account',
		reason: `${WHOLE_NUMBER}, but got "acme"`,
	},
	{
		name: 'Send as Agent: no access token in the credential',
		parameters: sendAsAgent,
		credentials: { apiAccessToken: '' },
		field: 'Send as Agent needs the User Access Token of the Chatwoot Conversations credential',
		reason: '[item 0]',
		description: 'Profile Settings → Access Token into the credential. Nothing was sent.',
	},

	// Conversation → Assign, Add / Set Labels, Set Priority, Change Status (Application API).
	{
		name: 'Assign: an agent ID that is text',
		parameters: { ...onConversation('assign'), assigneeId: '={{ "smith" }}' },
		field: 'Agent',
		reason: `${WHOLE_NUMBER}, but got "smith"`,
	},
	{
		name: 'Assign: a team ID of 0',
		parameters: { ...onConversation('assign'), teamId: '={{ 0 }}' },
		field: 'Team',
		reason: 'must be at least 1',
	},
	{
		name: 'Assign: neither agent nor team',
		parameters: onConversation('assign'),
		field: 'Agent',
		reason: 'and Team are both empty',
	},
	...(['setLabels', 'addLabels'] as const).flatMap((operation) => [
		{
			name: `${operation}: a label with a space`,
			parameters: { ...onConversation(operation), labels: 'needs review' },
			field: LABELS,
			reason: 'has "needs review", which is not a Chatwoot label',
		},
		{
			name: `${operation}: labels that are empty`,
			parameters: { ...onConversation(operation), labels: EMPTY },
			field: LABELS,
			reason: 'is required but is empty',
		},
		{
			name: `${operation}: labels as an object`,
			parameters: { ...onConversation(operation), labels: OBJECT },
			field: LABELS,
			reason: 'must be text, but got an object',
		},
	]),
	{
		name: 'Set Priority: an unknown priority',
		parameters: { ...onConversation('setPriority'), priority: '={{ "critical" }}' },
		field: 'Priority',
		reason: 'must be one of "urgent", "high", "medium", "low", "none", but got "critical"',
	},
	{
		name: 'Change Status: an unknown status',
		parameters: { ...onConversation('changeStatus'), status: '={{ "closed" }}' },
		field: 'Status',
		reason: 'must be one of "open", "pending", "snoozed", "resolved", but got "closed"',
	},
	{
		name: 'Change Status: Snoozed Until that is no date',
		parameters: {
			...onConversation('changeStatus'),
			status: 'snoozed',
			snoozedUntil: '={{ "tomorrow" }}',
		},
		field: 'Snoozed Until',
		reason: 'must be a date and time such as 2026-01-31T12:00:00Z, but got "tomorrow"',
	},

	{
		name: 'Search: an unknown status',
		parameters: { resource: 'conversation', operation: 'search', status: '={{ "closed" }}' },
		field: 'Status',
		reason: 'must be one of "all", "open", "pending", "resolved", "snoozed", but got "closed"',
	},
	{
		name: 'Search: a Limit above 1000',
		parameters: { resource: 'conversation', operation: 'search', limit: '={{ 5000 }}' },
		field: 'Limit',
		reason: 'must be at most 1000',
	},
	{
		name: 'Search: a label with a slash',
		parameters: {
			resource: 'conversation',
			operation: 'search',
			additionalFields: { labels: 'billing/vip' },
		},
		field: `Additional Fields › ${LABELS}`,
		reason: 'has "billing/vip", which is not a Chatwoot label',
	},
	{
		name: 'Search: an unknown assignee type',
		parameters: {
			resource: 'conversation',
			operation: 'search',
			additionalFields: { assigneeType: '={{ "team" }}' },
		},
		field: 'Additional Fields › Assignee',
		reason: 'must be one of "all", "assigned", "me", "unassigned", but got "team"',
	},

	// Contact → Create and Find (Application API).
	{
		name: 'Contact Create: no inbox ID',
		parameters: { resource: 'contact', operation: 'create', inboxId: EMPTY },
		field: 'Inbox',
		reason: 'is required but is empty',
	},
	{
		name: 'Contact Create: a malformed e-mail',
		parameters: {
			resource: 'contact',
			operation: 'create',
			inboxId: '3',
			additionalFields: { email: 'ana at example.com' },
		},
		field: 'Additional Fields › Email',
		reason: 'is not a valid e-mail address',
	},
	...withParameters(
		{ resource: 'contact', operation: 'find' },
		typeCases('crmIdentifier', 'CRM Identifier', true),
	),
	{
		name: 'Contact Find: a phone number without country code',
		parameters: {
			resource: 'contact',
			operation: 'find',
			findBy: 'phoneNumber',
			phoneNumber: '015112345678',
		},
		field: 'Phone Number',
		reason: NOT_INTERNATIONAL,
	},

	{
		name: 'Send as Agent: a WhatsApp template without a name',
		parameters: {
			...sendAsAgent,
			additionalFields: { templateParams: '{"language": "en_US"}' },
		},
		field: 'Additional Fields › WhatsApp Template',
		reason: 'needs "name" as text',
	},
	{
		name: 'Create as Agent: a WhatsApp template with an unknown key',
		parameters: agentExtra({ templateParams: '{"name": "a", "language": "en", "lang": "x"}' }),
		field: 'Additional Fields › WhatsApp Template',
		reason: 'has the key "lang"',
	},
	{
		name: 'Send as Agent: a WhatsApp template that is not JSON',
		parameters: { ...sendAsAgent, additionalFields: { templateParams: '{name: a}' } },
		field: 'Additional Fields › WhatsApp Template',
		reason: 'is not valid JSON',
	},

	// Pickers: a bad value typed By ID or pasted By URL, for each of them.
	...(
		[
			['Conversation', 'conversationId', sendAsAgent, '/conversations/'],
			['Inbox', 'inboxId', asAgent, '/inbox/ or /settings/inboxes/'],
			['Contact', 'contactId', asAgent, '/contacts/'],
			['Assign: Team', 'teamId', onConversation('assign'), '/team/ or /settings/teams/'],
		] as const
	).flatMap(([label, field, base, where]) => {
		const fieldLabel = label.replace(/^Assign: /, '');
		return [
			{
				name: `${label} typed By ID: a name instead of the number`,
				parameters: { ...base, [field]: { __rl: true, mode: 'id', value: 'sales' } },
				field: fieldLabel,
				reason: `${WHOLE_NUMBER}, but got "sales"`,
			},
			{
				name: `${label} pasted By URL: an address of another page`,
				parameters: {
					...base,
					[field]: {
						__rl: true,
						mode: 'url',
						value: 'https://app.chatwoot.com/app/accounts/1/dashboard',
					},
				},
				field: fieldLabel,
				reason: `is not an address the node can read ("https://app.chatwoot.com/app/accounts/1/dashboard"): the ${fieldLabel.toLowerCase()}'s number follows ${where}`,
			},
		];
	}),
	{
		name: 'Assign: Agent typed By ID: a negative number',
		parameters: {
			...onConversation('assign'),
			assigneeId: { __rl: true, mode: 'id', value: '-7' },
		},
		field: 'Agent',
		reason: 'must be at least 1',
	},
	{
		name: 'Create as Agent: Assignee typed By ID: an e-mail',
		parameters: agentExtra({ assigneeId: { __rl: true, mode: 'id', value: 'zoe@example.com' } }),
		field: 'Additional Fields › Assignee',
		reason: `${WHOLE_NUMBER}, but got "zoe@example.com"`,
	},
	{
		name: 'Account typed By ID: a name',
		parameters: {
			...sendAsAgent,
			additionalFields: { accountId: { __rl: true, mode: 'id', value: 'acme' } },
		},
		field: 'Additional Fields › Account',
		reason: `${WHOLE_NUMBER}, but got "acme"`,
	},
	{
		name: 'Account pasted By URL: not a Chatwoot address',
		parameters: {
			...sendAsAgent,
			additionalFields: {
				accountId: { __rl: true, mode: 'url', value: 'https://example.com/accounts/1' },
			},
		},
		field: 'Additional Fields › Account',
		reason:
			'is not an address the node can read ("https://example.com/accounts/1"): the account\'s number follows /app/accounts/',
	},
	{
		name: 'Conversation pasted By URL: an expression that gives nothing',
		parameters: { ...sendAsAgent, conversationId: { __rl: true, mode: 'url', value: EMPTY } },
		field: 'Conversation',
		reason: 'is required but is empty',
	},
	{
		name: "Conversation pasted By URL of account 2 while the node's Account is 1",
		parameters: {
			...sendAsAgent,
			conversationId: {
				__rl: true,
				mode: 'url',
				value: 'https://app.chatwoot.com/app/accounts/2/conversations/42',
			},
			additionalFields: { accountId: '1' },
		},
		field: 'Conversation',
		reason: 'is an address in account 2, but Additional Fields › Account is 1',
	},
	{
		name: 'Get Many: Inbox typed By ID: 0',
		parameters: {
			resource: 'conversation',
			operation: 'search',
			additionalFields: { inboxId: { __rl: true, mode: 'id', value: '0' } },
		},
		field: 'Additional Fields › Inbox',
		reason: 'must be at least 1',
	},

	// Unknown enum values. "Contact" and "Contact Identified By" take no expressions (noDataExpression):
	// n8n hands the node the expression's text, which the node refuses all the same.
	{
		name: 'an unknown contact mode',
		parameters: { contactMode: '={{ "old" }}' },
		field: 'Contact',
		reason: 'must be one of "new", "existing"',
	},
	{
		name: 'an unknown contact lookup',
		parameters: { ...asAgent, contactBy: '={{ "email" }}' },
		field: 'Contact Identified By',
		reason: 'must be one of "contactId", "contactIdentifier", "crmIdentifier"',
	},
	{
		name: 'an unknown status',
		parameters: agentExtra({ status: '={{ "closed" }}' }),
		field: 'Additional Fields › Status',
		reason: 'must be one of "open", "pending", "resolved", but got "closed"',
	},
	{
		name: 'a status as a number',
		parameters: agentExtra({ status: '={{ 1 }}' }),
		field: 'Additional Fields › Status',
		reason: 'must be one of "open", "pending", "resolved", but got the number 1',
	},
];
