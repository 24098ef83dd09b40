import type { IDataObject } from 'n8n-workflow';

import { boolean, dateTime, text } from '../../shared/checks';
import { pathSegment } from '../../shared/paths';
import type { Field, Operation } from '../../shared/types';
import { dataOf, type Envelope } from '../vendor';
import { authorFields, userValue, conversationIdField } from '../fields';
import { simplifyMessage } from '../simplify';

/** SocialBoards refuses a creation time more than 30 seconds ahead of its clock. */
export const MAX_FUTURE_MS = 30_000;

const textField: Field = {
	property: {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The message text',
	},
	check: text({ required: true, maxLength: 100_000 }),
};

const creationTimeField: Field = {
	property: {
		displayName: 'Creation Time',
		name: 'creationTime',
		type: 'dateTime',
		default: '',
		description:
			'When the message was written, for importing chat history. Leave empty for now. May not be more than 30 seconds in the future.',
	},
	check: dateTime({ maxFutureMs: MAX_FUTURE_MS }),
};

const byTeamField: Field = {
	property: {
		displayName: 'By Team',
		name: 'isByTeam',
		type: 'boolean',
		default: false,
		description:
			'Whether the message was written by your team (an agent turn, e.g. when importing a chat history) instead of by the person. Off sends nothing, and SocialBoards applies its default.',
	},
	check: boolean(),
};

const entryAuthorFields = authorFields('the person (or bot) who wrote the message');

/** A checked Messages entry as the message object SocialBoards expects. */
export function messageBody(entry: IDataObject): IDataObject {
	const message: IDataObject = { message: entry.text as string, author: userValue(entry) };
	const creationTime = entry.creationTime as Date | undefined;
	if (creationTime) message.creationTime = creationTime.toISOString();
	if (entry.isByTeam === true) message.isByTeam = true;
	return message;
}

const fields: Field[] = [
	conversationIdField,
	{
		property: {
			displayName: 'Messages',
			name: 'messages',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Message',
			default: {},
			required: true,
			description:
				'The messages to add, in order. Each has its own author and can be marked as written by your team, so one call can import a whole chat.',
			options: [
				{
					displayName: 'Message',
					name: 'message',
					values: [textField, ...entryAuthorFields, byTeamField, creationTimeField].map(
						(field) => field.property,
					),
				},
			],
		},
		// The author first: its fields show by Author Identified By.
		entries: {
			name: 'message',
			summary: 'Text, Author …',
			fields: [...entryAuthorFields, textField, byTeamField, creationTimeField],
		},
	},
];

export const addMessages: Operation = {
	resource: 'message',
	option: {
		name: 'Add',
		value: 'add',
		action: 'Add messages to a conversation',
		description:
			'Add one or more messages, each with its author, to a conversation, from the person or from your team',
	},
	fields,
	async run(context, params) {
		const messages = await context.send<Envelope<IDataObject[]>>({
			method: 'POST',
			url: `/chat/conversations/${pathSegment(String(params.conversationId), 'Conversation ID')}/messages`,
			body: (params.messages as IDataObject[]).map(messageBody),
			purpose: 'add the messages',
			notFound: `No SocialBoards conversation has the ID ${params.conversationId}. Check the Conversation ID.`,
		});
		const added = dataOf(messages) ?? [];
		return {
			raw: { conversationId: Number(params.conversationId), messages: added },
			simplified: {
				conversationId: Number(params.conversationId),
				messagesAdded: added.length,
				messages: added.map(simplifyMessage),
			},
		};
	},
};
