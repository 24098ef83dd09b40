import type { INodeParameters } from 'n8n-workflow';

import {
	ARRAY,
	type BadInput,
	EMPTY,
	NULL,
	NUMBER,
	OBJECT,
	repeat,
	SPACES,
	typeCases,
	withParameters,
} from './cases';

// SocialBoards: Conversation → Create with an author found by e-mail is the base; Close, Change Takeover
// and List Messages have their own cases. Message → Add takes
// its messages as a fixedCollection; an entry's errors name it "Messages › message <n> › <field>"
// (nodes/SocialBoards/message/add.ts). Labels from fields.ts and the operation files.

const USER_ID = 'fc2481f6-28a4-4ca7-849a-344fd6ab1b20';

export const socialBoardsCreate: INodeParameters = {
	resource: 'conversation',
	operation: 'create',
	authorBy: 'email',
	authorEmail: 'nathan@example.com',
	sentiment: 'question',
};

const byCustomIdentifier = { authorBy: 'customIdentifier', authorCustomIdentifier: 'crm-4711' };
const byUserId = { authorBy: 'id', authorId: USER_ID };
const extra = (fields: INodeParameters) => ({ additionalFields: fields });
const getConversation = (conversationId: string) => ({
	resource: 'conversation',
	operation: 'get',
	conversationId,
});

/** Message → Add with `entry` as the last message (after `before`), written by the bot unless the entry says otherwise. */
function addMessages(entry: INodeParameters, before: INodeParameters[] = []): INodeParameters {
	return {
		resource: 'message',
		operation: 'add',
		conversationId: '254626',
		messages: { message: [...before, { text: 'Hello', authorBy: 'bot', ...entry }] },
	};
}
const closeConversation = (conversationId: string) => ({
	resource: 'conversation',
	operation: 'close',
	conversationId,
});
const changeTakeover = (fields: INodeParameters) => ({
	resource: 'conversation',
	operation: 'changeTakeover',
	conversationId: '254626',
	...fields,
});
const listMessages = (fields: INodeParameters) => ({
	resource: 'conversation',
	operation: 'listMessages',
	conversationId: '254626',
	...fields,
});
const message = (position: number, label: string) => `Messages › message ${position} › ${label}`;
const goodMessage = {
	text: 'Hi, I have a question',
	authorBy: 'email',
	authorEmail: 'nathan@example.com',
};

const NOT_A_GUID = 'a SocialBoards user ID is a GUID';
const NOT_A_CONVERSATION_ID =
	'must be a SocialBoards conversation ID (a whole number such as 254626)';
const IN_THE_FUTURE = 'more than 30 seconds in the future';
const NOT_A_DATE = 'must be a date and time such as 2026-01-31T12:00:00Z';

/** The type cases of the message text, inside the first message of Message → Add. */
const messageTextCases: BadInput[] = typeCases('text', 'Text', true).map((entry) => ({
	...entry,
	name: `message 1 › ${entry.name}`,
	parameters: addMessages(entry.parameters),
	field: message(1, 'Text'),
}));

