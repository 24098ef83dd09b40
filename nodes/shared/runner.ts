import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readFields, operationProperties } from './fields';
import { PathSegmentError } from './paths';
import {
	createSend,
	DEFAULT_TRANSPORT_OPTIONS,
	RateGate,
	type TransportOptions,
} from './transport';
import type { ItemBinary, Operation, Vendor } from './types';

export const DEFAULT_CONCURRENCY = 10;

/** The ranges the Options are clamped to, whatever an expression gives them. */
export const OPTION_RANGES = {
	concurrency: { min: 1, max: 50 },
	maxRateLimitRetries: { min: 0, max: 50 },
	timeoutMs: { min: 1_000, max: 600_000 },
} as const;

/** An option's number, clamped to its range; anything that is not a number gives the default. */
export function clampOption(
	value: unknown,
	range: { min: number; max: number },
	fallback: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) return fallback;
	return Math.min(range.max, Math.max(range.min, Math.round(number)));
}

/** The Resource and Operation selectors, the operations' fields, Simplify and Options, for a node description. */
export function describeOperations(operations: Operation[]): INodeProperties[] {
	const { maxRateLimitRetries, timeoutMs } = DEFAULT_TRANSPORT_OPTIONS;
	const resources = [...new Set(operations.map((operation) => operation.resource))];
	const firstResource = resources[0];
	const resourceProperty: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources
			.map((resource) => ({ name: titleCase(resource), value: resource }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: firstResource,
	};
	const operationSelectors: INodeProperties[] = resources.map((resource) => {
		const ofResource = operations.filter((operation) => operation.resource === resource);
		// n8n lists operations alphabetically; the default stays the resource's first declared one.
		const options = ofResource
			.map((operation) => operation.option)
			.sort((a, b) => a.name.localeCompare(b.name));
		const firstOperation = String(ofResource[0].option.value);
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: firstOperation,
		};
	});
	return [
		resourceProperty,
		...operationSelectors,
		...operations.flatMap(operationProperties),
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description:
				"Whether to return only the most useful fields (IDs, status, links) instead of the vendor's full response",
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Concurrency',
					name: 'concurrency',
					type: 'number',
					typeOptions: {
						minValue: OPTION_RANGES.concurrency.min,
						maxValue: OPTION_RANGES.concurrency.max,
					},
					default: DEFAULT_CONCURRENCY,
					description: `How many items are sent to the vendor at the same time, from ${OPTION_RANGES.concurrency.min} to ${OPTION_RANGES.concurrency.max}. Output order always follows input order.`,
				},
				{
					displayName: 'Max Rate Limit Retries',
					name: 'maxRateLimitRetries',
					type: 'number',
					typeOptions: {
						minValue: OPTION_RANGES.maxRateLimitRetries.min,
						maxValue: OPTION_RANGES.maxRateLimitRetries.max,
					},
					default: maxRateLimitRetries,
					description: `How many times one request waits and tries again when the vendor answers 429 (too many requests), from ${OPTION_RANGES.maxRateLimitRetries.min} to ${OPTION_RANGES.maxRateLimitRetries.max}. Waits follow the Retry-After or X-RateLimit-Reset the vendor sends.`,
				},
				{
					displayName: 'Timeout (Milliseconds)',
					name: 'timeoutMs',
					type: 'number',
					typeOptions: {
						minValue: OPTION_RANGES.timeoutMs.min,
						maxValue: OPTION_RANGES.timeoutMs.max,
					},
					default: timeoutMs,
					description: `How long to wait for the vendor to answer one request, from ${OPTION_RANGES.timeoutMs.min} to ${OPTION_RANGES.timeoutMs.max} milliseconds. A request that creates something is not sent again after a timeout, to avoid duplicates. A request with files gets one more second per MB of files, to send them.`,
				},
			],
		},
	];
}

/**
 * The node's subtitle: the chosen operation's display name and resource ("Create as Agent:
 * Conversation"), as an expression that looks the pair up.
 */
export function operationSubtitle(operations: Operation[]): string {
	const names: Record<string, string> = {};
	for (const operation of operations) {
		names[`${operation.resource}:${String(operation.option.value)}`] =
			`${operation.option.name}: ${titleCase(operation.resource)}`;
	}
	return `={{ ${JSON.stringify(names)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}

function titleCase(name: string): string {
	return name.charAt(0).toUpperCase() + name.slice(1).replace(/([A-Z])/g, ' $1');
}

/** Runs `task` for every index with at most `limit` running at once; stops starting new ones once `stop()` says so. */
async function forEachLimited(
	count: number,
	limit: number,
	task: (index: number) => Promise<void>,
	stop: () => boolean,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count && !stop()) {
			const index = next++;
			await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/**
 * The operation the node is set to. "Custom API Call" (which n8n offers on Resource and on
 * Operation for nodes whose credential can authenticate any request) gets a message saying what to use.
 */
function chosenOperation(
	context: IExecuteFunctions,
	vendor: Vendor,
	operations: Operation[],
): Operation {
	const resource = context.getNodeParameter('resource', 0) as string;
	let operationName: string | undefined;
	try {
		operationName = context.getNodeParameter('operation', 0) as string;
	} catch {
		// No Operation selector is shown for this resource (e.g. "Custom API Call" chosen on Resource).
	}
	const operation = operations.find(
		(candidate) => candidate.resource === resource && candidate.option.value === operationName,
	);
	if (operation) return operation;
	const chosen =
		resource === CUSTOM_API_CALL || operationName === CUSTOM_API_CALL || operationName === undefined
			? 'Custom API Call'
			: `The operation "${operationName}" of "${resource}"`;
	throw new NodeOperationError(context.getNode(), `${chosen} is not supported by this node`, {
		description: `For other ${vendor.label} API calls, use n8n's HTTP Request node with Authentication "Predefined Credential Type" and the ${vendor.credentialName} credential.`,
	});
}

