import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { pathSegment } from '../shared/paths';
import { isRedirect, redirectFix, redirectTarget } from '../shared/redirects';
import { answerShape, errorCodeIn, markTokenFailure, TokenFailure } from '../shared/tokenFailure';
import { tokenStepRequests } from '../shared/tokenStep';

/**
 * LivePerson's Connector API has no single base URL: every account lives on its own hosts, which
 * the Domain API names per service. This module holds the URL rules and the AppJWT request that
 * the credential's preAuthentication runs (docs/vendor-apis.md §2.2, §2.4).
 */

export const DEFAULT_DOMAIN_API = 'https://api.liveperson.net';

export type LivePersonService = 'sentinel' | 'idp' | 'asyncMessagingEnt';

/** The credential field that replaces the Domain API lookup of each service. */
export const SERVICE_OVERRIDE_FIELD: Record<LivePersonService, string> = {
	sentinel: 'sentinelUrl',
	idp: 'idpUrl',
	asyncMessagingEnt: 'asyncMessagingEntUrl',
};

/** A Domain API answer is a bare host ("va.msg.liveperson.net"); an override is a full URL. */
export function withScheme(hostOrUrl: string): string {
	const trimmed = hostOrUrl.trim().replace(/\/+$/, '');
	return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

const BARE_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

/** Why a host-or-URL field is unusable, or undefined when it is a bare host or an http(s) URL. */
function hostOrUrlProblem(value: string): string | undefined {
	const trimmed = value.trim().replace(/\/+$/, '');
	if (BARE_HOST.test(trimmed)) return undefined;
	if (
		/^https?:\/\//i.test(trimmed) &&
		URL.canParse(trimmed) &&
		BARE_HOST.test(new URL(trimmed).host)
	)
		return undefined;
	return `is not a host name or an http(s) URL: "${trimmed.slice(0, 80)}"`;
}

/** The credential's account and URLs, checked once per run before anything is sent. */
export function credentialProblem(
	credentials: ICredentialDataDecryptedObject,
): { field: string; reason: string; fix?: string } | undefined {
	const account = accountLabel(credentials);
	if (!/^\d+$/.test(account)) {
		return {
			field: 'Account ID',
			reason: `must be your LivePerson account number, but is "${account.slice(0, 40)}"`,
			fix: "Enter the account (site) ID: digits only, as shown in LivePerson's console.",
		};
	}
	const urls: Array<[string, string]> = [
		['Domain API Host', String(credentials.domainApiHost ?? '')],
		['Sentinel URL (Override)', String(credentials.sentinelUrl ?? '')],
		['IDP URL (Override)', String(credentials.idpUrl ?? '')],
		['Messaging URL (Override)', String(credentials.asyncMessagingEntUrl ?? '')],
	];
	for (const [field, value] of urls) {
		const reason = value.trim() ? hostOrUrlProblem(value) : undefined;
		if (reason) return { field, reason };
	}
	return undefined;
}

export function domainApiUrl(credentials: ICredentialDataDecryptedObject): string {
	const configured = String(credentials.domainApiHost ?? '').trim();
	return withScheme(configured || DEFAULT_DOMAIN_API);
}

export function accountSegment(credentials: ICredentialDataDecryptedObject): string {
	return pathSegment(String(credentials.accountId ?? '').trim(), 'Account ID');
}

export function accountLabel(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.accountId ?? '').trim();
}

/** The override URL of a service, when the credential sets one. */
export function serviceOverride(
	credentials: ICredentialDataDecryptedObject,
	service: LivePersonService,
): string | undefined {
	const value = String(credentials[SERVICE_OVERRIDE_FIELD[service]] ?? '').trim();
	return value ? withScheme(value) : undefined;
}

/** GET this (with ?version=1.0) to learn the host of a service for the credential's account. */
export function domainLookupUrl(
	credentials: ICredentialDataDecryptedObject,
	service: LivePersonService,
): string {
	return `${domainApiUrl(credentials)}/api/account/${accountSegment(credentials)}/service/${service}/baseURI.json`;
}

const DOMAIN_LOOKUP = /\/api\/account\/[^/]+\/service\/[^/]+\/baseURI\.json(\?|$)/;

/** Domain API calls need no token: the credential sends the AppJWT only to the other services. */
export function isDomainLookup(url: string | undefined): boolean {
	return DOMAIN_LOOKUP.test(url ?? '');
}

export function sentinelTokenUrl(
	credentials: ICredentialDataDecryptedObject,
	sentinelBaseUrl: string,
): string {
	return `${sentinelBaseUrl}/sentinel/api/account/${accountSegment(credentials)}/app/token?v=1.0&grant_type=client_credentials`;
}

