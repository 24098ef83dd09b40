import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

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
		const response = (candidate as { response?: { status?: unknown; headers?: IDataObject; data?: unknown } })?.response;
		if (response && typeof response.status === 'number') {
			return { status: response.status, headers: response.headers ?? {}, data: response.data };
		}
	}
	return { code: (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code };
}

function excerpt(data: unknown): string {
	if (data === undefined || data === null || data === '') return '';
	const text = typeof data === 'string' ? data : JSON.stringify(data);
	const plain = /<html|<!doctype/i.test(text) ? 'an HTML page' : text.replace(/\s+/g, ' ');
	return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/**
 * The token exchange failed with an HTTP answer: name the credential field to fix. The error keeps
 * `response` (status and a body the SocialBoards node recognises by `socialBoardsToken`) so the
 * node's transport reports it like any other answer instead of as a lost connection.
 */
function tokenError(failure: HttpFailure, tokenUrl: string): Error {
	const body = (typeof failure.data === 'object' && failure.data !== null ? failure.data : {}) as IDataObject;
	const code = typeof body.error === 'string' ? body.error : undefined;
	const detail = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
	let reason: string;
	let fix: string;
	if (code === 'invalid_grant') {
		reason = `SocialBoards refused the refresh token (invalid_grant${detail})`;
		fix = `Fix the "Refresh Token" field of the ${CREDENTIAL} credential: the token is wrong, was deleted or was replaced. Create a new refresh token in ${WHERE} and paste it there.`;
	} else if (code === 'invalid_client' || code === 'unauthorized_client') {
		reason = `SocialBoards does not accept the client ID (${code}${detail})`;
		fix = `Fix the "Client ID" field of the ${CREDENTIAL} credential: copy it from ${WHERE}.`;
	} else if (failure.status !== undefined && (failure.status === 429 || failure.status >= 500)) {
		reason = `the token URL ${tokenUrl} answered HTTP ${failure.status}${excerpt(failure.data) ? ` (${excerpt(failure.data)})` : ''}`;
		fix = 'SocialBoards\' token service is busy or has a fault: run the workflow again later.';
	} else if (failure.status === 404 || failure.status === 405 || code === undefined) {
		reason = `the token URL ${tokenUrl} did not answer like a SocialBoards token endpoint${excerpt(failure.data) ? ` (${excerpt(failure.data)})` : ''}`;
		fix = `Fix the "Token URL" field of the ${CREDENTIAL} credential (default ${DEFAULT_TOKEN_URL}).`;
	} else {
		reason = `SocialBoards refused the token request (${code}${detail})`;
		fix = `Check the "Client ID" and "Refresh Token" fields of the ${CREDENTIAL} credential (from ${WHERE}).`;
	}
	const error = new Error(`${reason}. ${fix}`);
	return Object.assign(error, {
		response: {
			status: failure.status ?? 0,
			headers: failure.headers ?? {},
			data: { socialBoardsToken: 'failed', reason, fix, answer: excerpt(failure.data) },
		},
	});
}

export class SocialBoardsConversationsApi implements ICredentialType {
	name = 'socialBoardsConversationsApi';

	displayName = 'SocialBoards Conversations API';

	icon: Icon = {
		light: 'file:../nodes/SocialBoards/socialboards.svg',
		dark: 'file:../nodes/SocialBoards/socialboards.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-conversations/n8n-nodes-conversations#socialboards';

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
			description: 'Where the refresh token is exchanged for an access token. Change only for a proxy or a test server.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.socialboards.com/',
			description: 'The address SocialBoards\' API paths (chat/conversations, Teammates) are added to. SocialBoards documents only relative paths: if requests answer 404, ask SocialBoards for the API base URL of your account and enter it here.',
		},
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
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body: form.toString(),
				json: true,
				timeout: 30_000,
			})) as TokenAnswer | string | undefined;
		} catch (error) {
			const failure = httpFailure(error);
			// Without an HTTP answer (unreachable host, timeout) keep n8n's own network error.
			if (failure.status === undefined) throw error;
			throw tokenError(failure, tokenUrl);
		}
		const token = typeof answer === 'object' && answer !== null ? answer : {};
		if (typeof token.access_token !== 'string' || token.access_token === '') {
			throw tokenError({ status: 200, data: answer }, tokenUrl);
		}
		const output: IDataObject = { accessToken: token.access_token };
		// SocialBoards may rotate the refresh token: return the new one too, so n8n stores both.
		if (typeof token.refresh_token === 'string' && token.refresh_token !== '' && token.refresh_token !== refreshToken) {
			output.refreshToken = token.refresh_token;
		}
		return output;
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl || "https://api.socialboards.com/").trim().replace(/\\/+$/, "")}}',
			url: '/Teammates',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'SocialBoards refused the access token. Check the Client ID, the Refresh Token and the API Base URL.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'The API Base URL has no Teammates endpoint. Ask SocialBoards for the API base URL of your account.',
				},
			},
		],
	};
}
