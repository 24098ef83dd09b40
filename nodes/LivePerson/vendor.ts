import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHttpRequestHelper,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { asObject } from '../shared/objects';
import type { ApiResponse, ErrorExplanation, RequestSpec, Vendor } from '../shared/types';
import { SKILL_ID_HELP } from './fields';
import {
	credentialProblem,
	domainApiUrl,
	isAuthFailureBody,
	isDomainLookup,
	requestAppJwt,
	serviceBaseUrl,
	vendorText,
} from './auth';

/** One request of a CONVERSATION or SEND body: `{kind: "req", id, type, body}`. */
export interface LpRequest extends IDataObject {
	kind: 'req';
	id: string;
	type: string;
	body: IDataObject;
}

/** One element of a CONVERSATION or SEND answer, matched to its request by `reqId`. */
export interface LpAnswer extends IDataObject {
	reqId?: string;
	code?: string | number;
	body?: IDataObject | string;
}

/** The body of LivePerson's authorization errors: `{kind: "resp", code: 401, body: {title, details, errorCode}}`. */
interface LpErrorBody {
	kind?: string;
	code?: number | string;
	body?: { title?: string; details?: string; errorCode?: number | string };
}

const CREDENTIAL = 'LivePerson Conversations';

/** What to fix for each documented authorization error code (connector-api-send-api-authorization-and-authentication). */
export const ERROR_CODE_HINTS: Record<string, string> = {
	'40001': `LivePerson found no brand (account) ID in the request, or the AppJWT lacks a claim it needs. Check that the Account ID of the ${CREDENTIAL} credential is the account LivePerson installed the connector on; if you set a Sentinel URL override, it must be that account's Sentinel.`,
	'40102': `The AppJWT was refused even after n8n fetched a new one. Check that the Client ID and Client Secret of the ${CREDENTIAL} credential belong to this Account ID and that the connector installation is still enabled; if you set a Sentinel URL override, it must issue tokens for the same account as the Messaging URL.`,
	'40103': `The ConsumerJWS (the consumer's token from the IDP) was refused: this is not an AppJWT problem. The node fetched a fresh ConsumerJWS and tried once more. Check that the IDP URL override and the Messaging URL override (if set) belong to the same account, and that the external consumer ID is the one the conversation was created with.`,
	'40104': `The X-LP-ON-BEHALF header with the ConsumerJWS did not reach LivePerson: this is not an AppJWT problem. A proxy between n8n and LivePerson (see the Messaging URL override of the ${CREDENTIAL} credential) probably drops the header; let it pass X-LP-ON-BEHALF.`,
	'40105': `The Authorization header with the AppJWT did not reach LivePerson. A proxy between n8n and LivePerson (see the Messaging and IDP URL overrides of the ${CREDENTIAL} credential) probably drops it; let it pass the Authorization header.`,
};

export function livePersonBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return domainApiUrl(credentials);
}

/** The documented error code of a LivePerson error body (40102 …), if there is one. */
export function errorCodeOf(body: unknown): string | undefined {
	const inner = asObject((asObject(body) as LpErrorBody).body);
	const code = inner.errorCode;
	return code === undefined || code === null ? undefined : String(code);
}

export function isOk(code: unknown): boolean {
	return code === 'OK' || code === 200 || code === '200' || code === 201 || code === '201';
}

/** The text of one batch answer's body: `{msg}`, `{message}`, `{title, details}` or a string. */
function answerText(answer: LpAnswer): string {
	if (typeof answer.body === 'string') return answer.body;
	const body = asObject(answer.body);
	const text = body.msg ?? body.message ?? body.details ?? body.title ?? body.error;
	return typeof text === 'string' && text !== '' ? text : JSON.stringify(answer.body ?? {});
}

