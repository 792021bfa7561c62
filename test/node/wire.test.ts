/**
 * The wire under hostile hosts: every attempt ends at its deadline however slowly a host drips,
 * cancelling an execution stops every request and wait at once, answers are read up to a cap, and
 * the AppKey never comes back out of a server's words in any encoding.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeParameters } from 'n8n-workflow';

import { makePng } from '../fixtures/images';
import { runWorkflow } from '../harness';
import type { InputItem } from '../harness';
import type { FixtureOutcome, GuGuServer, Platform } from '../server';
import { sha256Hex } from '../server';
import { binaryItem, PLATFORMS, startServers } from './servers';
import type { Servers } from './servers';

/** A key holding every character that URLs, forms, HTML and JSON escape, and non-ASCII ones. */
const KEY = 'SECRET-a&b=c#d?e/f%g h+i"j<k>l\'m\\n-é-漢';

let servers: Servers;

beforeAll(async () => {
	servers = await startServers({ keys: [KEY] });
});
afterAll(async () => await servers.close());
beforeEach(async () => {
	for (const platform of PLATFORMS) {
		await servers[platform].waitForIdle();
		servers[platform].reset();
	}
});

let imageCounter = 0;

/** A fresh image whose GuGuData answer is `outcome`. */
function imageAnswering(platform: Platform, outcome: FixtureOutcome): Buffer {
	const bytes = makePng(`wire-${platform}-${imageCounter++}`);
	servers[platform].fixtures.register(bytes, outcome);
	return bytes;
}

const apiRequests = (server: GuGuServer) => server.requests.filter((entry) => entry.area === 'api');
const assetRequests = (server: GuGuServer) =>
	server.requests.filter((entry) => entry.area === 'assets');

async function run(
	platform: Platform,
	items: InputItem[],
	parameters: INodeParameters,
	extra: { onStarted?: (cancel: () => void) => void; continueOnFail?: boolean } = {},
) {
	return await runWorkflow({
		parameters,
		credentials: servers.credentials(platform),
		items,
		...extra,
	});
}

/** One byte every 150 ms: never idle long enough for a socket timeout, done only after ~30 s. */
const DRIP = { intervalMs: 150 };

describe('the Timeout option bounds the whole exchange', () => {
	describe.each(PLATFORMS)('on %s', (platform) => {
		it('fails a GuGuData answer that drips past the deadline, and hangs up', async () => {
			const bytes = imageAnswering(platform, { lines: ['TOO LATE'], drip: DRIP });
			const result = await run(platform, [binaryItem(bytes)], {
				operation: 'imageToText',
				options: { timeout: 1, retries: 0 },
			});
			expect(result.nodeError?.message).toBe('GuGuData did not answer in time');
			await servers[platform].waitForIdle();
			const [request] = apiRequests(servers[platform]);
			expect(request.clientClosed).toBe(true);
		});

		it('fails a Word file download that drips past the deadline', async () => {
			const dripping = servers[platform].assetUrl('_canned/drip?every=150');
			const data =
				platform === 'international' ? { wordPath: dripping } : { ResultWordFileUrl: dripping };
			const bytes = imageAnswering(platform, { ...(platform === 'china' && { code: 100 }), data });
			const result = await run(platform, [binaryItem(bytes)], {
				operation: 'imageToWord',
				options: { timeout: 1, retries: 0 },
			});
			expect(result.nodeError?.message).toBe(
				'The Word file GuGuData produced did not answer within 1 s',
			);
			await servers[platform].waitForIdle();
			expect(assetRequests(servers[platform]).map((entry) => entry.clientClosed)).toEqual([true]);
		});
	});

	it('fails an image URL that drips past the deadline, before anything reaches GuGuData', async () => {
		const server = servers.international;
		const result = await run('international', [{ json: {} }], {
			operation: 'imageToText',
			inputType: 'url',
			imageUrl: server.assetUrl('_canned/drip?every=150'),
			options: { timeout: 1, retries: 0 },
		});
		expect(result.nodeError?.message).toBe('The image URL did not answer within 1 s');
		await server.waitForIdle();
		expect(assetRequests(server).map((entry) => entry.clientClosed)).toEqual([true]);
		expect(apiRequests(server)).toHaveLength(0);
	});
});

