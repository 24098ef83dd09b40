import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, operationSubtitle, runOperation } from '../shared/runner';
import { withAccountCheck } from './application';
import { chatwootListSearch, chatwootLoadOptions } from './lists';
import { chatwoot, chatwootCredentialTest } from './vendor';
import { createContact, findContact } from './contact/contact';
import { assignConversation } from './conversation/assign';
import { createConversation } from './conversation/create';
import { createConversationAsAgent } from './conversation/createAsAgent';
import { getConversation } from './conversation/get';
import { addConversationLabels, setConversationLabels } from './conversation/labels';
import { resolveConversation } from './conversation/resolve';
import { searchConversations } from './conversation/search';
import { changeConversationStatus, setConversationPriority } from './conversation/status';
import { sendMessage } from './message/send';
import { sendMessageAsAgent } from './message/sendAsAgent';
import { withoutSecretOutput } from './simplify';

const operations = [
	createConversation,
	createConversationAsAgent,
	getConversation,
	resolveConversation,
	addConversationLabels,
	assignConversation,
	changeConversationStatus,
	searchConversations,
	setConversationLabels,
	setConversationPriority,
	sendMessage,
	sendMessageAsAgent,
	createContact,
	findContact,
]
	.map(withAccountCheck)
	.map(withoutSecretOutput);

export class Chatwoot implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatwoot Conversations',
		name: 'chatwoot',
		icon: { light: 'file:chatwoot.svg', dark: 'file:chatwoot.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'Start Chatwoot conversations as a contact or as an agent, send messages and files, assign, label, prioritise, resolve or snooze conversations',
		defaults: { name: 'Chatwoot Conversations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'chatwootConversationsApi', required: true, testedBy: 'chatwootCredentialTest' },
		],
		properties: describeOperations(operations),
	};

	methods = {
		credentialTest: { chatwootCredentialTest },
		listSearch: chatwootListSearch,
		loadOptions: chatwootLoadOptions,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, chatwoot, operations);
	}
}
