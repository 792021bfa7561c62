import type { Clock } from './clock';

export interface RetryPolicy {
	/** Retries after the first attempt. */
	retries: number;
	/** First backoff; doubles each retry. */
	baseDelayMs: number;
	/** The longest single wait, Retry-After included. */
	maxDelayMs: number;
}

/** One attempt's outcome as the retry loop sees it. */
export type Attempt<T> =
	| { done: true; value: T }
	| { done: false; error: Error; retryable: boolean; retryAfterMs?: number };

/**
 * Runs `attempt` until it succeeds, fails for good, or the retries are spent, waiting with
 * exponential backoff and jitter between tries (or as long as Retry-After asks, up to the cap).
 * A cancelled execution ends the wait at once and throws the last attempt's error.
 */
export async function withRetry<T>(
	policy: RetryPolicy,
	attempt: (attemptNumber: number) => Promise<Attempt<T>>,
	clock: Clock,
	signal: AbortSignal,
): Promise<T> {
	for (let attemptNumber = 0; ; attemptNumber++) {
		const outcome = await attempt(attemptNumber);
		if (outcome.done) return outcome.value;
		if (!outcome.retryable || attemptNumber >= policy.retries || signal.aborted) throw outcome.error;
		try {
			await clock.sleep(backoffMs(policy, attemptNumber, outcome.retryAfterMs), signal);
		} catch {
			throw outcome.error;
		}
		if (signal.aborted) throw outcome.error;
	}
}

export function backoffMs(
	policy: RetryPolicy,
	attemptNumber: number,
	retryAfterMs?: number,
	random = Math.random,
): number {
	if (retryAfterMs !== undefined && retryAfterMs >= 0) {
		return Math.min(retryAfterMs, policy.maxDelayMs);
	}
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attemptNumber);
	// Jitter spreads retries of items that failed together, so they do not collide again.
	return Math.round(exponential * (0.5 + random() * 0.5));
}
