import { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials-helper';

// The workspace's package registry (index.js): the five packages built into packages/<vendor>/.
const registry = require('../..') as {
	packages: Array<{ dir: string; name: string }>;
	packageOfNode(nodeName: string): { name: string };
};

/** The full node type n8n gives one of our nodes: "chatwoot" → "n8n-nodes-chatwoot-conversations.chatwoot". */
export function nodeTypeName(nodeName: string): string {
	return `${registry.packageOfNode(nodeName).name}.${nodeName}`;
}

interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	nodes: Record<string, INodeType>;
}

let loaded: Promise<LoadedPackage> | undefined;

/** n8n's own nodes (the HTTP Request node, for the benchmark), from the n8n-nodes-base devDependency. */
const BUILT_IN: Record<string, string> = {
	'n8n-nodes-base.httpRequest': 'n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js',
};
const builtInCache: Record<string, INodeType> = {};
/** Node types defined by tests (RunNodeOptions.nodeType), by type name. */
const testNodes: Record<string, INodeType> = {};
function builtInNode(type: string): INodeType {
	if (testNodes[type]) return testNodes[type];
	if (!builtInCache[type]) {
		const file = BUILT_IN[type];
		if (!file) throw new Error(`Unknown node type ${type}`);
		const exports = require(file) as Record<string, new () => INodeType>;
		builtInCache[type] = new (Object.values(exports)[0])();
	}
	return builtInCache[type];
}

/**
 * Loads the five built packages (packages/<vendor>/dist) with n8n-core's own PackageDirectoryLoader,
 * as n8n does, all in one n8n: node types keyed "<package>.<node>", credential types by their name.
 */
export function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const nodes: Record<string, INodeType> = {};
		const credentialTypes: Record<string, ICredentialType> = {};
		for (const pkg of registry.packages) {
			const loader = new PackageDirectoryLoader(pkg.dir);
			await loader.loadAll();
			for (const [name, data] of Object.entries(loader.nodeTypes))
				nodes[name.startsWith(`${pkg.name}.`) ? name : `${pkg.name}.${name}`] =
					data.type as INodeType;
			for (const [name, data] of Object.entries(loader.credentialTypes)) {
				if (credentialTypes[name]) throw new Error(`credential type ${name} is defined twice`);
				credentialTypes[name] = data.type;
			}
		}
		const nodeTypes: INodeTypes = {
			getByName: (type) => nodes[type] ?? builtInNode(type),
			getByNameAndVersion: (type, version) =>
				NodeHelpers.getVersionedNodeType(nodes[type] ?? builtInNode(type), version),
			getKnownTypes: () => ({}),
		};
		return { nodeTypes, credentialTypes, nodes };
	})();
	return loaded;
}

export interface RunNodeOptions {
	/** Node type without the package prefix ("intercom"), or a full built-in type ("n8n-nodes-base.httpRequest"). */
	type: string;
	/** A node type defined by the test, run as `type` (for unit tests of the shared runner and transport). */
	nodeType?: INodeType;
	typeVersion?: number;
	/** Node settings such as retryOnFail, maxTries, waitBetweenTries. */
	settings?: Partial<INode>;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	items?: IDataObject[];
	/** Input items with binary data; replaces `items`. */
	inputItems?: INodeExecutionData[];
	onError?: INode['onError'];
	/** Cancel the execution after this many milliseconds, as n8n's "Stop" button does. */
	cancelAfterMs?: number;
	/**
	 * The credential store (n8n's database) to use instead of a copy of `credentials`: executions
	 * given the same helper share one stored credential, as executions of one n8n do.
	 */
	credentialsHelper?: TestCredentialsHelper;
}

export interface RunNodeResult {
	/** Main output (index 0). */
	output: INodeExecutionData[];
	/** Error output (index 1), with onError continueErrorOutput. */
	errorOutput: INodeExecutionData[];
	/** The node's error when the execution failed. */
	error?: Error & { description?: string; httpCode?: string | null; context?: IDataObject };
	run: IRun;
	credentialsHelper: TestCredentialsHelper;
}

/** What n8n gives an execution (and a credential test) besides the workflow: URLs, credentials, hooks. */
export function additionalDataFor(
	credentialsHelper: TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		executionId: '1',
		credentialsHelper,
		hooks,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		currentNodeParameters: undefined,
		userId: 'test-user',
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in these tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
		setExecutionStatus: () => undefined,
		sendDataToUI: () => undefined,
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

const NODE_NAME = 'Node under test';

/**
 * Runs one node of this package through n8n's real engine (Workflow + WorkflowExecute), with the
 * given items as its input and real credential handling.
 */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const { nodeTypes, credentialTypes, nodes } = await loadPackage();
	const type = options.type.includes('.')
		? options.type
		: options.nodeType
			? `test.${options.type}`
			: nodeTypeName(options.type);
	if (options.nodeType) testNodes[type] = options.nodeType;
	const nodeType = nodes[type] ?? builtInNode(type);
	const credentialNames = type.startsWith('n8n-nodes-base.')
		? []
		: (nodeType.description.credentials ?? []).map((credential) => credential.name);

	const node: INode = {
		id: 'node-1',
		name: NODE_NAME,
		type,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			credentialNames.map((name) => [name, { id: '1', name: `${name} test` }]),
		),
		...(options.onError ? { onError: options.onError } : {}),
		...options.settings,
	};
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});

	const credentialsHelper =
		options.credentialsHelper ??
		new TestCredentialsHelper(credentialTypes, { ...options.credentials });
	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		id: 'test',
		name: 'test',
		active: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	let resolveRun: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));

	const additionalData = additionalDataFor(credentialsHelper, hooks);

	const items = options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
		},
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const running = execution.processRunExecutionData(workflow);
	const cancel =
		options.cancelAfterMs !== undefined
			? setTimeout(() => running.cancel(), options.cancelAfterMs)
			: undefined;
	await running.catch(() => undefined);
	const run = await finished;
	clearTimeout(cancel);
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const main = taskData?.data?.main ?? [];
	return {
		output: main[0] ?? [],
		errorOutput: main[1] ?? [],
		error: (run.data.resultData.error ?? taskData?.error) as RunNodeResult['error'],
		run,
		credentialsHelper,
	};
}