const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** Bytes per chunk when a file is streamed from n8n's binary data store. */
const STREAM_CHUNK_BYTES = 256 * 1024;
/** Base64 characters decoded at a time from inline binary data: a multiple of 4, so each slice decodes alone. */
const BASE64_SLICE_CHARS = 1024 * 1024;

/**
 * Inline binary data (base64 in the item, without a binary data store) decoded a slice at a time.
 * A slice that decodes to fewer bytes than its length promises holds other characters (line
 * breaks): from there on, the rest is decoded as one, as n8n decodes it.
 */
function* inlineChunks(data: string): Generator<Buffer> {
	for (let start = 0; start < data.length; start += BASE64_SLICE_CHARS) {
		const slice = data.slice(start, start + BASE64_SLICE_CHARS);
		const bytes = Buffer.from(slice, 'base64');
		if (bytes.length !== Buffer.byteLength(slice, 'base64')) {
			yield Buffer.from(data.slice(start), 'base64');
			return;
		}
		yield bytes;
	}
}

/** The bytes of inline binary data, counted once per file. */
const inlineSizes = new WeakMap<IBinaryData, number>();
function inlineSize(file: IBinaryData): number {
	let size = inlineSizes.get(file);
	if (size === undefined) {
		size = 0;
		for (const chunk of inlineChunks(file.data)) size += chunk.length;
		inlineSizes.set(file, size);
	}
	return size;
}

/**
 * An input item's binary data through n8n's helpers: sizes from n8n's metadata, bytes streamed
 * from its binary data store (getBinaryStream), so no file is ever held whole in memory.
 */
function itemBinary(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	itemIndex: number,
): ItemBinary {
	return {
		names: () => Object.keys(items[itemIndex]?.binary ?? {}),
		async describe(property) {
			if (!items[itemIndex]?.binary?.[property]) return undefined;
			const file = context.helpers.assertBinaryData(itemIndex, property);
			const size = file.id
				? (await context.helpers.getBinaryMetadata(file.id)).fileSize
				: inlineSize(file);
			return {
				property,
				fileName: file.fileName ?? property,
				mimeType: file.mimeType || 'application/octet-stream',
				size,
			};
		},
		async *stream(property) {
			const file = context.helpers.assertBinaryData(itemIndex, property);
			if (!file.id) {
				yield* inlineChunks(file.data);
				return;
			}
			for await (const chunk of await context.helpers.getBinaryStream(file.id, STREAM_CHUNK_BYTES))
				yield chunk as Buffer;
		},
	};
}

