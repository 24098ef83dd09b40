import type { IDataObject } from 'n8n-workflow';

/** Whether a value is a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value if it is a JSON object, else an empty object: for reading vendor answers of unknown shape. */
export function asObject(value: unknown): IDataObject {
	return isObject(value) ? value : {};
}
