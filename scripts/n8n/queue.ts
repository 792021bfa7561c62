/**
 * `npm run test:queue`: the packed package in real n8n 2.40.7 in queue mode. One main and two
 * workers share a user folder (SQLite database, encryption key, the package in .n8n/nodes) and a
 * private Redis; a local GuGuData server (International, 5 requests/s, 500 ms latency) runs here.
 * An active workflow's production webhook is called four times at once with 25 image URLs each, so
 * the main queues four executions for the workers, and every image's recognised lines must come
 * back: 100 of 100, no error items. Prints wall time, API requests, 429s, the busiest second and
 * which worker ran which execution; exits 1 on any failure, with the processes' logs. Every process
 * it starts is stopped at the end, whatever happened. See docs/dev-instance.md.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { startGuGuServer, type GuGuServer } from '../../test/server';
import {
	buildAndPack,
	CACHE,
	createUserFolder,
	ensureN8n,
	ensureRedisServer,
	log,
	registerPackage,
	ROOT,
	runN8n,
	secondsSince,
	startMain,
	startRedis,
	startWorker,
	stopAll,
	type Execution,
	type N8nInstall,
	type N8nProcess,
	type RedisProcess,
	type RunResult,
} from './toolkit';
import { intoBatches, judge, makeImages, type BatchAnswer, type Verdict } from './queue/check';
import { NODE, queueWorkflow } from './queue/workflow';

const VERSION = '2.40.7';
const IMAGES = 100;
const PER_EXECUTION = 25;
const WORKERS = 2;
/** Everything after the install and the build must end within this, or the run fails. */
const DEADLINE_MS = 5 * 60_000;
const WORKFLOW_ID = 'gguQueueOcrIntl';
const WEBHOOK_PATH = 'gugudata-queue-check';
const CREDENTIAL = { id: 'gguQueueCredInt', name: 'GuGuData International (queue check)' };
const OWNER = {
	email: 'queue-owner@example.com',
	firstName: 'Queue',
	lastName: 'Owner',
	password: 'Queue-Passw0rd-GuGuData',
};
const PARENT = join(CACHE, 'queue');

let deadline = Number.POSITIVE_INFINITY;
/** Milliseconds left for a wait; throws once the deadline has passed, so nothing new starts. */
const remaining = (what: string): number => {
	const left = deadline - Date.now();
	if (left <= 0) throw new Error(`deadline of ${DEADLINE_MS / 1000} s passed before ${what}`);
	return left;
};

/** Every process of the run, for the logs printed on failure and for the final stop. */
const running: {
	redis?: RedisProcess;
	main?: N8nProcess;
	workers: N8nProcess[];
	gugu?: GuGuServer;
	userFolder?: string;
} = { workers: [] };

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const tail = (text: string, lines = 40) => text.trimEnd().split('\n').slice(-lines).join('\n');

function expectRun(result: RunResult, pattern: RegExp, what: string): void {
	if (result.code !== 0 || !pattern.test(result.stdout)) {
		throw new Error(`${what}: exit ${result.code}\n${tail(result.stdout + result.stderr)}`);
	}
}

/** A main's REST API with the owner's cookie. */
function restClient(main: N8nProcess) {
	let cookie = '';
	const call = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${main.baseUrl}${path}`, {
			method,
			headers: {
				'browser-id': 'gugudata-queue-browser',
				...(cookie ? { cookie } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(Math.min(30_000, remaining(`${method} ${path}`))),
		});
		const text = await response.text();
		if (response.status !== 200)
			throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
		return { response, json: JSON.parse(text) as { data?: any } };
	};
	return {
		async setUpOwner() {
			const { response } = await call('POST', '/rest/owner/setup', OWNER);
			cookie = response.headers
				.getSetCookie()
				.map((value) => value.split(';')[0])
				.filter((value) => value.startsWith('n8n-auth='))
				.join('; ');
			if (!cookie) throw new Error('owner setup gave no n8n-auth cookie');
		},
		call,
	};
}

/** One webhook call: a batch of image URLs, answered once its execution has finished. */
async function callWebhook(main: N8nProcess, batch: number, images: BatchAnswer['images']) {
	const started = Date.now();
	const answer: BatchAnswer = { batch, images, seconds: 0 };
	try {
		const response = await fetch(`${main.baseUrl}/webhook/${WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ batch, images: images.map(({ id, url }) => ({ id, url })) }),
			signal: AbortSignal.timeout(remaining(`webhook call ${batch}`)),
		});
		answer.status = response.status;
		const text = await response.text();
		try {
			const json = JSON.parse(text) as unknown;
			if (Array.isArray(json)) answer.items = json as BatchAnswer['items'];
			else answer.problem = text.slice(0, 500);
		} catch {
			answer.problem = text.slice(0, 500);
		}
	} catch (error) {
		answer.problem =
			error instanceof Error && error.name === 'TimeoutError'
				? `no answer before the ${DEADLINE_MS / 1000} s deadline`
				: `no answer: ${error instanceof Error ? error.message : String(error)}`;
	}
	answer.seconds = (Date.now() - started) / 1000;
	return answer;
}

