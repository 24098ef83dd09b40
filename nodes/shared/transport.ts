import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { ApplicationError, sleep } from 'n8n-workflow';

import { apiError, bodyExcerpt, connectionError, markNotSent } from './errors';
import { encodeMultipart } from './multipart';
import { findTokenFailure } from './tokenFailure';
import type { ApiResponse, RequestSpec, Send, Vendor } from './types';

export interface TransportOptions {
	/** Milliseconds to wait for an answer. */
	timeoutMs: number;
	/** How many times one call may be rate limited (429) and tried again. */
	maxRateLimitRetries: number;
	/** The longest single wait after a 429, in milliseconds. */
	maxWaitMs: number;
	/** The current time in epoch milliseconds. */
	now: () => number;
	/** Waits `ms`; rejects early when `signal` fires. */
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What every run starts from; the tests of the built package swap `now` and `sleep` here for virtual time. */
export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
	timeoutMs: 30_000,
	maxRateLimitRetries: 8,
	maxWaitMs: 60_000,
	now: () => Date.now(),
	sleep: (ms, signal) => sleep(ms, signal),
};

type Clock = Pick<TransportOptions, 'now' | 'sleep'>;

/** Network failures where the request cannot have reached the server: safe to send again. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const IDEMPOTENT_RETRIES = 2;

/** Thrown when n8n cancels the execution during a wait: nothing more is sent. */
export class ExecutionCancelledError extends ApplicationError {
	constructor() {
		super('The execution was cancelled', { level: 'info' });
	}
}

/** Waits `ms`, or until the execution is cancelled (then throws ExecutionCancelledError). */
export async function abortableSleep(
	ms: number,
	signal?: AbortSignal,
	clock: Clock = DEFAULT_TRANSPORT_OPTIONS,
): Promise<void> {
	if (signal?.aborted) throw new ExecutionCancelledError();
	// The clock's sleep (n8n-workflow's by default) ends early, rejecting, when the signal fires.
	const ended = await clock.sleep(ms, signal).then(
		() => true,
		() => false,
	);
	if (!ended || signal?.aborted) throw new ExecutionCancelledError();
}

/**
 * One execution's shared pause: when the vendor rate-limits one call, every call of the execution
 * waits, instead of each one running into the limit on its own.
 */
export class RateGate {
	private openAt = 0;

	/** `signal`: n8n's cancel signal of the execution, every wait ends when it fires. */
	constructor(
		readonly signal?: AbortSignal,
		private readonly clock: Clock = DEFAULT_TRANSPORT_OPTIONS,
	) {}

	private firstCall?: Promise<void>;

	/**
	 * Lets the execution's first call go alone: for credentials that fetch a token in
	 * preAuthentication, the first call fetches (and stores) it, and the others reuse it instead of
	 * each exchanging the refresh token at the same time (a rotating one is spent by the first).
	 */
	async alone<T>(call: () => Promise<T>): Promise<T> {
		if (this.firstCall) {
			await this.firstCall;
			return call();
		}
		let release: () => void = () => undefined;
		this.firstCall = new Promise((resolve) => (release = resolve));
		try {
			return await call();
		} finally {
			release();
		}
	}

	pauseFor(ms: number): void {
		this.openAt = Math.max(this.openAt, this.clock.now() + ms);
	}

	async wait(): Promise<void> {
		if (this.signal?.aborted) throw new ExecutionCancelledError();
		for (
			let remaining = this.openAt - this.clock.now();
			remaining > 0;
			remaining = this.openAt - this.clock.now()
		) {
			await abortableSleep(remaining, this.signal, this.clock);
		}
	}

	sleep(ms: number): Promise<void> {
		return abortableSleep(ms, this.signal, this.clock);
	}
}

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * How long the vendor asks us to wait: Retry-After (seconds or HTTP date), else X-RateLimit-Reset
 * (epoch seconds or milliseconds, or seconds from now), else a backoff of 1 s, 1 s, 2 s, 4 s … (at most 30 s) with a little jitter.
 */
export function rateLimitWaitMs(headers: IDataObject, attempt: number, now = Date.now()): number {
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	const reset = Number(header(headers, 'x-ratelimit-reset'));
	if (Number.isFinite(reset) && reset > 0) {
		// Epoch milliseconds, epoch seconds, or (below 1e9, before 2001) seconds from now.
		if (reset < 1e9) return reset * 1000;
		const resetMs = reset > 1e12 ? reset : reset * 1000;
		return Math.max(0, resetMs - now);
	}
	// Window limiters (Rack::Attack) reopen at the window's end: probe twice a second apart, then back off.
	return Math.min(2 ** Math.max(0, attempt - 2) * 1000, 30_000) + Math.floor(Math.random() * 250);
}

