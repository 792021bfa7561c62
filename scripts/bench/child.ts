/** Runs run-node.ts (or another bench script) in a fresh Node process and reads its result. */
import { spawn } from 'node:child_process';
import path from 'node:path';

import type { ChildResult, ChildSpec } from './run-node';

const SCRIPT = path.join(__dirname, 'run-node.ts');
// `--import tsx` resolves from the working directory: the repository, whatever the caller's.
const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * Runs a script in a fresh Node process (tsx as loader, gc exposed) and parses the JSON its last
 * line of output holds; `label` names it in the error when it fails.
 */
export async function runScript(script: string, args: string[], label: string): Promise<unknown> {
	const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', script, ...args], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', resolve);
	});
	const line = stdout.trim().split('\n').pop() ?? '';
	if (code !== 0 || !line.startsWith('{')) {
		// The end of the output is the error; tsx puts a whole minified source line before it.
		const tail = (stderr.trim() || stdout.trim()).split('\n').slice(-12).join('\n');
		throw new Error(`${label} exited with ${code}:\n${tail}`);
	}
	return JSON.parse(line);
}

export async function runChild(spec: ChildSpec): Promise<ChildResult> {
	const result = (await runScript(SCRIPT, [JSON.stringify(spec)], 'bench child')) as ChildResult;
	for (const outcome of [result, ...(result.alongside ?? [])]) {
		if (outcome.status !== 'success') {
			throw new Error(`the GuGuData node did not succeed (${outcome.status}): ${outcome.error}`);
		}
	}
	return result;
}
