import type { IDataObject } from 'n8n-workflow';

import type { Operation } from '../../shared/types';
import {
	conversationNotFound,
	conversationPath,
	conversationTarget,
	withAccount,
} from '../application';
import { contactConversationIdField, conversationNumber } from '../fields';
import { sendPublic } from '../public';
import { simplifyConversationAsAgent, simplifyPublicConversation } from '../simplify';
import { optionalContactIdentifierField, sourceIdOrToken } from './asContactOrAgent';

export const resolveConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Resolve',
		value: 'resolve',
		action: 'Resolve a conversation',
		description:
			"Mark a conversation as resolved, as its contact (with a Contact Source ID) or as the agent who owns the credential's User Access Token",
	},
	fields: [
		contactConversationIdField,
		optionalContactIdentifierField('resolves the conversation'),
		withAccount(),
	],
	checkWithCredentials: sourceIdOrToken('Resolve'),
	async run(context, params) {
		if (params.contactIdentifier === undefined) {
			const { accountId, conversationId } = conversationTarget(context, params, 'Resolve');
			const notFound = conversationNotFound(accountId, conversationId);
			// read first, for the same output as the contact's Resolve; nothing changes if this fails
			const conversation = await context.send<IDataObject>({
				method: 'GET',
				url: conversationPath(accountId, conversationId),
				purpose: 'get the conversation',
				notFound,
			});
			const answer = await context.send<IDataObject>({
				method: 'POST',
				url: conversationPath(accountId, conversationId, '/toggle_status'),
				body: { status: 'resolved' },
				purpose: 'resolve the conversation',
				// an explicit status: sending it again gives the same status
				idempotent: true,
				notFound,
			});
			const status = asStatus(answer) ?? 'resolved';
			return {
				raw: { ...conversation, status },
				simplified: simplifyConversationAsAgent(
					{ ...conversation, status },
					accountId,
					context.credentials,
				),
			};
		}
		const contactIdentifier = String(params.contactIdentifier);
		const conversationId = conversationNumber(params.conversationId);
		const answer = await sendPublic<IDataObject | string | undefined>(
			context,
			{ contactIdentifier, conversationId },
			{
				method: 'POST',
				tail: '/toggle_status',
				purpose: 'resolve the conversation',
				// The public toggle_status only ever resolves (open, pending or snoozed → resolved; resolved stays
				// resolved), so sending it again after a timeout cannot do anything else.
				idempotent: true,
			},
		);
		const conversation: IDataObject =
			typeof answer === 'object' && answer !== null
				? answer
				: { id: conversationId, status: 'resolved' };
		return {
			raw: conversation,
			simplified: simplifyPublicConversation(conversation, contactIdentifier, context.credentials),
		};
	},
};

/** The status in toggle_status's answer ({ payload: { current_status } }). */
function asStatus(answer: IDataObject | undefined): string | undefined {
	const payload = answer?.payload as IDataObject | undefined;
	return typeof payload?.current_status === 'string' ? payload.current_status : undefined;
}
