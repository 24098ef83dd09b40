import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asObject, isObject } from '../shared/objects';
import { httpStatusOf, isRedirect, redirectHint, triggerCredentials } from '../shared/trigger';
import { accountLabel, accountSegment, credentialProblem, domainApiUrl, withScheme } from './auth';

/**
 * The connector's app installation, through LivePerson's App Management (app-install) API on the
 * account's `accountConfigReadWrite` host: GET …/configuration/app-install/installations/{client_id}?v=1.0
 * answers the installation and its revision in the `ac-revision` header; PUT with `If-Match:
 * <revision>` replaces it (as LivePerson's own Connector API demo app does:
 * LivePersonInc/lp-demo-app-connector-api, server/appInstallationBridge.js). Its
 * `capabilities.webhooks` holds one `{endpoint, max_retries}` per event type (Connector API →
 * Getting Started, App Install Manifest). The demo app calls it with a brand admin's login token;
 * whether a connector's own AppJWT (scope msg.consumer) may change its installation is not
 * documented, so the node explains a refusal.
 */
export const CREDENTIAL = 'livePersonConversationsApi';
export const CONFIG_SERVICE = 'accountConfigReadWrite';

type Context = IHookFunctions | IWebhookFunctions;

export async function livePersonCredentials(
	context: Context,
): Promise<ICredentialDataDecryptedObject> {
	return await triggerCredentials(context, CREDENTIAL, credentialProblem);
}

/** What the brand admin enters when the node may not: one line per event type. */
export function endpointsToEnter(url: string, eventTypes: string[]): string {
	return eventTypes.map((type) => `${type} → ${url}`).join('; ');
}

async function configHost(
	context: Context,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	let answer: IN8nHttpFullResponse;
	try {
		answer = (await context.helpers.httpRequest({
			method: 'GET',
			url: `${domainApiUrl(credentials)}/api/account/${accountSegment(credentials)}/service/${CONFIG_SERVICE}/baseURI.json`,
			qs: { version: '1.0' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// the host it names gets the credential's AppJWT: never one a redirect chose
			disableFollowRedirect: true,
		})) as IN8nHttpFullResponse;
	} catch {
		throw new NodeOperationError(context.getNode(), "LivePerson's Domain API is not reachable", {
			description: 'Check the Domain API Host of the LivePerson Conversations credential.',
		});
	}
	if (isRedirect(answer.statusCode)) {
		throw new NodeOperationError(
			context.getNode(),
			`LivePerson's Domain API answered with a redirect (HTTP ${answer.statusCode})`,
			{ description: redirectHint('LivePerson', 'the Domain API Host') },
		);
	}
	const host = asObject(answer.body).baseURI;
	if (answer.statusCode !== 200 || typeof host !== 'string' || host.trim() === '') {
		throw new NodeOperationError(
			context.getNode(),
			`LivePerson's Domain API names no ${CONFIG_SERVICE} host for account ${accountLabel(credentials)} (HTTP ${answer.statusCode})`,
			{ description: 'Check the Account ID and the Domain API Host of the credential.' },
		);
	}
	return withScheme(host);
}

export interface Installation {
	url: string;
	revision: string | undefined;
	body: IDataObject;
}

async function call(
	context: Context,
	method: IHttpRequestMethods,
	url: string,
	purpose: string,
	refusal: string,
	extra: { body?: IDataObject; headers?: IDataObject } = {},
): Promise<IN8nHttpFullResponse> {
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL, {
			method,
			url,
			qs: { v: '1.0' },
			json: true,
			returnFullResponse: true,
			disableFollowRedirect: true,
			...extra,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const status = httpStatusOf(error);
		const hint =
			status === 401 || status === 403
				? refusal
				: isRedirect(status)
					? redirectHint('LivePerson', 'the Domain API Host')
					: status === 404
						? 'LivePerson knows no installation with the Client ID of the credential in this account: check the Client ID (the app installation ID) and the Account ID.'
						: 'Check that LivePerson is reachable from n8n, then activate the workflow again.';
		throw new NodeOperationError(
			context.getNode(),
			`LivePerson could not ${purpose}${status ? ` (HTTP ${status})` : ''}`,
			{ description: hint },
		);
	}
}

/** The installation (the credential's Client ID) and its revision. */
export async function readInstallation(context: Context, refusal: string): Promise<Installation> {
	const credentials = await livePersonCredentials(context);
	const host = await configHost(context, credentials);
	const clientId = encodeURIComponent(String(credentials.clientId ?? '').trim());
	const url = `${host}/api/account/${accountSegment(credentials)}/configuration/app-install/installations/${clientId}`;
	const answer = await call(context, 'GET', url, 'read the app installation', refusal);
	const revision = asObject(answer.headers)['ac-revision'];
	if (!isObject(answer.body)) {
		throw new NodeOperationError(context.getNode(), 'LivePerson answered no app installation', {
			description: 'Check the Domain API Host of the credential: it does not point at LivePerson.',
		});
	}
	return {
		url,
		revision:
			typeof revision === 'string' || typeof revision === 'number' ? String(revision) : undefined,
		body: answer.body,
	};
}

/** Replaces the installation (If-Match its revision): everything but what `change` edits stays as read. */
export async function writeInstallation(
	context: Context,
	installation: Installation,
	refusal: string,
): Promise<void> {
	await call(context, 'PUT', installation.url, 'update the app installation', refusal, {
		body: installation.body,
		headers: {
			'X-HTTP-Method-Override': 'PUT',
			...(installation.revision ? { 'If-Match': installation.revision } : {}),
		},
	});
}

/** The installation's webhooks object (created when missing). */
export function webhooksOf(installation: Installation): IDataObject {
	const capabilities = asObject(installation.body.capabilities);
	const webhooks = asObject(capabilities.webhooks);
	installation.body.capabilities = { ...capabilities, webhooks };
	return webhooks;
}

export function endpointOf(webhooks: IDataObject, eventType: string): string | undefined {
	const endpoint = asObject(webhooks[eventType]).endpoint;
	return typeof endpoint === 'string' ? endpoint : undefined;
}
