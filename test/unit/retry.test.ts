/** The retry loop, driven by a fake clock: no test here waits for real time. */
import { backoffMs, withRetry } from '../../nodes/GuGuData/transport/retry';
import type { Attempt, RetryPolicy } from '../../nodes/GuGuData/transport/retry';
import { FakeClock, never } from './fake-clock';

const policy: RetryPolicy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };

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
		const { attempt, calls } = script(
			retryable(),
			retryable(),
			retryable(),
			{ error: last, retryable: true },
		);
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
		await expect(
			withRetry({ ...policy, retries: 0 }, attempt, clock, never()),
		).rejects.toThrow('busy');
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

describe('backoffMs', () => {
	it('is capped by the policy even for many retries', () => {
		expect(backoffMs(policy, 40, undefined, () => 1)).toBe(30_000);
		expect(backoffMs(policy, 0, undefined, () => 0)).toBe(500);
	});
});
