/**
 * A fresh n8n user folder with the packed package installed the way n8n's Community Nodes
 * installer lays it out (lib.sh's install_community_package: npm install into <user>/.n8n/nodes),
 * and its rows in n8n's database (register-package.cjs).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

import { cleanEnv } from './env';
import type { N8nInstall } from './install';
import { runLibSh } from './lib-sh';
import { CACHE, PACKAGE_NAME, ROOT } from './paths';
import { runProcess, type RunResult } from './process';

export async function createUserFolder(
	install: N8nInstall,
	tarball: string,
	parent = join(CACHE, 'e2e'),
): Promise<string> {
	mkdirSync(parent, { recursive: true });
	const folder = mkdtempSync(join(parent, `user-${install.version}-`));
	await runLibSh('ensure_node\ninstall_community_package "$1" "$2"', [folder, tarball], {
		N8N_VERSION: install.version,
	});
	return folder;
}

/** <user>/.n8n/nodes/node_modules/n8n-nodes-gugudata */
export const packageDir = (userFolder: string): string =>
	join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);

/**
 * Records the installed package in installed_packages / installed_nodes. The database must exist:
 * run an n8n command (import:credentials) first.
 */
export function registerPackage(install: N8nInstall, userFolder: string): Promise<RunResult> {
	return runProcess(
		install.nodeBin,
		[
			join(ROOT, 'scripts', 'n8n', 'register-package.cjs'),
			userFolder,
			packageDir(userFolder),
			install.nodeModules,
		],
		{ env: { ...cleanEnv(), NODE_PATH: install.nodeModules } },
	);
}
