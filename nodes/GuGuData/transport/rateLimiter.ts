import type { Clock } from './clock';
import { systemClock } from './clock';

interface Slot {
	/** When the request was let through (later for the first window, see below). */
	start: number;
	/** When its answer (or failure) came back. */
	end?: number;
}

/**
 * Lets at most `perSecond` requests start in any rolling window of one second (plus a small
 * margin for the time between starting a request here and its arrival there), so an execution
 * never bursts past GuGuData's per-IP limit however many items run at once.
 *
 * The first requests of an execution reach GuGuData later after their start than the ones after
 * them (n8n's request helper does one-time work, connections are new): up to 200 ms, where the
 * margin covers 50. So the first window's requests count as starting `firstWindowDelayMs` later,
 * which delays only an execution's sixth request onwards, by that much once.
 *
 * Any request can be held up on its way out, too (a busy host, a garbage collection): 100 ms and
 * more were seen on a busy host. A request whose answer came back within
 * `fastAnswerMs` therefore counts from its answer, which proves it had arrived by then. A slower
 * answer is GuGuData at work rather than the request on its way, so it counts from its start:
 * this keeps full speed at GuGuData's usual answer times.
 */
export class RateLimiter {
	private slots: Slot[] = [];

	private granted = 0;

	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly perSecond: number,
		private readonly clock: Clock = systemClock,
		private readonly windowMs = 1050,
		private readonly firstWindowDelayMs = 250,
		private readonly fastAnswerMs = 250,
	) {}

	/**
	 * Resolves when a request may start, and counts it as started. Call the function it returns
	 * once the request's answer (or failure) is in. Rejects as soon as `signal` aborts.
	 */
	async acquire(signal: AbortSignal): Promise<() => void> {
		if (!(this.perSecond > 0) || !Number.isFinite(this.perSecond)) return () => undefined;
		// Callers are served one at a time, in arrival order, so no two take the same free slot.
		const turn = this.queue.then(async () => await this.waitForSlot(signal));
		this.queue = turn.catch(() => undefined);
		const slot = await turn;
		return () => {
			slot.end ??= this.clock.now();
		};
	}

	/** When a request counts as having reached GuGuData. */
	private counted({ start, end }: Slot): number {
		return end !== undefined && end - start <= this.fastAnswerMs ? Math.max(start, end) : start;
	}

	private async waitForSlot(signal: AbortSignal): Promise<Slot> {
		const limit = Math.max(1, Math.floor(this.perSecond));
		// Below one per second, space requests out instead.
		const windowMs = this.perSecond < 1 ? this.windowMs / this.perSecond : this.windowMs;
		for (;;) {
			signal.throwIfAborted();
			const now = this.clock.now();
			// A slot leaves the window for good: by then it is too old to count from a fast answer.
			this.slots = this.slots.filter((slot) => now - this.counted(slot) < windowMs);
			if (this.slots.length < limit) {
				const firstWindow = this.granted++ < limit;
				const slot = { start: firstWindow ? now + this.firstWindowDelayMs : now };
				this.slots.push(slot);
				return slot;
			}
			// An answer coming in meanwhile can only push a slot later: the loop checks again.
			const oldest = Math.min(...this.slots.map((slot) => this.counted(slot)));
			await this.clock.sleep(oldest + windowMs - now, signal);
		}
	}
}
