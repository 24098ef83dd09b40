import type { IDataObject } from 'n8n-workflow';

import { dateTime, integer, oneOf } from '../../shared/checks';
import { returnAllFields } from '../../shared/fields';
import { locatorField } from '../../shared/locator';
import { multiSelectField } from '../../shared/multiSelect';
import type { Field, Operation, OperationResult } from '../../shared/types';
import { contactField } from '../fields';
import { simplifyConversation } from '../simplify';

/** Intercom's largest search page. */
const MAX_PER_PAGE = 150;
/** Intercom takes at most 15 conditions in one AND or OR group. */
const MAX_TAGS = 15;

const fields: Field[] = [
	{
		property: {
			displayName: 'State',
			name: 'state',
			type: 'options',
			options: [
				{ name: 'Any', value: 'any', description: 'Open, closed and snoozed conversations' },
				{ name: 'Closed', value: 'closed' },
				{ name: 'Open', value: 'open' },
				{ name: 'Snoozed', value: 'snoozed' },
			],
			default: 'open',
			description: 'Only conversations in this state',
		},
		check: oneOf(['any', 'open', 'closed', 'snoozed'], { required: true }),
	},
	...returnAllFields({ what: 'conversations', maxLimit: 1000 }),
	{
		property: {
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description: 'Further conditions; a conversation must match all of them',
		},
		fields: [
			locatorField('Admin Assignee', 'adminAssigneeId', {
				required: false,
				searchListMethod: 'searchAdmins',
				idPlaceholder: 'e.g. 991267459',
				description: 'Only conversations assigned to this admin',
				check: integer({ min: 0 }),
			}),
			contactField({ required: false, description: 'Only conversations with this contact' }),
			multiSelectField('Tag Names or IDs', 'tagIds', {
				loadOptionsMethod: 'getTags',
				description: 'Only conversations with at least one of these tags',
				max: MAX_TAGS,
			}),
			locatorField('Team Assignee', 'teamAssigneeId', {
				required: false,
				searchListMethod: 'searchTeams',
				idPlaceholder: 'e.g. 814860',
				description: 'Only conversations assigned to this team',
				check: integer({ min: 0 }),
			}),
			{
				property: {
					displayName: 'Updated Since',
					name: 'updatedSince',
					type: 'dateTime',
					default: '',
					description: 'Only conversations updated after this date and time',
				},
				check: dateTime(),
			},
		],
	},
];

/** Intercom's search query: every chosen condition, joined with AND. */
export function searchQuery(params: IDataObject): IDataObject {
	const filters = (params.filters ?? {}) as IDataObject;
	const conditions: IDataObject[] = [];
	if (params.state !== 'any')
		conditions.push({ field: 'state', operator: '=', value: params.state });
	if (filters.contactId !== undefined)
		conditions.push({ field: 'contact_ids', operator: '=', value: filters.contactId });
	if (filters.adminAssigneeId !== undefined)
		conditions.push({ field: 'admin_assignee_id', operator: '=', value: filters.adminAssigneeId });
	if (filters.teamAssigneeId !== undefined)
		conditions.push({ field: 'team_assignee_id', operator: '=', value: filters.teamAssigneeId });
	const tagIds = (filters.tagIds ?? []) as string[];
	// Intercom searches tags with "=" only: one condition per tag, any of them.
	if (tagIds.length === 1) conditions.push({ field: 'tag_ids', operator: '=', value: tagIds[0] });
	if (tagIds.length > 1)
		conditions.push({
			operator: 'OR',
			value: tagIds.map((tagId) => ({ field: 'tag_ids', operator: '=', value: tagId })),
		});
	if (filters.updatedSince !== undefined)
		conditions.push({
			field: 'updated_at',
			operator: '>',
			value: Math.floor((filters.updatedSince as Date).getTime() / 1000),
		});
	// Intercom needs a condition: without one, every conversation (created after 1970).
	if (conditions.length === 0) conditions.push({ field: 'created_at', operator: '>', value: 0 });
	return { operator: 'AND', value: conditions };
}

export const searchConversations: Operation = {
	resource: 'conversation',
	option: {
		name: 'Get Many',
		value: 'search',
		action: 'Get many conversations',
		description:
			'Find conversations by state, contact, assigned admin or team, tags and last update; one output item per conversation',
	},
	fields,
	async run(context, params) {
		const query = searchQuery(params);
		const wanted = params.returnAll ? Infinity : (params.limit as number);
		const results: OperationResult[] = [];
		let startingAfter: string | undefined;
		do {
			const perPage = Math.min(MAX_PER_PAGE, wanted - results.length);
			const page = await context.send<IDataObject>({
				method: 'POST',
				url: '/conversations/search',
				body: {
					query,
					pagination: {
						per_page: perPage,
						...(startingAfter ? { starting_after: startingAfter } : {}),
					},
				},
				idempotent: true,
				purpose: 'search the conversations',
			});
			for (const conversation of ((page.conversations ?? []) as IDataObject[]).slice(
				0,
				wanted - results.length,
			)) {
				results.push({
					raw: conversation,
					simplified: simplifyConversation(conversation, context.credentials),
				});
			}
			const next = ((page.pages as IDataObject | undefined)?.next ?? undefined) as
				| IDataObject
				| undefined;
			const cursor = typeof next?.starting_after === 'string' ? next.starting_after : undefined;
			// Stop on a repeated cursor too, so a server that never advances cannot loop forever.
			startingAfter = cursor && cursor !== startingAfter ? cursor : undefined;
		} while (startingAfter && results.length < wanted);
		return results;
	},
};
