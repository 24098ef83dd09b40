import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { answerShape } from './tokenFailure';
import type { ApiResponse, OperationContext, RequestSpec, Vendor } from './types';

const MAX_BODY_TEXT = 300;

const notSentErrors = new WeakSet<object>();

/** Marks an error whose request certainly never reached the vendor (so sending it again is safe). */
export function markNotSent<E extends object>(error: E): E {
	notSentErrors.add(error);
	return error;
}

/** Whether the error's request certainly never reached the vendor. */
export function wasNotSent(error: unknown): boolean {
	return typeof error === 'object' && error !== null && notSentErrors.has(error);
}

/** The vendor's body as short text, for messages that have nothing better. */
export function bodyExcerpt(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const plain = /<html|<!doctype/i.test(text)
		? 'an HTML page instead of JSON'
		: text.replace(/\s+/g, ' ');
	return plain.length > MAX_BODY_TEXT ? `${plain.slice(0, MAX_BODY_TEXT)}…` : plain;
}

/** The node and item an error is about. */
export type ItemOf = Pick<OperationContext, 'node' | 'itemIndex'>;

/** An error about one item: the message ends in "[item N]", as every message of these nodes does. */
export function itemError(
	context: ItemOf,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(context.node, `${message} [item ${context.itemIndex}]`, {
		itemIndex: context.itemIndex,
		description,
	});
}

/**
 * The error of a step after something was already created, with `note` (what exists, what to do
 * instead) first in its description: running the item again would create it a second time.
 */
export function failedAfterCreation(
	context: ItemOf,
	error: unknown,
	note: string,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.description = `${note} ${error.description ?? ''}`.trim();
		return error;
	}
	return new NodeOperationError(context.node, error as Error, {
		itemIndex: context.itemIndex,
		description: note,
	});
}

function defaultHint(vendor: Vendor, status: number, request: RequestSpec): string {
	if (status === 401) return vendor.unauthorizedHint;
	if (status === 403) {
		return `The ${vendor.credentialName} credential works, but it is not allowed to ${request.purpose}. Check the permissions or plan of the account it belongs to.`;
	}
	if (status === 404) return request.notFound ?? `Check the IDs used to ${request.purpose}.`;
	if (status === 400 || status === 422)
		return 'Check the fields named in the message and the values the item gives them.';
	if (status === 429) {
		return `${vendor.label} kept asking to slow down after several waits. Lower "Concurrency" in the node's options, or run the workflow again later; nothing was created for this item.`;
	}
	if (status >= 500) {
		return request.idempotent || request.method === 'GET'
			? `${vendor.label} had a temporary fault. Run the workflow again later.`
			: `${vendor.label} had a fault while it handled the request. It was not sent again, to avoid a duplicate: check in ${vendor.label} whether it was processed before running this item again.`;
	}
	return `Check the values sent to ${request.purpose}.`;
}

/** A failed HTTP exchange as a NodeApiError: what happened in the message, how to fix it in the description. */
export function apiError(
	node: INode,
	vendor: Vendor,
	response: ApiResponse,
	request: RequestSpec,
	itemIndex: number,
	explained = vendor.explainError(response, request),
): NodeApiError {
	const { statusCode } = response;
	// A token step's answer may hold tokens: only its key names are kept (n8n stores the error).
	const kept = request.tokenStep ? answerShape(response.body) : bodyExcerpt(response.body);
	const reason = explained.message ?? (kept || `HTTP ${statusCode}`);
	const message = `${vendor.label} could not ${request.purpose}: ${reason} (HTTP ${statusCode}) [item ${itemIndex}]`;
	const safeResponse = {
		httpCode: String(statusCode),
		body: kept,
	} as JsonObject;
	return new NodeApiError(node, safeResponse, {
		message,
		description:
			(statusCode === 404 && request.notFound) ||
			explained.description ||
			defaultHint(vendor, statusCode, request),
		httpCode: String(statusCode),
		itemIndex,
	});
}

/** A call that got no HTTP answer: dropped connection, timeout, unreachable host. */
export function connectionError(
	node: INode,
	vendor: Vendor,
	request: RequestSpec,
	itemIndex: number,
	cause: { code?: string; message?: string; sent: boolean; timedOut: boolean },
): NodeApiError {
	const what = cause.timedOut
		? 'got no answer before the timeout'
		: cause.sent
			? 'lost the connection before the answer arrived'
			: 'could not connect';
	const description = cause.sent
		? `The request may have reached ${vendor.label}, so it was not sent again (a second try could create a duplicate). Check in ${vendor.label} whether it was processed before running this item again. Network detail: ${cause.code ?? 'none'}.`
		: `Check the base URL in the ${vendor.credentialName} credential and that ${vendor.label} is reachable from n8n. Network detail: ${cause.code ?? 'none'}.`;
	const error = new NodeApiError(node, { reason: what } as JsonObject, {
		message: `${vendor.label} could not ${request.purpose}: the request ${what} [item ${itemIndex}]`,
		description,
		itemIndex,
	});
	return cause.sent ? error : markNotSent(error);
}
