import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { email, InputError, oneOf, text, url } from '../shared/checks';
import { conversationIdField as sharedConversationIdField } from '../shared/fields';
import type { Check, Field } from '../shared/types';

/** How an author (SocialBoards "User value") is identified; SocialBoards looks up id > email > customIdentifier. */
export const AUTHOR_KINDS = ['email', 'customIdentifier', 'id', 'bot'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

export const checkAuthorBy: Check = oneOf(AUTHOR_KINDS, { required: true });
export const checkAuthorEmail: Check = email({ required: true });
export const checkCustomIdentifier: Check = text({ required: true, maxLength: 255 });
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GUID_HINT = 'a SocialBoards user ID is a GUID such as fc2481f6-28a4-4ca7-849a-344fd6ab1b20';
export const checkUserId: Check = text({ required: true, pattern: GUID, patternHint: GUID_HINT });
/** An optional SocialBoards user ID (GUID): empty means none. */
export const checkOptionalUserId: Check = text({ pattern: GUID, patternHint: GUID_HINT });
export const checkAuthorName: Check = text({ maxLength: 255 });
export const checkAuthorImage: Check = url();

const PEOPLE: AuthorKind[] = ['email', 'customIdentifier', 'id'];

/**
 * The author's UI parameters. `show` is the displayOptions prefix: top-level fields show by
 * `authorBy`; inside a fixedCollection entry the same names refer to the entry's own values.
 */
export function authorProperties(who: string): INodeProperties[] {
	return [
		{
			displayName: 'Author Identified By',
			name: 'authorBy',
			type: 'options',
			options: [
				{
					name: 'Bot',
					value: 'bot',
					description: 'The SocialBoards system bot; no identifier needed',
				},
				{
					name: 'Custom Identifier',
					value: 'customIdentifier',
					description:
						'Your own ID for the person (for example the CRM record ID); SocialBoards stores it lower-cased',
				},
				{ name: 'Email', value: 'email', description: "The person's e-mail address" },
				{
					name: 'SocialBoards User ID',
					value: 'id',
					description: 'The GUID SocialBoards gave the user',
				},
			],
			default: 'email',
			description: `How SocialBoards finds ${who}. A person not found by e-mail or custom identifier is created as a new client.`,
		},
		{
			displayName: 'Author Email',
			name: 'authorEmail',
			type: 'string',
			placeholder: 'e.g. nathan@example.com',
			default: '',
			required: true,
			description: `E-mail address of ${who}`,
			displayOptions: { show: { authorBy: ['email'] } },
		},
		{
			displayName: 'Author Custom Identifier',
			name: 'authorCustomIdentifier',
			type: 'string',
			default: '',
			required: true,
			description: `Your own ID for ${who}, for example the CRM record ID`,
			displayOptions: { show: { authorBy: ['customIdentifier'] } },
		},
		{
			displayName: 'Author User ID',
			name: 'authorId',
			type: 'string',
			placeholder: 'e.g. fc2481f6-28a4-4ca7-849a-344fd6ab1b20',
			default: '',
			required: true,
			description: `The SocialBoards user ID (GUID) of ${who}, for example the author ID in the output of Create or Get`,
			displayOptions: { show: { authorBy: ['id'] } },
		},
		{
			displayName: 'Author Name',
			name: 'authorName',
			type: 'string',
			placeholder: 'e.g. Nathan Smith',
			default: '',
			description: `Name of ${who}, used when SocialBoards creates the user`,
			displayOptions: { show: { authorBy: PEOPLE } },
		},
		{
			displayName: 'Author Image URL',
			name: 'authorImage',
			type: 'string',
			placeholder: 'e.g. https://example.com/avatar.png',
			default: '',
			description: `Public URL of a picture of ${who}`,
			displayOptions: { show: { authorBy: PEOPLE } },
		},
	];
}

/** The check of each author value, by parameter name. */
export const AUTHOR_CHECKS: Record<string, Check> = {
	authorBy: checkAuthorBy,
	authorEmail: checkAuthorEmail,
	authorCustomIdentifier: checkCustomIdentifier,
	authorId: checkUserId,
	authorName: checkAuthorName,
	authorImage: checkAuthorImage,
};

/** The author as top-level node fields (Conversation → Create). */
export function authorFields(who: string): Field[] {
	return authorProperties(who).map((property) => ({
		property,
		check: AUTHOR_CHECKS[property.name],
	}));
}

/** The SocialBoards "User value" for checked author values. */
export function userValue(values: IDataObject): IDataObject {
	const kind = (values.authorBy ?? 'email') as AuthorKind;
	if (kind === 'bot') return { isBot: true };
	const user: IDataObject = {};
	if (kind === 'email') user.email = values.authorEmail;
	else if (kind === 'customIdentifier') user.customIdentifier = values.authorCustomIdentifier;
	else user.id = values.authorId;
	if (values.authorName !== undefined) user.name = values.authorName;
	if (values.authorImage !== undefined) user.image = values.authorImage;
	return user;
}

/** Where a user finds an agent's user ID when the teammates list cannot show it. */
export const AGENT_ID_HELP =
	"an agent's user ID is the authorId of a message the agent wrote (Conversation → Get or Get Many Messages), or ask SocialBoards' support for it";

/** A conversation ID: SocialBoards' IDs are whole numbers. */
export const conversationId: Check = (value) => {
	const raw = typeof value === 'number' ? String(value) : value;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		throw new InputError('is required but is empty');
	}
	if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw.trim())) {
		throw new InputError(
			`must be a SocialBoards conversation ID (a whole number such as 254626), but got ${typeof raw === 'string' ? `"${raw.slice(0, 40)}"` : typeof raw === 'object' ? 'an object' : String(raw)}`,
		);
	}
	return raw.trim();
};

export const conversationIdField: Field = sharedConversationIdField({
	placeholder: 'e.g. 254626',
	description:
		'The SocialBoards conversation ID (a number), for example the conversationId output of Create',
	check: conversationId,
});
