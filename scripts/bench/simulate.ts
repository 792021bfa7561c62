/**
 * A discrete-event simulation of the shared budget against a server that admits 5 requests per
 * rolling second, in virtual time: the real AddressBudget and Pacer, a clock whose timers fire
 * late by a drawn amount (a loaded machine), requests that reach the server after a drawn transit
 * delay. It runs the bench's scenarios in milliseconds of real time, so a change to the budget can
 * be judged over hundreds of seeds before the bench measures it for real.
 *
 *   npx tsx scripts/bench/simulate.ts [runs] [scenario name start] [--no-hold]
 *
 * `--no-hold` leaves Retry-After out of what the budget is told, so a rate limit lowers the rate
 * but holds nothing: what the holds cost, apart from the decrease.
 */
import { mulberry32 } from '../../test/fixtures/prng';
import { AddressBudget } from '../../nodes/GuGuData/transport/budget';
import type { Clock } from '../../nodes/GuGuData/transport/clock';
import { Pacer } from '../../nodes/GuGuData/transport/pacer';

interface Timer {
	at: number;
	seq: number;
	resolve: () => void;
}

/** Virtual time: sleeps resolve in time order, each late by what `lateness()` draws. */
class VirtualClock implements Clock {
	time = 0;
	private timers: Timer[] = [];
	private seq = 0;

	constructor(private readonly lateness: () => number) {}

	now(): number {
		return this.time;
	}

	async sleep(ms: number, signal: AbortSignal): Promise<void> {
		signal.throwIfAborted();
		await this.at(this.time + Math.max(0, ms) + this.lateness());
	}

	/** Resolves at virtual time `at` exactly (the server's own timers, on another machine). */
	at(at: number): Promise<void> {
		return new Promise((resolve) => {
			this.timers.push({ at, seq: this.seq++, resolve });
		});
	}

	/** Runs until nothing is waiting. */
	async run(): Promise<void> {
		for (;;) {
			await new Promise((resolve) => setImmediate(resolve));
			if (!this.timers.length) return;
			this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const timer = this.timers.shift()!;
			this.time = Math.max(this.time, timer.at);
			timer.resolve();
		}
	}
}

interface Scenario {
	name: string;
	/** Executions: which process (budget) each belongs to, and its item count. */
	executions: Array<{ process: number; items: number }>;
	/** Mean late firing of a timer, ms (exponential). */
	lateMs: number;
	/** Mean transit delay to the server, ms (exponential), on top of 1 ms. */
	transitMs: number;
	/** Share of admitted requests answered 429 anyway (the soak's injected ones). */
	random429: number;
	ceilingSeconds: number;
	/** How long GuGuData takes to answer, ms (500 unless given). */
	latencyMs?: number;
}

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const NO_HOLD = process.argv.includes('--no-hold');

const LATENCY_MS = 500;
const PER_SECOND = 5;

