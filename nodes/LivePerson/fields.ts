import { InputError, text } from '../shared/checks';
import { conversationIdField as sharedConversationIdField } from '../shared/fields';
import type { Check, Field } from '../shared/types';
import { CLIENT_FEATURES } from './session';

/** A list of the offered values (multiOptions; an expression may also give one value or comma-separated text). */
export function featureList(allowed: readonly string[]): Check {
	return (value) => {
		if (
			value === undefined ||
			value === null ||
			value === '' ||
			(Array.isArray(value) && value.length === 0)
		)
			return undefined;
		const entries = Array.isArray(value)
			? value
			: typeof value === 'string'
				? value.split(',')
				: undefined;
		if (!entries) throw new InputError('must be a list of feature names such as ["AUTO_MESSAGES"]');
		return [
			...new Set(
				entries.map((entry) => {
					const name = typeof entry === 'string' ? entry.trim() : entry;
					if (typeof name !== 'string' || !allowed.includes(name)) {
						throw new InputError(
							`contains "${String(name).slice(0, 40)}"; allowed are ${allowed.join(', ')}`,
						);
					}
					return name;
				}),
			),
		];
	};
}

export const externalConsumerIdField: Field = {
	property: {
		displayName: 'External Consumer ID',
		name: 'externalConsumerId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. crm-contact-4711',
		description:
			'Your own stable ID for the end user (for example the channel user ID or CRM record ID). LivePerson keeps one consumer per ID: use the same value for every conversation and message of this person.',
	},
	check: text({ required: true, maxLength: 255 }),
};

export const conversationIdField: Field = sharedConversationIdField({
	placeholder: 'e.g. 8602832d-dce1-446b-8445-0d51f5926a42',
	description:
		'The conversation to use, for example the conversationId output of Conversation → Create. It must belong to the external consumer ID above.',
});

export const clientFeaturesProperty: Field = {
	property: {
		displayName: 'Client Features',
		name: 'clientFeatures',
		type: 'multiOptions',
		options: CLIENT_FEATURES.map((feature) => ({ name: feature, value: feature })),
		default: [],
		description:
			'Optional features sent in the Client-Properties header (for example AUTO_MESSAGES). Use the same features on every request of a conversation; LivePerson must enable them on your account.',
	},
	check: featureList(CLIENT_FEATURES),
};
