import type { Operation } from './types';

/** Where an operation sits in the node: its resource and its option. */
export type OperationHeading = Pick<Operation, 'resource' | 'option'>;

function heading(resource: string, name: string, value: string, action: string) {
	return (description: string): OperationHeading => ({
		resource,
		option: { name, value, action, description },
	});
}

/** "Conversation → Create", named alike in every vendor; the argument says what this vendor's Create does. */
export const conversationCreate = heading(
	'conversation',
	'Create',
	'create',
	'Create a conversation',
);

/** "Conversation → Get", named alike in every vendor; the argument says what this vendor's Get returns. */
export const conversationGet = heading('conversation', 'Get', 'get', 'Get a conversation');
