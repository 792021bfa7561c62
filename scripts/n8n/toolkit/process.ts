/**
 * Child processes that never outlive the tests: each runs in its own process group (n8n starts task
 * runners of its own), is stopped with SIGTERM and then SIGKILL after a bound, and whatever is
 * still running when this process exits is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';

import { secondsSince } from './log';

const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

process.once('exit', () => {
	for (const child of live) killGroup(child, 'SIGKILL');
});

export interface Spawned {
	child: ChildProcess;
	/** stdout and stderr as they came, interleaved. */
	output(): string;
	exited(): boolean;
	/** SIGTERM to the process group, SIGKILL once graceMs has passed; resolves when it is gone. */
	stop(graceMs?: number): Promise<void>;
}

export function spawnTracked(
	command: string,
	args: string[],
	options: { env: NodeJS.ProcessEnv; cwd?: string },
): Spawned {
	const child = spawn(command, args, {
		env: options.env,
		cwd: options.cwd,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	live.add(child);
	const chunks: string[] = [];
	child.stdout?.on('data', (chunk) => chunks.push(String(chunk)));
	child.stderr?.on('data', (chunk) => chunks.push(String(chunk)));
	let done = false;
	const closed = new Promise<void>((resolve) => {
		const finish = () => {
			done = true;
			live.delete(child);
			resolve();
		};
		child.once('close', finish);
		child.once('error', finish);
	});
	return {
		child,
		output: () => chunks.join(''),
		exited: () => done,
		async stop(graceMs = 20_000) {
			if (done) return;
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
			await closed;
			clearTimeout(timer);
			// The task runners of a process that died by SIGKILL are orphaned in the same group.
			killGroup(child, 'SIGKILL');
		},
	};
}

/** Stops every process still running. */
export async function stopAll(graceMs?: number): Promise<void> {
	await Promise.all(
		[...live].map((child) => {
			killGroup(child, 'SIGTERM');
			return new Promise<void>((resolve) => {
				const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs ?? 20_000);
				child.once('close', () => {
					clearTimeout(timer);
					resolve();
				});
				if (child.exitCode !== null || child.signalCode !== null) resolve();
			});
		}),
	);
}

export interface RunResult {
	code: number | null;
	stdout: string;
	stderr: string;
	seconds: string;
}

/** Runs a command to its end (or kills it after timeoutMs) and collects its output. */
export function runProcess(
	command: string,
	args: string[],
	options: { env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
	const started = Date.now();
	const child = spawn(command, args, {
		env: options.env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	live.add(child);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk) => (stdout += chunk));
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), options.timeoutMs ?? 180_000);
	return new Promise((resolve) => {
		const finish = (code: number | null) => {
			clearTimeout(timer);
			live.delete(child);
			// A CLI command's task runner must not outlive it.
			killGroup(child, 'SIGKILL');
			resolve({ code, stdout, stderr, seconds: secondsSince(started) });
		};
		child.once('close', finish);
		child.once('error', (error) => {
			stderr += String(error);
			finish(null);
		});
	});
}
