import { email, text } from '../shared/checks';
import type { Field } from '../shared/types';

/** The person the chatbot talks to, sent with Create and Send. */
export const userFields: Field[] = [
	{
		property: {
			displayName: 'User Name',
			name: 'userName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Nathan Smith',
			description: 'Name of the person the chatbot talks to',
		},
		check: text({ maxLength: 255 }),
		send: 'userName',
	},
	{
		property: {
			displayName: 'User Email',
			name: 'userEmail',
			type: 'string',
			default: '',
			placeholder: 'e.g. nathan@example.com',
			description: 'E-mail address of the person the chatbot talks to',
		},
		check: email(),
		send: 'userEmail',
	},
];
