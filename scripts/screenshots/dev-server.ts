/**
 * The n8n the screenshots are taken from: the one answering on N8N_URL, or `npm run dev` started
 * here (and stopped again by stop()).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface DevServer {
	/** True when this script started `npm run dev`. */
	started: boolean;
	stop(): Promise<void>;
}

const READY_LINE = /n8n [\d.]+ is ready: /;

/** True when anything answers HTTP on url (any status). */
export async function answers(url: string): Promise<boolean> {
	try {
		await fetch(url, { signal: AbortSignal.timeout(3000) });
		return true;
	} catch {
		return false;
	}
}

/**
 * Uses the n8n on baseUrl, or starts `npm run dev` in root when nothing answers there and waits
 * for its "n8n ... is ready" banner (the owner account is set up by then).
 */
export async function ensureN8n(
	root: string,
	baseUrl: string,
	log: (line: string) => void,
): Promise<DevServer> {
	if (await answers(`${baseUrl}/rest/settings`)) {
		log(`Using the n8n already running on ${baseUrl}`);
		return { started: false, stop: async () => {} };
	}
	log(`Nothing answers on ${baseUrl}: starting npm run dev (about 20 s with the cached install)`);
	const t0 = Date.now();
	// Own process group, so stop() can send the group Ctrl-C's SIGINT: dev.sh then stops n8n and
	// the local GuGuData server itself.
	const child = spawn('npm', ['run', 'dev'], {
		cwd: root,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, FORCE_COLOR: '0' },
	});
	let output = '';
	let ready = false;
	const onData = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-20000);
		if (!ready && READY_LINE.test(output)) ready = true;
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	let exitCode: number | null | undefined;
	child.on('exit', (code) => (exitCode = code ?? -1));

	const server: DevServer = { started: true, stop: () => stopDev(child, log) };
	// The first run installs n8n (about 4 minutes); later runs take about 20 s.
	const deadline = Date.now() + 15 * 60_000;
	while (!ready) {
		if (exitCode !== undefined) {
			throw new Error(
				`npm run dev exited (code ${exitCode}) before n8n was ready:\n${tail(output, 40)}`,
			);
		}
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(`npm run dev: n8n was not ready after 15 minutes:\n${tail(output, 40)}`);
		}
		await sleep(500);
	}
	log(`npm run dev is ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	return server;
}

async function stopDev(child: ChildProcess, log: (line: string) => void): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	log('Stopping the npm run dev started for the screenshots');
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, signal);
		} catch {
			// already gone
		}
	};
	signalGroup('SIGINT');
	const stopped = await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]);
	if (!stopped) {
		signalGroup('SIGTERM');
		await Promise.race([exited, sleep(10_000)]);
	}
}

function tail(text: string, lines: number): string {
	return text.split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
	return new Promise((done) => setTimeout(done, ms));
}
