import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listRequest } from '../shared/lists';
import { listPage } from '../shared/locator';
import { isObject } from '../shared/objects';
import { AGENT_ID_HELP } from './fields';
import { dataOf, socialBoards, type Envelope } from './vendor';

/** Roles SocialBoards does not let take a conversation (its Update Ticket Assignee page). */
const NOT_ASSIGNABLE = new Set(['read_only_user', 'client', 'vendor']);

/** A teammate's user ID: SocialBoards' documented example shows none, its assignee page says the list gives them. */
function teammateId(teammate: IDataObject): string | undefined {
	const id = teammate.id ?? teammate.Id ?? teammate.userId ?? teammate.UserId;
	return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

/** "Name (e-mail)", or what there is of it. */
function label(teammate: IDataObject, id: string): string {
	const name = typeof teammate.name === 'string' && teammate.name.trim() ? teammate.name : '';
	const email = typeof teammate.email === 'string' && teammate.email.trim() ? teammate.email : '';
	if (name && email) return `${name} (${email})`;
	return name || email || id;
}

/** "From list" searches of the SocialBoards node. */
export const socialBoardsListSearch = {
	/**
	 * The agents who can take a conversation over: the teammates (GET /Teammates, the call the
	 * credential test makes), in one page, searched by the node.
	 */
	async searchAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const answer = await listRequest<Envelope<unknown>>(this, socialBoards, {
			method: 'GET',
			url: '/Teammates',
			purpose: 'list the teammates',
		});
		const data = dataOf(answer);
		const teammates = (Array.isArray(data) ? data : []).filter(isObject);
		const assignable = teammates.filter(
			(teammate) => !NOT_ASSIGNABLE.has(String(teammate.role ?? '').toLowerCase()),
		);
		const entries: INodeListSearchItems[] = [];
		for (const teammate of assignable) {
			const id = teammateId(teammate);
			if (id) entries.push({ name: label(teammate, id), value: id });
		}
		if (assignable.length > 0 && entries.length === 0)
			throw new NodeOperationError(
				this.getNode(),
				`SocialBoards' teammates list gives no user IDs (only names, e-mails and roles), so an agent cannot be picked from it. Choose By ID: ${AGENT_ID_HELP}.`,
			);
		return listPage(
			entries.sort((a, b) => a.name.localeCompare(b.name)),
			{ filter },
		);
	},
};
