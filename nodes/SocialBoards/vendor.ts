import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { asObject } from '../shared/objects';
import type { ApiResponse, ErrorExplanation, RequestSpec, Vendor } from '../shared/types';

export const DEFAULT_BASE_URL = 'https://api.socialboards.com/';
export const DEFAULT_TOKEN_URL = 'https://api.socialboards.com/token';
const CREDENTIAL = 'SocialBoards Conversations';

/**
 * The API base without trailing slashes; request paths start with one ("/chat/conversations"),
 * so exactly one slash joins them whether or not the credential's base URL ends with one.
 */
export function socialBoardsBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '');
}

/** SocialBoards' answer envelope: `errorCode` -1 means success. */
export interface Envelope<T = IDataObject> {
	data?: T;
	errorCode?: number | string | null;
	errorText?: string | null;
}

/** What the credential's preAuthentication attaches when the token exchange fails. */
function tokenFailure(body: IDataObject): ErrorExplanation | undefined {
	if (body.socialBoardsToken !== 'failed') return undefined;
	return { message: String(body.reason), description: String(body.fix) };
}

function errorCodeOf(body: IDataObject): number | undefined {
	const { errorCode } = body;
	if (errorCode === undefined || errorCode === null || errorCode === '') return undefined;
	const code = Number(errorCode);
	return Number.isFinite(code) ? code : Number.NaN;
}

function envelopeMessage(body: IDataObject, code: number): string {
	const text =
		typeof body.errorText === 'string' && body.errorText.trim() !== ''
			? body.errorText.trim()
			: undefined;
	return `${text ?? 'no error text'} [error code ${Number.isNaN(code) ? String(body.errorCode) : code}]`;
}

export const socialBoards: Vendor = {
	label: 'SocialBoards',
	credentialType: 'socialBoardsConversationsApi',
	credentialName: CREDENTIAL,
	checkCredentials: credentialProblem,
	baseUrl: socialBoardsBaseUrl,
	renewsTokenOn401: true,
	baseUrlField: 'API Base URL',
	unauthorizedHint: `SocialBoards refused the access token even after n8n fetched a new one. Check that the Client ID and Refresh Token of the ${CREDENTIAL} credential belong to the SocialBoards account you expect, and that its API Base URL points at that account's API.`,
	explainError(response: ApiResponse, request: RequestSpec): ErrorExplanation {
		const body = asObject(response.body);
		const token = tokenFailure(body);
		if (token) return token;
		const code = errorCodeOf(body);
		if (code !== undefined && code !== -1) return { message: envelopeMessage(body, code) };
		// ASP.NET Web API answers such as {"Message": "Authorization has been denied for this request."}
		const text = [body.Message, body.message, body.error_description, body.error].find(
			(value): value is string => typeof value === 'string' && value.trim() !== '',
		);
		if (response.statusCode === 404 && typeof text === 'string' && /no http resource/i.test(text)) {
			return {
				message: text,
				description: `The API Base URL of the ${CREDENTIAL} credential does not serve ${request.url}. Ask SocialBoards for the API base URL of your account and enter it in the credential.`,
			};
		}
		return text ? { message: text } : {};
	},
	failureInSuccess(response: ApiResponse, request: RequestSpec): ErrorExplanation | undefined {
		const body = asObject(response.body);
		const token = tokenFailure(body);
		if (token) return token;
		if (!('errorCode' in body) && !('data' in body)) {
			return {
				message: "the answer is not SocialBoards' {data, errorCode, errorText} envelope",
				description: `Check the API Base URL of the ${CREDENTIAL} credential: it must point at the SocialBoards API (default ${DEFAULT_BASE_URL}).${request.idempotent ? '' : ' The request may have been processed: check in SocialBoards before running this item again.'}`,
			};
		}
		const code = errorCodeOf(body);
		if (code === undefined || code === -1) return undefined;
		return {
			message: envelopeMessage(body, code),
			description: `SocialBoards answered HTTP ${response.statusCode} but reported an error while trying to ${request.purpose}. Check the values named in the message.`,
		};
	},
};

function isHttpUrl(value: string): boolean {
	if (!URL.canParse(value)) return false;
	const { protocol } = new URL(value);
	return protocol === 'http:' || protocol === 'https:';
}

/**
 * The credential's two URLs, checked before the first request: a broken Token URL would otherwise
 * surface as a network failure of the token exchange, which names no field.
 */
export function credentialProblem(
	credentials: ICredentialDataDecryptedObject,
): { field: string; reason: string; fix: string } | undefined {
	const urls = [
		{
			field: 'Token URL',
			value: String(credentials.tokenUrl || DEFAULT_TOKEN_URL).trim(),
			fallback: DEFAULT_TOKEN_URL,
		},
		{
			field: 'API Base URL',
			value: String(credentials.baseUrl || DEFAULT_BASE_URL).trim(),
			fallback: DEFAULT_BASE_URL,
		},
	];
	const problem = urls.find((url) => !isHttpUrl(url.value));
	return (
		problem && {
			field: problem.field,
			reason: `is not an http(s) URL: "${problem.value.slice(0, 80)}"`,
			fix: `Fix the "${problem.field}" field of the ${CREDENTIAL} credential (default ${problem.fallback}).`,
		}
	);
}

/** The `data` of a successful envelope (failures were already thrown by the transport). */
export function dataOf<T>(envelope: Envelope<T> | undefined): T | undefined {
	return envelope?.data ?? undefined;
}
