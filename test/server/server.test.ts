import { request as httpRequest, type IncomingMessage } from 'node:http';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';

import { readDocxText } from '../fixtures/docx';
import {
	makeBigPng,
	makeBmp,
	makeGif,
	makeJpeg,
	makePng,
	makeTiff,
	makeWebp,
} from '../fixtures/images';
import { SAMPLE_LINES, readSamplePng } from '../fixtures/sample';
import { FixtureRegistry, startGuGuServer, type GuGuServer } from './index';

const KEY = 'TEST-KEY-1';
const JSON_TYPE = 'application/json; charset=utf-8';
const ARREARS = 'KEY-IN-ARREARS';
const FORBIDDEN = 'KEY-FORBIDDEN';
const keys = { [KEY]: 'active', [ARREARS]: 'arrears', [FORBIDDEN]: 'forbidden' } as const;

function imageForm(
	bytes: Uint8Array,
	extra: Record<string, string> = {},
	name = 'scan.png',
): FormData {
	const form = new FormData();
	for (const [field, value] of Object.entries(extra)) form.append(field, value);
	form.append('imagefile', new Blob([bytes], { type: 'image/png' }), name);
	return form;
}

async function post(
	url: string,
	body?: FormData | URLSearchParams | string,
	init: RequestInit = {},
) {
	const response = await fetch(url, { method: 'POST', body, ...init });
	const text = await response.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

interface Opened {
	res: IncomingMessage;
	/** Drops the connection, as a client that gives up does. */
	abort: () => void;
}

/** A raw request (no automatic gunzip, body as it comes); resolves once the headers are in. */
async function open(url: string, body?: FormData): Promise<Opened> {
	let bytes: Buffer | undefined;
	const headers: Record<string, string> = {};
	if (body) {
		const encoded = new Request(url, { method: 'POST', body });
		bytes = Buffer.from(await encoded.arrayBuffer());
		headers['Content-Type'] = encoded.headers.get('content-type')!;
		headers['Content-Length'] = String(bytes.length);
	}
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method: body ? 'POST' : 'GET', headers }, (res) => {
			res.on('error', () => undefined);
			resolve({ res, abort: () => req.destroy() });
		});
		req.on('error', reject);
		req.end(bytes);
	});
}

/** Reads until the body ends or at least `limit` bytes came, then stops reading. */
function readUpTo(res: IncomingMessage, limit = Infinity) {
	return new Promise<{ bytes: Buffer; pieces: number; ended: boolean }>((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const done = (ended: boolean) => {
			res.off('data', onData);
			res.pause();
			resolve({ bytes: Buffer.concat(chunks), pieces: chunks.length, ended });
		};
		const onData = (chunk: Buffer) => {
			chunks.push(chunk);
			size += chunk.length;
			if (size >= limit) done(false);
		};
		res.on('data', onData);
		res.once('end', () => done(true));
		res.once('close', () => done(res.complete));
	});
}

let intl: GuGuServer;
let china: GuGuServer;
const registry = new FixtureRegistry();

beforeAll(async () => {
	intl = await startGuGuServer({ platform: 'international', keys, fixtures: registry });
	china = await startGuGuServer({ platform: 'china', keys, fixtures: registry });
	registry.register(readSamplePng(), { lines: SAMPLE_LINES });
});

afterAll(async () => {
	await Promise.all([intl.close(), china.close()]);
});

beforeEach(async () => {
	// A request a test gave up on (a timed-out fetch) may still be closing: keep it out of the log.
	await Promise.all([intl.waitForIdle(), china.waitForIdle()]);
	for (const server of [intl, china]) {
		server.setOptions({
			rateLimit: null,
			faults: null,
			latencyMs: 0,
			chinaEmptyWord: 'empty-docx',
		});
		server.reset();
	}
});

const ocr = (key: string | null = KEY) => intl.endpointUrl('ocr', key);
const cnUrl = (endpoint: string, key: string | null = KEY) => china.endpointUrl(endpoint, key);

describe('addresses', () => {
	it('serves international under /v1 and China at the root', () => {
		expect(intl.baseUrl).toBe(`${intl.origin}/v1`);
		expect(china.baseUrl).toBe(china.origin);
		expect(intl.appKey).toBe(KEY);
	});

	it('answers 404 for the other platform’s paths', async () => {
		expect((await post(`${intl.origin}/imagerecognition/ocr?appkey=${KEY}`)).status).toBe(404);
		expect((await post(intl.endpointUrl('imagestreamocr'))).status).toBe(404);
		expect((await post(`${china.origin}/v1/imagerecognition/ocr?appkey=${KEY}`)).status).toBe(404);
	});
});

