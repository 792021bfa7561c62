/**
 * "Today's limiter": the package at commit c2754be, the last one with one rate limiter per
 * execution (rate limits retried within Retries), so the scenarios of overlapping executions can
 * print its figures beside the shared budget's, measured by the same code on this machine.
 *
 * Its sources come out of git (`git archive`, so no worktree for git to track) into .cache/ and
 * build there once. The build and the bench resolve modules from this repository's node_modules
 * (the folder is inside it, and c2754be's lock file is the same), so the old node and the engine
 * share one n8n-workflow, as they do for dist/. BENCH_TODAY_DIR names a built checkout to use
 * instead (its own `npm ci && npm run build`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const TODAY_COMMIT = 'c2754be8b5817291592a58402997767f020e6702';
export const TODAY_LABEL = `today's limiter (${TODAY_COMMIT.slice(0, 7)})`;

const REPO_ROOT = path.resolve(__dirname, '../..');
const BUILT = 'dist/nodes/GuGuData/GuGuData.node.js';
// What the package's build needs: the node, the credential and their build setup.
const SOURCES = [
	'nodes',
	'credentials',
	'package.json',
	'tsconfig.json',
	'gulpfile.js',
	'scripts/clean.js',
	'index.js',
];

/**
 * The package directory of today's limiter, built; undefined (with the reason printed) when this
 * clone cannot provide it, e.g. a shallow one without the commit.
 */
export function prepareToday(): string | undefined {
	const given = process.env.BENCH_TODAY_DIR;
	if (given) return path.resolve(given);
	const dir = path.join(REPO_ROOT, '.cache', `bench-today-${TODAY_COMMIT.slice(0, 7)}`);
	const marker = path.join(dir, '.built');
	if (existsSync(marker) && existsSync(path.join(dir, BUILT))) return dir;
	try {
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		const tar = execFileSync('git', ['archive', '--format=tar', TODAY_COMMIT, ...SOURCES], {
			cwd: REPO_ROOT,
			maxBuffer: 64 * 1024 * 1024,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		execFileSync('tar', ['-x', '-C', dir], { input: tar });
		execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
		writeFileSync(marker, `${TODAY_COMMIT}\n`);
		return dir;
	} catch (error) {
		const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
		const reason = stderr.split('\n').pop() || (error as Error).message;
		console.log(`(${TODAY_LABEL} not measured: ${reason})`);
		return undefined;
	}
}
