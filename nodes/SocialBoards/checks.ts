import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../shared/checks';
import type { Check } from '../shared/types';

const NOT_JSON = Symbol('not JSON');

function parse(textValue: string): unknown {
	try {
		return JSON.parse(textValue);
	} catch {
		return NOT_JSON;
	}
}

/** A list of JSON objects: a list from an expression, or JSON text. An empty list is left out. */
export function objectList(options: { max?: number } = {}): Check {
	return (value) => {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
		const list = typeof value === 'string' ? parse(value) : value;
		if (list === NOT_JSON) throw new InputError('is not valid JSON; enter a list such as [{"id": 12, "value": "Gold"}]');
		if (!Array.isArray(list)) throw new InputError('must be a JSON list of objects, such as [{"id": 12, "value": "Gold"}]');
		if (options.max !== undefined && list.length > options.max) {
			throw new InputError(`has ${list.length} entries; the limit is ${options.max}`);
		}
		list.forEach((entry, index) => {
			if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
				throw new InputError(`must contain only objects, but entry ${index + 1} is not an object`);
			}
		});
		return list.length ? (list as IDataObject[]) : undefined;
	};
}

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
