import type { IDataObject } from 'n8n-workflow';

import { oneOf } from '../../shared/checks';
import { returnAllFields } from '../../shared/fields';
import { isObject } from '../../shared/objects';
import { pathSegment } from '../../shared/paths';
import type { Field, Operation, OperationResult } from '../../shared/types';
import { dataOf, type Envelope } from '../vendor';
import { conversationIdField } from '../fields';
import { simplifyMessage } from '../simplify';

/** SocialBoards returns at most 100 messages per request ("take"). */
export const PAGE_SIZE = 100;
/** Return All stops after this many pages (a server that ignored "skip" would repeat itself). */
export const MAX_PAGES = 1000;
export const ORDERS = ['creation_time_desc', 'creation_time_asc'] as const;

const fields: Field[] = [
	conversationIdField,
	{
		property: {
			displayName: 'Order',
			name: 'orderBy',
			type: 'options',
			options: [
				{ name: 'Newest First', value: 'creation_time_desc' },
				{ name: 'Oldest First', value: 'creation_time_asc' },
			],
			default: 'creation_time_desc',
			description: 'Which messages come first; with a Limit, the newest or the oldest ones',
		},
		check: oneOf(ORDERS, { required: true }),
	},
	...returnAllFields({ what: 'messages', maxLimit: 1000 }),
];

export const listMessages: Operation = {
	resource: 'conversation',
	option: {
		name: 'Get Many Messages',
		value: 'listMessages',
		action: 'Get many messages of a conversation',
		description: "Retrieve a conversation's messages, one item per message",
	},
	fields,
	async run(context, params) {
		const conversationId = String(params.conversationId);
		const wanted = params.returnAll === true ? Infinity : (params.limit as number);
		const messages: IDataObject[] = [];
		const seen = new Set<unknown>();
		for (let page = 0; page < MAX_PAGES && messages.length < wanted; page++) {
			const take = Math.min(PAGE_SIZE, wanted - messages.length);
			const answer = await context.send<Envelope<IDataObject[]>>({
				method: 'GET',
				url: `/chat/conversations/${pathSegment(conversationId, 'Conversation ID')}/messages`,
				qs: { orderBy: params.orderBy, skip: messages.length, take },
				purpose: 'list the messages',
				notFound: `No SocialBoards conversation has the ID ${conversationId}. Check the Conversation ID, and that the credential belongs to the account the conversation is in.`,
			});
			const data = dataOf(answer);
			const batch = (Array.isArray(data) ? data : []).filter(isObject);
			const fresh = batch.filter((message) => message.id === undefined || !seen.has(message.id));
			for (const message of fresh) seen.add(message.id);
			messages.push(...fresh);
			// A short page is the last one; a page of messages already seen means paging is not moving.
			if (batch.length < take || fresh.length === 0) break;
		}
		return messages.slice(0, wanted).map(
			(message): OperationResult => ({
				raw: message,
				simplified: { conversationId: Number(conversationId), ...simplifyMessage(message) },
			}),
		);
	},
};
