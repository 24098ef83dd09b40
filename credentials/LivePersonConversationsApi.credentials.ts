import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { isDomainLookup, requestAppJwt } from '../nodes/LivePerson/auth';

/** The Account Configuration lists the node reads in the editor (skills): users' configuration. */
const ACCOUNT_CONFIGURATION = /\/api\/account\/[^/]+\/configuration\/le-users\//;

/**
 * LivePerson Connector API (Send API). The AppJWT comes from Sentinel (client credentials, one
 * hour) in preAuthentication, into the hidden expirable `appJwt`; n8n gets a new one when it is
 * empty or after a 401. The Domain API names the hosts of the account; overrides replace it.
 * n8n tests the credential with the LivePerson node's `livePersonCredentialTest` method
 * (`testedBy`): the AppJWT, then the account's messaging service.
 */
export class LivePersonConversationsApi implements ICredentialType {
	name = 'livePersonConversationsApi';

	displayName = 'LivePerson Conversations API';

	icon: Icon = {
		light: 'file:../nodes/LivePerson/liveperson.svg',
		dark: 'file:../nodes/LivePerson/liveperson.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-conversations/n8n-nodes-conversations/tree/main/packages/liveperson#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'AppJWT',
			name: 'appJwt',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 12345678',
			description:
				'Your LivePerson site ID: the number shown after you log in to Conversational Cloud',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 75588e18-0213-4e33-8174-883acac7e3c4',
			description:
				'The app installation ID (client_id) LivePerson gives you after it registers your connector from its App Installation Manifest',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The client_secret LivePerson gives you with the Client ID',
		},
		{
			displayName: 'Domain API Host',
			name: 'domainApiHost',
			type: 'string',
			default: 'https://api.liveperson.net',
			description:
				"LivePerson's Domain API, which names the hosts of your account (sentinel, idp, asyncMessagingEnt). Change only for a private cloud, a proxy or a test server.",
		},
		{
			displayName: 'Sentinel URL (Override)',
			name: 'sentinelUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://va.sentinel.liveperson.net',
			description:
				'Optional. The base URL of the token service (sentinel). Leave empty to look it up with the Domain API.',
		},
		{
			displayName: 'IDP URL (Override)',
			name: 'idpUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://va.idp.liveperson.net',
			description:
				'Optional. The base URL of the consumer identity service (idp). Leave empty to look it up with the Domain API.',
		},
		{
			displayName: 'Messaging URL (Override)',
			name: 'asyncMessagingEntUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://va.msg.liveperson.net',
			description:
				'Optional. The base URL of the messaging service (asyncMessagingEnt). Leave empty to look it up with the Domain API.',
		},
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return { appJwt: await requestAppJwt(this.helpers, credentials) };
	}

	// The Connector API expects the raw AppJWT, without "Bearer " (every public implementation sends
	// it so); the Account Configuration APIs (the skills list) take it as an OAuth 2.0 bearer token,
	// as LivePerson's client-credentials guide shows. The Domain API needs no token, so it gets none.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		if (isDomainLookup(requestOptions.url)) return requestOptions;
		const scheme = ACCOUNT_CONFIGURATION.test(requestOptions.url ?? '') ? 'Bearer ' : '';
		return {
			...requestOptions,
			headers: {
				...(requestOptions.headers ?? {}),
				Authorization: `${scheme}${String(credentials.appJwt ?? '')}`,
			},
		};
	};
}