export const socialBoardsCases: BadInput[] = [
	// Empty, whitespace-only and wrongly typed values from expressions.
	...typeCases('authorEmail', 'Author Email', true),
	...withParameters(
		byCustomIdentifier,
		typeCases('authorCustomIdentifier', 'Author Custom Identifier', true),
	),
	...withParameters(
		byUserId,
		typeCases('authorId', 'Author User ID', true).filter((entry) =>
			/empty|spaces|number/.test(entry.name),
		),
	),
	...messageTextCases,
	{
		name: 'a conversation ID that is empty',
		parameters: getConversation(EMPTY),
		field: 'Conversation ID',
		reason: 'is required but is empty',
	},
	{
		name: 'a conversation ID of only spaces',
		parameters: getConversation(SPACES),
		field: 'Conversation ID',
		reason: 'is required but is empty',
	},
	{
		name: 'a conversation ID that is null',
		parameters: getConversation(NULL),
		field: 'Conversation ID',
		reason: 'is required but is empty',
	},
	{
		name: 'a conversation ID that is an object',
		parameters: getConversation(OBJECT),
		field: 'Conversation ID',
		reason: `${NOT_A_CONVERSATION_ID}, but got an object`,
	},
	{
		name: 'a conversation ID that is a list',
		parameters: getConversation(ARRAY),
		field: 'Conversation ID',
		reason: NOT_A_CONVERSATION_ID,
	},
	{
		name: 'a conversation ID that is text',
		parameters: getConversation('abc'),
		field: 'Conversation ID',
		reason: `${NOT_A_CONVERSATION_ID}, but got "abc"`,
	},
	{
		name: 'a conversation ID with a fraction',
		parameters: getConversation('={{ 12.5 }}'),
		field: 'Conversation ID',
		reason: `${NOT_A_CONVERSATION_ID}, but got "12.5"`,
	},
	{
		name: 'a negative conversation ID',
		parameters: getConversation('-5'),
		field: 'Conversation ID',
		reason: NOT_A_CONVERSATION_ID,
	},
	{
		name: 'a conversation ID of 16 digits',
		parameters: getConversation('1234567890123456'),
		field: 'Conversation ID',
		reason: NOT_A_CONVERSATION_ID,
	},
	{
		name: 'a conversation ID that is empty (Message → Add)',
		parameters: { ...addMessages({}), conversationId: EMPTY },
		field: 'Conversation ID',
		reason: 'is required but is empty',
	},
	{
		name: '"Include Messages" as text',
		parameters: { ...getConversation('254626'), includeMessages: '={{ "yes" }}' },
		field: 'Include Messages',
		reason: 'must be true or false',
	},
	{
		name: '"Start With Bot" as a number',
		parameters: extra({ isBotEnabled: '={{ 1 }}' }),
		field: 'Additional Fields › Start With Bot',
		reason: 'must be true or false, but got the number 1',
	},
	{
		name: 'a category ID that is text',
		parameters: extra({ categoryId: '={{ "gold" }}' }),
		field: 'Additional Fields › Category ID',
		reason: 'must be a whole number, but got "gold"',
	},
	{
		name: 'a category ID with a fraction',
		parameters: extra({ categoryId: '={{ 1.5 }}' }),
		field: 'Additional Fields › Category ID',
		reason: 'must be a whole number, but got the number 1.5',
	},
	{
		name: 'a negative category ID',
		parameters: extra({ categoryId: '={{ -1 }}' }),
		field: 'Additional Fields › Category ID',
		reason: 'must be at least 0',
	},
	{
		name: 'a title that is a list',
		parameters: extra({ title: ARRAY }),
		field: 'Additional Fields › Title',
		reason: 'must be text, but got a list',
	},
	{
		name: 'an author name that is an object',
		parameters: { authorName: OBJECT },
		field: 'Author Name',
		reason: 'must be text, but got an object',
	},

	// Malformed e-mails, URLs, IDs and JSON.
	{
		name: 'an e-mail without a domain',
		parameters: { authorEmail: 'nathan@' },
		field: 'Author Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'an e-mail without "@"',
		parameters: { authorEmail: 'nathan.example.com' },
		field: 'Author Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'an e-mail with a display name',
		parameters: { authorEmail: 'Nathan <nathan@example.com>' },
		field: 'Author Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'two e-mails',
		parameters: { authorEmail: 'a@example.com; b@example.com' },
		field: 'Author Email',
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'a user ID that is a number',
		parameters: { ...byUserId, authorId: '42' },
		field: 'Author User ID',
		reason: NOT_A_GUID,
	},
	{
		name: 'a user ID one digit short',
		parameters: { ...byUserId, authorId: USER_ID.slice(0, -1) },
		field: 'Author User ID',
		reason: NOT_A_GUID,
	},
	{
		name: 'an image URL without a scheme',
		parameters: { authorImage: 'www.example.com/avatar.png' },
		field: 'Author Image URL',
		reason: 'is not a valid URL',
	},
	{
		name: 'a data: image URL',
		parameters: { authorImage: 'data:image/png;base64,iVBORw0KGgo=' },
		field: 'Author Image URL',
		reason: 'must start with http:// or https://',
	},
	{
		name: 'a mailto: page URL',
		parameters: extra({ url: 'mailto:nathan@example.com' }),
		field: 'Additional Fields › Page URL',
		reason: 'must start with http:// or https://',
	},
	{
		name: 'a page URL without "://"',
		parameters: extra({ url: 'https//example.com/pricing' }),
		field: 'Additional Fields › Page URL',
		reason: 'is not a valid URL',
	},
	{
		name: 'custom fields that are not JSON',
		parameters: extra({ customFields: '[{id: 12}]' }),
		field: 'Additional Fields › Custom Fields (JSON)',
		reason: 'is not valid JSON',
	},
	{
		name: 'custom fields as one object',
		parameters: extra({ customFields: '{"id": 12, "value": "Gold"}' }),
		field: 'Additional Fields › Custom Fields (JSON)',
		reason: 'must be a JSON list of objects',
	},
	{
		name: 'custom fields with a number entry',
		parameters: extra({ customFields: '[{"id": 12}, 5]' }),
		field: 'Additional Fields › Custom Fields (JSON)',
		reason: 'entry 2 is not an object',
	},
	{
		name: '101 custom fields',
		parameters: extra({ customFields: '={{ Array.from({length: 101}, (_, i) => ({id: i})) }}' }),
		field: 'Additional Fields › Custom Fields (JSON)',
		reason: 'has 101 entries; the limit is 100',
	},

	// Over-long text.
	{
		name: 'an over-long title',
		parameters: extra({ title: repeat('t', 501) }),
		field: 'Additional Fields › Title',
		reason: 'the limit is 500',
	},
	{
		name: 'an over-long author name',
		parameters: { authorName: repeat('n', 256) },
		field: 'Author Name',
		reason: 'the limit is 255',
	},
	{
		name: 'an over-long custom identifier',
		parameters: { ...byCustomIdentifier, authorCustomIdentifier: repeat('c', 256) },
		field: 'Author Custom Identifier',
		reason: 'the limit is 255',
	},
	{
		name: 'an over-long e-mail',
		parameters: { authorEmail: `={{ "a".repeat(250) + "@example.com" }}` },
		field: 'Author Email',
		reason: 'the limit is 254',
	},

	// Unknown enum values.
	{
		name: 'an unknown sentiment',
		parameters: { sentiment: '={{ "angry" }}' },
		field: 'Sentiment',
		reason: 'must be one of "question", "praise", "suggestion", "complaint", but got "angry"',
	},
	{
		name: 'a sentiment in capitals',
		parameters: { sentiment: '={{ "Question" }}' },
		field: 'Sentiment',
		reason: 'but got "Question"',
	},
	{
		// n8n's engine requires every identifier field whose display depends on an expression: all three are set.
		name: 'an unknown author lookup',
		parameters: {
			authorBy: '={{ "phone" }}',
			authorEmail: 'nathan@example.com',
			authorCustomIdentifier: 'crm-4711',
			authorId: USER_ID,
		},
		field: 'Author Identified By',
		reason: 'must be one of "email", "customIdentifier", "id", "bot", but got "phone"',
	},

	// Message → Add: the Messages fixedCollection, entry by entry.
	{
		name: 'no messages',
		parameters: { ...addMessages({}), messages: { message: [] } },
		field: 'Messages',
		reason: 'needs at least one message',
	},
	// n8n does not evaluate an expression in place of a whole fixedCollection: the node gets no entries.
	{
		name: 'the Messages list replaced by an expression',
		parameters: { ...addMessages({}), messages: '={{ { "message": "Hello" } }}' },
		field: 'Messages',
		reason: 'needs at least one message',
	},
	{
		name: 'message 1 › an over-long text',
		parameters: addMessages({ text: repeat('t', 100001) }),
		field: message(1, 'Text'),
		reason: 'the limit is 100000',
	},
	{
		name: 'message 1 › a creation time in 2099',
		parameters: addMessages({ creationTime: '2099-01-01T00:00:00Z' }),
		field: message(1, 'Creation Time'),
		reason: `is 2099-01-01T00:00:00.000Z, ${IN_THE_FUTURE}`,
	},
	{
		name: 'message 1 › a creation time 5 minutes ahead (Luxon)',
		parameters: addMessages({ creationTime: '={{ $now.plus({ minutes: 5 }) }}' }),
		field: message(1, 'Creation Time'),
		reason: IN_THE_FUTURE,
	},
	{
		name: 'message 1 › a creation time 2 minutes ahead (ISO text)',
		parameters: addMessages({ creationTime: '={{ new Date(Date.now() + 120000).toISOString() }}' }),
		field: message(1, 'Creation Time'),
		reason: IN_THE_FUTURE,
	},
	{
		name: 'message 2 › a creation time tomorrow after a good message',
		parameters: addMessages({ creationTime: '={{ $now.plus({ days: 1 }).toISO() }}' }, [
			goodMessage,
		]),
		field: message(2, 'Creation Time'),
		reason: IN_THE_FUTURE,
	},
	{
		name: 'message 1 › an unreadable creation time',
		parameters: addMessages({ creationTime: 'next friday' }),
		field: message(1, 'Creation Time'),
		reason: `${NOT_A_DATE}, but got "next friday"`,
	},
	{
		name: 'message 1 › a creation time as an object',
		parameters: addMessages({ creationTime: OBJECT }),
		field: message(1, 'Creation Time'),
		reason: `${NOT_A_DATE}, but got an object`,
	},
	{
		name: 'message 1 › a creation time in epoch milliseconds',
		parameters: addMessages({ creationTime: '={{ Date.now() }}' }),
		field: message(1, 'Creation Time'),
		reason: `${NOT_A_DATE}, but got the number`,
	},
	{
		name: 'message 1 › an unknown author lookup',
		parameters: addMessages({
			authorBy: '={{ "agent" }}',
			authorEmail: 'nathan@example.com',
			authorCustomIdentifier: 'crm-4711',
			authorId: USER_ID,
		}),
		field: message(1, 'Author Identified By'),
		reason: 'must be one of "email", "customIdentifier", "id", "bot", but got "agent"',
	},
	{
		name: 'message 2 › a malformed author e-mail',
		parameters: addMessages({ authorBy: 'email', authorEmail: 'nathan@example' }, [goodMessage]),
		field: message(2, 'Author Email'),
		reason: 'is not a valid e-mail address',
	},
	{
		name: 'message 1 › an author e-mail that is a number',
		parameters: addMessages({ authorBy: 'email', authorEmail: NUMBER }),
		field: message(1, 'Author Email'),
		reason: '"42" is not a valid e-mail address',
	},
	{
		name: 'message 1 › a user ID that is not a GUID',
		parameters: addMessages({ authorBy: 'id', authorId: 'user-42' }),
		field: message(1, 'Author User ID'),
		reason: NOT_A_GUID,
	},
	{
		name: 'message 1 › a custom identifier that is an object',
		parameters: addMessages({ authorBy: 'customIdentifier', authorCustomIdentifier: OBJECT }),
		field: message(1, 'Author Custom Identifier'),
		reason: 'must be text, but got an object',
	},
	{
		name: 'message 1 › a custom identifier of only spaces',
		parameters: addMessages({ authorBy: 'customIdentifier', authorCustomIdentifier: SPACES }),
		field: message(1, 'Author Custom Identifier'),
		reason: 'is required but is empty',
	},
	{
		name: 'message 1 › a javascript: image URL',
		parameters: addMessages({
			authorBy: 'email',
			authorEmail: 'nathan@example.com',
			authorImage: 'javascript:alert(1)',
		}),
		field: message(1, 'Author Image URL'),
		reason: 'must start with http:// or https://',
	},
	{
		name: 'message 1 › an over-long author name',
		parameters: addMessages({
			authorBy: 'email',
			authorEmail: 'nathan@example.com',
			authorName: repeat('n', 256),
		}),
		field: message(1, 'Author Name'),
		reason: 'the limit is 255',
	},

	// Conversation → Close, Change Takeover and List Messages.
	{
		name: 'Close: a conversation ID that is text',
		parameters: closeConversation('={{ "254626/../1" }}'),
		field: 'Conversation ID',
		reason: `${NOT_A_CONVERSATION_ID}, but got "254626/../1"`,
	},
	{
		name: 'Close: a conversation ID that is empty',
		parameters: closeConversation(EMPTY),
		field: 'Conversation ID',
		reason: 'is required but is empty',
	},
	{
		name: 'Change Takeover: an agent user ID that is not a GUID',
		parameters: changeTakeover({ handledBy: 'agent', assigneeId: 'ada@example.com' }),
		field: 'Agent',
		reason: NOT_A_GUID,
	},
	{
		name: 'Change Takeover: an agent user ID that is an object',
		parameters: changeTakeover({ handledBy: 'agent', assigneeId: OBJECT }),
		field: 'Agent',
		reason: 'must be text, but got an object',
	},
	{
		name: 'Change Takeover: an agent typed By ID that is a name',
		parameters: changeTakeover({
			handledBy: 'agent',
			assigneeId: { __rl: true, mode: 'id', value: 'Ada Agent' },
		}),
		field: 'Agent',
		reason: `"Ada Agent" is not valid: ${NOT_A_GUID}`,
	},
	{
		name: 'Change Takeover: an agent picked From list as a list',
		parameters: changeTakeover({
			handledBy: 'agent',
			assigneeId: { __rl: true, mode: 'list', value: ARRAY },
		}),
		field: 'Agent',
		reason: 'must be text, but got a list',
	},
	{
		name: 'Change Takeover: handled by a value the node does not offer',
		parameters: changeTakeover({ handledBy: '={{ "nobody" }}' }),
		field: 'Handled By',
		reason: 'must be one of "agent", "bot", but got "nobody"',
	},
	{
		name: 'Change Takeover: a conversation ID that is a number with a fraction',
		parameters: changeTakeover({ conversationId: '={{ 1.5 }}', handledBy: 'bot' }),
		field: 'Conversation ID',
		reason: `${NOT_A_CONVERSATION_ID}, but got "1.5"`,
	},
	{
		name: 'List Messages: a limit of 0',
		parameters: listMessages({ limit: 0 }),
		field: 'Limit',
		reason: 'must be at least 1',
	},
	{
		name: 'List Messages: a limit that is text',
		parameters: listMessages({ limit: '={{ "all" }}' }),
		field: 'Limit',
		reason: 'must be a whole number, but got "all"',
	},
	{
		name: 'List Messages: an order the node does not offer',
		parameters: listMessages({ orderBy: '={{ "random" }}' }),
		field: 'Order',
		reason: 'must be one of "creation_time_desc", "creation_time_asc", but got "random"',
	},
	{
		name: 'List Messages: Return All that is text',
		parameters: listMessages({ returnAll: '={{ "yes" }}' }),
		field: 'Return All',
		reason: 'must be true or false, but got string',
	},
	{
		name: 'message 1 › By Team that is text',
		parameters: addMessages({ isByTeam: '={{ "team" }}' }),
		field: message(1, 'By Team'),
		reason: 'must be true or false, but got string',
	},

	// The credential's URLs, checked before the token exchange (api.ts, sendAfterFirst).
	{
		name: 'a Token URL without a scheme',
		parameters: {},
		credentials: { tokenUrl: 'api.socialboards.com/token' },
		field: 'The Token URL of the SocialBoards Conversations credential',
		reason: 'is not an http(s) URL',
	},
	{
		name: 'an ftp: API Base URL',
		parameters: {},
		credentials: { baseUrl: 'ftp://api.socialboards.com/' },
		field: 'The API Base URL of the SocialBoards Conversations credential',
		reason: 'is not an http(s) URL',
	},
];
