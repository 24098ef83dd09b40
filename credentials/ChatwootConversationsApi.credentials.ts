import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

// n8n tests this credential with the Chatwoot node's `chatwootCredentialTest` method (`testedBy`):
// it checks the User Access Token and the Inbox Identifier, each when filled in.
export class ChatwootConversationsApi implements ICredentialType {
	name = 'chatwootConversationsApi';

	displayName = 'Chatwoot Conversations API';

	icon: Icon = {
		light: 'file:../nodes/Chatwoot/chatwoot.svg',
		dark: 'file:../nodes/Chatwoot/chatwoot.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-conversations/n8n-nodes-conversations/tree/main/packages/chatwoot#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://app.chatwoot.com',
			placeholder: 'e.g. https://chat.example.com',
			description:
				'The address of your Chatwoot installation as you open it in the browser, without /api/v1: https://app.chatwoot.com for Chatwoot Cloud, your own domain when self-hosted',
		},
		{
			displayName:
				'This Base URL ends with /api/v1. Enter the bare installation URL (for example https://app.chatwoot.com): the node adds the API paths itself.',
			name: 'baseUrlNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { baseUrl: [{ _cnd: { regex: '/(public/)?api/v1/*\\s*$' } }] } },
		},
		{
			displayName: 'Inbox Identifier',
			name: 'inboxIdentifier',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Needed for Create, Get, Resolve and Send (public client API), not for the Application API operations (Create as Agent, Send as Agent, Assign, labels, status, Search, contacts): in Chatwoot, Settings → Inboxes → your API-channel inbox → Configuration → Inbox Identifier',
		},
		{
			displayName: 'Inbox HMAC Token',
			name: 'hmacToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Optional. Needed when the inbox enforces identity validation: Settings → Inboxes → your API inbox → Configuration → Identity Validation. The node then signs each new contact's Identifier as identifier_hash.",
		},
		{
			displayName: 'User Access Token',
			name: 'apiAccessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'For the Application API operations (Create as Agent, Send as Agent, Assign, Add and Set Labels, Set Priority, Change Status, Search, Contact Create and Find) and the trigger: Chatwoot → Profile Settings → Access Token. Sent as the Api-Access-Token header, which proxies such as nginx pass on.',
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1',
			description:
				"Optional: the number after /app/accounts/ in Chatwoot's web address. Used by the Application API operations and for links that open conversations.",
		},
	];

	/**
	 * The user access token goes only to the Application API (/api/v1/…), and only when it is set: the
	 * public client API needs no token, and an empty header would be refused by some proxies. The
	 * hyphenated header name survives nginx, which drops headers with underscores (api_access_token)
	 * by default; Chatwoot reads both spellings.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const token =
			typeof credentials.apiAccessToken === 'string' ? credentials.apiAccessToken.trim() : '';
		const url = `${requestOptions.baseURL ?? ''}${requestOptions.url ?? ''}`;
		if (token === '' || url.includes('/public/api/v1/')) return requestOptions;
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), 'Api-Access-Token': token },
		};
	};
}
