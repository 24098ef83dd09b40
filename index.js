// The packages this repository publishes, one per vendor: packages/<vendor>/package.json is each
// one's manifest, and its "n8n" field lists the package's nodes and credential. The root is the
// private npm workspace; scripts and tests find the packages here.
const fs = require('node:fs');
const path = require('node:path');

const PACKAGES_DIR = path.join(__dirname, 'packages');

const packages = fs
	.readdirSync(PACKAGES_DIR)
	.filter((vendor) => fs.existsSync(path.join(PACKAGES_DIR, vendor, 'package.json')))
	.sort()
	.map((vendor) => {
		const dir = path.join(PACKAGES_DIR, vendor);
		const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
		return { vendor, dir, name: manifest.name, version: manifest.version, manifest };
	});

/** The compiled file's source: dist/nodes/X/Y.node.js → nodes/X/Y.node.ts. */
function sourceOf(distPath) {
	return distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

/** The package whose nodes include this node type name ("chatwoot", "intercomTrigger"). */
function packageOfNode(nodeName) {
	const file = `${nodeName.charAt(0).toUpperCase()}${nodeName.slice(1)}.node.js`.toLowerCase();
	const found = packages.find((p) =>
		p.manifest.n8n.nodes.some((node) => path.basename(node).toLowerCase() === file),
	);
	if (!found) throw new Error(`no package has a node named ${nodeName}`);
	return found;
}

/**
 * The type n8n gives one of our nodes, "<package>.<node>": nodeType('chatwoot') is
 * 'n8n-nodes-chatwoot-conversations.chatwoot'; the AI Agent tool variant ('chatwootTool') too.
 */
function nodeType(nodeName) {
	return `${packageOfNode(nodeName.replace(/Tool$/, '')).name}.${nodeName}`;
}

module.exports = { packages, sourceOf, packageOfNode, nodeType };
