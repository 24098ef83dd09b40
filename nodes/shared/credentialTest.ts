import type {
	ICredentialTestFunctions,
	IDataObject,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

/** An HTTP answer to a credential test's request: every status comes back. */
export interface TestAnswer {
	status: number;
	headers: IDataObject;
	body: unknown;
}

/**
 * One request of a node's credential test (`testedBy`). n8n gives such a test only the legacy
 * `request` helper, routed through its axios client in n8n 1.x and 2.x alike; asked for the full
 * response and `simple: false`, it answers every status instead of throwing, a redirect too (never
 * followed). A network failure (no answer) is thrown as n8n throws it.
 */
export async function testRequest(
	functions: ICredentialTestFunctions,
	options: Pick<IHttpRequestOptions, 'method' | 'url' | 'headers' | 'qs'>,
): Promise<TestAnswer> {
	const answer = (await functions.helpers.request({
		method: options.method ?? 'GET',
		uri: options.url,
		qs: options.qs,
		headers: options.headers,
		json: true,
		timeout: 30_000,
		resolveWithFullResponse: true,
		simple: false,
		// A followed redirect would carry the credential's keys to another address: a 3xx comes back.
		followRedirect: false,
		followAllRedirects: false,
	})) as { statusCode: number; headers?: IDataObject; body: unknown };
	return { status: answer.statusCode, headers: answer.headers ?? {}, body: answer.body };
}

/** What a credential test says when the server could not be reached or answered something unexpected. */
export function unreachableResult(
	vendorLabel: string,
	what: string,
	answer: { status: number } | { code?: string },
): INodeCredentialTestResult {
	const detail =
		'status' in answer ? `HTTP ${answer.status}` : answer.code ? answer.code : 'no answer';
	return {
		status: 'Error',
		message: `${vendorLabel} could not be reached at ${what} (${detail}).`,
	};
}
