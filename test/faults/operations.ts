import type { IDataObject, INodeParameters } from 'n8n-workflow';

/**
 * The operations other than Create, per vendor, for the fault suite: each runs on a conversation
 * that the vendor's Create made first (`created` is Create's simplified output).
 */
export interface OperationTarget {
	vendor: string;
	name: string;
	parameters(created: IDataObject): INodeParameters;
	/** Run once after Create, before the faults (e.g. a message for a List to return: one output item per input item). */
	before?(created: IDataObject): INodeParameters;
	/** The request the operation makes (the one faults are injected into). */
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	path: RegExp;
	/** Safe to send again (reads, state changes to a fixed value): faults are retried, not reported. */
	idempotent: boolean;
}

const message = '={{ "message " + $json.marker }}';

export const operationTargets: OperationTarget[] = [
	{
		vendor: 'intercom',
		name: 'Conversation → Reply as Contact',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'reply',
			conversationId: created.conversationId as string,
			contactBy: 'id',
			contactId: '536e564f316c83104c000020',
			body: message,
		}),
		method: 'POST',
		path: /^\/conversations\/[^/]+\/reply$/,
		idempotent: false,
	},
	{
		vendor: 'intercom',
		name: 'Conversation → Reply as Admin',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'replyAsAdmin',
			conversationId: created.conversationId as string,
			message,
			messageType: 'note',
		}),
		method: 'POST',
		path: /^\/conversations\/[^/]+\/reply$/,
		idempotent: false,
	},
	{
		vendor: 'intercom',
		name: 'Conversation → Get',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'get',
			conversationId: created.conversationId as string,
		}),
		method: 'GET',
		path: /^\/conversations\/[^/]+$/,
		idempotent: true,
	},
	...intercomActions(),
	{
		vendor: 'userdesk',
		name: 'Message → Send',
		parameters: (created) => ({
			resource: 'message',
			operation: 'send',
			conversationId: created.conversationId as string,
			message,
		}),
		method: 'POST',
		path: /\/message$/,
		idempotent: false,
	},
	{
		vendor: 'chatwoot',
		name: 'Message → Send',
		parameters: (created) => ({
			resource: 'message',
			operation: 'send',
			contactIdentifier: created.contactIdentifier as string,
			conversationId: String(created.conversationId),
			message,
		}),
		method: 'POST',
		path: /\/conversations\/[^/]+\/messages$/,
		idempotent: false,
	},
	{
		vendor: 'chatwoot',
		name: 'Conversation → Get',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'get',
			contactIdentifier: created.contactIdentifier as string,
			conversationId: String(created.conversationId),
		}),
		method: 'GET',
		path: /\/conversations\/[^/]+$/,
		idempotent: true,
	},
	{
		vendor: 'chatwoot',
		name: 'Conversation → Resolve',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'resolve',
			contactIdentifier: created.contactIdentifier as string,
			conversationId: String(created.conversationId),
		}),
		method: 'POST',
		path: /\/toggle_status$/,
		idempotent: true,
	},
	{
		vendor: 'chatwoot',
		name: 'Message → Send as Agent',
		parameters: (created) => ({
			resource: 'message',
			operation: 'sendAsAgent',
			conversationId: String(created.conversationId),
			message,
		}),
		method: 'POST',
		path: /^\/api\/v1\/accounts\/\d+\/conversations\/[^/]+\/messages$/,
		idempotent: false,
	},
	{
		vendor: 'chatwoot',
		name: 'Conversation → Assign',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'assign',
			assigneeId: '2',
			conversationId: String(created.conversationId),
		}),
		method: 'POST',
		path: /^\/api\/v1\/accounts\/\d+\/conversations\/[^/]+\/assignments$/,
		idempotent: true,
	},
	{
		vendor: 'chatwoot',
		name: 'Conversation → Set Labels',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'setLabels',
			labels: 'billing, vip',
			conversationId: String(created.conversationId),
		}),
		method: 'POST',
		path: /^\/api\/v1\/accounts\/\d+\/conversations\/[^/]+\/labels$/,
		idempotent: true,
	},
	{
		vendor: 'chatwoot',
		name: 'Conversation → Add Labels',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'addLabels',
			labels: 'vip',
			conversationId: String(created.conversationId),
		}),
		method: 'POST',
		path: /^\/api\/v1\/accounts\/\d+\/conversations\/[^/]+\/labels$/,
		idempotent: true,
	},
	{
		vendor: 'chatwoot',
		name: 'Conversation → Set Priority',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'setPriority',
			priority: 'urgent',
			conversationId: String(created.conversationId),
		}),
		method: 'POST',
		path: /^\/api\/v1\/accounts\/\d+\/conversations\/[^/]+\/toggle_priority$/,
		idempotent: true,
	},
	{
		vendor: 'chatwoot',
		name: 'Conversation → Change Status',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'changeStatus',
			status: 'pending',
			conversationId: String(created.conversationId),
		}),
		method: 'POST',
		path: /^\/api\/v1\/accounts\/\d+\/conversations\/[^/]+\/toggle_status$/,
		idempotent: true,
	},
	{
		vendor: 'chatwoot',
		name: 'Conversation → Search',
		parameters: () => ({
			resource: 'conversation',
			operation: 'search',
			status: 'open',
		}),
		method: 'GET',
		path: /^\/api\/v1\/accounts\/\d+\/conversations$/,
		idempotent: true,
	},
	{
		vendor: 'chatwoot',
		name: 'Contact → Create',
		parameters: () => ({
			resource: 'contact',
			operation: 'create',
			inboxId: '1',
			name: '={{ "Contact " + $json.marker }}',
		}),
		method: 'POST',
		path: /^\/api\/v1\/accounts\/\d+\/contacts$/,
		idempotent: false,
	},
	{
		vendor: 'chatwoot',
		name: 'Contact → Find',
		parameters: () => ({
			resource: 'contact',
			operation: 'find',
			findBy: 'email',
			email: 'ana@example.com',
		}),
		method: 'GET',
		path: /^\/api\/v1\/accounts\/\d+\/contacts\/search$/,
		idempotent: true,
	},
	{
		vendor: 'socialboards',
		name: 'Message → Add',
		parameters: (created) => ({
			resource: 'message',
			operation: 'add',
			conversationId: String(created.conversationId),
			messages: { message: [{ text: message, authorBy: 'email', authorEmail: 'ana@example.com' }] },
		}),
		method: 'POST',
		path: /^\/chat\/conversations\/[^/]+\/messages$/i,
		idempotent: false,
	},
	{
		vendor: 'socialboards',
		name: 'Conversation → Get',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'get',
			conversationId: String(created.conversationId),
		}),
		method: 'GET',
		path: /^\/chat\/conversations\/[^/]+$/i,
		idempotent: true,
	},
	{
		vendor: 'socialboards',
		name: 'Conversation → Close',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'close',
			conversationId: String(created.conversationId),
		}),
		method: 'PATCH',
		path: /^\/chat\/conversations\/[^/]+\/close$/i,
		idempotent: true,
	},
	{
		vendor: 'socialboards',
		name: 'Conversation → Change Takeover',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'changeTakeover',
			conversationId: String(created.conversationId),
			handledBy: 'agent',
		}),
		method: 'PATCH',
		path: /^\/chat\/conversations\/[^/]+\/takeover$/i,
		idempotent: true,
	},
	{
		vendor: 'socialboards',
		name: 'Conversation → List Messages',
		before: (created) => ({
			resource: 'message',
			operation: 'add',
			conversationId: String(created.conversationId),
			messages: { message: [{ text: 'Hello', authorBy: 'email', authorEmail: 'ana@example.com' }] },
		}),
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'listMessages',
			conversationId: String(created.conversationId),
			limit: 10,
		}),
		method: 'GET',
		path: /^\/chat\/conversations\/[^/]+\/messages$/i,
		idempotent: true,
	},
	{
		vendor: 'liveperson',
		name: 'Message → Send',
		parameters: (created) => ({
			resource: 'message',
			operation: 'send',
			externalConsumerId: created.externalConsumerId as string,
			conversationId: created.conversationId as string,
			message,
		}),
		method: 'POST',
		path: /\/conversation\/send$/,
		idempotent: false,
	},
	{
		vendor: 'liveperson',
		name: 'Conversation → Close',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'close',
			externalConsumerId: created.externalConsumerId as string,
			conversationId: created.conversationId as string,
		}),
		method: 'POST',
		path: /\/conversation\/send$/,
		idempotent: true,
	},
	{
		vendor: 'liveperson',
		name: 'Message → Send Structured Content',
		parameters: (created) => ({
			resource: 'message',
			operation: 'sendStructuredContent',
			externalConsumerId: created.externalConsumerId as string,
			conversationId: created.conversationId as string,
			structuredContent: '={{ JSON.stringify({ type: "text", text: "card " + $json.marker }) }}',
		}),
		method: 'POST',
		path: /\/conversation\/send$/,
		idempotent: false,
	},
	{
		vendor: 'liveperson',
		name: 'Conversation → Transfer to Skill',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'transfer',
			externalConsumerId: created.externalConsumerId as string,
			conversationId: created.conversationId as string,
			skillId: '1001',
		}),
		method: 'POST',
		path: /\/conversation\/send$/,
		idempotent: true,
	},
	{
		vendor: 'liveperson',
		name: 'Conversation → Update Consumer Info',
		parameters: (created) => ({
			resource: 'conversation',
			operation: 'updateConsumerInfo',
			externalConsumerId: created.externalConsumerId as string,
			firstName: 'Ann',
			customerInfo: { customerType: 'vip' },
		}),
		method: 'POST',
		path: /\/conversation\/send$/,
		idempotent: true,
	},
];

