import type { IDisplayOptions, INodeListSearchItems, INodePropertyOptions } from 'n8n-workflow';

import { id, InputError } from './checks';
import type { Check, Field } from './types';

/** The sentence n8n's lint rules expect at the end of a multi-select list's description. */
const CHOOSE_OR_EXPRESSION =
	'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

export interface MultiSelectOptions {
	/** What the chosen entries do, as one sentence without a final period. */
	description: string;
	/** The node's loadOptions method that lists the entries (names shown, IDs as values). */
	loadOptionsMethod: string;
	/** Parameters whose value the list depends on ("additionalFields.accountId"): it reloads when they change. */
	dependsOn?: string[];
	required?: boolean;
	/** The most entries the vendor takes at once. */
	max?: number;
	/** Each entry's ID rule; the shared `id` check by default. */
	check?: Check;
	/** Reads the whole value instead of `idList` (entries that are names, not IDs). */
	listCheck?: Check;
	send?: string;
	displayOptions?: IDisplayOptions;
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	return typeof value;
}

/**
 * A list of IDs: the multi-select's values, a list from an expression, or text with commas. Each
 * entry is checked; repeated IDs count once; an empty list is left out.
 */
export function idList(options: Pick<MultiSelectOptions, 'max' | 'check'> = {}): Check {
	const checkId = options.check ?? id({ required: true });
	return (value) => {
		if (value === undefined || value === null) return undefined;
		let entries: unknown[];
		if (Array.isArray(value)) entries = value;
		else if (typeof value === 'string') entries = value.split(',');
		else if (typeof value === 'number') entries = [value];
		else throw new InputError(`must be a list of IDs, but got ${describe(value)}`);
		entries = entries.filter((entry) => !(typeof entry === 'string' && entry.trim() === ''));
		if (entries.length === 0) return undefined;
		if (options.max !== undefined && entries.length > options.max)
			throw new InputError(`has ${entries.length} entries; the limit is ${options.max}`);
		const ids = entries.map((entry) => {
			try {
				return String(checkId(entry));
			} catch (error) {
				return error as Error;
			}
		});
		const invalid = ids.findIndex((entry) => entry instanceof Error);
		if (invalid >= 0)
			throw new InputError(
				`has an invalid entry (number ${invalid + 1}): ${(ids[invalid] as Error).message}`,
			);
		return [...new Set(ids as string[])];
	};
}

/**
 * A multi-select list the vendor fills ("Tag Names or IDs", as n8n's lint rules name them): the
 * editor shows the names, the node gets the IDs.
 */
export function multiSelectField(
	displayName: string,
	name: string,
	options: MultiSelectOptions,
): Field {
	return {
		property: {
			displayName,
			name,
			type: 'multiOptions',
			typeOptions: {
				loadOptionsMethod: options.loadOptionsMethod,
				...(options.dependsOn ? { loadOptionsDependsOn: options.dependsOn } : {}),
			},
			default: [],
			...(options.required ? { required: true } : {}),
			description: `${options.description.replace(/\.$/, '')}. ${CHOOSE_OR_EXPRESSION}.`,
			...(options.displayOptions ? { displayOptions: options.displayOptions } : {}),
		},
		check: options.listCheck ?? idList(options),
		...(options.send ? { send: options.send } : {}),
	};
}

/** A list's entries as a multi-select's options, sorted by name. */
export function listOptions(entries: INodeListSearchItems[]): INodePropertyOptions[] {
	return entries
		.map((entry) => ({ name: entry.name, value: entry.value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