/** When a success says the budget is used up (X-RateLimit-Remaining: 0), the time until it resets. */
function budgetExhaustedWaitMs(headers: IDataObject, now: number): number | undefined {
	if (header(headers, 'x-ratelimit-remaining') !== '0') return undefined;
	const wait = rateLimitWaitMs(
		{ 'x-ratelimit-reset': header(headers, 'x-ratelimit-reset') },
		1,
		now,
	);
	return wait > 0 ? wait : undefined;
}

interface ThrownFailure {
	response?: ApiResponse;
	code?: string;
	message?: string;
	/** The credential's token step failed (preAuthentication): the request itself was never sent. */
	tokenStep?: { retryable: boolean };
}

type Thrown = {
	cause?: unknown;
	code?: string;
	message?: string;
	response?: { status: number; headers?: IDataObject; data?: unknown };
};

/** The error and its causes: n8n wraps failures in NodeApiError with the HTTP client's error as `cause`. */
function causeChain(error: unknown): Thrown[] {
	const chain: Thrown[] = [];
	for (let current = error; typeof current === 'object' && current !== null && chain.length < 5; ) {
		chain.push(current as Thrown);
		current = (current as Thrown).cause;
	}
	return chain;
}

function unwrapThrown(error: unknown): ThrownFailure {
	const chain = causeChain(error);
	const tokenStep = findTokenFailure(chain);
	const cause = (chain[1] ?? chain[0] ?? {}) as Thrown;
	const withResponse = chain.find(
		(link) => link.response && typeof link.response.status === 'number',
	);
	if (withResponse?.response) {
		return {
			tokenStep,
			response: {
				statusCode: withResponse.response.status,
				headers: withResponse.response.headers ?? {},
				body: withResponse.response.data,
			},
		};
	}
	return { tokenStep, code: cause.code ?? chain[0]?.code, message: cause.message };
}

/** The credential could not get its token, so the request itself was never sent: safe to run again. */
function tokenStepError(
	node: INode,
	vendor: Vendor,
	request: RequestSpec,
	itemIndex: number,
	failure: ThrownFailure,
): Error {
	const notSent = `Nothing was sent to ${request.purpose}, so running this item again is safe.`;
	if (!failure.response) {
		return markNotSent(
			connectionError(node, vendor, request, itemIndex, {
				code: failure.code,
				sent: false,
				timedOut: false,
			}),
		);
	}
	const explained = vendor.explainError(failure.response, request);
	const error = apiError(node, vendor, failure.response, request, itemIndex, {
		message: explained.message ?? failure.message,
		description: `${explained.description ?? vendor.unauthorizedHint} ${notSent}`,
	});
	return markNotSent(error);
}

/** A 3xx: the Base URL points at a moved or proxied address; following it could resend the credential elsewhere. */
function redirectError(
	node: INode,
	vendor: Vendor,
	response: ApiResponse,
	request: RequestSpec,
	itemIndex: number,
): Error {
	const location = header(response.headers, 'location');
	let where = '';
	if (location && URL.canParse(location)) where = ` to ${new URL(location).origin}`;
	const field = vendor.baseUrlField ?? 'Base URL';
	return apiError(node, vendor, response, request, itemIndex, {
		message: `the server answered with a redirect${where} instead of an answer`,
		description: `Fix the "${field}" field of the ${vendor.credentialName} credential: it must be the API's own address (https, no redirect). Redirects are not followed, so the request and the credential's keys never go to another address.${request.method === 'GET' ? '' : ' Nothing was created.'}`,
	});
}

function isSuccess(status: number): boolean {
	return status >= 200 && status < 300;
}

/**
 * The one place that sends requests: n8n's httpRequestWithAuthentication (the credential's own
 * authenticate and preAuthentication), a timeout, waits on 429 that honour the vendor's headers,
 * and no blind retry of a call that may have created something.
 */
