import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';

// Bad inputs as they arrive from CRM rows and expressions. Each must be refused before any request
// (the network is closed to these hosts: a request would fail differently), with a message that
// names the field and the item.

interface BadInput {
	name: string;
	parameters: INodeParameters;
	field: string;
	reason: string | RegExp;
}

const NUMBER = '={{ 42 }}';
const OBJECT = '={{ { "a": 1 } }}';
const ARRAY = '={{ [1, 2] }}';
const NULL = '={{ null }}';
const SPACES = '   ';
const LONG = `={{ "x".repeat(70000) }}`;

/** The same bad values for each text field, with the reason each one gets. */
function typeCases(field: string, label: string, required: boolean): BadInput[] {
	const cases: BadInput[] = [
		{ name: `${label}: a number`, parameters: { [field]: NUMBER }, field: label, reason: 'must be text, but got the number 42' },
		{ name: `${label}: an object`, parameters: { [field]: OBJECT }, field: label, reason: 'must be text, but got an object' },
		{ name: `${label}: a list`, parameters: { [field]: ARRAY }, field: label, reason: 'must be text, but got a list' },
		{ name: `${label}: null`, parameters: { [field]: NULL }, field: label, reason: 'must be text, but got null' },
	];
	if (required) {
		// A literally empty required field is already refused by n8n's engine ("Parameter … is required");
		// an expression that gives an empty value reaches the node.
		cases.push({ name: `${label}: empty`, parameters: { [field]: '={{ "" }}' }, field: label, reason: 'is required but is empty' });
		cases.push({ name: `${label}: only spaces`, parameters: { [field]: SPACES }, field: label, reason: 'is required but is empty' });
	}
	return cases;
}

const intercomCreate = {
	resource: 'conversation',
	operation: 'create',
	contactBy: 'email',
	contactEmail: 'ana@example.com',
	body: 'Hello',
};
const extra = (fields: Record<string, unknown>) => ({ additionalFields: fields as INodeParameters });

const intercomCases: BadInput[] = [
	...typeCases('contactEmail', 'Contact Email', true),
	...typeCases('body', 'Message', true),
	...typeCases('contactExternalId', 'Contact External ID', true)
		.filter((entry) => !entry.name.includes('number'))
		.map((entry) => ({ ...entry, parameters: { contactBy: 'externalId', ...entry.parameters } })),
	...typeCases('contactId', 'Contact ID', true)
		.filter((entry) => !entry.name.includes('number'))
		.map((entry) => ({ ...entry, parameters: { contactBy: 'id', ...entry.parameters } })),
	{ name: 'malformed e-mail', parameters: { contactEmail: 'ana@example' }, field: 'Contact Email', reason: 'is not a valid e-mail address' },
	{ name: 'e-mail with a space', parameters: { contactEmail: 'ana lima@example.com' }, field: 'Contact Email', reason: 'is not a valid e-mail address' },
	{ name: 'two e-mails', parameters: { contactEmail: 'a@example.com,b@example.com' }, field: 'Contact Email', reason: 'is not a valid e-mail address' },
	{ name: 'HTML in the message', parameters: { body: '<p>Hello</p>' }, field: 'Message', reason: 'contains HTML' },
	{ name: 'a script tag in the message', parameters: { body: 'Hi <script>alert(1)</script>' }, field: 'Message', reason: 'contains HTML' },
	{ name: 'an over-long message', parameters: { body: LONG }, field: 'Message', reason: 'the limit is 65000' },
	{ name: 'a contact ID with a slash', parameters: { contactBy: 'id', contactId: '../admins' }, field: 'Contact ID', reason: 'an ID has only letters' },
	{ name: 'an unknown lookup', parameters: { contactBy: '={{ "phone" }}', contactId: 'x', contactExternalId: 'x' }, field: 'Contact Identified By', reason: 'must be one of "id", "email", "externalId", but got "phone"' },
	{ name: 'an unknown sender type', parameters: { senderType: '={{ "admin" }}' }, field: 'Sender Type', reason: 'must be one of' },
	{ name: 'an unknown not-found action', parameters: { whenNotFound: '={{ "ignore" }}' }, field: 'If Contact Not Found', reason: 'must be one of' },
	{ name: '11 attachment URLs', parameters: extra({ attachmentUrls: `={{ Array.from({length: 11}, (_, i) => "https://e.com/" + i) }}` }), field: 'Additional Fields › Attachment URLs', reason: 'has 11 URLs; the limit is 10' },
	{ name: 'a malformed attachment URL', parameters: extra({ attachmentUrls: 'https//e.com/a.png' }), field: 'Additional Fields › Attachment URLs', reason: 'is not a valid URL' },
	{ name: 'a javascript: URL', parameters: extra({ attachmentUrls: 'javascript:alert(1)' }), field: 'Additional Fields › Attachment URLs', reason: 'must start with http:// or https://' },
	{ name: 'attachment URLs as an object', parameters: extra({ attachmentUrls: OBJECT }), field: 'Additional Fields › Attachment URLs', reason: 'must be a list of URLs' },
	{ name: 'a number among attachment URLs', parameters: extra({ attachmentUrls: '={{ ["https://e.com/a", 7] }}' }), field: 'Additional Fields › Attachment URLs', reason: 'one entry is the number 7' },
	{ name: 'an unreadable Created At', parameters: extra({ createdAt: 'last tuesday' }), field: 'Additional Fields › Created At', reason: 'must be a date and time' },
	{ name: 'Created At as an object', parameters: extra({ createdAt: OBJECT }), field: 'Additional Fields › Created At', reason: 'must be a date and time' },
	{ name: 'an over-long subject', parameters: extra({ subject: '={{ "s".repeat(300) }}' }), field: 'Additional Fields › Subject', reason: 'the limit is 255' },
	{ name: 'a subject as a list', parameters: extra({ subject: ARRAY }), field: 'Additional Fields › Subject', reason: 'must be text' },
	{ name: 'a contact name as an object', parameters: extra({ contactName: OBJECT }), field: 'Additional Fields › Contact Name', reason: 'must be text' },
];

