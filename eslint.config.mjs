// n8n's own community-node rules, wired the way n8n's scanner and `n8n-node lint` wire them:
// @n8n/eslint-plugin-community-nodes plus eslint-plugin-n8n-nodes-base's community, credentials
// and nodes rulesets. Only nodes/, credentials/ and package.json ship, so only they are linted.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', '*.js', '*.mjs'] },
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
	{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		// GuGuData calls its secret an "AppKey"; the rule's list of secret-like names knows apiKey but
		// not appKey, and the field must stay masked. Scoped to this one file.
		files: ['credentials/GuGuDataApi.credentials.ts'],
		rules: { '@n8n/community-nodes/credential-unnecessary-password': 'off' },
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	// The layers point one way: actions/ use transport/, both use helpers/ (see README,
	// "Architecture").
	{
		files: ['nodes/**/helpers/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/transport', '**/transport/**', '**/actions', '**/actions/**'],
							message: 'helpers/ holds pure leaf modules: nothing from transport/ or actions/.',
						},
					],
				},
			],
		},
	},
	{
		files: ['nodes/**/transport/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/actions', '**/actions/**', '**/*.node'],
							message: 'transport/ is used by actions/, never the other way round.',
						},
					],
				},
			],
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tseslint.parser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
];
