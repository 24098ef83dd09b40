import type { IDataObject } from 'n8n-workflow';

import { itemError } from '../../shared/errors';
import { asObject } from '../../shared/objects';
import type { Field, Operation, OperationContext } from '../../shared/types';
import {
	conversationNotFound,
	conversationPath,
	conversationTarget,
	withAccount,
} from '../application';
import { agentIdField, conversationIdField, teamIdField } from '../fields';
import { conversationUrl } from '../vendor';

const OPERATION_NAME = 'Assign';

const fields: Field[] = [
	conversationIdField,
	agentIdField('Agent', 'The agent to assign the conversation to. Leave empty to keep the agent.'),
	teamIdField(
		'The team to assign the conversation to. Leave empty to keep the team. With both, the team is set first: Chatwoot removes an agent who is not in the new team.',
	),
	withAccount(),
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
				? `Chatwoot answered without a team, so the conversation now has none. Pick the team from its list (Settings → Teams in account ${accountId}).`
				: `Chatwoot answered without an agent, so the conversation is now unassigned. The agent must be a member of the conversation's inbox (Settings → Inboxes → Collaborators); pick the agent from its list of account ${accountId}.`,
		);
	}
	return record;
}

export const assignConversation: Operation = {
	resource: 'conversation',
	option: {
		name: OPERATION_NAME,
		value: 'assign',
		action: 'Assign a conversation to an agent or a team',
		description: 'Assign a conversation to an agent, a team, or both',
	},
	fields,
	async checkItem(params) {
		if (params.assigneeId !== undefined || params.teamId !== undefined) return undefined;
		return {
			field: 'Agent',
			reason: 'and Team are both empty',
			fix: 'Pick the agent, the team, or both.',
		};
	},
	async run(context, params) {
		const { accountId, conversationId } = conversationTarget(context, params, OPERATION_NAME);
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
