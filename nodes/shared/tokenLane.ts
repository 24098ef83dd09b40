import type { INode } from 'n8n-workflow';

/** What a request did with the credential, as far as its token is concerned. */
export type LaneOutcome =
	/** The API answered (any status but 401): the token in use works. */
	| 'answered'
	/** The API refused the token (401). */
	| 'unauthorized'
	/** The credential's token step (preAuthentication) failed: nothing was sent. */
	| 'tokenFailure'
	/** The token step's service did not answer within its timeout: nothing was sent. */
	| 'tokenTimeout'
	/** No answer at all (network error, cancelled). */
	| 'none';

/** A request's place in its credential's lane: alone or with the others, and when it entered. */
export interface LanePass {
	alone: boolean;
	generation: number;
}

/**
 * One credential's token renewals in this process (every execution, every item). n8n renews the
 * token inside httpRequestWithAuthentication, with the credential as read at the start of that
 * call; requests renewing at the same moment spend the same refresh token, and a rotating one
 * works only once. So after a 401 or a failed token step, the next request goes alone (and may
 * renew), and the others wait for its outcome, as the first request of the process does.
 */
export class TokenLane {
	/** The next request goes alone: at first, and after a 401 or a token failure. */
	private suspect = true;
	/** Bumped when a request that went alone got an answer: a 401 to a request sent before is stale. */
	private generation = 0;
	private solo?: Promise<void>;
	private endSolo: () => void = () => undefined;
	/** After a token failure: nobody tries the token step before this wait ends. */
	private cooling?: Promise<void>;
	/** Bumped when a token step timed out: the requests that waited for it give up too. */
	private timeouts = 0;

	/**
	 * The next request goes alone: the first of every execution, so that a token expired since the
	 * last run is renewed by one request, on its first 401.
	 */
	renewNext(): void {
		this.suspect = true;
	}

	/**
	 * Waits for the request's turn; the pass must be handed back to `leave`. A request that was
	 * waiting while a token step timed out fails with `timedOut()` instead of trying the token
	 * service again itself: it has already waited that long, and the service does not answer.
	 */
	async enter(
		signal: AbortSignal | undefined,
		cancelled: () => Error,
		timedOut: () => Error = cancelled,
	): Promise<LanePass> {
		const timeoutsBefore = this.timeouts;
		for (;;) {
			const busy = this.solo ?? this.cooling;
			if (busy) {
				if (!(await settledOrCancelled(busy, signal))) throw cancelled();
				if (this.timeouts !== timeoutsBefore) throw timedOut();
				continue;
			}
			if (this.suspect) {
				this.solo = new Promise((resolve) => (this.endSolo = resolve));
				return { alone: true, generation: this.generation };
			}
			return { alone: false, generation: this.generation };
		}
	}

	/**
	 * Hands the pass back with what happened. `cool`: after a token failure, the wait (already
	 * started) before anyone tries the token step again.
	 */
	leave(pass: LanePass, outcome: LaneOutcome, cool?: Promise<void>): void {
		if (outcome === 'answered' && pass.alone) {
			this.suspect = false;
			this.generation++;
		} else if (outcome === 'unauthorized' && pass.generation === this.generation) {
			// A 401 to a request sent after the last renewal: the token in store no longer works.
			this.suspect = true;
		} else if (outcome === 'tokenTimeout') {
			this.suspect = true;
			this.timeouts++;
		} else if (outcome === 'tokenFailure') {
			this.suspect = true;
			if (cool) {
				const cooling = cool.then(
					() => undefined,
					() => undefined,
				);
				this.cooling = cooling;
				void cooling.then(() => {
					if (this.cooling === cooling) this.cooling = undefined;
				});
			}
		}
		if (pass.alone) {
			this.solo = undefined;
			this.endSolo();
		}
	}
}

const lanes = new Map<string, TokenLane>();

/** The lane of the node's credential of `credentialType`, shared by every execution of this process. */
export function tokenLane(credentialType: string, node: INode): TokenLane {
	const details = node.credentials?.[credentialType];
	const key = `${credentialType}:${details?.id ?? details?.name ?? ''}`;
	let lane = lanes.get(key);
	if (!lane) {
		lane = new TokenLane();
		lanes.set(key, lane);
	}
	return lane;
}

/** Awaits `promise`; false as soon as `signal` fires (the execution was cancelled). */
async function settledOrCancelled(promise: Promise<void>, signal?: AbortSignal): Promise<boolean> {
	if (!signal) {
		await promise;
		return true;
	}
	if (signal.aborted) return false;
	let onAbort: () => void = () => undefined;
	const aborted = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([promise, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
	return !signal.aborted;
}
