/**
 * Retries: what is retried, how often, how long the node waits, and what it says when it gives up.
 * Attempts and their times come from the server's request log (one entry per request that reached
 * recognition with the item's image); "fail N times, then succeed" uses the server's sequences.
 */
import type { INodeParameters } from 'n8n-workflow';

import { makePng } from '../fixtures/images';
import { runWorkflow } from '../harness';
import type { ForcedOutcome, LinesOutcome, Outcome, Platform, RequestLogEntry } from '../server';
import { sha256Hex } from '../server';
import { binaryItem, PLATFORMS, startServers } from './servers';
import type { Servers } from './servers';

let servers: Servers;

beforeAll(async () => {
	servers = await startServers();
});
afterAll(async () => await servers.close());

const RECOVERED = ['RECOVERED', 'LINE 2'];
let imageCounter = 0;

/** A fresh image whose answers are `outcomes` in turn (the last repeats). */
function imageAnswering(platform: Platform, outcomes: Outcome[]): Buffer {
	const bytes = makePng(`retry-${platform}-${imageCounter++}`);
	servers[platform].fixtures.register(bytes, { sequence: outcomes });
	return bytes;
}

/** The API requests that carried this image, oldest first. */
function attemptsFor(platform: Platform, bytes: Buffer): RequestLogEntry[] {
	const hash = sha256Hex(bytes);
	return servers[platform].requests.filter(
		(entry) => entry.area === 'api' && entry.imageSha256 === hash,
	);
}

const gaps = (entries: RequestLogEntry[]) =>
	entries.slice(1).map((entry, index) => entry.time - entries[index].time);

async function run(platform: Platform, bytes: Buffer, options: INodeParameters = {}) {
	servers[platform].reset();
	const started = Date.now();
	const result = await runWorkflow({
		// Unpaced unless a test says otherwise: these servers enforce no rate, and waits between
		// attempts are what is measured here.
		parameters: { operation: 'imageToText', options: { requestsPerSecond: 100, ...options } },
		credentials: servers.credentials(platform),
		items: [binaryItem(bytes, 'retry.png')],
	});
	const elapsed = Date.now() - started;
	await settled(platform);
	return { result, elapsed };
}

/** A request the node gave up on (timeout) is logged once the server notices: wait for that. */
async function settled(platform: Platform): Promise<void> {
	for (let waited = 0; servers[platform].stats.inFlight > 0 && waited < 3000; waited += 10) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const success: LinesOutcome = { lines: RECOVERED };
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

// Short waits keep these fast: maxRetryWait caps the backoff too.
const FAST = { maxRetryWait: 0.05 };

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
		servers.international.reset();
		const result = await runWorkflow({
			parameters: {
				operation: 'imageToText',
				outputMode: 'perImage',
				options: { ...FAST, retries: 1 },
			},
			credentials: servers.credentials('international'),
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

describe('Retry-After', () => {
	test.each(PLATFORMS)('%s: seconds are honoured', async (platform) => {
		const image = imageAnswering(platform, [
			{ status: 429, headers: { 'Retry-After': '2' } },
			success,
		]);
		const { result } = await run(platform, image);
		expect(result.status).toBe('success');
		const [gap] = gaps(attemptsFor(platform, image));
		expect(gap).toBeGreaterThanOrEqual(1990);
	});

	test('an HTTP date is honoured', async () => {
		// HTTP dates have whole seconds: the retry must not come before that second starts.
		const retryAt = Math.floor((Date.now() + 3000) / 1000) * 1000;
		const image = imageAnswering('international', [
			{ status: 503, headers: { 'Retry-After': new Date(retryAt).toUTCString() } },
			success,
		]);
		const { result } = await run('international', image);
		expect(result.status).toBe('success');
		const [first, second] = attemptsFor('international', image);
		expect(second.time).toBeGreaterThanOrEqual(retryAt - 10);
		expect(second.time - first.time).toBeGreaterThan(1500);
	});

	test('China: a 102 with Retry-After in the past retries at once', async () => {
		const past = new Date(Date.now() - 60_000).toUTCString();
		const image = imageAnswering('china', [
			{ code: 102, headers: { 'Retry-After': past } },
			success,
		]);
		const { result } = await run('china', image);
		expect(result.status).toBe('success');
		// How long "at once" is, is the unit layer's to say (a past date parses as 0 ms).
		expect(attemptsFor('china', image)).toHaveLength(2);
	});

	test.each([
		// An hour: uncapped, the test would outlive jest's timeout.
		['seconds', () => '3600'],
		['an HTTP date', () => new Date(Date.now() + 3_600_000).toUTCString()],
	])('%s beyond Max Retry Wait is capped by it', async (_label, value) => {
		const image = imageAnswering('international', [
			{ status: 429, headers: { 'Retry-After': value() } },
			success,
		]);
		const { result } = await run('international', image, { maxRetryWait: 1 });
		expect(result.status).toBe('success');
		const [gap] = gaps(attemptsFor('international', image));
		expect(gap).toBeGreaterThanOrEqual(990);
	});
});

test('without Retry-After, waits start at 1 s and double, with jitter (50 to 100 %)', async () => {
	const image = imageAnswering('international', [{ status: 503 }, { status: 502 }, success]);
	const { result } = await run('international', image);
	expect(result.status).toBe('success');
	// Lower bounds only: a busy machine delays a retry, never hastens it. The upper ends of the
	// jitter are checked with a fake clock in test/unit/retry.test.ts.
	const [first, second] = gaps(attemptsFor('international', image));
	expect(first).toBeGreaterThanOrEqual(495);
	expect(second).toBeGreaterThanOrEqual(995);
});

test('retries count against Requests per Second', async () => {
	const image = imageAnswering('china', [
		...Array.from({ length: 5 }, (): ForcedOutcome => ({ code: 110 })),
		success,
	]);
	const { result, elapsed } = await run('china', image, {
		requestsPerSecond: 2,
		retries: 5,
		maxRetryWait: 0,
	});
	expect(result.status).toBe('success');
	const attempts = attemptsFor('china', image);
	expect(attempts).toHaveLength(6);
	// Paced at 2 per second, six attempts span 2.5 s; unpaced (Max Retry Wait 0) they would come
	// back to back.
	const times = attempts.map((entry) => entry.time);
	expect(times[5] - times[0]).toBeGreaterThanOrEqual(2000);
	expect(elapsed).toBeGreaterThanOrEqual(2000);
});
