/** The benchmark's three scenarios: each runs the node in fresh child processes, printing rows. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { GuGuServer } from '../../test/server';
import type { BinaryMode } from '../../test/harness';
import { runChild } from './child';
import { SOAK_FAULTS, SOAK_OPTIONS } from '../../test/fixtures/fault-mix';
import { writeImageFiles } from './images';
import type { ImageSet } from './images';
import type { MemoryWindow } from './memory';
import { printRow, printSection } from './table';
import type { NodeRun } from './workflow';

const MiB = 1024 * 1024;
const fixed = (value: number, digits = 1) => value.toFixed(digits);

function credential(server: GuGuServer): NodeRun['credential'] {
	return { appKey: server.appKey, baseUrl: server.baseUrl, platform: 'international' };
}

/** 1: 100 small images against 500 ms latency and the enforced limit of 5 requests per second. */
export async function throughput(server: GuGuServer): Promise<void> {
	const count = 100;
	const perSecond = 5;
	const ceilingMs = (count / perSecond) * 1000;
	printSection(`Throughput: ${count} small PNGs, 500 ms latency, server refuses > ${perSecond}/s`);
	server.setOptions({ latencyMs: 500, rateLimit: { perSecond } });

	const run = async (options: Record<string, number>) => {
		server.reset();
		const images = { count, bytes: 0, seed: 'throughput' };
		const result = await runChild({
			run: { images, options, credential: credential(server), binaryMode: 'default' },
		});
		return { result, stats: { ...server.stats } };
	};

	const parallel = await run({});
	const ratio = parallel.result.nodeMs / ceilingMs;
	printRow({
		id: '1a',
		measurement: 'Default options (5 in flight, 5/s): node time',
		result: `${fixed(parallel.result.nodeMs / 1000, 2)} s = ${fixed(ratio, 3)}x of 20 s`,
		goal: '<= 1.10x',
		met: ratio <= 1.1,
	});
	printRow({
		id: '1b',
		measurement: 'Default options: HTTP 429s the server sent',
		result: `${parallel.stats.emitted429} (of ${parallel.stats.apiRequests} API requests)`,
		goal: '0',
		met: parallel.stats.emitted429 === 0,
	});
	printRow({
		id: '1c',
		measurement: 'Default options: most requests started in 1 s',
		result: `${parallel.stats.maxPerSecond} (server-side, rolling 1000 ms)`,
		goal: `<= ${perSecond}`,
		met: parallel.stats.maxPerSecond <= perSecond,
	});

	const sequential = await run({ maxConcurrent: 1 });
	const speedup = sequential.result.nodeMs / parallel.result.nodeMs;
	printRow({
		id: '1d',
		measurement: 'maxConcurrent 1 (one request in flight): node time',
		result:
			`${fixed(sequential.result.nodeMs / 1000, 2)} s = ` +
			`${fixed(sequential.result.nodeMs / ceilingMs, 2)}x; 429s: ${sequential.stats.emitted429}`,
	});
	printRow({
		id: '1e',
		measurement: 'Default options vs maxConcurrent 1',
		result: `${fixed(speedup, 2)}x faster`,
	});
}

