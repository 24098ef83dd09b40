import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InputError } from '../shared/checks';
import { listRequest } from '../shared/lists';
import { listPage } from '../shared/locator';
import { asObject } from '../shared/objects';
import type { RequestSpec } from '../shared/types';
import { accountField, accountPath } from './application';
import { contactSourceId } from './fields';
import { publicPath } from './public';
import {
	accessTokenOf,
	chatwoot,
	chatwootBaseUrl,
	conversationUrl,
	CREDENTIAL_NAME,
	credentialAccountId,
} from './vendor';

/** Chatwoot's pages: contacts by 15 (ContactsController::RESULTS_PER_PAGE), conversations by 25. */
const CONTACTS_PER_PAGE = 15;
const CONVERSATIONS_PER_PAGE = 25;

const CHANNELS: Record<string, string> = {
	'Channel::Api': 'API',
	'Channel::WebWidget': 'Website',
	'Channel::Email': 'Email',
	'Channel::Sms': 'SMS',
	'Channel::TwilioSms': 'Twilio SMS / WhatsApp',
	'Channel::Whatsapp': 'WhatsApp',
	'Channel::FacebookPage': 'Facebook',
	'Channel::Instagram': 'Instagram',
	'Channel::TwitterProfile': 'Twitter',
	'Channel::Telegram': 'Telegram',
	'Channel::Line': 'LINE',
};

interface ListContext {
	credentials: ICredentialDataDecryptedObject;
	/** The installation's web address, for the links of the entries. */
	base: string;
}

function fail(context: ILoadOptionsFunctions, message: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), message);
}

/** The credential, refused when it lacks the User Access Token the lists of an account need. */
async function withToken(context: ILoadOptionsFunctions, what: string): Promise<ListContext> {
	const credentials = await context.getCredentials(chatwoot.credentialType);
	if (!accessTokenOf(credentials))
		throw fail(
			context,
			`Listing ${what} needs the User Access Token of the ${CREDENTIAL_NAME} credential. Copy it from Chatwoot → Profile Settings → Access Token into the credential's "User Access Token" field.`,
		);
	return { credentials, base: chatwootBaseUrl(credentials) };
}

/** The account the lists read: the node's Account (Additional Fields), else the credential's Account ID. */
function listAccount(context: ILoadOptionsFunctions, list: ListContext, what: string): string {
	let picked: unknown;
	try {
		picked = accountField.check?.(context.getCurrentNodeParameter('additionalFields.accountId'));
	} catch (error) {
		const reason = error instanceof InputError ? error.message : 'could not be read';
		throw fail(
			context,
			`Listing ${what} needs the account, but Additional Fields › Account ${reason}. Pick the account from its list.`,
		);
	}
	const accountId = picked !== undefined ? String(picked) : credentialAccountId(list.credentials);
	if (accountId === undefined)
		throw fail(
			context,
			`Listing ${what} needs an account: pick the Account under Additional Fields, or fill in the Account ID of the ${CREDENTIAL_NAME} credential.`,
		);
	if (!/^\d+$/.test(accountId))
		throw fail(
			context,
			`Listing ${what} needs an account, but the Account ID "${accountId.slice(0, 40)}" of the ${CREDENTIAL_NAME} credential is not a number. Pick the Account under Additional Fields, or fix the credential.`,
		);
	return accountId;
}

/** One list call of the account, as agent (the access token). */
async function accountList<T>(
	context: ILoadOptionsFunctions,
	what: string,
	tail: string,
	extra: Partial<RequestSpec> = {},
): Promise<{
	answer: T;
	accountId: string;
	base: string;
	credentials: ICredentialDataDecryptedObject;
}> {
	const list = await withToken(context, what);
	const accountId = listAccount(context, list, what);
	const answer = await listRequest<T>(context, chatwoot, {
		method: 'GET',
		url: accountPath(accountId, tail),
		purpose: `list the ${what}`,
		...extra,
	});
	return { answer, accountId, ...list };
}

/** Chatwoot's lists come as an array, or as { payload: [...] }. */
function records(answer: unknown): IDataObject[] {
	const list = Array.isArray(answer) ? answer : asObject(answer).payload;
	return Array.isArray(list)
		? list.filter(
				(entry): entry is IDataObject =>
					typeof entry === 'object' && entry !== null && asObject(entry).id !== undefined,
			)
		: [];
}

const byName = (a: INodeListSearchItems, b: INodeListSearchItems) => a.name.localeCompare(b.name);

