import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INode,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { ApplicationError, NodeApiError, sleep } from 'n8n-workflow';

import { apiError, bodyExcerpt, connectionError, markNotSent } from './errors';
import { MultipartBody } from './multipart';
import { redirectFix, redirectTarget } from './redirects';
import {
	findTokenFailure,
	tokenAnswerIn,
	tokenFailureIn,
	type TokenStepFailure,
} from './tokenFailure';
import { tokenLane, type LaneOutcome } from './tokenLane';
import { TOKEN_STEP_MAX_MS, withTokenStepLimits } from './tokenStep';
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
	/** A number from 0 to 1 (Math.random by default), for the jitter of token retries. */
	random?: () => number;
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
/**
 * Tries after a token step that failed without sending anything (a refresh token another run or
 * worker spent, a busy token service), each reading the credential again: jittered waits of 0.3 to
 * 2 s, at most about 8 s in all.
 */
const TOKEN_RETRIES = 5;
/**
 * Files are sent within the request's timeout, which n8n's HTTP client counts from the start: a
 * body with files gets one second per MB on top of the Timeout (several items share one uplink).
 */
const UPLOAD_BYTES_PER_SECOND = 1024 * 1024;
/** Tries again after a 401 that the credential's lane renews (the request was refused, not processed). */
const UNAUTHORIZED_RETRIES = 3;

/** The wait before token retry `attempt` (1-based): from 0.3 s up to 0.6, 1.2, then 2 s. */
export function tokenRetryDelayMs(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(2000, 600 * 2 ** (attempt - 1));
	return Math.round(300 + random() * (ceiling - 300));
}

/**
 * Whether this n8n reads `ignoreHttpStatusErrors: { ignore: true, except: [401] }` as "ignore every
 * status" (n8n 1.x and 2.0: no `except`), learnt from the first 401 it hands back as an answer.
 * A 401 must be thrown for n8n to renew the token, so such an n8n gets `false` instead.
 */
let exceptIgnored = false;

/** Runs whose token step failed for good: their other requests try it once, without waits. */
const tokenGivenUp = new WeakSet<RateGate>();
/**
 * How many times a run's token step timed out. A timed-out step is not tried again by the request
 * that waited for it (that would double the wait): the run's next request tries it once more, and
 * after a second timeout the run's requests fail without sending anything.
 */
const tokenTimeouts = new WeakMap<RateGate, number>();
const TOKEN_TIMEOUTS_PER_RUN = 2;
/** Runs whose first call has started: it went alone in its credential's lane. */
const lanesOpened = new WeakSet<RateGate>();

/** Thrown when n8n cancels the execution during a wait: nothing more is sent. */
export class ExecutionCancelledError extends ApplicationError {
	constructor() {
		super('The execution was cancelled', { level: 'info' });
	}
}

