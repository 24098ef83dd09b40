import type { SandboxServer } from '../test/faults/targets';

/** The request a user would configure in n8n's HTTP Request node to do what our Create does. */
export interface EquivalentRequest {
	url: string;
	headers: Record<string, string>;
	jsonBody: string;
}

export const benchRequests: Record<string, (server: SandboxServer) => EquivalentRequest> = {
	intercom: (server) => ({
		url: `${server.baseUrl}/conversations`,
		headers: {
			Authorization: `Bearer ${server.credentials.accessToken}`,
			'Intercom-Version': '2.14',
			Accept: 'application/json',
		},
		jsonBody: '={{ JSON.stringify({ from: { type: "user", id: "536e564f316c83104c000020" }, body: $json.marker }) }}',
	}),
	userdesk: (server) => ({
		url: `${server.baseUrl}/chatbot/${server.credentials.chatbotId}/conversation`,
		headers: { Authorization: `Bearer ${server.credentials.apiKey}` },
		jsonBody: '={{ JSON.stringify({ userName: $json.marker }) }}',
	}),
};
