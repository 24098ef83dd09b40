import { dateTime, InputError } from '../../shared/checks';
import type { Check, Field, Operation } from '../../shared/types';
import { actingAdminId } from '../admin';
import { adminIdField, conversationIdField } from '../fields';
import { sendPart } from '../parts';

/** A date and time that has not passed yet. */
function futureDateTime(): Check {
	const asDate = dateTime({ required: true });
	return (value) => {
		const date = asDate(value) as Date;
		if (date.getTime() <= Date.now())
			throw new InputError(`is ${date.toISOString()}, which has already passed`);
		return date;
	};
}

const fields: Field[] = [
	conversationIdField,
	{
		property: {
			displayName: 'Snooze Until',
			name: 'snoozeUntil',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				'When the conversation opens again, as a date and time in the future (for example 2026-01-31T09:00:00Z)',
		},
		check: futureDateTime(),
	},
	adminIdField('snoozes the conversation'),
];

export const snoozeConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Snooze',
		value: 'snooze',
		action: 'Snooze a conversation as an admin',
		description: 'Snooze a conversation until a date and time, when it opens again',
	},
	fields,
	async run(context, params) {
		const body = {
			message_type: 'snoozed',
			admin_id: await actingAdminId(context, params),
			snoozed_until: Math.floor((params.snoozeUntil as Date).getTime() / 1000),
		};
		return sendPart(context, params.conversationId, body, 'snooze the conversation');
	},
};
