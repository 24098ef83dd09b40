import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * A node type defined by a test, for runNode's `nodeType`: n8n's engine runs `execute` with its real
 * IExecuteFunctions, so the shared runner and transport can be called on their own.
 */
export function probeNode(
	credentialType: string,
	execute: (context: IExecuteFunctions) => Promise<INodeExecutionData[][]>,
	properties: INodeProperties[] = [],
): INodeType {
	return {
		description: {
			displayName: 'Probe',
			name: 'probe',
			group: ['transform'],
			version: 1,
			description: 'Runs a test against the shared layer',
			defaults: { name: 'Probe' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType, required: true }],
			properties,
		},
		async execute(this: IExecuteFunctions) {
			return await execute(this);
		},
	};
}
