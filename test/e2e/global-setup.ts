/**
 * Before the e2e files: build and pack the package once, and install (or find installed) Node 24
 * and each n8n of N8N_VERSIONS. User folders left by an earlier failed run go now.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { buildAndPack, ensureN8n, log, n8nVersions, secondsSince } from '../../scripts/n8n/toolkit';
import { SETUP_FILE, type E2eSetup } from './setup-file';

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	process.stderr.write('\n');
	const folder = dirname(SETUP_FILE);
	mkdirSync(folder, { recursive: true });
	for (const name of readdirSync(folder)) {
		if (name.startsWith('user-')) rmSync(join(folder, name), { recursive: true, force: true });
	}
	const installs = [];
	for (const version of n8nVersions()) {
		const t0 = Date.now();
		installs.push(await ensureN8n(version));
		log(`n8n ${version} ready (${secondsSince(t0)} s)`);
	}
	const t0 = Date.now();
	const tarball = await buildAndPack();
	log(`build + pack ${secondsSince(t0)} s; setup ${secondsSince(started)} s`);
	const setup: E2eSetup = { tarball, installs };
	writeFileSync(SETUP_FILE, JSON.stringify(setup, null, 2));
}
