import type { Clock } from './clock';

export interface RetryPolicy {
	/** Retries after the first attempt. */
	retries: number;
	/** First backoff; doubles each retry. */
	baseDelayMs: number;
	/** The longest single wait, Retry-After included. */
	maxDelayMs: number;
	/**
	 * How long an item keeps retrying rate limits, from its first one: apart from `retries`, and
	 * without waits of its own (the address's shared budget slows down and holds for Retry-After).
	 */
	rateLimitWaitMs: number;
}

/** One attempt's outcome as the retry loop sees it. */
export type Attempt<T> =
	| { done: true; value: T }
	| {
			done: false;
			error: Error;
			retryable: boolean;
			retryAfterMs?: number;
			/** A rate limit: retried for `rateLimitWaitMs`, not counted against `retries`. */
			rateLimited?: boolean;
	  };

/**
 * Runs `attempt` until it succeeds, fails for good, or the retries are spent, waiting with
 * exponential backoff and jitter between tries (or as long as Retry-After asks, up to the cap).
 * Rate limits are retried apart, for as long as the policy's rate-limit wait allows. A cancelled
 * execution ends the wait at once and throws the last attempt's error.
 */
export async function withRetry<T>(
	policy: RetryPolicy,
	attempt: (attemptNumber: number) => Promise<Attempt<T>>,
	clock: Clock,
	signal: AbortSignal,
): Promise<T> {
	let retried = 0;
	let limitedSince: number | undefined;
	for (let attemptNumber = 0; ; attemptNumber++) {
		const outcome = await attempt(attemptNumber);
		if (outcome.done) return outcome.value;
		if (signal.aborted) throw outcome.error;
		if (outcome.rateLimited) {
			limitedSince ??= clock.now();
			if (clock.now() - limitedSince >= policy.rateLimitWaitMs) throw outcome.error;
			// No wait here: the next attempt waits its turn in the address's budget, which this
			// rate limit slowed down (and held for its Retry-After).
			continue;
		}
		if (!outcome.retryable || retried >= policy.retries) throw outcome.error;
		try {
			await clock.sleep(backoffMs(policy, retried++, outcome.retryAfterMs), signal);
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
