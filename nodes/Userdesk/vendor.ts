import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { asObject } from '../shared/objects';
import { dotSegmentProblem, pathSegment } from '../shared/paths';
import { redirectIn, redirectMessage } from '../shared/redirects';
import type { ApiResponse, Vendor } from '../shared/types';

export function userdeskBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || 'https://api.userdesk.io/v1').replace(/\/+$/, '');
}

export function chatbotPath(
	credentials: ICredentialDataDecryptedObject,
	endpoint: 'conversation' | 'message',
): string {
	return `/chatbot/${pathSegment(String(credentials.chatbotId ?? '').trim(), 'Chatbot ID')}/${endpoint}`;
}

/** The Chatbot ID becomes a path segment of every request: "." and ".." are refused. */
function chatbotIdProblem(
	credentials: ICredentialDataDecryptedObject,
): { field: string; reason: string; fix: string } | undefined {
	const reason = dotSegmentProblem(String(credentials.chatbotId ?? '').trim());
	if (!reason) return undefined;
	return {
		field: 'Chatbot ID',
		reason,
		fix: "Copy the Chatbot ID again from the chatbot's API section in Userdesk.",
	};
}

// Userdesk documents its statuses (401 missing or wrong key, 403 chatbot not allowed) but no error
// body; read a `message` or `error` text when there is one.
export const userdesk: Vendor = {
	label: 'Userdesk',
	credentialType: 'userdeskConversationsApi',
	credentialName: 'Userdesk Conversations',
	baseUrl: userdeskBaseUrl,
	unauthorizedHint:
		'Check the API Key of the Userdesk Conversations credential: it is missing, wrong or deleted.',
	checkCredentials: chatbotIdProblem,
	explainError(response: ApiResponse) {
		const body = asObject(response.body) as {
			message?: string;
			error?: string;
		};
		const text = body.message ?? body.error;
		if (response.statusCode === 403) {
			return {
				message: text ?? 'access to this chatbot is denied',
				description:
					'The API key belongs to another chatbot. Check the Chatbot ID in the Userdesk Conversations credential.',
			};
		}
		return text ? { message: text } : {};
	},
};

/** Sent as the key of the control request: no chatbot can have it. */
const MADE_UP_BEARER = 'Bearer n8n-credential-test-made-up';

/**
 * Userdesk has no endpoint without side effects (no "me", no list), so the test posts to the
 * message endpoint with an empty body, which Userdesk refuses (message is required), twice:
 * 1. with a made-up key: it must answer 401, which shows the server checks the key before the
 *    body; otherwise a 400 could not tell a right key from a wrong one, and the test fails;
 * 2. with the credential's key: 401/403/404 name the field to fix, 400/422 (the missing message)
 *    means the key and chatbot passed. Neither body carries a message, so nothing is created.
 */
export async function userdeskCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const problem = chatbotIdProblem(data);
	if (problem)
		return { status: 'Error', message: `The ${problem.field} ${problem.reason}. ${problem.fix}` };
	// ICredentialTestFunctions offers only `request` (n8n-core routes it through axios).
	const { helpers } = this;
	let redirected: string | undefined;
	const post = async (authorization: string): Promise<number> => {
		try {
			await helpers.request({
				method: 'POST',
				uri: `${userdeskBaseUrl(data)}${chatbotPath(data, 'message')}`,
				headers: { Authorization: authorization },
				body: {},
				json: true,
				// A followed redirect would carry the API key to another address.
				followRedirect: false,
				followAllRedirects: false,
			});
			return 200;
		} catch (error) {
			const redirect = redirectIn(error);
			if (redirect)
				redirected = redirectMessage('Userdesk', redirect, 'Base URL', 'Userdesk Conversations');
			return (
				Number(
					(error as { statusCode?: number }).statusCode ??
						(error as { httpCode?: string }).httpCode,
				) || 0
			);
		}
	};
	const unreachable = (status: number) => ({
		status: 'Error' as const,
		message: `Userdesk could not be reached at the Base URL (${status || 'no answer'}).`,
	});

	const control = await post(MADE_UP_BEARER);
	if (redirected) return { status: 'Error', message: redirected };
	if (control === 0 || control >= 500) return unreachable(control);
	if (control !== 401) {
		return {
			status: 'Error',
			message: `The Base URL did not refuse a made-up API key (it answered ${control}), so a key cannot be tested there: check the Base URL.`,
		};
	}
	const status = await post(`Bearer ${String(data.apiKey ?? '')}`);
	if (redirected) return { status: 'Error', message: redirected };
	if (status === 401)
		return {
			status: 'Error',
			message:
				'Userdesk refused the API Key: it is missing, wrong or deleted. Copy it again from Userdesk and paste it into the API Key field.',
		};
	if (status === 403)
		return {
			status: 'Error',
			message: 'The API key does not belong to this chatbot: check the Chatbot ID.',
		};
	if (status === 404)
		return {
			status: 'Error',
			message: 'Userdesk has no chatbot with this ID: check the Chatbot ID and the Base URL.',
		};
	if (status === 400 || status === 422 || (status >= 200 && status < 300))
		return { status: 'OK', message: 'Connection successful' };
	return unreachable(status);
}
