/**
 * The pacer and the shared address budget, driven by a fake clock: starts per window, whole
 * requests per second that drop on a rate limit and climb back, Retry-After holds, leases and idle
 * budgets.
 */
import {
	AddressBudget,
	addressBudget,
	budgetCount,
	FLOOR_PER_SECOND,
	MAX_HOLD_MS,
} from '../../nodes/GuGuData/transport/budget';
import { ExecutionBudget } from '../../nodes/GuGuData/transport/executionBudget';
import { Pacer } from '../../nodes/GuGuData/transport/pacer';
import { FakeClock, never } from './fake-clock';

/** Start times of `count` requests let through one after another. */
async function starts(next: () => Promise<unknown>, clock: FakeClock, count: number) {
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		await next();
		times.push(clock.now());
	}
	return times.map((time) => time - times[0]);
}

/** The most starts in any window of `windowMs` that begins at a start. */
function mostInWindow(times: number[], windowMs: number): number {
	return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
}

describe('Pacer', () => {
	it('spaces starts evenly, 1 / rate apart: never more than 5 in a second at 5 per second', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(() => 5, clock);
		const times = await starts(() => pacer.next(never()), clock, 12);
		expect(times).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000, 2200]);
		expect(mostInWindow(times, 1000)).toBe(5);
	});

	it('spaces starts 1 / rate apart below one per second', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(() => 0.5, clock);
		expect(await starts(() => pacer.next(never()), clock, 3)).toEqual([0, 2000, 4000]);
	});

	it('keeps fractional rates: 2.5 per second is one start every 400 ms', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(() => 2.5, clock);
		expect(await starts(() => pacer.next(never()), clock, 4)).toEqual([0, 400, 800, 1200]);
	});

	it('reads the rate at every wait, so a lower rate applies at once', async () => {
		const clock = new FakeClock();
		let rate = 5;
		const pacer = new Pacer(() => rate, clock);
		await starts(() => pacer.next(never()), clock, 2);
		rate = 1;
		const before = clock.now();
		await pacer.next(never());
		expect(clock.now() - before).toBe(1000);
	});

	it('holds every start until a Retry-After has passed', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(() => 5, clock);
		pacer.holdUntil(clock.now() + 7000);
		const before = clock.now();
		await pacer.next(never());
		expect(clock.now() - before).toBe(7000);
	});

	it('a cancelled caller leaves the queue without holding up the next one', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(() => 1, clock);
		await pacer.next(never());
		const controller = new AbortController();
		controller.abort();
		await expect(pacer.next(controller.signal)).rejects.toThrow();
		await expect(pacer.next(never())).resolves.toBeUndefined();
	});
});

