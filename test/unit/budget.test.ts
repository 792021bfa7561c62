/**
 * The pacer and the shared address budget, driven by a fake clock: starts per window, a rate
 * that halves on a rate limit and climbs back, Retry-After holds, leases and idle budgets.
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
		while (budget.rate() < ceiling) budget.accepted();
		return { clock, budget, leave };
	}

	it('starts a new address at half the ceiling, and climbs quickly to 95 % of it, then slowly', () => {
		const clock = new FakeClock();
		const budget = new AddressBudget(clock);
		budget.join(5);
		const rates = [budget.rate()];
		for (let i = 0; i < 6; i++) {
			budget.accepted();
			rates.push(budget.rate());
		}
		expect(rates.map((rate) => Number(rate.toFixed(4)))).toEqual([
			2.5, 3, 3.5, 4, 4.5, 4.75, 4.7525,
		]);
	});

	it('lowers the rate by a fifth on a rate limit, once for all requests already under way', () => {
		const { clock, budget } = running();
		const startedAt = clock.now();
		clock.time += 100;
		budget.rateLimited(startedAt);
		expect(budget.rate()).toBe(4);
		// Another answer of the same burst: no second decrease.
		budget.rateLimited(startedAt);
		expect(budget.rate()).toBe(4);
		// A request started after the decrease that is still refused lowers it again.
		budget.rateLimited(clock.now() + 1);
		expect(budget.rate()).toBeCloseTo(3.2);
	});

	it('climbs back quickly to just under the rate of the last rate limit, then slowly', () => {
		const { clock, budget } = running();
		budget.rateLimited(clock.now());
		budget.accepted();
		expect(budget.rate()).toBeCloseTo(4.5);
		budget.accepted();
		expect(budget.rate()).toBeCloseTo(4.75);
		budget.accepted();
		expect(budget.rate()).toBeCloseTo(4.7525);
		// And reaches the ceiling, never more, after a hundred answers more.
		for (let i = 0; i < 100; i++) budget.accepted();
		expect(budget.rate()).toBe(5);
	});

	it('once past the rate of the last rate limit, climbs quickly again: that limit has gone', () => {
		const { clock, budget } = running(10);
		budget.rateLimited(clock.now());
		clock.time += 1;
		budget.rateLimited(clock.now());
		// Limited at 8: down to 6.4, quickly to 7.6, slowly (80 answers) to 8, then quickly to 10.
		const rates: number[] = [];
		for (let i = 0; i < 200; i++) {
			budget.accepted();
			rates.push(budget.rate());
		}
		expect(rates[1]).toBeCloseTo(7.6);
		expect(rates[2]).toBeCloseTo(7.605);
		expect(rates.at(-1)).toBe(10);
	});

	it('never falls below one request every 10 s', () => {
		const { clock, budget } = running();
		for (let i = 0; i < 50; i++) {
			clock.time += 1;
			budget.rateLimited(clock.now());
		}
		expect(budget.rate()).toBe(FLOOR_PER_SECOND);
	});

	it('runs at the highest ceiling among the executions using it', () => {
		const { budget, leave } = running(2);
		const leaveFast = budget.join(8);
		while (budget.rate() < 8) budget.accepted();
		expect(budget.rate()).toBe(8);
		leaveFast();
		expect(budget.rate()).toBe(2);
		leave();
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
