import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiError, itemError } from '../shared/errors';
import { oncePerExecution } from '../shared/once';
import type { OperationContext, RequestSpec } from '../shared/types';
import { CONTACT_SOURCE_ID_LABEL } from './fields';
import { chatwoot, CREDENTIAL_NAME, pathSegment } from './vendor';

/** Where a public API call points: the credential's inbox, and optionally a contact and a conversation in it. */
export interface PublicTarget {
	/** The contact's identifier in the inbox (Chatwoot's source_id, `contact_identifier` in the docs). */
	contactIdentifier?: string;
	/** The conversation's display ID (the number in Chatwoot's URLs). */
	conversationId?: number;
}

export function inboxIdentifierOf(context: OperationContext): string {
	return String(context.credentials.inboxIdentifier ?? '').trim();
}

/** The public API needs the credential's Inbox Identifier, which is optional for Create as Agent only. */
function requireInboxIdentifier(context: OperationContext): string {
	const inboxIdentifier = inboxIdentifierOf(context);
	if (inboxIdentifier !== '') return inboxIdentifier;
	throw itemError(
		context,
		`This operation needs the Inbox Identifier of the ${CREDENTIAL_NAME} credential`,
		"Create as Contact, Send as Contact, and Get and Resolve with a Contact Source ID act as a contact of the credential's inbox, which the node names by its identifier: copy it from Chatwoot → Settings → Inboxes → your API inbox → Configuration → Inbox Identifier. Nothing was sent.",
	);
}

/** /public/api/v1/inboxes/{inbox}[/contacts/{contact}[/conversations/{id}]] plus `tail`. */
export function publicPath(inboxIdentifier: string, target: PublicTarget = {}, tail = ''): string {
	let path = `/public/api/v1/inboxes/${pathSegment(inboxIdentifier, 'The Inbox Identifier')}`;
	if (target.contactIdentifier !== undefined)
		path += `/contacts/${pathSegment(target.contactIdentifier, CONTACT_SOURCE_ID_LABEL)}`;
	if (target.conversationId !== undefined) path += `/conversations/${target.conversationId}`;
	return path + tail;
}

const INBOX_HINT = `Check the Inbox Identifier in the ${CREDENTIAL_NAME} credential (Chatwoot → Settings → Inboxes → your API inbox → Configuration → Inbox Identifier; only API-channel inboxes have one) and that the Base URL points at the Chatwoot installation of that inbox.`;
const CONTACT_HINT =
	'The Contact Source ID is the source_id Chatwoot gave the contact in this inbox (the contactIdentifier output of Create), not the numeric contact ID nor the CRM Identifier. A source ID of another inbox does not work here.';
const CONVERSATION_HINT =
	"Use the conversation ID shown in Chatwoot's web address (the conversationId output of Create). The conversation must belong to this contact and this inbox.";

/** What a 404 of the public API means: the inbox is unknown, or the contact, or the conversation. */
async function diagnoseNotFound(
	context: OperationContext,
	request: RequestSpec,
	target: PublicTarget,
): Promise<NodeApiError> {
	const inboxIdentifier = inboxIdentifierOf(context);
	const fail = (message: string, description: string) =>
		apiError(
			context.node,
			chatwoot,
			{ statusCode: 404, headers: {}, body: undefined },
			request,
			context.itemIndex,
			{
				message,
				description,
			},
		);

	const noInbox = 'no API inbox has the Inbox Identifier of the credential';
	if (target.contactIdentifier === undefined) return fail(noInbox, INBOX_HINT);
	// Rails answers the same bare 404 for each of the three; two reads (only on this error path) tell them apart.
	const inbox = await oncePerExecution(context, `chatwoot:inbox:${inboxIdentifier}`, async () =>
		context.send({
			method: 'GET',
			url: publicPath(inboxIdentifier),
			purpose: 'check the inbox identifier',
			notFoundIsEmpty: true,
		}),
	);
	if (!inbox) return fail(noInbox, INBOX_HINT);
	if (target.conversationId !== undefined) {
		const contact = await context.send({
			method: 'GET',
			url: publicPath(inboxIdentifier, { contactIdentifier: target.contactIdentifier }),
			purpose: 'check the contact source ID',
			notFoundIsEmpty: true,
		});
		if (contact) {
			return fail(
				`the contact has no conversation with the ID ${target.conversationId} in this inbox`,
				CONVERSATION_HINT,
			);
		}
	}
	return fail(
		`no contact has the source ID "${target.contactIdentifier}" in this inbox`,
		CONTACT_HINT,
	);
}

/**
 * Sends a public API request for `target`. A 404 is explained precisely (which of inbox, contact
 * and conversation is unknown); any other failure is the transport's error.
 */
export async function sendPublic<T = IDataObject>(
	context: OperationContext,
	target: PublicTarget,
	request: Omit<RequestSpec, 'url' | 'notFound' | 'notFoundIsEmpty'> & { tail?: string },
): Promise<T> {
	const { tail, ...rest } = request;
	const spec: RequestSpec = {
		...rest,
		url: publicPath(requireInboxIdentifier(context), target, tail),
	};
	let notFound: NodeApiError | undefined;
	const answer = await context.send<T>(spec).catch((error: unknown) => {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			notFound = error;
			return undefined;
		}
		throw error;
	});
	if (notFound)
		throw await diagnoseNotFound(context, spec, target).catch(() => notFound as NodeApiError);
	return answer as T;
}
