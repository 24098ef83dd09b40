import { buildBody, messageField } from '../../shared/fields';
import type { Field, Operation } from '../../shared/types';
import { MESSAGE_MAX_LENGTH } from '../conversation/create';
import { simplifyMessage } from '../simplify';
import { contactConversationIdField, contactIdentifierField, conversationNumber } from '../fields';
import { sendPublic } from '../public';

const contentField: Field = messageField({
	description:
		'What the contact says. Chatwoot shows it to agents as an incoming message; a resolved conversation opens again.',
	required: true,
	maxLength: MESSAGE_MAX_LENGTH,
	send: 'content',
});

const fields: Field[] = [contactIdentifierField, contactConversationIdField, contentField];

export const sendMessage: Operation = {
	resource: 'message',
	option: {
		name: 'Send as Contact',
		value: 'send',
		action: 'Send a message as the contact',
		description:
			"Post a message from the contact into one of the contact's conversations, as a customer would",
	},
	fields,
	async run(context, params) {
		const contactIdentifier = String(params.contactIdentifier);
		const message = await sendPublic(
			context,
			{ contactIdentifier, conversationId: conversationNumber(params.conversationId) },
			{
				method: 'POST',
				tail: '/messages',
				body: buildBody(fields, params),
				purpose: 'send the message',
			},
		);
		return { raw: message, simplified: simplifyMessage(message, contactIdentifier) };
	},
};
