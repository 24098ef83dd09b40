import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	Icon,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

// n8n tests this credential with the Intercom node's `intercomCredentialTest` method (`testedBy`):
// GET /me with the Access Token, a message that names the field on every n8n version.
export class IntercomConversationsApi implements ICredentialType {
	name = 'intercomConversationsApi';

	displayName = 'Intercom Conversations API';

	icon: Icon = {
		light: 'file:../nodes/Intercom/intercom.svg',
		dark: 'file:../nodes/Intercom/intercom.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-conversations/n8n-nodes-conversations/tree/main/packages/intercom#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'In Intercom: Settings → Integrations → Developer Hub → your app → Configure → Authentication',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'US (api.intercom.io)', value: 'https://api.intercom.io' },
				{ name: 'Europe (api.eu.intercom.io)', value: 'https://api.eu.intercom.io' },
				{ name: 'Australia (api.au.intercom.io)', value: 'https://api.au.intercom.io' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'https://api.intercom.io',
			description:
				'Where your Intercom workspace is hosted. Use a custom base URL for a proxy or a test server.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://intercom-proxy.example.com',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: ['2.16', '2.15', '2.14', '2.13', '2.12', '2.11', '2.10', '2.9', '2.8', '2.7'].map(
				(version) => ({
					name: version,
					value: version,
				}),
			),
			default: '2.14',
			description:
				"Sent as the Intercom-Version header. 2.14 is the version of Intercom's official SDK.",
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Optional; needed by the Intercom Conversations Trigger, which checks every webhook notification's X-Hub-Signature with it and refuses all notifications (401) while it is empty. In Intercom: Developer Hub → your app → Configure → Basic Information → Client Secret.",
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			placeholder: 'e.g. abc123de',
			description:
				'Optional. The code after /apps/ in your Intercom web address; when set, outputs include a link that opens the conversation.',
		},
	];

	/** A function rather than header expressions: n8n evaluates those on every request, which costs more CPU than the request itself in bulk runs. */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: {
			...(requestOptions.headers ?? {}),
			Authorization: `Bearer ${String(credentials.accessToken ?? '')}`,
			'Intercom-Version': String(credentials.apiVersion || '2.14'),
			Accept: 'application/json',
		},
	});
}
