import { email, InputError, integer, jsonObject, text, url } from '../shared/checks';
import { dotSegmentProblem } from '../shared/paths';
import { locatorField, locatorParts } from '../shared/locator';
import { multiSelectField } from '../shared/multiSelect';
import type { Check, Field } from '../shared/types';

/** Chatwoot keeps phone numbers in E.164 (`+` and up to 15 digits); spaces, dots, dashes and brackets are dropped. */
export function phoneNumber(): Check {
	const asText = text({ maxLength: 40 });
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

/**
 * A contact's source ID in one inbox (Chatwoot's ContactInboxBuilder): a UUID for API and website
 * inboxes, the address for e-mail, `+<E.164>` for SMS, `whatsapp:+<E.164>` for Twilio WhatsApp. It
 * goes into URL paths, so "/", "?", "#", "\", "..", a lone "." (also percent-encoded) and whitespace or control characters are refused.
 */
export function contactSourceId(options: { required?: boolean } = {}): Check {
	const asText = text({ required: options.required, maxLength: 255 });
	return (value) => {
		const written = asText(value) as string | undefined;
		if (written === undefined) return undefined;
		const problem = sourceIdProblem(written);
		const dotSegment = problem ? undefined : dotSegmentProblem(written);
		if (dotSegment) throw new InputError(dotSegment);
		if (problem) {
			const shown = [...written]
				.map((char) => (isControlOrSpace(char) ? '?' : char))
				.join('')
				.slice(0, 60);
			throw new InputError(
				`"${shown}" is not a contact source ID: it contains ${problem}. Use the contactIdentifier output of Create, or for e-mail, SMS and WhatsApp inboxes the address, +phone number or whatsapp:+number.`,
			);
		}
		return written;
	};
}

function isControlOrSpace(char: string): boolean {
	const code = char.charCodeAt(0);
	return code < 32 || code === 127 || /\s/.test(char);
}

function sourceIdProblem(value: string): string | undefined {
	const unsafe = [...value].find((char) => '/?#\\'.includes(char));
	if (unsafe) return `"${unsafe}"`;
	if ([...value].some(isControlOrSpace)) return 'a space or control character';
	if (value === '.') return 'only "."';
	if (value.includes('..')) return '".."';
	return undefined;
}

export const CONTACT_SOURCE_ID_LABEL = 'Contact Source ID (This Inbox)';

export const contactIdentifierField: Field = {
	property: {
		displayName: CONTACT_SOURCE_ID_LABEL,
		name: 'contactIdentifier',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2a7d6b40-8f7e-4f9c-9f4e-0c5a3e1b2d11',
		description:
			"The contact's source ID in the credential's inbox (Chatwoot's source_id): the contactIdentifier output of Create as Contact. Not the numeric contact ID, and not the CRM Identifier.",
	},
	check: contactSourceId({ required: true }),
};

/** Any address of an installation's dashboard: https://<host>[/<path>]/app/accounts/<account>/… */
const APP = String.raw`^https?://[^\s?#]*/app/accounts/`;
const REST = String.raw`(?:[/?#]\S*)?$`;

/** Where the ID sits in Chatwoot's web addresses; the first group is the ID. */
export const CHATWOOT_ADDRESS = {
	account: String.raw`${APP}(\d+)${REST}`,
	/** /conversations/42, also inside a view: /inbox/3/conversations/42, /label/vip/conversations/42 … */
	conversation: String.raw`${APP}\d+/(?:[^\s?#]*/)?conversations/(\d+)${REST}`,
	contact: String.raw`${APP}\d+/contacts/(\d+)${REST}`,
	inbox: String.raw`${APP}\d+/(?:settings/inboxes|inbox)/(\d+)${REST}`,
	team: String.raw`${APP}\d+/(?:settings/teams|team)/(\d+)${REST}`,
};

/** The account an address of the dashboard names. */
export function accountInAddress(address: string): string | undefined {
	return new RegExp(CHATWOOT_ADDRESS.account).exec(address.trim())?.[1];
}

/** A conversation given by its web address: its number, and the account the address names. */
export interface AddressedConversation {
	conversationId: number;
	accountId: string;
}

/** The conversation's number, whether given by number or by address. */
export function conversationNumber(value: unknown): number {
	return typeof value === 'object' && value !== null
		? (value as AddressedConversation).conversationId
		: (value as number);
}

/** The account named by a conversation's address, if the conversation was given by one. */
export function addressAccount(value: unknown): string | undefined {
	return typeof value === 'object' && value !== null
		? (value as AddressedConversation).accountId
		: undefined;
}

const conversationLocator = locatorField('Conversation', 'conversationId', {
	description:
		'The conversation: pick it from the list, or give its number or web address, such as the conversationId or conversationUrl output of another Chatwoot node',
	searchListMethod: 'searchConversations',
	url: {
		pattern: CHATWOOT_ADDRESS.conversation,
		placeholder: 'e.g. https://app.chatwoot.com/app/accounts/1/conversations/42',
		where:
			"the conversation's number follows /conversations/ in a Chatwoot address, such as https://app.chatwoot.com/app/accounts/1/conversations/42",
	},
	idPlaceholder: 'e.g. 42',
	check: numericId({ required: true }),
});

/**
 * The conversation (parameter `conversationId`). Conversation numbers count per account, so one
 * given by its web address keeps the address's account (AddressedConversation).
 */
export const conversationIdField: Field = {
	...conversationLocator,
	check: (raw) => {
		const conversationId = conversationLocator.check?.(raw) as number;
		const { value } = locatorParts(raw);
		const address = typeof value === 'string' ? value.trim() : '';
		const accountId = new RegExp(CHATWOOT_ADDRESS.conversation).test(address)
			? accountInAddress(address)
			: undefined;
		return accountId ? { conversationId, accountId } : conversationId;
	},
};

/** The conversation of an operation that can act as its contact: the list shows that contact's conversations. */
export const contactConversationIdField: Field = {
	...conversationIdField,
	property: {
		...conversationIdField.property,
		description:
			"The conversation: pick it from the list, or give its number or web address, such as the conversationId or conversationUrl output of Create as Contact. With a Contact Source ID the list shows that contact's conversations, else the account's.",
	},
};

/** The inbox (parameter `inboxId`); `description` says what the inbox is for. */
export function inboxIdField(description: string, options: { required?: boolean } = {}): Field {
	const required = options.required !== false;
	return locatorField('Inbox', 'inboxId', {
		description,
		searchListMethod: 'searchInboxes',
		url: {
			pattern: CHATWOOT_ADDRESS.inbox,
			placeholder: 'e.g. https://app.chatwoot.com/app/accounts/1/settings/inboxes/3',
			where:
				"the inbox's number follows /inbox/ or /settings/inboxes/ in a Chatwoot address, such as https://app.chatwoot.com/app/accounts/1/settings/inboxes/3",
		},
		idPlaceholder: 'e.g. 3',
		required,
		check: numericId({ required }),
	});
}

/** The team (parameter `teamId`, optional); `send` is its body key where the operation has one. */
export function teamIdField(description: string, send?: string): Field {
	return locatorField('Team', 'teamId', {
		description,
		searchListMethod: 'searchTeams',
		url: {
			pattern: CHATWOOT_ADDRESS.team,
			placeholder: 'e.g. https://app.chatwoot.com/app/accounts/1/team/2',
			where:
				"the team's number follows /team/ or /settings/teams/ in a Chatwoot address, such as https://app.chatwoot.com/app/accounts/1/team/2",
		},
		idPlaceholder: 'e.g. 2',
		required: false,
		check: numericId(),
		send,
	});
}

/** An agent (parameter `assigneeId`, optional). Chatwoot shows agents at no address of their own. */
export function agentIdField(displayName: string, description: string, send?: string): Field {
	return locatorField(displayName, 'assigneeId', {
		description,
		searchListMethod: 'searchAgents',
		idPlaceholder: 'e.g. 7',
		required: false,
		check: numericId(),
		send,
	});
}

/** A contact of the account (parameter `contactId`), searched by name, e-mail, phone or identifier. */
export function contactIdField(
	description: string,
	displayOptions?: Field['property']['displayOptions'],
): Field {
	return locatorField('Contact', 'contactId', {
		description,
		searchListMethod: 'searchContacts',
		url: {
			pattern: CHATWOOT_ADDRESS.contact,
			placeholder: 'e.g. https://app.chatwoot.com/app/accounts/1/contacts/1234',
			where:
				"the contact's number follows /contacts/ in a Chatwoot address, such as https://app.chatwoot.com/app/accounts/1/contacts/1234",
		},
		idPlaceholder: 'e.g. 1234',
		check: numericId({ required: true }),
		displayOptions,
	});
}

/** Labels of the account (parameter `labels`), picked from its list or given as names. */
export function labelsField(description: string, check: Check, required = true): Field {
	return multiSelectField('Label Names or IDs', 'labels', {
		description,
		loadOptionsMethod: 'getLabels',
		dependsOn: ['additionalFields.accountId'],
		required,
		listCheck: check,
	});
}

/**
 * The fields of a contact's details, by parameter name. The Application API (Create Contact) and the
 * public API (Create with a new contact) take them under the same keys; where the two operations
 * describe a field differently, the description is given.
 */
export function contactDetailFields(descriptions: {
	email: string;
	identifier: string;
	phoneNumber: string;
}) {
	return {
		avatarUrl: {
			property: {
				displayName: 'Avatar URL',
				name: 'avatarUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/photo.png',
				description: 'Public URL of a JPEG or PNG picture of the contact',
			},
			check: url(),
			send: 'avatar_url',
		},
		customAttributes: {
			property: {
				displayName: 'Custom Attributes',
				name: 'customAttributes',
				type: 'json',
				default: '{}',
				description:
					'Contact attributes as a JSON object, such as {"plan": "pro"}. Define them first in Chatwoot → Settings → Custom Attributes.',
			},
			check: attributes(),
			send: 'custom_attributes',
		},
		email: {
			property: {
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'e.g. nathan@example.com',
				description: descriptions.email,
			},
			check: email(),
			send: 'email',
		},
		identifier: {
			property: {
				displayName: 'CRM Identifier',
				name: 'identifier',
				type: 'string',
				default: '',
				placeholder: 'e.g. crm-4711',
				description: descriptions.identifier,
			},
			check: text({ maxLength: 255 }),
			send: 'identifier',
		},
		name: {
			property: {
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Nathan Smith',
				description: "The contact's name as agents see it",
			},
			check: text({ maxLength: 255 }),
			send: 'name',
		},
		phoneNumber: {
			property: {
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +4915112345678',
				description: descriptions.phoneNumber,
			},
			check: phoneNumber(),
			send: 'phone_number',
		},
	} satisfies Record<string, Field>;
}

/** The conversation's custom attributes (parameter `customAttributes`), sent as custom_attributes. */
export function conversationAttributesField(displayName: string): Field {
	return {
		property: {
			displayName,
			name: 'customAttributes',
			type: 'json',
			default: '{}',
			description:
				'Attributes of the conversation as a JSON object, such as {"order_id": "A-1001"}. Define them first in Chatwoot → Settings → Custom Attributes.',
		},
		check: attributes(),
		send: 'custom_attributes',
	};
}

const TEMPLATE_KEYS = ['name', 'category', 'language', 'processed_params'];

/**
 * A WhatsApp template for Chatwoot's template_params: {"name", "language", "category"?,
 * "processed_params"?}; an empty object is left out.
 */
export function whatsappTemplate(): Check {
	const asObject = jsonObject();
	return (value) => {
		const parsed = asObject(value) as Record<string, unknown> | undefined;
		if (parsed === undefined || Object.keys(parsed).length === 0) return undefined;
		const unknown = Object.keys(parsed).filter((key) => !TEMPLATE_KEYS.includes(key));
		if (unknown.length > 0)
			throw new InputError(
				`has the key "${unknown[0]}"; a template takes only ${TEMPLATE_KEYS.map((key) => `"${key}"`).join(', ')}`,
			);
		for (const key of ['name', 'language']) {
			if (typeof parsed[key] !== 'string' || (parsed[key] as string).trim() === '')
				throw new InputError(
					`needs "${key}" as text, such as {"name": "order_update", "language": "en_US", "processed_params": {"1": "A-1001"}}`,
				);
		}
		if (parsed.category !== undefined && typeof parsed.category !== 'string')
			throw new InputError('needs "category" as text, such as "UTILITY"');
		const params = parsed.processed_params;
		if (
			params !== undefined &&
			(typeof params !== 'object' || params === null || Array.isArray(params))
		)
			throw new InputError('needs "processed_params" as an object, such as {"1": "A-1001"}');
		return parsed;
	};
}

/** The WhatsApp template of a message (parameter `templateParams`), sent as `send`. */
export function whatsappTemplateField(send: string): Field {
	return {
		property: {
			displayName: 'WhatsApp Template',
			name: 'templateParams',
			type: 'json',
			default: '{}',
			description:
				'For WhatsApp inboxes outside the 24-hour window: the approved template as a JSON object, such as {"name": "order_update", "language": "en_US", "category": "UTILITY", "processed_params": {"1": "A-1001"}}. Write the template\'s text with the values filled in as the message: Chatwoot shows it in the conversation.',
		},
		check: whatsappTemplate(),
		send,
	};
}
