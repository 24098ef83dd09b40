import type { IDataObject } from 'n8n-workflow';

import { email, jsonObject, oneOf, text } from '../../shared/checks';
import { failedAfterCreation, itemError } from '../../shared/errors';
import { buildBody } from '../../shared/fields';
import { conversationCreate } from '../../shared/operations';
import type { Field, Operation } from '../../shared/types';
import type { LpAnswer } from '../vendor';
import { createdConversationId } from '../vendor';
import { accountLabel } from '../auth';
import { clientFeaturesProperty, externalConsumerIdField, skillField } from '../fields';
import type { CreateValues } from '../requests';
import {
	createConversationRequests,
	lpConsumerIdOf,
	publishTextRequest,
	sequenceOf,
} from '../requests';
import { openSession, sendAsConsumer } from '../session';

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * An optional choice among one of LivePerson's enums: `names` maps each value to its name, in the
 * order the check's message lists them; the options show in alphabetical order of name.
 */
function enumField(
	{
		displayName,
		name,
		default: defaultValue,
		description,
	}: { displayName: string; name: string; default: string; description: string },
	names: Record<string, string>,
	send: string,
): Field {
	const values = Object.keys(names);
	return {
		property: {
			displayName,
			name,
			type: 'options',
			options: values
				.map((value) => ({ name: names[value], value }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultValue,
			description,
		},
		check: oneOf(values),
		send,
	};
}

/** An optional "Language" (parameter `language`): an IETF language tag such as en-US. */
function languageField(description: string, send: string): Field {
	return {
		property: {
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: '',
			placeholder: 'e.g. en-US',
			description,
		},
		check: text({ pattern: LANGUAGE, patternHint: 'use a language tag such as en-US' }),
		send,
	};
}

const fields: Field[] = [
	externalConsumerIdField,
	{
		property: {
			displayName: 'First Message',
			name: 'firstMessage',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description:
				"Optional. The consumer's first message, sent as plain text once the conversation exists. Leave empty to only open the conversation.",
		},
		check: text({ maxLength: 10_000 }),
	},
	{
		property: {
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			default: '',
			description: "The consumer's first name, shown to the agent (Personal Info)",
		},
		check: text({ maxLength: 255 }),
		send: 'personal.firstname',
	},
	{
		property: {
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			default: '',
			description: "The consumer's last name, shown to the agent (Personal Info)",
		},
		check: text({ maxLength: 255 }),
		send: 'personal.lastname',
	},
	{
		...skillField({
			required: false,
			anySkill: true,
			description:
				'The skill to route the conversation to; Any Skill (-1) lets LivePerson choose. LivePerson recommends routing by campaign instead: keep Any Skill and set Campaign ID and Engagement ID in Conversation Options',
		}),
		send: 'conversation.skillId',
	},
	{
		property: {
			displayName: 'Customer Info',
			name: 'customerInfo',
			type: 'collection',
			placeholder: 'Add Customer Info',
			default: {},
			description:
				"The customer's details (LivePerson's Customer Info), shown to the agent and usable in routing rules",
		},
		fields: [
			{
				property: {
					displayName: 'Account Name',
					name: 'accountName',
					type: 'string',
					default: '',
					description: "The customer's account name",
				},
				check: text({ maxLength: 255 }),
				send: 'ctmrinfo.accountName',
			},
			{
				property: {
					displayName: 'Company Branch',
					name: 'companyBranch',
					type: 'string',
					default: '',
					description: 'The branch the customer belongs to',
				},
				check: text({ maxLength: 255 }),
				send: 'ctmrinfo.companyBranch',
			},
			{
				property: {
					displayName: 'Customer ID',
					name: 'customerId',
					type: 'string',
					default: '',
					description: 'Your ID of the customer (for example the CRM ID)',
				},
				check: text({ maxLength: 255 }),
				send: 'ctmrinfo.customerId',
			},
			{
				property: {
					displayName: 'Customer Status',
					name: 'customerStatus',
					type: 'string',
					default: '',
					placeholder: 'e.g. active',
					description: "The customer's status (cstatus)",
				},
				check: text({ maxLength: 255 }),
				send: 'ctmrinfo.cstatus',
			},
			{
				property: {
					displayName: 'Customer Type',
					name: 'customerType',
					type: 'string',
					default: '',
					placeholder: 'e.g. vip',
					description: "The customer's type or tier (ctype), case-insensitive",
				},
				check: text({ maxLength: 255 }),
				send: 'ctmrinfo.ctype',
			},
			{
				property: {
					displayName: 'Other Fields (JSON)',
					name: 'otherFields',
					type: 'json',
					default: '{}',
					description:
						'More documented Customer Info fields as a JSON object, for example {"balance": 120.5, "storeNumber": "42"}. The fields above win over the same keys here.',
				},
				check: jsonObject(),
				send: 'ctmrinfoExtra',
			},
			{
				property: {
					displayName: 'Social ID',
					name: 'socialId',
					type: 'string',
					default: '',
					description: 'A social network ID of the customer',
				},
				check: text({ maxLength: 255 }),
				send: 'ctmrinfo.socialId',
			},
			{
				property: {
					displayName: 'User Name',
					name: 'userName',
					type: 'string',
					default: '',
					description: "The customer's user name",
				},
				check: text({ maxLength: 255 }),
				send: 'ctmrinfo.userName',
			},
		],
	},
	{
		property: {
			displayName: 'Personal Info',
			name: 'personalInfo',
			type: 'collection',
			placeholder: 'Add Personal Info',
			default: {},
			description:
				"More of the consumer's personal details (LivePerson's Personal Info), shown to the agent",
		},
		fields: [
			{
				property: {
					displayName: 'Company',
					name: 'company',
					type: 'string',
					default: '',
					description: 'The company the consumer works for',
				},
				check: text({ maxLength: 255 }),
				send: 'personal.company',
			},
			{
				property: {
					displayName: 'Email',
					name: 'email',
					type: 'string',
					default: '',
					placeholder: 'e.g. nathan@example.com',
					description: "The consumer's e-mail address",
				},
				check: email(),
				send: 'contact.email',
			},
			enumField(
				{
					displayName: 'Gender',
					name: 'gender',
					default: 'OTHER',
					description: "The consumer's gender",
				},
				{ MALE: 'Male', FEMALE: 'Female', OTHER: 'Other' },
				'personal.gender',
			),
			languageField("The consumer's language", 'personal.language'),
			{
				property: {
					displayName: 'Phone',
					name: 'phone',
					type: 'string',
					default: '',
					placeholder: 'e.g. +1 212 555 0100',
					description: "The consumer's phone number",
				},
				check: text({ maxLength: 64 }),
				send: 'contact.phone',
			},
		],
	},
	{
		property: {
			displayName: 'Conversation Options',
			name: 'conversationOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: 'How LivePerson routes the conversation, and where the consumer came from',
		},
		fields: [
			{
				property: {
					displayName: 'Campaign ID',
					name: 'campaignId',
					type: 'string',
					default: '',
					description:
						"The messaging campaign that routes the conversation (from LivePerson's Monitoring API). Set it together with Engagement ID.",
				},
				check: text({ maxLength: 64 }),
				send: 'conversation.campaignInfo.campaignId',
			},
			clientFeaturesProperty,
			{
				property: {
					displayName: 'Engagement ID',
					name: 'engagementId',
					type: 'string',
					default: '',
					description:
						"The engagement of the campaign (from LivePerson's Monitoring API). Set it together with Campaign ID.",
				},
				check: text({ maxLength: 64 }),
				send: 'conversation.campaignInfo.engagementId',
			},
			{
				property: {
					displayName: 'Interaction Context ID',
					name: 'interactionContextId',
					type: 'string',
					default: '',
					description: 'The contextId the Monitoring API returned for this consumer',
				},
				check: text({ maxLength: 64 }),
				send: 'conversation.conversationContext.interactionContextId',
			},
			languageField(
				'The conversation language (IETF tag); it must be configured for the engagement in LivePerson',
				'conversation.conversationContext.lang',
			),
			{
				property: {
					displayName: 'Session ID',
					name: 'sessionId',
					type: 'string',
					default: '',
					description: 'The sessionId the Monitoring API returned for this consumer',
				},
				check: text({ maxLength: 128 }),
				send: 'conversation.conversationContext.sessionId',
			},
			enumField(
				{
					displayName: 'Urgency',
					name: 'ttrDefName',
					default: 'NORMAL',
					description: 'How fast LivePerson expects an agent to answer',
				},
				{ NORMAL: 'Normal', URGENT: 'Urgent', PRIORITIZED: 'Prioritized' },
				'conversation.ttrDefName',
			),
			{
				property: {
					displayName: 'Visitor ID',
					name: 'visitorId',
					type: 'string',
					default: '',
					description: 'The visitorId the Monitoring API returned for this consumer',
				},
				check: text({ maxLength: 128 }),
				send: 'conversation.conversationContext.visitorId',
			},
		],
	},
];

/** The consumer's profile fields (Personal Info and Customer Info SDEs), shared with Update Consumer Info. */
export const consumerProfileFields: Field[] = fields.filter((field) =>
	['firstName', 'lastName', 'customerInfo', 'personalInfo'].includes(field.property.name),
);

const heading = conversationCreate(
	'Open a conversation for a consumer, with profile and routing, and optionally send its first message',
);

export const createConversation: Operation = {
	...heading,
	option: { ...heading.option, action: 'Create a conversation as the consumer' },
	fields,
	async run(context, params) {
		const externalConsumerId = params.externalConsumerId as string;
		const options = (params.conversationOptions ?? {}) as IDataObject;
		if ((options.campaignId === undefined) !== (options.engagementId === undefined)) {
			throw itemError(
				context,
				'Conversation Options › Campaign ID and Engagement ID go together',
				'LivePerson routes by campaign only with both IDs. Set both (from the Monitoring API), or neither. Nothing was sent for this item.',
			);
		}
		const features = options.clientFeatures;
		const requests = createConversationRequests(
			accountLabel(context.credentials),
			buildBody(fields, params) as CreateValues,
		);

		const answers = await sendAsConsumer<LpAnswer[]>(context, externalConsumerId, features, {
			method: 'POST',
			path: 'conversation',
			body: requests,
			purpose: 'create the conversation',
		});
		// failureInSuccess has checked every element, so the conversation ID is there.
		const conversationId = createdConversationId(
			requests,
			Array.isArray(answers) ? answers : [],
		) as string;

		let firstMessage: IDataObject | undefined;
		if (params.firstMessage !== undefined) {
			firstMessage = await sendAsConsumer<IDataObject>(context, externalConsumerId, features, {
				method: 'POST',
				path: 'conversation/send',
				body: publishTextRequest(conversationId, params.firstMessage as string),
				purpose: `send the first message into the new conversation ${conversationId}`,
			}).catch((error: unknown) => {
				throw failedAfterCreation(
					context,
					error,
					`The conversation ${conversationId} was created, but its first message was not sent: do not run this item again (it would open a second conversation); send the message with Message → Send.`,
				);
			});
		}

		const { token } = await openSession(context, externalConsumerId);
		const simplified: IDataObject = {
			conversationId,
			externalConsumerId,
			consumerId: lpConsumerIdOf(token) ?? null,
			firstMessageSequence: firstMessage ? (sequenceOf(firstMessage) ?? null) : null,
		};
		return {
			raw: {
				...simplified,
				conversationResponse: answers,
				firstMessageResponse: firstMessage ?? null,
			},
			simplified,
		};
	},
};
