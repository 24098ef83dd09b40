// n8n loads this package through the "n8n" field of package.json (nodes and credentials in dist/).
// This entry only lists them, for tools that require() the package.
const { n8n } = require('./package.json');

module.exports = {
	nodes: n8n.nodes,
	credentials: n8n.credentials,
};
