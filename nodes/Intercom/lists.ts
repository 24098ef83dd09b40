import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { listRequest } from '../shared/lists';
import { listPage } from '../shared/locator';
import { listOptions } from '../shared/multiSelect';
import { asObject, isObject } from '../shared/objects';
import { plainText } from './simplify';
import { contactUrl, conversationUrl, intercom } from './vendor';

/** One page of a contacts or conversations list in the editor. */
const PAGE_SIZE = 50;

interface Named {
	id?: string | number;
	name?: string;
	email?: string;
}

const hasId = (entry: Named) => entry.id !== undefined && entry.id !== null && entry.id !== '';

/** "Name (e-mail)", or what there is of it. */
function label(entry: Named, ...details: Array<string | undefined>): string {
	const main = entry.name || entry.email || String(entry.id);
	const extra = [entry.name && entry.email ? entry.email : undefined, ...details].filter(Boolean);
	return extra.length ? `${main} (${extra.join(', ')})` : main;
}

const byName = (a: INodeListSearchItems, b: INodeListSearchItems) => a.name.localeCompare(b.name);

/** A list Intercom gives whole (no paging): its entries with an ID, sorted by name. */
async function wholeList(
	context: ILoadOptionsFunctions,
	what: 'admins' | 'teams' | 'tags',
	key: string,
	name: (entry: Named) => string,
): Promise<INodeListSearchItems[]> {
	const answer = await listRequest<IDataObject>(context, intercom, {
		method: 'GET',
		url: `/${what}`,
		purpose: `list the ${what}`,
	});
	return ((answer?.[key] ?? []) as Named[])
		.filter(hasId)
		.map((entry) => ({ name: name(entry), value: String(entry.id) }))
		.sort(byName);
}

const nameOrId = (entry: Named) => entry.name || String(entry.id);
const admins = (context: ILoadOptionsFunctions) => wholeList(context, 'admins', 'admins', label);
const teams = (context: ILoadOptionsFunctions) => wholeList(context, 'teams', 'teams', nameOrId);
const tags = (context: ILoadOptionsFunctions) => wholeList(context, 'tags', 'data', nameOrId);

/** The cursor of the next page, unless it is missing or the one just used (a server that does not advance). */
function nextCursor(answer: IDataObject, used: string | undefined): string | undefined {
	const next = asObject(asObject(answer.pages).next).starting_after;
	return typeof next === 'string' && next !== '' && next !== used ? next : undefined;
}

/** One page of a search (contacts or conversations), from Intercom's cursor. */
async function searchPage(
	context: ILoadOptionsFunctions,
	what: 'contacts' | 'conversations',
	query: IDataObject,
	cursor: string | undefined,
): Promise<IDataObject> {
	return listRequest<IDataObject>(context, intercom, {
		method: 'POST',
		url: `/${what}/search`,
		body: {
			query,
			pagination: { per_page: PAGE_SIZE, ...(cursor ? { starting_after: cursor } : {}) },
		},
		idempotent: true,
		purpose: `search the ${what}`,
	});
}

/** Intercom's search needs a condition: this one matches everything (created after 1970). */
const EVERYTHING: IDataObject = { field: 'created_at', operator: '>', value: 0 };

/** Conditions on text fields that contain the search text, joined with OR. */
function containing(text: string, fields: string[], exact: IDataObject[] = []): IDataObject {
	return {
		operator: 'OR',
		value: [...exact, ...fields.map((field) => ({ field, operator: '~', value: text }))],
	};
}

async function credentialsOf(context: ILoadOptionsFunctions) {
	return (await context.getCredentials(intercom.credentialType)) as ICredentialDataDecryptedObject;
}

const LIST_ID = /^[A-Za-z0-9]+$/;

/** "From list" searches and multi-select lists of the Intercom node. */
export const intercomListSearch = {
	/** Admins (teammates), from GET /admins (one page: Intercom does not page it). */
	async searchAdmins(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return listPage(await admins(this), { filter });
	},

	/** Teams, from GET /teams (one page). */
	async searchTeams(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return listPage(await teams(this), { filter });
	},

	/** Assign's assignee: the admins or the teams, as "Assign To" says, after "Unassigned". */
	async searchAssignees(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const team = this.getCurrentNodeParameter('assigneeType') === 'team';
		const unassigned = {
			name: team ? 'No Team (Remove the Team Assignment)' : 'Unassigned (Remove the Assignment)',
			value: '0',
		};
		return listPage([unassigned, ...(team ? await teams(this) : await admins(this))], { filter });
	},

	/** Tags, from GET /tags (one page). */
	async searchTags(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return listPage(await tags(this), { filter });
	},

	/**
	 * Contacts (users and leads), from the contacts search, 50 a page by Intercom's cursor. The
	 * search text is looked for in names and e-mails (and taken as an ID when it looks like one).
	 */
	async searchContacts(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const text = filter?.trim();
		const query = text
			? containing(
					text,
					['name', 'email'],
					LIST_ID.test(text) ? [{ field: 'id', operator: '=', value: text }] : [],
				)
			: EVERYTHING;
		const answer = await searchPage(this, 'contacts', query, paginationToken);
		const credentials = await credentialsOf(this);
		const results = ((answer.data ?? []) as IDataObject[])
			.filter((contact) => hasId(contact as Named))
			.map((contact) => ({
				name: label(contact as Named, contact.role === 'lead' ? 'lead' : undefined),
				value: String(contact.id),
				url: contactUrl(credentials, contact.id),
			}));
		return { results, paginationToken: nextCursor(answer, paginationToken) };
	},

	/**
	 * Conversations, from the conversations search, 50 a page by Intercom's cursor. The search text
	 * is looked for in the subject and the first message's author; a number is also taken as an ID.
	 */
	async searchConversations(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const text = filter?.trim();
		const query = text
			? containing(
					text,
					['source.subject', 'source.author.name', 'source.author.email'],
					/^\d+$/.test(text) ? [{ field: 'id', operator: '=', value: text }] : [],
				)
			: EVERYTHING;
		const answer = await searchPage(this, 'conversations', query, paginationToken);
		const credentials = await credentialsOf(this);
		const results = ((answer.conversations ?? []) as IDataObject[])
			.filter((conversation) => hasId(conversation as Named))
			.map((conversation) => ({
				name: conversationLabel(conversation),
				value: String(conversation.id),
				url: conversationUrl(credentials, conversation.id),
			}));
		return { results, paginationToken: nextCursor(answer, paginationToken) };
	},
};

/** Multi-select lists (loadOptions) of the Intercom node. */
export const intercomLoadOptions = {
	/** Tags, for "Tag Names or IDs". */
	async getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return listOptions(await tags(this));
	},
};

/** "Jane Doe: I can't log in… (#499, closed)": who started it, what about, its ID and state. */
function conversationLabel(conversation: IDataObject): string {
	const source = asObject(conversation.source);
	const author = isObject(source.author) ? (source.author as Named) : {};
	const who = author.name || author.email;
	const about =
		plainText(conversation.title) ||
		plainText(source.subject) ||
		plainText(source.body) ||
		'(no text)';
	// Cut at a word's end: at most 60 characters and "…".
	const short = about.length > 60 ? `${about.slice(0, 60).replace(/\s+\S*$/, '')}…` : about;
	const state = typeof conversation.state === 'string' && conversation.state !== 'open';
	const details = [`#${conversation.id}`, state ? conversation.state : undefined];
	return `${who ? `${who}: ` : ''}${short} (${details.filter(Boolean).join(', ')})`;
}
