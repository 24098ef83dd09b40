import type { IDataObject } from 'n8n-workflow';

import type { Operation } from '../shared/types';

/** Keys never output: `pubsub_token` is a live token for the contact's (or user's) real-time channel. */
const SECRET_KEYS = new Set(['pubsub_token']);

/** A copy of `value` without secret keys, at any depth. */
export function withoutSecrets<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => withoutSecrets(entry)) as T;
	if (typeof value !== 'object' || value === null) return value;
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		if (!SECRET_KEYS.has(key)) copy[key] = withoutSecrets(entry);
	}
	return copy as T;
}

/** The operation with secrets left out of its raw output (Simplify off). */
export function withoutSecretOutput(operation: Operation): Operation {
	return {
		...operation,
		async run(context, params) {
			const result = await operation.run(context, params);
			return { ...result, raw: withoutSecrets(result.raw) };
		},
	};
}
