import type { Clock } from './clock';

/**
 * Lets requests start at `rate()` per second, first come first served, spaced evenly: each one
 * 1 / rate s after the one before. Even spacing sends no bursts, so when one request happens to
 * arrive early at GuGuData, only that one meets the limit, not the four sent with it. The rate is
 * read at every wait, so a change (a rate limit lowering it) applies to everyone still waiting;
 * `holdUntil` stops all starts until a time (a Retry-After).
 */
export class Pacer {
	private lastStart = Number.NEGATIVE_INFINITY;

	private heldUntil = Number.NEGATIVE_INFINITY;

	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly rate: () => number,
		private readonly clock: Clock,
	) {}

	/** Resolves when the caller may start its request; rejects as soon as `signal` aborts. */
	async next(signal: AbortSignal): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForTurn(signal));
		// A caller that gave up (cancelled) does not hold up the ones behind it.
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	/** No start before `time` (a Retry-After); never moves an earlier hold later. */
	holdUntil(time: number): void {
		this.heldUntil = Math.max(this.heldUntil, time);
	}

	private async waitForTurn(signal: AbortSignal): Promise<void> {
		for (;;) {
			signal.throwIfAborted();
			const now = this.clock.now();
			const due = Math.max(this.lastStart + 1000 / this.rate(), this.heldUntil);
			if (now >= due) {
				this.lastStart = now;
				return;
			}
			// The rate may drop or a hold come in meanwhile: look again after the wait.
			await this.clock.sleep(due - now, signal);
		}
	}
}
