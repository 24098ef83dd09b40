// What n8n's AI Agent reads from the Chatwoot node used as a tool in examples/chatwoot-ai-agent.json:
// n8n-core's createNodeAsTool (the same code the agent uses) on the example's tool node.
import fs from 'node:fs';
import path from 'node:path';

import type { INode } from 'n8n-workflow';

import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';
import { nodeTypeName } from '../harness/engine';

/** The zod object schema of the tool's arguments (zod 3: `shape`, each with `description` and `_def.typeName`). */
interface Tool {
	name: string;
	description: string;
	schema: {
		safeParse: (value: unknown) => { success: boolean };
		shape: Record<
			string,
			{ description?: string; isOptional: () => boolean; _def: { typeName: string } }
		>;
	};
}
const { createNodeAsTool } =
	require('n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool') as {
		createNodeAsTool: (options: {
			node: INode;
			nodeType: Chatwoot;
			handleToolInvocation: (args: unknown) => Promise<unknown>;
		}) => { response: Tool };
	};

const example = JSON.parse(
	fs.readFileSync(path.resolve(__dirname, '../../examples/chatwoot-ai-agent.json'), 'utf8'),
) as { nodes: INode[]; connections: Record<string, Record<string, unknown>> };
const toolNode = example.nodes.find((n) => n.type === `${nodeTypeName('chatwoot')}Tool`)!;

test("the example's tool node is Send as Agent, connected to the agent as its tool", () => {
	expect(toolNode.parameters).toMatchObject({ resource: 'message', operation: 'sendAsAgent' });
	// the Conversation picker (a resource locator) is left to the model: By ID, its value $fromAI
	expect(toolNode.parameters.conversationId).toEqual({
		__rl: true,
		mode: 'id',
		value: expect.stringMatching(/^=\{\{ \$fromAI\('conversationId', /),
	});
	expect(example.connections[toolNode.name].ai_tool).toEqual([
		[{ node: 'AI Agent', type: 'ai_tool', index: 0 }],
	]);
	const properties = new Chatwoot().description.properties;
	const shown = properties.filter(
		(p) =>
			p.displayOptions?.show?.operation?.includes('sendAsAgent') &&
			p.displayOptions?.show?.resource?.includes('message'),
	);
	// every parameter the example sets exists on Send as Agent
	for (const name of Object.keys(toolNode.parameters).filter(
		(n) => !['descriptionType', 'resource', 'operation'].includes(n),
	))
		expect(shown.map((p) => p.name)).toContain(name);
});

test('the agent reads a tool named after the node, described by the operation, with two described arguments', () => {
	const { response: tool } = createNodeAsTool({
		node: toolNode,
		nodeType: new Chatwoot(),
		handleToolInvocation: async () => await Promise.resolve('unused'),
	});
	expect(tool.name).toBe('Reply_in_Chatwoot');
	expect(tool.description).toBe('Send a message as an agent in Chatwoot Conversations');
	const { shape } = tool.schema;
	expect(Object.keys(shape).sort()).toEqual(['conversationId', 'message']);
	expect(Object.values(shape).some((argument) => argument.isOptional())).toBe(false);
	expect(shape.conversationId._def.typeName).toBe('ZodNumber');
	expect(shape.message._def.typeName).toBe('ZodString');
	expect(shape.conversationId.description).toMatch(/conversation to answer/);
	expect(shape.message.description).toMatch(/reply to the customer/);
	expect(tool.schema.safeParse({ conversationId: 42, message: 'Hi' }).success).toBe(true);
	expect(tool.schema.safeParse({ conversationId: '42', message: 'Hi' }).success).toBe(false);
});
