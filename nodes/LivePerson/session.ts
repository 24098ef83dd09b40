import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { itemError } from '../shared/errors';
import { forget, oncePerExecution } from '../shared/once';
import type { OperationContext, OperationResult, RequestSpec } from '../shared/types';
import type { LivePersonService } from './auth';
import {
	accountLabel,
	accountSegment,
	domainFailure,
	domainLookupUrl,
	serviceOverride,
	withScheme,
} from './auth';
import { sequenceOf } from './requests';

/** The hosts of the account that the node calls (sentinel is the credential's business). */
export interface Domains {
	idp: string;
	messaging: string;
}

async function lookupDomain(
	context: OperationContext,
	service: LivePersonService,
): Promise<string> {
	const override = serviceOverride(context.credentials, service);
	if (override) return override;
	const answer = await context.send<{ baseURI?: unknown }>({
		method: 'GET',
		url: domainLookupUrl(context.credentials, service),
		qs: { version: '1.0' },
		purpose: `look up the ${service} host of account ${accountLabel(context.credentials)}`,
		tokenStep: true,
	});
	const host = answer?.baseURI;
	if (typeof host !== 'string' || host.trim() === '') {
		const failure = domainFailure(context.credentials, service, 200, answer);
		throw itemError(context, `LivePerson: ${failure.message}`, failure.description);
	}
	return withScheme(host);
}

/** The idp and asyncMessagingEnt hosts, looked up once per execution (unless the credential overrides them). */
export function domains(context: OperationContext): Promise<Domains> {
	return oncePerExecution(context, 'liveperson:domains', async () => {
		const idp = await lookupDomain(context, 'idp');
		const messaging = await lookupDomain(context, 'asyncMessagingEnt');
		return { idp, messaging };
	});
}

const consumerKey = (externalConsumerId: string) => `liveperson:consumer:${externalConsumerId}`;

/** The ConsumerJWS of one end user, from the IDP, shared by all items of the execution with the same external consumer ID. */
export function consumerJws(
	context: OperationContext,
	hosts: Domains,
	externalConsumerId: string,
): Promise<string> {
	return oncePerExecution(context, consumerKey(externalConsumerId), async () => {
		const answer = await context.send<{ token?: unknown }>({
			method: 'POST',
			url: `${hosts.idp}/api/account/${accountSegment(context.credentials)}/consumer`,
			qs: { v: '1.0' },
			body: { ext_consumer_id: externalConsumerId },
			// The same external ID always maps to the same consumer: asking twice creates nothing new.
			idempotent: true,
			purpose: `get a ConsumerJWS for the external consumer ID "${externalConsumerId}"`,
			tokenStep: true,
		});
		const token = answer?.token;
		if (typeof token !== 'string' || token === '') {
			throw itemError(
				context,
				`LivePerson's IDP answered without a ConsumerJWS for "${externalConsumerId}"`,
				"Check the IDP URL override of the LivePerson Conversations credential, if set: it does not point at LivePerson's idp service.",
			);
		}
		return token;
	});
}

/**
 * Domains, then the consumer's token. The first consumer token of an execution is fetched before
 * any other item sends: when the AppJWT is missing or expired, n8n's preAuthentication then runs
 * once for the execution, not once per item running in parallel.
 */
export async function openSession(
	context: OperationContext,
	externalConsumerId: string,
): Promise<{ hosts: Domains; token: string }> {
	const hosts = await domains(context);
	// The first consumer's call goes alone; its result (or failure) is that item's own, the others only wait for it.
	let own: Promise<string> | undefined;
	await oncePerExecution(context, 'liveperson:first-consumer', async () => {
		own = consumerJws(context, hosts, externalConsumerId);
		await own.catch(() => undefined);
	});
	return { hosts, token: await (own ?? consumerJws(context, hosts, externalConsumerId)) };
}

export const CLIENT_FEATURES = [
	'AUTO_MESSAGES',
	'CO_BROWSE',
	'MULTI_DIALOG',
	'PHOTO_SHARING',
	'QUICK_REPLIES',
	'RICH_CONTENT',
] as const;

