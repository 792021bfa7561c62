import { sleep } from 'n8n-workflow';

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
 */
export async function withRetry<T>(
	policy: RetryPolicy,
	attempt: (attemptNumber: number) => Promise<Attempt<T>>,
	isCancelled: () => boolean = () => false,
): Promise<T> {
	for (let attemptNumber = 0; ; attemptNumber++) {
		const outcome = await attempt(attemptNumber);
		if (outcome.done) return outcome.value;
		if (!outcome.retryable || attemptNumber >= policy.retries || isCancelled()) throw outcome.error;
		await sleep(backoffMs(policy, attemptNumber, outcome.retryAfterMs));
		if (isCancelled()) throw outcome.error;
	}
}

export function backoffMs(
	policy: RetryPolicy,
	attemptNumber: number,
	retryAfterMs?: number,
): number {
	if (retryAfterMs !== undefined && retryAfterMs >= 0)
		return Math.min(retryAfterMs, policy.maxDelayMs);
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attemptNumber);
	// Jitter spreads retries of items that failed together, so they do not collide again.
	return Math.round(exponential * (0.5 + Math.random() * 0.5));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