/** One item's checked parameters, or the error that names the field. */
function checkItem(
	context: IExecuteFunctions,
	operation: Operation,
	itemIndex: number,
): IDataObject | NodeOperationError {
	try {
		return readFields(context, operation.fields, itemIndex);
	} catch (error) {
		return error instanceof NodeOperationError
			? error
			: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	// n8n's engine keeps only { error: message } in json and the description on `error`.
	return {
		json: { error: error.message },
		error,
		pairedItem: { item: itemIndex },
	};
}

const MAX_LISTED_ITEMS = 100;

/**
 * Stop on error: n8n keeps no output of a failed node, so the error's description lists the items
 * that already succeeded (with their conversation IDs), which a re-run should skip.
 */
function withDoneItems<E extends Error & { description?: string | null }>(
	failure: E,
	output: INodeExecutionData[][],
	itemCount: number,
): E {
	const done: string[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const results = output[itemIndex];
		if (!results || results.some((one) => one.error)) continue;
		const item = results[0] ?? { json: {} };
		const conversationId = item.json.conversationId ?? item.json.conversation_id;
		const id = conversationId ?? item.json.id;
		if (id === undefined || id === null) done.push(`${itemIndex}`);
		else
			done.push(
				`${itemIndex} (${conversationId !== undefined ? 'conversation' : 'ID'} ${String(id)})`,
			);
	}
	if (done.length === 0) return failure;
	const listed = done.slice(0, MAX_LISTED_ITEMS).join(', ');
	const more = done.length > MAX_LISTED_ITEMS ? ` and ${done.length - MAX_LISTED_ITEMS} more` : '';
	failure.description =
		`${failure.description ?? ''} The run stopped here; ${done.length} item${done.length === 1 ? '' : 's'} had already succeeded and must not be sent again: item ${listed}${more}. Set "On Error" to "Continue (using error output)" to get every item's result.`.trim();
	return failure;
}

/**
 * The one item runner every node delegates to: checks every item's parameters before any request,
 * then runs the operation for the items with bounded concurrency, one output item per input item
 * (same order, with pairedItem; a Search or List gives one per result). With "continue on fail" a failed item becomes an error item and
 * the others go on; without it the node stops at the first failure and starts nothing new.
 */
export async function runOperation(
	context: IExecuteFunctions,
	vendor: Vendor,
	operations: Operation[],
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const operation = chosenOperation(context, vendor, operations);
	const continueOnFail = context.continueOnFail();
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const transportOptions: TransportOptions = {
		...DEFAULT_TRANSPORT_OPTIONS,
		timeoutMs: clampOption(
			options.timeoutMs,
			OPTION_RANGES.timeoutMs,
			DEFAULT_TRANSPORT_OPTIONS.timeoutMs,
		),
		maxRateLimitRetries: clampOption(
			options.maxRateLimitRetries,
			OPTION_RANGES.maxRateLimitRetries,
			DEFAULT_TRANSPORT_OPTIONS.maxRateLimitRetries,
		),
	};
	const concurrency = clampOption(
		options.concurrency,
		OPTION_RANGES.concurrency,
		DEFAULT_CONCURRENCY,
	);

	// per input item: its output items (one, or a list's results), flattened at the end
	const output: INodeExecutionData[][] = new Array(items.length);
	const params: Array<IDataObject | undefined> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const checked = checkItem(context, operation, itemIndex);
		if (checked instanceof NodeOperationError) {
			if (!continueOnFail) throw checked;
			output[itemIndex] = [errorItem(checked, itemIndex)];
		} else {
			params[itemIndex] = checked;
		}
	}

	const credentials = await context.getCredentials(vendor.credentialType);
	const credentialProblem = vendor.checkCredentials?.(credentials);
	if (credentialProblem) {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			if (!params[itemIndex]) continue;
			const error = new NodeOperationError(
				context.getNode(),
				`The ${credentialProblem.field} of the ${vendor.credentialName} credential ${credentialProblem.reason} [item ${itemIndex}]`,
				{
					itemIndex,
					description: `${credentialProblem.fix ?? `Fix the "${credentialProblem.field}" field of the ${vendor.credentialName} credential.`} Nothing was sent.`,
				},
			);
			if (!continueOnFail) throw error;
			output[itemIndex] = [errorItem(error, itemIndex)];
		}
		return [output.flat()];
	}
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const itemParams = params[itemIndex];
		const problem =
			itemParams &&
			(operation.checkWithCredentials?.(itemParams, credentials) ??
				(await operation.checkItem?.(itemParams, itemBinary(context, items, itemIndex))));
		if (!problem) continue;
		const error = new NodeOperationError(
			context.getNode(),
			`${problem.field} ${problem.reason} [item ${itemIndex}]`,
			{
				itemIndex,
				description: `${problem.fix} Nothing was sent for this item.`,
			},
		);
		if (!continueOnFail) throw error;
		output[itemIndex] = [errorItem(error, itemIndex)];
		params[itemIndex] = undefined;
	}
	const gate = new RateGate(context.getExecutionCancelSignal?.(), transportOptions);
	const executionCache = new Map<string, unknown>();
	let failure: Error | undefined;

	await forEachLimited(
		items.length,
		concurrency,
		async (itemIndex) => {
			const itemParams = params[itemIndex];
			if (!itemParams) return;
			try {
				const simplify = context.getNodeParameter('simplify', itemIndex, true) as boolean;
				const send = createSend(context, vendor, credentials, gate, transportOptions, itemIndex);
				const result = await operation.run(
					{
						node: context.getNode(),
						send,
						credentials,
						itemIndex,
						executionCache,
						binary: itemBinary(context, items, itemIndex),
					},
					itemParams,
				);
				output[itemIndex] = (Array.isArray(result) ? result : [result]).map((one) => ({
					json: simplify ? one.simplified : one.raw,
					pairedItem: { item: itemIndex },
				}));
			} catch (caught) {
				const error =
					caught instanceof NodeApiError || caught instanceof NodeOperationError
						? caught
						: caught instanceof PathSegmentError
							? new NodeOperationError(context.getNode(), `${caught.message} [item ${itemIndex}]`, {
									itemIndex,
									description: 'The request with this value in its address was not sent.',
								})
							: new NodeOperationError(context.getNode(), caught as Error, { itemIndex });
				if (continueOnFail) output[itemIndex] = [errorItem(error, itemIndex)];
				else failure ??= error;
			}
		},
		() => failure !== undefined || gate.signal?.aborted === true,
	);
	if (failure) throw withDoneItems(failure, output, items.length);
	return [output.flat()];
}