/** Settles with `promise`, or resolves as soon as `signal` fires (callers check `signal.aborted`). */
async function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T | undefined> {
	if (!signal) return promise;
	let onAbort: () => void = () => undefined;
	const aborted = new Promise<undefined>((resolve) => {
		onAbort = () => resolve(undefined);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([promise, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/** Waits `ms`, or until the execution is cancelled (then throws ExecutionCancelledError). */
export async function abortableSleep(
	ms: number,
	signal?: AbortSignal,
	clock: Clock = DEFAULT_TRANSPORT_OPTIONS,
): Promise<void> {
	if (signal?.aborted) throw new ExecutionCancelledError();
	// n8n-workflow's sleep ends early, rejecting, when the signal fires; n8n 1.x's takes no signal
	// and waits on, so the wait also ends at the signal itself.
	const ended = await untilAborted(clock.sleep(ms, signal), signal).then(
		() => true,
		() => false,
	);
	if (!ended || signal?.aborted) throw new ExecutionCancelledError();
}

/** When the vendor's limit reopens: at some moment from `fromMs` to `toMs` (epoch milliseconds). */
export interface ResetWindow {
	fromMs: number;
	toMs: number;
	/** The moment the header states. */
	statedMs: number;
}

/** What the gate hands to a request it lets go: a probe is the one request sent while the limit may still be closed. */
export interface GateTicket {
	probe: boolean;
	sentAt: number;
}

interface Pause {
	/** When this stretch of waiting began. */
	since: number;
	/** No request before this. */
	from: number;
	/** From here on everyone goes; undefined: only a successful probe opens the gate (no reset was given). */
	until?: number;
	/** Time between probes while the reset is not known exactly. */
	probeEveryMs: number;
	/** The reset the vendor stated: probes before it are checks, not retries. */
	stated: number;
	/** A probe after the stated reset has already counted as a retry. */
	countedAfterStated: boolean;
}

/** Between probes for a reset given in whole seconds: about ten in the uncertain second. */
const PROBE_EVERY_MS = 100;

/**
 * Without a reset header, the window lengths limiters commonly use: a probe goes right after each
 * moment one of them could end, counted from the window's first request, and for whole minutes
 * also on the clock (Rack::Attack's windows are clock-aligned).
 */
const COMMON_WINDOWS_MS = [10, 15, 30, 60, 300, 600, 900, 1800, 3600].map((s) => s * 1000);
const MINUTE_MS = 60_000;
/** Probes after such a moment: the vendor's clock, and when it counts a request, differ a little. */
const AFTER_LIKELY_RESET_MS = [0, 100, 250];

/**
 * One execution's pacing against the vendor's rate limit. When the vendor answers 429, or a
 * success says the budget is used up (X-RateLimit-Remaining: 0), every call of the execution waits
 * for the window's reset instead of running into the limit on its own. A reset given in whole
 * seconds is only known to the second: from the earliest moment it can have passed, one request at
 * a time (the probe) checks, and when a probe gets through, every waiting call goes at once. Without
 * any reset header, probes are spaced by a fortieth of the window's age seen so far (1 to 30 s).
 */
export class RateGate {
	private pause?: Pause;
	private nextProbeAt = 0;
	private probeInFlight?: Promise<void>;
	private endProbe: () => void = () => undefined;
	/** When the current window was seen to open (the first request, or a probe that got through). */
	private openedAt: number;
	private sentAny = false;
	private readonly maxWaitMs: number;
	private firstCall?: Promise<void>;

	/** `signal`: n8n's cancel signal of the execution, every wait ends when it fires. */
	constructor(
		readonly signal?: AbortSignal,
		private readonly clock: Clock &
			Partial<Pick<TransportOptions, 'maxWaitMs'>> = DEFAULT_TRANSPORT_OPTIONS,
	) {
		this.openedAt = clock.now();
		this.maxWaitMs = clock.maxWaitMs ?? DEFAULT_TRANSPORT_OPTIONS.maxWaitMs;
	}

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

	/** Closes the gate for exactly `ms`; everyone goes when it ends. */
	pauseFor(ms: number): void {
		const until = this.clock.now() + ms;
		this.closeUntil({ fromMs: until, toMs: until, statedMs: until }, 0);
	}

	/** Waits until a request may be sent; the ticket must be handed back to `answered`. */
	async wait(): Promise<GateTicket> {
		for (;;) {
			if (this.signal?.aborted) throw new ExecutionCancelledError();
			const now = this.clock.now();
			const pause = this.pause;
			if (!pause) {
				if (!this.sentAny) this.openedAt = now;
				this.sentAny = true;
				return { probe: false, sentAt: now };
			}
			if (pause.until !== undefined && now >= pause.until) {
				this.pause = undefined;
				this.openedAt = now;
				return { probe: false, sentAt: now };
			}
			if (now < pause.from) {
				await this.sleep(pause.from - now);
			} else if (this.probeInFlight) {
				await this.whileNotCancelled(this.probeInFlight);
			} else if (now < this.nextProbeAt) {
				await this.sleep(Math.min(this.nextProbeAt, pause.until ?? Infinity) - now);
			} else {
				this.probeInFlight = new Promise((resolve) => (this.endProbe = resolve));
				return { probe: true, sentAt: now };
			}
		}
	}

	/**
	 * What came back for a request sent with `ticket` (undefined: no answer from the vendor's API).
	 * Returns whether a 429 counts against the call's retries: a probe that finds the limit still
	 * closed, at the reset already known, does not.
	 */
	answered(
		ticket: GateTicket,
		response?: Pick<ApiResponse, 'statusCode' | 'headers'>,
		minWaitMs = 0,
	): boolean {
		if (ticket.probe) {
			this.probeInFlight = undefined;
			this.endProbe();
		}
		if (!response) return false;
		const now = this.clock.now();
		// An answer to a request sent before the window last opened says nothing about the new window.
		const stale = ticket.sentAt < this.openedAt;
		if (response.statusCode !== 429) {
			if (ticket.probe) {
				this.pause = undefined;
				this.openedAt = ticket.sentAt;
			}
			if (!stale && header(response.headers, 'x-ratelimit-remaining') === '0') {
				const reset = rateLimitReset(
					{ 'x-ratelimit-reset': header(response.headers, 'x-ratelimit-reset') },
					now,
				);
				if (reset) this.closeUntil(reset, 0);
			}
			return false;
		}
		if (stale) return true;
		const before = this.pause && { ...this.pause };
		const reset = rateLimitReset(response.headers, now);
		const pause = this.closeUntil(reset, minWaitMs);
		if (!ticket.probe || !before) return true;
		this.nextProbeAt = Math.max(
			pause.from,
			reset ? now + pause.probeEveryMs : this.nextProbeWithoutReset(now, minWaitMs, ticket.sentAt),
		);
		// Without any reset header, probes are checks for maxWaitMs.
		if (!reset) return now - before.since >= this.maxWaitMs;
		// A later reset than the one known: the limit was spent again.
		if (pause.from >= (before.until ?? Infinity)) return true;
		// Before the stated reset a probe is a check; after it, the first one counts (the reset was rounded down).
		if (ticket.sentAt < before.stated || before.countedAfterStated) return false;
		pause.countedAfterStated = true;
		return true;
	}

	private closeUntil(reset: ResetWindow | undefined, minWaitMs: number): Pause {
		const now = this.clock.now();
		let from: number;
		let until: number | undefined;
		let probeEveryMs: number;
		let stated = now;
		if (reset) {
			stated = reset.statedMs;
			from = Math.max(reset.fromMs, now + minWaitMs);
			until = Math.max(reset.toMs, from);
			// A reset already past (rounded down, or clocks apart): check for a second before everyone goes.
			if (until <= now) until = now + 1000;
			probeEveryMs = Math.max(10, Math.min(PROBE_EVERY_MS, (until - from) / 10));
		} else {
			probeEveryMs = this.probeEveryWithoutResetMs(now);
			from = this.nextProbeWithoutReset(now, minWaitMs);
		}
		from = Math.min(from, now + this.maxWaitMs);
		// The uncertainty of a reset is at most the rounding of whole seconds either way.
		if (until !== undefined) until = Math.min(until, from + 2000);
		const pause = this.pause;
		if (!pause) {
			this.pause = { since: now, from, until, probeEveryMs, stated, countedAfterStated: false };
			this.nextProbeAt = from;
			return this.pause;
		}
		pause.from = Math.max(pause.from, from);
		pause.until =
			pause.until === undefined || until === undefined ? undefined : Math.max(pause.until, until);
		pause.probeEveryMs = probeEveryMs;
		if (stated > pause.stated) {
			pause.stated = stated;
			pause.countedAfterStated = false;
		}
		this.nextProbeAt = Math.max(this.nextProbeAt, pause.from);
		return pause;
	}

	/** Without a reset: a fortieth of the window's age seen so far, 1 to 30 s. */
	private probeEveryWithoutResetMs(now: number): number {
		return Math.min(30_000, Math.max(1000, (now - this.openedAt) / 40));
	}

	/**
	 * The next probe when the vendor gave no reset: probeEveryWithoutResetMs from now, or right after
	 * a common window length could end, whichever comes first.
	 */
	private nextProbeWithoutReset(now: number, minWaitMs: number, lastSentAt = now): number {
		// At most 20 probes a second, counted from when the last one went.
		const earliest = Math.max(now, lastSentAt + 50, now + minWaitMs);
		let next = now + Math.max(minWaitMs, this.probeEveryWithoutResetMs(now));
		for (const windowMs of COMMON_WINDOWS_MS) {
			const onTheClock = Math.floor(now / windowMs) * windowMs;
			const ends =
				windowMs % MINUTE_MS === 0
					? [this.openedAt + windowMs, onTheClock, onTheClock + windowMs]
					: [this.openedAt + windowMs];
			for (const end of ends)
				for (const after of AFTER_LIKELY_RESET_MS) {
					const at = end + after;
					if (at >= earliest && at < next) next = at;
				}
		}
		return next;
	}

	sleep(ms: number): Promise<void> {
		return abortableSleep(ms, this.signal, this.clock);
	}

	/** Awaits `promise`, or throws ExecutionCancelledError as soon as the execution is cancelled. */
	private async whileNotCancelled(promise: Promise<void>): Promise<void> {
		await untilAborted(promise, this.signal);
		if (this.signal?.aborted) throw new ExecutionCancelledError();
	}
}

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * When the vendor says its limit reopens. Retry-After (seconds, or an HTTP date): not before then,
 * and within a second (whole seconds are rounded). X-RateLimit-Reset (epoch seconds or
 * milliseconds, or seconds from now below 1e9): whole seconds may be rounded either way, so from a
 * second before to a second after. Undefined when the answer gives no reset.
 */
export function rateLimitReset(headers: IDataObject, now: number): ResetWindow | undefined {
	const retryAfter = header(headers, 'retry-after')?.trim();
	if (retryAfter) {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) {
			const at = now + Math.max(0, seconds) * 1000;
			return { fromMs: at, toMs: Number.isInteger(seconds) ? at + 1000 : at, statedMs: at };
		}
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return { fromMs: date, toMs: date + 1000, statedMs: date };
	}
	const reset = Number(header(headers, 'x-ratelimit-reset'));
	if (!Number.isFinite(reset) || reset <= 0) return undefined;
	if (reset > 1e12) return { fromMs: reset, toMs: reset, statedMs: reset };
	// Below 1e9 (before 2001 as a date) it is seconds from now.
	const at = reset < 1e9 ? now + reset * 1000 : reset * 1000;
	return Number.isInteger(reset)
		? { fromMs: at - 1000, toMs: at + 1000, statedMs: at }
		: { fromMs: at, toMs: at, statedMs: at };
}

interface ThrownFailure {
	response?: ApiResponse;
	code?: string;
	message?: string;
	/** The credential's token step failed (preAuthentication): the request itself was never sent. */
	tokenStep?: TokenStepFailure;
}

type Thrown = {
	cause?: unknown;
	code?: string;
	message?: string;
	response?: { status: number; headers?: IDataObject; data?: unknown };
	httpCode?: unknown;
	context?: { data?: unknown };
};

/**
 * What n8n 1.x and 2.0 keep of the HTTP client's error in a NodeApiError, whose `cause` they drop
 * (a class field resets it): the status or network code (`httpCode`) and an object body
 * (`context.data`, the very object, so a token step's TokenFailure is found through it). Headers
 * and text bodies are lost there. Undefined when the error keeps its cause (n8n 2.x) or is not n8n's.
 */
export function keptOfDroppedCause(error: Thrown): Thrown | undefined {
	if (error.cause !== undefined || error.httpCode === undefined || !error.context) return undefined;
	const data = error.context.data;
	const failure = tokenFailureIn(data);
	if (failure) return failure as unknown as Thrown;
	const httpCode = String(error.httpCode ?? '');
	if (/^\d{3}$/.test(httpCode))
		return { response: { status: Number(httpCode), headers: {}, data } };
	if (/^E[A-Z_]+$/.test(httpCode)) return { code: httpCode };
	return undefined;
}

/** The error and its causes: n8n wraps failures in NodeApiError with the HTTP client's error as `cause`. */
function causeChain(error: unknown): Thrown[] {
	const chain: Thrown[] = [];
	for (let current = error; typeof current === 'object' && current !== null && chain.length < 5; ) {
		chain.push(current as Thrown);
		current = (current as Thrown).cause ?? keptOfDroppedCause(current as Thrown);
	}
	return chain;
}

function unwrapThrown(error: unknown): ThrownFailure {
	const chain = causeChain(error);
	const tokenStep = findTokenFailure(chain);
	const failure = tokenAnswerIn(chain);
	if (failure) {
		return {
			tokenStep,
			response: {
				statusCode: failure.httpStatus,
				headers: failure.response.headers,
				body: failure.response.data,
			},
		};
	}
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
	if (failure.tokenStep?.timedOut) return tokenTimeoutError(node, vendor, request, itemIndex);
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
	// The body is the credential's own account of the failure (the vendor's answer by key names only).
	const carried = { ...request, tokenStep: false };
	const error = apiError(node, vendor, failure.response, carried, itemIndex, {
		message: explained.message ?? failure.message,
		description: `${explained.description ?? vendor.unauthorizedHint} ${notSent}`,
	});
	return markNotSent(error);
}

/** The credential's token service did not answer within the node's Timeout (at most 30 s). */
function tokenTimeoutError(
	node: INode,
	vendor: Vendor,
	request: RequestSpec,
	itemIndex: number,
): Error {
	return markNotSent(
		new NodeApiError(node, { reason: 'token step timed out' } as JsonObject, {
			message: `${vendor.label} could not ${request.purpose}: the ${vendor.credentialName} credential got no token, its token service did not answer in time [item ${itemIndex}]`,
			description: `${vendor.label}'s token service did not answer within the node's Timeout (at most ${TOKEN_STEP_MAX_MS / 1000} s for the token), and it was tried at most once more in this run. Nothing was sent to ${request.purpose}, so running this item again is safe: run the workflow again later, or raise "Timeout" in the node's options.`,
			itemIndex,
		}),
	);
}

/** A 3xx: the Base URL points at a moved or proxied address; following it could resend the credential elsewhere. */
function redirectError(
	node: INode,
	vendor: Vendor,
	response: ApiResponse,
	request: RequestSpec,
	itemIndex: number,
): Error {
	const fix = redirectFix(vendor.baseUrlField ?? 'Base URL', vendor.credentialName);
	return apiError(node, vendor, response, request, itemIndex, {
		message: `the server answered with a redirect${redirectTarget(response.headers)} instead of an answer`,
		description: `${fix}${request.method === 'GET' ? '' : ' Nothing was created.'}`,
	});
}

function isSuccess(status: number): boolean {
	return status >= 200 && status < 300;
}

/** Where requests are sent from: a node's execution, or a list the editor asks for. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * The credential as n8n would read it for this request, with the limits of its token step (the
 * node's Timeout, the execution's Stop), handed to n8n as `credentialsDecrypted`: n8n passes that
 * object on to the credential's preAuthentication (see tokenStep.ts).
 */
async function withLimits(
	context: RequestContext,
	vendor: Vendor,
	options: TransportOptions,
	gate: RateGate,
	itemIndex: number,
): Promise<ICredentialsDecrypted> {
	const details = context.getNode().credentials?.[vendor.credentialType];
	const data = await context.getCredentials(vendor.credentialType, itemIndex);
	return {
		id: details?.id ?? '',
		name: details?.name ?? vendor.credentialName,
		type: vendor.credentialType,
		data: withTokenStepLimits({ ...data }, { timeoutMs: options.timeoutMs, signal: gate.signal }),
	};
}

/**
 * The one place that sends requests: n8n's httpRequestWithAuthentication (the credential's own
 * authenticate and preAuthentication), a timeout, waits on 429 that honour the vendor's headers,
 * and no blind retry of a call that may have created something.
 */
export function createSend(
	context: RequestContext,
	vendor: Vendor,
	credentials: ICredentialDataDecryptedObject,
	gate: RateGate,
	options: TransportOptions,
	itemIndex: number,
): Send {
	const baseUrl = vendor.baseUrl(credentials);
	const node = context.getNode();
	const lane = vendor.renewsTokenOn401 ? tokenLane(vendor.credentialType, node) : undefined;

	const send = async <T>(request: RequestSpec): Promise<T> => {
		const idempotent = request.idempotent ?? request.method === 'GET';
		const spec = { ...request, idempotent };
		// Built once: every attempt sends the same body, its files streamed again from the start.
		const multipart = request.multipart && new MultipartBody(request.multipart);
		const timeout =
			options.timeoutMs +
			(multipart ? Math.ceil((multipart.size / UPLOAD_BYTES_PER_SECOND) * 1000) : 0);
		let rateLimited = 0;
		let faults = 0;
		let tokenRetries = 0;
		let unauthorizedRetries = 0;
		const timedOut = () => tokenTimeoutError(node, vendor, spec, itemIndex);
		for (;;) {
			if (lane && (tokenTimeouts.get(gate) ?? 0) >= TOKEN_TIMEOUTS_PER_RUN) throw timedOut();
			// Token credentials: after a 401 or a token failure one request goes alone (see TokenLane).
			const pass = await lane?.enter(gate.signal, () => new ExecutionCancelledError(), timedOut);
			let ticket: GateTicket | undefined;
			let credentialsDecrypted: ICredentialsDecrypted | undefined;
			try {
				if (lane)
					credentialsDecrypted = await withLimits(context, vendor, options, gate, itemIndex);
				ticket = await gate.wait();
			} finally {
				if (!ticket && pass) lane?.leave(pass, 'none');
			}
			// Every status comes back as a response, except a 401 to the request that goes alone in
			// its credential's lane: n8n then runs preAuthentication again and re-sends once.
			const statusErrors = (alone: boolean): IHttpRequestOptions['ignoreHttpStatusErrors'] =>
				!alone ? true : exceptIgnored ? false : { ignore: true, except: [401] };
			const httpOptions: IHttpRequestOptions = {
				method: request.method,
				url: /^https?:\/\//.test(request.url) ? request.url : `${baseUrl}${request.url}`,
				qs: request.qs,
				headers: { ...(request.headers ?? {}) },
				body: request.body,
				json: !request.form,
				timeout: request.tokenStep ? Math.min(timeout, TOKEN_STEP_MAX_MS) : timeout,
				returnFullResponse: true,
				// A redirect would turn a POST into a GET and carry the credential's headers to another origin.
				disableFollowRedirect: true,
				ignoreHttpStatusErrors: statusErrors(pass?.alone === true),
			};
			if (multipart) {
				httpOptions.body = multipart;
				httpOptions.headers = { ...httpOptions.headers, 'Content-Type': multipart.type };
			}
			if (request.form) {
				httpOptions.headers = {
					...httpOptions.headers,
					'Content-Type': 'application/x-www-form-urlencoded',
				};
			}

			let answer: ApiResponse | undefined;
			let thrown: ThrownFailure | undefined;
			const call = async () => {
				answer = undefined;
				thrown = undefined;
				try {
					const full = (await context.helpers.httpRequestWithAuthentication.call(
						context,
						vendor.credentialType,
						httpOptions,
						credentialsDecrypted && { credentialsDecrypted },
					)) as IN8nHttpFullResponse;
					answer = { statusCode: full.statusCode, headers: full.headers ?? {}, body: full.body };
				} catch (error) {
					thrown = unwrapThrown(error);
					// A failed token step is the token URL's answer, not the API's.
					if (!thrown.tokenStep) answer = thrown.response;
				}
			};
			try {
				await call();
				if (pass?.alone && !exceptIgnored && !thrown && answer?.statusCode === 401) {
					// n8n handed the 401 back instead of renewing: it has no `except`. The 401 was a
					// refusal (nothing processed), so the request goes again with statuses thrown.
					exceptIgnored = true;
					httpOptions.ignoreHttpStatusErrors = statusErrors(true);
					await call();
				}
			} finally {
				// Always handed back: a probe that ends without an answer lets the next waiting call probe.
				if (!answer) gate.answered(ticket);
			}
			const countsAsRetry = answer
				? gate.answered(ticket, answer, vendor.minRateLimitWaitMs)
				: false;

			let outcome: LaneOutcome = 'none';
			if (thrown?.tokenStep) outcome = thrown.tokenStep.timedOut ? 'tokenTimeout' : 'tokenFailure';
			else if (answer?.statusCode === 401) outcome = 'unauthorized';
			else if (answer) outcome = 'answered';

			if (thrown?.tokenStep && gate.signal?.aborted) {
				if (pass) lane?.leave(pass, 'none');
				throw new ExecutionCancelledError();
			}
			if (thrown?.tokenStep?.timedOut) {
				// Not tried again by this request (it has waited the whole Timeout): see tokenTimeouts.
				tokenTimeouts.set(gate, (tokenTimeouts.get(gate) ?? 0) + 1);
				if (pass) lane?.leave(pass, outcome);
				throw timedOut();
			}
			if (thrown?.tokenStep) {
				// Nothing was sent: try again, reading the credential again (n8n does on every call), e.g.
				// for a refresh token that another run or worker rotated and stored meanwhile.
				const retryable =
					thrown.tokenStep.retryable ||
					!thrown.response ||
					thrown.response.statusCode === 429 ||
					thrown.response.statusCode >= 500;
				const again = retryable && tokenRetries < TOKEN_RETRIES && !tokenGivenUp.has(gate);
				const wait = again
					? gate.sleep(tokenRetryDelayMs(tokenRetries + 1, options.random))
					: undefined;
				if (pass) lane?.leave(pass, outcome, wait);
				if (again && wait) {
					tokenRetries++;
					// The lane holds everyone else back for the same wait.
					await wait.catch(() => undefined);
					continue;
				}
				if (retryable) tokenGivenUp.add(gate);
				throw tokenStepError(node, vendor, spec, itemIndex, thrown);
			}
			if (pass) lane?.leave(pass, outcome);
			// A 401 to a request sent with the others: refused, so not processed; the lane lets one
			// request renew the token, then this one goes again.
			if (outcome === 'unauthorized' && pass && !pass.alone) {
				if (unauthorizedRetries < UNAUTHORIZED_RETRIES) {
					unauthorizedRetries++;
					continue;
				}
			}
			if (!answer) {
				const code = thrown?.code;
				const sent = !(code && NOT_SENT_CODES.has(code));
				const noAnswerInTime = !!code && TIMEOUT_CODES.has(code);
				// A token or discovery request that timed out is tried at most once more.
				const retries = request.tokenStep && noAnswerInTime ? 1 : IDEMPOTENT_RETRIES;
				if ((!sent || idempotent) && faults < retries) {
					faults++;
					await gate.sleep(500 * faults);
					continue;
				}
				throw connectionError(node, vendor, spec, itemIndex, {
					code,
					sent,
					timedOut: noAnswerInTime,
				});
			}
			const response: ApiResponse = answer;

			const { statusCode } = response;
			if (statusCode >= 300 && statusCode < 400)
				throw redirectError(node, vendor, response, spec, itemIndex);
			if (statusCode === 429) {
				// The gate now waits for the reset; a probe finding the limit still closed is no retry.
				if (countsAsRetry) rateLimited++;
				if (rateLimited <= options.maxRateLimitRetries) continue;
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
			return response.body as T;
		}
	};
	if (!lane) return send;
	return <T>(request: RequestSpec) =>
		gate.alone(() => {
			if (!lanesOpened.has(gate)) {
				lanesOpened.add(gate);
				lane.renewNext();
			}
			return send<T>(request);
		});
}
