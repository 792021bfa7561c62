import { sleep } from 'n8n-workflow';

/**
 * Lets at most `perSecond` requests start in any rolling window of one second (plus a small
 * margin for the time between starting a request here and its arrival there), so an execution
 * never bursts past GuGuData's per-IP limit however many items run at once.
 *
 * The first requests of an execution reach GuGuData later after their start than the ones after
 * them (n8n's request helper does one-time work, connections are new): up to 200 ms, where the
 * margin covers 50. So the first window's requests count as starting `firstWindowDelayMs` later,
 * which delays only an execution's sixth request onwards, by that much once.
 */
export class RateLimiter {
	private starts: number[] = [];

	private granted = 0;

	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly perSecond: number,
		private readonly windowMs = 1050,
		private readonly firstWindowDelayMs = 250,
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
			this.starts = this.starts.filter((start) => now - start < windowMs);
			if (this.starts.length < limit) {
				const firstWindow = this.granted++ < limit;
				this.starts.push(firstWindow ? now + this.firstWindowDelayMs : now);
				return;
			}
			await sleep(Math.min(...this.starts) + windowMs - now);
		}
	}
}