const FIX_BY_TYPE: Record<string, string> = {
	'userprofile.SetUserProfile':
		"LivePerson refused the consumer profile. Check the Customer Info and Personal Info fields (only LivePerson's documented fields are accepted).",
	'cm.ConsumerRequestConversation':
		'LivePerson refused to open the conversation. Check Skill (-1 for any skill), Urgency, Campaign ID and Engagement ID; if the consumer already has an open conversation, close it first (Conversation → Close) or send into it (Message → Send).',
	'ms.PublishEvent':
		'LivePerson refused the message. Check that the conversation ID is right, still open, and belongs to this external consumer ID.',
	'cm.UpdateConversationField':
		'LivePerson refused to change the conversation. Check that the conversation ID is right, still open, and belongs to this external consumer ID, and (Transfer to Skill) that the skill exists in the account.',
};

/** The conversation ID a CONVERSATION answer reports, if the cm.ConsumerRequestConversation part succeeded. */
export function createdConversationId(
	requests: LpRequest[],
	answers: LpAnswer[],
): string | undefined {
	const request = requests.find((candidate) => candidate.type === 'cm.ConsumerRequestConversation');
	const answer = request && answers.find((candidate) => String(candidate.reqId) === request.id);
	const id = answer && isOk(answer.code) ? asObject(answer.body).conversationId : undefined;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Checks a CONVERSATION or SEND answer element by element (matched by reqId): a missing answer,
 * a non-OK code, or a conversation request without a conversation ID fails the item, with the
 * element's own message.
 */
export function batchFailure(
	requestBody: unknown,
	responseBody: unknown,
): ErrorExplanation | undefined {
	const requests = (Array.isArray(requestBody) ? requestBody : [requestBody]).filter(
		(request): request is LpRequest =>
			typeof request === 'object' && request !== null && (request as IDataObject).kind === 'req',
	);
	if (requests.length === 0) return undefined;
	const answers = (Array.isArray(responseBody) ? responseBody : [responseBody]).filter(
		(answer): answer is LpAnswer => typeof answer === 'object' && answer !== null,
	);
	const created = createdConversationId(requests, answers);
	const alreadyCreated = created
		? ` Note: the conversation ${created} was created anyway; do not run this item again (it would open a second conversation): close it or send into it.`
		: '';
	for (const request of requests) {
		const answer = answers.find((candidate) => String(candidate.reqId) === String(request.id));
		if (!answer) {
			return {
				message: `LivePerson gave no answer for the ${request.type} request (reqId ${request.id})`,
				description: `The answer had no element with reqId ${request.id}. Check the Messaging URL override of the ${CREDENTIAL} credential, if set.${alreadyCreated}`,
			};
		}
		if (!isOk(answer.code)) {
			return {
				message: `${request.type} (reqId ${request.id}) failed with code ${String(answer.code)}: ${answerText(answer)}`,
				description: `${FIX_BY_TYPE[request.type] ?? 'Check the values sent.'}${alreadyCreated}`,
			};
		}
	}
	if (requests.some((request) => request.type === 'cm.ConsumerRequestConversation') && !created) {
		return {
			message: 'LivePerson answered OK but named no conversation ID',
			description: `Check the Messaging URL override of the ${CREDENTIAL} credential, if set: it does not point at LivePerson's asyncMessagingEnt service.`,
		};
	}
	return undefined;
}

/** The Skills API's list of an account's skills (Account Configuration). */
export const SKILLS_LIST = /\/configuration\/le-users\/skills(\?|$)/;

function explainLpError(response: ApiResponse, request: RequestSpec): ErrorExplanation {
	const { body, statusCode } = response;
	if (isAuthFailureBody(body)) {
		return {
			message: `no AppJWT: ${body.livePersonAuth.message}`,
			description: body.livePersonAuth.description,
		};
	}
	if (SKILLS_LIST.test(request.url) && (statusCode === 401 || statusCode === 403)) {
		const said = vendorText(body);
		return {
			message: `the credential may not read the account's skills${said ? ` (${said})` : ''}`,
			description: `Choose By ID and enter the skill's number, or ask your LivePerson account team to let the connector's app installation (the Client ID of the ${CREDENTIAL} credential) read skills with the Skills API. ${SKILL_ID_HELP}.`,
		};
	}
	const code = errorCodeOf(body);
	const inner = asObject(asObject(body).body);
	if (code) {
		const title = [inner.title, inner.details]
			.filter((part) => typeof part === 'string' && part !== '')
			.join(': ');
		return { message: `${title || 'error'} [${code}]`, description: ERROR_CODE_HINTS[code] };
	}
	if (isDomainLookup(request.url) && [400, 401, 403, 404].includes(statusCode)) {
		// The answer's texts are not quoted: token and discovery answers keep only key names.
		return {
			message: "LivePerson's Domain API does not know the account",
			description: `Check the Account ID of the ${CREDENTIAL} credential (your LivePerson site ID) and its Domain API Host.`,
		};
	}
	const said = request.tokenStep ? undefined : vendorText(body);
	if (statusCode === 429) {
		return {
			message: `too many requests${said ? ` (${said})` : ''}`,
			description:
				'LivePerson kept asking to slow down after several waits of at least one second. Lower "Concurrency" in the node\'s options, or run the workflow again later; nothing was created for this item.',
		};
	}
	return said ? { message: said } : {};
}

export const livePerson: Vendor = {
	label: 'LivePerson',
	credentialType: 'livePersonConversationsApi',
	credentialName: CREDENTIAL,
	baseUrl: livePersonBaseUrl,
	renewsTokenOn401: true,
	// LivePerson's retry policy: after a 429, wait at least one second and avoid bursts.
	minRateLimitWaitMs: 1000,
	baseUrlField: 'Domain API Host',
	unauthorizedHint: `LivePerson refused the request even after n8n fetched a new AppJWT. Check the Account ID, Client ID and Client Secret of the ${CREDENTIAL} credential.`,
	explainError: explainLpError,
	checkCredentials: credentialProblem,
	failureInSuccess(response: ApiResponse, request: RequestSpec) {
		if (isAuthFailureBody(response.body)) return explainLpError(response, request);
		if (/\/messaging\/consumer\/conversation(\/send)?$/.test(request.url))
			return batchFailure(request.body, response.body);
		return undefined;
	},
};

/**
 * n8n's legacy `request`, which is all a credential test gets, as the httpRequest the token step
 * uses: the full answer whatever its status, and no redirect followed.
 */
function testHelpers(functions: ICredentialTestFunctions): IHttpRequestHelper['helpers'] {
	return {
		httpRequest: async (options) =>
			functions.helpers.request({
				method: options.method ?? 'GET',
				uri: options.url,
				qs: options.qs,
				headers: options.headers,
				body: options.body,
				json: options.json,
				timeout: options.timeout,
				resolveWithFullResponse: true,
				simple: false,
				followRedirect: false,
				followAllRedirects: false,
			}),
	};
}

/**
 * Tests the credential as the node uses it: the AppJWT from Sentinel (the Domain API names it;
 * a failure says which value is wrong), then that the account has the messaging service. A test
 * method rather than a declarative `test`: its redirect refusals name the field to fix, which
 * a declarative test's rules cannot do beside the check of the Domain API's answer.
 */
export async function livePersonCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const problem = credentialProblem(data);
	if (problem) {
		return {
			status: 'Error',
			message: `The ${problem.field} ${problem.reason}. ${problem.fix ?? `Fix the "${problem.field}" field.`}`,
		};
	}
	const helpers = testHelpers(this);
	try {
		await requestAppJwt(helpers, data);
		await serviceBaseUrl(helpers, data, 'asyncMessagingEnt');
	} catch (error) {
		const failure = asObject(asObject(asObject(error).response).data).livePersonAuth;
		if (isAuthFailureBody({ livePersonAuth: failure })) {
			const { message, description } = failure as { message: string; description: string };
			return { status: 'Error', message: `LivePerson: ${message}. ${description}` };
		}
		return {
			status: 'Error',
			message: `LivePerson could not be reached (${(error as Error).message}). Check the Domain API Host and the URL overrides of the ${CREDENTIAL} credential.`,
		};
	}
	return { status: 'OK', message: 'Connection successful' };
}
