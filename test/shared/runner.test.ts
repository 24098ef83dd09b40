import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../nodes/shared/checks';
import { describeOperations, runOperation } from '../../nodes/shared/runner';
import type { Operation, Vendor } from '../../nodes/shared/types';
import { runNode } from '../harness/engine';
import { probeNode } from '../harness/probe';

// runOperation on its own: a test operation that sends nothing, run by n8n's engine in a probe node
// whose description comes from describeOperations.

const vendor: Vendor = {
	label: 'Userdesk',
	credentialType: 'userdeskConversationsApi',
	credentialName: 'Userdesk Conversations API',
	baseUrl: () => 'https://api.runner.test',
	explainError: () => ({}),
	unauthorizedHint: 'Check the API key.',
};
const credentials = {
	userdeskConversationsApi: { apiKey: 'key', chatbotId: 'bot', baseUrl: 'https://api.runner.test' },
};

interface Recorder {
	started: number[];
	maxInFlight: number;
}

/** An operation that echoes the item's Name after `delayMs`; a Name of "fail" fails in run, "bad" fails the check. */
function echoOperation(
	recorder: Recorder,
	delayMs: (itemIndex: number) => number = () => 0,
): Operation {
	let inFlight = 0;
	return {
		resource: 'thing',
		option: { name: 'Echo', value: 'echo', action: 'Echo a thing' },
		fields: [
			{
				property: { displayName: 'Name', name: 'name', type: 'string', default: '' },
				check: (value) => {
					if (value === 'bad') throw new InputError('must not be "bad"');
					return value;
				},
			},
		],
		async run(context, params) {
			recorder.started.push(context.itemIndex);
			inFlight++;
			recorder.maxInFlight = Math.max(recorder.maxInFlight, inFlight);
			await new Promise((resolve) => setTimeout(resolve, delayMs(context.itemIndex)));
			inFlight--;
			if (params.name === 'fail') throw new Error(`could not echo item ${context.itemIndex}`);
			return {
				raw: { name: params.name, raw: true },
				simplified: { conversationId: `c-${context.itemIndex}` },
			};
		},
	};
}

async function run(
	operation: Operation,
	names: string[],
	{
		options = {},
		onError,
		simplify = true,
	}: {
		options?: IDataObject;
		onError?: 'continueRegularOutput' | 'continueErrorOutput';
		simplify?: boolean;
	} = {},
) {
	const node = probeNode(
		vendor.credentialType,
		async (context) => await runOperation(context, vendor, [operation]),
		describeOperations([operation]),
	);
	return await runNode({
		type: 'runnerProbe',
		nodeType: node,
		parameters: {
			resource: 'thing',
			operation: 'echo',
			name: '={{ $json.name }}',
			simplify,
			options: options as never,
		},
		credentials,
		items: names.map((name) => ({ name })),
		onError,
	});
}

const fresh = (): Recorder => ({ started: [], maxInFlight: 0 });

test('output follows input order with pairing, whatever order the items finish in; concurrency is bounded', async () => {
	const recorder = fresh();
	const names = Array.from({ length: 8 }, (_, index) => `n${index}`);
	const { output, error } = await run(
		echoOperation(recorder, (itemIndex) => (8 - itemIndex) * 5),
		names,
		{ options: { concurrency: 3 } },
	);
	expect(error).toBeUndefined();
	expect(output.map((item) => item.json.conversationId)).toEqual(
		names.map((_, index) => `c-${index}`),
	);
	expect(output.map((item) => item.pairedItem)).toEqual(names.map((_, item) => ({ item })));
	expect(recorder.maxInFlight).toBe(3);
});

test('Simplify off outputs the raw answer', async () => {
	const { output } = await run(echoOperation(fresh()), ['a'], { simplify: false });
	expect(output[0].json).toEqual({ name: 'a', raw: true });
});

test('every item is checked before any is sent: a bad item stops the run before the first request', async () => {
	const recorder = fresh();
	const { error } = await run(echoOperation(recorder), ['a', 'b', 'bad']);
	expect(error?.message).toContain('must not be "bad"');
	expect(error?.message).toContain('[item 2]');
	expect(recorder.started).toEqual([]);
});

test('continue on fail: a bad or failed item becomes an error item in place; the others run', async () => {
	const recorder = fresh();
	const { output, errorOutput } = await run(echoOperation(recorder), ['a', 'bad', 'fail', 'd'], {
		onError: 'continueErrorOutput',
	});
	expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
	expect(errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
	expect(String(errorOutput[1].json.error)).toContain('could not echo item 2');
	expect(recorder.started.sort()).toEqual([0, 2, 3]);

	const regular = await run(echoOperation(fresh()), ['a', 'fail'], {
		onError: 'continueRegularOutput',
	});
	expect(regular.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(String(regular.output[1].json.error)).toContain('could not echo item 1');
});

test('stop on error: nothing new starts after a failure, and the error lists the items already done', async () => {
	const recorder = fresh();
	const { error } = await run(echoOperation(recorder), ['a', 'b', 'fail', 'd', 'e'], {
		options: { concurrency: 1 },
	});
	expect(error?.message).toContain('could not echo item 2');
	expect(recorder.started).toEqual([0, 1, 2]);
	expect(error?.description).toContain(
		'2 items had already succeeded and must not be sent again: item 0 (conversation c-0), 1 (conversation c-1)',
	);
});

test('options from expressions are clamped: a concurrency of 0 runs one item at a time', async () => {
	const recorder = fresh();
	const { output } = await run(
		echoOperation(recorder, () => 5),
		['a', 'b', 'c'],
		{ options: { concurrency: '={{ 0 }}' } },
	);
	expect(output).toHaveLength(3);
	expect(recorder.maxInFlight).toBe(1);
});

test('a credential problem fails every item before any request', async () => {
	const recorder = fresh();
	const checked: Vendor = {
		...vendor,
		checkCredentials: () => ({ field: 'API Key', reason: 'is empty' }),
	};
	const operation = echoOperation(recorder);
	const node = probeNode(
		vendor.credentialType,
		async (context) => await runOperation(context, checked, [operation]),
		describeOperations([operation]),
	);
	const { errorOutput } = await runNode({
		type: 'runnerProbe',
		nodeType: node,
		parameters: { resource: 'thing', operation: 'echo', name: 'x' },
		credentials,
		items: [{}, {}],
		onError: 'continueErrorOutput',
	});
	expect(errorOutput.map((item) => String(item.json.error))).toEqual([
		'The API Key of the Userdesk Conversations API credential is empty [item 0]',
		'The API Key of the Userdesk Conversations API credential is empty [item 1]',
	]);
	expect(recorder.started).toEqual([]);
});
