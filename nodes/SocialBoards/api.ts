import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { ApiResponse, ErrorExplanation, OperationContext, RequestSpec, Send, Vendor } from '../shared/types';

export const DEFAULT_BASE_URL = 'https://api.socialboards.com/';
const CREDENTIAL = 'SocialBoards Conversations';

/**
 * The API base without trailing slashes; request paths start with one ("/chat/conversations"),
 * so exactly one slash joins them whether or not the credential's base URL ends with one.
 */
export function socialBoardsBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
}

/** SocialBoards' answer envelope: `errorCode` -1 means success. */
export interface Envelope<T = IDataObject> {
	data?: T;
	errorCode?: number | string | null;
	errorText?: string | null;
}

function asObject(body: unknown): IDataObject {
	return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : {};
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
	const text = typeof body.errorText === 'string' && body.errorText.trim() !== '' ? body.errorText.trim() : undefined;
	return `${text ?? 'no error text'} [error code ${Number.isNaN(code) ? String(body.errorCode) : code}]`;
}

export const socialBoards: Vendor = {
	label: 'SocialBoards',
	credentialType: 'socialBoardsConversationsApi',
	credentialName: CREDENTIAL,
	baseUrl: socialBoardsBaseUrl,
	renewsTokenOn401: true,
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

const FIRST_CALL = 'socialboards:first-call';

/**
 * Sends the execution's first SocialBoards request alone and the others once it has an answer.
 * The first request fetches (and persists) the access token through the credential's
 * preAuthentication; without this, every item running in parallel would exchange the refresh
 * token itself, and a rotating refresh token would be spent by the first and refused to the rest.
 */
export function sendAfterFirst(context: OperationContext): Send {
	return async <T>(request: RequestSpec): Promise<T> => {
		const first = context.executionCache.get(FIRST_CALL);
		if (first) {
			await first;
			return context.send<T>(request);
		}
		const pending = context.send<T>(request);
		context.executionCache.set(
			FIRST_CALL,
			pending.then(
				() => undefined,
				() => undefined,
			),
		);
		return pending;
	};
}

/** The `data` of a successful envelope (failures were already thrown by the transport). */
export function dataOf<T>(envelope: Envelope<T> | undefined): T | undefined {
	return envelope?.data ?? undefined;
}