describe('cancelling the execution', () => {
	/** Cancels once `ready` holds (what the server has seen so far). */
	function cancelWhen(ready: () => boolean) {
		let cancelledAt = 0;
		return {
			onStarted: (cancel: () => void) => {
				const timer = setInterval(() => {
					if (!ready()) return;
					clearInterval(timer);
					cancelledAt = Date.now();
					cancel();
				}, 5);
			},
			cancelledAt: () => cancelledAt,
		};
	}

	it('stops image downloads in flight at once and starts no other item', async () => {
		const server = servers.international;
		const items = Array.from({ length: 6 }, () => ({ json: {} }));
		const when = cancelWhen(() => assetRequests(server).length === 3);
		const result = await run(
			'international',
			items,
			{
				operation: 'imageToText',
				inputType: 'url',
				imageUrl: server.assetUrl('_canned/drip?every=300'),
				options: { maxConcurrent: 3, retries: 0 },
			},
			{ onStarted: when.onStarted },
		);
		expect(when.cancelledAt()).toBeGreaterThan(0);
		expect(result.status).toBe('canceled');
		// Each download would drip for minutes: idle means the node hung up on all three.
		await server.waitForIdle();
		const downloads = assetRequests(server);
		expect(downloads).toHaveLength(3);
		expect(downloads.every((entry) => entry.clientClosed)).toBe(true);
		expect(apiRequests(server)).toHaveLength(0);
	});

	it.each(PLATFORMS)(
		'on %s ends a retry wait at once and sends nothing after the cancel',
		async (platform) => {
			const server = servers[platform];
			const busy = { status: 503, headers: { 'Retry-After': '120' } };
			const items = Array.from({ length: 4 }, () => binaryItem(imageAnswering(platform, busy)));
			const when = cancelWhen(() => apiRequests(server).length === 2);
			const result = await run(
				platform,
				items,
				{
					operation: 'imageToText',
					options: { maxConcurrent: 2, retries: 3, maxRetryWait: 120 },
				},
				{ onStarted: when.onStarted },
			);
			expect(result.status).toBe('canceled');
			await server.waitForIdle();
			const sent = apiRequests(server);
			expect(sent).toHaveLength(2);
			expect(sent.every((entry) => entry.time <= when.cancelledAt())).toBe(true);
		},
	);

	it.each(PLATFORMS)('on %s aborts a GuGuData answer still arriving', async (platform) => {
		const server = servers[platform];
		const bytes = imageAnswering(platform, { lines: ['NEVER'], drip: DRIP });
		const when = cancelWhen(() => apiRequests(server).length === 1);
		const result = await run(
			platform,
			[binaryItem(bytes), binaryItem(bytes)],
			{
				operation: 'imageToText',
				options: { maxConcurrent: 1 },
			},
			{ onStarted: when.onStarted },
		);
		expect(result.status).toBe('canceled');
		await server.waitForIdle();
		expect(apiRequests(server).map((entry) => entry.clientClosed)).toEqual([true]);
	});
});

describe('answers are read up to a cap per operation', () => {
	describe.each(PLATFORMS)('on %s', (platform) => {
		it('stops reading a gzip answer that inflates to 1 GiB at 4 MiB of text', async () => {
			const bytes = imageAnswering(platform, { status: 200, gzipInflatedMiB: 1024 });
			const before = process.memoryUsage().rss;
			let peak = before;
			const sampler = setInterval(() => {
				peak = Math.max(peak, process.memoryUsage().rss);
			}, 2);
			const result = await run(platform, [binaryItem(bytes)], {
				operation: 'imageToText',
				options: { retries: 3 },
			}).finally(() => clearInterval(sampler));
			expect(result.nodeError?.message).toBe("GuGuData's answer is larger than 4.0 MiB");
			// Not retried: an answer that size is not one that passes on a later try.
			expect(apiRequests(servers[platform])).toHaveLength(1);
			// Reading the whole answer would take gigabytes; the cap keeps it to a few MiB.
			expect((peak - before) / 2 ** 20).toBeLessThan(256);
		});

		it('stops reading an Image to Word answer at 1 MiB', async () => {
			const huge = `{"data":{"wordPath":"${'x'.repeat(2 * 1024 * 1024)}"}}`;
			const bytes = imageAnswering(platform, { status: 200, rawBody: huge });
			const result = await run(platform, [binaryItem(bytes)], { operation: 'imageToWord' });
			expect(result.nodeError?.message).toBe("GuGuData's answer is larger than 1.0 MiB");
		});
	});
});

