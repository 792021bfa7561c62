/**
 * Scenarios 4 to 6: executions that overlap, in one n8n process or in two, and one execution on a
 * machine whose cores are all busy. Each runs the node of dist/ and then today's limiter (the
 * package at c2754be, see today.ts) under the same conditions, and prints each figure with today's
 * below it.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

import type { GuGuServer } from '../../test/server';
import { runChild } from './child';
import { printRow, printSection } from './table';
import { TODAY_LABEL } from './today';
import type { NodeOutcome, NodeRun } from './workflow';

const PER_SECOND = 5;
const LATENCY_MS = 500;
const fixed = (value: number, digits = 1) => value.toFixed(digits);

/** What one scenario measured for one version of the node. */
interface Figures {
	recognised: number;
	errorItems: number;
	/** From the first GuGuData node's start to the last one's end, over all executions. */
	wallMs: number;
	apiRequests: number;
	emitted429: number;
}

/** The node of dist/ (no packageDir) and today's limiter, when it could be built. */
interface Versions {
	todayDir?: string;
}

function baseRun(server: GuGuServer, seed: string, count: number, packageDir?: string): NodeRun {
	return {
		images: { count, bytes: 0, seed },
		options: {},
		credential: { appKey: server.appKey, baseUrl: server.baseUrl, platform: 'international' },
		binaryMode: 'default',
		// Failed images become error items, so what is lost can be counted.
		continueOnFail: true,
		packageDir,
	};
}

