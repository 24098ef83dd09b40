import { InputError, text } from '../shared/checks';
import {
	additionalFields,
	conversationIdField as sharedConversationIdField,
} from '../shared/fields';
import { locatorField } from '../shared/locator';
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
			"Optional messaging features the consumer's side supports (for example AUTO_MESSAGES or RICH_CONTENT). Use the same features on every step of a conversation; LivePerson must enable them on your account.",
	},
	check: featureList(CLIENT_FEATURES),
};

/** Additional Fields with Client Features, for the steps into an existing conversation. */
export const clientFeaturesField: Field = additionalFields([clientFeaturesProperty]);

const SKILL_ID = /^-?\d+$/;

/** Where a user finds a skill's ID when the list cannot show it. */
export const SKILL_ID_HELP =
	'Conversational Cloud lists the skills under Users → Skills; ask your LivePerson administrator for the ID if it is not shown there';

/** What the skills list needs from the credential. */
export const SKILLS_PERMISSION =
	"The list needs the connector's app installation to be allowed to read the account's skills (LivePerson's Skills API, read-only Account Configuration); ask your LivePerson account team to add that permission, or choose By ID";

/** A LivePerson skill: From list (the account's skills), or By ID. */
export function skillField(options: {
	description: string;
	required: boolean;
	/** The list starts with "Any Skill" (-1), which is also the default. */
	anySkill?: boolean;
}): Field {
	const field = locatorField('Skill', 'skillId', {
		searchListMethod: options.anySkill ? 'searchSkillsOrAny' : 'searchSkills',
		idPlaceholder: options.anySkill ? 'e.g. 2736637412, or -1 for any skill' : 'e.g. 2736637412',
		required: options.required,
		description: `${options.description}. ${SKILLS_PERMISSION}. By ID: the skill's number. ${SKILL_ID_HELP}.`,
		check: text({
			required: options.required,
			pattern: options.anySkill ? SKILL_ID : /^\d+$/,
			patternHint: options.anySkill
				? 'a skill ID is a number, or -1 for any skill'
				: 'a skill ID is a number',
		}),
	});
	if (options.anySkill)
		field.property.default = { mode: 'list', value: '-1', cachedResultName: 'Any Skill' };
	return field;
}
