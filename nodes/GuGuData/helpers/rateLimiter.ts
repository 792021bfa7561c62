import { sleep } from 'n8n-workflow';

/**
 * Lets at most `perSecond` requests start in any rolling window of one second (plus a small
 * margin for the time between starting a request here and its arrival there), so an execution
 * never bursts past GuGuData's per-IP limit however many items run at once.
 */
export class RateLimiter {
	private readonly starts: number[] = [];

	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly perSecond: number,
		private readonly windowMs = 1050,
	) {}

	/** Resolves when a request may start, and counts it as started. */
	async acquire(): Promise<void> {
		if (!(this.perSecond > 0) || !Number.isFinite(this.perSecond)) return;
		// Callers are served one at a time, in arrival order, so no two take the same free slot.
		const turn = this.queue.then(async () => await this.waitForSlot());
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	private async waitForSlot(): Promise<void> {
		const limit = Math.max(1, Math.floor(this.perSecond));
		// Below one per second, space requests out instead.
		const windowMs = this.perSecond < 1 ? this.windowMs / this.perSecond : this.windowMs;
		for (;;) {
			const now = Date.now();
			while (this.starts.length && now - this.starts[0] >= windowMs) this.starts.shift();
			if (this.starts.length < limit) {
				this.starts.push(now);
				return;
			}
			await sleep(this.starts[0] + windowMs - now);
		}
	}
}
