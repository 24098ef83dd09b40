import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, runOperation } from '../shared/runner';
import { chatbotPath, userdesk, userdeskBaseUrl } from './api';
import { createConversation } from './conversation/create';
import { sendMessage } from './message/send';

const operations = [createConversation, sendMessage];

/**
 * Userdesk has no endpoint without side effects (no "me", no list). The test posts a message
 * request with no message: Userdesk checks the key and the chatbot before the body, so a bad key
 * answers 401, a key of another chatbot 403, and a good key is refused for the missing message
 * (400/422) without creating a conversation.
 */
async function userdeskCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	// ICredentialTestFunctions offers only `request` (n8n-core routes it through axios).
	const { helpers } = this;
	try {
		await helpers.request({
			method: 'POST',
			uri: `${userdeskBaseUrl(data)}${chatbotPath(data, 'message')}`,
			headers: { Authorization: `Bearer ${String(data.apiKey ?? '')}` },
			body: {},
			json: true,
		});
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		const status = Number((error as { statusCode?: number }).statusCode ?? (error as { httpCode?: string }).httpCode);
		if (status === 401) return { status: 'Error', message: 'Userdesk refused the API key: it is missing, wrong or deleted.' };
		if (status === 403) return { status: 'Error', message: 'The API key does not belong to this chatbot: check the Chatbot ID.' };
		if (status === 404) return { status: 'Error', message: 'Userdesk has no chatbot with this ID: check the Chatbot ID and the Base URL.' };
		if (status === 400 || status === 422) return { status: 'OK', message: 'Connection successful' };
		return { status: 'Error', message: `Userdesk could not be reached at the Base URL (${status || 'no answer'}).` };
	}
}

export class Userdesk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Userdesk Conversations',
		name: 'userdesk',
		icon: { light: 'file:userdesk.svg', dark: 'file:userdesk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Start conversations with a Userdesk AI chatbot and send it messages',
		defaults: { name: 'Userdesk Conversations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'userdeskConversationsApi', required: true, testedBy: 'userdeskCredentialTest' }],
		properties: describeOperations(operations),
	};

	methods = { credentialTest: { userdeskCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, userdesk, operations);
	}
}
