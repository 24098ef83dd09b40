import type { IDataObject } from 'n8n-workflow';

import { dateTime, oneOf } from '../../shared/checks';
import type { Field, Operation } from '../../shared/types';
import {
	conversationNotFound,
	conversationPath,
	conversationTarget,
	withAccount,
} from '../application';
import { conversationIdField } from '../fields';
import { isoTime } from '../simplify';
import { conversationUrl } from '../vendor';

const PRIORITIES = ['urgent', 'high', 'medium', 'low', 'none'] as const;
const STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;

const priorityField: Field = {
	property: {
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: [
			{ name: 'High', value: 'high' },
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
			{ name: 'None', value: 'none', description: 'Remove the priority' },
			{ name: 'Urgent', value: 'urgent' },
		],
		default: 'medium',
		description: 'The priority the conversation gets',
	},
	check: oneOf(PRIORITIES, { required: true }),
};

/** The body of POST …/toggle_priority. "None" is sent as null: Chatwoot stores priority.presence, and "none" is no value of its enum. */
export function buildPriorityBody(params: IDataObject): IDataObject {
	return { priority: params.priority === 'none' ? null : params.priority };
}

export const setConversationPriority: Operation = {
	resource: 'conversation',
	option: {
		name: 'Set Priority',
		value: 'setPriority',
		action: 'Set the priority of a conversation as an agent',
		description: 'Set or remove the priority of a conversation',
	},
	fields: [conversationIdField, priorityField, withAccount()],
	async run(context, params) {
		const { accountId, conversationId } = conversationTarget(context, params, 'Set Priority');
		const body = buildPriorityBody(params);
		// Chatwoot answers 200 with no body
		const answer = await context.send<IDataObject | string | undefined>({
			method: 'POST',
			url: conversationPath(accountId, conversationId, '/toggle_priority'),
			body,
			purpose: 'set the priority',
			idempotent: true,
			notFound: conversationNotFound(accountId, conversationId),
		});
		return {
			raw: typeof answer === 'object' && answer !== null ? answer : { success: true, ...body },
			simplified: {
				conversationId,
				priority: body.priority,
				conversationUrl: conversationUrl(context.credentials, accountId, conversationId),
			},
		};
	},
};

const statusField: Field = {
	property: {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Open', value: 'open' },
			{ name: 'Pending', value: 'pending', description: 'Waiting, for example for a bot' },
			{ name: 'Resolved', value: 'resolved' },
			{
				name: 'Snoozed',
				value: 'snoozed',
				description: 'Hidden until Snoozed Until, or until the contact writes again',
			},
		],
		default: 'resolved',
		description:
			"The status the conversation gets. Opening it as an agent may make the access token's user its assignee (Chatwoot does so for agents).",
	},
	check: oneOf(STATUSES, { required: true }),
};

const snoozedUntilField: Field = {
	property: {
		displayName: 'Snoozed Until',
		name: 'snoozedUntil',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { status: ['snoozed'] } },
		description:
			'When the conversation opens again. Leave empty to snooze until the contact writes again.',
	},
	check: dateTime(),
};

/** The body of POST …/toggle_status: snoozed_until in Unix seconds (Chatwoot's parse_date_time). */
export function buildStatusBody(params: IDataObject): IDataObject {
	const body: IDataObject = { status: params.status };
	if (params.status === 'snoozed' && params.snoozedUntil instanceof Date)
		body.snoozed_until = Math.floor(params.snoozedUntil.getTime() / 1000);
	return body;
}

export const changeConversationStatus: Operation = {
	resource: 'conversation',
	option: {
		name: 'Change Status',
		value: 'changeStatus',
		action: 'Change the status of a conversation as an agent',
		description: 'Open, set pending, snooze (until a time) or resolve a conversation',
	},
	fields: [conversationIdField, statusField, snoozedUntilField, withAccount()],
	async run(context, params) {
		const { accountId, conversationId } = conversationTarget(context, params, 'Change Status');
		const answer = await context.send<IDataObject>({
			method: 'POST',
			url: conversationPath(accountId, conversationId, '/toggle_status'),
			body: buildStatusBody(params),
			purpose: 'change the status',
			// an explicit status: sending it again gives the same status
			idempotent: true,
			notFound: conversationNotFound(accountId, conversationId),
		});
		const payload = (answer?.payload ?? {}) as IDataObject;
		return {
			raw: answer,
			simplified: {
				conversationId,
				status: payload.current_status ?? params.status,
				snoozedUntil: isoTime(payload.snoozed_until) ?? null,
				conversationUrl: conversationUrl(context.credentials, accountId, conversationId),
			},
		};
	},
};
