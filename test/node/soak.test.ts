/**
 * Fault-injection soak: 300 distinct images through ONE execution of the node while the server
 * injects 429s (with Retry-After), 503s, connection resets, answers slower than the node's timeout
 * and cut-off JSON, and enforces GuGuData's 5 requests per second per IP. Every item must succeed,
 * in order, paired with its input, without the node ever tripping the rate limit itself.
 *
 * Runtime: about 75 s (the rate limit sets it: ~345 requests at 5 per 1.05 s).
 */
import { makePng } from '../fixtures/images';
import { runWorkflow } from '../harness';
import type { FaultOptions } from '../server';
import { binaryItem, startServers } from './servers';
import type { Servers } from './servers';

const IMAGES = 300;
const PER_SECOND = 5;

/** Seeded, so the fault sequence (in arrival order) is the same every run. */
const FAULTS: Required<Omit<FaultOptions, 'seed'>> & { seed: string } = {
	rate429: 0.03,
	retryAfter: '1',
	rate503: 0.03,
	rateReset: 0.02,
	rateSlow: 0.02,
	slowMs: 2500,
	rateMalformed: 0.02,
	seed: 'soak-300',
};
const FAULT_RATE =
	FAULTS.rate429 + FAULTS.rate503 + FAULTS.rateReset + FAULTS.rateSlow + FAULTS.rateMalformed;

/**
 * Node options: defaults except a 1 s timeout (its minimum: slow answers fail fast and are retried)
 * and 8 retries. An item fails only if 9 of its attempts in a row draw a fault: 0.12^9 = 5e-9 per
 * item, so every item succeeds.
 */
const OPTIONS = { timeout: 1, retries: 8 };

/**
 * The time bound, from the rates: each image needs 1 / (1 - fault rate) requests on average (341);
 * allow 15 % more (392). The node starts at most 5 in any 1.05 s window, counted from the answer
 * when it comes back fast (a few ms here; allow 50), so they take 392 / 5 * 1.1 = 86 s; add 10 s
 * for the waits of the last items (a Retry-After of 1 s, backoff of 1 s and 2 s, a 1 s timeout)
 * that nothing else overlaps.
 */
const LIMITER_WINDOW_MS = 1050 + 50;
const MAX_REQUESTS = Math.ceil((IMAGES / (1 - FAULT_RATE)) * 1.15);
const BOUND_MS = Math.ceil(MAX_REQUESTS / PER_SECOND) * LIMITER_WINDOW_MS + 10_000;

let servers: Servers;

beforeAll(async () => {
	servers = await startServers({
		rateLimit: { perSecond: PER_SECOND },
		faults: FAULTS,
	});
});
afterAll(async () => await servers.close());

const linesOf = (index: number) => [`image ${index} line 1`, `image ${index} line 2`];

test(
	`${IMAGES} images in one execution under faults and a 5/s rate limit`,
	async () => {
		const server = servers.international;
		const images = Array.from({ length: IMAGES }, (_, index) => makePng(`soak-${index}`));
		images.forEach((bytes, index) => server.fixtures.register(bytes, { lines: linesOf(index) }));
		server.reset();

		const started = Date.now();
		const result = await runWorkflow({
			parameters: { operation: 'imageToText', options: OPTIONS },
			credentials: servers.credentials('international'),
			items: images.map((bytes, index) => binaryItem(bytes, `soak-${index}.png`)),
			continueOnFail: true,
		});
		const elapsed = Date.now() - started;

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
		const arrivals = api.map((entry) => entry.time).sort((a, b) => a - b);

		// The node caused no rate-limit 429 of its own: every 429 was an injected one; and every
		// request beyond one per image was a retry of an injected fault. On failure the diff shows
		// the tightest second the server saw (6 arrivals within 1000 ms trip its limit).
		expect({
			rateLimited: stats.rateLimited,
			emitted429: stats.emitted429,
			maxPerSecond: stats.maxPerSecond,
			requests: stats.apiRequests,
			unfaultedFailures: api.filter((entry) => !entry.fault && entry.status !== 200).length,
		}).toEqual({
			rateLimited: 0,
			emitted429: faults['429'],
			maxPerSecond: PER_SECOND,
			requests: IMAGES + faulted,
			unfaultedFailures: 0,
			...(stats.rateLimited > 0 && {
				tightestSixArrivalsMs: Math.min(
					...arrivals.slice(PER_SECOND).map((time, index) => time - arrivals[index]),
				),
			}),
		});
		expect(stats.apiRequests).toBeLessThanOrEqual(MAX_REQUESTS);

		// It kept to the limit (never faster than 5 per second) and finished within the bound.
		expect(elapsed).toBeGreaterThanOrEqual(((stats.apiRequests - PER_SECOND) / PER_SECOND) * 1000);
		expect(elapsed).toBeLessThan(BOUND_MS);
		expect(result.serialized).not.toContain(server.appKey);
	},
	// Twice the bound: a slow machine fails on the bound assertion above, with its numbers.
	2 * BOUND_MS,
);