describe('AddressBudget', () => {
	/** A budget past its start, at the ceiling: as after answers enough to climb there. */
	function running(ceiling = 5) {
		const clock = new FakeClock();
		const budget = new AddressBudget(clock);
		const leave = budget.join(ceiling);
		answersTo(budget, Math.ceil(ceiling));
		return { clock, budget, leave };
	}

	/** How many answers it takes to reach `perSecond` requests per second. */
	function answersTo(budget: AddressBudget, perSecond: number): number {
		let answers = 0;
		while (budget.perSecond() < perSecond) {
			budget.accepted();
			answers++;
		}
		return answers;
	}

	/** A new address's requests per second at its start and after each of `answers` answers. */
	function climb(ceiling: number, answers: number): number[] {
		const budget = new AddressBudget(new FakeClock());
		budget.join(ceiling);
		const perSecond = [budget.perSecond()];
		for (let i = 0; i < answers; i++) {
			budget.accepted();
			perSecond.push(budget.perSecond());
		}
		return perSecond;
	}

	it('starts a new address at half the ceiling, rounded up, and adds one request per 2 answers', () => {
		expect(climb(5, 5)).toEqual([3, 3, 4, 4, 5, 5]);
	});

	it('climbs in shares of the ceiling: at 100 per second, 10 more per answer', () => {
		expect(climb(100, 5)).toEqual([50, 60, 70, 80, 90, 100]);
	});

	it('starts n requests per second 1 / (0.97 n) s apart: never n + 1 in any second', async () => {
		const { clock, budget } = running();
		expect(budget.rate()).toBeCloseTo(4.85);
		const atFive = await starts(() => budget.acquire(never()), clock, 16);
		expect(atFive[1]).toBeCloseTo(1000 / 4.85);
		expect(mostInWindow(atFive, 1000)).toBe(5);
		budget.rateLimited(clock.now());
		budget.rateLimited(clock.now() + 1);
		expect(budget.perSecond()).toBe(3);
		const atThree = await starts(() => budget.acquire(never()), clock, 10);
		expect(mostInWindow(atThree, 1000)).toBe(3);
	});

	it('takes a fifth away on a rate limit, in whole requests, once for all already under way', () => {
		const { clock, budget } = running();
		const startedAt = clock.now();
		clock.time += 100;
		budget.rateLimited(startedAt);
		expect(budget.perSecond()).toBe(4);
		// Another answer of the same burst: no second decrease.
		budget.rateLimited(startedAt);
		expect(budget.perSecond()).toBe(4);
		// Requests started after each decrease that are still refused lower it again.
		const perSecond: number[] = [];
		for (let i = 0; i < 6; i++) {
			clock.time += 1;
			budget.rateLimited(clock.now());
			perSecond.push(Number(budget.perSecond().toFixed(3)));
		}
		expect(perSecond).toEqual([3, 2, 1, 0.8, 0.64, 0.512]);
	});

	it('after a rate limit, adds requests slowly, sooner the fewer it has: senders even out', () => {
		const { clock, budget } = running();
		budget.rateLimited(clock.now());
		// At 4 of 5: answers worth 4 s (at 3.88 per second) for the 5th.
		expect(answersTo(budget, 5)).toBe(16);
		// Limited at 5, 4 and 3: down to 2.4 (2 whole), the 3rd after answers worth 2 s (3.88)
		// for each whole request: 3 for the 0.6 left.
		for (let i = 0; i < 3; i++) {
			clock.time += 1;
			budget.rateLimited(clock.now());
		}
		expect(budget.perSecond()).toBe(2);
		expect(answersTo(budget, 3)).toBe(3);
	});

	it('once back where the last rate limit came, adds quickly again: that limit has gone', () => {
		const { clock, budget } = running();
		budget.rateLimited(clock.now());
		clock.time += 1;
		budget.rateLimited(clock.now());
		// Limited at 4: down to 3.2, slowly (answers worth 3 s, 8.73, per whole request: 7 for the
		// 0.8 left) to 4, then 2 answers for the 5th.
		expect(answersTo(budget, 4)).toBe(7);
		expect(answersTo(budget, 5)).toBe(2);
		expect(budget.rate()).toBeCloseTo(4.85);
	});

	it('never falls below one request every 10 s', () => {
		const { clock, budget } = running();
		for (let i = 0; i < 50; i++) {
			clock.time += 1;
			budget.rateLimited(clock.now());
		}
		expect(budget.rate()).toBe(FLOOR_PER_SECOND);
	});

	it('runs below the highest ceiling among the executions using it', () => {
		const { budget, leave } = running(2);
		expect(budget.rate()).toBeCloseTo(1.94);
		const leaveFast = budget.join(8);
		answersTo(budget, 8);
		expect(budget.rate()).toBeCloseTo(7.76);
		leaveFast();
		expect(budget.rate()).toBeCloseTo(1.94);
		leave();
	});

	it('keeps to a ceiling between whole numbers: 2.5 per second is one start every 400 ms', async () => {
		const { clock, budget } = running(2.5);
		expect(budget.perSecond()).toBe(3);
		expect(await starts(() => budget.acquire(never()), clock, 4)).toEqual([0, 400, 800, 1200]);
	});

	it('holds for a Retry-After, capped at 60 s however long the header asks', async () => {
		const { clock, budget } = running();
		budget.rateLimited(clock.now(), 3_000_000_000);
		const before = clock.now();
		await budget.acquire(never());
		expect(clock.now() - before).toBe(MAX_HOLD_MS);
	});
});

describe('addressBudget and ExecutionBudget', () => {
	it('one budget per address for every execution; idle ones are dropped', async () => {
		const clock = new FakeClock();
		const first = new ExecutionBudget(5, clock);
		const second = new ExecutionBudget(5, clock);
		const target = {
			platform: 'international' as const,
			baseUrl: 'https://budget.test/v1',
			appKey: 'k1',
		};
		const a = await first.acquire(target, never());
		const b = await second.acquire({ ...target, appKey: 'another key' }, never());
		expect(a.budget).toBe(b.budget);
		const count = budgetCount();
		first.end();
		second.end();
		clock.time += 11 * 60_000;
		addressBudget('international https://other.test', clock);
		expect(budgetCount()).toBe(count);
	});

	it('keeps its own Requests per Second within the shared budget', async () => {
		const clock = new FakeClock();
		const target = { platform: 'china' as const, baseUrl: 'https://budget-own.test', appKey: '' };
		// Another execution at 5 per second, whose answers brought the shared rate up.
		const fast = new ExecutionBudget(5, clock);
		const { budget } = await fast.acquire(target, never());
		for (let i = 0; i < 10; i++) budget.accepted();
		clock.time += 1000;
		const slow = new ExecutionBudget(1, clock);
		const times = await starts(() => slow.acquire(target, never()), clock, 3);
		expect(times).toEqual([0, 1000, 2000]);
		slow.end();
		fast.end();
	});
});
