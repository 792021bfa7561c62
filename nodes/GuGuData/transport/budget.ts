import type { Clock } from './clock';
import { Pacer } from './pacer';

/** The lowest rate limits bring an address down to: one request every 10 seconds. */
export const FLOOR_PER_SECOND = 0.1;

/** A rate limit lowers the address's rate at once to this share of what it was. */
const DECREASE = 0.8;

/** A new address starts at this share of the ceiling: its first requests are slow to arrive. */
const START_SHARE = 0.5;

/**
 * How far each answer that is not a rate limit raises the rate, as shares of the ceiling: quickly
 * up to 95 % of the rate the last rate limit came at (or, before any, of the ceiling), then slowly
 * up to that rate, so the rate stays just under where GuGuData said no instead of running into it
 * again and again; past it, quickly again, since that limit is gone.
 */
const FAST_STEP = 0.1;
const SLOW_STEP = 0.0005;
const NEAR_LAST_LIMIT = 0.95;

/** The longest Retry-After that holds every request to an address (a hostile header's limit). */
export const MAX_HOLD_MS = 60_000;

/** An address nobody used for this long is forgotten, the rate it learned with it. */
const IDLE_MS = 10 * 60_000;

/**
 * One GuGuData address's request budget, shared by every execution and GuGuData node in this n8n
 * process: they all start requests through one pacer. The rate adapts to what GuGuData says: a
 * rate limit lowers it at once by a fifth (several processes behind one IP that do not know of
 * each other settle below GuGuData's limit this way), and every answer that is not one raises it
 * again, quickly to just under the rate the last rate limit came at, then slowly, up to the
 * ceiling: the highest Requests per Second among the executions using it right now. Nothing here
 * depends on how fast this machine is: it only counts answers.
 */
export class AddressBudget {
	private readonly ceilings = new Map<symbol, number>();

	/** The ceiling once nobody uses the address any more. */
	private lastCeiling = 5;

	/** Below the ceiling after a rate limit; undefined once back at it. */
	private adaptive: number | undefined;

	private lastDecrease = Number.NEGATIVE_INFINITY;

	private started = false;

	/** The rate the last rate limit came at. */
	private lastLimitRate: number | undefined;

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
		if (!this.started) this.adaptive = Math.max(FLOOR_PER_SECOND, ceiling * START_SHARE);
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

	/** The rate requests start at now. */
	rate(): number {
		const ceiling = this.ceiling();
		return Math.max(FLOOR_PER_SECOND, Math.min(ceiling, this.adaptive ?? ceiling));
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
		this.lastLimitRate = this.rate();
		this.adaptive = Math.max(FLOOR_PER_SECOND, this.lastLimitRate * DECREASE);
		this.lastDecrease = now;
	}

	/** GuGuData answered without a rate limit: the rate climbs back towards the ceiling. */
	accepted(): void {
		if (this.adaptive === undefined) return;
		const ceiling = this.ceiling();
		// Before any rate limit the ceiling stands for the last one: GuGuData's limit is near it.
		const limit = this.lastLimitRate ?? ceiling;
		const near = limit * NEAR_LAST_LIMIT;
		if (this.adaptive >= limit) {
			// Past the last limit without meeting it again: it has gone (another sender stopped).
			this.lastLimitRate = undefined;
			this.adaptive += ceiling * FAST_STEP;
		} else if (this.adaptive >= near) {
			this.adaptive += ceiling * SLOW_STEP;
		} else {
			this.adaptive = Math.min(near, this.adaptive + ceiling * FAST_STEP);
		}
		if (this.adaptive >= ceiling) this.adaptive = undefined;
	}

	/** Whether nobody has used it for a while and nobody is using it now. */
	isIdle(now: number): boolean {
		return this.ceilings.size === 0 && now - this.lastUse > IDLE_MS;
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