/**
 * How a failed token step travels: preAuthentication cannot name the node or the item, so it
 * throws an error shaped like an HTTP failure (TokenFailure), whose body the node's error mapper
 * reads (`livePersonAuth`) and whose message n8n's credential test shows.
 */
export interface AuthFailure {
	step: 'domain' | 'sentinel';
	message: string;
	description: string;
	/** What the answer held, by key names only: a Sentinel answer may hold tokens. */
	answer?: string;
}

export function authError(status: number, failure: AuthFailure): TokenFailure {
	return new TokenFailure(`LivePerson: ${failure.message}`, {
		status,
		// The answer's shape before the long description: error excerpts are cut at 300 characters.
		data: {
			livePersonAuth: {
				step: failure.step,
				message: failure.message,
				...(failure.answer ? { answer: failure.answer } : {}),
				description: failure.description,
			},
		},
	});
}

/** A Domain API or Sentinel request; one that got no HTTP answer throws n8n's own error, flagged. */
async function tokenStepRequest(
	helpers: HttpHelpers,
	options: IHttpRequestOptions,
): Promise<IN8nHttpFullResponse> {
	try {
		return (await helpers.httpRequest(options)) as IN8nHttpFullResponse;
	} catch (error) {
		throw markTokenFailure(error as Error);
	}
}

export function isAuthFailureBody(body: unknown): body is { livePersonAuth: AuthFailure } {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as IDataObject).livePersonAuth === 'object'
	);
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** The text a vendor error body carries, if any: OAuth ({error, error_description}), LivePerson ({body: {title, details}}) or plain. */
export function vendorText(body: unknown): string | undefined {
	const parsed = parseBody(body);
	if (typeof parsed === 'string') return parsed.trim() ? parsed.trim().slice(0, 200) : undefined;
	if (typeof parsed !== 'object' || parsed === null) return undefined;
	const object = parsed as IDataObject;
	const inner = (
		typeof object.body === 'object' && object.body !== null ? object.body : {}
	) as IDataObject;
	const parts = [
		object.error_description ??
			object.message ??
			object.msg ??
			inner.details ??
			inner.msg ??
			inner.message,
		object.error ?? inner.title ?? object.title,
	].filter((part) => typeof part === 'string' && part !== '') as string[];
	return parts.length ? [...new Set(parts)].join(' / ') : undefined;
}

const CREDENTIAL_NAME = 'LivePerson Conversations';

/** What an unusable Domain API answer means, for preAuthentication and for the node's own lookups. */
export function domainFailure(
	credentials: ICredentialDataDecryptedObject,
	service: LivePersonService,
	status: number,
	body: unknown,
	headers?: IDataObject,
): AuthFailure {
	const account = accountLabel(credentials);
	const field = SERVICE_OVERRIDE_FIELD[service];
	const answer = answerShape(body);
	if (isRedirect(status)) {
		return {
			step: 'domain',
			message: `the Domain API answered with a redirect${redirectTarget(headers)} (HTTP ${status})`,
			description: redirectFix('Domain API Host', CREDENTIAL_NAME),
			answer,
		};
	}
	if (status >= 200 && status < 300) {
		return {
			step: 'domain',
			message: `the Domain API names no ${service} host for account ${account}`,
			description: `LivePerson's Domain API answered without a baseURI for the service "${service}" (${answer}). Check that account ${account} has the Connector API (messaging) enabled, or set the "${field}" override in the LivePerson Conversations credential.`,
			answer,
		};
	}
	if (status === 400 || status === 401 || status === 403 || status === 404) {
		return {
			step: 'domain',
			message: `LivePerson does not know the account ID "${account}" (Domain API answered ${status})`,
			description: `Check the Account ID of the LivePerson Conversations credential: it is your LivePerson site ID, the number shown after you log in to Conversational Cloud. If you use a private cloud or proxy, check the Domain API Host too.`,
			answer,
		};
	}
	return {
		step: 'domain',
		message: `the Domain API could not name the ${service} host (HTTP ${status})`,
		description: `Check the Domain API Host of the LivePerson Conversations credential (default ${DEFAULT_DOMAIN_API}), or set the "${field}" override. Run the workflow again later if LivePerson had a fault.`,
		answer,
	};
}

