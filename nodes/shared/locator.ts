import type {
	IDisplayOptions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyMode,
	INodeProperties,
} from 'n8n-workflow';

import { id, InputError } from './checks';
import { isObject } from './objects';
import type { Check, Field } from './types';

/** Where the ID sits in the vendor's web address of the object, for the "By URL" mode. */
export interface LocatorUrl {
	/** Matches the whole address; its first group is the ID. */
	pattern: string;
	placeholder: string;
	/** Where the ID is in such an address, for the message about one the node cannot read. */
	where: string;
}

export interface LocatorOptions {
	description: string;
	/** The node's listSearch method of the "From list" mode. */
	searchListMethod: string;
	/** The list can be searched by text (the vendor searches, or the node filters). */
	searchable?: boolean;
	url?: LocatorUrl;
	idPlaceholder?: string;
	/** Required unless false. */
	required?: boolean;
	/** The vendor's ID rule; the shared `id` check by default. */
	check?: Check;
	send?: string;
	displayOptions?: IDisplayOptions;
}

/** A resource locator value as n8n stores it: `{ __rl: true, mode, value }`. */
interface LocatorValue {
	mode?: unknown;
	value?: unknown;
}

/** The mode and value of a resource locator's value; a plain value (from an expression) has no mode. */
export function locatorParts(raw: unknown): { mode?: string; value: unknown } {
	if (!isObject(raw) || !('__rl' in raw || 'mode' in raw)) return { value: raw };
	const { mode, value } = raw as LocatorValue;
	return { mode: typeof mode === 'string' ? mode : undefined, value };
}

/**
 * Checks a resource locator's value: the ID picked from the list, typed, or read from an address.
 * A plain value (an expression that gives the ID itself) is taken as the ID; a plain or typed value
 * that is an address the node can read (an AI agent or an expression may give one) is read as one.
 */
export function locatorCheck(options: Pick<LocatorOptions, 'check' | 'required' | 'url'>): Check {
	const checkId = options.check ?? id({ required: options.required !== false });
	const isAddress = (value: unknown) =>
		options.url !== undefined &&
		typeof value === 'string' &&
		new RegExp(options.url.pattern).test(value.trim());
	return (raw) => {
		const { mode, value } = locatorParts(raw);
		if (!options.url || (mode !== 'url' && !isAddress(value))) return checkId(value);
		if (value === undefined || value === null || String(value).trim() === '') return checkId('');
		const address = String(value).trim();
		const found = new RegExp(options.url.pattern).exec(address);
		if (!found?.[1])
			throw new InputError(
				`is not an address the node can read ("${address.slice(0, 120)}"): ${options.url.where}`,
			);
		return checkId(decodeURIComponent(found[1]));
	};
}

/** An ID field the user picks From list (searchable), or gives By ID or By URL. */
export function locatorField(displayName: string, name: string, options: LocatorOptions): Field {
	const required = options.required !== false;
	// n8n's lint rules take a mode for a parameter unless it sits in a `modes` list.
	const all: { modes: INodePropertyMode[] } = {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${article(displayName)} ${displayName}...`,
				typeOptions: {
					searchListMethod: options.searchListMethod,
					searchable: options.searchable ?? true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.idPlaceholder ?? 'e.g. 123',
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: options.url?.placeholder,
				extractValue: { type: 'regex', regex: options.url?.pattern ?? '' },
			},
		],
	};
	const modes = options.url ? all.modes : all.modes.slice(0, 2);
	const property: INodeProperties = {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...(required ? { required: true } : {}),
		description: options.description,
		modes,
		...(options.displayOptions ? { displayOptions: options.displayOptions } : {}),
	};
	return {
		property,
		check: locatorCheck({ ...options, required }),
		...(options.send ? { send: options.send } : {}),
	};
}

function article(word: string): string {
	return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/**
 * One page of a list for a "From list" mode: the entries whose name or ID contains the search
 * text (for vendors whose list call cannot search), and the next page's token.
 */
export function listPage(
	entries: INodeListSearchItems[],
	options: { filter?: string; nextPage?: string } = {},
): INodeListSearchResult {
	const wanted = options.filter?.trim().toLowerCase();
	const results = wanted
		? entries.filter(
				(entry) =>
					entry.name.toLowerCase().includes(wanted) || String(entry.value).toLowerCase() === wanted,
			)
		: entries;
	return {
		results,
		...(options.nextPage !== undefined ? { paginationToken: options.nextPage } : {}),
	};
}
