import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listRequest } from '../shared/lists';
import { listPage } from '../shared/locator';
import { asObject } from '../shared/objects';
import { accountLabel, accountSegment, domainApiUrl, withScheme } from './auth';
import { livePerson } from './vendor';

/** The Domain API's name of the read-only Account Configuration service (skills, users, …). */
const ACCOUNT_CONFIG = 'accountConfigReadOnly';

interface Skill {
	id?: string | number;
	name?: string;
	deleted?: boolean;
}

/**
 * The account's skills, from the Skills API on the account's accountConfigReadOnly host (found
 * through the Domain API, like the node's other hosts). The credential's AppJWT must be allowed to
 * read skills; a refusal says so and how to pick By ID instead.
 */
async function skills(context: ILoadOptionsFunctions): Promise<INodeListSearchItems[]> {
	const credentials = await context.getCredentials(livePerson.credentialType);
	const account = accountSegment(credentials);
	const domain = await listRequest<{ baseURI?: unknown }>(context, livePerson, {
		method: 'GET',
		url: `${domainApiUrl(credentials)}/api/account/${account}/service/${ACCOUNT_CONFIG}/baseURI.json`,
		qs: { version: '1.0' },
		purpose: `look up the ${ACCOUNT_CONFIG} host of account ${accountLabel(credentials)}`,
	});
	const host = asObject(domain).baseURI;
	if (typeof host !== 'string' || host.trim() === '')
		throw new NodeOperationError(
			context.getNode(),
			`LivePerson's Domain API names no ${ACCOUNT_CONFIG} host for account ${accountLabel(credentials)}. Choose By ID, or check the Account ID of the ${livePerson.credentialName} credential.`,
		);
	const answer = await listRequest<unknown>(context, livePerson, {
		method: 'GET',
		url: `${withScheme(host)}/api/account/${account}/configuration/le-users/skills`,
		qs: { v: '2.0' },
		purpose: 'list the skills',
	});
	if (!Array.isArray(answer))
		throw new NodeOperationError(
			context.getNode(),
			`LivePerson answered no list of skills. Choose By ID, or check the Domain API Host of the ${livePerson.credentialName} credential.`,
		);
	return (answer as Skill[])
		.filter((skill) => skill.id !== undefined && skill.id !== null && skill.deleted !== true)
		.map((skill) => ({ name: skill.name || String(skill.id), value: String(skill.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** "From list" searches of the LivePerson node. */
export const livePersonListSearch = {
	/** The account's skills (one page: the Skills API answers them all). */
	async searchSkills(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return listPage(await skills(this), { filter });
	},

	/** "Any Skill" (-1), then the account's skills: where a conversation is routed when it opens. */
	async searchSkillsOrAny(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		return listPage([{ name: 'Any Skill', value: '-1' }, ...(await skills(this))], { filter });
	},
};
