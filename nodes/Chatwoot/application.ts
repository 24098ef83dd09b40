import type { IDataObject } from 'n8n-workflow';

import type { Field, OperationContext } from '../shared/types';
import { numericId } from './fields';
import { requireAccessToken, requireAccountId } from './vendor';

/** The optional Account ID of Application API operations; the credential's when empty. */
export const accountIdField: Field = {
	property: {
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1',
		description:
			"The number after /app/accounts/ in Chatwoot's web address. Leave empty to use the Account ID of the credential.",
	},
	check: numericId(),
};

/** /api/v1/accounts/{account_id} plus `tail`. */
export function accountPath(accountId: string, tail: string): string {
	return `/api/v1/accounts/${accountId}${tail}`;
}

/** /api/v1/accounts/{account_id}/conversations/{display_id} plus `tail`. */
export function conversationPath(accountId: string, conversationId: number, tail = ''): string {
	return accountPath(accountId, `/conversations/${conversationId}${tail}`);
}

/**
 * The account of an Application API operation, once the credential is known to have the access
 * token; both failures name the operation and say that nothing was sent.
 */
export function applicationAccount(
	context: OperationContext,
	params: IDataObject,
	operationName: string,
): string {
	requireAccessToken(context, operationName);
	return requireAccountId(context, params.accountId, operationName);
}

/** What a 404 of a conversation call means. */
export function conversationNotFound(accountId: string, conversationId: number): string {
	return `Chatwoot found no conversation with the ID ${conversationId} in account ${accountId} that the access token's user may see. Use the number in the conversation's web address (the conversationId output of Create or Create as Agent) and check the Account ID.`;
}
