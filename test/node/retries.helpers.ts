/**
 * Shared by retries.test.ts (what is retried, how often, what the node says) and
 * retryWaits.test.ts (how long it waits): a file's servers, images answering in turn, and each
 * image's attempts as the server's request log saw them (one entry per request that reached
 * recognition with the image).
 */
import type { INodeParameters } from 'n8n-workflow';

import { makePng } from '../fixtures/images';
import { runWorkflow } from '../harness';
import type { LinesOutcome, Outcome, Platform, RequestLogEntry } from '../server';
import { sha256Hex } from '../server';
import { binaryItem, startServers } from './servers';
import type { Servers } from './servers';

export const RECOVERED = ['RECOVERED', 'LINE 2'];
export const success: LinesOutcome = { lines: RECOVERED };

export const gaps = (entries: RequestLogEntry[]) =>
	entries.slice(1).map((entry, index) => entry.time - entries[index].time);

/** Starts the file's servers (beforeAll) and closes them (afterAll). */
export function useRetryServers() {
	let imageCounter = 0;
	const bench = {
		servers: undefined as unknown as Servers,

		/** A fresh image whose answers are `outcomes` in turn (the last repeats). */
		imageAnswering(platform: Platform, outcomes: Outcome[]): Buffer {
			const bytes = makePng(`retry-${platform}-${imageCounter++}`);
			bench.servers[platform].fixtures.register(bytes, { sequence: outcomes });
			return bytes;
		},

		/** The API requests that carried this image, oldest first. */
		attemptsFor(platform: Platform, bytes: Buffer): RequestLogEntry[] {
			const hash = sha256Hex(bytes);
			return bench.servers[platform].requests.filter(
				(entry) => entry.area === 'api' && entry.imageSha256 === hash,
			);
		},

		/** Runs one item carrying the image, and waits until the server has logged every attempt. */
		async run(platform: Platform, bytes: Buffer, options: INodeParameters = {}) {
			const servers = bench.servers;
			servers[platform].reset();
			const started = Date.now();
			const result = await runWorkflow({
				// Unpaced unless a test says otherwise: these servers enforce no rate, and waits
				// between attempts are what is measured here.
				parameters: { operation: 'imageToText', options: { requestsPerSecond: 100, ...options } },
				credentials: servers.credentials(platform),
				items: [binaryItem(bytes, 'retry.png')],
			});
			const elapsed = Date.now() - started;
			await settled(servers, platform);
			return { result, elapsed };
		},
	};
	beforeAll(async () => {
		bench.servers = await startServers();
	});
	afterAll(async () => await bench.servers.close());
	return bench;
}

/** A request the node gave up on (timeout) is logged once the server notices: wait for that. */
async function settled(servers: Servers, platform: Platform): Promise<void> {
	for (let waited = 0; servers[platform].stats.inFlight > 0 && waited < 3000; waited += 10) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
