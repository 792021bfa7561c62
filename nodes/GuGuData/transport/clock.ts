import * as n8nWorkflow from 'n8n-workflow';

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

type AbortableSleep = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * n8n-workflow's abortable wait, under either major version: 1.x has `sleepWithAbort` (its `sleep`
 * ignores a signal), 2.x dropped it and its `sleep(ms, signal)` aborts instead. The node runs on
 * the n8n-workflow of the n8n that loads it, so it looks the function up at run time.
 */
const abortableSleep: AbortableSleep =
	(n8nWorkflow as { sleepWithAbort?: AbortableSleep }).sleepWithAbort ?? n8nWorkflow.sleep;

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) =>
		await abortableSleep(Math.min(Math.max(0, ms), MAX_TIMER_MS), signal),
};
