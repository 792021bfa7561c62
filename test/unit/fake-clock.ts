import type { Clock } from '../../nodes/GuGuData/transport/clock';

/** A clock whose waits take no time: each sleep moves `now` on and is recorded. */
export class FakeClock implements Clock {
	time = 1_000_000;

	readonly sleeps: number[] = [];

	now(): number {
		return this.time;
	}

	async sleep(ms: number, signal: AbortSignal): Promise<void> {
		signal.throwIfAborted();
		this.sleeps.push(ms);
		this.time += Math.max(0, ms);
		// Let other tasks run, as a real wait would.
		await Promise.resolve();
		signal.throwIfAborted();
	}
}

export const never = () => new AbortController().signal;
