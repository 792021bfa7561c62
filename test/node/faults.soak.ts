/**
 * Fault-injection soak: 300 distinct images through ONE execution of the node while the server
 * injects 429s (with Retry-After), 503s, connection resets, answers slower than the node's timeout
 * and cut-off JSON, and enforces GuGuData's 5 requests per second per IP. Every item must succeed,
 * once, in order, paired with its input, and every extra request must be a retry of a refusal.
 *
 * Not part of `npm test`: `npm run test:soak` runs it (jest.soak.config.js). It takes about 75 s,
 * which the rate limit sets (~345 requests at 5 per 1.05 s). It asserts counts, not timing: how
 * fast the node went and whether it kept to 5 per second (no 429 of its own) are measured by
 * `npm run bench` (rows 1f to 1h), where a loaded machine cannot make a test flaky.
 */
import { SOAK_FAULTS, SOAK_OPTIONS } from '../fixtures/fault-mix';
import { makePng } from '../fixtures/images';
import { runWorkflow } from '../harness';
import { sha256Hex } from '../server';
import { binaryItem, startServers } from './servers';
import type { Servers } from './servers';

const IMAGES = 300;

let servers: Servers;

beforeAll(async () => {
	servers = await startServers({
		rateLimit: { perSecond: 5 },
		faults: SOAK_FAULTS,
	});
});
afterAll(async () => await servers.close());

const linesOf = (index: number) => [`image ${index} line 1`, `image ${index} line 2`];

test(`${IMAGES} images in one execution under faults and a 5/s rate limit`, async () => {
	const server = servers.international;
	const images = Array.from({ length: IMAGES }, (_, index) => makePng(`soak-${index}`));
	images.forEach((bytes, index) => server.fixtures.register(bytes, { lines: linesOf(index) }));
	server.reset();

	const result = await runWorkflow({
		parameters: { operation: 'imageToText', options: SOAK_OPTIONS },
		credentials: servers.credentials('international'),
		items: images.map((bytes, index) => binaryItem(bytes, `soak-${index}.png`)),
		continueOnFail: true,
	});

	// Every item succeeded: no error items, each image's lines once, in input order, paired.
	expect(result.status).toBe('success');
	expect(result.items.filter((item) => 'error' in item.json)).toEqual([]);
	expect(result.items.map((item) => [item.json.text, item.pairedItem])).toEqual(
		images.flatMap((_, index) => linesOf(index).map((text) => [text, { item: index }])),
	);

	// The faults really happened, and were all retried through.
	const { stats } = server;
	const faults = stats.faults;
	for (const kind of ['429', '503', 'reset', 'slow', 'malformed']) {
		expect(faults[kind] ?? 0).toBeGreaterThan(0);
	}
	const faulted = Object.values(faults).reduce((sum, count) => sum + count, 0);
	const api = server.requests.filter((entry) => entry.area === 'api');

	// Each image got exactly one good answer, and every other request was a refusal the node
	// retried: an injected fault, or a rate-limit 429 (counted here, judged by the bench's 1g).
	const answered = api.filter((entry) => entry.status === 200 && !entry.fault);
	expect(answered.map((entry) => entry.imageSha256).sort()).toEqual(
		images.map((bytes) => sha256Hex(bytes)).sort(),
	);
	expect({
		requests: stats.apiRequests,
		unfaultedFailures: api.filter((entry) => !entry.fault && entry.status !== 200).length,
	}).toEqual({
		requests: IMAGES + faulted + stats.rateLimited,
		unfaultedFailures: 0,
	});
	expect(result.serialized).not.toContain(server.appKey);
});
