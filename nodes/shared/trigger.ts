import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INodeProperties,
	INodePropertyOptions,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asObject } from './objects';
import { tokenAnswerIn, tokenFailureIn } from './tokenFailure';
import type { Vendor } from './types';

/**
 * Pieces every webhook trigger of this package shares: reading the raw body, checking an HMAC
 * signature and a timestamp, answering 400/401 without starting the workflow, and remembering the
 * deliveries already handled so that a retried delivery starts no second execution; also the
 * description parts they have in common (delivery webhook, setup notice, Events, Simplify).
 */

/** Deliveries remembered per node: enough for a vendor's retry window, small in the workflow's static data. */
export const REMEMBERED_DELIVERIES = 100;

/** How old (or how far in the future) a signed timestamp may be. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

/** The request's body exactly as it was received, as the signature was computed over it. */
export async function rawBody(context: IWebhookFunctions): Promise<Buffer | undefined> {
	const request = context.getRequestObject();
	if (!request.rawBody && typeof request.readRawBody === 'function') await request.readRawBody();
	const raw: unknown = request.rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return undefined;
}

/**
 * The body as a JSON object with at least one key: parsed from the raw body, or, when no raw body was
 * kept (an unsigned delivery), n8n's parsed body. Undefined when it is none.
 */
export function nonEmptyJsonBody(
	context: IWebhookFunctions,
	raw: Buffer | undefined,
): IDataObject | undefined {
	const payload = parseJsonObject(raw) ?? (raw ? undefined : asObject(context.getBodyData()));
	return payload && Object.keys(payload).length > 0 ? payload : undefined;
}

