import type { IDataObject } from 'n8n-workflow';

import type { LpRequest } from './vendor';

function isFilled(object: unknown): object is IDataObject {
	return typeof object === 'object' && object !== null && Object.keys(object).length > 0;
}

/**
 * The values the Create fields declare (by their `send` paths), grouped as:
 * `personal` (Personal Info SDE), `contact` (its first contacts entry), `ctmrinfo` (Customer Info SDE),
 * `ctmrinfoExtra` (more Customer Info fields as JSON) and `conversation` (cm.ConsumerRequestConversation).
 */
export interface CreateValues extends IDataObject {
	personal?: IDataObject;
	contact?: IDataObject;
	ctmrinfo?: IDataObject;
	ctmrinfoExtra?: IDataObject;
	conversation?: IDataObject;
}

/** The userprofile.SetUserProfile body in the current form: `authenticatedData.lp_sdes` (Customer Info, Personal Info). */
export function userProfileBody(values: CreateValues): IDataObject {
	const sdes: IDataObject[] = [];
	const info = { ...(values.ctmrinfoExtra ?? {}), ...(values.ctmrinfo ?? {}) };
	if (isFilled(info)) sdes.push({ type: 'ctmrinfo', info });
	const personal: IDataObject = { ...(values.personal ?? {}) };
	if (isFilled(values.contact)) personal.contacts = [values.contact];
	if (isFilled(personal)) sdes.push({ type: 'personal', personal });
	return sdes.length ? { authenticatedData: { lp_sdes: sdes } } : {};
}

/** The cm.ConsumerRequestConversation body: brand = account, channel MESSAGING, and the routing the item sets. */
export function requestConversationBody(accountId: string, values: CreateValues): IDataObject {
	const body: IDataObject = {
		brandId: accountId,
		channelType: 'MESSAGING',
		...(values.conversation ?? {}),
	};
	if (isFilled(body.conversationContext)) {
		body.conversationContext = { type: 'SharkContext', ...body.conversationContext };
	}
	return body;
}

/** One request of a CONVERSATION or SEND batch; `id` matches it to its answer's reqId. */
function lpRequest(type: string, body: IDataObject, id = '1'): LpRequest {
	return { kind: 'req', id, type, body };
}

/** The CONVERSATION batch, in the order LivePerson requires: the profile first, then the conversation request. */
export function createConversationRequests(accountId: string, values: CreateValues): LpRequest[] {
	return [
		lpRequest('userprofile.SetUserProfile', userProfileBody(values), '1'),
		lpRequest('cm.ConsumerRequestConversation', requestConversationBody(accountId, values), '2'),
	];
}

/** A text message from the consumer (SEND endpoint, ms.PublishEvent with a text/plain ContentEvent). */
export function publishTextRequest(conversationId: string, message: string): LpRequest {
	return lpRequest('ms.PublishEvent', {
		dialogId: conversationId,
		event: { type: 'ContentEvent', contentType: 'text/plain', message },
	});
}

/**
 * Structured content from the consumer (SEND endpoint, ms.PublishEvent with a RichContentEvent).
 * The Messaging Window API, whose payloads the SEND endpoint takes, lists rich content among the
 * events a consumer publishes (assets/schema/ws/consumerRequests.json, PublishEvent); LivePerson's
 * RichContentEvents carry the structured content in `content` (notifications, consumer locations).
 */
export function publishRichContentRequest(conversationId: string, content: IDataObject): LpRequest {
	return lpRequest('ms.PublishEvent', {
		dialogId: conversationId,
		event: { type: 'RichContentEvent', content },
	});
}

/**
 * Moving a conversation to another skill (SEND endpoint, cm.UpdateConversationField with a Skill
 * change: `{field: "Skill", type: "UPDATE", skill}`, as the Messaging Window API's
 * assets/schema/cm/types/SkillChange.json defines it).
 */
export function transferToSkillRequest(conversationId: string, skillId: string): LpRequest {
	return lpRequest('cm.UpdateConversationField', {
		conversationId,
		conversationField: [{ field: 'Skill', type: 'UPDATE', skill: skillId }],
	});
}

/** The consumer's SDEs on the SEND endpoint ("set user profile (send SDEs)"): userprofile.SetUserProfile. */
export function setUserProfileRequest(values: CreateValues): LpRequest {
	return lpRequest('userprofile.SetUserProfile', userProfileBody(values));
}

/** Closing a conversation (SEND endpoint, cm.UpdateConversationField with ConversationStateField CLOSE). */
export function closeConversationRequest(conversationId: string): LpRequest {
	return lpRequest('cm.UpdateConversationField', {
		conversationId,
		conversationField: { field: 'ConversationStateField', conversationState: 'CLOSE' },
	});
}

/** The sequence number a SEND answer gives a published message. */
export function sequenceOf(answer: unknown): number | undefined {
	const element = Array.isArray(answer) ? answer[0] : answer;
	const body =
		typeof element === 'object' && element !== null ? (element as IDataObject).body : undefined;
	const sequence =
		typeof body === 'object' && body !== null ? (body as IDataObject).sequence : undefined;
	return typeof sequence === 'number' ? sequence : undefined;
}

/** LivePerson's own consumer ID, read from the ConsumerJWS payload (lp_consumer_id), when the token shows it. */
export function lpConsumerIdOf(consumerJws: string): string | undefined {
	const payload = consumerJws.split('.')[1];
	if (!payload) return undefined;
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as IDataObject;
		return typeof claims.lp_consumer_id === 'string' ? claims.lp_consumer_id : undefined;
	} catch {
		return undefined;
	}
}
