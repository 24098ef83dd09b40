import type { IDataObject } from 'n8n-workflow';

import { dotSegmentProblem } from './paths';
import type { Check } from './types';

/** A value a user can fix; the runner adds the field and the item. */
export class InputError extends Error {}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]{2,}$/;
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/i;

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'boolean') return `the value ${value}`;
	return typeof value;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === '' || (typeof value === 'string' && value.trim() === '');
}

/** Control characters other than tab, line feed and carriage return (a NUL byte, an escape...). */
function isRefusedControlCharacter(code: number): boolean {
	return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

function controlCharacterError(value: string): InputError | undefined {
	for (let index = 0; index < value.length; index++) {
		const code = value.charCodeAt(index);
		if (!isRefusedControlCharacter(code)) continue;
		const hex = code.toString(16).toUpperCase().padStart(4, '0');
		return new InputError(
			`contains the control character U+${hex} at position ${index + 1}; remove it (only new lines and tabs are allowed)`,
		);
	}
	return undefined;
}

interface TextOptions {
	required?: boolean;
	maxLength?: number;
	noHtml?: boolean;
	pattern?: RegExp;
	patternHint?: string;
	/** The value becomes a URL path segment: ".", ".." and their percent-encoded forms are refused. */
	pathSegment?: boolean;
}

/**
 * Text, trimmed. Optional text that is empty becomes undefined (left out of the request). A number
 * from an expression (an order number as the message) is taken as its text. Control characters
 * other than new lines and tabs are refused.
 */
export function text(options: TextOptions = {}): Check {
	return (value) => {
		if (isEmpty(value)) {
			if (options.required) throw new InputError('is required but is empty');
			return undefined;
		}
		if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
		if (typeof value !== 'string') throw new InputError(`must be text, but got ${describe(value)}`);
		const trimmed = value.trim();
		const control = controlCharacterError(trimmed);
		if (control) throw control;
		if (options.maxLength !== undefined && trimmed.length > options.maxLength) {
			throw new InputError(
				`is ${trimmed.length} characters long; the limit is ${options.maxLength}`,
			);
		}
		if (options.noHtml && HTML_TAG.test(trimmed)) {
			throw new InputError('contains HTML, which this API does not support; send plain text');
		}
		if (options.pattern && !options.pattern.test(trimmed)) {
			throw new InputError(
				`"${trimmed.slice(0, 60)}" is not valid: ${options.patternHint ?? 'wrong format'}`,
			);
		}
		const dotSegment = options.pathSegment ? dotSegmentProblem(trimmed) : undefined;
		if (dotSegment) throw new InputError(dotSegment);
		return trimmed;
	};
}

/** A vendor ID that goes into a URL path: letters, digits, "-", "_", ":" (never "/", "." or spaces). */
export function id(options: { required?: boolean } = {}): Check {
	return text({
		required: options.required,
		maxLength: 128,
		pattern: /^[A-Za-z0-9_:-]+$/,
		patternHint: 'an ID has only letters, digits, "-", "_" and ":"',
		pathSegment: true,
	});
}

export function email(options: { required?: boolean } = {}): Check {
	const asText = text({ required: options.required, maxLength: 254 });
	return (value) => {
		const address = asText(value) as string | undefined;
		if (address !== undefined && !EMAIL.test(address)) {
			throw new InputError(`"${address.slice(0, 60)}" is not a valid e-mail address`);
		}
		return address;
	};
}

function checkUrl(candidate: string): string {
	const parsed = URL.canParse(candidate) ? new URL(candidate) : undefined;
	if (!parsed) throw new InputError(`"${candidate.slice(0, 80)}" is not a valid URL`);
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new InputError(`"${candidate.slice(0, 80)}" must start with http:// or https://`);
	}
	return candidate;
}

export function url(options: { required?: boolean } = {}): Check {
	const asText = text({ required: options.required, maxLength: 2048 });
	return (value) => {
		const address = asText(value) as string | undefined;
		return address === undefined ? undefined : checkUrl(address);
	};
}

/** A list of URLs: a list from an expression, or text separated by commas or new lines. */
export function urlList(options: { max: number }): Check {
	return (value) => {
		if (isEmpty(value) || (Array.isArray(value) && value.length === 0)) return undefined;
		let entries: unknown[];
		if (Array.isArray(value)) entries = value;
		else if (typeof value === 'string')
			entries = value.split(/[\n,]/).filter((entry) => entry.trim() !== '');
		else
			throw new InputError(
				`must be a list of URLs or text with one URL per line, but got ${describe(value)}`,
			);
		if (entries.length > options.max) {
			throw new InputError(`has ${entries.length} URLs; the limit is ${options.max}`);
		}
		return entries.map((entry) => {
			if (typeof entry !== 'string')
				throw new InputError(`must contain only URLs, but one entry is ${describe(entry)}`);
			return checkUrl(entry.trim());
		});
	};
}

