import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeParameters,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials-helper';
import { loadPackage, nodeTypeName } from './engine';

export interface ListSearchOptions {
	/** Node name without the package ("chatwoot"). */
	type: string;
	/** The node's listSearch method ("searchInboxes"). */
	method: string;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The node's other parameters (a list may depend on the account picked before). */
	parameters?: INodeParameters;
	filter?: string;
	paginationToken?: string;
}

/** The n8n-core context the editor gives a node's list methods, and the method's node type. */
async function editorContext(
	options: Omit<ListSearchOptions, 'method' | 'filter' | 'paginationToken'>,
) {
	const { nodeTypes, credentialTypes, nodes } = await loadPackage();
	const type = nodeTypeName(options.type);
	const nodeType = nodes[type];
	const node: INode = {
		id: 'node-1',
		name: 'Node under test',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters ?? {},
		credentials: Object.fromEntries(
			(nodeType.description.credentials ?? []).map((c) => [c.name, { id: '1', name: c.name }]),
		),
	};
	const workflow = new Workflow({
		id: 'list-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentialTypes, { ...options.credentials }),
		// the editor sends the node's current parameters with each list request
		currentNodeParameters: options.parameters ?? {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
	return {
		type,
		nodeType,
		context: new LoadOptionsContext(workflow, node, additionalData, 'parameters'),
	};
}

/**
 * Runs a "From list" search of one of our nodes as the editor does: n8n-core's LoadOptionsContext
 * (the context n8n's DynamicNodeParametersService gives listSearch methods), with real credential
 * handling and the node's current parameters.
 */
export async function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
	const { type, nodeType, context } = await editorContext(options);
	const method = nodeType.methods?.listSearch?.[options.method];
	if (!method) throw new Error(`${type} has no listSearch method ${options.method}`);
	return method.call(context, options.filter, options.paginationToken);
}

/** Runs a node's loadOptions method (the options of a dropdown or multi-select) as the editor does. */
export async function runLoadOptions(
	options: Omit<ListSearchOptions, 'filter' | 'paginationToken'>,
): Promise<INodePropertyOptions[]> {
	const { type, nodeType, context } = await editorContext(options);
	const method = nodeType.methods?.loadOptions?.[options.method];
	if (!method) throw new Error(`${type} has no loadOptions method ${options.method}`);
	return method.call(context);
}
