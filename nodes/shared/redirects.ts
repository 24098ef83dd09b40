import type { IAuthenticateRuleResponseCode, IDataObject } from 'n8n-workflow';

/**
 * Redirects are never followed: n8n would send the credential's headers and a POST's body (a
 * refresh token, a client secret) to wherever the redirect points. A 3xx is a failure that names
 * the credential field holding the address.
 */

const REDIRECT_STATUSES = [300, 301, 302, 303, 307, 308];

export function isRedirect(status: unknown): boolean {
	return typeof status === 'number' && status >= 300 && status < 400;
}

/** " to https://other.example" when the answer names where it redirects; empty otherwise. */
export function redirectTarget(headers: IDataObject | undefined): string {
	const raw = headers?.location ?? headers?.Location;
	const location = Array.isArray(raw) ? raw[0] : raw;
	if (typeof location !== 'string' || !URL.canParse(location)) return '';
	return ` to ${new URL(location).origin}`;
}

/** What to do about a redirect from the address in `field` of the credential. */
export function redirectFix(field: string, credentialName: string): string {
	return `Fix the "${field}" field of the ${credentialName} credential: it must be the service's own address (https, no redirect). Redirects are not followed, so the request and the credential's keys never go to another address.`;
}

/**
 * The rules of a credential's declarative `test` that turn each redirect status into `message`
 * (its request sets `disableFollowRedirect`, so n8n reports the 3xx instead of following it).
 */
export function redirectTestRules(message: string): IAuthenticateRuleResponseCode[] {
	return REDIRECT_STATUSES.map((value) => ({
		type: 'responseCode',
		properties: { value, message },
	}));
}

/** The redirect a failed request got (n8n's legacy `request` or its httpRequest, possibly wrapped): its status and target. */
export function redirectIn(error: unknown): { status: number; target: string } | undefined {
	for (let current = error, depth = 0; current && depth < 3; depth++) {
		const failure = current as {
			statusCode?: unknown;
			response?: { status?: unknown; headers?: IDataObject };
			cause?: unknown;
		};
		const status = failure.response?.status ?? failure.statusCode;
		if (isRedirect(status))
			return { status: status as number, target: redirectTarget(failure.response?.headers) };
		current = failure.cause;
	}
	return undefined;
}

/** "<who> answered with a redirect to <origin> (HTTP 301) instead of an answer. Fix the …" */
export function redirectMessage(
	who: string,
	redirect: { status: number; target: string },
	field: string,
	credentialName: string,
): string {
	return `${who} answered with a redirect${redirect.target} (HTTP ${redirect.status}) instead of an answer. ${redirectFix(field, credentialName)}`;
}
