import type { IDataObject } from 'n8n-workflow';

import { messageField } from '../../shared/fields';
import type { Field, Operation } from '../../shared/types';
import { clientFeaturesProperty, conversationIdField, externalConsumerIdField } from '../fields';
import { publishTextRequest, sequenceOf } from '../requests';
import { sendAsConsumer } from '../session';

const fields: Field[] = [
	externalConsumerIdField,
	conversationIdField,
	messageField({ description: 'What the consumer says, as plain text', required: true, maxLength: 10_000, rows: 3 }),
	clientFeaturesProperty,
];

export const sendMessage: Operation = {
	resource: 'message',
	option: {
		name: 'Send',
		value: 'send',
		action: 'Send a message',
		description: 'Send a text message from the consumer into an open conversation',
	},
	fields,
	async run(context, params) {
		const conversationId = params.conversationId as string;
		const answer = await sendAsConsumer<IDataObject>(context, params.externalConsumerId as string, params.clientFeatures, {
			method: 'POST',
			path: 'conversation/send',
			body: publishTextRequest(conversationId, params.message as string),
			purpose: `send the message into the conversation ${conversationId}`,
		});
		return {
			raw: { conversationId, response: answer },
			simplified: {
				conversationId,
				externalConsumerId: params.externalConsumerId,
				sequence: sequenceOf(answer) ?? null,
			},
		};
	},
};
