/**
 * n8n's node setting Retry On Fail runs the whole node again when it throws, or, with Continue On
 * Fail, when the first item it outputs is an error item. Items that succeeded in an earlier run of
 * that retry are not sent to GuGuData again: only the failed ones are, so a retry costs only what
 * it retries.
 */
import { makePng } from '../fixtures/images';
import type { InputItem } from '../harness';
import { runWorkflow, NODE_UNDER_TEST } from '../harness';
import { sha256Hex } from '../server';
import { binaryItem, startServers } from './servers';
import type { Servers } from './servers';

let servers: Servers;

beforeAll(async () => {
	servers = await startServers();
});
afterAll(async () => await servers.close());

const REFUSED = 'GuGuData rejected the request as invalid (HTTP 400)';

/** API requests per image, in the order the images are given. */
function requestsFor(...images: Buffer[]): number[] {
	const counts = images.map((image) => {
		const hash = sha256Hex(image);
		return servers.international.requests.filter((entry) => entry.imageSha256 === hash).length;
	});
	return counts;
}

function image(
	name: string,
	outcome: Parameters<Servers['international']['fixtures']['register']>[1],
) {
	const bytes = makePng(`retry-on-fail-${name}`);
	servers.international.fixtures.register(bytes, outcome);
	return bytes;
}

async function run(items: InputItem[], settings: Record<string, unknown>) {
	servers.international.reset();
	return await runWorkflow({
		parameters: { operation: 'imageToText', options: { retries: 0, requestsPerSecond: 100 } },
		credentials: servers.credentials('international'),
		items,
		retryOnFail: true,
		maxTries: 3,
		// 10 ms: n8n reads 0 as its default of 1000 ms (`waitBetweenTries || 1000`), and how long
		// n8n waits is no part of what is re-sent.
		waitBetweenTries: 10,
		...settings,
	});
}

const texts = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map((item) => item.json.text ?? item.json.error);

describe.each([
	['Continue (regular output)', { continueOnFail: true }],
	['Continue (using error output)', { onError: 'continueErrorOutput' }],
])('Retry On Fail with %s', (_mode, settings) => {
	it('re-sends only the failing item when n8n runs the node again', async () => {
		const refused = image(`refused-${_mode}`, { status: 400 });
		const good1 = image(`good1-${_mode}`, { lines: ['ONE'] });
		const good2 = image(`good2-${_mode}`, { lines: ['TWO'] });
		const result = await run(
			[
				binaryItem(refused, 'refused.png'),
				binaryItem(good1, 'one.png'),
				binaryItem(good2, 'two.png'),
			],
			settings,
		);
		expect(result.status).toBe('success');
		// n8n ran the node 3 times (the first item kept failing); the good images were sent once.
		expect(requestsFor(refused, good1, good2)).toEqual([3, 1, 1]);
		const all = result.outputs(NODE_UNDER_TEST).flat();
		expect(texts(all).sort()).toEqual(['ONE', REFUSED, 'TWO'].sort());
		expect(all.map((item) => item.pairedItem)).toEqual(
			expect.arrayContaining([{ item: 0 }, { item: 1 }, { item: 2 }]),
		);
	});

	it("a failing item that recovers on n8n's retry succeeds, the others are not re-sent", async () => {
		const flaky = image(`flaky-${_mode}`, { sequence: [{ status: 400 }, { lines: ['LATER'] }] });
		const good = image(`good-${_mode}`, { lines: ['GOOD'] });
		const result = await run(
			[binaryItem(flaky, 'flaky.png'), binaryItem(good, 'good.png')],
			settings,
		);
		expect(requestsFor(flaky, good)).toEqual([2, 1]);
		expect(texts(result.items)).toEqual(['LATER', 'GOOD']);
	});
});

describe('Retry On Fail without Continue On Fail', () => {
	it('n8n retries the node after the failure; items that had succeeded are not re-sent', async () => {
		const good = image('stop-good', { lines: ['FIRST'] });
		const flaky = image('stop-flaky', { sequence: [{ status: 400 }, { lines: ['SECOND'] }] });
		const result = await run([binaryItem(good, 'good.png'), binaryItem(flaky, 'flaky.png')], {});
		expect(result.status).toBe('success');
		expect(texts(result.items)).toEqual(['FIRST', 'SECOND']);
		expect(requestsFor(good, flaky)).toEqual([1, 2]);
	});

	it('each execution starts afresh: nothing is remembered across executions', async () => {
		const good = image('fresh', { lines: ['FRESH'] });
		await run([binaryItem(good, 'fresh.png')], {});
		const again = await run([binaryItem(good, 'fresh.png')], {});
		expect(texts(again.items)).toEqual(['FRESH']);
		expect(requestsFor(good)).toEqual([1]);
	});
});
