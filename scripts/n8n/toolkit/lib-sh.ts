/**
 * Runs functions of lib.sh, the toolkit's installer (also sourced by scripts/dev.sh), in bash.
 * Its log lines (stderr) reach the terminal as they come, the install's progress among them; its
 * stdout is the result.
 */
import { spawn } from 'node:child_process';

import { cleanEnv } from './env';
import { LIB_SH, ROOT } from './paths';

export function runLibSh(
	script: string,
	args: string[] = [],
	env: NodeJS.ProcessEnv = {},
): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', ['-c', `source "${LIB_SH}"\n${script}`, 'lib.sh', ...args], {
			cwd: ROOT,
			env: { ...cleanEnv(), ...env },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let stdout = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.once('error', reject);
		child.once('close', (code, signal) => {
			if (code === 0) resolve(stdout);
			else reject(new Error(`lib.sh: \`${script.trim()}\` failed (exit ${code ?? signal})`));
		});
	});
}
