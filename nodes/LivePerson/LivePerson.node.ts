import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, operationSubtitle, runOperation } from '../shared/runner';
import { livePersonListSearch } from './lists';
import { livePerson, livePersonCredentialTest } from './vendor';
import { closeConversation } from './conversation/close';
import { createConversation } from './conversation/create';
import { transferConversation } from './conversation/transfer';
import { updateConsumerInfo } from './conversation/updateConsumerInfo';
import { sendMessage } from './message/send';
import { sendStructuredContent } from './message/sendStructured';

const operations = [
	createConversation,
	closeConversation,
	transferConversation,
	updateConsumerInfo,
	sendMessage,
	sendStructuredContent,
];

export class LivePerson implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LivePerson Conversations',
		name: 'livePerson',
		icon: { light: 'file:liveperson.svg', dark: 'file:liveperson.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'Open LivePerson messaging conversations on behalf of your consumers through the Connector API, send their messages and structured content, update their info, transfer and close conversations',
		defaults: { name: 'LivePerson Conversations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'livePersonConversationsApi', required: true, testedBy: 'livePersonCredentialTest' },
		],
		properties: describeOperations(operations),
	};

	methods = {
		credentialTest: { livePersonCredentialTest },
		listSearch: livePersonListSearch,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, livePerson, operations);
	}
}
