import type { IDataObject, INodeParameters } from 'n8n-workflow';

/**
 * The operations other than Create, per vendor, for the fault suite: each runs on a conversation
 * that the vendor's Create made first (`created` is Create's simplified output).
 */
export interface OperationTarget {
	vendor: string;
	name: string;
	parameters(created: IDataObject): INodeParameters;
	/** The request the operation makes (the one faults are injected into). */
	method: 'GET' | 'POST';
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
];