export function createSend(
	context: IExecuteFunctions,
	vendor: Vendor,
	credentials: ICredentialDataDecryptedObject,
	gate: RateGate,
	options: TransportOptions,
	itemIndex: number,
): Send {
	const baseUrl = vendor.baseUrl(credentials);
	const node = context.getNode();

	const send = async <T>(request: RequestSpec): Promise<T> => {
		const idempotent = request.idempotent ?? request.method === 'GET';
		const spec = { ...request, idempotent };
		let rateLimited = 0;
		let faults = 0;
		let tokenStepRetried = false;
		for (;;) {
			await gate.wait();
			const httpOptions: IHttpRequestOptions = {
				method: request.method,
				url: /^https?:\/\//.test(request.url) ? request.url : `${baseUrl}${request.url}`,
				qs: request.qs,
				headers: { ...(request.headers ?? {}) },
				body: request.body,
				json: !request.form,
				timeout: options.timeoutMs,
				returnFullResponse: true,
				// A redirect would turn a POST into a GET and carry the credential's headers to another origin.
				disableFollowRedirect: true,
				// Every status comes back as a response, except a 401 when the credential renews its
				// token: n8n then runs preAuthentication again and re-sends once.
				ignoreHttpStatusErrors: vendor.renewsTokenOn401 ? { ignore: true, except: [401] } : true,
			};
			if (request.multipart) {
				const { body, contentType } = encodeMultipart(request.multipart);
				httpOptions.body = body;
				httpOptions.headers = { ...httpOptions.headers, 'Content-Type': contentType };
			}
			if (request.form) {
				httpOptions.headers = {
					...httpOptions.headers,
					'Content-Type': 'application/x-www-form-urlencoded',
				};
			}

			let response: ApiResponse;
			try {
				const full = (await context.helpers.httpRequestWithAuthentication.call(
					context,
					vendor.credentialType,
					httpOptions,
				)) as IN8nHttpFullResponse;
				response = { statusCode: full.statusCode, headers: full.headers ?? {}, body: full.body };
			} catch (error) {
				const failure = unwrapThrown(error);
				if (failure.tokenStep) {
					// One more try (n8n reads the credential again, e.g. a refresh token another run rotated).
					const retryable =
						failure.tokenStep.retryable ||
						!failure.response ||
						failure.response.statusCode === 429 ||
						failure.response.statusCode >= 500;
					if (retryable && !tokenStepRetried) {
						tokenStepRetried = true;
						await gate.sleep(500);
						continue;
					}
					throw tokenStepError(node, vendor, spec, itemIndex, failure);
				}
				if (failure.response) {
					response = failure.response;
				} else {
					const code = failure.code;
					const sent = !(code && NOT_SENT_CODES.has(code));
					const timedOut = !!code && TIMEOUT_CODES.has(code);
					if ((!sent || idempotent) && faults < IDEMPOTENT_RETRIES) {
						faults++;
						await gate.sleep(500 * faults);
						continue;
					}
					throw connectionError(node, vendor, spec, itemIndex, { code, sent, timedOut });
				}
			}

			const { statusCode } = response;
			if (statusCode >= 300 && statusCode < 400)
				throw redirectError(node, vendor, response, spec, itemIndex);
			if (statusCode === 429) {
				if (rateLimited < options.maxRateLimitRetries) {
					rateLimited++;
					const wait = Math.min(
						Math.max(
							rateLimitWaitMs(response.headers, rateLimited, options.now()),
							vendor.minRateLimitWaitMs ?? 0,
						),
						options.maxWaitMs,
					);
					gate.pauseFor(wait);
					continue;
				}
				throw apiError(node, vendor, response, spec, itemIndex);
			}
			if (statusCode >= 500 && idempotent && faults < IDEMPOTENT_RETRIES) {
				faults++;
				await gate.sleep(500 * faults);
				continue;
			}
			if (statusCode === 404 && request.notFoundIsEmpty) return undefined as T;
			if (!isSuccess(statusCode)) throw apiError(node, vendor, response, spec, itemIndex);

			if (typeof response.body === 'string' && response.body.trim() !== '') {
				throw apiError(node, vendor, response, spec, itemIndex, {
					message: `the answer was not JSON (${bodyExcerpt(response.body).slice(0, 80)})`,
					description: idempotent
						? `${vendor.label} or a proxy in front of it sent an unexpected page. Check the base URL in the ${vendor.credentialName} credential, or run again later.`
						: `${vendor.label} or a proxy in front of it sent an unexpected page. The request may have been processed, so it was not sent again: check in ${vendor.label} before running this item again.`,
				});
			}
			const failure = vendor.failureInSuccess?.(response, spec);
			if (failure) throw apiError(node, vendor, response, spec, itemIndex, failure);
			const exhausted = budgetExhaustedWaitMs(response.headers, options.now());
			if (exhausted !== undefined) gate.pauseFor(Math.min(exhausted, options.maxWaitMs));
			return response.body as T;
		}
	};
	return vendor.renewsTokenOn401
		? <T>(request: RequestSpec) => gate.alone(() => send<T>(request))
		: send;
}