describe('international key check comes first', () => {
	it('401 for a missing key, even on a request that is invalid in every other way', async () => {
		const res = await fetch(ocr(null), { method: 'GET' });
		expect(res.status).toBe(401);
		const body: any = await res.json();
		expect(body.dataStatus.statusCode).toBe(401);
		expect(body.data).toBeNull();
		expect(
			(await post(ocr(null), 'junk', { headers: { 'Content-Type': 'text/plain' } })).status,
		).toBe(401);
	});

	it('401 for an unknown key, 403 for a key in arrears or forbidden', async () => {
		expect((await post(ocr('nope'), imageForm(readSamplePng()))).status).toBe(401);
		expect((await post(ocr(ARREARS), imageForm(readSamplePng()))).status).toBe(403);
		expect((await post(ocr(FORBIDDEN), new FormData())).status).toBe(403);
	});

	it('then validates: 405, 415, 400', async () => {
		const get = await fetch(ocr(), { method: 'GET' });
		expect(get.status).toBe(405);
		expect(get.headers.get('allow')).toBe('POST');
		const json = await post(ocr(), JSON.stringify({ imagefile: 'x' }), {
			headers: { 'Content-Type': 'application/json' },
		});
		expect(json.status).toBe(415);
		expect((await post(ocr(), new FormData())).status).toBe(400);
		const asText = new FormData();
		asText.append('imagefile', 'not a file');
		expect((await post(ocr(), asText)).json.dataStatus.statusDescription).toMatch(/file upload/);
		const broken = await post(ocr(), '--xx\r\nbroken', {
			headers: { 'Content-Type': 'multipart/form-data; boundary=xx' },
		});
		expect(broken.status).toBe(400);
	});

	it('accepts the key as a multipart field, and from a urlencoded form (then 415)', async () => {
		const res = await post(ocr(null), imageForm(readSamplePng(), { appkey: KEY }));
		expect(res.status).toBe(200);
		expect(intl.requests.at(-1)).toMatchObject({ appKeyPresent: true, appKeySource: 'body' });
		const form = await post(ocr(null), new URLSearchParams({ appkey: KEY }));
		expect(form.status).toBe(415);
	});
});

describe('China key check comes first', () => {
	it('HTTP 200 code 104, Data null, for a missing or wrong key before validation', async () => {
		for (const url of [cnUrl('ocr', null), cnUrl('ocr', 'wrong'), cnUrl('imagestreamocr', null)]) {
			const res = await post(url, 'garbage', { headers: { 'Content-Type': 'text/plain' } });
			expect(res.status).toBe(200);
			expect(res.json).toMatchObject({
				DataStatus: { StatusCode: 104, DataTotalCount: 0 },
				Data: null,
			});
		}
		const get = await fetch(cnUrl('ocr', null));
		expect(get.status).toBe(200);
	});

	it('takes the key from the query only', async () => {
		const res = await post(
			cnUrl('ocr', null),
			new URLSearchParams({ appkey: KEY, imagebase64: 'AAAA' }),
		);
		expect(res.json.DataStatus.StatusCode).toBe(104);
	});

	it('103 for arrears (HTTP 200), HTTP 403 for a forbidden key', async () => {
		expect(
			(await post(cnUrl('ocr', ARREARS), new URLSearchParams())).json.DataStatus.StatusCode,
		).toBe(103);
		expect((await post(cnUrl('ocr', FORBIDDEN), new URLSearchParams())).status).toBe(403);
	});

	it('then validates: 405, 415, code 101', async () => {
		expect((await fetch(cnUrl('ocr'))).status).toBe(405);
		expect((await post(cnUrl('ocr'), imageForm(readSamplePng()))).status).toBe(415);
		expect((await post(cnUrl('imagestreamocr'), new URLSearchParams())).status).toBe(415);
		const missing = await post(cnUrl('ocr'), new URLSearchParams({ other: '1' }));
		expect(missing.status).toBe(200);
		expect(missing.json).toMatchObject({ DataStatus: { StatusCode: 101 }, Data: null });
		const noFile = await post(cnUrl('imagestreamocr'), new FormData());
		expect(noFile.json.DataStatus.StatusCode).toBe(101);
	});

	it('treats a data: URI prefix or URL-safe alphabet as invalid base64 (101)', async () => {
		const b64 = readSamplePng().toString('base64');
		for (const value of [`data:image/png;base64,${b64}`, readSamplePng().toString('base64url')]) {
			const res = await post(cnUrl('ocr'), new URLSearchParams({ imagebase64: value }));
			expect(res.json.DataStatus.StatusCode).toBe(101);
		}
		// Unencoded '+' arrives as spaces, which .NET ignores: the bytes no longer match.
		const wrapped = b64.replace(/(.{76})/g, '$1\n');
		const ok = await post(cnUrl('ocr'), new URLSearchParams({ imagebase64: wrapped }));
		expect(ok.json.Data.ResultText).toEqual(SAMPLE_LINES);
	});
});

