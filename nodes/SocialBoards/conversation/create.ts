import { boolean, integer, objectList, oneOf, text, url } from '../../shared/checks';
import { buildBody, additionalFields } from '../../shared/fields';
import { conversationCreate } from '../../shared/operations';
import type { Field, Operation } from '../../shared/types';
import { dataOf, type Envelope } from '../vendor';
import { authorFields, userValue } from '../fields';
import { simplifyConversation } from '../simplify';

export const SENTIMENTS = ['question', 'praise', 'suggestion', 'complaint'] as const;

const fields: Field[] = [
	...authorFields('the person who starts the conversation'),
	{
		property: {
			displayName: 'Sentiment',
			name: 'sentiment',
			type: 'options',
			options: [
				{ name: 'Complaint', value: 'complaint' },
				{ name: 'Praise', value: 'praise' },
				{ name: 'Question', value: 'question' },
				{ name: 'Suggestion', value: 'suggestion' },
			],
			default: 'question',
			description: 'What kind of conversation this is',
		},
		check: oneOf(SENTIMENTS, { required: true }),
		send: 'sentiment',
	},
	additionalFields([
		{
			property: {
				displayName: 'Category ID',
				name: 'categoryId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12',
				description:
					'The ID of a SocialBoards conversation category (a whole number). Left empty, none is sent.',
			},
			check: integer({ min: 0 }),
			send: 'categoryId',
		},
		{
			property: {
				displayName: 'Custom Fields (JSON)',
				name: 'customFields',
				type: 'json',
				default: '[]',
				description:
					'Values of SocialBoards custom fields, as a JSON list of "Custom Field value" objects in the shape SocialBoards\' Tickets API documents',
			},
			check: objectList({ max: 100 }),
			send: 'fields',
		},
		{
			property: {
				displayName: 'Page URL',
				name: 'url',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/pricing',
				description: 'The URL of the page where the chat took place',
			},
			check: url(),
			send: 'url',
		},
		{
			property: {
				displayName: 'Start With Bot',
				name: 'isBotEnabled',
				type: 'boolean',
				default: false,
				description: 'Whether SocialBoards assigns a bot to the conversation at the start',
			},
			check: boolean(),
			send: 'isBotEnabled',
		},
		{
			property: {
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				placeholder: 'e.g. Question about my invoice',
				description: 'Conversation title',
			},
			check: text({ maxLength: 500 }),
			send: 'title',
		},
	]),
];

const heading = conversationCreate(
	'Start a chat conversation for a person found by e-mail, custom identifier or user ID',
);

export const createConversation: Operation = {
	...heading,
	option: { ...heading.option, action: 'Create a conversation for a person' },
	fields,
	async run(context, params) {
		const body = { author: userValue(params), ...buildBody(fields, params) };
		const answer = await context.send<Envelope>({
			method: 'POST',
			url: '/chat/conversations',
			body,
			purpose: 'create the conversation',
		});
		const conversation = dataOf(answer) ?? {};
		return { raw: conversation, simplified: simplifyConversation(conversation, false) };
	},
};
