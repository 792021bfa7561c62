/**
 * n8n and Node 24 under .cache/, and the packed package. lib.sh does the work (ensure_node,
 * ensure_n8n, build_and_pack): its markers make a second call a quick check, and it prints a
 * progress line every 15 s while it installs.
 */
import { join } from 'node:path';

import { runLibSh } from './lib-sh';

export interface N8nInstall {
	version: string;
	/** A Node >= 22: the system's, or Node 24 from .cache/node-24. */
	nodeBin: string;
	/** node_modules/n8n/bin/n8n */
	n8nBin: string;
	/** .cache/n8n-<version>/node_modules, where n8n-core and sqlite3 resolve from. */
	nodeModules: string;
}

export async function ensureN8n(version: string): Promise<N8nInstall> {
	const out = await runLibSh(
		'ensure_node\nensure_n8n\nprintf "%s\\n" "$NODE_BIN" "$N8N_BIN" "$N8N_DIR"',
		[],
		{ N8N_VERSION: version },
	);
	const [nodeBin, n8nBin, dir] = out.trim().split('\n');
	if (!nodeBin || !n8nBin || !dir) throw new Error(`ensure_n8n ${version} printed ${out}`);
	return { version, nodeBin, n8nBin, nodeModules: join(dir, 'node_modules') };
}

/** npm run build, npm pack into .cache/pack/; the tarball's path. */
export async function buildAndPack(): Promise<string> {
	const out = await runLibSh('build_and_pack');
	const tarball = out.trim().split('\n').pop();
	if (!tarball) throw new Error('build_and_pack printed no tarball');
	return tarball;
}
