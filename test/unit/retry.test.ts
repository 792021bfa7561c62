/** The retry loop, driven by a fake clock: no test here waits for real time. */
import { backoffMs, withRetry } from '../../nodes/GuGuData/transport/retry';
import type { Attempt, RetryPolicy } from '../../nodes/GuGuData/transport/retry';
import { FakeClock, never } from './fake-clock';

const policy: RetryPolicy = {
	retries: 3,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	rateLimitWaitMs: 60_000,
};

/** Attempts that fail as given, in turn, then succeed. */
function script(...failures: Array<Omit<Extract<Attempt<string>, { done: false }>, 'done'>>) {
	const calls: number[] = [];
	const attempt = async (attemptNumber: number): Promise<Attempt<string>> => {
		calls.push(attemptNumber);
		const failure = failures[attemptNumber];
		return failure ? { done: false, ...failure } : { done: true, value: 'ok' };
	};
	return { attempt, calls };
}

const retryable = (retryAfterMs?: number) => ({
	error: new Error('busy'),
	retryable: true,
	retryAfterMs,
});

describe('withRetry', () => {
	it('retries retryable failures with doubling, jittered backoff, then succeeds', async () => {
		const clock = new FakeClock();
		const { attempt, calls } = script(retryable(), retryable(), retryable());
		await expect(withRetry(policy, attempt, clock, never())).resolves.toBe('ok');
		expect(calls).toEqual([0, 1, 2, 3]);
		const [first, second, third] = clock.sleeps;
		expect(first).toBeGreaterThanOrEqual(500);
		expect(first).toBeLessThanOrEqual(1000);
		expect(second).toBeGreaterThanOrEqual(1000);
		expect(second).toBeLessThanOrEqual(2000);
		expect(third).toBeGreaterThanOrEqual(2000);
		expect(third).toBeLessThanOrEqual(4000);
	});

	it('gives up after the retries with the last error', async () => {
		const clock = new FakeClock();
		const last = new Error('still busy');
		const { attempt, calls } = script(retryable(), retryable(), retryable(), {
			error: last,
			retryable: true,
		});
		await expect(withRetry(policy, attempt, clock, never())).rejects.toBe(last);
		expect(calls).toHaveLength(4);
		expect(clock.sleeps).toHaveLength(3);
	});

	it('never retries what is not retryable', async () => {
		const clock = new FakeClock();
		const refused = new Error('bad key');
		const { attempt, calls } = script({ error: refused, retryable: false });
		await expect(withRetry(policy, attempt, clock, never())).rejects.toBe(refused);
		expect(calls).toEqual([0]);
		expect(clock.sleeps).toEqual([]);
	});

	it('waits as long as Retry-After asks, up to Max Retry Wait', async () => {
		const clock = new FakeClock();
		const { attempt } = script(retryable(0), retryable(7000), retryable(3_600_000));
		await withRetry(policy, attempt, clock, never());
		expect(clock.sleeps).toEqual([0, 7000, 30_000]);
	});

	it('with Retries 0 makes one attempt', async () => {
		const clock = new FakeClock();
		const { attempt, calls } = script(retryable());
		await expect(withRetry({ ...policy, retries: 0 }, attempt, clock, never())).rejects.toThrow(
			'busy',
		);
		expect(calls).toEqual([0]);
	});

	it('ends a wait at once when the execution is cancelled, and tries no more', async () => {
		const controller = new AbortController();
		const clock = new FakeClock();
		clock.sleep = async (_ms, signal) => {
			controller.abort();
			signal.throwIfAborted();
		};
		const { attempt, calls } = script(retryable(), retryable());
		await expect(withRetry(policy, attempt, clock, controller.signal)).rejects.toThrow('busy');
		expect(calls).toEqual([0]);
	});

	it('does not start another attempt once cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		const clock = new FakeClock();
		const { attempt, calls } = script(retryable());
		await expect(withRetry(policy, attempt, clock, controller.signal)).rejects.toThrow('busy');
		expect(calls).toEqual([0]);
		expect(clock.sleeps).toEqual([]);
	});
});

describe('withRetry and rate limits', () => {
	const limited = () => ({ error: new Error('rate limited'), retryable: true, rateLimited: true });

	it('retries rate limits beyond Retries, without waits of its own', async () => {
		const clock = new FakeClock();
		// Each attempt takes 1 s (the budget's wait, in real life).
		const { attempt, calls } = script(...Array.from({ length: 12 }, limited));
		const timed = async (attemptNumber: number) => {
			clock.time += 1000;
			return await attempt(attemptNumber);
		};
		await expect(withRetry({ ...policy, retries: 1 }, timed, clock, never())).resolves.toBe('ok');
		expect(calls).toHaveLength(13);
		expect(clock.sleeps).toEqual([]);
	});

	it('gives up once the rate-limit wait is spent, counted from the first rate limit', async () => {
		const clock = new FakeClock();
		const { attempt, calls } = script(...Array.from({ length: 100 }, limited));
		const timed = async (attemptNumber: number) => {
			clock.time += 10_000;
			return await attempt(attemptNumber);
		};
		await expect(withRetry(policy, timed, clock, never())).rejects.toThrow('rate limited');
		// First rate limit at 10 s; the one at 70 s is 60 s later: no more tries.
		expect(calls).toHaveLength(7);
	});

	it('a rate-limit wait of 0 fails at the first rate limit', async () => {
		const { attempt, calls } = script(limited());
		const zero = { ...policy, rateLimitWaitMs: 0 };
		await expect(withRetry(zero, attempt, new FakeClock(), never())).rejects.toThrow();
		expect(calls).toEqual([0]);
	});

	it('server errors still count against Retries between rate limits', async () => {
		const clock = new FakeClock();
		const { attempt, calls } = script(limited(), retryable(), limited(), retryable(), limited());
		await expect(withRetry({ ...policy, retries: 1 }, attempt, clock, never())).rejects.toThrow(
			'busy',
		);
		expect(calls).toEqual([0, 1, 2, 3]);
		expect(clock.sleeps).toHaveLength(1);
	});
});

describe('backoffMs', () => {
	it('is capped by the policy even for many retries', () => {
		expect(backoffMs(policy, 40, undefined, () => 1)).toBe(30_000);
		expect(backoffMs(policy, 0, undefined, () => 0)).toBe(500);
	});
});
