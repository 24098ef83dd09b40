import { type BadInput, typeCases } from './cases';

export const userdeskCases: BadInput[] = [
	...typeCases('userName', 'User Name', false),
	...typeCases('userEmail', 'User Email', false),
	...typeCases('message', 'Message', true).map((entry) => ({
		...entry,
		parameters: { resource: 'message', operation: 'send', ...entry.parameters },
	})),
	...typeCases('conversationId', 'Conversation ID', false)
		.filter((entry) => !entry.name.includes('number'))
		.map((entry) => ({
			...entry,
			parameters: { resource: 'message', operation: 'send', message: 'Hi', ...entry.parameters },
		})),
	{
		name: 'a credential Chatbot ID that is "%2E%2E" (the parent folder in a URL)',
		parameters: {},
		credentials: { chatbotId: '%2E%2E' },
		field: 'The Chatbot ID of the Userdesk Conversations credential',
		reason: 'is "%2E%2E", which a URL reads as ".."',
		description: 'Copy the Chatbot ID again',
	},
	{
		name: 'malformed e-mail',
		parameters: { userEmail: 'ana@' },
		field: 'User Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'e-mail without a domain dot',
		parameters: { userEmail: 'ana@localhost' },
		field: 'User Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'e-mail in angle brackets',
		parameters: { userEmail: 'Ana <ana@example.com>' },
		field: 'User Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'an over-long e-mail',
		parameters: { userEmail: `={{ "a".repeat(250) + "@example.com" }}` },
		field: 'User Email',
		reason: 'the limit is 254',
	},
	{
		name: 'an over-long name',
		parameters: { userName: '={{ "n".repeat(256) }}' },
		field: 'User Name',
		reason: 'the limit is 255',
	},
	{
		name: 'an over-long message',
		parameters: { resource: 'message', operation: 'send', message: '={{ "m".repeat(10001) }}' },
		field: 'Message',
		reason: 'the limit is 10000',
	},
	{
		name: 'a conversation ID with a slash',
		parameters: { resource: 'message', operation: 'send', message: 'Hi', conversationId: 'a/b' },
		field: 'Conversation ID',
		reason: 'an ID has only letters',
	},
	{
		name: 'a conversation ID with a dot',
		parameters: { resource: 'message', operation: 'send', message: 'Hi', conversationId: 'a.b' },
		field: 'Conversation ID',
		reason: 'an ID has only letters',
	},
	{
		name: 'an over-long conversation ID',
		parameters: {
			resource: 'message',
			operation: 'send',
			message: 'Hi',
			conversationId: '={{ "c".repeat(129) }}',
		},
		field: 'Conversation ID',
		reason: 'the limit is 128',
	},
	{
		name: 'two e-mails',
		parameters: { userEmail: 'a@example.com; b@example.com' },
		field: 'User Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'an e-mail ending in a dot',
		parameters: { userEmail: 'ana@example.' },
		field: 'User Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'a message that is true',
		parameters: { resource: 'message', operation: 'send', message: '={{ true }}' },
		field: 'Message',
		reason: 'must be text, but got the value true',
	},
	{
		name: 'a name that is false',
		parameters: { userName: '={{ false }}' },
		field: 'User Name',
		reason: 'must be text, but got the value false',
	},
	{
		name: 'a conversation ID with spaces inside',
		parameters: { resource: 'message', operation: 'send', message: 'Hi', conversationId: 'a b' },
		field: 'Conversation ID',
		reason: 'an ID has only letters',
	},
];