/** Waits (up to 5 s) until the server has answered every request. */
async function settled(server: GuGuServer): Promise<void> {
	for (let waited = 0; server.stats.inFlight > 0 && waited < 5000; waited += 20) {
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

function figures(server: GuGuServer, outcomes: NodeOutcome[]): Figures {
	const sum = (pick: (outcome: NodeOutcome) => number) =>
		outcomes.reduce((total, outcome) => total + pick(outcome), 0);
	return {
		recognised: sum((outcome) => outcome.outputItems - outcome.errorItems),
		errorItems: sum((outcome) => outcome.errorItems),
		wallMs:
			Math.max(...outcomes.map((outcome) => outcome.endedAt)) -
			Math.min(...outcomes.map((outcome) => outcome.startedAt)),
		apiRequests: server.stats.apiRequests,
		emitted429: server.stats.emitted429,
	};
}

/**
 * BENCH_REQUEST_LOG=<folder> writes each run's API requests there (arrival time, status, fault,
 * image hash), to see when 429s came and, from the hashes, which execution's images went through.
 */
function saveRequestLog(server: GuGuServer, name: string): void {
	const dir = process.env.BENCH_REQUEST_LOG;
	if (!dir) return;
	mkdirSync(dir, { recursive: true });
	const api = server.requests.filter((entry) => entry.area === 'api');
	const first = api[0]?.time ?? 0;
	const rows = api.map((entry) => ({
		ms: entry.time - first,
		status: entry.status,
		fault: entry.fault,
		durationMs: entry.durationMs,
		// Only what reached recognition has one: a request refused with a 429 did not.
		imageSha256: entry.imageSha256,
	}));
	writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(rows, null, 1));
}

/** Measures `run` for the node of dist/, then for today's limiter. */
async function bothVersions(
	server: GuGuServer,
	versions: Versions,
	name: string,
	run: (packageDir?: string) => Promise<NodeOutcome[]>,
): Promise<{ now: Figures; today?: Figures }> {
	const measure = async (label: string, packageDir?: string) => {
		server.reset();
		const outcomes = await run(packageDir);
		await settled(server);
		saveRequestLog(server, `${name}-${label}`);
		return figures(server, outcomes);
	};
	const now = await measure('now');
	const today = versions.todayDir ? await measure('c2754be', versions.todayDir) : undefined;
	return { now, today };
}

interface FigureRow {
	id: string;
	measurement: string;
	result: (figures: Figures) => string;
	goal?: string;
	met?: (figures: Figures) => boolean;
}

/** The figure for dist/ with its goal, then today's limiter's on a row below, without one. */
function printPair(row: FigureRow, now: Figures, today: Figures | undefined): void {
	printRow({
		id: row.id,
		measurement: row.measurement,
		result: row.result(now),
		goal: row.goal,
		met: row.met?.(now),
	});
	if (today) printRow({ id: row.id, measurement: `  ${TODAY_LABEL}`, result: row.result(today) });
}

const recognisedRow = (id: string, images: number): FigureRow => ({
	id,
	measurement: 'Images recognised',
	result: (f) => `${f.recognised} of ${images}` + (f.errorItems ? ` (${f.errorItems} failed)` : ''),
	goal: `${images} of ${images}`,
	met: (f) => f.recognised === images && f.errorItems === 0,
});

const wallRow = (id: string, images: number, goalRatio?: number): FigureRow => {
	const ceilingMs = (images / PER_SECOND) * 1000;
	return {
		id,
		measurement: 'Time, first GuGuData node start to last end',
		result: (f) =>
			`${fixed(f.wallMs / 1000, 2)} s = ${fixed(f.wallMs / ceilingMs, 3)}x of ` +
			`${fixed(ceilingMs / 1000, 0)} s`,
		goal: goalRatio === undefined ? undefined : `<= ${fixed(goalRatio, 2)}x`,
		met: goalRatio === undefined ? undefined : (f) => f.wallMs <= ceilingMs * goalRatio,
	};
};

const share429 = (f: Figures) => f.emitted429 / Math.max(1, f.apiRequests);
const rateLimitRow = (id: string, goalShare?: number): FigureRow => ({
	id,
	measurement: 'HTTP 429s, share of all API requests',
	result: (f) => `${fixed(share429(f) * 100)} % (${f.emitted429} of ${f.apiRequests} requests)`,
	goal: goalShare === undefined ? undefined : `<= ${fixed(goalShare * 100, 0)} %`,
	met: goalShare === undefined ? undefined : (f) => share429(f) <= goalShare,
});

/**
 * 4: one n8n process runs three executions of 30 images at once (a schedule, an email trigger and
 * a manual run), which share the process's budget.
 */
export async function oneProcess(server: GuGuServer, versions: Versions): Promise<void> {
	const perExecution = 30;
	const images = 3 * perExecution;
	printSection(
		`One process, 3 executions x ${perExecution} PNGs at once, ${LATENCY_MS} ms latency, ` +
			`server refuses > ${PER_SECOND}/s`,
	);
	server.setOptions({ latencyMs: LATENCY_MS, rateLimit: { perSecond: PER_SECOND }, faults: null });
	const { now, today } = await bothVersions(server, versions, '4', async (packageDir) => {
		const run = (seed: string, mode: NodeRun['mode']) => ({
			...baseRun(server, seed, perExecution, packageDir),
			mode,
		});
		const result = await runChild({
			run: run('schedule', 'trigger'),
			alongside: [run('email', 'trigger'), run('manual', 'manual')],
		});
		return [result, ...(result.alongside ?? [])];
	});
	printPair(recognisedRow('4a', images), now, today);
	printPair(wallRow('4b', images, 1.15), now, today);
	printPair(rateLimitRow('4c', 0.02), now, today);
}

/** 5: two n8n processes behind one IP, 45 images each, neither knowing of the other. */
export async function twoProcesses(server: GuGuServer, versions: Versions): Promise<void> {
	const perProcess = 45;
	const images = 2 * perProcess;
	printSection(
		`Two processes, 1 execution x ${perProcess} PNGs each at once, ${LATENCY_MS} ms latency, ` +
			`server refuses > ${PER_SECOND}/s`,
	);
	server.setOptions({ latencyMs: LATENCY_MS, rateLimit: { perSecond: PER_SECOND }, faults: null });
	const { now, today } = await bothVersions(
		server,
		versions,
		'5',
		async (packageDir) =>
			await Promise.all(
				['process-a', 'process-b'].map(
					async (seed) => await runChild({ run: baseRun(server, seed, perProcess, packageDir) }),
				),
			),
	);
	printPair(recognisedRow('5a', images), now, today);
	printPair(wallRow('5b', images, 1.5), now, today);
	printPair(rateLimitRow('5c'), now, today);
}

/** Starts one busy loop per core in processes of their own; call the result to end them. */
async function burnCpu(): Promise<() => Promise<void>> {
	const burners: ChildProcess[] = Array.from({ length: availableParallelism() }, () =>
		spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
	);
	// Let them get going before the measured child starts.
	await new Promise((resolve) => setTimeout(resolve, 500));
	return async () => {
		await Promise.all(
			burners.map(async (burner) => {
				if (burner.exitCode !== null || burner.signalCode !== null) return;
				const exited = new Promise((resolve) => burner.once('exit', resolve));
				burner.kill('SIGKILL');
				await exited;
			}),
		);
	};
}

/** 6: one execution of 100 images while other processes keep every core busy. */
export async function busyMachine(server: GuGuServer, versions: Versions): Promise<void> {
	const images = 100;
	const cores = availableParallelism();
	printSection(
		`Busy machine: ${images} PNGs, ${cores} busy loops on the ${cores} cores, ` +
			`${LATENCY_MS} ms latency, > ${PER_SECOND}/s refused`,
	);
	server.setOptions({ latencyMs: LATENCY_MS, rateLimit: { perSecond: PER_SECOND }, faults: null });
	const stop = await burnCpu();
	let measured: Awaited<ReturnType<typeof bothVersions>>;
	try {
		measured = await bothVersions(server, versions, '6', async (packageDir) => [
			await runChild({ run: baseRun(server, 'busy', images, packageDir) }),
		]);
	} finally {
		await stop();
	}
	const { now, today } = measured;
	printPair(recognisedRow('6a', images), now, today);
	printPair(wallRow('6b', images, 1.1), now, today);
	printPair(rateLimitRow('6c', 0.02), now, today);
}