async function simulate(scenario: Scenario, seed: number) {
	const random = mulberry32(seed);
	const exp = (mean: number) => (mean > 0 ? -Math.log(1 - random()) * mean : 0);
	const clock = new VirtualClock(() => exp(scenario.lateMs));
	const processes = new Map<number, AddressBudget>();
	const admitted: number[] = [];
	let requests = 0;
	let refused = 0;
	let firstStart = Number.POSITIVE_INFINITY;
	let lastEnd = 0;
	const signal = new AbortController().signal;

	const arrive = (time: number): boolean => {
		while (admitted.length && time - admitted[0] >= 1000) admitted.shift();
		if (admitted.length >= PER_SECOND) return false;
		admitted.push(time);
		return true;
	};

	const execution = async (process_: number, items: number) => {
		let budget = processes.get(process_);
		if (!budget) processes.set(process_, (budget = new AddressBudget(clock)));
		const own = new Pacer(() => 5, clock);
		const leave = budget.join(5);
		firstStart = Math.min(firstStart, clock.now());
		let next = 0;
		const worker = async () => {
			while (next < items) {
				next++;
				for (;;) {
					await own.next(signal);
					const startedAt = await budget!.acquire(signal);
					requests++;
					await clock.at(clock.now() + 1 + exp(scenario.transitMs));
					const ok = arrive(clock.now());
					const injected = ok && random() < scenario.random429;
					await clock.at(clock.now() + (scenario.latencyMs ?? LATENCY_MS));
					// The answer is read when the event loop gets to it.
					await clock.at(clock.now() + exp(scenario.lateMs));
					if (ok && !injected) {
						budget!.accepted();
						break;
					}
					refused++;
					budget!.rateLimited(startedAt, NO_HOLD ? undefined : 1000);
				}
			}
		};
		await Promise.all(Array.from({ length: 5 }, worker));
		leave();
		lastEnd = Math.max(lastEnd, clock.now());
	};

	const done = Promise.all(scenario.executions.map((e) => execution(e.process, e.items)));
	await clock.run();
	await done;
	return { seconds: (lastEnd - firstStart) / 1000, requests, refused };
}

const scenarios: Scenario[] = [
	{
		name: '1a one execution, quiet',
		executions: [{ process: 0, items: 100 }],
		lateMs: 1,
		transitMs: 1,
		random429: 0,
		ceilingSeconds: 20,
	},
	{
		name: '1f random 429s 3%',
		executions: [{ process: 0, items: 100 }],
		lateMs: 1,
		transitMs: 1,
		random429: 0.03,
		ceilingSeconds: 20,
	},
	{
		name: '1f random 429s, no latency',
		executions: [{ process: 0, items: 100 }],
		lateMs: 1,
		transitMs: 1,
		random429: 0.03,
		ceilingSeconds: 20,
		latencyMs: 0,
	},
	{
		name: '4 three executions, one process',
		executions: [0, 0, 0].map((process) => ({ process, items: 30 })),
		lateMs: 2,
		transitMs: 2,
		random429: 0,
		ceilingSeconds: 18,
	},
	{
		name: '5 two processes',
		executions: [0, 1].map((process) => ({ process, items: 45 })),
		lateMs: 2,
		transitMs: 2,
		random429: 0,
		ceilingSeconds: 18,
	},
	{
		name: '5 two processes, busy machine',
		executions: [0, 1].map((process) => ({ process, items: 45 })),
		lateMs: 8,
		transitMs: 8,
		random429: 0,
		ceilingSeconds: 18,
	},
	{
		name: '5 three processes',
		executions: [0, 1, 2].map((process) => ({ process, items: 30 })),
		lateMs: 2,
		transitMs: 2,
		random429: 0,
		ceilingSeconds: 18,
	},
	{
		name: '6 busy machine',
		executions: [{ process: 0, items: 100 }],
		lateMs: 8,
		transitMs: 8,
		random429: 0,
		ceilingSeconds: 20,
	},
];

async function main() {
	const runs = Number(args[0] ?? 40);
	const only = args[1];
	for (const scenario of scenarios) {
		if (only && !scenario.name.startsWith(only)) continue;
		const results = [];
		for (let seed = 1; seed <= runs; seed++) results.push(await simulate(scenario, seed));
		const ratios = results.map((r) => r.seconds / scenario.ceilingSeconds).sort((a, b) => a - b);
		const share = results.map((r) => r.refused / r.requests);
		const pct = (q: number) => ratios[Math.min(ratios.length - 1, Math.floor(q * ratios.length))];
		console.log(
			`${scenario.name.padEnd(34)} median ${pct(0.5).toFixed(3)}x  p90 ${pct(0.9).toFixed(3)}x  max ${ratios[ratios.length - 1].toFixed(3)}x  ` +
				`429 mean ${((100 * share.reduce((a, b) => a + b, 0)) / share.length).toFixed(1)} %  max ${(100 * Math.max(...share)).toFixed(1)} %`,
		);
	}
}

void main();
