import type { IDataObject } from 'n8n-workflow';

import { conversationGet } from '../../shared/operations';
import type { Operation } from '../../shared/types';
import {
	conversationNotFound,
	conversationPath,
	conversationTarget,
	withAccount,
} from '../application';
import { contactConversationIdField, conversationNumber } from '../fields';
import { sendPublic } from '../public';
import { simplifyConversationAsAgent, simplifyPublicConversation } from '../simplify';
import { optionalContactIdentifierField, sourceIdOrToken } from './asContactOrAgent';

export const getConversation: Operation = {
	...conversationGet(
		"Retrieve a conversation with its status and messages, as its contact (with a Contact Source ID) or as the agent who owns the credential's User Access Token",
	),
	fields: [
		contactConversationIdField,
		optionalContactIdentifierField('reads the conversation'),
		withAccount(),
	],
	checkWithCredentials: sourceIdOrToken('Get'),
	async run(context, params) {
		if (params.contactIdentifier === undefined) {
			const { accountId, conversationId } = conversationTarget(context, params, 'Get');
			const conversation = await context.send<IDataObject>({
				method: 'GET',
				url: conversationPath(accountId, conversationId),
				purpose: 'get the conversation',
				notFound: conversationNotFound(accountId, conversationId),
			});
			return {
				raw: conversation,
				simplified: simplifyConversationAsAgent(conversation, accountId, context.credentials),
			};
		}
		const contactIdentifier = String(params.contactIdentifier);
		const conversation = await sendPublic<IDataObject>(
			context,
			{ contactIdentifier, conversationId: conversationNumber(params.conversationId) },
			{ method: 'GET', purpose: 'get the conversation' },
		);
		return {
			raw: conversation,
			simplified: simplifyPublicConversation(conversation, contactIdentifier, context.credentials),
		};
	},
};
