import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeOperations, operationSubtitle, runOperation } from '../shared/runner';
import { intercom } from './vendor';
import { createConversation } from './conversation/create';
import { getConversation } from './conversation/get';
import { replyToConversation } from './conversation/reply';
import { replyAsAdmin } from './conversation/replyAsAdmin';

const operations = [createConversation, replyToConversation, replyAsAdmin, getConversation];

export class Intercom implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intercom Conversations',
		name: 'intercom',
		icon: { light: 'file:intercom.svg', dark: 'file:intercom.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'Start conversations in Intercom from a contact, reply as the contact or an admin, and read conversations',
		defaults: { name: 'Intercom Conversations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'intercomConversationsApi', required: true }],
		properties: describeOperations(operations),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, intercom, operations);
	}
}
