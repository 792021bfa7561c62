/**
 * `n8n start` (main) and `n8n worker` on free ports, waited for until ready. Every process gets
 * its own N8N_PORT and N8N_RUNNERS_BROKER_PORT (a worker also its health server's port), so a main
 * and several workers can run side by side. Queue mode (EXECUTIONS_MODE=queue, QUEUE_BULL_REDIS_*)
 * is the caller's to pass in `env`.
 */
import type { N8nInstall } from './install';
import { n8nEnv, type N8nEnvOptions } from './env';
import { secondsSince } from './log';
import { freePort } from './ports';
import { spawnTracked, type Spawned } from './process';

export interface N8nProcess {
	/** http://127.0.0.1:<port>: the editor and REST API of a main, the health server of a worker. */
	baseUrl: string;
	port: number;
	brokerPort: number;
	process: Spawned;
	/** Its stdout and stderr so far. */
	log(): string;
	/** Seconds from spawn to ready. */
	startSeconds: string;
	stop(graceMs?: number): Promise<void>;
}

export interface StartOptions extends N8nEnvOptions {
	readyTimeoutMs?: number;
}

async function answers(url: string): Promise<boolean> {
	try {
		const response = await fetch(url);
		await response.arrayBuffer();
		return response.status === 200;
	} catch {
		return false;
	}
}

async function startProcess(
	install: N8nInstall,
	userFolder: string,
	command: 'start' | 'worker',
	options: StartOptions,
	ports: { port: number; brokerPort: number; httpPort: number },
	extraEnv: NodeJS.ProcessEnv,
	isReady: (spawned: Spawned, baseUrl: string) => Promise<boolean>,
): Promise<N8nProcess> {
	const env = n8nEnv(install, userFolder, {
		...options,
		env: {
			N8N_PORT: String(ports.port),
			N8N_RUNNERS_BROKER_PORT: String(ports.brokerPort),
			...extraEnv,
			...options.env,
		},
	});
	const started = Date.now();
	const spawned = spawnTracked(install.nodeBin, [install.n8nBin, command], { env });
	const baseUrl = `http://127.0.0.1:${ports.httpPort}`;
	const limit = options.readyTimeoutMs ?? 180_000;
	while (!(await isReady(spawned, baseUrl))) {
		if (spawned.exited() || Date.now() - started > limit) {
			await spawned.stop();
			throw new Error(
				`n8n ${command} ${install.version} ${spawned.exited() ? 'exited' : `not ready after ${limit / 1000} s`}:\n${spawned.output().slice(-3000)}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return {
		baseUrl,
		port: ports.httpPort,
		brokerPort: ports.brokerPort,
		process: spawned,
		log: spawned.output,
		startSeconds: secondsSince(started),
		stop: (graceMs) => spawned.stop(graceMs),
	};
}

/** A main instance: ready once the REST API answers and n8n has said the editor is up. */
export async function startMain(
	install: N8nInstall,
	userFolder: string,
	options: StartOptions = {},
): Promise<N8nProcess> {
	const port = await freePort();
	const quiet = options.logLevel === 'warn' || options.logLevel === 'error';
	return startProcess(
		install,
		userFolder,
		'start',
		options,
		{ port, brokerPort: await freePort(), httpPort: port },
		{},
		// /healthz answers before the REST controllers are mounted, /rest/settings after. The
		// "Editor is now accessible" line (info level) comes once the start has finished.
		async (spawned, baseUrl) =>
			(quiet || spawned.output().includes('Editor is now accessible')) &&
			(await answers(`${baseUrl}/rest/settings`)),
	);
}

/**
 * `n8n worker`: ready once its health server (QUEUE_HEALTH_CHECK_*; N8N_WORKER_SERVER_ADDRESS is
 * its listen address) says so on /healthz/readiness, which checks the database and Redis.
 */
export async function startWorker(
	install: N8nInstall,
	userFolder: string,
	options: StartOptions = {},
): Promise<N8nProcess> {
	const healthPort = await freePort();
	return startProcess(
		install,
		userFolder,
		'worker',
		options,
		{ port: await freePort(), brokerPort: await freePort(), httpPort: healthPort },
		{
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		},
		async (_spawned, baseUrl) => answers(`${baseUrl}/healthz/readiness`),
	);
}
