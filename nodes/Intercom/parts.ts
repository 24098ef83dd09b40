import type { IDataObject } from 'n8n-workflow';

import { additionalFields, messageField } from '../shared/fields';
import { pathSegment } from '../shared/paths';
import type { Field, OperationContext } from '../shared/types';
import { simplifyConversation } from './simplify';

/**
 * One conversation action (assign, close, open, snooze) through POST /conversations/{id}/parts.
 * Safe to send twice unless it carries a message, which a second send would post again.
 */
export async function sendPart(
	context: OperationContext,
	conversationId: unknown,
	body: IDataObject,
	purpose: string,
) {
	const conversation = await context.send({
		method: 'POST',
		url: `/conversations/${pathSegment(String(conversationId), 'Conversation ID')}/parts`,
		body,
		idempotent: body.body === undefined,
		purpose,
		notFound: `Intercom found no conversation "${String(conversationId)}", or no admin with the ID "${String(body.admin_id)}".`,
	});
	return {
		raw: conversation,
		simplified: {
			...simplifyConversation(conversation, context.credentials),
			snoozedUntil:
				typeof conversation.snoozed_until === 'number'
					? new Date(conversation.snoozed_until * 1000).toISOString()
					: undefined,
			adminId: body.admin_id,
		},
	};
}

/** The optional message an action posts with it (assign, close), in Additional Fields. */
export function partMessageField(description: string): Field {
	return additionalFields([messageField({ description, maxLength: 65_000, send: 'body' })]);
}
