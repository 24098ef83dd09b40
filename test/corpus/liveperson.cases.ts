import type { INodeParameters } from 'n8n-workflow';

import {
	type BadInput,
	EMPTY,
	inside,
	OBJECT,
	repeat,
	SPACES,
	typeCases,
	withParameters,
} from './cases';

// LivePerson: Conversation → Create for one external consumer is the base; Close and Message → Send name
// their operation. Labels from nodes/LivePerson/fields.ts and the operation files; the credential's
// labels from credentials/LivePersonConversationsApi.credentials.ts.

export const livePersonCreate: INodeParameters = {
	resource: 'conversation',
	operation: 'create',
	externalConsumerId: 'crm-contact-4711',
};

const CONVERSATION_ID = '8602832d-dce1-446b-8445-0d51f5926a42';
const sendMessage = {
	resource: 'message',
	operation: 'send',
	conversationId: CONVERSATION_ID,
	message: 'Hello',
};
const closeConversation = {
	resource: 'conversation',
	operation: 'close',
	conversationId: CONVERSATION_ID,
};
const sendStructured = {
	resource: 'message',
	operation: 'sendStructuredContent',
	conversationId: CONVERSATION_ID,
	structuredContent: '{"type": "vertical", "elements": []}',
};
const transfer = {
	resource: 'conversation',
	operation: 'transfer',
	conversationId: CONVERSATION_ID,
	skillId: '1001',
};
const updateConsumerInfo = {
	resource: 'conversation',
	operation: 'updateConsumerInfo',
	firstName: 'Ann',
};
const customerInfo = (fields: INodeParameters) => ({ customerInfo: fields });
const personalInfo = (fields: INodeParameters) => ({ personalInfo: fields });
const conversationOptions = (fields: INodeParameters) => ({ conversationOptions: fields });

const NOT_AN_ID = 'an ID has only letters, digits, "-", "_" and ":"';
const NOT_A_SKILL = 'a skill ID is a number, or -1 for any skill';
const NOT_A_LANGUAGE = 'use a language tag such as en-US';
const FEATURES =
	'allowed are AUTO_MESSAGES, CO_BROWSE, MULTI_DIALOG, PHOTO_SHARING, QUICK_REPLIES, RICH_CONTENT';

/** A credential URL that is not one: refused once per run before any request. */
const credentialUrl = (field: string, label: string, value: string): BadInput => ({
	name: `a malformed ${label} in the credential`,
	parameters: closeConversation,
	credentials: { [field]: value },
	field: `The ${label} of the LivePerson Conversations credential`,
	reason: /is not a host name or an http\(s\) URL/,
});