interface ExecutionFacts {
	id: string;
	status?: string;
	batch?: number;
	/** From n8n's startedAt to stoppedAt. */
	seconds?: number;
	worker?: number;
}

/**
 * The workflow's executions as n8n recorded them, each with the batch its webhook received, and the
 * worker whose log says it ran it ("Worker started execution N").
 */
async function executionFacts(
	install: N8nInstall,
	rest: ReturnType<typeof restClient>,
	workers: N8nProcess[],
): Promise<ExecutionFacts[]> {
	// n8n's REST API sends run data as flatted text; n8n's own flatted reads it.
	const flatted = createRequire(join(install.nodeModules, 'n8n', 'package.json'))('flatted') as {
		parse: (text: string) => unknown;
	};
	const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }));
	const list = await rest.call('GET', `/rest/executions?filter=${filter}&limit=50`);
	const results = (list.json.data?.results ?? []) as Array<Record<string, any>>;
	const facts: ExecutionFacts[] = [];
	for (const row of results) {
		const id = String(row.id);
		const detail = await rest.call('GET', `/rest/executions/${id}`);
		const data = detail.json.data?.data;
		const runData = (typeof data === 'string' ? flatted.parse(data) : data) as Execution['data'];
		const body = runData?.resultData?.runData?.[NODE.webhook]?.[0]?.data?.main?.[0]?.[0]?.json
			?.body as { batch?: number } | undefined;
		const started = Date.parse(row.startedAt);
		const stopped = Date.parse(row.stoppedAt);
		facts.push({
			id,
			status: row.status,
			batch: body?.batch,
			seconds:
				Number.isFinite(started) && Number.isFinite(stopped)
					? (stopped - started) / 1000
					: undefined,
			worker: workers.findIndex((worker) =>
				new RegExp(`Worker started execution ${id} \\(job`).test(worker.log()),
			),
		});
	}
	return facts.sort((a, b) => (a.batch ?? 0) - (b.batch ?? 0));
}

/**
 * The source the packed package was built from: the commit, and whether the node's or the
 * credential's files differed from it (the build packs the working tree as it is).
 */
function packageSource(tarball: string): string {
	const git = (args: string[]) =>
		spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
	const commit = git(['rev-parse', '--short', 'HEAD']);
	if (!commit) return `${tarball.split('/').pop()} built from a tree outside git`;
	const changed = git(['status', '--porcelain', '--', 'nodes', 'credentials']);
	const count = changed ? changed.split('\n').length : 0;
	const name = tarball.split('/').pop();
	return (
		`${name} built from ${commit}` +
		(count ? ` + ${count} uncommitted changes in nodes/, credentials/` : '')
	);
}

function printSummary(
	verdict: Verdict,
	answers: BatchAnswer[],
	facts: ExecutionFacts[],
	wallSeconds: number,
	gugu: GuGuServer,
	source: string,
): void {
	const stats = gugu.stats;
	const lines = [
		'',
		`Queue mode, n8n ${VERSION}: 1 main + ${WORKERS} workers, Redis ${running.redis?.version} on 127.0.0.1:${running.redis?.port}, SQLite`,
		`Package:             ${source}`,
		`Images recognised:   ${verdict.recognised} of ${verdict.images}` +
			(verdict.errorItems ? `; ${plural(verdict.errorItems, 'error item')}` : '; no error items'),
		...[...verdict.errors].map(([message, count]) => `  ${count} x ${message}`),
		`Wall time:           ${wallSeconds.toFixed(1)} s (${answers.length} webhook calls at once to the last answer)`,
		`GuGuData API:        ${stats.apiRequests} requests, ${stats.emitted429} answered 429 ` +
			`(${stats.rateLimited} by the 5/s limit); most started in any 1 s: ${stats.maxPerSecond}`,
		'Executions:',
	];
	for (const batch of verdict.batches) {
		const answer = answers.find((entry) => entry.batch === batch.batch);
		const fact = facts.find((entry) => entry.batch === batch.batch);
		const worker =
			fact && fact.worker !== undefined && fact.worker >= 0
				? `worker ${fact.worker + 1}`
				: 'worker ?';
		lines.push(
			`  call ${batch.batch}: execution ${fact?.id ?? '?'} on ${worker}, ${fact?.status ?? '?'}` +
				(fact?.seconds !== undefined ? ` in ${fact.seconds.toFixed(1)} s, ` : ', ') +
				`${batch.recognised} of ${PER_EXECUTION} recognised, ${plural(batch.errorItems, 'error item')}` +
				(batch.wrong ? `, ${batch.wrong} wrong` : '') +
				`; HTTP ${answer?.status ?? '-'} after ${answer?.seconds.toFixed(1)} s`,
		);
	}
	console.log(lines.join('\n'));
}

