import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { itemError } from '../shared/errors';
import { oncePerExecution } from '../shared/once';
import { pathSegment } from '../shared/paths';
import type { OperationContext } from '../shared/types';
import type { ContactLookup } from './fields';
import { apiVersionAtLeast, type IntercomContact } from './vendor';

export interface ResolvedContact {
	contact: IntercomContact;
	resolvedBy: ContactLookup;
	created: boolean;
}

const ROLE_FOR_CREATION: Record<string, string> = { createUser: 'user', createLead: 'lead' };

/** Which contact to use when several match: a user, else the most recently updated lead. */
export const CHOICE_RULE =
	"When several contacts match (a user and leads can share an e-mail), the user is used; without a user, the most recently updated lead. The output's contactRole says which.";

export function chooseContact(contacts: IntercomContact[]): IntercomContact | undefined {
	const newestFirst = [...contacts].sort(
		(a, b) => Number(b.updated_at ?? 0) - Number(a.updated_at ?? 0),
	);
	return newestFirst.find((contact) => contact.role === 'user') ?? newestFirst[0];
}

async function search(
	context: OperationContext,
	field: string,
	value: string,
	purpose: string,
): Promise<IntercomContact[]> {
	const found = await context.send<{ data?: IntercomContact[] }>({
		method: 'POST',
		url: '/contacts/search',
		// 150: the largest search page Intercom documents (stated for conversations search; assumed for contacts).
		body: { query: { field, operator: '=', value }, pagination: { per_page: 150 } },
		idempotent: true,
		purpose,
	});
	return found.data ?? [];
}

/**
 * By external ID: find_by_external_id (from API 2.13) answers at once but finds users only, so
 * leads (and every contact before 2.13) are found by the contacts search. External IDs are
 * case-sensitive: a search hit with another spelling is not the contact.
 */
async function findByExternalId(
	context: OperationContext,
	externalId: string,
): Promise<IntercomContact | undefined> {
	if (apiVersionAtLeast(context.credentials.apiVersion, '2.13')) {
		const user = await context.send<IntercomContact | undefined>({
			method: 'GET',
			url: `/contacts/find_by_external_id/${pathSegment(externalId, 'Contact External ID')}`,
			purpose: 'find the contact by external ID',
			notFoundIsEmpty: true,
		});
		if (user) return user;
	}
	const found = await search(
		context,
		'external_id',
		externalId,
		'search the contact by external ID',
	);
	return chooseContact(found.filter((contact) => contact.external_id === externalId));
}

async function find(
	context: OperationContext,
	params: IDataObject,
): Promise<IntercomContact | undefined> {
	switch (params.contactBy as ContactLookup) {
		case 'id':
			return context.send<IntercomContact | undefined>({
				method: 'GET',
				url: `/contacts/${pathSegment(String(params.contactId), 'Contact ID')}`,
				purpose: 'find the contact',
				notFoundIsEmpty: true,
			});
		case 'externalId':
			return findByExternalId(context, String(params.contactExternalId));
		default:
			return chooseContact(
				await search(
					context,
					'email',
					params.contactEmail as string,
					'search the contact by e-mail',
				),
			);
	}
}

/** The ID in Intercom's 409 "A contact matching those details already exists with id=…". */
function existingContactId(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError) || error.httpCode !== '409') return undefined;
	return /already exists with id=([A-Za-z0-9]+)/.exec(error.message)?.[1];
}

/** Intercom's search lags creation by minutes, so a re-run meets the contact it created as a 409 naming it. */
async function existingAfterConflict(
	context: OperationContext,
	error: unknown,
): Promise<IntercomContact> {
	const existingId = existingContactId(error);
	if (!existingId) return Promise.reject(error);
	return context.send<IntercomContact>({
		method: 'GET',
		url: `/contacts/${pathSegment(existingId, 'The ID of the existing contact')}`,
		purpose: 'read the contact that already exists',
	});
}

async function createContact(
	context: OperationContext,
	body: IDataObject,
): Promise<{ contact: IntercomContact; created: boolean }> {
	return context
		.send<IntercomContact>({
			method: 'POST',
			url: '/contacts',
			body,
			purpose: 'create the contact',
		})
		.then(
			(contact) => ({ contact, created: true }),
			async (error: unknown) => ({
				contact: await existingAfterConflict(context, error),
				created: false,
			}),
		);
}

function describeLookup(params: IDataObject): string {
	if (params.contactBy === 'id') return `the ID "${params.contactId}"`;
	if (params.contactBy === 'externalId') return `the external ID "${params.contactExternalId}"`;
	return `the e-mail ${params.contactEmail}`;
}

/** Items that name the same contact with the same "If Contact Not Found" share one lookup. Only e-mails ignore case. */
function cacheKey(params: IDataObject, whenNotFound: string): string {
	const by = params.contactBy as ContactLookup;
	const value =
		by === 'email'
			? String(params.contactEmail).toLowerCase()
			: String(by === 'id' ? params.contactId : params.contactExternalId);
	return `intercom:contact:${JSON.stringify([by, whenNotFound, value])}`;
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
	return oncePerExecution(context, cacheKey(params, whenNotFound), async () => {
		const found = await find(context, params);
		const resolvedBy = params.contactBy as ContactLookup;
		if (found) return { contact: found, resolvedBy, created: false };
		const role = ROLE_FOR_CREATION[whenNotFound];
		if (!role || resolvedBy === 'id') {
			throw itemError(
				context,
				`No Intercom contact has ${describeLookup(params)}`,
				resolvedBy === 'id'
					? 'Check the contact ID, or identify the contact by e-mail or external ID.'
					: 'Check the value, or set "If Contact Not Found" to create the contact as a user or lead.',
			);
		}
		const identity =
			resolvedBy === 'email'
				? { email: params.contactEmail }
				: { external_id: params.contactExternalId };
		const { contact, created } = await createContact(context, { role, ...identity, ...newContact });
		return { contact, resolvedBy, created };
	});
}
