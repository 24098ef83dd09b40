import { chatwootContact, socialBoardsToken, type SandboxServer } from '../test/faults/targets';

/** The request a user would configure in n8n's HTTP Request node to do what our Create does. */
export interface EquivalentRequest {
	url: string;
	headers: Record<string, string>;
	jsonBody: string;
}

// LivePerson needs an AppJWT and a ConsumerJWS per consumer before each conversation: no single
// HTTP Request node call does that, so it has no row here.
export const benchRequests: Record<string, (server: SandboxServer) => Promise<EquivalentRequest>> =
	{
		intercom: async (server) => ({
			url: `${server.baseUrl}/conversations`,
			headers: {
				Authorization: `Bearer ${server.credentials.accessToken}`,
				'Intercom-Version': '2.14',
				Accept: 'application/json',
			},
			jsonBody:
				'={{ JSON.stringify({ from: { type: "user", id: "536e564f316c83104c000020" }, body: $json.marker }) }}',
		}),
		userdesk: async (server) => ({
			url: `${server.baseUrl}/chatbot/${server.credentials.chatbotId}/conversation`,
			headers: { Authorization: `Bearer ${server.credentials.apiKey}` },
			jsonBody: '={{ JSON.stringify({ userName: $json.marker }) }}',
		}),
		chatwoot: async (server) => ({
			url: `${server.baseUrl}/public/api/v1/inboxes/${server.credentials.inboxIdentifier}/contacts/${await chatwootContact(server)}/conversations`,
			headers: {},
			jsonBody: '={{ JSON.stringify({ custom_attributes: { marker: $json.marker } }) }}',
		}),
		socialboards: async (server) => ({
			url: `${server.url}/chat/conversations`,
			headers: { Authorization: `Bearer ${await socialBoardsToken(server)}` },
			jsonBody:
				'={{ JSON.stringify({ author: { email: "ana@example.com" }, title: $json.marker }) }}',
		}),
	};
