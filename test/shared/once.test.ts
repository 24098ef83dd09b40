import type { INode } from 'n8n-workflow';

import { markNotSent } from '../../nodes/shared/errors';
import { forget, oncePerExecution } from '../../nodes/shared/once';
import type { OperationContext } from '../../nodes/shared/types';

// The per-run cache: one call per key, its result and its failure shared, so a create that may
// have reached the vendor is never sent twice in a run.

const node = {
	name: 'Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as unknown as INode;

function contexts(count: number): OperationContext[] {
	const executionCache = new Map<string, unknown>();
	return Array.from({ length: count }, (_, itemIndex) => ({
		node,
		itemIndex,
		executionCache,
		credentials: {},
		send: async () => {
			throw new Error('not used');
		},
	}));
}

test('items that ask for the same key share one call and its result', async () => {
	const [first, second] = contexts(2);
	let calls = 0;
	const create = async () => {
		calls++;
		await new Promise((resolve) => setTimeout(resolve, 10));
		return `contact-${calls}`;
	};
	const results = await Promise.all([
		oncePerExecution(first, 'k', create),
		oncePerExecution(second, 'k', create),
	]);
	expect(results).toEqual(['contact-1', 'contact-1']);
	expect(calls).toBe(1);
});

test('a failed create is never sent again in the run: waiting and later items fail naming themselves', async () => {
	const [first, second, third] = contexts(3);
	let calls = 0;
	const create = async () => {
		calls++;
		await new Promise((resolve) => setTimeout(resolve, 10));
		throw Object.assign(
			new Error(
				'Intercom could not create the contact: the request got no answer before the timeout [item 0]',
			),
			{
				description: 'It may have reached Intercom.',
			},
		);
	};
	const [a, b] = await Promise.allSettled([
		oncePerExecution(first, 'k', create),
		oncePerExecution(second, 'k', create),
	]);
	const c = await oncePerExecution(third, 'k', create).catch((error: Error) => error);
	expect(calls).toBe(1);
	expect((a as PromiseRejectedResult).reason.message).toContain('[item 0]');
	const waiting = (b as PromiseRejectedResult).reason as Error & { description: string };
	expect(waiting.message).toBe(
		'Intercom could not create the contact: the request got no answer before the timeout [item 1]',
	);
	expect(waiting.description).toContain(
		'Item 0 of this run made this call for the same value and it failed; it was not sent again for item 1',
	);
	expect(waiting.description).toContain('It may have reached Intercom.');
	expect((c as Error).message).toContain('[item 2]');
});

test('a failure that certainly sent nothing lets the next item try again', async () => {
	const [first, second] = contexts(2);
	let calls = 0;
	const create = async () => {
		calls++;
		if (calls === 1) throw markNotSent(new Error('could not connect [item 0]'));
		return 'contact';
	};
	await expect(oncePerExecution(first, 'k', create)).rejects.toThrow('could not connect');
	await expect(oncePerExecution(second, 'k', create)).resolves.toBe('contact');
	expect(calls).toBe(2);
});

test('forget drops a refused token only when no other item replaced it', async () => {
	const [first, second] = contexts(2);
	await oncePerExecution(first, 'token', async () => 'old');
	await forget(first, 'token', 'stale');
	await expect(oncePerExecution(second, 'token', async () => 'new')).resolves.toBe('old');
	await forget(first, 'token', 'old');
	await expect(oncePerExecution(second, 'token', async () => 'new')).resolves.toBe('new');
});
