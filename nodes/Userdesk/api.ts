import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { ApiResponse, Vendor } from '../shared/types';

export function userdeskBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || 'https://api.userdesk.io/v1').replace(/\/+$/, '');
}

export function chatbotPath(credentials: ICredentialDataDecryptedObject, endpoint: 'conversation' | 'message'): string {
	return `/chatbot/${encodeURIComponent(String(credentials.chatbotId ?? '').trim())}/${endpoint}`;
}

// Userdesk documents its statuses (401 missing or wrong key, 403 chatbot not allowed) but no error
// body; read a `message` or `error` text when there is one.
export const userdesk: Vendor = {
	label: 'Userdesk',
	credentialType: 'userdeskConversationsApi',
	credentialName: 'Userdesk Conversations',
	baseUrl: userdeskBaseUrl,
	unauthorizedHint: 'Check the API Key of the Userdesk Conversations credential: it is missing, wrong or deleted.',
	explainError(response: ApiResponse) {
		const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as {
			message?: string;
			error?: string;
		};
		const text = body.message ?? body.error;
		if (response.statusCode === 403) {
			return {
				message: text ?? 'access to this chatbot is denied',
				description: 'The API key belongs to another chatbot. Check the Chatbot ID in the Userdesk Conversations credential.',
			};
		}
		return text ? { message: text } : {};
	},
};
