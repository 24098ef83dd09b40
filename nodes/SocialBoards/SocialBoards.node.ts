import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, operationSubtitle, runOperation } from '../shared/runner';
import { socialBoardsListSearch } from './lists';
import { socialBoards } from './vendor';
import { changeTakeover } from './conversation/changeTakeover';
import { closeConversation } from './conversation/close';
import { createConversation } from './conversation/create';
import { getConversation } from './conversation/get';
import { listMessages } from './conversation/listMessages';
import { addMessages } from './message/add';

// Create first: it stays the Conversation resource's default operation.
const operations = [
	createConversation,
	changeTakeover,
	closeConversation,
	getConversation,
	listMessages,
	addMessages,
];

export class SocialBoards implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SocialBoards Conversations',
		name: 'socialBoards',
		icon: { light: 'file:socialboards.svg', dark: 'file:socialboards.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'Start SocialBoards chat conversations, add messages from the person or your team, read them, hand them to an agent and close them',
		defaults: { name: 'SocialBoards Conversations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'socialBoardsConversationsApi', required: true }],
		properties: describeOperations(operations),
	};

	methods = { listSearch: socialBoardsListSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, socialBoards, operations);
	}
}
