// The rules n8n applies to community packages: @n8n/node-cli's config (the one `n8n-node lint` runs),
// which is what @n8n/scan-community-package applies to the published source: the community-nodes
// recommended rules, no-console, and eslint-plugin-n8n-nodes-base's community (package.json),
// credentials and nodes rule sets. Inline eslint-disable comments are refused, as the scanner does.
import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

export default [
	globalIgnores(['dist', 'node_modules', '.cache', 'test', 'scripts', 'examples', 'docs', '*.js', '*.mjs']),
	...config,
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'error' } },
];
