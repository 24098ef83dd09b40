import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { email, id, oneOf, text } from '../shared/checks';
import { oncePerExecution } from '../shared/once';
import type { Field, OperationContext } from '../shared/types';
import type { IntercomContact } from './api';

export const CONTACT_LOOKUPS = ['id', 'email', 'externalId'] as const;
export type ContactLookup = (typeof CONTACT_LOOKUPS)[number];

/** The "Contact Identified By" selector and one value field per way of identifying a contact. */
export function contactFields(purpose: string): Field[] {
	return [
		{
			property: {
				displayName: 'Contact Identified By',
				name: 'contactBy',
				type: 'options',
				options: [
					{ name: 'Email', value: 'email', description: 'The contact\'s e-mail address' },
					{ name: 'External ID', value: 'externalId', description: 'Your own ID for the contact (Intercom\'s external_id)' },
					{ name: 'Intercom Contact ID', value: 'id', description: 'The ID Intercom gave the contact' },
				],
				default: 'email',
				description: `How to find the contact who ${purpose}`,
			},
			check: oneOf(CONTACT_LOOKUPS, { required: true }),
		},
		{
			property: {
				displayName: 'Contact Email',
				name: 'contactEmail',
				type: 'string',
				placeholder: 'e.g. nathan@example.com',
				default: '',
				required: true,
				displayOptions: { show: { contactBy: ['email'] } },
			},
			check: email({ required: true }),
		},
		{
			property: {
				displayName: 'Contact External ID',
				name: 'contactExternalId',
				type: 'string',
				default: '',
				required: true,
				description: 'Your own ID for the contact, as stored in Intercom\'s external_id (for example the CRM record ID)',
				displayOptions: { show: { contactBy: ['externalId'] } },
			},
			check: text({ required: true, allowNumber: true, maxLength: 255 }),
		},
		{
			property: {
				displayName: 'Contact ID',
				name: 'contactId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 6762f0dd1bb69f9f2193bb83',
				description: 'The Intercom contact ID (24 characters)',
				displayOptions: { show: { contactBy: ['id'] } },
			},
			check: id({ required: true }),
		},
	];
}

/** The message a contact sends (Create's first message, a reply): plain text, as Intercom requires. */
export function messageField(description: string): Field {
	return {
		property: {
			displayName: 'Message',
			name: 'body',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description: `${description}. Plain text: Intercom does not accept HTML here.`,
		},
		check: text({ required: true, maxLength: 65_000, noHtml: true }),
		send: 'body',
	};
}

export interface ResolvedContact {
	contact: IntercomContact;
	resolvedBy: ContactLookup;
	created: boolean;
}

const ROLE_FOR_CREATION: Record<string, string> = { createUser: 'user', createLead: 'lead' };

async function find(context: OperationContext, params: IDataObject): Promise<IntercomContact | undefined> {
	const { send } = context;
	switch (params.contactBy as ContactLookup) {
		case 'id':
			return send<IntercomContact>({
				method: 'GET',
				url: `/contacts/${encodeURIComponent(String(params.contactId))}`,
				purpose: 'find the contact',
				notFoundIsEmpty: true,
			});
		case 'externalId':
			return send<IntercomContact>({
				method: 'GET',
				url: `/contacts/find_by_external_id/${encodeURIComponent(String(params.contactExternalId))}`,
				purpose: 'find the contact by external ID',
				notFoundIsEmpty: true,
			});
		default: {
			const found = await send<{ data?: IntercomContact[] }>({
				method: 'POST',
				url: '/contacts/search',
				body: { query: { field: 'email', operator: '=', value: params.contactEmail as string } },
				idempotent: true,
				purpose: 'search the contact by e-mail',
			});
			return found.data?.[0];
		}
	}
}

function describeLookup(params: IDataObject): string {
	if (params.contactBy === 'id') return `the ID "${params.contactId}"`;
	if (params.contactBy === 'externalId') return `the external ID "${params.contactExternalId}"`;
	return `the e-mail ${params.contactEmail}`;
}

/**
 * Finds the contact (and creates it when asked to). Items of one execution that name the same
 * contact share one lookup, so two rows for a new e-mail create one contact, not two.
 */
export function resolveContact(
	context: OperationContext,
	params: IDataObject,
	whenNotFound: string,
	newContact: IDataObject,
): Promise<ResolvedContact> {
	const key = `intercom:contact:${params.contactBy}:${describeLookup(params).toLowerCase()}`;
	return oncePerExecution(context, key, async () => {
		const found = await find(context, params);
		const resolvedBy = params.contactBy as ContactLookup;
		if (found) return { contact: found, resolvedBy, created: false };
		const role = ROLE_FOR_CREATION[whenNotFound];
		if (!role || resolvedBy === 'id') {
			throw new NodeOperationError(context.node, `No Intercom contact has ${describeLookup(params)} [item ${context.itemIndex}]`, {
				itemIndex: context.itemIndex,
				description:
					resolvedBy === 'id'
						? 'Check the contact ID, or identify the contact by e-mail or external ID.'
						: 'Check the value, or set "If Contact Not Found" to create the contact as a user or lead.',
			});
		}
		const identity = resolvedBy === 'email' ? { email: params.contactEmail } : { external_id: params.contactExternalId };
		const contact = await context.send<IntercomContact>({
			method: 'POST',
			url: '/contacts',
			body: { role, ...identity, ...newContact },
			purpose: 'create the contact',
		});
		return { contact, resolvedBy, created: true };
	});
}
