import { text } from '../../shared/checks';
import type { Field, Operation } from '../../shared/types';
import { clientFeaturesProperty, conversationIdField, externalConsumerIdField } from '../fields';
import { transferToSkillRequest } from '../requests';
import { sendIntoConversation } from '../session';

const fields: Field[] = [
	externalConsumerIdField,
	conversationIdField,
	{
		property: {
			displayName: 'Skill ID',
			name: 'skillId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 2736637412',
			description:
				"The skill to move the conversation to (its number, from LivePerson's skill settings); LivePerson routes it to an agent of that skill",
		},
		check: text({ required: true, pattern: /^\d+$/, patternHint: 'a skill ID is a number' }),
	},
	clientFeaturesProperty,
];

export const transferConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Transfer to Skill',
		value: 'transfer',
		action: 'Transfer a conversation to a skill',
		description: 'Move an open conversation to another skill (cm.UpdateConversationField)',
	},
	fields,
	async run(context, params) {
		const skillId = params.skillId as string;
		const { conversationId, answer } = await sendIntoConversation(context, params, (id) => ({
			body: transferToSkillRequest(id, skillId),
			// moving to the skill it is already in changes nothing: safe to send again after a timeout
			idempotent: true,
			purpose: `transfer the conversation ${id} to skill ${skillId}`,
		}));
		return {
			raw: { conversationId, skillId, response: answer },
			simplified: {
				conversationId,
				externalConsumerId: params.externalConsumerId,
				skillId,
				transferred: true,
			},
		};
	},
};