describe('the AppKey never comes back out of a server', () => {
	const percent = encodeURIComponent(KEY);
	const jsonEscaped = JSON.stringify(KEY)
		.slice(1, -1)
		.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
	const ECHOES: Record<string, string> = {
		raw: `Invalid APPKEY ${KEY}`,
		'URL-encoded': `GET /ocr?appkey=${percent}&x=1 refused`,
		'URL-encoded without the parameter name': `key ${percent} refused`,
		'form-encoded': `body ${new URLSearchParams({ k: KEY }).toString().slice(2)} refused`,
		'HTML-escaped': `<p>key ${KEY.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`,
		'JSON-escaped': `{"key":"${jsonEscaped}"}`,
		'at the end of a long description': `${'x'.repeat(290)} key ${KEY}`,
		'URL-encoded at the end of a long description': `${'x'.repeat(295)}${percent}`,
	};

	/** Every way the key could have survived, whole or as its distinctive start. */
	function leaks(text: string): string[] {
		const forms = [KEY, percent, percent.toLowerCase(), jsonEscaped, 'SECRET-a', 'SECRET-'];
		return forms.filter((form) => text.includes(form));
	}

	it.each(PLATFORMS)('removes every echoed form from messages on %s', async (platform) => {
		const cases = Object.values(ECHOES).map((description) =>
			binaryItem(
				imageAnswering(platform, {
					...(platform === 'china' ? { code: 101 } : { status: 400 }),
					description,
				}),
			),
		);
		// Unpaced: eight requests at the default 5 per second would take over a second.
		const result = await run(
			platform,
			cases,
			{ operation: 'imageToText', options: { requestsPerSecond: 100 } },
			{ continueOnFail: true },
		);
		expect(result.items).toHaveLength(cases.length);
		for (const item of result.items) expect(String(item.json.description)).toContain('***');
		expect(leaks(result.serialized)).toEqual([]);
	});

	it('removes the key that a hostile Base URL echoes from the request it got', async () => {
		// Answers with the request line, the decoded query and the whole query as JSON.
		const hostile = createServer((req, res) => {
			const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
			const description = `${req.method} ${req.url} ${JSON.stringify(query)} ${query.appkey}`;
			res.writeHead(400, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ dataStatus: { statusCode: 400, statusDescription: description } }));
			req.resume();
		});
		hostile.listen(0, '127.0.0.1');
		await once(hostile, 'listening');
		try {
			const { port } = hostile.address() as AddressInfo;
			const result = await runWorkflow({
				parameters: { operation: 'imageToText' },
				credentials: {
					guGuDataApi: {
						appKey: KEY,
						platform: 'international',
						baseUrl: `http://127.0.0.1:${port}/v1`,
					},
				},
				items: [binaryItem(makePng('hostile'))],
				continueOnFail: true,
			});
			const [item] = result.items;
			expect(item.json.error).toBe('GuGuData rejected the request as invalid (HTTP 400)');
			expect(String(item.json.description)).toContain('appkey=***');
			expect(leaks(result.serialized)).toEqual([]);
		} finally {
			hostile.close();
		}
	});

	it('keeps the key out of a Word file link and does not send it to the file host', async () => {
		const server = servers.international;
		const link = server.assetUrl(`_canned/sample.png?appkey=${encodeURIComponent(KEY)}`);
		const bytes = imageAnswering('international', { status: 200, data: { wordPath: link } });
		const result = await run(
			'international',
			[binaryItem(bytes)],
			{ operation: 'imageToWord' },
			{
				continueOnFail: true,
			},
		);
		const [item] = result.items;
		expect(item.json.error).toBe('The Word file link GuGuData sent holds the AppKey');
		expect(assetRequests(server)).toHaveLength(0);
		expect(leaks(result.serialized)).toEqual([]);
	});
});
