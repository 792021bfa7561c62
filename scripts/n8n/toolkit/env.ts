/** The environment of an n8n process: the caller's, cleaned, plus settings.cjs and Node 24 first. */
import { delimiter, dirname } from 'node:path';

import type { N8nInstall } from './install';

const { n8nSettings } = require('./settings.cjs') as {
	n8nSettings: (version: string) => Record<string, string>;
};

/**
 * process.env without what `npm run` and jest add: npm's npm_config_* copies of the repository's
 * .npmrc (ignore-scripts, legacy-peer-deps) would reach npm calls made by or for n8n, and jest's
 * NODE_ENV=test puts n8n into its own test mode (an in-memory database among others).
 */
export function cleanEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const keep = new Set([
		'npm_config_cache',
		'npm_config_userconfig',
		'npm_config_globalconfig',
		'npm_config_registry',
		'npm_config_cafile',
		'npm_config_proxy',
		'npm_config_https_proxy',
		'npm_config_noproxy',
		'npm_config_strict_ssl',
	]);
	const clean: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(env)) {
		if (/^npm_(config|package|lifecycle)_/.test(name) && !keep.has(name)) continue;
		if (name === 'NODE_ENV' || name.startsWith('JEST_')) continue;
		clean[name] = value;
	}
	return clean;
}

export interface N8nEnvOptions {
	/** N8N_LOG_LEVEL; n8n's default (info) when not given. */
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** Anything else, e.g. EXECUTIONS_MODE=queue and QUEUE_BULL_REDIS_* for queue mode. */
	env?: NodeJS.ProcessEnv;
}

export function n8nEnv(
	install: N8nInstall,
	userFolder: string,
	options: N8nEnvOptions = {},
): NodeJS.ProcessEnv {
	const base = cleanEnv();
	return {
		...base,
		...n8nSettings(install.version),
		// n8n starts its task runner and npm with the Node on PATH.
		PATH: [dirname(install.nodeBin), base.PATH ?? ''].join(delimiter),
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		...(options.logLevel ? { N8N_LOG_LEVEL: options.logLevel } : {}),
		...options.env,
	};
}
