// The second leg of n8n's community-package scanner: it lints the packed JavaScript too, with the
// community-nodes recommended rules and no-console (inline eslint-disable comments refused).
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

export default [
	{
		files: ['dist/**/*.js'],
		...n8nCommunityNodesPlugin.configs.recommended,
		languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022 },
		rules: { ...n8nCommunityNodesPlugin.configs.recommended.rules, 'no-console': 'error' },
		linterOptions: { noInlineConfig: true },
	},
];
