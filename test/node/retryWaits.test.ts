/**
 * How long the node waits between attempts, in real runs: Retry-After (seconds or an HTTP date,
 * capped by Max Retry Wait), the doubling backoff without it, and Requests per Second, which
 * retries count against. Lower bounds only: a busy machine delays a retry, never hastens it; the
 * upper ends are checked with a fake clock in test/unit/retry.test.ts and budget.test.ts.
 */
import type { ForcedOutcome } from '../server';
import { gaps, success, useRetryServers } from './retries.helpers';
import { PLATFORMS } from './servers';

const { imageAnswering, attemptsFor, run } = useRetryServers();

describe('Retry-After', () => {
	test.each(PLATFORMS)('%s: seconds are honoured', async (platform) => {
		// A rate limit: the address holds for Retry-After. Ignored, the retry would follow within
		// tens of milliseconds (the node's own pacing at 100 per second), far below the bound.
		const image = imageAnswering(platform, [
			{ status: 429, headers: { 'Retry-After': '1' } },
			success,
		]);
		const { result } = await run(platform, image);
		expect(result.status).toBe('success');
		const [gap] = gaps(attemptsFor(platform, image));
		expect(gap).toBeGreaterThanOrEqual(990);
	});

	test('an HTTP date is honoured', async () => {
		// HTTP dates have whole seconds: the retry must not come before that second starts.
		const retryAt = Math.floor((Date.now() + 3000) / 1000) * 1000;
		const image = imageAnswering('international', [
			{ status: 503, headers: { 'Retry-After': new Date(retryAt).toUTCString() } },
			success,
		]);
		const { result } = await run('international', image);
		expect(result.status).toBe('success');
		const [first, second] = attemptsFor('international', image);
		expect(second.time).toBeGreaterThanOrEqual(retryAt - 10);
		expect(second.time - first.time).toBeGreaterThan(1500);
	});

	test('China: a 102 with Retry-After in the past retries at once', async () => {
		const past = new Date(Date.now() - 60_000).toUTCString();
		const image = imageAnswering('china', [
			{ code: 102, headers: { 'Retry-After': past } },
			success,
		]);
		const { result } = await run('china', image);
		expect(result.status).toBe('success');
		// How long "at once" is, is the unit layer's to say (a past date parses as 0 ms).
		expect(attemptsFor('china', image)).toHaveLength(2);
	});

	test.each([
		// An hour: uncapped, the test would outlive jest's timeout.
		['seconds', () => '3600'],
		['an HTTP date', () => new Date(Date.now() + 3_600_000).toUTCString()],
	])('%s beyond Max Retry Wait is capped by it', async (_label, value) => {
		const image = imageAnswering('international', [
			{ status: 429, headers: { 'Retry-After': value() } },
			success,
		]);
		// Capped at 0.3 s, and still waited for: without the hold the retry would follow within
		// tens of milliseconds (pacing at 100 per second).
		const { result } = await run('international', image, { maxRetryWait: 0.3 });
		expect(result.status).toBe('success');
		const [gap] = gaps(attemptsFor('international', image));
		expect(gap).toBeGreaterThanOrEqual(290);
	});
});

test('without Retry-After, waits start at 1 s and double, with jitter (50 to 100 %)', async () => {
	const image = imageAnswering('international', [{ status: 503 }, { status: 502 }, success]);
	const { result } = await run('international', image);
	expect(result.status).toBe('success');
	// Lower bounds only: a busy machine delays a retry, never hastens it. The upper ends of the
	// jitter are checked with a fake clock in test/unit/retry.test.ts.
	const [first, second] = gaps(attemptsFor('international', image));
	expect(first).toBeGreaterThanOrEqual(495);
	expect(second).toBeGreaterThanOrEqual(995);
});

test('retries count against Requests per Second', async () => {
	const image = imageAnswering('china', [
		...Array.from({ length: 5 }, (): ForcedOutcome => ({ code: 110 })),
		success,
	]);
	const { result, elapsed } = await run('china', image, {
		requestsPerSecond: 4,
		retries: 5,
		maxRetryWait: 0,
	});
	expect(result.status).toBe('success');
	const attempts = attemptsFor('china', image);
	expect(attempts).toHaveLength(6);
	// Paced at 4 per second, six attempts span at least 1.25 s; unpaced (Max Retry Wait 0) they
	// would come back to back.
	const times = attempts.map((entry) => entry.time);
	expect(times[5] - times[0]).toBeGreaterThanOrEqual(1000);
	expect(elapsed).toBeGreaterThanOrEqual(1000);
});
