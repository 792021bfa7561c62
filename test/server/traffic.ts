/** The CDN in front of the API: per-IP QPS limit, and seeded fault injection. */
import { mulberry32 } from '../fixtures/prng';
import type { FaultKind, FaultOptions, RateLimitOptions } from './types';

const WINDOW_MS = 1000;

/** Timestamps (performance.now()) within the last second. */
class Window {
	private times: number[] = [];

	count(now: number): number {
		while (this.times.length && now - this.times[0] >= WINDOW_MS) this.times.shift();
		return this.times.length;
	}

	add(now: number): void {
		this.times.push(now);
	}
}

/** Counts what started in any rolling second, for stats.maxPerSecond. */
export class StartCounter {
	private window = new Window();
	max = 0;

	start(now: number): void {
		this.window.add(now);
		this.max = Math.max(this.max, this.window.count(now));
	}

	reset(): void {
		this.window = new Window();
		this.max = 0;
	}
}

/**
 * Admits at most perSecond requests per IP in any rolling 1000 ms; refused requests do not count
 * against the window, so a client that waits out Retry-After gets through.
 */
export class RateLimiter {
	private readonly windows = new Map<string, Window>();

	admit(ip: string, options: RateLimitOptions | null | undefined, now: number): boolean {
		if (!options) return true;
		let window = this.windows.get(ip);
		if (!window) this.windows.set(ip, (window = new Window()));
		if (window.count(now) >= options.perSecond) return false;
		window.add(now);
		return true;
	}

	reset(): void {
		this.windows.clear();
	}
}

/** One PRNG draw per API request, in arrival order, so a seed gives the same fault sequence. */
export class FaultInjector {
	private random: () => number = Math.random;
	private options: FaultOptions | null = null;

	configure(options: FaultOptions | null | undefined): void {
		this.options = options ?? null;
		this.random = mulberry32(options?.seed ?? 1);
	}

	draw(): FaultKind | undefined {
		const o = this.options;
		if (!o) return undefined;
		const r = this.random();
		let edge = 0;
		const table: Array<[FaultKind, number | undefined]> = [
			['429', o.rate429],
			['503', o.rate503],
			['reset', o.rateReset],
			['slow', o.rateSlow],
			['malformed', o.rateMalformed],
		];
		for (const [kind, rate] of table) {
			edge += rate ?? 0;
			if (r < edge) return kind;
		}
		return undefined;
	}

	get settings(): FaultOptions | null {
		return this.options;
	}
}
