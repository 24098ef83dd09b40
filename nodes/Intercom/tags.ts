import type { IDataObject } from 'n8n-workflow';

import { oneOf, text } from '../shared/checks';
import { itemError } from '../shared/errors';
import { locatorField } from '../shared/locator';
import { oncePerExecution } from '../shared/once';
import type { Field, OperationContext } from '../shared/types';

/** "Tag Identified By": the tag picked from the list (or its ID), or its name. */
export function tagFields(action: string): Field[] {
	return [
		{
			property: {
				displayName: 'Tag Identified By',
				name: 'tagBy',
				type: 'options',
				options: [
					{
						name: 'Tag (From List or ID)',
						value: 'id',
						description: "Pick the tag from the workspace's tags, or give its ID",
					},
					{
						name: 'Tag Name',
						value: 'name',
						description: "The tag's name as shown in Intercom; looked up once per run",
					},
				],
				default: 'id',
				description: `How to name the tag to ${action}`,
			},
			check: oneOf(['id', 'name'], { required: true }),
		},
		locatorField('Tag', 'tagId', {
			searchListMethod: 'searchTags',
			idPlaceholder: 'e.g. 7522907',
			description: `The Intercom tag to ${action}`,
			displayOptions: { show: { tagBy: ['id'] } },
		}),
		{
			property: {
				displayName: 'Tag Name',
				name: 'tagName',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. VIP',
				description: `The name of the existing Intercom tag to ${action} (exact name; case is ignored when only one tag matches)`,
				displayOptions: { show: { tagBy: ['name'] } },
			},
			check: text({ required: true, maxLength: 255 }),
		},
	];
}

interface Tag {
	id: string;
	name: string;
}

/** The item's tag: its ID, or the one tag with its name (GET /tags, once per run). */
export async function resolveTag(context: OperationContext, params: IDataObject): Promise<Tag> {
	if (params.tagBy !== 'name') return { id: String(params.tagId), name: '' };
	const name = String(params.tagName);
	const list = await oncePerExecution(context, 'intercom:tags', async () =>
		context.send<{ data?: IDataObject[] }>({
			method: 'GET',
			url: '/tags',
			purpose: 'list the tags to find the tag by name',
		}),
	);
	const tags = (list?.data ?? []).map((tag) => ({ id: String(tag.id), name: String(tag.name) }));
	const exact = tags.filter((tag) => tag.name === name);
	const matches = exact.length
		? exact
		: tags.filter((tag) => tag.name.toLowerCase() === name.toLowerCase());
	if (matches.length === 1) return matches[0];
	if (matches.length === 0)
		throw itemError(
			context,
			`No Intercom tag is named "${name}"`,
			'Create the tag in Intercom (Settings → Data → Tags) or check its spelling, or give the tag by its ID. Nothing was changed in the conversation.',
		);
	throw itemError(
		context,
		`${matches.length} Intercom tags are named "${name}" (IDs ${matches.map((tag) => tag.id).join(', ')})`,
		'Give the tag by its ID instead. Nothing was changed in the conversation.',
	);
}
