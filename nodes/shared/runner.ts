import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readFields, operationProperties } from './fields';
import { createSend, DEFAULT_TRANSPORT_OPTIONS, RateGate, type TransportOptions } from './transport';
import type { Operation, Vendor } from './types';

export const DEFAULT_CONCURRENCY = 10;

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
		options: resources.map((resource) => ({ name: titleCase(resource), value: resource })),
		default: firstResource,
	};
	const operationSelectors: INodeProperties[] = resources.map((resource) => {
		const options = operations.filter((operation) => operation.resource === resource).map((operation) => operation.option);
		const firstOperation = String(options[0].value);
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
			description: "Whether to return only the most useful fields (IDs, status, links) instead of the vendor's full response",
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Concurrency',
					name: 'concurrency',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 50 },
					default: DEFAULT_CONCURRENCY,
					description: 'How many items are sent to the vendor at the same time. Output order always follows input order.',
				},
				{
					displayName: 'Max Rate Limit Retries',
					name: 'maxRateLimitRetries',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 50 },
					default: maxRateLimitRetries,
					description: 'How many times one request waits and tries again when the vendor answers 429 (too many requests). Waits follow the Retry-After or X-RateLimit-Reset the vendor sends.',
				},
				{
					displayName: 'Timeout (Ms)',
					name: 'timeoutMs',
					type: 'number',
					typeOptions: { minValue: 1000 },
					default: timeoutMs,
					description: 'How long to wait for the vendor to answer one request, in milliseconds. A request that creates something is not sent again after a timeout, to avoid duplicates.',
				},
			],
		},
	];
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

/** One item's checked parameters, or the error that names the field. */
function checkItem(context: IExecuteFunctions, operation: Operation, itemIndex: number): IDataObject | NodeOperationError {
	try {
		return readFields(context, operation.fields, itemIndex);
	} catch (error) {
		return error instanceof NodeOperationError
			? error
			: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	// n8n's engine keeps only { error: message } in json and the description on `error`.
	return {
		json: { error: error.message },
		error,
		pairedItem: { item: itemIndex },
	};
}

/**
 * The one item runner every node delegates to: checks every item's parameters before any request,
 * then runs the operation for the items with bounded concurrency, one output item per input item
 * (same order, with pairedItem). With "continue on fail" a failed item becomes an error item and
 * the others go on; without it the node stops at the first failure and starts nothing new.
 */
export async function runOperation(
	context: IExecuteFunctions,
	vendor: Vendor,
	operations: Operation[],
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const resource = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operation = operations.find(
		(candidate) => candidate.resource === resource && candidate.option.value === operationName,
	);
	if (!operation) {
		// n8n offers "Custom API Call" on nodes whose credential can authenticate any request.
		throw new NodeOperationError(context.getNode(), `The operation "${operationName}" of "${resource}" is not supported by this node`, {
			description: `For other ${vendor.label} API calls, use n8n's HTTP Request node with Authentication "Predefined Credential Type" and the ${vendor.credentialName} credential.`,
		});
	}
	const continueOnFail = context.continueOnFail();
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const transportOptions: TransportOptions = {
		...DEFAULT_TRANSPORT_OPTIONS,
		...(options.timeoutMs !== undefined ? { timeoutMs: Number(options.timeoutMs) } : {}),
		...(options.maxRateLimitRetries !== undefined ? { maxRateLimitRetries: Number(options.maxRateLimitRetries) } : {}),
	};
	const concurrency = Math.max(1, Number(options.concurrency ?? DEFAULT_CONCURRENCY) || DEFAULT_CONCURRENCY);

	const output: INodeExecutionData[] = new Array(items.length);
	const params: Array<IDataObject | undefined> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const checked = checkItem(context, operation, itemIndex);
		if (checked instanceof NodeOperationError) {
			if (!continueOnFail) throw checked;
			output[itemIndex] = errorItem(checked, itemIndex);
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
			output[itemIndex] = errorItem(error, itemIndex);
		}
		return [output];
	}
	const gate = new RateGate();
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
					{ node: context.getNode(), send, credentials, itemIndex, executionCache },
					itemParams,
				);
				output[itemIndex] = { json: simplify ? result.simplified : result.raw, pairedItem: { item: itemIndex } };
			} catch (caught) {
				const error =
					caught instanceof NodeApiError || caught instanceof NodeOperationError
						? caught
						: new NodeOperationError(context.getNode(), caught as Error, { itemIndex });
				if (continueOnFail) output[itemIndex] = errorItem(error, itemIndex);
				else failure ??= error;
			}
		},
		() => failure !== undefined,
	);
	if (failure) throw failure;
	return [output];
}

