import type { OperationContext } from './types';

/**
 * Runs `create` once per execution for a key (a contact, a consumer token) and shares the result
 * with every item that asks for the same key. A failure is not shared: the next item that asks
 * runs `create` again itself, so each item's error names that item.
 */
export async function oncePerExecution<T>(
	context: OperationContext,
	key: string,
	create: () => Promise<T>,
): Promise<T> {
	const cached = context.executionCache.get(key) as Promise<T> | undefined;
	if (cached) {
		const shared = await cached.then(
			(value) => ({ value }),
			() => undefined,
		);
		if (shared) return shared.value;
	}
	const pending = create();
	context.executionCache.set(key, pending);
	pending.catch(() => {
		if (context.executionCache.get(key) === pending) context.executionCache.delete(key);
	});
	return pending;
}