/** The item's Client Features (under Additional Fields), if any. */
export function clientFeaturesOf(params: IDataObject): unknown {
	return (params.additionalFields as IDataObject | undefined)?.clientFeatures;
}

/** The Client-Properties header, sent on CONVERSATION and on every SEND of the conversation when features are set. */
export function clientPropertiesHeader(features: unknown): IDataObject {
	if (!Array.isArray(features) || features.length === 0) return {};
	return { 'Client-Properties': JSON.stringify({ type: '.ClientProperties', features }) };
}

/** The documented error code inside a failed call's body, as the shared error mapper kept it. */
export function failedWithCode(error: unknown, code: string): boolean {
	if (!(error instanceof NodeApiError) || error.httpCode !== '401') return false;
	const kept = (error.errorResponse as IDataObject | undefined)?.body;
	return typeof kept === 'string' && new RegExp(`"errorCode"\\s*:\\s*"?${code}\\b`).test(kept);
}

export type MessagingRequest = Omit<RequestSpec, 'url' | 'headers'> & {
	path: 'conversation' | 'conversation/send';
};

/**
 * A CONVERSATION or SEND call on behalf of the consumer: AppJWT (the credential), ConsumerJWS in
 * X-LP-ON-BEHALF, Client-Properties when set. n8n has already renewed the AppJWT once on a 401;
 * if LivePerson still says the ConsumerJWS is invalid (40103), the node gets a fresh ConsumerJWS
 * and sends once more (a 401 means nothing was created).
 */
export async function sendAsConsumer<T>(
	context: OperationContext,
	externalConsumerId: string,
	features: unknown,
	request: MessagingRequest,
): Promise<T> {
	const { hosts, token } = await openSession(context, externalConsumerId);
	const { path, ...spec } = request;
	const url = `${hosts.messaging}/api/account/${accountSegment(context.credentials)}/messaging/consumer/${path}`;
	const build = (jws: string): RequestSpec => ({
		...spec,
		url,
		qs: { v: '3' },
		headers: { 'X-LP-ON-BEHALF': jws, ...clientPropertiesHeader(features) },
	});
	const refused = Symbol('ConsumerJWS refused');
	// Every failure is already a NodeApiError from the shared transport; only 40103 is handled here.
	const first = await context.send<T>(build(token)).catch((error: unknown) => {
		if (failedWithCode(error, '40103')) return refused;
		throw error;
	});
	if (first !== refused) return first as T;
	// Forget the refused token (unless another item already replaced it), then ask the IDP again.
	const key = consumerKey(externalConsumerId);
	await forget(context, key, token);
	const fresh = await consumerJws(context, hosts, externalConsumerId);
	return await context.send<T>(build(fresh));
}

/**
 * A SEND into the item's conversation as its consumer (the External Consumer ID, Conversation ID
 * and Client Features fields): the answer, with the conversation ID it was sent into.
 */
export async function sendIntoConversation(
	context: OperationContext,
	params: IDataObject,
	build: (conversationId: string) => Pick<RequestSpec, 'body' | 'purpose' | 'idempotent'>,
): Promise<{ conversationId: string; answer: IDataObject }> {
	const conversationId = params.conversationId as string;
	const answer = await sendAsConsumer<IDataObject>(
		context,
		params.externalConsumerId as string,
		clientFeaturesOf(params),
		{
			method: 'POST',
			path: 'conversation/send',
			...build(conversationId),
		},
	);
	return { conversationId, answer };
}

/** What Send and Send Structured return: the conversation, the consumer and the message's sequence. */
export function sentMessageResult(
	params: IDataObject,
	{ conversationId, answer }: { conversationId: string; answer: IDataObject },
): OperationResult {
	return {
		raw: { conversationId, response: answer },
		simplified: {
			conversationId,
			externalConsumerId: params.externalConsumerId,
			sequence: sequenceOf(answer) ?? null,
		},
	};
}
