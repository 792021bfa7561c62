/** What the global setup hands to the test files (jest runs them in other processes). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CACHE, type N8nInstall } from '../../scripts/n8n/toolkit';

export const SETUP_FILE = join(CACHE, 'e2e', 'setup.json');

export interface E2eSetup {
	tarball: string;
	installs: N8nInstall[];
}

export function readSetup(): E2eSetup {
	return JSON.parse(readFileSync(SETUP_FILE, 'utf8')) as E2eSetup;
}