/** Waits (up to 5 s) until the server has logged every request, slow faults included. */
async function settled(server: GuGuServer): Promise<void> {
	for (let waited = 0; server.stats.inFlight > 0 && waited < 5000; waited += 20) {
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/**
 * 1f-1i: the soak test's conditions (test/node/faults.soak.ts) on 100 images: the server injects
 * 429s, 503s, resets, slow and cut-off answers, and refuses > 5/s. The soak asserts only that
 * every item succeeds; its timing and rate-limit figures are these rows, so a loaded machine
 * cannot fail a test on them.
 */
export async function throughputUnderFaults(server: GuGuServer): Promise<void> {
	const count = 100;
	const perSecond = 5;
	printSection(`Throughput under the soak's faults: ${count} small PNGs, server refuses > 5/s`);
	server.setOptions({ latencyMs: 0, rateLimit: { perSecond }, faults: SOAK_FAULTS });
	try {
		server.reset();
		const images = { count, bytes: 0, seed: 'faults' };
		const { nodeMs } = await runChild({
			run: {
				images,
				options: SOAK_OPTIONS,
				credential: credential(server),
				binaryMode: 'default',
			},
		});
		await settled(server);
		const stats = { ...server.stats, faults: { ...server.stats.faults } };
		const requests = stats.apiRequests;
		// The soak's old bound: 5 requests per 1.1 s window (1.05 s plus 50 ms for the answer),
		// plus 10 s for the last items' waits (Retry-After, backoff, timeout) that nothing overlaps.
		const ceilingMs = (requests / perSecond) * 1000;
		const boundMs = Math.ceil(requests / perSecond) * 1100 + 10_000;
		printRow({
			id: '1f',
			measurement: 'Soak options (timeout 1 s, 8 retries): node time',
			result:
				`${fixed(nodeMs / 1000, 2)} s = ${fixed(nodeMs / ceilingMs, 2)}x of ` +
				`${fixed(ceilingMs / 1000)} s (${requests} req.)`,
			goal: `<= ${fixed(boundMs / 1000)} s`,
			met: nodeMs <= boundMs,
		});
		printRow({
			id: '1g',
			measurement: "Under faults: rate-limit 429s (the node's own)",
			result:
				`${stats.rateLimited} (429s in all ${stats.emitted429}, ` +
				`injected ${stats.faults['429'] ?? 0})`,
			goal: '0',
			met: stats.rateLimited === 0,
		});
		printRow({
			id: '1h',
			measurement: 'Under faults: most requests started in 1 s',
			result: `${stats.maxPerSecond} (server-side, rolling 1000 ms)`,
			goal: `<= ${perSecond}`,
			met: stats.maxPerSecond <= perSecond,
		});
		// 'cut': answers cut off mid-JSON (the server's 'malformed'), short to fit the column.
		const kinds = { '429': '429', '503': '503', reset: 'reset', slow: 'slow', malformed: 'cut' };
		printRow({
			id: '1i',
			measurement: 'Under faults: faults injected (all retried)',
			result: Object.entries(kinds)
				.map(([kind, label]) => `${label} ${stats.faults[kind] ?? 0}`)
				.join(', '),
		});
	} finally {
		server.setOptions({ faults: null });
	}
}

/** 2: what the node costs per image when the server answers at once and nothing is limited. */
export async function overhead(server: GuGuServer): Promise<void> {
	const count = 50;
	printSection(`Node overhead: ${count} PNGs of 1 MiB, no latency, no limit`);
	server.setOptions({ latencyMs: 0, rateLimit: null });
	server.reset();
	const images = { count, bytes: MiB, seed: 'overhead' };
	const options = { requestsPerSecond: 1000, maxConcurrent: 5 };
	const { nodeMs } = await runChild({
		run: { images, options, credential: credential(server), binaryMode: 'default' },
		warmupCount: 5,
	});
	printRow({
		id: '2',
		measurement: 'requestsPerSecond 1000, maxConcurrent 5: node time',
		result: `${fixed(nodeMs / count, 2)} ms/image, ${fixed(count / (nodeMs / 1000))} MiB/s`,
	});
}

const growth = (window: MemoryWindow) => window.peakMiB - window.startMiB;

/** One execution of `count` images from the set, with its peak RSS printed as a row. */
async function memoryRun(
	server: GuGuServer,
	id: string,
	images: ImageSet,
	binaryMode: BinaryMode,
): Promise<MemoryWindow> {
	server.reset();
	const options = { requestsPerSecond: 1000, maxConcurrent: 5 };
	const { memory: window } = await runChild({
		run: { images, options, credential: credential(server), binaryMode },
		measureMemory: true,
	});
	if (!window) throw new Error('the bench child measured no memory');
	const plural = images.count > 1 ? 's' : '';
	printRow({
		id,
		measurement: `${binaryMode} binary mode, ${images.count} image${plural}: peak RSS`,
		result:
			`${fixed(window.peakMiB, 0)} MiB (${fixed(window.startMiB, 0)} at start, ` +
			`+${fixed(growth(window), 0)})`,
	});
	return window;
}

/** 3: peak memory of one execution of 1 and of 50 images of 8 MiB, in both binary modes. */
export async function memory(server: GuGuServer): Promise<void> {
	const batch = 50;
	const inFlight = 5;
	printSection(`Memory: 8 MiB PNGs, 200 ms latency, ${inFlight} in flight, RSS during the node`);
	server.setOptions({ latencyMs: 200, rateLimit: null });
	const dir = await mkdtemp(path.join(tmpdir(), 'gugudata-bench-'));
	try {
		const set: ImageSet = { count: batch, bytes: 8 * MiB, seed: 'memory', dir };
		await writeImageFiles(set, dir);
		const modes = [
			['3a', 'default'],
			['3b', 'filesystem'],
		] as const;
		for (const [id, mode] of modes) {
			const one = await memoryRun(server, id, { ...set, count: 1 }, mode);
			const many = await memoryRun(server, id, set, mode);
			const ratio = growth(many) / Math.max(1, growth(one));
			printRow({
				id,
				measurement: `${mode} binary mode: growth, ${batch} images / 1`,
				result: `${fixed(ratio, 2)}x (peak RSS ${fixed(many.peakMiB / one.peakMiB, 2)}x)`,
				goal: `<= ${inFlight}x`,
				met: ratio <= inFlight,
			});
		}
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
