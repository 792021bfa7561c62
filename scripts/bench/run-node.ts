/**
 * Child process of the benchmark: one workflow execution (after an optional warm-up one) in a fresh
 * process, so timings and peak memory belong to that execution alone. Takes a ChildSpec as JSON in
 * argv[2]; prints one JSON line, a ChildResult, on stdout.
 */
import { PeakMemory } from './memory';
import type { MemoryWindow } from './memory';
import { prepareRun, runNode } from './workflow';
import type { NodeOutcome, NodeRun } from './workflow';

export interface ChildSpec {
	run: NodeRun;
	/** More executions started at the same moment as `run`, in this process. */
	alongside?: NodeRun[];
	/** Runs the same node on this many images first, untimed, to warm up the code paths. */
	warmupCount?: number;
	measureMemory?: boolean;
}

export interface ChildResult extends NodeOutcome {
	memory?: MemoryWindow;
	/** The outcomes of `alongside`, in its order. */
	alongside?: NodeOutcome[];
}

async function main(): Promise<void> {
	const spec = JSON.parse(process.argv[2]) as ChildSpec;
	if (spec.warmupCount) {
		const images = { ...spec.run.images, count: spec.warmupCount, seed: 'warmup' };
		await runNode({ ...spec.run, images });
	}
	await prepareRun(spec.run);
	const memory = new PeakMemory();
	let window: MemoryWindow | undefined;
	const [outcome, ...alongside] = await Promise.all([
		runNode(
			spec.run,
			spec.measureMemory
				? { before: () => memory.start(), after: () => (window = memory.stop()) }
				: {},
		),
		...(spec.alongside ?? []).map(async (run) => await runNode(run)),
	]);
	const result: ChildResult = {
		...outcome,
		memory: window,
		alongside: spec.alongside ? alongside : undefined,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
		process.exit(1);
	},
);
