import type { IDataObject } from 'n8n-workflow';

import { jsonObject, text } from '../../shared/checks';
import { buildBody } from '../../shared/fields';
import { pathSegment } from '../../shared/paths';
import type { Check, Field, Operation } from '../../shared/types';
import { conversationIdField } from '../fields';
import { simplifyConversation } from '../simplify';
import { apiVersionAtLeast } from '../vendor';

const asObject = jsonObject();
/** A JSON object with at least one attribute; an empty one changes nothing and is left out. */
const nonEmptyObject: Check = (value) => {
	const object = asObject(value) as IDataObject | undefined;
	return object && Object.keys(object).length > 0 ? object : undefined;
};

const fields: Field[] = [
	conversationIdField,
	{
		property: {
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'The conversation fields to change; at least one',
		},
		fields: [
			{
				property: {
					displayName: 'Custom Attributes',
					name: 'customAttributes',
					type: 'json',
					default: '{}',
					description:
						'Conversation data attributes to set, as a JSON object of attribute name and value, e.g. {"issue_type": "Billing"}. The attributes must exist in Intercom (Settings → Data → Conversations).',
				},
				check: nonEmptyObject,
				send: 'custom_attributes',
			},
			{
				property: {
					displayName: 'Title',
					name: 'title',
					type: 'string',
					default: '',
					description:
						'The title shown for the conversation in the Intercom inbox (needs API Version 2.13 or later in the credential)',
				},
				check: text({ maxLength: 255 }),
				send: 'title',
			},
		],
	},
];

const LABELS: Record<string, string> = { title: 'Title', customAttributes: 'Custom Attributes' };

/**
 * A field the credential's API version lacks: Title exists from 2.13; custom_attributes is in every
 * version's description except 2.10's.
 */
function versionProblem(name: string, version: unknown) {
	const label = LABELS[name];
	if (name === 'title' && !apiVersionAtLeast(version, '2.13'))
		return {
			field: `Update Fields › ${label}`,
			reason: `needs Intercom API version 2.13 or later; the credential's API Version is ${String(version)}`,
			fix: `Set "API Version" in the Intercom Conversations credential to 2.13 or later, or remove ${label}.`,
		};
	if (name === 'customAttributes' && String(version) === '2.10')
		return {
			field: `Update Fields › ${label}`,
			reason: "is not part of Intercom API version 2.10, the credential's API Version",
			fix: `Set "API Version" in the Intercom Conversations credential to another version (2.14 is the default), or remove ${label}.`,
		};
	return undefined;
}

export const updateConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Update',
		value: 'update',
		action: "Update a conversation's title or attributes",
		description: "Change a conversation's title or custom attributes",
	},
	fields,
	checkWithCredentials(params, credentials) {
		const chosen = Object.keys((params.updateFields ?? {}) as IDataObject);
		if (chosen.length === 0)
			return {
				field: 'Update Fields',
				reason: 'has no field to change',
				fix: 'Add Title or Custom Attributes under "Update Fields".',
			};
		for (const name of chosen) {
			const problem = versionProblem(name, credentials.apiVersion);
			if (problem) return problem;
		}
		return undefined;
	},
	async run(context, params) {
		const conversation = await context.send({
			method: 'PUT',
			url: `/conversations/${pathSegment(String(params.conversationId), 'Conversation ID')}`,
			body: buildBody(fields, params),
			idempotent: true,
			purpose: 'update the conversation',
			notFound: `No Intercom conversation has the ID "${params.conversationId}".`,
		});
		return {
			raw: conversation,
			simplified: {
				...simplifyConversation(conversation, context.credentials),
				customAttributes: conversation.custom_attributes,
			},
		};
	},
};
