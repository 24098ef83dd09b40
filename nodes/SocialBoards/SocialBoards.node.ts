import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, operationSubtitle, runOperation } from '../shared/runner';
import { socialBoards } from './vendor';
import { createConversation } from './conversation/create';
import { getConversation } from './conversation/get';
import { addMessages } from './message/add';

const operations = [createConversation, getConversation, addMessages];

export class SocialBoards implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SocialBoards Conversations',
		name: 'socialBoards',
		icon: { light: 'file:socialboards.svg', dark: 'file:socialboards.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description: 'Start SocialBoards chat conversations, add messages to them and read them',
		defaults: { name: 'SocialBoards Conversations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'socialBoardsConversationsApi', required: true }],
		properties: describeOperations(operations),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, socialBoards, operations);
	}
}
