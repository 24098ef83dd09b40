import type { IDataObject } from 'n8n-workflow';

import { oneOf } from '../../shared/checks';
import { locatorField } from '../../shared/locator';
import { asObject } from '../../shared/objects';
import { pathSegment } from '../../shared/paths';
import type { Field, Operation } from '../../shared/types';
import { dataOf, type Envelope } from '../vendor';
import { AGENT_ID_HELP, checkOptionalUserId, conversationIdField } from '../fields';

export const HANDLERS = ['agent', 'bot'] as const;

const fields: Field[] = [
	conversationIdField,
	{
		property: {
			displayName: 'Handled By',
			name: 'handledBy',
			type: 'options',
			options: [
				{
					name: 'Bot',
					value: 'bot',
					description: 'Give the conversation back to the bot',
				},
				{
					name: 'Human Agent',
					value: 'agent',
					description: 'Take over: a human agent answers from now on',
				},
			],
			default: 'agent',
			description: 'Who answers the person in this conversation',
		},
		check: oneOf(HANDLERS, { required: true }),
	},
	locatorField('Agent', 'assigneeId', {
		required: false,
		searchListMethod: 'searchAgents',
		idPlaceholder: 'e.g. 35692164-bfaa-4c49-a23c-ecfa618f7d20',
		description: `The agent who takes the conversation over; leave empty to let SocialBoards assign it. By ID: ${AGENT_ID_HELP}.`,
		check: checkOptionalUserId,
		displayOptions: { show: { handledBy: ['agent'] } },
	}),
];

/** SocialBoards' "Change takeover state": `isAssignedToBot: false` starts the takeover by a human agent. */
export function takeoverBody(params: IDataObject): IDataObject {
	const body: IDataObject = { isAssignedToBot: params.handledBy === 'bot' };
	if (params.handledBy === 'agent' && params.assigneeId !== undefined) {
		body.assigneeId = params.assigneeId;
	}
	return body;
}

export const changeTakeover: Operation = {
	resource: 'conversation',
	option: {
		name: 'Change Takeover',
		value: 'changeTakeover',
		action: 'Change who handles a conversation',
		description:
			'Hand a bot conversation over to a human agent (takeover), or give it back to the bot',
	},
	fields,
	async run(context, params) {
		const conversationId = String(params.conversationId);
		const answer = await context.send<Envelope>({
			method: 'PATCH',
			url: `/chat/conversations/${pathSegment(conversationId, 'Conversation ID')}/takeover`,
			body: takeoverBody(params),
			// Setting the same state twice leaves it as it is.
			idempotent: true,
			purpose: 'change the takeover state',
			notFound: `No SocialBoards conversation has the ID ${conversationId}. Check the Conversation ID, and that the credential belongs to the account the conversation is in.`,
		});
		const takeover = asObject(dataOf(answer));
		const isAssignedToBot = takeover.isAssignedToBot ?? null;
		return {
			raw: { conversationId: Number(conversationId), ...takeover },
			simplified: {
				conversationId: Number(conversationId),
				isAssignedToBot,
				handledBy: isAssignedToBot === null ? null : isAssignedToBot ? 'bot' : 'agent',
			},
		};
	},
};
