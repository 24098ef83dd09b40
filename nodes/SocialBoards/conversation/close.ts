import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/objects';
import { pathSegment } from '../../shared/paths';
import type { Field, Operation } from '../../shared/types';
import { dataOf, type Envelope } from '../vendor';
import { conversationIdField } from '../fields';
import { simplifyConversation } from '../simplify';

const fields: Field[] = [conversationIdField];

/**
 * SocialBoards' "Close conversation" endpoint. Its documentation page is listed in the External
 * Chat API's conversations overview; the method follows the API's other state changes
 * (takeover, feedback: PATCH on a sub-path of the conversation).
 */
export const closeConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Close',
		value: 'close',
		action: 'Close a conversation',
		description:
			'Close a chat conversation; new agent messages then reach the person by e-mail. Closing twice is harmless.',
	},
	fields,
	async run(context, params) {
		const conversationId = String(params.conversationId);
		const answer = await context.send<Envelope<unknown>>({
			method: 'PATCH',
			url: `/chat/conversations/${pathSegment(conversationId, 'Conversation ID')}/close`,
			idempotent: true,
			purpose: 'close the conversation',
			notFound: `No SocialBoards conversation has the ID ${conversationId}. Check the Conversation ID, and that the credential belongs to the account the conversation is in.`,
		});
		const data = dataOf(answer);
		// SocialBoards answers with its envelope; when `data` is the conversation, it is shown as Get shows it.
		if (isObject(data) && data.id !== undefined) {
			return { raw: data, simplified: simplifyConversation(data, false) };
		}
		const raw: IDataObject = { conversationId: Number(conversationId), data: data as IDataObject };
		return { raw, simplified: { conversationId: Number(conversationId), isClosed: true } };
	},
};