describe('success envelopes', () => {
	it('international ocr: camelCase, resultText and text', async () => {
		const res = await post(ocr(), imageForm(readSamplePng()));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(res.json).toEqual({
			dataStatus: {
				statusCode: 200,
				statusDescription: 'SUCCESS',
				responseDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
				dataTotalCount: 1,
			},
			data: { resultText: SAMPLE_LINES, text: SAMPLE_LINES.join('\n') },
		});
	});

	it('international: an unknown image reads as no text', async () => {
		const res = await post(ocr(), imageForm(makePng('unknown')));
		expect(res.json.data).toEqual({ resultText: [], text: '' });
	});

	it('China imagestreamocr and base64 ocr: PascalCase, no SourceImageUrl', async () => {
		const stream = await post(cnUrl('imagestreamocr'), imageForm(readSamplePng()));
		expect(stream.json).toEqual({
			DataStatus: {
				StatusCode: 100,
				StatusDescription: 'successfully',
				ResponseDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
				DataTotalCount: 1,
			},
			Data: { ResultText: SAMPLE_LINES },
		});
		const b64 = await post(
			cnUrl('ocr'),
			new URLSearchParams({ imagebase64: readSamplePng().toString('base64') }),
		);
		expect(b64.json.Data).toEqual({ ResultText: SAMPLE_LINES });
	});

	it('returns lines byte-exact, Chinese and emoji included', async () => {
		const lines = ['咕咕数据 OCR', '😀 emoji & <tags> "quotes"', '', '  spaced  '];
		const image = makePng('unicode');
		registry.register(image, { lines });
		expect((await post(ocr(), imageForm(image))).json.data.resultText).toEqual(lines);
		const cn = await post(
			cnUrl('ocr'),
			new URLSearchParams({ imagebase64: image.toString('base64') }),
		);
		expect(cn.json.Data.ResultText).toEqual(lines);
	});

	it('demo needs no key', async () => {
		const res = await post(`${intl.baseUrl}/imagerecognition/ocr/demo`);
		expect(res.json.data.resultText).toEqual(SAMPLE_LINES);
		expect(intl.requests.at(-1)!.appKeyPresent).toBe(false);
	});
});

describe('image checks', () => {
	it('accepts JPEG, PNG, WebP, TIFF and BMP; refuses GIF and non-images', async () => {
		for (const image of [makeJpeg(1), makeWebp(1), makeTiff(1), makeBmp(1), makePng(1)]) {
			expect((await post(ocr(), imageForm(image))).status).toBe(200);
		}
		expect((await post(ocr(), imageForm(makeGif(1)))).status).toBe(415);
		expect((await post(ocr(), imageForm(Buffer.from('<html></html>')))).status).toBe(415);
		const cn = await post(cnUrl('imagestreamocr'), imageForm(makeGif(1)));
		expect(cn.json.DataStatus.StatusCode).toBe(101);
	});

	it('10 MiB passes, one byte more is 413 (international) / 101 (China)', async () => {
		expect((await post(ocr(), imageForm(makeBigPng(10 * 1024 * 1024)))).status).toBe(200);
		const big = makeBigPng(10 * 1024 * 1024 + 1);
		expect((await post(ocr(), imageForm(big))).status).toBe(413);
		const cn = await post(cnUrl('imagestreamocr'), imageForm(big));
		expect(cn.json.DataStatus.StatusCode).toBe(101);
	});

	it('ocr2word refuses more than 8192 px a side (413)', async () => {
		const wide = makePng('wide', { width: 8193, height: 1 });
		expect((await post(intl.endpointUrl('ocr2word'), imageForm(wide))).status).toBe(413);
		expect((await post(ocr(), imageForm(wide))).status).toBe(200);
	});
});

