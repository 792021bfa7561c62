/**
 * The node's benchmark against the local GuGuData-compatible server: throughput under the rate
 * limit (with and without the soak test's faults), per-image overhead, peak memory, executions
 * that overlap (beside today's limiter, commit c2754be), and what the local server's real
 * recognition costs. Run with `npm run bench` (builds dist/ first). Every node execution runs in
 * a fresh child process; the server runs here. Exits 1 when a goal is missed, 2 when it could not
 * run. See docs/benchmarks.md.
 */
import { startGuGuServer } from '../test/server';
import { busyMachine, oneProcess, twoProcesses } from './bench/overlap';
import { recognition } from './bench/recognition';
import { memory, overhead, throughput, throughputUnderFaults } from './bench/scenarios';
import { missedGoals, printHeader } from './bench/table';
import { prepareToday } from './bench/today';

async function main(): Promise<void> {
	const server = await startGuGuServer({
		platform: 'international',
		defaultOutcome: { lines: ['GuGuData benchmark', 'line two'] },
	});
	try {
		// Before the header: building today's limiter the first time takes a few seconds of CPU.
		const versions = { todayDir: prepareToday() };
		printHeader();
		const started = performance.now();
		await throughput(server);
		await throughputUnderFaults(server);
		await overhead(server);
		await memory(server);
		await oneProcess(server, versions);
		await twoProcesses(server, versions);
		// Last of the node's: it keeps every core busy while it runs.
		await busyMachine(server, versions);
		// The local server's own recognition, in a process of its own.
		await recognition();
		console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
	} finally {
		await server.close();
	}
}

main().then(
	() => {
		if (missedGoals.length === 0) process.exit(0);
		const ids = missedGoals.map((row) => row.id).join(', ');
		console.error(`\nGoal missed: ${ids}`);
		process.exit(1);
	},
	(error: unknown) => {
		console.error(error);
		process.exit(2);
	},
);
