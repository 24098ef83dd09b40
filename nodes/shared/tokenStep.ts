import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * The limits of a credential's token step (preAuthentication, and the discovery requests it
 * makes): the node's Timeout, at most 30 s, for the whole step, and the execution's cancel signal.
 * n8n calls preAuthentication with nothing of the node, so the transport attaches the limits to
 * the credential data it hands to n8n for the request (`credentialsDecrypted`), which n8n passes
 * on to preAuthentication unchanged. Without them (n8n's own credential test) the step gets 30 s.
 */
export interface TokenStepLimits {
	/** The time the whole step may take. */
	timeoutMs: number;
	/** n8n's cancel signal of the execution ("Stop"). */
	signal?: AbortSignal;
}

export const TOKEN_STEP_MAX_MS = 30_000;

const limitsOf = new WeakMap<object, TokenStepLimits>();

/** The credential data, with the limits its token step must keep. */
export function withTokenStepLimits<T extends ICredentialDataDecryptedObject>(
	credentials: T,
	limits: TokenStepLimits,
): T {
	limitsOf.set(credentials, {
		timeoutMs: Math.min(TOKEN_STEP_MAX_MS, limits.timeoutMs),
		signal: limits.signal,
	});
	return credentials;
}

/**
 * The options of each request of one token step: the time left of the step's timeout, the cancel
 * signal, and no redirect (it would carry the step's secret to another address). Call once per
 * step; each call of the returned function gives the next request's options.
 */
export function tokenStepRequests(
	credentials: ICredentialDataDecryptedObject,
	now: () => number = Date.now,
): () => Pick<IHttpRequestOptions, 'timeout' | 'abortSignal' | 'disableFollowRedirect'> {
	const limits = limitsOf.get(credentials) ?? { timeoutMs: TOKEN_STEP_MAX_MS };
	const deadline = now() + limits.timeoutMs;
	return () => ({
		timeout: Math.max(1, deadline - now()),
		...(limits.signal ? { abortSignal: limits.signal } : {}),
		disableFollowRedirect: true,
	});
}
