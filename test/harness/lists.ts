import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
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

/**
 * Runs a "From list" search of one of our nodes as the editor does: n8n-core's LoadOptionsContext
 * (the context n8n's DynamicNodeParametersService gives listSearch methods), with real credential
 * handling.
 */
export async function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
	const type = nodeTypeName(options.type);
	const { nodes } = await loadPackage();
	const method = nodes[type].methods?.listSearch?.[options.method];
	if (!method) throw new Error(`${type} has no listSearch method ${options.method}`);
	const context = await loadOptionsContext(options);
	return method.call(context, options.filter, options.paginationToken);
}

/** Runs a loadOptions method of one of our nodes (a multi-select's list) as the editor does. */
export async function runLoadOptions(
	options: Omit<ListSearchOptions, 'filter' | 'paginationToken'>,
): Promise<INodePropertyOptions[]> {
	const type = nodeTypeName(options.type);
	const { nodes } = await loadPackage();
	const method = nodes[type].methods?.loadOptions?.[options.method];
	if (!method) throw new Error(`${type} has no loadOptions method ${options.method}`);
	return method.call(await loadOptionsContext(options));
}

async function loadOptionsContext(
	options: Pick<ListSearchOptions, 'type' | 'credentials' | 'parameters'>,
): Promise<LoadOptionsContext> {
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
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		userId: 'test-user',
		// What the editor sends along: the node's parameters as they are (a list may depend on them).
		currentNodeParameters: options.parameters ?? {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters');
}
