import { itemError, wasNotSent } from './errors';
import type { OperationContext } from './types';

interface Attempt<T> {
	promise: Promise<T>;
	itemIndex: number;
}

/** The failure of another item's shared call, told to this item: what failed, where, and that nothing was sent again. */
function sharedFailure(context: OperationContext, error: unknown, ownerItem: number): unknown {
	if (ownerItem === context.itemIndex) return error;
	const original = error as Error & { description?: string | null };
	const message = String(original.message ?? error).replace(/ \[item \d+\]$/, '');
	const description = `Item ${ownerItem} of this run made this call for the same value and it failed; it was not sent again for item ${context.itemIndex}, so nothing is created twice.${original.description ? ` ${original.description}` : ''}`;
	return itemError(context, message, description);
}

/**
 * Runs `call` at most once per execution for a key (a contact, a consumer token) and shares the
 * result with every item that asks for the same key. A failure is shared too (each item gets its
 * own error naming it), so a create that may have reached the vendor is never sent a second time.
 * Only a failure that certainly sent nothing (`wasNotSent`) lets the next item try again.
 */
export async function oncePerExecution<T>(
	context: OperationContext,
	key: string,
	call: () => Promise<T>,
): Promise<T> {
	const cached = context.executionCache.get(key) as Attempt<T> | undefined;
	if (cached) {
		const settled = await cached.promise.then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		);
		if ('value' in settled) return settled.value;
		if (context.executionCache.get(key) === cached)
			throw sharedFailure(context, settled.error, cached.itemIndex);
		// The failed call sent nothing and was forgotten: this item tries itself (or joins a newer try).
		return await oncePerExecution(context, key, call);
	}
	const attempt: Attempt<T> = { promise: call(), itemIndex: context.itemIndex };
	context.executionCache.set(key, attempt);
	attempt.promise.catch((error: unknown) => {
		if (wasNotSent(error) && context.executionCache.get(key) === attempt)
			context.executionCache.delete(key);
	});
	return attempt.promise;
}

/** Forgets a key's shared result (a token the vendor refused), unless another item already replaced it. */
export async function forget<T>(context: OperationContext, key: string, stale: T): Promise<void> {
	const cached = context.executionCache.get(key) as Attempt<T> | undefined;
	if (cached && (await cached.promise.catch(() => undefined)) === stale) {
		if (context.executionCache.get(key) === cached) context.executionCache.delete(key);
	}
}
