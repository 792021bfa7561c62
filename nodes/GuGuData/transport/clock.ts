import { sleepWithAbort } from 'n8n-workflow';

/**
 * Time as the transport sees it. Waits and timestamps go through one object so tests can drive
 * the retry loop and the rate limiter with a clock of their own instead of real time.
 */
export interface Clock {
	now(): number;
	/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
	sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Node's timers take at most 2^31 - 1 ms; a longer wait would fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) =>
		await sleepWithAbort(Math.min(Math.max(0, ms), MAX_TIMER_MS), signal),
};
