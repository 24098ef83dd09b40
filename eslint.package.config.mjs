// `npm run lint`: while editing, the rules n8n applies to community packages on the one source tree,
// @n8n/node-cli's config (the one `n8n-node lint` runs): the community-nodes recommended rules,
// no-console, and eslint-plugin-n8n-nodes-base's credentials and nodes rule sets. Differences from
// `n8n-node lint`:
// - inline eslint-disable comments are refused, as the scanner does (it lints with inline config off);
// - only the sources are linted (nodes/, credentials/): the tests, scripts and sandbox are Node
//   programs that may use process, timers, the file system and the console. The root package.json
//   is the private workspace, not a community package; each package's own package.json, sources and
//   built JavaScript are checked in its folder by `npm run check:packages` (n8n-node lint and n8n's
//   scanner).
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
		'package.json',
		'packages',
	]),
	...config,
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'error' } },
	// These two read the n8n field of the package.json beside them, which only a package folder has;
	// `npm run check:packages` applies them there, in every package.
	{
		files: ['**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-credential-reuse': 'off',
			'@n8n/community-nodes/credential-test-required': 'off',
		},
	},
];
