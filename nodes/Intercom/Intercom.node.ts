import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, operationSubtitle, runOperation } from '../shared/runner';
import { intercomListSearch, intercomLoadOptions } from './lists';
import { intercom, intercomCredentialTest } from './vendor';
import { createConversation } from './conversation/create';
import { getConversation } from './conversation/get';
import { replyToConversation } from './conversation/reply';
import { replyAsAdmin } from './conversation/replyAsAdmin';
import { addTagToConversation } from './conversation/addTag';
import { assignConversation } from './conversation/assign';
import { closeConversation } from './conversation/close';
import { openConversation } from './conversation/open';
import { removeTagFromConversation } from './conversation/removeTag';
import { searchConversations } from './conversation/search';
import { snoozeConversation } from './conversation/snooze';
import { updateConversation } from './conversation/update';

const operations = [
	createConversation,
	addTagToConversation,
	assignConversation,
	closeConversation,
	getConversation,
	openConversation,
	removeTagFromConversation,
	replyAsAdmin,
	replyToConversation,
	searchConversations,
	snoozeConversation,
	updateConversation,
];

export class Intercom implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intercom Conversations',
		name: 'intercom',
		icon: { light: 'file:intercom.svg', dark: 'file:intercom.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'Start, reply to, assign, tag, close, snooze, update and find Intercom conversations',
		defaults: { name: 'Intercom Conversations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'intercomConversationsApi', required: true, testedBy: 'intercomCredentialTest' },
		],
		properties: describeOperations(operations),
	};

	methods = {
		credentialTest: { intercomCredentialTest },
		listSearch: intercomListSearch,
		loadOptions: intercomLoadOptions,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, intercom, operations);
	}
}