/** What a failed Sentinel token request means: wrong client credentials, wrong account, or a fault. */
export function sentinelFailure(
	credentials: ICredentialDataDecryptedObject,
	status: number,
	body: unknown,
	headers?: IDataObject,
): AuthFailure {
	const account = accountLabel(credentials);
	// Only an OAuth error code is quoted: the answer's texts and values are never kept.
	const code = errorCodeIn(body);
	const detail = code ? ` (${code})` : '';
	const answer = answerShape(body);
	if (isRedirect(status)) {
		const overridden = serviceOverride(credentials, 'sentinel') !== undefined;
		return {
			step: 'sentinel',
			message: `Sentinel answered with a redirect${redirectTarget(headers)} (HTTP ${status})`,
			description: overridden
				? redirectFix('Sentinel URL (Override)', CREDENTIAL_NAME)
				: `The Sentinel host the Domain API named redirects, and redirects are not followed (the Client Secret never goes to another address). Set the "Sentinel URL (Override)" field of the ${CREDENTIAL_NAME} credential to the Sentinel of your account, or check its "Domain API Host".`,
			answer,
		};
	}
	if (status === 401) {
		return {
			step: 'sentinel',
			message: `Sentinel refused the Client ID or Client Secret${detail}`,
			description: `Copy the Client ID (the connector's app installation ID) and the Client Secret again from what LivePerson sent when it registered your connector. They are issued for one account: the Account ID (${account}) must be that account.`,
			answer,
		};
	}
	if (status === 404) {
		return {
			step: 'sentinel',
			message: `Sentinel does not know the account ID "${account}"${detail}`,
			description:
				'Check the Account ID of the LivePerson Conversations credential (your LivePerson site ID). If you set a Sentinel URL override, check that it is the Sentinel of this account.',
			answer,
		};
	}
	if (status === 400 || status === 403) {
		return {
			step: 'sentinel',
			message: `Sentinel refused the token request for account ${account}${detail}`,
			description: `The connector installation (Client ID) is not allowed to get tokens for account ${account}. Check that the Account ID is the account LivePerson installed the connector on, and that the installation has the client_credentials grant and the msg.consumer scope (ask your LivePerson account team).`,
			answer,
		};
	}
	if (status >= 200 && status < 300) {
		return {
			step: 'sentinel',
			message: `Sentinel answered without an access_token (${answer})`,
			description:
				'Check the Sentinel URL override of the LivePerson Conversations credential: it does not point at a LivePerson Sentinel.',
			answer,
		};
	}
	return {
		step: 'sentinel',
		message: `Sentinel could not issue an AppJWT (HTTP ${status}${detail})`,
		description:
			"LivePerson's token service had a problem. Run the workflow again later; check the Sentinel URL override if you set one.",
		answer,
	};
}

type HttpHelpers = IHttpRequestHelper['helpers'];

type NextRequest = ReturnType<typeof tokenStepRequests>;

/**
 * The base URL of one of the account's services: the credential's override, or the Domain API's
 * answer. `next` gives the request's timeout, cancel signal and no redirect (see tokenStepRequests).
 */
export async function serviceBaseUrl(
	helpers: HttpHelpers,
	credentials: ICredentialDataDecryptedObject,
	service: LivePersonService,
	next: NextRequest = tokenStepRequests(credentials),
): Promise<string> {
	const override = serviceOverride(credentials, service);
	if (override) return override;
	const answer = await tokenStepRequest(helpers, {
		method: 'GET',
		url: domainLookupUrl(credentials, service),
		qs: { version: '1.0' },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		...next(),
	});
	const body = parseBody(answer.body) as IDataObject | undefined;
	const host = typeof body === 'object' && body !== null ? body.baseURI : undefined;
	if (
		answer.statusCode < 200 ||
		answer.statusCode >= 300 ||
		typeof host !== 'string' ||
		host.trim() === ''
	) {
		throw authError(
			answer.statusCode,
			domainFailure(credentials, service, answer.statusCode, answer.body, answer.headers),
		);
	}
	return withScheme(host);
}

/**
 * The AppJWT (valid one hour): Sentinel's OAuth2 client-credentials grant, a form POST with the
 * connector's installation ID and secret. Runs inside the credential's preAuthentication, with the
 * node's Timeout (at most 30 s) for the lookup and the POST together, and the execution's Stop.
 */
export async function requestAppJwt(
	helpers: HttpHelpers,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const next = tokenStepRequests(credentials);
	const base = await serviceBaseUrl(helpers, credentials, 'sentinel', next);
	const form = [
		`client_id=${encodeURIComponent(String(credentials.clientId ?? '').trim())}`,
		`client_secret=${encodeURIComponent(String(credentials.clientSecret ?? ''))}`,
	].join('&');
	const answer = await tokenStepRequest(helpers, {
		method: 'POST',
		url: sentinelTokenUrl(credentials, base),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: form,
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A followed 307 would post the client secret to wherever it points.
		...next(),
	});
	const body = parseBody(answer.body) as IDataObject | undefined;
	const token = typeof body === 'object' && body !== null ? body.access_token : undefined;
	if (
		answer.statusCode < 200 ||
		answer.statusCode >= 300 ||
		typeof token !== 'string' ||
		token === ''
	) {
		throw authError(
			answer.statusCode,
			sentinelFailure(credentials, answer.statusCode, answer.body, answer.headers),
		);
	}
	return token;
}