describe('ocr2word', () => {
	const lines = ['Line <1> & "two"', '中文段落', 'emoji 🚀', 'tab\there'];
	const image = makePng('word');
	beforeAll(() => registry.register(image, { lines }));

	it('international: a real docx, one paragraph per line, public link, filename', async () => {
		const res = await post(
			intl.endpointUrl('ocr2word'),
			imageForm(image, { filename: 'Report 2026' }),
		);
		expect(res.status).toBe(200);
		const wordPath: string = res.json.data.wordPath;
		expect(wordPath).toMatch(new RegExp(`^${intl.origin}/files/[0-9a-f]+/Report%202026\\.docx$`));
		const file = await fetch(wordPath);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		);
		expect(readDocxText(Buffer.from(await file.arrayBuffer()))).toEqual(lines);
		const download = intl.requests.at(-1)!;
		expect(download).toMatchObject({ area: 'files', appKeyPresent: false, rawQuery: '' });
	});

	it('international: filename over 128 characters is 400; .docx kept once', async () => {
		const long = await post(
			intl.endpointUrl('ocr2word'),
			imageForm(image, { filename: 'x'.repeat(129) }),
		);
		expect(long.status).toBe(400);
		const named = await post(
			intl.endpointUrl('ocr2word'),
			imageForm(image, { filename: 'a.DOCX' }),
		);
		expect(named.json.data.wordPath).toMatch(/\/a\.DOCX$/);
	});

	it('international: 422 when the image has no text', async () => {
		const res = await post(intl.endpointUrl('ocr2word'), imageForm(makePng('blank')));
		expect(res.status).toBe(422);
		expect(res.json.dataStatus.statusCode).toBe(422);
	});

	it('China: base64 gives ResultWordFileUrl without SourceImageUrl', async () => {
		const res = await post(
			cnUrl('ocr2word'),
			new URLSearchParams({ imagebase64: image.toString('base64') }),
		);
		expect(Object.keys(res.json.Data)).toEqual(['ResultWordFileUrl']);
		const file = await fetch(res.json.Data.ResultWordFileUrl);
		expect(readDocxText(Buffer.from(await file.arrayBuffer()))).toEqual(lines);
	});

	it('China: no text gives an empty docx, or code 110 when configured', async () => {
		const form = () => new URLSearchParams({ imagebase64: makePng('blank').toString('base64') });
		const empty = await post(cnUrl('ocr2word'), form());
		expect(readDocxText(china.fileBytes(empty.json.Data.ResultWordFileUrl)!)).toEqual([]);
		china.setOptions({ chinaEmptyWord: 'code110' });
		expect((await post(cnUrl('ocr2word'), form())).json.DataStatus.StatusCode).toBe(110);
	});
});

describe('China image URLs', () => {
	it('downloads the URL itself, echoes SourceImageUrl; the host never sees the key', async () => {
		const url = china.hostFile('pics/sample.png', readSamplePng());
		const res = await post(cnUrl('ocr'), new URLSearchParams({ imageurl: url }));
		expect(res.json.Data).toEqual({ SourceImageUrl: url, ResultText: SAMPLE_LINES });
		const hit = china.requests.find((entry) => entry.area === 'assets')!;
		expect(hit.rawQuery).toBe('');
		expect(JSON.stringify(hit.headers)).not.toContain(KEY);
		const api = china.requests.find((entry) => entry.area === 'api')!;
		expect(api).toMatchObject({
			imageUrl: url,
			fields: ['imageurl'],
			query: { appkey: '[REDACTED]' },
		});
	});

	it('code 101 when the URL fails: 404, HTML, login, empty, too big, too slow', async () => {
		china.setOptions({ downloadTimeoutMs: 300 });
		const routes = [
			'not-found',
			'html',
			'redirect-login',
			'empty',
			'oversize?mib=11',
			'slow?ms=2000',
		];
		for (const route of routes) {
			const imageurl = china.assetUrl(`_canned/${route}`);
			const res = await post(cnUrl('ocr2word'), new URLSearchParams({ imageurl }));
			expect([route, res.json.DataStatus.StatusCode]).toEqual([route, 101]);
		}
		china.setOptions({ downloadTimeoutMs: 5000 });
	});

	it('follows a redirect to an image', async () => {
		const imageurl = china.assetUrl('_canned/redirect?to=/assets/_canned/sample.png');
		const res = await post(cnUrl('ocr'), new URLSearchParams({ imageurl }));
		expect(res.json.Data.ResultText).toEqual(SAMPLE_LINES);
	});
});