/** One of the values the UI offers (expressions can produce anything). */
export function oneOf(values: readonly string[], options: { required?: boolean } = {}): Check {
	return (value) => {
		if (isEmpty(value)) {
			if (options.required) throw new InputError('is required but is empty');
			return undefined;
		}
		if (typeof value !== 'string' || !values.includes(value)) {
			throw new InputError(
				`must be one of ${values.map((v) => `"${v}"`).join(', ')}, but got ${typeof value === 'string' ? `"${value.slice(0, 40)}"` : describe(value)}`,
			);
		}
		return value;
	};
}

export function integer(options: { required?: boolean; min?: number; max?: number } = {}): Check {
	return (value) => {
		if (isEmpty(value) || value === null) {
			if (options.required) throw new InputError('is required but is empty');
			return undefined;
		}
		const number =
			typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isInteger(number)) {
			throw new InputError(
				`must be a whole number, but got ${typeof value === 'string' ? `"${value.slice(0, 40)}"` : describe(value)}`,
			);
		}
		if (options.min !== undefined && number < options.min)
			throw new InputError(`must be at least ${options.min}`);
		if (options.max !== undefined && number > options.max)
			throw new InputError(`must be at most ${options.max}`);
		return number;
	};
}

export function boolean(): Check {
	return (value) => {
		if (value === undefined || value === '') return undefined;
		if (typeof value !== 'boolean')
			throw new InputError(`must be true or false, but got ${describe(value)}`);
		return value;
	};
}

/** A date and time: an ISO string, a Date or a Luxon DateTime from an expression. Returns a Date. */
export function dateTime(options: { required?: boolean; maxFutureMs?: number } = {}): Check {
	return (value) => {
		if (isEmpty(value) || value === null) {
			if (options.required) throw new InputError('is required but is empty');
			return undefined;
		}
		let date: Date | undefined;
		if (value instanceof Date) date = value;
		else if (typeof value === 'string') date = new Date(value.trim());
		else if (
			typeof value === 'object' &&
			typeof (value as { toISO?: unknown }).toISO === 'function'
		) {
			date = new Date((value as { toISO: () => string }).toISO());
		}
		if (!date || Number.isNaN(date.getTime())) {
			throw new InputError(
				`must be a date and time such as 2026-01-31T12:00:00Z, but got ${typeof value === 'string' ? `"${value.slice(0, 40)}"` : describe(value)}`,
			);
		}
		if (options.maxFutureMs !== undefined && date.getTime() > Date.now() + options.maxFutureMs) {
			throw new InputError(
				`is ${date.toISOString()}, more than ${Math.round(options.maxFutureMs / 1000)} seconds in the future`,
			);
		}
		return date;
	};
}

/** What parseJson gives for text that is not JSON. */
export const NOT_JSON = Symbol('not JSON');

/** Parsed JSON text, or NOT_JSON. */
export function parseJson(textValue: string): unknown {
	try {
		return JSON.parse(textValue);
	} catch {
		return NOT_JSON;
	}
}

/** A JSON object: an object from an expression, or JSON text. */
export function jsonObject(): Check {
	return (value) => {
		if (isEmpty(value) || value === null) return undefined;
		const parsed = typeof value === 'string' ? parseJson(value) : value;
		if (parsed === NOT_JSON)
			throw new InputError('is not valid JSON; enter an object such as {"plan": "pro"}');
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			throw new InputError(
				`must be a JSON object such as {"plan": "pro"}, but got ${describe(parsed)}`,
			);
		}
		return parsed as IDataObject;
	};
}

/** A list of JSON objects: a list from an expression, or JSON text. An empty list is left out. */
export function objectList(options: { max?: number } = {}): Check {
	return (value) => {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
			return undefined;
		const list = typeof value === 'string' ? parseJson(value) : value;
		if (list === NOT_JSON)
			throw new InputError('is not valid JSON; enter a list such as [{"id": 12, "value": "Gold"}]');
		if (!Array.isArray(list))
			throw new InputError('must be a JSON list of objects, such as [{"id": 12, "value": "Gold"}]');
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
