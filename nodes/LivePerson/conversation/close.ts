import type { Field, Operation } from '../../shared/types';
import { clientFeaturesField, conversationIdField, externalConsumerIdField } from '../fields';
import { closeConversationRequest } from '../requests';
import { sendIntoConversation } from '../session';

const fields: Field[] = [externalConsumerIdField, conversationIdField, clientFeaturesField];

export const closeConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Close',
		value: 'close',
		action: 'Close a conversation as the consumer',
		description: 'Close a conversation on behalf of its consumer',
	},
	fields,
	async run(context, params) {
		const { conversationId, answer } = await sendIntoConversation(context, params, (id) => ({
			body: closeConversationRequest(id),
			// Closing a closed conversation changes nothing: safe to send again after a timeout.
			idempotent: true,
			purpose: `close the conversation ${id}`,
		}));
		return {
			raw: { conversationId, response: answer },
			simplified: { conversationId, externalConsumerId: params.externalConsumerId, closed: true },
		};
	},
};