/** Everything wrong with the run; empty when it passed. */
function failuresOf(
	verdict: Verdict,
	answers: BatchAnswer[],
	facts: ExecutionFacts[],
	factsProblem: string | undefined,
): string[] {
	const failures: string[] = [];
	for (const answer of answers) {
		if (answer.status !== 200 || !answer.items) {
			failures.push(
				`webhook call ${answer.batch}: HTTP ${answer.status ?? '-'} ${answer.problem ?? ''}`.trim(),
			);
		}
	}
	if (factsProblem) failures.push(`reading the executions from n8n: ${factsProblem}`);
	if (verdict.recognised !== verdict.images) {
		failures.push(`${verdict.recognised} of ${verdict.images} images recognised`);
	}
	if (verdict.errorItems > 0) failures.push(plural(verdict.errorItems, 'error item'));
	if (verdict.linesNotOnce.length > 0) {
		failures.push(`${verdict.linesNotOnce.length} expected lines not in the answers exactly once`);
	}
	if (verdict.unexpectedLines > 0)
		failures.push(`${verdict.unexpectedLines} lines nobody expected`);
	failures.push(...verdict.notes);
	// The check means queue mode only if the workers, not the main, ran the executions.
	if (!factsProblem && facts.length !== answers.length) {
		failures.push(`n8n recorded ${facts.length} executions for ${answers.length} webhook calls`);
	}
	for (const fact of facts) {
		if (fact.status !== 'success') failures.push(`execution ${fact.id}: status ${fact.status}`);
		if (fact.worker === undefined || fact.worker < 0) {
			failures.push(`execution ${fact.id}: no worker's log says it ran it`);
		}
	}
	return failures;
}

function printLogs(): void {
	const sections: Array<[string, string | undefined]> = [
		['n8n main', running.main?.log()],
		...running.workers.map((worker, i): [string, string] => [`n8n worker ${i + 1}`, worker.log()]),
		['redis-server', running.redis?.log()],
	];
	for (const [name, text] of sections) {
		if (text === undefined) continue;
		console.error(`\n----- ${name} (last 40 lines) -----\n${tail(text)}`);
	}
}

function saveLogs(dir: string): void {
	mkdirSync(dir, { recursive: true });
	if (running.main) writeFileSync(join(dir, 'main.log'), running.main.log());
	running.workers.forEach((worker, i) =>
		writeFileSync(join(dir, `worker-${i + 1}.log`), worker.log()),
	);
	if (running.redis) writeFileSync(join(dir, 'redis.log'), running.redis.log());
}

async function stopEverything(): Promise<void> {
	// Workers and main before Redis, so they do not spend their shutdown reconnecting.
	await Promise.all(running.workers.map((worker) => worker.stop()));
	await running.main?.stop();
	await running.redis?.stop();
	await running.gugu?.close();
	await stopAll(5000);
}

/**
 * A backstop for waits the deadline does not bound (npm in the user folder, a process that will not
 * stop): a minute after the deadline the run fails with the logs, whatever it was doing.
 */
function armWatchdog(): void {
	setTimeout(() => {
		console.error(`\nFAILED: still running ${DEADLINE_MS / 1000 + 60} s after the build`);
		printLogs();
		void stopAll(2000).finally(() => process.exit(1));
	}, DEADLINE_MS + 60_000).unref();
}