/** "name (detail)", or the first of them that is there. */
function label(name: unknown, detail: unknown, fallback: string): string {
	const main = typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
	const extra = typeof detail === 'string' && detail.trim() !== '' ? detail.trim() : undefined;
	if (main && extra) return `${main} (${extra})`;
	return main ?? extra ?? fallback;
}

/** The page a token names; the first page without one. */
function pageOf(token: string | undefined): number {
	const page = Number(token);
	return Number.isInteger(page) && page > 1 ? page : 1;
}

function conversationEntry(
	conversation: IDataObject,
	credentials: ICredentialDataDecryptedObject,
	accountId: unknown,
): INodeListSearchItems {
	const sender = asObject(asObject(conversation.meta).sender);
	const who = typeof sender.name === 'string' && sender.name !== '' ? ` ${sender.name}` : '';
	const status = typeof conversation.status === 'string' ? ` (${conversation.status})` : '';
	return {
		name: `#${String(conversation.id)}${who}${status}`,
		value: String(conversation.id),
		url: conversationUrl(credentials, accountId, conversation.id),
	};
}

/** The conversations of one contact in the credential's inbox, through the inbox's own (contact) API. */
async function contactConversations(
	context: ILoadOptionsFunctions,
	credentials: ICredentialDataDecryptedObject,
	inboxIdentifier: string,
	sourceId: string,
	filter?: string,
): Promise<INodeListSearchResult> {
	const answer = await listRequest<unknown>(context, chatwoot, {
		method: 'GET',
		url: publicPath(inboxIdentifier, { contactIdentifier: sourceId }, '/conversations'),
		purpose: "list the contact's conversations",
	});
	const accountId = credentialAccountId(credentials);
	const entries = records(answer)
		.map((conversation) => {
			const messages = Array.isArray(conversation.messages)
				? (conversation.messages as IDataObject[])
				: [];
			const last =
				messages.length > 0 ? asObject(messages[messages.length - 1]).content : undefined;
			const entry = conversationEntry(conversation, credentials, accountId);
			return typeof last === 'string' && last !== ''
				? { ...entry, name: `${entry.name}: ${last.slice(0, 60)}` }
				: entry;
		})
		.sort((a, b) => Number(b.value) - Number(a.value));
	return listPage(entries, { filter });
}

/** The text of a parameter the user filled in, or undefined (empty, or an expression the editor did not resolve). */
function filledText(context: ILoadOptionsFunctions, name: string): string | undefined {
	const value = context.getCurrentNodeParameter(name);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	return text === '' || text.startsWith('=') ? undefined : text;
}

/** The account's inboxes by name and channel, linked to their settings, sorted. */
async function inboxEntries(context: ILoadOptionsFunctions): Promise<INodeListSearchItems[]> {
	const { answer, accountId, base } = await accountList(context, 'inboxes', '/inboxes');
	return records(answer)
		.map((inbox) => {
			const type = String(inbox.channel_type ?? '');
			return {
				name: label(
					inbox.name,
					CHANNELS[type] ?? type.replace(/^Channel::/, ''),
					`Inbox ${String(inbox.id)}`,
				),
				value: String(inbox.id),
				url: `${base}/app/accounts/${accountId}/settings/inboxes/${String(inbox.id)}`,
			};
		})
		.sort(byName);
}