describe('forced outcomes', () => {
	const force = (seed: string, outcome: object) => {
		const image = makePng(seed);
		registry.register(image, outcome);
		return image;
	};

	it('international: status, headers, code mapping', async () => {
		const limited = await post(
			ocr(),
			imageForm(force('f429', { status: 429, headers: { 'Retry-After': '7' } })),
		);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('7');
		expect(limited.json.dataStatus.statusCode).toBe(429);
		const arrears = await post(ocr(), imageForm(force('f103', { code: 103 })));
		expect([arrears.status, arrears.json.dataStatus.statusCode]).toEqual([403, 403]);
		expect((await post(ocr(), imageForm(force('f102', { code: 102 })))).status).toBe(429);
		expect((await post(ocr(), imageForm(force('f110', { code: 110 })))).status).toBe(500);
		const nullData = await post(ocr(), imageForm(force('fnull', { status: 200 })));
		expect(nullData.json).toMatchObject({ dataStatus: { statusCode: 200 }, data: null });
	});

	it('raw bodies: truncated JSON, HTML with 200, JSON without an envelope', async () => {
		const truncated = await post(
			ocr(),
			imageForm(force('trunc', { rawBody: '{"dataStatus":{"statusCo' })),
		);
		expect([truncated.status, truncated.json]).toEqual([200, undefined]);
		const html = await post(
			ocr(),
			imageForm(force('html', { rawBody: '<html>hi</html>', contentType: 'text/html' })),
		);
		expect(html.headers.get('content-type')).toBe('text/html');
		const bare = await post(ocr(), imageForm(force('bare', { rawBody: '["a","b"]' })));
		expect(bare.json).toEqual(['a', 'b']);
	});

	it('China: status alone is a gateway page, code alone is HTTP 200 with that code', async () => {
		const gateway = await post(cnUrl('imagestreamocr'), imageForm(force('c502', { status: 502 })));
		expect(gateway.status).toBe(502);
		expect(gateway.headers.get('content-type')).toMatch(/text\/html/);
		const busy = await post(cnUrl('imagestreamocr'), imageForm(force('c102', { code: 102 })));
		expect([busy.status, busy.json.DataStatus.StatusCode, busy.json.Data]).toEqual([
			200,
			102,
			null,
		]);
	});

	it('connection reset and slow answers', async () => {
		await expect(
			fetch(ocr(), { method: 'POST', body: imageForm(force('reset', { reset: true })) }),
		).rejects.toThrow();
		const slow = force('slow', { lines: ['late'], delayMs: 150 });
		const started = Date.now();
		expect((await post(ocr(), imageForm(slow))).json.data.resultText).toEqual(['late']);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('forced fixtures skip the image checks', async () => {
		const gif = makeGif('forced');
		registry.register(gif, { lines: ['from a gif'] });
		expect((await post(ocr(), imageForm(gif))).status).toBe(415);
		registry.register(gif, { status: 503 });
		expect((await post(ocr(), imageForm(gif))).status).toBe(503);
	});

	it('a sequence answers in turn, repeats its last outcome, and restarts on reset()', async () => {
		const image = force('sequence', {
			sequence: [{ status: 503 }, { code: 102 }, { lines: ['third time lucky'] }],
		});
		const statuses = async () => {
			const answers = [];
			for (let i = 0; i < 4; i++) answers.push((await post(ocr(), imageForm(image))).status);
			return answers;
		};
		expect(await statuses()).toEqual([503, 429, 200, 200]);
		intl.reset();
		expect(await statuses()).toEqual([503, 429, 200, 200]);
		// Requests refused before recognition (here: the key) do not take a turn.
		registry.register(image, { sequence: [{ code: 110 }, { lines: ['ok'] }] });
		expect((await post(ocr('WRONG'), imageForm(image))).status).toBe(401);
		const china1 = await post(cnUrl('imagestreamocr'), imageForm(image));
		expect(china1.json.DataStatus.StatusCode).toBe(110);
		const china2 = await post(cnUrl('imagestreamocr'), imageForm(image));
		expect(china2.json.Data.ResultText).toEqual(['ok']);
	});

	it('a default outcome for unknown images', async () => {
		intl.setOptions({ defaultOutcome: { lines: ['default'] } });
		expect((await post(ocr(), imageForm(makePng('any')))).json.data.resultText).toEqual([
			'default',
		]);
		intl.setOptions({ defaultOutcome: { lines: [] } });
	});
});

describe('traffic', () => {
	it('enforces QPS per IP with 429 and Retry-After: 1', async () => {
		china.setOptions({ rateLimit: { perSecond: 5 }, latencyMs: 50 });
		const body = () => new URLSearchParams({ imagebase64: readSamplePng().toString('base64') });
		const burst = await Promise.all(Array.from({ length: 8 }, () => post(cnUrl('ocr'), body())));
		const statuses = burst.map((res) => res.status).sort();
		expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
		expect(burst.find((res) => res.status === 429)!.headers.get('retry-after')).toBe('1');
		expect(china.stats).toMatchObject({ rateLimited: 3, emitted429: 3, maxPerSecond: 8 });
		expect(china.stats.maxInFlight).toBeGreaterThan(1);
		await new Promise((resolve) => setTimeout(resolve, 1050));
		expect((await post(cnUrl('ocr'), body())).status).toBe(200);
	});

	it('injects faults deterministically from the seed', async () => {
		const faults = {
			rate429: 0.2,
			rate503: 0.2,
			rateSlow: 0.1,
			slowMs: 10,
			rateMalformed: 0.1,
			seed: 7,
		};
		const run = async () => {
			intl.setOptions({ faults });
			intl.reset();
			const seen: string[] = [];
			for (let i = 0; i < 20; i++) {
				const res = await post(ocr(), imageForm(readSamplePng()));
				seen.push(`${res.status}:${res.json ? 'json' : 'bad'}`);
			}
			return seen;
		};
		const first = await run();
		expect(await run()).toEqual(first);
		expect(first).toEqual(expect.arrayContaining(['429:json', '503:json', '200:json', '200:bad']));
		expect(intl.stats.faults['429']).toBeGreaterThan(0);
		const retry = intl.requests.find((entry) => entry.status === 429);
		expect(retry?.fault).toBe('429');
	});

	it('adds latency before each answer', async () => {
		intl.setOptions({ latencyMs: 100 });
		const started = Date.now();
		await post(ocr(), imageForm(readSamplePng()));
		expect(Date.now() - started).toBeGreaterThanOrEqual(95);
	});
});

describe('third-party host', () => {
	it('serves hosted files and the canned routes', async () => {
		const url = intl.hostFile('dir/pic.png', makePng('hosted'));
		const hosted = await fetch(url);
		expect([hosted.status, hosted.headers.get('content-type')]).toEqual([200, 'image/png']);
		const expectations: Array<[string, number, RegExp]> = [
			['html', 200, /text\/html/],
			['not-found', 404, /text\/html/],
			['login', 200, /text\/html/],
			['empty', 200, /image\/png/],
			['sample.png', 200, /image\/png/],
			['png-as-text', 200, /text\/plain/],
			['error', 500, /text\/html/],
		];
		for (const [route, status, type] of expectations) {
			const res = await fetch(intl.assetUrl(`_canned/${route}`));
			expect([route, res.status, type.test(res.headers.get('content-type') ?? '')]).toEqual([
				route,
				status,
				true,
			]);
			await res.arrayBuffer();
		}
		const redirect = await fetch(intl.assetUrl('_canned/redirect-login'), { redirect: 'manual' });
		expect([redirect.status, redirect.headers.get('location')]).toEqual([
			302,
			'/assets/_canned/login',
		]);
		const big = await fetch(intl.assetUrl('_canned/oversize?mib=11&chunked=1'));
		expect(big.headers.get('content-length')).toBeNull();
		expect((await big.arrayBuffer()).byteLength).toBe(11 * 1024 * 1024);
		await expect(fetch(intl.assetUrl('_canned/reset'))).rejects.toThrow();
		const slow = fetch(intl.assetUrl('_canned/slow?ms=5000'), { signal: AbortSignal.timeout(100) });
		await expect(slow).rejects.toThrow();
	});

	it('drips the sample image N bytes every MS ms, until the client goes away', async () => {
		const sample = readSamplePng();
		const whole = await fetch(intl.assetUrl('_canned/drip?every=1&bytes=64'));
		expect([whole.headers.get('content-type'), whole.headers.get('content-length')]).toEqual([
			'image/png',
			String(sample.length),
		]);
		expect(Buffer.from(await whole.arrayBuffer())).toEqual(sample);

		const { res, abort } = await open(intl.assetUrl('_canned/drip?every=50'));
		const first = await readUpTo(res, 2);
		abort();
		await intl.waitForIdle();
		expect(first.bytes.length).toBeLessThan(sample.length);
		expect(first.bytes).toEqual(sample.subarray(0, first.bytes.length));
		expect(intl.requests.map(({ path, clientClosed }) => [path, clientClosed])).toEqual([
			['/assets/_canned/drip', false],
			['/assets/_canned/drip', true],
		]);
	});

	it('a China download of a dripping image times out (code 101)', async () => {
		china.setOptions({ downloadTimeoutMs: 300 });
		try {
			const imageurl = china.assetUrl('_canned/drip?every=100');
			const res = await post(cnUrl('ocr'), new URLSearchParams({ imageurl }));
			expect(res.json.DataStatus).toMatchObject({ StatusCode: 101 });
			await china.waitForIdle();
			const asset = china.requests.find((entry) => entry.area === 'assets');
			expect(asset).toMatchObject({ status: 200, clientClosed: true });
		} finally {
			china.setOptions({ downloadTimeoutMs: 5000 });
		}
	});

	it('is not subject to API faults', async () => {
		intl.setOptions({ faults: { rate503: 1 } });
		expect((await post(ocr(), imageForm(readSamplePng()))).status).toBe(503);
		expect((await fetch(intl.assetUrl('_canned/sample.png'))).status).toBe(200);
	});
});

describe('dripping answers', () => {
	const force = (seed: string, outcome: object) => {
		const image = makePng(seed);
		registry.register(image, outcome);
		return image;
	};

	it('sends status and headers at once, then the body a few bytes at a time', async () => {
		const drip = { intervalMs: 20, chunkBytes: 16 };
		const image = force('drip-envelope', { status: 200, data: 'slow', drip });
		const started = Date.now();
		const { res } = await open(ocr(), imageForm(image));
		const length = Number(res.headers['content-length']);
		expect([res.statusCode, res.headers['content-type']]).toEqual([200, JSON_TYPE]);
		// Logged as soon as the answer started, still open.
		const entry = intl.requests.at(-1)!;
		expect(entry).toMatchObject({ endpoint: 'ocr', status: 200, code: 200 });
		expect([entry.endTime, entry.clientClosed]).toEqual([undefined, undefined]);
		expect(intl.stats.openRequests).toBe(1);
		const body = await readUpTo(res);
		expect([body.ended, body.bytes.length]).toEqual([true, length]);
		expect(body.pieces).toBeGreaterThan(1);
		expect(JSON.parse(body.bytes.toString()).data).toBe('slow');
		// Timers never fire early (give 1 ms each for rounding): a lower bound only.
		expect(Date.now() - started).toBeGreaterThanOrEqual(Math.ceil(length / 16) * 19);
		await intl.waitForIdle();
		expect(entry.clientClosed).toBe(false);
		expect(entry.endTime).toBeGreaterThanOrEqual(entry.time);
		expect(intl.stats.openRequests).toBe(0);
	});

	it('stops when the client goes away, and logs that', async () => {
		const image = force('drip-gone', { code: 110, drip: { intervalMs: 30 } });
		const { res, abort } = await open(cnUrl('imagestreamocr'), imageForm(image));
		const length = Number(res.headers['content-length']);
		const first = await readUpTo(res, 3);
		abort();
		await china.waitForIdle();
		expect(first.bytes.length).toBeLessThan(length);
		expect(first.bytes.toString()).toMatch(/^\{"D/);
		const entry = china.requests.at(-1)!;
		expect(entry).toMatchObject({ status: 200, code: 110, clientClosed: true });
		expect(entry.endTime).toBeGreaterThanOrEqual(entry.time);
		expect(china.stats.openRequests).toBe(0);
		// Still serving.
		expect((await post(cnUrl('imagestreamocr'), imageForm(readSamplePng()))).status).toBe(200);
	});

	it('drips raw bodies and lines answers too', async () => {
		const drip = { intervalMs: 1, chunkBytes: 32 };
		const raw = await post(ocr(), imageForm(force('drip-raw', { rawBody: '{"cut', drip })));
		expect([raw.status, raw.text]).toEqual([200, '{"cut']);
		const lines = force('drip-lines', { lines: ['dripped'], drip });
		expect((await post(ocr(), imageForm(lines))).json.data.resultText).toEqual(['dripped']);
		const cn = await post(cnUrl('imagestreamocr'), imageForm(lines));
		expect(cn.json.Data.ResultText).toEqual(['dripped']);
		await Promise.all([intl.waitForIdle(), china.waitForIdle()]);
		expect(intl.requests.map((entry) => entry.clientClosed)).toEqual([false, false]);
	});

	it('waitForIdle rejects at its timeout while an answer is open', async () => {
		const { res, abort } = await open(intl.assetUrl('_canned/drip?every=1000'));
		expect(res.statusCode).toBe(200);
		expect(intl.stats.openRequests).toBe(1);
		await expect(intl.waitForIdle(50)).rejects.toThrow(/1 request\(s\) still open after 50 ms/);
		abort();
		await intl.waitForIdle();
		expect(intl.stats.openRequests).toBe(0);
	});
});

describe('gzip bombs', () => {
	const MIB = 1024 * 1024;
	/** Inflates what came, however it was cut off. */
	const inflate = (bytes: Buffer) => gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH });

	it('international: inflates to exactly N MiB of an envelope that never closes', async () => {
		registry.register(makePng('bomb4'), { gzipInflatedMiB: 4 });
		const { res } = await open(ocr(), imageForm(makePng('bomb4')));
		expect(res.statusCode).toBe(200);
		expect(res.headers['content-encoding']).toBe('gzip');
		expect(res.headers['content-type']).toBe(JSON_TYPE);
		const packed = await readUpTo(res);
		expect(packed.bytes.length).toBe(Number(res.headers['content-length']));
		expect(packed.bytes.length).toBeLessThan(64 * 1024);
		const text = gunzipSync(packed.bytes).toString('latin1');
		expect(text.length).toBe(4 * MIB);
		expect(text.slice(0, 200)).toMatch(
			/^\{"dataStatus":\{"statusCode":200,"statusDescription":"SUCCESS",.*\},"data":\{"resultText":\["AAAA/,
		);
		expect(text.endsWith('AAAA')).toBe(true);
		expect(() => JSON.parse(text)).toThrow();
	});

	it('China: a PascalCase envelope; a client with a size cap cuts it off', async () => {
		registry.register(makePng('bomb-cn'), { gzipInflatedMiB: 2 });
		const res = await fetch(cnUrl('imagestreamocr'), {
			method: 'POST',
			body: imageForm(makePng('bomb-cn')),
		});
		const reader = res.body!.getReader();
		const chunks: Uint8Array[] = [];
		let size = 0;
		while (size <= 256 * 1024) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			size += value.length;
		}
		await reader.cancel();
		expect(size).toBeGreaterThan(256 * 1024);
		expect(Buffer.concat(chunks).subarray(0, 40).toString()).toBe(
			'{"DataStatus":{"StatusCode":100,"StatusD',
		);
		await china.waitForIdle();
		expect(china.requests.at(-1)).toMatchObject({ status: 200, code: undefined });
	});

	it('1024 MiB inflated is about 1 MiB of gzip', async () => {
		registry.register(makePng('bomb1g'), { gzipInflatedMiB: 1024 });
		const { res } = await open(ocr(), imageForm(makePng('bomb1g')));
		const length = Number(res.headers['content-length']);
		expect(length).toBeGreaterThan(0.9 * MIB);
		expect(length).toBeLessThan(1.2 * MIB);
		const packed = await readUpTo(res);
		expect(packed.bytes.length).toBe(length);
		expect(inflate(packed.bytes.subarray(0, 4096)).toString()).toMatch(/"resultText":\["A+$/);
		await intl.waitForIdle();
		expect(intl.requests.at(-1)).toMatchObject({ status: 200, clientClosed: false });
	}, 30_000);

	it('can drip, and stops when the client goes away', async () => {
		const drip = { intervalMs: 20, chunkBytes: 64 };
		registry.register(makePng('bomb-drip'), { gzipInflatedMiB: 1, drip });
		const { res, abort } = await open(ocr(), imageForm(makePng('bomb-drip')));
		expect(res.headers['content-encoding']).toBe('gzip');
		const first = await readUpTo(res, 128);
		abort();
		await intl.waitForIdle();
		expect(first.bytes.length).toBeLessThan(Number(res.headers['content-length']));
		expect(inflate(first.bytes).toString()).toMatch(/^\{"dataStatus"/);
		expect(intl.requests.at(-1)).toMatchObject({ status: 200, clientClosed: true });
	});
});

describe('options', () => {
	it('sends Retry-After as given, including an HTTP date', async () => {
		const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
		intl.setOptions({ faults: { rate429: 1, retryAfter: date } });
		expect((await post(ocr(), imageForm(readSamplePng()))).headers.get('retry-after')).toBe(date);
		china.setOptions({ faults: { rate429: 1 } });
		const cn = await post(cnUrl('ocr'), new URLSearchParams());
		expect([cn.status, cn.headers.get('retry-after')]).toEqual([429, '1']);
		expect(cn.headers.get('content-type')).toMatch(/text\/html/);
	});

	it('resets connections as a fault', async () => {
		intl.setOptions({ faults: { rateReset: 1 } });
		await expect(
			fetch(ocr(), { method: 'POST', body: imageForm(readSamplePng()) }),
		).rejects.toThrow();
		expect(intl.requests.at(-1)).toMatchObject({ status: 0, fault: 'reset' });
	});

	it('changes keys, and adds the newer envelope fields on request', async () => {
		china.setOptions({ keys: ['NEW-KEY'], extendedEnvelope: true });
		try {
			const old = await post(cnUrl('ocr'), new URLSearchParams());
			expect(old.json.DataStatus).toMatchObject({ StatusCode: 104, Status: 'ERROR' });
			const res = await post(cnUrl('ocr', 'NEW-KEY'), new URLSearchParams({ imagebase64: 'AAAA' }));
			expect(res.json.DataStatus).toMatchObject({
				StatusCode: 101,
				RequestParameter: 'appkey=***',
			});
		} finally {
			china.setOptions({ keys, extendedEnvelope: false });
		}
	});
});

describe('request log', () => {
	it('records uploads without ever storing the key', async () => {
		await post(ocr(), imageForm(readSamplePng(), { filename: 'x' }, 'sample.png'));
		const entry = intl.requests.at(-1)!;
		expect(entry).toMatchObject({
			area: 'api',
			endpoint: 'ocr',
			method: 'POST',
			path: '/v1/imagerecognition/ocr',
			query: { appkey: '[REDACTED]' },
			appKeyPresent: true,
			appKeySource: 'query',
			fields: ['filename'],
			status: 200,
			code: 200,
		});
		expect(entry.files).toEqual([
			expect.objectContaining({
				field: 'imagefile',
				name: 'sample.png',
				size: readSamplePng().length,
			}),
		]);
		expect(JSON.stringify(intl.requests)).not.toContain(KEY);
	});

	it('notes when each answer ended, and whether the client left first', async () => {
		await post(ocr(), imageForm(readSamplePng()));
		await fetch(intl.assetUrl('_canned/sample.png')).then((res) => res.arrayBuffer());
		await post(`${intl.origin}/nowhere`);
		await intl.waitForIdle();
		for (const entry of intl.requests) {
			expect(entry.clientClosed).toBe(false);
			expect(entry.endTime).toBeGreaterThanOrEqual(entry.time);
		}
		expect(intl.requests.map((entry) => entry.area)).toEqual(['api', 'assets', 'other']);
		expect(intl.stats.openRequests).toBe(0);
	});
});
