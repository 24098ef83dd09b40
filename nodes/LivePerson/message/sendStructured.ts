import type { IDataObject } from 'n8n-workflow';

import { InputError, jsonObject } from '../../shared/checks';
import type { Check, Field, Operation } from '../../shared/types';
import { clientFeaturesField, conversationIdField, externalConsumerIdField } from '../fields';
import { publishRichContentRequest } from '../requests';
import { sendIntoConversation, sentMessageResult } from '../session';

/** LivePerson's size limit for one structured content message is not published: this keeps it sane. */
const MAX_CONTENT_CHARS = 50_000;

/** A structured content object: JSON with a template `type` (vertical, horizontal, carousel…). */
function structuredContent(): Check {
	const object = jsonObject();
	return (value) => {
		const parsed = object(value) as IDataObject | undefined;
		if (parsed === undefined) throw new InputError('is required but is empty');
		if (typeof parsed.type !== 'string' || parsed.type === '')
			throw new InputError(
				'needs a "type" (a structured content template such as "vertical", with its "elements")',
			);
		if (JSON.stringify(parsed).length > MAX_CONTENT_CHARS)
			throw new InputError(`is longer than ${MAX_CONTENT_CHARS} characters as JSON`);
		return parsed;
	};
}

const fields: Field[] = [
	externalConsumerIdField,
	conversationIdField,
	{
		property: {
			displayName: 'Structured Content (JSON)',
			name: 'structuredContent',
			type: 'json',
			default:
				'{\n  "type": "vertical",\n  "elements": [{ "type": "text", "text": "Order 1042" }]\n}',
			required: true,
			description:
				'The structured content as LivePerson\'s templates describe it: an object with a "type" (vertical, horizontal, carousel…) and its "elements". Sent as a RichContentEvent from the consumer.',
		},
		check: structuredContent(),
	},
	clientFeaturesField,
];

export const sendStructuredContent: Operation = {
	resource: 'message',
	option: {
		name: 'Send Structured Content',
		value: 'sendStructuredContent',
		action: 'Send structured content as the consumer',
		description:
			'Send structured content (a card, a location, buttons) from the consumer into an open conversation',
	},
	fields,
	async run(context, params) {
		const sent = await sendIntoConversation(context, params, (id) => ({
			body: publishRichContentRequest(id, params.structuredContent as IDataObject),
			// a second send would post the content twice
			idempotent: false,
			purpose: `send the structured content into the conversation ${id}`,
		}));
		return sentMessageResult(params, sent);
	},
};
