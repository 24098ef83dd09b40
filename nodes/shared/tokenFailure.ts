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

/** A token request that got no HTTP answer: n8n's own error, passed on with the flags (one more try may work). */
export function markTokenFailure<E extends object>(
	error: E,
): E & { tokenStep: true; retryable: true } {
	return Object.assign(error, { tokenStep: true as const, retryable: true as const });
}

/** The token failure among an error and its causes, if any. */
export function findTokenFailure(chain: unknown[]): { retryable: boolean } | undefined {
	const failure = chain.find(
		(link) =>
			typeof link === 'object' &&
			link !== null &&
			(link as { tokenStep?: unknown }).tokenStep === true,
	) as { retryable?: unknown } | undefined;
	return failure ? { retryable: failure.retryable === true } : undefined;
}
