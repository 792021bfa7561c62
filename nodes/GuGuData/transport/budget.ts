import type { Clock } from './clock';
import { Pacer } from './pacer';

/** The lowest rate limits bring an address down to: one request every 10 seconds. */
export const FLOOR_PER_SECOND = 0.1;

/** A rate limit lowers the requests per second at once to this share, rounded down to whole ones. */
const DECREASE = 0.8;

/** A new address starts at this share of the ceiling (rounded up): its first requests are slow. */
const START_SHARE = 0.5;

/**
 * Requests start 1 / (SPACING x n) s apart for n requests per second: the 3 % spare keeps the
 * next second's first request out of this one when a request's trip takes a little longer.
 */
const SPACING = 0.97;

/** Climbing quickly, each answer adds this share of the ceiling: at 5, one request per 2 answers. */
const FAST_STEP = 0.1;

/**
 * After a rate limit, the budget adds this share of the ceiling (one request per second at 5) per
 * PROBE_SECONDS times the share it already has, in answers at its rate: 4 s at 4 of 5, 1 s at 1.
 * A sender with little of the second tries for more sooner than one with much, so senders behind
 * one IP drift towards even shares.
 */
const PROBE_STEP = 0.2;
const PROBE_SECONDS = 5;

/** The longest Retry-After that holds every request to an address (a hostile header's limit). */
export const MAX_HOLD_MS = 60_000;

/** An address nobody used for this long is forgotten, the rate it learned with it. */
const IDLE_MS = 10 * 60_000;

/**
 * One GuGuData address's request budget, shared by every execution and GuGuData node in this n8n
 * process: they all start requests through one pacer.
 *
 * It counts in whole requests per second: GuGuData counts the requests that reach it in a second,
 * and 2.4 requests per second put three into some seconds just as 2.9 do. So the budget lets a
 * whole number of requests start in any second, evenly spaced, and two senders behind one IP whose
 * numbers add up to GuGuData's 5 (3 and 2) never meet its limit. A rate limit takes a fifth away
 * at once (5, 4, 3, 2, 1, then fractions down to the floor); every answer that is not one adds
 * some back: quickly for a new address, and after a rate limit slowly up to the number where it
 * came, then quickly again, since that limit has gone (another sender stopped). The ceiling is
 * the highest Requests per Second among the executions using the address right now. Nothing here
 * depends on how fast this machine is: it only counts answers.
 */
export class AddressBudget {
	private readonly ceilings = new Map<symbol, number>();

	/** The ceiling once nobody uses the address any more. */
	private lastCeiling = 5;

	/** Requests per second below the ceiling (a fraction while climbing); undefined at it. */
	private level: number | undefined;

	private lastDecrease = Number.NEGATIVE_INFINITY;

	private started = false;

	/** The requests per second the last rate limit came at, until the budget is past them. */
	private limitedAt: number | undefined;

	private lastUse: number;

	private readonly pacer: Pacer;

	constructor(private readonly clock: Clock) {
		this.pacer = new Pacer(() => this.rate(), clock);
		this.lastUse = clock.now();
	}

	/** Registers an execution's Requests per Second; call the function returned when it ends. */
	join(ceiling: number): () => void {
		const lease = Symbol('lease');
		// A new address starts at half speed and climbs with each answer: its first requests open
		// connections and arrive later after their start than the ones after them, which would
		// bunch up behind them at full speed.
		if (!this.started) this.level = Math.max(FLOOR_PER_SECOND, Math.ceil(ceiling * START_SHARE));
		this.started = true;
		this.ceilings.set(lease, ceiling);
		return () => {
			this.ceilings.delete(lease);
			this.lastUse = this.clock.now();
		};
	}

	/** The highest ceiling of the executions using the address (the last one's, when none is). */
	ceiling(): number {
		const ceilings = [...this.ceilings.values()];
		if (ceilings.length) this.lastCeiling = Math.max(...ceilings);
		return this.lastCeiling;
	}

	/** The most requests the budget lets start in any one second: whole, or a fraction below 1. */
	perSecond(): number {
		const level = this.level ?? this.top();
		return level >= 1 ? Math.floor(level + 1e-9) : level;
	}

	/** The rate requests start at now. */
	rate(): number {
		return Math.max(FLOOR_PER_SECOND, Math.min(this.ceiling(), this.perSecond() * SPACING));
	}

	/** Resolves with the start time once a request may start; rejects as soon as `signal` aborts. */
	async acquire(signal: AbortSignal): Promise<number> {
		await this.pacer.next(signal);
		this.lastUse = this.clock.now();
		return this.lastUse;
	}

	/**
	 * A request started at `startedAt` met a rate limit. One decrease answers for every request
	 * that was already under way then: they were sent at the old rate, and are the same congestion.
	 */
	rateLimited(startedAt: number, retryAfterMs?: number): void {
		const now = this.clock.now();
		if (retryAfterMs !== undefined && retryAfterMs > 0) {
			this.pacer.holdUntil(now + Math.min(retryAfterMs, MAX_HOLD_MS));
		}
		if (startedAt < this.lastDecrease) return;
		this.limitedAt = this.perSecond();
		this.level = Math.max(FLOOR_PER_SECOND, this.limitedAt * DECREASE);
		this.lastDecrease = now;
	}

	/** GuGuData answered without a rate limit: the budget climbs back towards the ceiling. */
	accepted(): void {
		if (this.level === undefined) return;
		const top = this.top();
		const perSecond = this.perSecond();
		const fast = FAST_STEP * top;
		const probing = this.limitedAt !== undefined && perSecond < this.limitedAt;
		const answersPerProbe = ((PROBE_SECONDS * perSecond) / top) * this.rate();
		this.level += probing ? Math.min(fast, (PROBE_STEP * top) / answersPerProbe) : fast;
		if (this.limitedAt !== undefined && this.perSecond() > this.limitedAt)
			this.limitedAt = undefined;
		if (this.level >= top) this.level = undefined;
	}

	/** Whether nobody has used it for a while and nobody is using it now. */
	isIdle(now: number): boolean {
		return this.ceilings.size === 0 && now - this.lastUse > IDLE_MS;
	}

	/** The ceiling in whole requests per second. */
	private top(): number {
		return Math.ceil(this.ceiling() - 1e-9);
	}
}

/**
 * The process's budgets, by GuGuData address (platform and base URL: never by AppKey, which the
 * map must not hold). A module-level map: n8n's rules for community nodes forbid globalThis, so
 * two copies of this package loaded in one process would keep two maps; the adaptive rate copes
 * with that as it does with two processes.
 */
const budgets = new Map<string, AddressBudget>();

/** The budget of one GuGuData address, made on first use; idle ones are dropped on the way. */
export function addressBudget(address: string, clock: Clock): AddressBudget {
	const now = clock.now();
	for (const [key, budget] of budgets) if (budget.isIdle(now)) budgets.delete(key);
	let budget = budgets.get(address);
	if (!budget) budgets.set(address, (budget = new AddressBudget(clock)));
	return budget;
}

/** How many addresses have a budget (for tests: idle ones are dropped). */
export function budgetCount(): number {
	return budgets.size;
}
