import type { IDataObject } from 'n8n-workflow';

import { additionalFields } from '../shared/fields';
import { locatorField } from '../shared/locator';
import type { Field, Operation, OperationContext } from '../shared/types';
import { addressAccount, CHATWOOT_ADDRESS, conversationNumber, numericId } from './fields';
import { requireAccessToken, requireAccountId } from './vendor';

/** The optional account (under Additional Fields) of the operations that act as an agent; the credential's when empty. */
export const accountField: Field = locatorField('Account', 'accountId', {
	description:
		"The Chatwoot account to work in. Leave empty to use the Account ID of the credential. By ID: the number after /app/accounts/ in Chatwoot's web address.",
	searchListMethod: 'searchAccounts',
	url: {
		pattern: CHATWOOT_ADDRESS.account,
		placeholder: 'e.g. https://app.chatwoot.com/app/accounts/1/dashboard',
		where:
			"the account's number follows /app/accounts/ in a Chatwoot address, such as https://app.chatwoot.com/app/accounts/1/dashboard",
	},
	idPlaceholder: 'e.g. 1',
	required: false,
	check: numericId(),
});

/** "Additional Fields" with the Account first (n8n sorts the options by name anyway). */
export function withAccount(fields: Field[] = []): Field {
	return additionalFields([accountField, ...fields]);
}

/** The account chosen in the node (Additional Fields › Account), if any. */
export function nodeAccountId(params: IDataObject): string | undefined {
	const accountId = (params.additionalFields as IDataObject | undefined)?.accountId;
	return accountId === undefined ? undefined : String(accountId);
}

/** /api/v1/accounts/{account_id} plus `tail`. */
export function accountPath(accountId: string, tail: string): string {
	return `/api/v1/accounts/${accountId}${tail}`;
}

/** /api/v1/accounts/{account_id}/conversations/{display_id} plus `tail`. */
export function conversationPath(accountId: string, conversationId: number, tail = ''): string {
	return accountPath(accountId, `/conversations/${conversationId}${tail}`);
}

/**
 * The account of an operation that acts as an agent, once the credential is known to have the
 * access token: the node's Account, else the account of a conversation given by its web address,
 * else the credential's. Both failures name the operation and say that nothing was sent.
 */
export function applicationAccount(
	context: OperationContext,
	params: IDataObject,
	operationName: string,
): string {
	requireAccessToken(context, operationName);
	return requireAccountId(
		context,
		nodeAccountId(params) ?? addressAccount(params.conversationId),
		operationName,
	);
}

/** The account and the number of the conversation an operation acts on as an agent. */
export function conversationTarget(
	context: OperationContext,
	params: IDataObject,
	operationName: string,
): { accountId: string; conversationId: number } {
	return {
		accountId: applicationAccount(context, params, operationName),
		conversationId: conversationNumber(params.conversationId),
	};
}

/**
 * A conversation's address names its account, and conversation numbers count per account: an
 * address of another account than the node's Account would reach another conversation.
 */
export function accountConflict(
	params: IDataObject,
): { field: string; reason: string; fix: string } | undefined {
	const chosen = nodeAccountId(params);
	const addressed = addressAccount(params.conversationId);
	if (chosen === undefined || addressed === undefined || chosen === addressed) return undefined;
	return {
		field: 'Conversation',
		reason: `is an address in account ${addressed}, but Additional Fields › Account is ${chosen}`,
		fix: `Conversation numbers count per account, so the node would reach another conversation. Paste an address of account ${chosen}, or leave Account empty to work in account ${addressed}.`,
	};
}

/** The operation, refusing a conversation address of another account than the node's Account before any request. */
export function withAccountCheck(operation: Operation): Operation {
	const own = operation.checkItem;
	return {
		...operation,
		async checkItem(params, binary) {
			return (
				accountConflict(params) ?? (own ? await own.call(operation, params, binary) : undefined)
			);
		},
	};
}

/** What a 404 of a conversation call means. */
export function conversationNotFound(accountId: string, conversationId: number): string {
	return `Chatwoot found no conversation with the ID ${conversationId} in account ${accountId} that the access token's user may see. Pick the conversation from the list, or use the number in its web address (the conversationId output of Create or Create as Agent), and check the account.`;
}