export const livePersonCases: BadInput[] = [
	// Message → Send Structured Content, Conversation → Transfer to Skill, Update Consumer Info.
	...withParameters(transfer, typeCases('skillId', 'Skill', true)),
	...withParameters(sendStructured, typeCases('conversationId', 'Conversation ID', true)),
	{
		name: 'structured content that is not JSON (Send Structured Content)',
		parameters: { ...sendStructured, structuredContent: '{"type": "vertical",' },
		field: 'Structured Content (JSON)',
		reason: /is not valid JSON/,
	},
	{
		name: 'structured content that is a list (Send Structured Content)',
		parameters: { ...sendStructured, structuredContent: '[{"type": "text"}]' },
		field: 'Structured Content (JSON)',
		reason: /must be a JSON object/,
	},
	{
		name: 'structured content without a template type (Send Structured Content)',
		parameters: { ...sendStructured, structuredContent: '{"elements": []}' },
		field: 'Structured Content (JSON)',
		reason: /needs a "type"/,
	},
	{
		name: 'empty structured content (Send Structured Content)',
		parameters: { ...sendStructured, structuredContent: EMPTY },
		field: 'Structured Content (JSON)',
		reason: 'is required but is empty',
	},
	{
		name: 'a skill name instead of its ID (Transfer to Skill)',
		parameters: { ...transfer, skillId: 'sales' },
		field: 'Skill',
		reason: 'a skill ID is a number',
	},
	{
		name: 'any skill (-1) as the transfer target (Transfer to Skill)',
		parameters: { ...transfer, skillId: '-1' },
		field: 'Skill',
		reason: 'a skill ID is a number',
	},
	{
		name: 'a skill name typed By ID (Transfer to Skill)',
		parameters: { ...transfer, skillId: { __rl: true, mode: 'id', value: 'Sales' } },
		field: 'Skill',
		reason: '"Sales" is not valid: a skill ID is a number',
	},
	{
		name: 'any skill (-1) picked as the transfer target (Transfer to Skill)',
		parameters: { ...transfer, skillId: { __rl: true, mode: 'list', value: '-1' } },
		field: 'Skill',
		reason: 'a skill ID is a number',
	},
	{
		name: 'a skill picked From list as an object (Transfer to Skill)',
		parameters: { ...transfer, skillId: { __rl: true, mode: 'list', value: OBJECT } },
		field: 'Skill',
		reason: 'must be text, but got an object',
	},
	{
		name: 'no profile value at all (Update Consumer Info)',
		parameters: { ...updateConsumerInfo, firstName: '' },
		field: 'Customer Info',
		reason: /nothing to update/,
	},
	{
		name: 'an e-mail with "(at)" (Update Consumer Info)',
		parameters: { ...updateConsumerInfo, ...personalInfo({ email: 'ann(at)example.com' }) },
		field: 'Personal Info › Email',
		reason: 'is not a valid e-mail address',
	},

	// Empty, whitespace-only and wrongly typed values from expressions.
	...typeCases('externalConsumerId', 'External Consumer ID', true),
	...withParameters(sendMessage, typeCases('conversationId', 'Conversation ID', true)),
	...withParameters(sendMessage, typeCases('message', 'Message', true)),
	...typeCases('firstMessage', 'First Message', false),
	...typeCases('firstName', 'First Name', false).filter((entry) => /object|list/.test(entry.name)),
	...inside(
		'customerInfo',
		'Customer Info',
		typeCases('userName', 'User Name', false).filter((entry) => /number|list/.test(entry.name)),
	),
	{
		name: 'a conversation ID that is empty (Close)',
		parameters: { ...closeConversation, conversationId: EMPTY },
		field: 'Conversation ID',
		reason: 'is required but is empty',
	},
	{
		name: 'an external consumer ID of only spaces (Close)',
		parameters: { ...closeConversation, externalConsumerId: SPACES },
		field: 'External Consumer ID',
		reason: 'is required but is empty',
	},
	{
		name: 'a visitor ID that is an object',
		parameters: conversationOptions({ visitorId: OBJECT }),
		field: 'Conversation Options › Visitor ID',
		reason: 'must be text, but got an object',
	},
	{
		name: 'a skill ID with a fraction',
		parameters: { skillId: '={{ 1.5 }}' },
		field: 'Skill',
		reason: NOT_A_SKILL,
	},
	{
		name: 'a skill name instead of its ID',
		parameters: { skillId: 'sales' },
		field: 'Skill',
		reason: NOT_A_SKILL,
	},
	{
		name: 'a skill typed By ID with a space',
		parameters: { skillId: { __rl: true, mode: 'id', value: '10 01' } },
		field: 'Skill',
		reason: NOT_A_SKILL,
	},
	{
		name: 'a skill typed By ID as a fraction from an expression',
		parameters: { skillId: { __rl: true, mode: 'id', value: '={{ 1.5 }}' } },
		field: 'Skill',
		reason: NOT_A_SKILL,
	},

	// Malformed e-mails, IDs, language tags and JSON.
	{
		name: 'an e-mail with "(at)"',
		parameters: personalInfo({ email: 'nathan(at)example.com' }),
		field: 'Personal Info › Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'an e-mail without a domain dot',
		parameters: personalInfo({ email: 'nathan@localhost' }),
		field: 'Personal Info › Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'an e-mail that is a list',
		parameters: personalInfo({ email: '={{ ["nathan@example.com"] }}' }),
		field: 'Personal Info › Email',
		reason: 'must be text, but got a list',
	},
	{
		name: 'a conversation ID with a slash',
		parameters: { ...sendMessage, conversationId: '../conversations' },
		field: 'Conversation ID',
		reason: NOT_AN_ID,
	},
	{
		name: 'a conversation ID with a space',
		parameters: { ...closeConversation, conversationId: '8602832d dce1' },
		field: 'Conversation ID',
		reason: NOT_AN_ID,
	},
	{
		name: 'a language that is a word',
		parameters: personalInfo({ language: 'English' }),
		field: 'Personal Info › Language',
		reason: NOT_A_LANGUAGE,
	},
	{
		name: 'a conversation language with "_"',
		parameters: conversationOptions({ language: 'en_US' }),
		field: 'Conversation Options › Language',
		reason: NOT_A_LANGUAGE,
	},
	{
		name: 'other customer fields that are not JSON',
		parameters: customerInfo({ otherFields: '{balance: 120.5}' }),
		field: 'Customer Info › Other Fields (JSON)',
		reason: 'is not valid JSON',
	},
	{
		name: 'other customer fields as a list',
		parameters: customerInfo({ otherFields: '[{"balance": 120.5}]' }),
		field: 'Customer Info › Other Fields (JSON)',
		reason: 'must be a JSON object such as {"plan": "pro"}, but got a list',
	},
	{
		name: 'a campaign ID without an engagement ID',
		parameters: conversationOptions({ campaignId: '1234' }),
		field: 'Conversation Options › Campaign ID',
		reason: 'and Engagement ID go together',
	},
	{
		name: 'an engagement ID without a campaign ID',
		parameters: conversationOptions({ engagementId: '={{ 5678 }}' }),
		field: 'Conversation Options › Campaign ID',
		reason: 'and Engagement ID go together',
	},

	// Over-long text.
	{
		name: 'an over-long external consumer ID',
		parameters: { externalConsumerId: repeat('e', 256) },
		field: 'External Consumer ID',
		reason: 'the limit is 255',
	},
	{
		name: 'an over-long conversation ID',
		parameters: { ...sendMessage, conversationId: repeat('c', 129) },
		field: 'Conversation ID',
		reason: 'the limit is 128',
	},
	{
		name: 'an over-long first name',
		parameters: { firstName: repeat('f', 256) },
		field: 'First Name',
		reason: 'the limit is 255',
	},
	{
		name: 'an over-long company',
		parameters: personalInfo({ company: repeat('c', 256) }),
		field: 'Personal Info › Company',
		reason: 'the limit is 255',
	},
	{
		name: 'an over-long customer ID',
		parameters: customerInfo({ customerId: repeat('c', 256) }),
		field: 'Customer Info › Customer ID',
		reason: 'the limit is 255',
	},
	{
		name: 'an over-long phone',
		parameters: personalInfo({ phone: repeat('1', 65) }),
		field: 'Personal Info › Phone',
		reason: 'the limit is 64',
	},
	{
		name: 'an over-long campaign ID',
		parameters: conversationOptions({ campaignId: repeat('1', 65), engagementId: '5678' }),
		field: 'Conversation Options › Campaign ID',
		reason: 'the limit is 64',
	},
	{
		name: 'an over-long session ID',
		parameters: conversationOptions({ sessionId: repeat('s', 129) }),
		field: 'Conversation Options › Session ID',
		reason: 'the limit is 128',
	},

	// Unknown enum values.
	{
		name: 'an unknown gender',
		parameters: personalInfo({ gender: '={{ "F" }}' }),
		field: 'Personal Info › Gender',
		reason: 'must be one of "MALE", "FEMALE", "OTHER", but got "F"',
	},
	{
		name: 'a gender in lower case',
		parameters: personalInfo({ gender: '={{ "female" }}' }),
		field: 'Personal Info › Gender',
		reason: 'but got "female"',
	},
	{
		name: 'an unknown urgency',
		parameters: conversationOptions({ ttrDefName: '={{ "HIGH" }}' }),
		field: 'Conversation Options › Urgency',
		reason: 'must be one of "NORMAL", "URGENT", "PRIORITIZED", but got "HIGH"',
	},
	{
		name: 'an unknown client feature',
		parameters: { ...sendMessage, additionalFields: { clientFeatures: '={{ ["FOO"] }}' } },
		field: 'Additional Fields › Client Features',
		reason: `contains "FOO"; ${FEATURES}`,
	},
	{
		name: 'an unknown feature in comma-separated text',
		parameters: {
			...closeConversation,
			additionalFields: { clientFeatures: '={{ "AUTO_MESSAGES,VOICE" }}' },
		},
		field: 'Additional Fields › Client Features',
		reason: `contains "VOICE"; ${FEATURES}`,
	},
	{
		name: 'a number among client features',
		parameters: {
			...sendMessage,
			additionalFields: { clientFeatures: '={{ ["AUTO_MESSAGES", 3] }}' },
		},
		field: 'Additional Fields › Client Features',
		reason: 'contains "3"',
	},
	{
		name: 'a client feature unknown in Create',
		parameters: conversationOptions({ clientFeatures: '={{ ["VOICE"] }}' }),
		field: 'Conversation Options › Client Features',
		reason: 'contains "VOICE"',
	},
	{
		name: 'client features as an object',
		parameters: { ...closeConversation, additionalFields: { clientFeatures: OBJECT } },
		field: 'Additional Fields › Client Features',
		reason: 'must be a list of feature names',
	},
	{
		name: 'client features as a number',
		parameters: { ...sendMessage, additionalFields: { clientFeatures: '={{ 7 }}' } },
		field: 'Additional Fields › Client Features',
		reason: 'must be a list of feature names',
	},

	// Known bugs: the node sends these today.
	{
		name: 'an over-long message',
		parameters: { ...sendMessage, message: repeat('m', 200000) },
		field: 'Message',
		reason: /the limit is \d+/,
	},
	{
		name: 'an over-long first message',
		parameters: { firstMessage: repeat('m', 200000) },
		field: 'First Message',
		reason: /the limit is \d+/,
	},
	{
		name: 'an account ID that is not a number',
		parameters: closeConversation,
		credentials: { accountId: 'le12345678' },
		field: 'The Account ID of the LivePerson Conversations credential',
		reason: 'must be your LivePerson account number',
	},
	credentialUrl('domainApiHost', 'Domain API Host', 'ftp://api.liveperson.net'),
	credentialUrl('sentinelUrl', 'Sentinel URL (Override)', 'https//va.sentinel.liveperson.net'),
	credentialUrl('asyncMessagingEntUrl', 'Messaging URL (Override)', 'javascript:alert(1)'),
];
