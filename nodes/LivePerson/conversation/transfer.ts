import type { Field, Operation } from '../../shared/types';
import {
	clientFeaturesField,
	conversationIdField,
	externalConsumerIdField,
	skillField,
} from '../fields';
import { transferToSkillRequest } from '../requests';
import { sendIntoConversation } from '../session';

const fields: Field[] = [
	externalConsumerIdField,
	conversationIdField,
	skillField({
		required: true,
		description:
			'The skill to move the conversation to; LivePerson routes it to an agent of that skill',
	}),
	clientFeaturesField,
];

export const transferConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Transfer to Skill',
		value: 'transfer',
		action: 'Transfer a conversation to a skill as the consumer',
		description:
			'Move an open conversation to another skill, so that an agent of that skill answers',
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
