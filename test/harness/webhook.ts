import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecutionLifecycleHooks, HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials-helper';
import { loadPackage, nodeTypeName } from './engine';

/** What one request to the trigger's webhook produced. */
export interface Delivery {
	status: number;
	body: string;
	/** The items the node handed to the workflow: one execution when defined. */
	items?: INodeExecutionData[];
	result?: IWebhookResponseData;
	error?: Error;
}

export interface TriggerHarness {
	/** The production URL the node registers (this harness's server). */
	url: string;
	node: INode;
	/** The node's static data, as n8n keeps it in the workflow. */
	staticData: IDataObject;
	/** One entry per request that started an execution, in order. */
	executions: INodeExecutionData[][];
	deliveries: Delivery[];
	hook(
		method: 'checkExists' | 'create' | 'delete',
		activation?: WorkflowActivateMode,
	): Promise<boolean>;
	/** What n8n does on activation: checkExists, then create when it answered false. */
	activate(): Promise<void>;
	close(): Promise<void>;
}

let harnesses = 0;

/**
 * A trigger node of this package, run with n8n-core's own HookContext (webhookMethods) and
 * WebhookContext (webhook()), behind a loopback HTTP server that plays n8n's webhook endpoint: the
 * request's raw bytes become `req.rawBody`, JSON bodies `req.body`, as n8n's body parser does, and
 * the node's answer (its own `res.status(…)`, or webhookResponse) goes back to the caller.
 */
