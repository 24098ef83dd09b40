import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { IntercomConversationsApi } from '../../credentials/IntercomConversationsApi.credentials';
import { testRequest, unreachableResult } from '../shared/credentialTest';
import { isRedirect, redirectMessage, redirectTarget } from '../shared/redirects';
import { asObject } from '../shared/objects';
import { dotSegmentProblem, pathSegment } from '../shared/paths';
import type { ApiResponse, Vendor } from '../shared/types';

interface IntercomErrorBody {
	type?: string;
	errors?: Array<{ code?: string; message?: string; field?: string }>;
}

export function intercomBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? 'https://api.intercom.io');
	return (region === 'custom' ? String(credentials.baseUrl ?? '') : region).replace(/\/+$/, '');
}

/** The host of Intercom's web app for the credential's region. */
function appHost(credentials: ICredentialDataDecryptedObject): string {
	const region = String(credentials.region ?? '');
	if (region.includes('.eu.')) return 'app.eu.intercom.com';
	if (region.includes('.au.')) return 'app.au.intercom.com';
	return 'app.intercom.com';
}

/** A page of Intercom's web app ("conversations/499"), when the credential names the workspace. */
function appUrl(
	credentials: ICredentialDataDecryptedObject,
	kind: 'conversations' | 'users',
	id: unknown,
): string | undefined {
	const workspace = String(credentials.workspaceId ?? '').trim();
	if (!workspace || id === undefined || id === null) return undefined;
	return `https://${appHost(credentials)}/a/apps/${pathSegment(workspace, 'Workspace ID')}/${kind}/${pathSegment(String(id), kind === 'conversations' ? 'Conversation ID' : 'Contact ID')}`;
}

/** The link that opens a conversation in Intercom's inbox, when the credential names the workspace. */
export function conversationUrl(
	credentials: ICredentialDataDecryptedObject,
	conversationId: unknown,
): string | undefined {
	return appUrl(credentials, 'conversations', conversationId);
}

/** The link that opens a contact's page in Intercom, when the credential names the workspace. */
export function contactUrl(
	credentials: ICredentialDataDecryptedObject,
	contactId: unknown,
): string | undefined {
	return appUrl(credentials, 'users', contactId);
}

const APP = String.raw`^https?://app(?:\.(?:eu|au))?\.intercom\.(?:com|io)/a/`;
const END = String.raw`(?:[/?#].*)?$`;

/**
 * A conversation's address in Intercom: the conversationUrl this node outputs
 * (/a/apps/<workspace>/conversations/<ID>) and the inbox's addresses
 * (/a/inbox/<workspace>/inbox/…/conversation/<ID>).
 */
export const CONVERSATION_URL = {
	pattern: String.raw`${APP}(?:apps|inbox)/[^/?#]+/(?:[^?#]*/)?conversations?/(\d+)${END}`,
	placeholder: 'e.g. https://app.intercom.com/a/apps/abc123de/conversations/36000324324',
	where:
		'an Intercom conversation address ends in /conversations/<ID> or /conversation/<ID>, and the ID is the number after it (for example the conversationUrl output of this node)',
};

/** A contact's page in Intercom: /a/apps/<workspace>/users/<ID> (leads too). */
export const CONTACT_URL = {
	pattern: String.raw`${APP}apps/[^/?#]+/(?:users|leads|contacts)/([A-Za-z0-9]+)${END}`,
	placeholder: 'e.g. https://app.intercom.com/a/apps/abc123de/users/6762f0dd1bb69f9f2193bb83',
	where:
		"an Intercom contact's address has /users/<ID> in it (open the contact in Intercom and copy the address), and the ID is the 24 letters and digits after /users/",
};

const HINTS: Record<string, string> = {
	unauthorized:
		'Check the Access Token of the Intercom Conversations credential: it is wrong or was revoked.',
	token_revoked:
		'The access token was revoked. Create a new one in the Developer Hub and update the credential.',
	token_expired:
		'The access token expired. Create a new one in the Developer Hub and update the credential.',
	api_plan_restricted:
		'Your Intercom plan does not include this API. Check the workspace subscription.',
	parameter_invalid: 'Check the field named in the message.',
	parameter_not_found: 'Check the field named in the message.',
	not_found:
		'Check the ID: it does not exist in this Intercom workspace (or belongs to another region).',
	conflict: 'A contact with these details already exists; identify it by its ID instead.',
};

export const intercom: Vendor = {
	label: 'Intercom',
	credentialType: 'intercomConversationsApi',
	credentialName: 'Intercom Conversations',
	baseUrl: intercomBaseUrl,
	unauthorizedHint: HINTS.unauthorized,
	checkCredentials(credentials) {
		// The Workspace ID becomes a path segment of the links to conversations.
		const reason = dotSegmentProblem(String(credentials.workspaceId ?? '').trim());
		return reason ? { field: 'Workspace ID', reason } : undefined;
	},
	explainError(response: ApiResponse) {
		const body = asObject(response.body) as IntercomErrorBody;
		const first = body.errors?.[0];
		if (!first) return {};
		const text = [first.message, first.field ? `(field: ${first.field})` : undefined]
			.filter(Boolean)
			.join(' ');
		return {
			message: first.code ? `${text || first.code} [${first.code}]` : text,
			description: (first.code && HINTS[first.code]) || undefined,
		};
	},
};

export type IntercomContact = IDataObject & {
	id: string;
	role?: string;
	email?: string;
	external_id?: string | null;
	updated_at?: number;
};

/**
 * Whether the credential's Intercom-Version is at least `minimum` ("2.13"), comparing major and
 * minor as whole numbers (2.9 < 2.13). The rolling "Unstable" and "Preview" count as newest.
 */
export function apiVersionAtLeast(version: unknown, minimum: string): boolean {
	const parse = (value: unknown) =>
		/^(\d+)\.(\d+)$/
			.exec(String(value ?? '').trim())
			?.slice(1)
			.map(Number);
	const actual = parse(version);
	const wanted = parse(minimum) ?? [0, 0];
	if (!actual) return version === 'Unstable' || version === 'Preview';
	return actual[0] !== wanted[0] ? actual[0] > wanted[0] : actual[1] >= wanted[1];
}

/**
 * The credential's Test button: GET /me with the access token (the node's `testedBy`, so that the
 * message names the field on every n8n: n8n 1.x and 2.0 replace a declarative test's rule messages
 * with their own words for the status).
 */
export async function intercomCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const url = `${intercomBaseUrl(data)}/me`;
	const { headers } = await new IntercomConversationsApi().authenticate(data, { url });
	let answer;
	try {
		answer = await testRequest(this, { method: 'GET', url, headers });
	} catch (error) {
		return unreachableResult('Intercom', `the Region or Base URL (${url})`, asObject(error));
	}
	if (answer.status === 401) {
		return {
			status: 'Error',
			message:
				'Intercom refused the Access Token: it is wrong or was revoked. Copy it again from the Developer Hub (your app → Configure → Authentication).',
		};
	}
	if (isRedirect(answer.status))
		return {
			status: 'Error',
			message: redirectMessage(
				'Intercom',
				{ status: answer.status, target: redirectTarget(answer.headers) },
				String(data.region) === 'custom' ? 'Base URL' : 'Region',
				'Intercom Conversations',
			),
		};
	if (answer.status >= 200 && answer.status < 300)
		return { status: 'OK', message: 'Connection successful' };
	return unreachableResult('Intercom', `the Region or Base URL (${url})`, answer);
}
