import fs from 'node:fs';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { INode, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

interface BuiltPackage {
	vendor: string;
	dir: string;
	name: string;
	manifest: {
		keywords: string[];
		dependencies?: object;
		peerDependencies: object;
		files: string[];
		author: { name: string; email: string };
		n8n: { nodes: string[]; credentials: string[] };
	};
}
const { packages } = require('..') as { packages: BuiltPackage[] };

/** A trigger node (a webhook trigger): no inputs, group "trigger". */
const isTrigger = (type: INodeType) => type.description.group.includes('trigger');

test('five packages, one per vendor, and no node or credential type in two of them', () => {
	expect(packages.map((p) => p.name)).toEqual([
		'n8n-nodes-chatwoot-conversations',
		'n8n-nodes-intercom-conversations',
		'n8n-nodes-liveperson-conversations',
		'n8n-nodes-socialboards-conversations',
		'n8n-nodes-userdesk-conversations',
	]);
	const listed = packages.flatMap((p) => [...p.manifest.n8n.nodes, ...p.manifest.n8n.credentials]);
	expect(new Set(listed).size).toBe(listed.length);
});

describe.each(packages)('the built package $name, as n8n loads it', (pkg) => {
	const { manifest } = pkg;
	let loader: PackageDirectoryLoader;
	beforeAll(async () => {
		loader = new PackageDirectoryLoader(pkg.dir);
		await loader.loadAll();
	});

	/** The loader turns `icon: { light, dark }` into URLs below icons/<package>/: both files must be in dist. */
	function expectIcons(iconUrl: unknown) {
		const { light, dark } = iconUrl as { light: string; dark: string };
		expect(light).not.toBe(dark);
		for (const url of [light, dark]) {
			expect(url.startsWith(`icons/${pkg.name}/dist/`)).toBe(true);
			expect(fs.existsSync(path.join(pkg.dir, url.slice(`icons/${pkg.name}/`.length)))).toBe(true);
		}
	}

	test('package.json is a community package of this vendor without runtime dependencies', () => {
		expect(manifest.keywords).toEqual(
			expect.arrayContaining(['n8n-community-node-package', pkg.vendor]),
		);
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.files).toEqual(['dist', 'CHANGELOG.md']);
		expect(manifest.author.name && manifest.author.email).toBeTruthy();
	});

	test('every listed node loads with codex and themed icons that exist; action nodes have a tool variant, triggers none', () => {
		const nodes = Object.values(loader.nodeTypes);
		expect(nodes).toHaveLength(manifest.n8n.nodes.length);
		expect(nodes.filter(({ type }) => !isTrigger(type as INodeType))).toHaveLength(1);
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
		expect(credentials).toHaveLength(1);
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
		walk(path.join(pkg.dir, 'dist'));
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
