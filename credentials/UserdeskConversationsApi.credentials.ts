import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	Icon,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

// Userdesk has no endpoint without side effects, so there is no `test` request here: the Userdesk
// node tests this credential with its `userdeskCredentialTest` method (`testedBy`), see the node.
export class UserdeskConversationsApi implements ICredentialType {
	name = 'userdeskConversationsApi';

	displayName = 'Userdesk Conversations API';

	icon: Icon = {
		light: 'file:../nodes/Userdesk/userdesk.svg',
		dark: 'file:../nodes/Userdesk/userdesk.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-conversations/n8n-nodes-conversations/tree/main/packages/userdesk#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'In Userdesk: open the chatbot → API → Create key. Keys belong to one chatbot.',
		},
		{
			displayName: 'Chatbot ID',
			name: 'chatbotId',
			type: 'string',
			required: true,
			default: '',
			description: "The ID of the chatbot the key belongs to, shown in the chatbot's API section",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.userdesk.io/v1',
			description: 'Change only for a proxy or a test server',
		},
	];

	/** A function rather than a header expression: n8n evaluates those on every request. */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: {
			...(requestOptions.headers ?? {}),
			Authorization: `Bearer ${String(credentials.apiKey ?? '')}`,
		},
	});
}
