import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { cleartextUrlNotice } from '../nodes/shared/credentialNotices';
import {
	isRedirect,
	redirectFix,
	redirectTarget,
	redirectTestRules,
} from '../nodes/shared/redirects';
import {
	answerShape,
	isTransientStatus,
	markTokenFailure,
	TokenFailure,
} from '../nodes/shared/tokenFailure';
import { tokenStepRequests } from '../nodes/shared/tokenStep';

const DEFAULT_TOKEN_URL = 'https://api.socialboards.com/token';
const CREDENTIAL = 'SocialBoards Conversations';
const WHERE = 'SocialBoards: avatar → Settings → Installation → Public API';

interface TokenAnswer {
	access_token?: unknown;
	refresh_token?: unknown;
}

interface HttpFailure {
	status?: number;
	headers?: IDataObject;
	data?: unknown;
	code?: string;
}

/** The HTTP answer inside what n8n's httpRequest throws (an axios error, possibly wrapped). */
function httpFailure(error: unknown): HttpFailure {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const response = (
			candidate as { response?: { status?: unknown; headers?: IDataObject; data?: unknown } }
		)?.response;
		if (response && typeof response.status === 'number') {
			return { status: response.status, headers: response.headers ?? {}, data: response.data };
		}
	}
	return {
		code:
			(error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code,
	};
}

/**
 * The token exchange failed with an HTTP answer: name the credential field to fix. The error keeps
 * the status and a body the SocialBoards node recognises by `socialBoardsToken`, so the node's
 * transport reports it like any other answer; its message is what n8n's credential test shows.
 * The answer itself is never quoted: it may hold tokens.
 */
function tokenError(failure: HttpFailure, tokenUrl: string): TokenFailure {
	const body = (
		typeof failure.data === 'object' && failure.data !== null ? failure.data : {}
	) as IDataObject;
	const code =
		typeof body.error === 'string' && /^[\w.-]{1,60}$/.test(body.error) ? body.error : undefined;
	let reason: string;
	let fix: string;
	if (isRedirect(failure.status)) {
		// Not followed: a 307 would post the refresh token to wherever it points.
		reason = `the token URL ${tokenUrl} answered with a redirect${redirectTarget(failure.headers)}`;
		fix = redirectFix('Token URL', CREDENTIAL);
	} else if (code === 'invalid_grant') {
		reason = 'SocialBoards refused the refresh token (invalid_grant)';
		fix = `Fix the "Refresh Token" field of the ${CREDENTIAL} credential: the token is wrong, was deleted or was replaced. Create a new refresh token in ${WHERE} and paste it there.`;
	} else if (code === 'invalid_client' || code === 'unauthorized_client') {
		reason = `SocialBoards does not accept the client ID (${code})`;
		fix = `Fix the "Client ID" field of the ${CREDENTIAL} credential: copy it from ${WHERE}.`;
	} else if (isTransientStatus(failure.status)) {
		reason = `the token URL ${tokenUrl} answered HTTP ${failure.status}`;
		fix = "SocialBoards' token service is busy or has a fault: run the workflow again later.";
	} else if (failure.status !== undefined && failure.status >= 200 && failure.status < 300) {
		reason = `the token URL ${tokenUrl} answered without an access_token (${answerShape(failure.data)})`;
		fix = `Check the "Token URL" field of the ${CREDENTIAL} credential (default ${DEFAULT_TOKEN_URL}).`;
	} else if (failure.status === 404 || failure.status === 405 || code === undefined) {
		reason = `the token URL ${tokenUrl} did not answer like a SocialBoards token endpoint (${answerShape(failure.data)})`;
		fix = `Fix the "Token URL" field of the ${CREDENTIAL} credential (default ${DEFAULT_TOKEN_URL}).`;
	} else {
		reason = `SocialBoards refused the token request (${code})`;
		fix = `Check the "Client ID" and "Refresh Token" fields of the ${CREDENTIAL} credential (from ${WHERE}).`;
	}
	return new TokenFailure(`${reason}. ${fix}`, {
		status: failure.status ?? 0,
		headers: failure.headers,
		data: { socialBoardsToken: 'failed', reason, fix },
		// invalid_grant may mean another run spent a rotating refresh token: its new one is in the store.
		retryable: code === 'invalid_grant' || isTransientStatus(failure.status),
	});
}