/** The body as a JSON object, or undefined when it is not one. */
export function parseJsonObject(raw: Buffer | undefined): IDataObject | undefined {
	if (!raw || raw.length === 0) return undefined;
	try {
		const value: unknown = JSON.parse(raw.toString('utf8'));
		return value !== null && typeof value === 'object' && !Array.isArray(value)
			? (value as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

/** Lowercase hex HMAC of `data` with `secret`. */
export function hmacHex(
	algorithm: 'sha1' | 'sha256',
	secret: string,
	data: Buffer | string,
): string {
	return createHmac(algorithm, secret).update(data).digest('hex');
}

/**
 * Whether `given` is the HMAC of `data` with `secret`, in hex (either case) or in base64 (exact
 * case), as an installation may choose (LivePerson). The two differ in length, so they never mix.
 */
export function sameHmacHexOrBase64(
	algorithm: 'sha1' | 'sha256',
	secret: string,
	data: Buffer | string,
	given: unknown,
): boolean {
	const digest = createHmac(algorithm, secret).update(data).digest();
	const hex = sameSignature(digest.toString('hex'), given);
	const base64 = sameSignature(digest.toString('base64'), given, true);
	return hex || base64;
}

/**
 * Compares two signatures in constant time; false for anything but two equal strings. Hex
 * signatures compare case-insensitively; base64 ones (`exactCase`) must match exactly.
 */
export function sameSignature(expected: string, given: unknown, exactCase = false): boolean {
	if (typeof given !== 'string') return false;
	const fold = (value: string) => (exactCase ? value.trim() : value.trim().toLowerCase());
	const a = Buffer.from(fold(expected), 'utf8');
	const b = Buffer.from(fold(given), 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Compares a shared secret (a token, case-sensitive) in constant time: both are hashed first, so
 * neither the content nor the length of the expected secret shows in the timing.
 */
export function sameSecret(expected: string, given: unknown): boolean {
	if (typeof given !== 'string' || expected === '') return false;
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(expected), digest(given));
}

/** A query parameter's value as one string (the first of repeated parameters). */
export function queryValue(context: IWebhookFunctions, name: string): string | undefined {
	const value = (context.getQueryData() as IDataObject)[name];
	if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
	return typeof value === 'string' ? value : undefined;
}

/** Whether a Unix timestamp (seconds, as text or a number) is within MAX_SIGNATURE_AGE_MS of now. */
export function freshTimestamp(value: unknown, now: number = Date.now()): boolean {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	if (!/^\d{1,12}$/.test(text.trim())) return false;
	return Math.abs(now - Number(text.trim()) * 1000) <= MAX_SIGNATURE_AGE_MS;
}

/**
 * Why a signed event time (milliseconds since the epoch) is refused, or undefined when it is at most
 * `windowMs` old (the vendor's retry window) and at most MAX_SIGNATURE_AGE_MS ahead of now (clocks
 * differ by that much at most, in either direction).
 */
export function ageProblem(
	timeMs: number | undefined,
	windowMs: number,
	now: number = Date.now(),
): 'too old' | 'in the future' | undefined {
	if (timeMs === undefined || !Number.isFinite(timeMs)) return undefined;
	if (now - timeMs > windowMs + MAX_SIGNATURE_AGE_MS) return 'too old';
	if (timeMs - now > MAX_SIGNATURE_AGE_MS) return 'in the future';
	return undefined;
}

/** A header's value as one string (the first of repeated headers). */
export function headerValue(context: IWebhookFunctions, name: string): string | undefined {
	const value = context.getHeaderData()[name.toLowerCase()] as unknown;
	if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
	return typeof value === 'string' ? value : undefined;
}

/** Answers the request with `status` and a short JSON reason, and starts no execution. */
export function refuse(
	context: IWebhookFunctions,
	status: 400 | 401 | 403,
	message: string,
): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(status).json({ code: status, message });
	return { noWebhookResponse: true };
}

/** Answers 200 with `text` as plain text (a verification challenge) and starts no execution. */
export function answerText(context: IWebhookFunctions, text: string): IWebhookResponseData {
	const response = context.getResponseObject();
	response.setHeader('content-type', 'text/plain; charset=utf-8');
	response.status(200).send(text);
	return { noWebhookResponse: true };
}

/** Answers 200 and starts no execution (an event the node does not listen to, a filtered one, a replay). */
export function ignore(reason: string): IWebhookResponseData {
	return { webhookResponse: { received: true, ignored: reason } };
}

/** What a delivery that starts an execution is answered with (200, JSON). */
export const STARTED_ANSWER = { received: true };

/**
 * Starts one execution with one item per entry of `items`, and answers the delivery itself at once
 * with STARTED_ANSWER: left to n8n, a started webhook without `responseData` is answered with the
 * literal text "firstEntryJson".
 */
export function startExecution(
	context: IWebhookFunctions,
	items: IDataObject[],
): IWebhookResponseData {
	context.getResponseObject().status(200).json(STARTED_ANSWER);
	return { workflowData: [context.helpers.returnJsonArray(items)], noWebhookResponse: true };
}

/**
 * The credential `name` for a trigger's own calls (registering its webhook, reading its user),
 * refused before any request with the reason the vendor's `problemOf` finds.
 */
export async function triggerCredentials(
	context: IHookFunctions | IWebhookFunctions,
	name: string,
	problemOf: NonNullable<Vendor['checkCredentials']>,
): Promise<ICredentialDataDecryptedObject> {
	const credentials = await context.getCredentials(name);
	const problem = problemOf(credentials);
	if (problem) {
		throw new NodeOperationError(
			context.getNode(),
			`The credential's ${problem.field} ${problem.reason}`,
			{ description: problem.fix },
		);
	}
	return credentials;
}

/**
 * The HTTP status of a failed request of n8n's helpers (on the error, its response or its cause;
 * a credential's failed token step carries the token service's, see TokenFailure).
 */
export function httpStatusOf(error: unknown): number | undefined {
	const e = asObject(error) as IDataObject & { response?: IDataObject; cause?: IDataObject };
	const tokenStep = tokenAnswerIn([e, e.cause, tokenFailureIn(asObject(e.context).data)]);
	for (const value of [
		tokenStep?.httpStatus,
		e.httpCode,
		asObject(e.response).status,
		asObject(asObject(e.cause).response).status,
		e.status,
	]) {
		const status = Number(value);
		if (Number.isInteger(status) && status >= 100) return status;
	}
	return undefined;
}

/** Whether an HTTP status is a redirect, which the triggers' setup requests never follow. */
export function isRedirect(status: number | undefined): boolean {
	return status !== undefined && status >= 300 && status < 400;
}

/** Why a trigger's setup request stopped at a redirect, and the credential field that fixes it. */
export function redirectHint(vendor: string, field: string): string {
	return `${vendor} answered with a redirect to another address, which the node does not follow: n8n would send the credential along. Set ${field} of the credential to the address ${vendor} answers on directly.`;
}

/** Names the workflow and node, for what a trigger keeps in this process (delivery IDs, cached lookups). */
export function nodeScope(context: IHookFunctions | IWebhookFunctions): string {
	return `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
}

/**
 * Delivery IDs also kept in this process, per workflow and node: n8n saves static data in the
 * background, and a retry that arrives before (or a save that loses a race) must still be known.
 */
const processMemory = new Map<string, string[]>();

function remember(list: string[], entry: string): string[] {
	list.push(entry);
	return list.slice(-REMEMBERED_DELIVERIES);
}

/** Separates the keys of one delivery in its remembered entry (no header value holds a line feed). */
const KEY_SEPARATOR = '\n';

function knows(list: string[], keys: string[]): boolean {
	return list.some((entry) => entry.split(KEY_SEPARATOR).some((key) => keys.includes(key)));
}

/**
 * Remembers deliveries in the node's static data and in this process, the newest last, at most
 * REMEMBERED_DELIVERIES each. `keys` identify one delivery (its ID, and where the ID is not signed
 * also its signature, see signatureKey): it is a replay when any of them was seen before, in either
 * memory, and then nothing is remembered. `scope` names the workflow and node. Empty keys are
 * skipped; a delivery with none is never a replay.
 */
export function seenDelivery(
	staticData: IDataObject,
	scope: string,
	keys: string | undefined | Array<string | undefined>,
): boolean {
	const given = (Array.isArray(keys) ? keys : [keys]).filter(
		(key): key is string => typeof key === 'string' && key !== '',
	);
	if (given.length === 0) return false;
	const stored = Array.isArray(staticData.deliveries)
		? [...(staticData.deliveries as string[])]
		: [];
	const inProcess = processMemory.get(scope) ?? [];
	if (knows(stored, given) || knows(inProcess, given)) return true;
	const entry = given.map((key) => key.split(KEY_SEPARATOR).join(' ')).join(KEY_SEPARATOR);
	staticData.deliveries = remember(stored, entry);
	processMemory.set(scope, remember(inProcess, entry));
	if (processMemory.size > 1000) processMemory.delete(processMemory.keys().next().value as string);
	return false;
}

/** A signature as a replay key (seenDelivery): the same signature in any case or spacing is one key. */
export function signatureKey(signature: string): string {
	return `signature:${signature.trim().toLowerCase()}`;
}

// ------------------------------------------------------------------ node description

/** The endpoint deliveries arrive at: POST to the node's webhook URL, answered as soon as received. */
export function deliveryWebhook(): IWebhookDescription {
	return { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' };
}

/** The notice at the top of a trigger that says how to connect the vendor to it. */
export function setupNotice(text: string): INodeProperties {
	return { displayName: text, name: 'setupNotice', type: 'notice', default: '' };
}

/** The "Events" choice (parameter `events`) of the events that start the workflow; read with chosenEvents. */
export function eventsProperty({
	options,
	default: defaultEvents,
	description,
}: {
	options: INodePropertyOptions[];
	default: string[];
	description: string;
}): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [...defaultEvents],
		options,
		description,
	};
}

/** The node's subtitle on the canvas: the events chosen in eventsProperty. */
export const EVENTS_SUBTITLE = '={{ ($parameter["events"] || []).join(", ") }}';

/** The events chosen in the node, each once, sorted. */
export function chosenEvents(context: IHookFunctions | IWebhookFunctions): string[] {
	const events = context.getNodeParameter('events', []) as string[];
	return [...new Set(events)].sort();
}

/** The "Simplify" switch; `description` names the fields of a simplified item. Read with simplifyWanted. */
export function simplifyProperty(description: string): INodeProperties {
	return { displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true, description };
}

/** Whether the node's Simplify switch is on. */
export function simplifyWanted(context: IWebhookFunctions): boolean {
	return context.getNodeParameter('simplify', true) as boolean;
}

// ------------------------------------------------------------------ simplified items

/** An ID as the vendor sent it (number or text), else null. */
export const idOrNull = (value: unknown) =>
	typeof value === 'number' || typeof value === 'string' ? value : null;

/** Text as the vendor sent it, else null. */
export const textOrNull = (value: unknown) => (typeof value === 'string' ? value : null);
