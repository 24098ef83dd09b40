import fs from 'node:fs';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { INode, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The loader turns `icon: { light, dark }` into URLs below icons/<package>/: both files must be in dist. */
function expectIcons(iconUrl: unknown) {
	const { light, dark } = iconUrl as { light: string; dark: string };
	expect(light).not.toBe(dark);
	for (const url of [light, dark]) {
		expect(url.startsWith(`icons/${pkg.name}/dist/`)).toBe(true);
		expect(fs.existsSync(path.join(ROOT, url.slice(`icons/${pkg.name}/`.length)))).toBe(true);
	}
}

/** A trigger node (a webhook trigger): no inputs, group "trigger". */
const isTrigger = (type: INodeType) => type.description.group.includes('trigger');

describe('the built package, as n8n loads it', () => {
	let loader: PackageDirectoryLoader;
	beforeAll(async () => {
		loader = new PackageDirectoryLoader(ROOT);
		await loader.loadAll();
	});

	test('package.json is a community package without runtime dependencies', () => {
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.author.name && pkg.author.email).toBeTruthy();
	});

	test('every listed node loads with codex and themed icons that exist; action nodes have a tool variant, triggers none', () => {
		const nodes = Object.values(loader.nodeTypes);
		expect(nodes).toHaveLength(pkg.n8n.nodes.length);
		expect(nodes.filter(({ type }) => isTrigger(type as INodeType)).length).toBeGreaterThan(0);
		for (const { type } of nodes) {
			const description = (type as INodeType).description;
			if (isTrigger(type as INodeType)) {
				// usableAsTool does not apply to triggers: an agent cannot call a webhook
				expect(description.usableAsTool).toBeUndefined();
				expect(description.inputs).toEqual([]);
				expect(description.webhooks?.length).toBeGreaterThan(0);
				expect(description.displayName).toMatch(/ Conversations Trigger$/);
			} else {
				expect(description.usableAsTool).toBe(true);
				expect(description.displayName).toMatch(/ Conversations$/);
			}
			expect(description.codex?.categories).toContain('Communication');
			expectIcons(description.iconUrl);
		}
	});

	test('every credential loads, has an icon, and is tested (a test request or a node method)', () => {
		const credentials = Object.values(loader.credentialTypes);
		expect(credentials).toHaveLength(pkg.n8n.credentials.length);
		const testedBy = new Set(
			Object.values(loader.nodeTypes).flatMap(({ type }) =>
				((type as import('n8n-workflow').INodeType).description.credentials ?? [])
					.filter((credential) => credential.testedBy)
					.map((credential) => credential.name),
			),
		);
		for (const { type } of credentials) {
			expect(type.name).toMatch(/ConversationsApi$/);
			expectIcons(type.iconUrl);
			expect(type.test !== undefined || testedBy.has(type.name)).toBe(true);
		}
	});

	test('editor conventions: resources and operations in alphabetical order, a subtitle with display names', () => {
		for (const { type } of Object.values(loader.nodeTypes)) {
			if (isTrigger(type as INodeType)) continue;
			const description = (type as INodeType).description;
			const selectors = description.properties.filter(
				(property) => property.name === 'resource' || property.name === 'operation',
			);
			expect(selectors.length).toBeGreaterThan(1);
			for (const selector of selectors) {
				const names = (selector.options as INodePropertyOptions[]).map((option) => option.name);
				expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			}
			const node: INode = {
				id: '1',
				name: 'N',
				type: description.name,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			};
			const workflow = new Workflow({
				nodes: [node],
				connections: {},
				active: false,
				nodeTypes: {
					getByName: () => type,
					getByNameAndVersion: () => type,
					getKnownTypes: () => ({}),
				} as never,
			});
			for (const operationSelector of selectors.filter(
				(selector) => selector.name === 'operation',
			)) {
				const resource = operationSelector.displayOptions?.show?.resource?.[0] as string;
				for (const option of operationSelector.options as INodePropertyOptions[]) {
					node.parameters = { resource, operation: option.value };
					const subtitle = workflow.expression.getSimpleParameterValue(
						node,
						description.subtitle as string,
						'internal',
						{},
					);
					expect(subtitle).toBe(
						`${option.name}: ${resource.charAt(0).toUpperCase()}${resource.slice(1)}`,
					);
				}
			}
		}
	});

	test('the shipped code reads no environment variables or files', () => {
		const files: string[] = [];
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const full = path.join(dir, entry.name);
				if (entry.isDirectory()) walk(full);
				else if (entry.name.endsWith('.js')) files.push(full);
			}
		};
		walk(path.join(ROOT, 'dist'));
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) {
			const code = fs.readFileSync(file, 'utf8');
			expect({
				file,
				env: /process\.env|require\("fs"\)|require\("node:fs"\)|setTimeout\(/.test(code),
			}).toEqual({ file, env: false });
		}
	});
});