/** "From list" searches and option lists of the Chatwoot node. */
export const chatwootListSearch = {
	/** The accounts of the token's user, from GET /api/v1/profile (no paging: a user has few). */
	async searchAccounts(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const { base } = await withToken(this, 'the accounts');
		const profile = await listRequest<IDataObject>(this, chatwoot, {
			method: 'GET',
			url: '/api/v1/profile',
			purpose: 'list the accounts',
		});
		const entries = records(profile?.accounts)
			.map((account) => ({
				name: label(account.name, undefined, `Account ${String(account.id)}`),
				value: String(account.id),
				url: `${base}/app/accounts/${String(account.id)}/dashboard`,
			}))
			.sort(byName);
		return listPage(entries, { filter });
	},

	/** The account's inboxes (GET …/inboxes: all at once), with their channel. */
	async searchInboxes(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		return listPage(await inboxEntries(this), { filter });
	},

	/** The account's teams (GET …/teams: all at once). */
	async searchTeams(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const { answer, accountId, base } = await accountList(this, 'teams', '/teams');
		const entries = records(answer)
			.map((team) => ({
				name: label(team.name, undefined, `Team ${String(team.id)}`),
				value: String(team.id),
				url: `${base}/app/accounts/${accountId}/team/${String(team.id)}`,
			}))
			.sort(byName);
		return listPage(entries, { filter });
	},

	/** The account's agents (GET …/agents: all at once), by name and e-mail. */
	async searchAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const { answer } = await accountList(this, 'agents', '/agents');
		const entries = records(answer)
			.map((agent) => ({
				name: label(agent.available_name ?? agent.name, agent.email, `Agent ${String(agent.id)}`),
				value: String(agent.id),
			}))
			.sort(byName);
		return listPage(entries, { filter });
	},

	/**
	 * The account's contacts, 15 a page: GET …/contacts, or with a search text Chatwoot's contact
	 * search (name, e-mail, phone number, identifier).
	 */
	async searchContacts(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const page = pageOf(paginationToken);
		const query = filter?.trim();
		const { answer, accountId, base } = await accountList<IDataObject>(
			this,
			'contacts',
			query ? '/contacts/search' : '/contacts',
			{ qs: { ...(query ? { q: query } : {}), page, include_contact_inboxes: 'false' } },
		);
		const contacts = records(answer);
		const meta = asObject(answer?.meta);
		const more =
			typeof meta.has_more === 'boolean'
				? meta.has_more
				: typeof meta.count === 'number' && !query
					? meta.count > page * CONTACTS_PER_PAGE
					: contacts.length >= CONTACTS_PER_PAGE;
		const entries = contacts.map((contact) => ({
			name: label(
				contact.name,
				contact.email ?? contact.phone_number ?? contact.identifier,
				`Contact ${String(contact.id)}`,
			),
			value: String(contact.id),
			url: `${base}/app/accounts/${accountId}/contacts/${String(contact.id)}`,
		}));
		return listPage(entries, { nextPage: more ? String(page + 1) : undefined });
	},

	/**
	 * Conversations, newest activity first. With a Contact Source ID (Get, Resolve, Send as Contact):
	 * that contact's conversations in the credential's inbox. Else the account's, 25 a page; a number
	 * finds that conversation, other text the conversations with a message containing it.
	 */
	async searchConversations(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const credentials = await this.getCredentials(chatwoot.credentialType);
		const inboxIdentifier = String(credentials.inboxIdentifier ?? '').trim();
		const asContact = ['get', 'resolve', 'send'].includes(
			String(this.getCurrentNodeParameter('operation')),
		);
		const sourceId = asContact ? filledText(this, 'contactIdentifier') : undefined;
		if (sourceId !== undefined && inboxIdentifier !== '') {
			try {
				contactSourceId({ required: true })(sourceId);
			} catch (error) {
				throw fail(this, `Contact Source ID (This Inbox) ${(error as Error).message}`);
			}
			return contactConversations(this, credentials, inboxIdentifier, sourceId, filter);
		}
		if (asContact && !accessTokenOf(credentials))
			throw fail(
				this,
				`Fill in the Contact Source ID to list that contact's conversations, or the User Access Token of the ${CREDENTIAL_NAME} credential to list the account's conversations.`,
			);
		const query = filter?.trim().replace(/^#/, '');
		if (query && /^\d+$/.test(query)) {
			const { answer, accountId } = await accountList<IDataObject | undefined>(
				this,
				'conversations',
				`/conversations/${query}`,
				{ notFoundIsEmpty: true },
			);
			return { results: answer ? [conversationEntry(answer, credentials, accountId)] : [] };
		}
		const page = pageOf(paginationToken);
		const { answer, accountId } = await accountList<IDataObject>(
			this,
			'conversations',
			'/conversations',
			{ qs: { status: 'all', ...(query ? { q: query } : {}), page } },
		);
		const conversations = records(asObject(answer?.data).payload);
		return listPage(
			conversations.map((conversation) => conversationEntry(conversation, credentials, accountId)),
			{
				nextPage: conversations.length >= CONVERSATIONS_PER_PAGE ? String(page + 1) : undefined,
			},
		);
	},
};

/** Option lists (multi-selects) of the Chatwoot nodes. */
export const chatwootLoadOptions = {
	/**
	 * The account's inboxes as options, for a multi-select of inboxes (such as a trigger's inbox
	 * filter): the node's Account if it has one, else the credential's.
	 */
	async getInboxes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await inboxEntries(this)).map(({ name, value }) => ({ name, value }));
	},

	/** The account's labels by name (GET …/labels: all at once); Chatwoot names labels in lower case. */
	async getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const { answer } = await accountList(this, 'labels', '/labels');
		return records(answer)
			.filter((entry) => typeof entry.title === 'string' && entry.title !== '')
			.map((entry) => ({
				name: String(entry.title),
				value: String(entry.title),
				...(typeof entry.description === 'string' && entry.description !== ''
					? { description: entry.description }
					: {}),
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
};
