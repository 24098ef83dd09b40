import type { IDataObject } from 'n8n-workflow';

/** A busy or failing service: worth one more try. */
export function isTransientStatus(status: number | undefined): boolean {
	return status !== undefined && (status === 429 || status >= 500);
}

export interface TokenAnswer {
	status: number;
	headers?: IDataObject;
	/** A body the vendor's error explainer recognises. */
	data: IDataObject;
	/** Whether one more try may work; by default for a 429 or a 5xx. */
	retryable?: boolean;
}

/** Where a TokenFailure's body points back to it (not enumerable: never serialised or shown). */
const FAILURE_OF_BODY = Symbol.for('n8n-nodes-conversations.tokenFailure');

/**
 * A credential's token step (preAuthentication) failed, so nothing of the actual request was sent.
 * preAuthentication cannot name the node or the item, so the failure travels as an HTTP answer
 * (`httpStatus`, `response`) that the transport reports like any other; `tokenStep` and
 * `retryable` tell it that sending again is safe and whether one more try may work.
 *
 * The message names the field to fix, and n8n shows it as it is (the credential's Test button,
 * the error of a node using the credential) as long as n8n finds no HTTP status on the error: given
 * one (`status`, `response.status`), n8n puts its own words for the status in place of the message
 * (always in n8n 1.x and 2.0, whose NodeApiError drops this error; 2.x shows the status text). So
 * the status is `httpStatus`, a name n8n does not look for.
 */
export class TokenFailure extends Error {
	readonly tokenStep = true as const;

	readonly retryable: boolean;

	readonly httpStatus: number;

	readonly response: { headers: IDataObject; data: IDataObject };

	constructor(message: string, answer: TokenAnswer) {
		super(message);
		this.retryable = answer.retryable ?? isTransientStatus(answer.status);
		this.httpStatus = answer.status;
		const data = { ...answer.data };
		// n8n 1.x and 2.0 drop this error from the NodeApiError they wrap it in, but keep its body
		Object.defineProperty(data, FAILURE_OF_BODY, { value: this });
		this.response = { headers: answer.headers ?? {}, data };
	}
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** Whether a request failed because its timeout ran out (n8n's HTTP client, possibly wrapped). */
export function isTimeout(error: unknown): boolean {
	for (let current = error, depth = 0; current && depth < 3; depth++) {
		const failure = current as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof failure.code === 'string' && TIMEOUT_CODES.has(failure.code)) return true;
		if (typeof failure.message === 'string' && /\btimeout\b/i.test(failure.message)) return true;
		current = failure.cause;
	}
	return false;
}

/** The TokenFailure with the token service's answer among an error and its causes, if any. */
export function tokenAnswerIn(chain: unknown[]): TokenFailure | undefined {
	return chain.find(
		(link) =>
			(link as { tokenStep?: unknown } | null)?.tokenStep === true &&
			typeof (link as { httpStatus?: unknown }).httpStatus === 'number',
	) as TokenFailure | undefined;
}

/** The TokenFailure whose body this is (n8n kept only the body), if any. */
export function tokenFailureIn(body: unknown): TokenFailure | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const failure = (body as { [FAILURE_OF_BODY]?: unknown })[FAILURE_OF_BODY];
	return (failure as { tokenStep?: unknown } | undefined)?.tokenStep === true
		? (failure as TokenFailure)
		: undefined;
}

/**
 * A token request that got no HTTP answer: n8n's own error, passed on with the flags (one more
 * try may work; `timedOut` when its timeout ran out, which the transport tries at most once more).
 */
export function markTokenFailure<E extends object>(
	error: E,
): E & { tokenStep: true; retryable: true; timedOut: boolean } {
	return Object.assign(error, {
		tokenStep: true as const,
		retryable: true as const,
		timedOut: isTimeout(error),
	});
}

export interface TokenStepFailure {
	retryable: boolean;
	timedOut: boolean;
}

/** The token failure among an error and its causes, if any. */
export function findTokenFailure(chain: unknown[]): TokenStepFailure | undefined {
	const failure = chain.find(
		(link) =>
			typeof link === 'object' &&
			link !== null &&
			(link as { tokenStep?: unknown }).tokenStep === true,
	) as { retryable?: unknown; timedOut?: unknown } | undefined;
	return failure
		? { retryable: failure.retryable === true, timedOut: failure.timedOut === true }
		: undefined;
}

/**
 * What an answer of a token or discovery step held, by key names only: its values may be tokens
 * or secrets, so none is ever shown or kept in an error.
 */
export function answerShape(data: unknown): string {
	if (data === undefined || data === null || data === '') return 'an empty answer';
	if (typeof data === 'string') {
		const trimmed = data.trim();
		if (/^[[{]/.test(trimmed)) {
			try {
				return answerShape(JSON.parse(trimmed));
			} catch {
				// Not JSON after all: said as text below.
			}
		}
		return /<html|<!doctype/i.test(data) ? 'an HTML page' : 'a text answer';
	}
	if (typeof data !== 'object' || Array.isArray(data))
		return `a JSON ${Array.isArray(data) ? 'list' : typeof data}`;
	const keys = Object.keys(data);
	const named = keys.filter((key) => /^[\w.-]{1,40}$/.test(key)).slice(0, 10);
	if (keys.length === 0) return 'an empty JSON object';
	const more = keys.length > named.length ? `, and ${keys.length - named.length} more` : '';
	return `a JSON object with the keys ${named.join(', ') || '(unreadable names)'}${more}`;
}

/** An OAuth-style error code of an answer ({"error": "invalid_client"}), when it is a plain word. */
export function errorCodeIn(data: unknown): string | undefined {
	let body = data;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return undefined;
		}
	}
	const code = (body as IDataObject | null)?.error;
	return typeof code === 'string' && /^[\w.-]{1,60}$/.test(code) ? code : undefined;
}