export async function startTrigger(options: {
	type: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
}): Promise<TriggerHarness> {
	const { nodeTypes, credentialTypes, nodes } = await loadPackage();
	const type = nodeTypeName(options.type);
	const nodeType = nodes[type];
	if (!nodeType?.webhook || !nodeType.webhookMethods)
		throw new Error(`${type} is not a webhook trigger`);
	const node: INode = {
		id: 'trigger-1',
		name: 'Trigger under test',
		type,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'c0ffee00-0000-4000-8000-000000000001',
		parameters: options.parameters,
		credentials: Object.fromEntries(
			(nodeType.description.credentials ?? []).map((c) => [c.name, { id: '1', name: c.name }]),
		),
	};
	const workflow = new Workflow({
		// one workflow per harness: the node's in-process delivery memory is per workflow and node
		id: `trigger-test-${++harnesses}`,
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: {},
		settings: { executionOrder: 'v1' },
	});

	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const hooks = new ExecutionLifecycleHooks('webhook', '1', {
		id: workflow.id,
		name: 'test',
		active: true,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	const additionalData = {
		executionId: '1',
		credentialsHelper: new TestCredentialsHelper(credentialTypes, { ...options.credentials }),
		hooks,
		restApiUrl: `${origin}/rest`,
		instanceBaseUrl: `${origin}/`,
		formWaitingBaseUrl: `${origin}/form-waiting`,
		webhookBaseUrl: `${origin}/webhook`,
		webhookWaitingBaseUrl: `${origin}/webhook-waiting`,
		webhookTestBaseUrl: `${origin}/webhook-test`,
		variables: {},
		currentNodeParameters: undefined,
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;

	/** The node's webhook for an HTTP method (the POST one by default), as n8n picks it. */
	const webhookFor = (method: string): IWebhookData | undefined => {
		const description = nodeType.description.webhooks!.find(
			(w) => String(w.httpMethod).toUpperCase() === method.toUpperCase(),
		);
		if (!description) return undefined;
		return {
			httpMethod: method.toUpperCase() as IWebhookData['httpMethod'],
			node: node.name,
			path: `${node.webhookId}/${description.path as string}`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			isTest: false,
		};
	};
	const webhookData =
		webhookFor('POST') ?? webhookFor(nodeType.description.webhooks![0].httpMethod as string)!;

	const harness: TriggerHarness = {
		url: `${origin}/webhook/${webhookData.path}`,
		node,
		staticData: workflow.getStaticData('node', node) as IDataObject,
		executions: [],
		deliveries: [],
		async hook(method, activation = 'activate') {
			const context = new HookContext(
				workflow,
				node,
				additionalData,
				'trigger',
				activation,
				webhookData,
			);
			const fn = nodeType.webhookMethods!.default![method];
			return await fn.call(context);
		},
		async activate() {
			if (!(await harness.hook('checkExists'))) await harness.hook('create');
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};

	server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void (async () => {
				const delivery: Delivery = { status: 0, body: '' };
				let answered = '';
				// the subset of express's Response that trigger nodes use
				const response = Object.assign(res, {
					status(code: number) {
						res.statusCode = code;
						return response;
					},
					json(value: unknown) {
						answered = JSON.stringify(value);
						res.setHeader('content-type', 'application/json');
						res.end(answered);
						return response;
					},
					send(value: unknown) {
						answered = typeof value === 'string' ? value : JSON.stringify(value);
						res.end(answered);
						return response;
					},
				});
				/**
				 * n8n's answer when the node did not answer itself (responseMode onReceived): with no
				 * execution, the node's webhookResponse; with one, the webhook's responseData (default
				 * "firstEntryJson", sent as that literal text), "noData" an empty body, an empty
				 * responseData the node's webhookResponse, else "Workflow was started".
				 */
				const answerAsN8n = (result: IWebhookResponseData, responseData = 'firstEntryJson') => {
					if (!result.workflowData) {
						response.json(result.webhookResponse ?? { message: 'Webhook call received' });
					} else if (responseData === 'noData') {
						response.send('');
					} else if (responseData) {
						response.send(responseData);
					} else {
						response.json(result.webhookResponse ?? { message: 'Workflow was started' });
					}
				};
				const ownWebhook = webhookFor(req.method ?? 'GET');
				if (!ownWebhook) {
					// n8n answers 404 for a method the node has no webhook for
					res.statusCode = 404;
					res.end('{"message":"The requested webhook is not registered."}');
					delivery.status = 404;
					harness.deliveries.push(delivery);
					return;
				}
				const query: Record<string, string | string[]> = {};
				for (const [key, value] of new URL(req.url ?? '/', origin).searchParams) {
					const before = query[key];
					query[key] =
						before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
				}
				const rawBody = Buffer.concat(chunks);
				const contentType = String(req.headers['content-type'] ?? '').split(';')[0];
				let body: unknown = {};
				if (contentType === 'application/json' && rawBody.length > 0) {
					try {
						body = JSON.parse(rawBody.toString('utf8'));
					} catch {
						// n8n answers 422 before the node runs
						res.statusCode = 422;
						res.end('{"message":"Failed to parse request body"}');
						delivery.status = 422;
						harness.deliveries.push(delivery);
						return;
					}
				}
				const request = Object.assign(req, {
					rawBody,
					body,
					contentType,
					params: {},
					query,
					readRawBody: async () => undefined,
				});
				const data = {
					...additionalData,
					httpRequest: request,
					httpResponse: response,
				} as unknown as IWorkflowExecuteAdditionalData;
				try {
					const context = new WebhookContext(workflow, node, data, 'webhook', ownWebhook, [], null);
					const result = await nodeType.webhook!.call(context);
					delivery.result = result;
					if (result.workflowData) {
						delivery.items = result.workflowData[0];
						harness.executions.push(result.workflowData[0]);
					}
					if (!result.noWebhookResponse && !res.writableEnded) {
						res.statusCode = 200;
						answerAsN8n(result, ownWebhook.webhookDescription.responseData as string | undefined);
					}
				} catch (error) {
					delivery.error = error as Error;
					if (!res.writableEnded) {
						res.statusCode = 500;
						response.json({ message: 'Error in workflow' });
					}
				}
				delivery.status = res.statusCode;
				delivery.body = answered;
				harness.deliveries.push(delivery);
			})();
		});
	});

	return harness;
}
