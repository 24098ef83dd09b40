import type { IDataObject } from 'n8n-workflow';

import { itemError } from '../../shared/errors';
import { idField } from '../../shared/fields';
import { asObject } from '../../shared/objects';
import type { Field, Operation, OperationContext } from '../../shared/types';
import {
	accountIdField,
	applicationAccount,
	conversationNotFound,
	conversationPath,
} from '../application';
import { conversationIdField, numericId } from '../fields';
import { conversationUrl } from '../vendor';

const OPERATION_NAME = 'Assign';

const fields: Field[] = [
	accountIdField,
	conversationIdField,
	idField('Agent ID', 'assigneeId', {
		required: false,
		placeholder: 'e.g. 7',
		description:
			"The numeric ID of the agent to assign the conversation to (Settings → Agents; the number in the agent's web address). Leave empty to keep the agent.",
		check: numericId(),
	}),
	idField('Team ID', 'teamId', {
		required: false,
		placeholder: 'e.g. 2',
		description:
			'The numeric ID of the team to assign the conversation to (Settings → Teams). Leave empty to keep the team. With both, the team is set first: Chatwoot removes an agent who is not in the new team.',
		check: numericId(),
	}),
];

/** The body of POST …/assignments: Chatwoot ignores team_id when assignee_id is present, so one each. */
export function buildAssignmentBodies(params: IDataObject): IDataObject[] {
	const bodies: IDataObject[] = [];
	if (params.teamId !== undefined) bodies.push({ team_id: params.teamId });
	if (params.assigneeId !== undefined) bodies.push({ assignee_id: params.assigneeId });
	return bodies;
}

async function assign(
	context: OperationContext,
	accountId: string,
	conversationId: number,
	body: IDataObject,
): Promise<IDataObject> {
	const answer = await context.send<IDataObject | null | string>({
		method: 'POST',
		url: conversationPath(accountId, conversationId, '/assignments'),
		body,
		purpose: body.team_id !== undefined ? 'assign the team' : 'assign the agent',
		// the same assignment twice leaves the conversation as after the first
		idempotent: true,
		notFound: conversationNotFound(accountId, conversationId),
	});
	const wanted = body.team_id ?? body.assignee_id;
	const record = asObject(answer);
	if (String(record.id) !== String(wanted)) {
		const what = body.team_id !== undefined ? 'team' : 'agent';
		throw itemError(
			context,
			`Chatwoot has no ${what} with the ID ${String(wanted)} that conversation ${conversationId} can be assigned to`,
			body.team_id !== undefined
				? `Chatwoot answered without a team, so the conversation now has none. Check the Team ID under Settings → Teams in account ${accountId}.`
				: `Chatwoot answered without an agent, so the conversation is now unassigned. The agent must be a member of the conversation's inbox (Settings → Inboxes → Collaborators); check the Agent ID in account ${accountId}.`,
		);
	}
	return record;
}

export const assignConversation: Operation = {
	resource: 'conversation',
	option: {
		name: OPERATION_NAME,
		value: 'assign',
		action: 'Assign a conversation',
		description: 'Assign a conversation to an agent, a team, or both (Application API)',
	},
	fields,
	async checkItem(params) {
		if (params.assigneeId !== undefined || params.teamId !== undefined) return undefined;
		return {
			field: 'Agent ID',
			reason: 'and Team ID are both empty',
			fix: 'Enter the Agent ID, the Team ID, or both.',
		};
	},
	async run(context, params) {
		const accountId = applicationAccount(context, params, OPERATION_NAME);
		const conversationId = params.conversationId as number;
		const raw: IDataObject = {};
		for (const body of buildAssignmentBodies(params)) {
			const record = await assign(context, accountId, conversationId, body);
			raw[body.team_id !== undefined ? 'team' : 'assignee'] = record;
		}
		const assignee = asObject(raw.assignee);
		const team = asObject(raw.team);
		return {
			raw,
			simplified: {
				conversationId,
				assigneeId: assignee.id ?? null,
				assigneeName: assignee.available_name ?? assignee.name ?? null,
				teamId: team.id ?? null,
				teamName: team.name ?? null,
				conversationUrl: conversationUrl(context.credentials, accountId, conversationId),
			},
		};
	},
};
