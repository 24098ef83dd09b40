import type { IDataObject } from 'n8n-workflow';

import { oneOf } from '../../shared/checks';
import { buildBody } from '../../shared/fields';
import { locatorField } from '../../shared/locator';
import type { Field, Operation } from '../../shared/types';
import { actingAdminId } from '../admin';
import { adminIdField, conversationIdField } from '../fields';
import { partMessageField, sendPart } from '../parts';

/** The admin or team (as "Assign To" says) that gets the conversation; 0 removes the assignment. */
function assigneeField(): Field {
	const field = locatorField('Assignee', 'assigneeId', {
		searchListMethod: 'searchAssignees',
		idPlaceholder: 'e.g. 814860',
		description:
			'The admin or team (see Assign To) that gets the conversation. Unassigned (ID 0) removes the assignment.',
		send: 'assignee_id',
	});
	// The list shows admins or teams: it is loaded again when Assign To changes.
	field.property.typeOptions = { loadOptionsDependsOn: ['assigneeType'] };
	return field;
}

const fields: Field[] = [
	conversationIdField,
	{
		property: {
			displayName: 'Assign To',
			name: 'assigneeType',
			type: 'options',
			options: [
				{ name: 'Admin', value: 'admin', description: 'An Intercom admin (teammate)' },
				{ name: 'Team', value: 'team', description: 'An Intercom team' },
			],
			default: 'admin',
			description:
				'Whether the assignee is an admin or a team. A conversation can have both an admin and a team.',
		},
		check: oneOf(['admin', 'team'], { required: true }),
		send: 'type',
	},
	assigneeField(),
	adminIdField('performs the assignment'),
	partMessageField(
		'Optional reply posted in the conversation with the assignment, for example "Let me pass you to our billing team"',
	),
];

export const assignConversation: Operation = {
	resource: 'conversation',
	option: {
		name: 'Assign',
		value: 'assign',
		action: 'Assign a conversation to an admin or a team',
		description: 'Assign a conversation to an admin or a team, with an optional message',
	},
	fields,
	async run(context, params) {
		const body: IDataObject = {
			message_type: 'assignment',
			...buildBody(fields, params),
			admin_id: await actingAdminId(context, params),
		};
		return sendPart(context, params.conversationId, body, 'assign the conversation');
	},
};
