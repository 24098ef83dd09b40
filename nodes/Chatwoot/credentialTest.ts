import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';

import { accessTokenOf, baseUrlProblem, chatwootBaseUrl, credentialAccountId } from './api';
import { pathSegment } from './public';

type Answer = { ok: true; body: IDataObject } | { ok: false; status: number };

async function get(functions: ICredentialTestFunctions, url: string, headers: IDataObject = {}): Promise<Answer> {
	try {
		// ICredentialTestFunctions offers only `request` (n8n-core routes it through axios).
		const body = (await functions.helpers.request({ method: 'GET', uri: url, headers, json: true })) as IDataObject;
		return { ok: true, body: typeof body === 'object' && body !== null ? body : {} };
	} catch (error) {
		const status = Number((error as { statusCode?: number }).statusCode ?? (error as { httpCode?: string }).httpCode);
		return { ok: false, status: Number.isFinite(status) ? status : 0 };
	}
}

const unreachable = (status: number, what: string) =>
	`Chatwoot could not be reached at the Base URL to check the ${what} (${status ? `HTTP ${status}` : 'no answer'}). Check the Base URL: the address of your installation as you open it in the browser.`;

/** GET /api/v1/profile with the access token; with an Account ID, the user must be a member of it. */
async function checkAccessToken(functions: ICredentialTestFunctions, baseUrl: string, token: string, accountId?: string): Promise<string | undefined> {
	const answer = await get(functions, `${baseUrl}/api/v1/profile`, { 'Api-Access-Token': token });
	if (!answer.ok) {
		if (answer.status === 401) {
			return 'Chatwoot refused the User Access Token: copy it again from Chatwoot → Profile Settings → Access Token (the token of an agent bot or platform app does not work). If it is right, a proxy in front of Chatwoot drops the Api-Access-Token header.';
		}
		return unreachable(answer.status, 'User Access Token');
	}
	const accounts = Array.isArray(answer.body.accounts) ? (answer.body.accounts as IDataObject[]) : undefined;
	if (accountId !== undefined && accounts && !accounts.some((account) => String(account.id) === accountId)) {
		return `The User Access Token works, but its user is not a member of account ${accountId}: check the Account ID (the number after /app/accounts/ in Chatwoot's web address).`;
	}
	return undefined;
}

/** GET /public/api/v1/inboxes/{inbox_identifier}: 404 = no API inbox with that identifier. */
async function checkInboxIdentifier(functions: ICredentialTestFunctions, baseUrl: string, inboxIdentifier: string): Promise<string | undefined> {
	const answer = await get(functions, `${baseUrl}/public/api/v1/inboxes/${pathSegment(inboxIdentifier)}`);
	if (answer.ok) return undefined;
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
	const problem = baseUrlProblem(data);
	if (problem) return { status: 'Error', message: `The ${problem.field} ${problem.reason}. ${problem.fix}` };
	const baseUrl = chatwootBaseUrl(data);
	const token = accessTokenOf(data);
	const inboxIdentifier = typeof data.inboxIdentifier === 'string' ? data.inboxIdentifier.trim() : '';
	if (!token && inboxIdentifier === '') {
		return {
			status: 'Error',
			message: 'Fill in the Inbox Identifier (for Create, Get, Resolve and Send), the User Access Token (for Create as Agent), or both.',
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
