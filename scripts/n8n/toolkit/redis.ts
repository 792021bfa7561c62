/**
 * A private Redis for n8n's queue mode: Debian's redis-server (installed with apt-get when missing,
 * as on a fresh CI machine), on a free port of 127.0.0.1, no persistence, in its own process group
 * so it never outlives the run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';

import { log, secondsSince } from './log';
import { freePort } from './ports';
import { spawnTracked, type Spawned } from './process';

export interface RedisProcess {
	port: number;
	/** e.g. "7.0.15" */
	version: string;
	process: Spawned;
	log(): string;
	stop(graceMs?: number): Promise<void>;
}

const which = (command: string): string | undefined => {
	const found = spawnSync('bash', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
};

/** Runs a command with its output on our stderr, so the log shows what apt-get does. */
function runVisible(command: string, args: string[], timeoutMs: number): Promise<number | null> {
	log(`$ ${[command, ...args].join(' ')}`);
	return new Promise((resolve) => {
		const child = spawn(command, args, {
			stdio: ['ignore', process.stderr, process.stderr],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.once('error', () => resolve(null));
		child.once('close', (code) => {
			clearTimeout(timer);
			resolve(code);
		});
	});
}

/** The path of redis-server, after `apt-get install -y redis-server` when it is not on PATH. */
export async function ensureRedisServer(): Promise<string> {
	const existing = which('redis-server');
	if (existing) {
		log(`redis-server found: ${existing}`);
		return existing;
	}
	if (!which('apt-get')) {
		throw new Error('redis-server is not installed and there is no apt-get: install Redis first');
	}
	if (process.getuid?.() !== 0) {
		throw new Error('redis-server is not installed: run `sudo apt-get install -y redis-server`');
	}
	const started = Date.now();
	log("redis-server not found: installing Debian's redis-server with apt-get");
	const install = () =>
		runVisible('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], 300_000);
	// A fresh machine may have no package lists yet: update once and try again.
	if ((await install()) !== 0) {
		if ((await runVisible('apt-get', ['update'], 300_000)) !== 0 || (await install()) !== 0) {
			throw new Error('apt-get install -y redis-server failed (see its output above)');
		}
	}
	const installed = which('redis-server');
	if (!installed) throw new Error('apt-get installed redis-server, but it is not on PATH');
	log(`redis-server installed in ${secondsSince(started)} s: ${installed}`);
	return installed;
}

/** True once Redis answers PING with +PONG. */
function pong(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += String(chunk);
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

/** `redis-server` on a free port of 127.0.0.1, nothing saved to disk; ready once it answers. */
export async function startRedis(
	redisServer: string,
	dir: string,
	readyTimeoutMs = 15_000,
): Promise<RedisProcess> {
	const port = await freePort();
	const version = /v=([\d.]+)/.exec(
		spawnSync(redisServer, ['--version'], { encoding: 'utf8' }).stdout ?? '',
	)?.[1];
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
		'--dir',
		dir,
	];
	log(`$ redis-server ${args.map((arg) => (arg === '' ? "''" : arg)).join(' ')}`);
	const spawned = spawnTracked(redisServer, args, { env: process.env, cwd: dir });
	const started = Date.now();
	while (!(await pong(port))) {
		if (spawned.exited() || Date.now() - started > readyTimeoutMs) {
			await spawned.stop(2000);
			throw new Error(
				`redis-server did not start on port ${port}:\n${spawned.output().slice(-3000)}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		port,
		version: version ?? 'unknown',
		process: spawned,
		log: spawned.output,
		stop: (graceMs = 5000) => spawned.stop(graceMs),
	};
}
