import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, operationSubtitle, runOperation } from '../shared/runner';
import { userdesk, userdeskCredentialTest } from './vendor';
import { createConversation } from './conversation/create';
import { sendMessage } from './message/send';

const operations = [createConversation, sendMessage];

export class Userdesk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Userdesk Conversations',
		name: 'userdesk',
		icon: { light: 'file:userdesk.svg', dark: 'file:userdesk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description: 'Start conversations with a Userdesk AI chatbot and send it messages',
		defaults: { name: 'Userdesk Conversations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'userdeskConversationsApi', required: true, testedBy: 'userdeskCredentialTest' },
		],
		properties: describeOperations(operations),
	};

	methods = { credentialTest: { userdeskCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, userdesk, operations);
	}
}
