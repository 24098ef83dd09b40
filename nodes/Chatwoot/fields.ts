import { id, InputError, integer, jsonObject, text } from '../shared/checks';
import type { Check, Field } from '../shared/types';

/** Chatwoot keeps phone numbers in E.164 (`+` and up to 15 digits); spaces, dots, dashes and brackets are dropped. */
export function phoneNumber(): Check {
	const asText = text({ maxLength: 40, allowNumber: false });
	return (value) => {
		const written = asText(value) as string | undefined;
		if (written === undefined) return undefined;
		const compact = written.replace(/[\s().-]/g, '');
		if (!/^\+[1-9]\d{1,14}$/.test(compact)) {
			throw new InputError(
				`"${written.slice(0, 40)}" is not a phone number in international format; write + and the country code first, such as +4915112345678`,
			);
		}
		return compact;
	};
}

/** A JSON object of attributes; an empty object is left out of the request. */
export function attributes(): Check {
	const asObject = jsonObject();
	return (value) => {
		const parsed = asObject(value) as object | undefined;
		return parsed === undefined || Object.keys(parsed).length === 0 ? undefined : parsed;
	};
}

/** A positive whole number that Chatwoot uses as an ID (conversation display ID, inbox ID, contact ID …). */
export function numericId(options: { required?: boolean } = {}): Check {
	return integer({ required: options.required, min: 1 });
}

export const contactIdentifierField: Field = {
	property: {
		displayName: 'Contact Identifier',
		name: 'contactIdentifier',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2a7d6b40-8f7e-4f9c-9f4e-0c5a3e1b2d11',
		description:
			'The contact\'s identifier in the inbox of the credential (Chatwoot\'s source_id), for example the contactIdentifier output of Create. Not the numeric contact ID.',
	},
	check: id({ required: true }),
};

export const conversationIdField: Field = {
	property: {
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 42',
		description: 'The number of the conversation as shown in Chatwoot\'s web address, for example the conversationId output of Create',
	},
	check: numericId({ required: true }),
};
