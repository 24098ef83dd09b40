import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { dateTime, InputError, text } from '../../shared/checks';
import type { Check, Field, Operation } from '../../shared/types';
import { dataOf, type Envelope } from '../vendor';
import { AUTHOR_CHECKS, authorProperties, authorValueNames, checkAuthorBy, userValue, type AuthorKind, conversationIdField } from '../fields';
import { simplifyMessage } from '../simplify';

/** SocialBoards refuses a creation time more than 30 seconds ahead of its clock. */
export const MAX_FUTURE_MS = 30_000;

const entryProperties: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The message text',
	},
	...authorProperties('the person (or bot) who wrote the message'),
	{
		displayName: 'Creation Time',
		name: 'creationTime',
		type: 'dateTime',
		default: '',
		description: 'When the message was written, for importing chat history. Leave empty for now. May not be more than 30 seconds in the future.',
	},
];

const LABELS = Object.fromEntries(entryProperties.map((property) => [property.name, property.displayName]));
const checkText = text({ required: true, maxLength: 100_000 });
const checkCreationTime = dateTime({ maxFutureMs: MAX_FUTURE_MS });

function checkEntryValue(check: Check, value: unknown, position: number, name: string): unknown {
	let reason: string;
	try {
		return check(value);
	} catch (error) {
		reason = error instanceof InputError ? error.message : `is not valid: ${(error as Error).message}`;
	}
	throw new InputError(`› message ${position} › ${LABELS[name]} ${reason}`);
}

/** One entry of the Messages list as the message object SocialBoards expects. */
export function messageFromEntry(entry: unknown, position: number): IDataObject {
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
		throw new InputError(`› message ${position} must be a set of fields (Text, Author …)`);
	}
	const values = entry as IDataObject;
	const kind = checkEntryValue(checkAuthorBy, values.authorBy ?? 'email', position, 'authorBy') as AuthorKind;
	const author: IDataObject = { authorBy: kind };
	for (const name of authorValueNames(kind).slice(1)) {
		const checked = checkEntryValue(AUTHOR_CHECKS[name], values[name], position, name);
		if (checked !== undefined) author[name] = checked;
	}
	const message: IDataObject = {
		message: checkEntryValue(checkText, values.text, position, 'text') as string,
		author: userValue(author),
	};
	const creationTime = checkEntryValue(checkCreationTime, values.creationTime, position, 'creationTime') as Date | undefined;
	if (creationTime) message.creationTime = creationTime.toISOString();
	return message;
}

/** The Messages list (fixedCollection): every entry checked, the entry number named in errors. */
export const checkMessages: Check = (value) => {
	const entries = Array.isArray(value) ? value : (value as IDataObject | undefined)?.message;
	if (entries === undefined || entries === null || (Array.isArray(entries) && entries.length === 0)) {
		throw new InputError('needs at least one message');
	}
	if (!Array.isArray(entries)) throw new InputError('must be a list of messages');
	return entries.map((entry, index) => messageFromEntry(entry, index + 1));
};

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
			description: 'The messages to add, in order. Each has its own author, so one call can import a whole chat.',
			options: [{ displayName: 'Message', name: 'message', values: entryProperties }],
		},
		check: checkMessages,
	},
];

export const addMessages: Operation = {
	resource: 'message',
	option: {
		name: 'Add',
		value: 'add',
		action: 'Add messages to a conversation',
		description: 'Add one or more messages, each with its author, to a conversation',
	},
	fields,
	async run(context, params) {
		const messages = await context.send<Envelope<IDataObject[]>>({
			method: 'POST',
			url: `/chat/conversations/${encodeURIComponent(String(params.conversationId))}/messages`,
			body: params.messages as IDataObject[],
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
