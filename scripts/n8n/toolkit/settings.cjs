// The environment every n8n process of the toolkit runs with (npm run dev, npm run test:e2e): in
// one place for the TypeScript toolkit (env.ts requires this file) and for lib.sh's n8n_env, which
// runs `node settings.cjs VERSION` and evaluates the `export` lines it prints. Ports, user folder
// and log level are per process and set by the caller.
'use strict';

const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** @param {string} version n8n version, e.g. 2.40.7 */
function n8nSettings(version) {
	const major = Number(version.split('.')[0]);
	return {
		// No calls home: telemetry, version and "what's new" notices, templates, banners.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		// The verified-packages list is fetched from n8n's servers; our package is installed locally.
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// n8n 2.x warns at every start while this is unset (its default is to change); true is the
		// current default of both versions.
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		DB_SQLITE_POOL_SIZE: '2',
		GENERIC_TIMEZONE: process.env.GENERIC_TIMEZONE || 'UTC',
		// Task runners are off by default in 1.x; 2.x always has them and warns about the switch.
		...(major < 2 ? { N8N_RUNNERS_ENABLED: 'true' } : {}),
		// n8n 2.x's MCP server registry fetches its list from n8n's servers at start and prints two
		// stack traces when they cannot be reached. Nothing here uses it.
		...(major >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		// n8n 2.x lets file nodes read only ~/.n8n-files unless told otherwise; the workflows here
		// read the repository's sample images.
		N8N_RESTRICT_FILE_ACCESS_TO:
			process.env.N8N_RESTRICT_FILE_ACCESS_TO || path.join(ROOT, 'test', 'fixtures'),
	};
}

module.exports = { n8nSettings };

if (require.main === module) {
	const version = process.argv[2];
	if (!version) {
		console.error('usage: node settings.cjs N8N_VERSION');
		process.exit(2);
	}
	const quote = (value) => `'${value.replace(/'/g, `'\\''`)}'`;
	for (const [name, value] of Object.entries(n8nSettings(version))) {
		console.log(`export ${name}=${quote(value)}`);
	}
}
