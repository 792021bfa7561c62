/**
 * Retries: what is retried, how often, and what the node says when it gives up (how long it waits
 * between attempts is retryWaits.test.ts). Attempts come from the server's request log (one entry
 * per request that reached recognition with the item's image); "fail N times, then succeed" uses
 * the server's sequences.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../harness';
import type { ForcedOutcome, LinesOutcome, Outcome, Platform } from '../server';
import { RECOVERED, success, useRetryServers } from './retries.helpers';
import { binaryItem, PLATFORMS } from './servers';

const bench = useRetryServers();
const { imageAnswering, attemptsFor, run } = bench;

/** Slow answers: the node's timeout is 1 s (its minimum) in these tests. */
const SLOW: LinesOutcome = { lines: ['TOO LATE'], delayMs: 2500 };

interface RetryableCase {
	name: string;
	failure: Outcome;
	platforms: Platform[];
	/** Message when every attempt fails like this. */
	message: Record<Platform, string>;
	options?: INodeParameters;
}

const both = (message: string) => ({ international: message, china: message });

const RETRYABLE: RetryableCase[] = [
	{
		name: '500',
		failure: { status: 500 },
		platforms: PLATFORMS,
		message: both('GuGuData had an internal error (HTTP 500)'),
	},
	{
		name: '502',
		failure: { status: 502 },
		platforms: PLATFORMS,
		message: both("GuGuData's upstream service failed (HTTP 502)"),
	},
	{
		name: '503',
		failure: { status: 503 },
		platforms: PLATFORMS,
		message: both('GuGuData is temporarily unavailable (HTTP 503)'),
	},
	{
		name: 'code 110',
		failure: { code: 110 },
		platforms: PLATFORMS,
		message: {
			international: 'GuGuData had an internal error (HTTP 500)',
			china: 'GuGuData could not process the request (code 110)',
		},
	},
	{
		name: 'a connection reset',
		failure: { reset: true },
		platforms: PLATFORMS,
		message: both('Could not reach GuGuData (ECONNRESET)'),
	},
	{
		name: 'a slow answer past the timeout',
		failure: SLOW,
		platforms: PLATFORMS,
		message: both('GuGuData did not answer in time'),
		options: { timeout: 1 },
	},
	{
		name: 'truncated JSON',
		failure: { status: 200, rawBody: '{"dataStatus":{"statusCode":200,"statusDes' },
		platforms: PLATFORMS,
		message: both('GuGuData sent broken JSON (HTTP 200)'),
	},
];

const retryableRows = RETRYABLE.flatMap((entry) =>
	entry.platforms.map((platform) => [`${platform}: ${entry.name}`, platform, entry] as const),
);

// Short waits keep these fast: maxRetryWait caps the backoff too (still a real timer, 5 to 10 ms).
const FAST = { maxRetryWait: 0.01 };

describe('retryable failures that pass on a later attempt give the normal output', () => {
	test.each(retryableRows)('%s', async (_label, platform, entry) => {
		const image = imageAnswering(platform, [entry.failure, entry.failure, success]);
		const { result } = await run(platform, image, { ...FAST, ...entry.options });
		expect(result.status).toBe('success');
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ text: 'RECOVERED', lineNumber: 1, lineCount: 2 }, { item: 0 }],
			[{ text: 'LINE 2', lineNumber: 2, lineCount: 2 }, { item: 0 }],
		]);
		expect(attemptsFor(platform, image)).toHaveLength(3);
	});
});

describe('after the retries are spent the item fails, saying how often it tried', () => {
	test.each(retryableRows)('%s', async (_label, platform, entry) => {
		const image = imageAnswering(platform, [entry.failure]);
		const { result } = await run(platform, image, { ...FAST, retries: 2, ...entry.options });
		expect(result.status).toBe('error');
		expect(result.nodeError?.message).toBe(entry.message[platform]);
		expect(result.nodeError?.description).toContain('Gave up after 3 attempts.');
		expect(attemptsFor(platform, image)).toHaveLength(3);
	});

	test('with Continue On Fail the error item says so too; the other items succeed', async () => {
		const good = imageAnswering('international', [success]);
		const bad = imageAnswering('international', [{ status: 503 }]);
		bench.servers.international.reset();
		const result = await runWorkflow({
			parameters: {
				operation: 'imageToText',
				outputMode: 'perImage',
				options: { ...FAST, retries: 1, requestsPerSecond: 100 },
			},
			credentials: bench.servers.credentials('international'),
			items: [binaryItem(good), binaryItem(bad), binaryItem(good)],
			continueOnFail: true,
		});
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ text: RECOVERED.join('\n'), lines: RECOVERED, lineCount: 2 }, { item: 0 }],
			[
				{
					error: 'GuGuData is temporarily unavailable (HTTP 503)',
					description: expect.stringContaining('Gave up after 2 attempts.'),
					httpCode: '503',
				},
				{ item: 1 },
			],
			[{ text: RECOVERED.join('\n'), lines: RECOVERED, lineCount: 2 }, { item: 2 }],
		]);
		expect(attemptsFor('international', bad)).toHaveLength(2);
	});

	test('retries 0: one attempt, and no "Gave up" note', async () => {
		const image = imageAnswering('china', [{ code: 110 }]);
		const { result } = await run('china', image, { retries: 0 });
		expect(result.nodeError?.message).toBe('GuGuData could not process the request (code 110)');
		expect(result.nodeError?.description).not.toContain('Gave up');
		expect(attemptsFor('china', image)).toHaveLength(1);
	});
});

describe('non-retryable answers are sent exactly once (default retries)', () => {
	const statuses = [400, 401, 403, 404, 413, 415, 422];
	type Row = [string, Platform, ForcedOutcome];
	// gugudata.com answers these with its envelope; the same status without it is its CDN's page,
	// which for 403 means a rate limit (see rateLimits.test.ts).
	const rows: Row[] = [
		...PLATFORMS.flatMap((platform) =>
			statuses.map((status): Row => [
				`${platform}: HTTP ${status}`,
				platform,
				platform === 'china' ? { status, code: status } : { status },
			]),
		),
		...[101, 103, 104].map((code): Row => [`china: code ${code}`, 'china', { code }]),
	];
	test.each(rows)('%s', async (_label, platform, failure) => {
		const image = imageAnswering(platform, [failure, success]);
		const { result } = await run(platform, image);
		expect(result.status).toBe('error');
		expect(result.nodeError?.description).not.toContain('Gave up');
		// One attempt, so no backoff either (the loop's waits are unit-tested with a fake clock).
		expect(attemptsFor(platform, image)).toHaveLength(1);
	});
});