export class SocialBoardsConversationsApi implements ICredentialType {
	name = 'socialBoardsConversationsApi';

	displayName = 'SocialBoards Conversations API';

	icon: Icon = {
		light: 'file:../nodes/SocialBoards/socialboards.svg',
		dark: 'file:../nodes/SocialBoards/socialboards.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-conversations/n8n-nodes-conversations/tree/main/packages/socialboards#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description: `In ${WHERE}`,
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: `A named refresh token created in ${WHERE}. n8n exchanges it for an access token (valid about an hour) and keeps the newest refresh token when SocialBoards sends a new one.`,
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: DEFAULT_TOKEN_URL,
			description:
				'Where the refresh token is exchanged for an access token. Change only for a proxy or a test server.',
		},
		cleartextUrlNotice('tokenUrl', 'Token URL'),
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.socialboards.com/',
			description:
				"The address SocialBoards' API paths (chat/conversations, Teammates) are added to. SocialBoards documents only relative paths: if requests answer 404, ask SocialBoards for the API base URL of your account and enter it here.",
		},
		cleartextUrlNotice('baseUrl', 'API Base URL'),
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const tokenUrl = String(credentials.tokenUrl || DEFAULT_TOKEN_URL).trim();
		const refreshToken = String(credentials.refreshToken ?? '').trim();
		const form = new URLSearchParams({
			grant_type: 'refresh_token',
			refresh_token: refreshToken,
			client_id: String(credentials.clientId ?? '').trim(),
		});
		let answer: TokenAnswer | string | undefined;
		try {
			answer = (await this.helpers.httpRequest({
				method: 'POST',
				url: tokenUrl,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: form.toString(),
				json: true,
				// The node's Timeout (at most 30 s), Stop, and no redirect (it would carry the refresh token).
				...tokenStepRequests(credentials)(),
			})) as TokenAnswer | string | undefined;
		} catch (error) {
			const failure = httpFailure(error);
			// Without an HTTP answer (unreachable host, timeout) keep n8n's own network error, flagged.
			if (failure.status === undefined) throw markTokenFailure(error as Error);
			throw tokenError(failure, tokenUrl);
		}
		const token = typeof answer === 'object' && answer !== null ? answer : {};
		const rotated =
			typeof token.refresh_token === 'string' &&
			token.refresh_token !== '' &&
			token.refresh_token !== refreshToken
				? token.refresh_token
				: undefined;
		if (typeof token.access_token !== 'string' || token.access_token === '') {
			// n8n stores what preAuthentication returns only with the access token's key: an empty one
			// keeps a rotated refresh token, and `authenticate` then refuses to send anything.
			if (rotated) return { accessToken: '', refreshToken: rotated };
			throw tokenError({ status: 200, data: answer }, tokenUrl);
		}
		const output: IDataObject = { accessToken: token.access_token };
		// SocialBoards may rotate the refresh token: return the new one too, so n8n stores both.
		if (rotated) output.refreshToken = rotated;
		return output;
	}

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const accessToken = String(credentials.accessToken ?? '');
		if (accessToken === '') {
			throw tokenError(
				{ status: 200, data: { refresh_token: 'kept' } },
				String(credentials.tokenUrl || DEFAULT_TOKEN_URL).trim(),
			);
		}
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${accessToken}` },
		};
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{String($credentials.baseUrl || "https://api.socialboards.com/").trim().replace(/\\/+$/, "")}}',
			url: '/Teammates',
			disableFollowRedirect: true,
		},
		rules: [
			// Also the token step's answer: n8n runs preAuthentication before this request.
			...redirectTestRules(
				`SocialBoards answered with a redirect, which is not followed (the refresh token and the access token never go to another address). Fix the "Token URL" or the "API Base URL" field of the ${CREDENTIAL} credential: each must be SocialBoards' own address.`,
			),
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'SocialBoards refused the access token. Check the Client ID, the Refresh Token and the API Base URL.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Not found (HTTP 404): the Token URL, or the API Base URL (it needs a Teammates endpoint), is wrong. Ask SocialBoards for the API base URL of your account.',
				},
			},
		],
	};
}
