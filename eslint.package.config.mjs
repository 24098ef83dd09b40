// `npm run lint`: the rules n8n applies to community packages, @n8n/node-cli's config (the one
// `n8n-node lint` runs), which is what @n8n/scan-community-package applies to the published source:
// the community-nodes recommended rules, no-console, and eslint-plugin-n8n-nodes-base's community
// (package.json), credentials and nodes rule sets. Two additions over `n8n-node lint`:
// - inline eslint-disable comments are refused, as the scanner does (it lints with inline config off);
// - only the package's source is linted (nodes/, credentials/, package.json): the tests, scripts and
//   sandbox are Node programs that may use process, timers, the file system and the console.
// eslint.config.mjs stays n8n's two-line default, which `n8n.strict: true` requires.
import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

export default [
	globalIgnores([
		'dist',
		'node_modules',
		'.cache',
		'test',
		'scripts',
		'examples',
		'docs',
		'*.js',
		'*.mjs',
	]),
	...config,
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'error' } },
];
