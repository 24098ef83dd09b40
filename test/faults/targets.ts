import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

/** What the fault suite needs to know of one vendor node to drive it against its sandbox fake. */
export interface FaultTarget {
	vendor: string;
	nodeType: string;
	credentials(server: SandboxServer): Record<string, ICredentialDataDecryptedObject>;
	/** Create Conversation parameters; each item's $json.marker must end up in what the fake stores. */
	create: INodeParameters;
	/** The request that creates the conversation. */
	createPath: RegExp;
	/** The markers of the conversations the fake holds. */
	markers(server: SandboxServer): string[];
	/** Create parameters for the benchmark when they differ (one request per item, like the HTTP Request node's). */
	benchCreate?(server: SandboxServer): Promise<INodeParameters>;
	/** Options for the sandbox fake. */
	serverOptions?: IDataObject;
	/** The credential's token expires (SocialBoards, LivePerson): renewed in the middle of a run. */
	expiringToken?: boolean;
}

export interface SandboxServer {
	url: string;
	baseUrl: string;
	credentials: Record<string, string>;
	state: { conversations: IDataObject[]; requests: IDataObject[] } & IDataObject;
	injectFault(fault: IDataObject): IDataObject;
	setRateLimit(limit: IDataObject | null): void;
	setLatency(ms: number): void;
	requestsTo(method: string, path: RegExp): IDataObject[];
	reset(): void;
	close(): Promise<void>;
}

export const sandbox = require('../sandbox') as {
	startVendorServer(
		vendor: string,
		options?: IDataObject & { now?: () => number },
	): Promise<SandboxServer>;
};

/** A contact in the Chatwoot fake's public inbox, for runs that reuse one contact. */
export async function chatwootContact(server: SandboxServer): Promise<string> {
	const response = await fetch(
		`${server.url}/public/api/v1/inboxes/${server.credentials.inboxIdentifier}/contacts`,
		{
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ name: 'Bench Contact', email: 'bench@example.com' }),
		},
	);
	return ((await response.json()) as { source_id: string }).source_id;
}

/** An access token from the SocialBoards fake, as a user would paste into the HTTP Request node. */
export async function socialBoardsToken(server: SandboxServer): Promise<string> {
	const response = await fetch(`${server.url}/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'refresh_token',
			refresh_token: server.credentials.refreshToken,
			client_id: server.credentials.clientId,
		}),
	});
	return ((await response.json()) as { access_token: string }).access_token;
}

export const targets: FaultTarget[] = [
	{
		vendor: 'intercom',
		nodeType: 'intercom',
		credentials: (server) => ({
			intercomConversationsApi: {
				accessToken: server.credentials.accessToken,
				region: 'custom',
				baseUrl: server.baseUrl,
				apiVersion: '2.14',
				workspaceId: '',
			},
		}),
		create: {
			resource: 'conversation',
			operation: 'create',
			contactBy: 'id',
			contactId: '536e564f316c83104c000020',
			additionalFields: { senderType: 'user' },
			body: '={{$json.marker}}',
		},
		createPath: /^\/conversations$/,
		markers: (server) =>
			server.state.conversations.map((conversation) =>
				String((conversation.source as IDataObject).body),
			),
	},
	{
		vendor: 'userdesk',
		nodeType: 'userdesk',
		credentials: (server) => ({
			userdeskConversationsApi: {
				apiKey: server.credentials.apiKey,
				chatbotId: server.credentials.chatbotId,
				baseUrl: server.baseUrl,
			},
		}),
		create: { resource: 'conversation', operation: 'create', userName: '={{$json.marker}}' },
		createPath: /\/conversation$/,
		markers: (server) =>
			server.state.conversations.map((conversation) => String(conversation.userName)),
	},
	{
		vendor: 'socialboards',
		nodeType: 'socialBoards',
		credentials: (server) => ({
			socialBoardsConversationsApi: {
				accessToken: '',
				clientId: server.credentials.clientId,
				refreshToken: server.credentials.refreshToken,
				tokenUrl: `${server.url}/token`,
				baseUrl: server.baseUrl,
			},
		}),
		create: {
			resource: 'conversation',
			operation: 'create',
			authorBy: 'email',
			authorEmail: 'ana@example.com',
			additionalFields: { title: '={{$json.marker}}' },
		},
		createPath: /^\/chat\/conversations$/i,
		markers: (server) =>
			server.state.conversations.map((conversation) => String(conversation.title)),
		expiringToken: true,
	},
	{
		vendor: 'chatwoot',
		nodeType: 'chatwoot',
		credentials: (server) => ({
			chatwootConversationsApi: {
				baseUrl: server.baseUrl,
				inboxIdentifier: server.credentials.inboxIdentifier,
				hmacToken: '',
				apiAccessToken: server.credentials.apiAccessToken,
				accountId: '1',
			},
		}),
		create: {
			resource: 'conversation',
			operation: 'create',
			contactMode: 'new',
			contactFields: { name: 'Ana Lima', email: 'ana@example.com' },
			additionalFields: { customAttributes: '={{ JSON.stringify({ marker: $json.marker }) }}' },
		},
		createPath: /\/contacts\/[^/]+\/conversations$/,
		benchCreate: async (server) => ({
			resource: 'conversation',
			operation: 'create',
			contactMode: 'existing',
			contactIdentifier: await chatwootContact(server),
			additionalFields: { customAttributes: '={{ JSON.stringify({ marker: $json.marker }) }}' },
		}),
		markers: (server) =>
			server.state.conversations.map((conversation) =>
				String((conversation.custom_attributes as IDataObject)?.marker),
			),
	},
	{
		vendor: 'liveperson',
		nodeType: 'livePerson',
		serverOptions: { lpScheme: 'http' },
		credentials: (server) => ({
			livePersonConversationsApi: {
				appJwt: '',
				accountId: server.credentials.accountId,
				clientId: server.credentials.clientId,
				clientSecret: server.credentials.clientSecret,
				domainApiHost: server.url,
				sentinelUrl: '',
				idpUrl: '',
				asyncMessagingEntUrl: '',
			},
		}),
		create: {
			resource: 'conversation',
			operation: 'create',
			externalConsumerId: '={{$json.marker}}',
		},
		createPath: /\/messaging\/consumer\/conversation$/,
		markers: (server) =>
			server.state.conversations.map((conversation) => String(conversation.extConsumerId)),
		expiringToken: true,
	},
];
