/**
 * Overlapping executions against GuGuData's 5 requests per second per IP: three executions of 30
 * images at once in one n8n process (a schedule, an email trigger and a manual run), then two n8n
 * processes of 45 images each at once. Every image must be recognised, with no error item: rate
 * limits are retried for Max Rate Limit Wait, so none is lost.
 *
 * Run by `npm run test:soak` (about 1 minute). Counts only: how long they took and how many 429s
 * they met are bench goals (`npm run bench`, rows 4 and 5), where a loaded machine cannot make a
 * test flaky. Both use the bench's code: its workflow in this process, its child for a process.
 */
import { runChild } from '../../scripts/bench/child';
import { imageBytes } from '../../scripts/bench/images';
import type { ImageSet } from '../../scripts/bench/images';
import { prepareRun, runNode } from '../../scripts/bench/workflow';
import type { NodeOutcome, NodeRun } from '../../scripts/bench/workflow';
import type { GuGuServer } from '../server';
import { sha256Hex, startGuGuServer } from '../server';

let server: GuGuServer;

beforeAll(async () => {
	server = await startGuGuServer({
		platform: 'international',
		rateLimit: { perSecond: 5 },
		latencyMs: 500,
		defaultOutcome: { lines: ['recognised'] },
	});
});
afterAll(async () => await server.close());

function nodeRun(seed: string, count: number, mode: NodeRun['mode'] = 'manual'): NodeRun {
	return {
		images: { count, bytes: 0, seed },
		options: {},
		credential: { appKey: server.appKey, baseUrl: server.baseUrl, platform: 'international' },
		binaryMode: 'filesystem',
		mode,
		// A lost image shows as an error item rather than failing the whole run.
		continueOnFail: true,
	};
}

const counts = (outcome: NodeOutcome) => ({
	status: outcome.status,
	outputItems: outcome.outputItems,
	errorItems: outcome.errorItems,
});

/** Each image got exactly one good answer; every other API request was a refused one, retried. */
async function expectEachImageOnce(sets: ImageSet[]): Promise<void> {
	await server.waitForIdle();
	const api = server.requests.filter((entry) => entry.area === 'api');
	const answered = api.filter((entry) => entry.status === 200);
	const images = sets.flatMap((set) =>
		Array.from({ length: set.count }, (_, index) => sha256Hex(imageBytes(set, index))),
	);
	expect(answered.map((entry) => entry.imageSha256).sort()).toEqual(images.sort());
	expect(api.filter((entry) => entry.status !== 200 && entry.fault !== 'rate-limit')).toEqual([]);
}

test('three executions x 30 images at once in one process: all 90 recognised', async () => {
	server.reset();
	const runs = [
		nodeRun('schedule', 30, 'trigger'),
		nodeRun('email', 30, 'trigger'),
		nodeRun('manual', 30, 'manual'),
	];
	// Load the package once before they start together.
	await prepareRun(runs[0]);
	const outcomes = await Promise.all(runs.map(async (run) => await runNode(run)));
	expect(outcomes.map(counts)).toEqual(
		runs.map(() => ({ status: 'success', outputItems: 30, errorItems: 0 })),
	);
	await expectEachImageOnce(runs.map((run) => run.images));
});

test('two processes x 45 images at once: all 90 recognised', async () => {
	server.reset();
	const runs = [nodeRun('process-a', 45), nodeRun('process-b', 45)];
	const outcomes = await Promise.all(runs.map(async (run) => await runChild({ run })));
	expect(outcomes.map(counts)).toEqual(
		runs.map(() => ({ status: 'success', outputItems: 45, errorItems: 0 })),
	);
	await expectEachImageOnce(runs.map((run) => run.images));
});