/** Intercom's conversation actions; all safe to send twice (no message posted with them). */
function intercomActions(): OperationTarget[] {
	const action = (
		name: string,
		operation: string,
		method: OperationTarget['method'],
		path: RegExp,
		extra: INodeParameters = {},
	): OperationTarget => ({
		vendor: 'intercom',
		name: `Conversation → ${name}`,
		parameters: (created) => ({
			resource: 'conversation',
			operation,
			conversationId: created.conversationId as string,
			...extra,
		}),
		method,
		path,
		idempotent: true,
	});
	const parts = /^\/conversations\/[^/]+\/parts$/;
	return [
		action('Assign', 'assign', 'POST', parts, { assigneeType: 'team', assigneeId: '5' }),
		action('Close', 'close', 'POST', parts),
		action('Open', 'open', 'POST', parts),
		action('Snooze', 'snooze', 'POST', parts, {
			snoozeUntil: '={{ new Date(Date.now() + 86400000).toISOString() }}',
		}),
		action('Add Tag', 'addTag', 'POST', /^\/conversations\/[^/]+\/tags$/, { tagId: '86' }),
		action('Remove Tag', 'removeTag', 'DELETE', /^\/conversations\/[^/]+\/tags\/86$/, {
			tagId: '86',
		}),
		action('Update', 'update', 'PUT', /^\/conversations\/[^/]+$/, {
			updateFields: { title: '={{ "title " + $json.marker }}' },
		}),
		action('Search', 'search', 'POST', /^\/conversations\/search$/, { state: 'any', limit: 1 }),
	];
}
