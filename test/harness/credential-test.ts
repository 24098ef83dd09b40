import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestRequest,
	INode,
	INodeCredentialTestResult,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { createEmptyRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials-helper';
import { additionalDataFor, loadPackage } from './engine';

/**
 * n8n's credential test ("Test" in the credential dialog), as the CLI's CredentialsTester runs it:
 * the credential's declarative `test` request through a temporary node and n8n-core's RoutingNode
 * (so preAuthentication, authenticate and the request options apply as in n8n), its rules on the
 * answer; or else the `testedBy` method of a node that uses the credential, with n8n-core's own
 * CredentialTestContext.
 */
export async function testCredential(
	typeName: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const { credentialTypes, nodes } = await loadPackage();
	const type = credentialTypes[typeName];
	const credential: ICredentialsDecrypted = { id: '1', name: 'test', type: typeName, data };
	const helper = new TestCredentialsHelper(credentialTypes, { [typeName]: { ...data } });
	if (type.test) return runRequestTest(typeName, type.test, credential, helper);
	for (const node of Object.values(nodes)) {
		const entry = node.description.credentials?.find((one) => one.name === typeName);
		if (typeof entry?.testedBy !== 'string') continue;
		const method = node.methods?.credentialTest?.[entry.testedBy] as ICredentialTestFunction;
		return method.call(new CredentialTestContext(additionalDataFor(helper)), credential);
	}
	throw new Error(`No credential test for ${typeName}`);
}

/** The port of CredentialsTester.runRequestTest (n8n 2.41): a temporary node whose one property routes `test.request`. */
async function runRequestTest(
	typeName: string,
	test: ICredentialTestRequest,
	credential: ICredentialsDecrypted,
	helper: TestCredentialsHelper,
): Promise<INodeCredentialTestResult> {
	const tempType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: tempType.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [typeName]: { id: credential.id, name: credential.name } },
	};
	const nodeTypes: INodeTypes = {
		getByName: () => tempType,
		getByNameAndVersion: (_name, version) => NodeHelpers.getVersionedNodeType(tempType, version),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(helper),
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	let response: Awaited<ReturnType<RoutingNode['runNode']>>;
	try {
		response = await new RoutingNode(context, tempType, credential).runNode();
	} catch (caught) {
		const error = caught as {
			message: string;
			cause?: { code?: string; response?: { status: number; statusText?: string } };
		};
		if (error.cause?.response) {
			const { status, statusText } = error.cause.response;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status)
					return { status: 'Error', message: rule.properties.message };
			}
			if (status < 199 || status > 299)
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const json = response?.[0]?.[0]?.json as Record<string, unknown> | undefined;
		if (json?.[rule.properties.key] === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
