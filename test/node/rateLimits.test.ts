/**
 * Rate limits in n8n's engine: every execution in the process shares one budget per GuGuData
 * address, a rate limit slows all of them at once, and rate-limited requests are retried for Max
 * Rate Limit Wait, apart from Retries, so no item is lost to a rate limit. A spent trial is told
 * apart and fails at once. Each test has servers of its own: budgets are per address, and a rate
 * limit slows its address for whatever runs next.
 */
import type { INodeParameters } from 'n8n-workflow';

import { makePng } from '../fixtures/images';
import { runWorkflow } from '../harness';
import type { Outcome, Platform, TunableOptions } from '../server';
import { sha256Hex } from '../server';
import { binaryItem, startServers } from './servers';
import type { Servers } from './servers';

const open: Servers[] = [];
afterAll(async () => await Promise.all(open.map((servers) => servers.close())));

async function fresh(options: TunableOptions = {}): Promise<Servers> {
	const servers = await startServers(options);
	open.push(servers);
	return servers;
}

let counter = 0;
function image(servers: Servers, outcomes: Outcome[]): Buffer {
	const bytes = makePng(`rate-limits-${counter++}`);
	servers.international.fixtures.register(bytes, { sequence: outcomes });
	return bytes;
}

const attempts = (servers: Servers, platform: Platform, bytes: Buffer) =>
	servers[platform].requests.filter((entry) => entry.imageSha256 === sha256Hex(bytes)).length;

async function run(servers: Servers, platform: Platform, bytes: Buffer, options: INodeParameters) {
	return await runWorkflow({
		// The node's own ceiling well above what these tests send: the rate limits are the servers'.
		parameters: { operation: 'imageToText', options: { requestsPerSecond: 100, ...options } },
		credentials: servers.credentials(platform),
		items: [binaryItem(bytes, 'limited.png')],
	});
}

const OK: Outcome = { lines: ['THROUGH'] };
const CDN_PAGE =
	'<html><head><title>403 Forbidden</title></head><body><center>cdn</center></body></html>';

describe.each([
	['international: HTTP 429', 'international', { status: 429, headers: { 'Retry-After': '0' } }],
	['china: code 102', 'china', { code: 102 }],
	[
		'china: the CDN answering 429 with a page',
		'china',
		{ status: 429, rawBody: CDN_PAGE, contentType: 'text/html' },
	],
	[
		'china: the CDN answering 403 with a page',
		'china',
		{ status: 403, rawBody: CDN_PAGE, contentType: 'text/html' },
	],
] as Array<[string, Platform, Outcome]>)('%s', (_name, platform, limited) => {
	it('is retried beyond Retries until it passes', async () => {
		const servers = await fresh();
		const bytes = image(servers, [limited, limited, limited, OK]);
		const result = await run(servers, platform, bytes, { retries: 0 });
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.text)).toEqual(['THROUGH']);
		expect(attempts(servers, platform, bytes)).toBe(4);
	});

	it('fails once Max Rate Limit Wait is spent, saying so', async () => {
		const servers = await fresh();
		const bytes = image(servers, [limited]);
		// 0.3 s: several attempts fit in it (the address slows down by a fifth on each), and a node
		// that ignored the option would retry until jest's timeout.
		const result = await run(servers, platform, bytes, { retries: 0, maxRateLimitWait: 0.3 });
		expect(result.status).toBe('error');
		expect(result.nodeError?.message).toMatch(/^GuGuData rate limit reached \(/);
		const description = String(result.nodeError?.description);
		expect(description).toContain("raise the node's Max Rate Limit Wait option");
		expect(description).toMatch(/Gave up after \d+ attempts, \d+ s after the first rate limit\./);
		expect(description).not.toContain('Retries option');
		expect(attempts(servers, platform, bytes)).toBeGreaterThanOrEqual(2);
	});

	it('Max Rate Limit Wait 0 fails at the first rate limit', async () => {
		const servers = await fresh();
		const bytes = image(servers, [limited, OK]);
		const result = await run(servers, platform, bytes, { maxRateLimitWait: 0 });
		expect(result.status).toBe('error');
		expect(attempts(servers, platform, bytes)).toBe(1);
	});
});

it('a spent trial (gugudata.io 429 saying so) fails at once with its own message', async () => {
	const servers = await fresh();
	const bytes = image(servers, [{ status: 429, description: 'Trial usage limit exceeded.' }, OK]);
	const result = await run(servers, 'international', bytes, {});
	expect(result.nodeError?.message).toBe('Your GuGuData trial usage is spent (HTTP 429)');
	expect(String(result.nodeError?.description)).toContain('developer center');
	expect(attempts(servers, 'international', bytes)).toBe(1);
});

it("a 403 with gugudata.com's envelope is about access: not retried", async () => {
	const servers = await fresh();
	const bytes = makePng(`rate-limits-access-${counter++}`);
	servers.china.fixtures.register(bytes, { status: 403, code: 403 });
	const result = await run(servers, 'china', bytes, {});
	expect(result.status).toBe('error');
	expect(result.nodeError?.message).not.toMatch(/rate limit/);
	expect(attempts(servers, 'china', bytes)).toBe(1);
});

it('three executions at once share the 5 per second and lose nothing', async () => {
	const servers = await fresh({ rateLimit: { perSecond: 5 }, latencyMs: 100 });
	const server = servers.international;
	// Four items each: alone, each execution would start three of them in its first second (at
	// half of its 5 per second), nine together, so the server's maxPerSecond shows a budget that
	// is not shared.
	const batch = (execution: number) =>
		Array.from({ length: 4 }, (_, index) => {
			const bytes = makePng(`shared-${execution}-${index}`);
			server.fixtures.register(bytes, { lines: [`E${execution} I${index}`] });
			return binaryItem(bytes, `e${execution}-${index}.png`);
		});
	const results = await Promise.all(
		[0, 1, 2].map(
			async (execution) =>
				await runWorkflow({
					parameters: { operation: 'imageToText', options: { retries: 0 } },
					credentials: servers.credentials('international'),
					items: batch(execution),
				}),
		),
	);
	for (const [execution, result] of results.entries()) {
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.text)).toEqual(
			Array.from({ length: 4 }, (_, index) => `E${execution} I${index}`),
		);
	}
	// One budget for the three: the server's limit was never run into.
	expect(server.stats.maxPerSecond).toBeLessThanOrEqual(5);
});

it('cancelling the execution ends a rate-limit hold at once; nothing is sent after', async () => {
	const servers = await fresh();
	const server = servers.international;
	// Retry-After 120, held for Max Retry Wait 120 s: only cancelling ends the wait.
	const bytes = image(servers, [{ status: 429, headers: { 'Retry-After': '120' } }]);
	let cancelledAt = 0;
	const result = await runWorkflow({
		parameters: {
			operation: 'imageToText',
			options: { requestsPerSecond: 100, maxRetryWait: 120 },
		},
		credentials: servers.credentials('international'),
		items: [binaryItem(bytes, 'a.png')],
		onStarted: (cancel) => {
			// Once the rate limit is answered, the retry waits out the hold.
			const timer = setInterval(() => {
				if (!server.requests.some((entry) => entry.status === 429)) return;
				clearInterval(timer);
				cancelledAt = Date.now();
				cancel();
			}, 5);
		},
	});
	expect(result.status).toBe('canceled');
	await server.waitForIdle();
	const sent = server.requests.filter((entry) => entry.area === 'api');
	expect(sent).toHaveLength(1);
	expect(sent.every((entry) => entry.time <= cancelledAt)).toBe(true);
});
