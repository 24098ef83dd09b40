import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	createSend,
	DEFAULT_TRANSPORT_OPTIONS,
	RateGate,
	type TransportOptions,
} from './transport';
import type { RequestSpec, Vendor } from './types';

/** A list in the editor should answer while the user waits: shorter timeouts and waits than a run. */
const LIST_LIMITS: Partial<TransportOptions> = {
	timeoutMs: 15_000,
	maxRateLimitRetries: 2,
	maxWaitMs: 10_000,
};

/** The error's message without the item it would name in a run, and the first sentence of how to fix it. */
function oneLine(error: Error & { description?: string | null }): string {
	const message = error.message.replace(/\s*\[item \d+\]$/, '');
	const fix = error.description?.split(/(?<=\.)\s/)[0];
	return fix ? `${message}. ${fix}` : message;
}

/**
 * Sends one request of a "From list" search (or another list the editor asks for) through the
 * shared transport: the credential, 429 waits, no redirects, timeouts. A failure becomes one line
 * the dropdown shows, naming what to fix.
 */
export async function listRequest<T>(
	context: ILoadOptionsFunctions,
	vendor: Vendor,
	request: RequestSpec,
): Promise<T> {
	const node = context.getNode();
	const credentials = await context.getCredentials(vendor.credentialType);
	const problem = vendor.checkCredentials?.(credentials);
	if (problem)
		throw new NodeOperationError(
			node,
			`The ${problem.field} of the ${vendor.credentialName} credential ${problem.reason}. ${problem.fix ?? `Fix the "${problem.field}" field of the credential.`}`,
		);
	const options: TransportOptions = { ...DEFAULT_TRANSPORT_OPTIONS, ...LIST_LIMITS };
	const send = createSend(
		context,
		vendor,
		credentials,
		new RateGate(undefined, options),
		options,
		0,
	);
	try {
		return await send<T>(request);
	} catch (error) {
		throw new NodeOperationError(node, oneLine(error as Error));
	}
}