async function run(): Promise<string[]> {
	const install = await ensureN8n(VERSION);
	const tarball = await buildAndPack();
	const source = packageSource(tarball);
	const redisServer = await ensureRedisServer();

	deadline = Date.now() + DEADLINE_MS;
	armWatchdog();
	mkdirSync(PARENT, { recursive: true });
	// User folders kept by an earlier failed run go now.
	for (const name of readdirSync(PARENT)) {
		if (name.startsWith('user-')) rmSync(join(PARENT, name), { recursive: true, force: true });
	}
	const userFolder = await createUserFolder(install, tarball, PARENT);
	running.userFolder = userFolder;
	const workDir = join(userFolder, 'queue');
	mkdirSync(workDir, { recursive: true });

	// The local GuGuData: the benchmark's throughput setting, 100 hosted images with lines each.
	const gugu = await startGuGuServer({
		platform: 'international',
		latencyMs: 500,
		rateLimit: { perSecond: 5 },
	});
	running.gugu = gugu;
	const images = makeImages(IMAGES);
	for (const image of images) {
		gugu.fixtures.register(image.bytes, { lines: image.lines });
		image.url = gugu.hostFile(`queue/${image.id}.png`, image.bytes, 'image/png');
	}

	running.redis = await startRedis(redisServer, workDir);
	log(`redis-server ${running.redis.version} ready on 127.0.0.1:${running.redis.port}`);

	// One encryption key for the CLI, the main and the workers (n8n's docs: every worker needs it).
	const encryption = { N8N_ENCRYPTION_KEY: randomBytes(24).toString('base64') };
	const queue = {
		...encryption,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(running.redis.port),
	};
	const cli = (args: string[]) =>
		runN8n(install, userFolder, args, { env: encryption, timeoutMs: remaining(args[0]) });

	const credentialsFile = join(workDir, 'credentials.json');
	writeFileSync(
		credentialsFile,
		JSON.stringify([
			{
				...CREDENTIAL,
				type: 'guGuDataApi',
				data: { appKey: gugu.appKey, platform: 'international', baseUrl: gugu.baseUrl },
			},
		]),
	);
	expectRun(
		await cli(['import:credentials', `--input=${credentialsFile}`]),
		/Successfully imported 1 credential/,
		'n8n import:credentials',
	);
	const registered = await registerPackage(install, userFolder);
	if (registered.code !== 0)
		throw new Error(`register-package: ${tail(registered.stdout + registered.stderr)}`);

	const workflowFile = join(workDir, 'workflow.json');
	writeFileSync(
		workflowFile,
		JSON.stringify(
			queueWorkflow({
				id: WORKFLOW_ID,
				name: 'GuGuData queue check: image URLs from a webhook',
				webhookPath: WEBHOOK_PATH,
				credential: CREDENTIAL,
			}),
			null,
			2,
		),
	);
	expectRun(
		await cli(['import:workflow', `--input=${workflowFile}`]),
		/Successfully imported 1 workflow/,
		'n8n import:workflow',
	);
	// Active, so the main registers its production webhook at start (n8n 2.x calls it publishing).
	expectRun(
		await cli(['publish:workflow', `--id=${WORKFLOW_ID}`]),
		/Publishing workflow/,
		'n8n publish:workflow',
	);
	log('credential, package rows and active workflow in the database');

	const t0 = Date.now();
	running.main = await startMain(install, userFolder, {
		env: queue,
		readyTimeoutMs: remaining('n8n start'),
	});
	log(`n8n main ready on ${running.main.baseUrl} (${running.main.startSeconds} s)`);
	running.workers = await Promise.all(
		Array.from({ length: WORKERS }, () =>
			startWorker(install, userFolder, { env: queue, readyTimeoutMs: remaining('n8n worker') }),
		),
	);
	log(`${WORKERS} n8n workers ready (${secondsSince(t0)} s since the main started)`);
	const rest = restClient(running.main);
	await rest.setUpOwner();

	gugu.reset();
	log(
		`calling the webhook ${IMAGES / PER_EXECUTION} times at once, ${PER_EXECUTION} image URLs each`,
	);
	const callsStarted = Date.now();
	const answers = await Promise.all(
		intoBatches(images, PER_EXECUTION).map((batch, i) => callWebhook(running.main!, i + 1, batch)),
	);
	const wallSeconds = (Date.now() - callsStarted) / 1000;
	// Answers have all come back; give the server a moment to log requests still closing. Past
	// the deadline these steps fail at once, and the summary still shows what each call got.
	await gugu.waitForIdle(Math.max(0, Math.min(10_000, deadline - Date.now()))).catch(() => {});
	const verdict = judge(answers);
	let factsProblem: string | undefined;
	const facts = await executionFacts(install, rest, running.workers).catch((error: Error) => {
		factsProblem = error.message;
		return [];
	});
	printSummary(verdict, answers, facts, wallSeconds, gugu, source);
	return failuresOf(verdict, answers, facts, factsProblem);
}

async function main(): Promise<number> {
	const started = Date.now();
	let failures: string[];
	try {
		failures = await run();
	} catch (error) {
		failures = [error instanceof Error ? error.message : String(error)];
	}
	const folder = running.userFolder;
	const failed = failures.length > 0;
	if (failed) {
		printLogs();
		if (folder) saveLogs(join(folder, 'logs'));
	}
	await stopEverything();
	const keep = failed || process.env.QUEUE_KEEP === '1';
	if (folder && !keep) rmSync(folder, { recursive: true, force: true });
	console.log(
		`\nTotal ${secondsSince(started)} s` + (folder && keep ? `; user folder kept: ${folder}` : ''),
	);
	if (failed) {
		console.error(`\nFAILED:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
		return 1;
	}
	console.log('PASSED');
	return 0;
}

// Ctrl-C or a CI timeout: stop what runs, then leave.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		log(`${signal}: stopping n8n, Redis and the GuGuData server`);
		void stopEverything().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	});
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