const userdeskCases: BadInput[] = [
	...typeCases('userName', 'User Name', false),
	...typeCases('userEmail', 'User Email', false),
	...typeCases('message', 'Message', true).map((entry) => ({ ...entry, parameters: { operation: 'sendMessage', ...entry.parameters } })),
	...typeCases('conversationId', 'Conversation ID', false)
		.filter((entry) => !entry.name.includes('number'))
		.map((entry) => ({ ...entry, parameters: { operation: 'sendMessage', message: 'Hi', ...entry.parameters } })),
	{ name: 'malformed e-mail', parameters: { userEmail: 'ana@' }, field: 'User Email', reason: 'is not a valid e-mail address' },
	{ name: 'e-mail without a domain dot', parameters: { userEmail: 'ana@localhost' }, field: 'User Email', reason: 'is not a valid e-mail address' },
	{ name: 'e-mail in angle brackets', parameters: { userEmail: 'Ana <ana@example.com>' }, field: 'User Email', reason: 'is not a valid e-mail address' },
	{ name: 'an over-long e-mail', parameters: { userEmail: `={{ "a".repeat(250) + "@example.com" }}` }, field: 'User Email', reason: 'the limit is 254' },
	{ name: 'an over-long name', parameters: { userName: '={{ "n".repeat(256) }}' }, field: 'User Name', reason: 'the limit is 255' },
	{ name: 'an over-long message', parameters: { operation: 'sendMessage', message: '={{ "m".repeat(10001) }}' }, field: 'Message', reason: 'the limit is 10000' },
	{ name: 'a conversation ID with a slash', parameters: { operation: 'sendMessage', message: 'Hi', conversationId: 'a/b' }, field: 'Conversation ID', reason: 'an ID has only letters' },
	{ name: 'a conversation ID with a dot', parameters: { operation: 'sendMessage', message: 'Hi', conversationId: 'a.b' }, field: 'Conversation ID', reason: 'an ID has only letters' },
	{ name: 'an over-long conversation ID', parameters: { operation: 'sendMessage', message: 'Hi', conversationId: '={{ "c".repeat(129) }}' }, field: 'Conversation ID', reason: 'the limit is 128' },
	{ name: 'two e-mails', parameters: { userEmail: 'a@example.com; b@example.com' }, field: 'User Email', reason: 'is not a valid e-mail address' },
	{ name: 'an e-mail ending in a dot', parameters: { userEmail: 'ana@example.' }, field: 'User Email', reason: 'is not a valid e-mail address' },
	{ name: 'a message that is true', parameters: { operation: 'sendMessage', message: '={{ true }}' }, field: 'Message', reason: 'must be text, but got the value true' },
	{ name: 'a name that is false', parameters: { userName: '={{ false }}' }, field: 'User Name', reason: 'must be text, but got the value false' },
	{ name: 'a conversation ID with spaces inside', parameters: { operation: 'sendMessage', message: 'Hi', conversationId: 'a b' }, field: 'Conversation ID', reason: 'an ID has only letters' },
];

interface Suite {
	type: string;
	base: INodeParameters;
	cases: BadInput[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
}

const suites: Suite[] = [
	{
		type: 'intercom',
		base: intercomCreate,
		cases: intercomCases,
		credentials: { intercomConversationsApi: { accessToken: 'secret', region: 'https://api.intercom.io', apiVersion: '2.14' } },
	},
	{
		type: 'userdesk',
		base: { resource: 'conversation', operation: 'create' },
		cases: userdeskCases,
		credentials: { userdeskConversationsApi: { apiKey: 'secret', chatbotId: 'bot', baseUrl: 'https://api.userdesk.io/v1' } },
	},
];

describe.each(suites)('$type bad-input corpus', ({ type, base, cases, credentials }) => {
	test('has at least 30 cases', () => {
		expect(cases.length).toBeGreaterThanOrEqual(30);
	});

	test.each(cases)('$name', async ({ parameters, field, reason }) => {
		const { error, output } = await runNode({
			type,
			parameters: { ...base, ...parameters },
			credentials,
			items: [{ ok: true }, { ok: false }],
		});
		expect(output).toEqual([]);
		expect(error?.message.startsWith(`${field} `)).toBe(true);
		if (typeof reason === 'string') expect(error?.message).toContain(reason);
		else expect(error?.message).toMatch(reason);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(error?.description).toContain('Nothing was sent');
	});
});
