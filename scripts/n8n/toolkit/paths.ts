/** Where the toolkit keeps things: the repository, its .cache/ and the package's name. */
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const CACHE = join(ROOT, '.cache');
export const LIB_SH = join(ROOT, 'scripts', 'n8n', 'lib.sh');
export const PACKAGE_NAME = 'n8n-nodes-gugudata';

/** The n8n versions the e2e tests cover, newest first; N8N_VERSIONS=2.40.7 picks one. */
export const DEFAULT_N8N_VERSIONS = ['2.40.7', '1.123.81'];

export function n8nVersions(list = process.env.N8N_VERSIONS): string[] {
	const versions = (list ?? '')
		.split(',')
		.map((version) => version.trim())
		.filter(Boolean);
	return versions.length > 0 ? versions : DEFAULT_N8N_VERSIONS;
}
