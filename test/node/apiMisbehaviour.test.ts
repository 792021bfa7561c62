/**
 * GuGuData (or whatever answers in its place) misbehaving: bodies that are not its JSON, empty
 * successes, every HTTP status and China application code, each with the exact message the node
 * gives. Retryable answers run with retries 0 here (retries.test.ts covers the retrying).
 */
import type { IDataObject } from 'n8n-workflow';

import { makePng } from '../fixtures/images';
import { runWorkflow } from '../harness';
import type { ForcedOutcome, Platform } from '../server';
import { binaryItem, PLATFORMS, startServers } from './servers';
import type { Servers } from './servers';
import type { TableRow } from './table-helpers';
import { badApiRequests, checkRow, forcedImage, registerGoodImages } from './table-helpers';

let servers: Servers;

beforeAll(async () => {
	servers = await startServers();
	registerGoodImages(servers);
});
afterAll(async () => await servers.close());

const RETRY_LATER = 'This is usually temporary: retry later';
const CHECK_BASE_URL = "check the credential's Base URL";
const CHECK_KEY = 'Check the AppKey in the GuGuData API credential';

interface ApiCase {
	name: string;
	outcome: ForcedOutcome;
	message: string;
	advice: string[];
	httpCode?: string;
	/** Retryable answers get retries 0, so the one request is the whole story. */
	retryable?: boolean;
	/** More node options (with retries 0 when retryable). */
	options?: IDataObject;
}

/** Bodies that are not GuGuData's JSON, and successes without a result: same on both platforms. */
const BODY_CASES: ApiCase[] = [
	{
		name: 'a non-JSON body',
		outcome: { status: 200, rawBody: 'Service OK', contentType: 'text/plain' },
		message: 'GuGuData sent an answer the node cannot read (HTTP 200)',
		advice: ["The answer was not GuGuData's JSON (it was text/plain).", CHECK_BASE_URL],
		httpCode: '200',
	},
	{
		name: 'truncated JSON',
		outcome: { status: 200, rawBody: '{"dataStatus":{"statusCode":200,"statusDescr' },
		message: 'GuGuData sent broken JSON (HTTP 200)',
		advice: ['The answer was cut short or garbled on the way.', RETRY_LATER],
		httpCode: '200',
		retryable: true,
	},
	{
		name: 'JSON without the envelope',
		outcome: { status: 200, rawBody: '{"result":"ok","items":[]}' },
		message: 'GuGuData sent an answer the node cannot read (HTTP 200)',
		advice: ["The answer was JSON, but without GuGuData's status fields.", CHECK_BASE_URL],
		httpCode: '200',
	},
	{
		name: 'success with data null',
		outcome: { status: 200 },
		message: 'GuGuData reported success but sent no recognised text',
		advice: ["The answer's data was empty or had an unknown shape.", 'support@gugudata.com'],
	},
	{
		name: 'a recognised line that is an object',
		outcome: { status: 200, data: { resultText: [1, { a: 1 }, 'x'] } },
		message: 'GuGuData sent an answer the node cannot read',
		advice: ['A recognised line was an object instead of text.', CHECK_BASE_URL],
	},
	{
		name: 'recognised lines nested 50,000 lists deep',
		outcome: {
			status: 200,
			rawBody: `{"dataStatus":{"statusCode":200},"data":{"resultText":${'['.repeat(50_000)}"x"${']'.repeat(50_000)}}}`,
		},
		message: 'GuGuData sent an answer the node cannot read',
		advice: ['A recognised line was a list instead of text.', CHECK_BASE_URL],
	},
	{
		name: 'success with data of an unknown shape',
		outcome: { status: 200, data: { words: 12 } },
		message: 'GuGuData reported success but sent no recognised text',
		advice: ["The answer's data was empty or had an unknown shape."],
	},
	{
		name: 'HTTP 200 with an HTML page',
		outcome: {
			status: 200,
			rawBody: '<!DOCTYPE html><html><body><form>Wi-Fi login</form></body></html>',
			contentType: 'text/html; charset=utf-8',
		},
		message: 'GuGuData sent an answer the node cannot read (HTTP 200)',
		advice: ['(it was text/html)', 'A proxy, captive portal or wrong Base URL', CHECK_BASE_URL],
		httpCode: '200',
	},
	{
		name: 'a 302 to a login page',
		outcome: { status: 302, headers: { Location: 'https://sso.example.com/login' } },
		message: 'GuGuData redirected the request elsewhere (HTTP 302)',
		advice: ['a proxy or login page is answering instead', "Check the credential's Base URL."],
		httpCode: '302',
	},
	{
		name: 'a connection reset',
		outcome: { reset: true },
		message: 'Could not reach GuGuData (ECONNRESET)',
		advice: ["Check the network connection and the credential's Platform and Base URL."],
		retryable: true,
	},
	{
		name: 'no answer within the timeout',
		outcome: { status: 200, delayMs: 3000 },
		message: 'GuGuData did not answer in time',
		advice: ["Large images take longer: raise the node's Timeout option."],
		retryable: true,
		options: { timeout: 1 },
	},
];

/** What each HTTP status says; international answers add GuGuData's own description. */
const STATUS_CASES: Array<[number, string, string[], boolean?]> = [
	[
		400,
		'GuGuData rejected the request as invalid (HTTP 400)',
		['Check that the input is an image', 'JPEG, PNG, WebP, TIFF and BMP images of at most 10 MiB'],
	],
	[401, 'GuGuData rejected the AppKey (HTTP 401)', [CHECK_KEY]],
	[
		403,
		'The AppKey has no access to this GuGuData API (HTTP 403)',
		['check your subscription, trial state and balance in the GuGuData developer center'],
	],
	[
		404,
		'No GuGuData API at this address (HTTP 404)',
		["Check the credential's Platform and Base URL."],
	],
	[
		413,
		'The image is too large for GuGuData (HTTP 413)',
		['8,192 px on each side and 40 megapixels', 'Resize or compress it first.'],
	],
	[
		415,
		'GuGuData does not accept this type of file (HTTP 415)',
		['GuGuData reads JPEG, PNG, WebP, TIFF and BMP images'],
	],
	[
		422,
		'GuGuData found no readable text in the image (HTTP 422)',
		['The image may be blank, blurred, rotated or too small.'],
	],
	[
		429,
		'GuGuData rate limit reached (HTTP 429)',
		['Send fewer requests per second (GuGuData allows 5 per IP).', RETRY_LATER],
		true,
	],
	[500, 'GuGuData had an internal error (HTTP 500)', [RETRY_LATER], true],
	[502, "GuGuData's upstream service failed (HTTP 502)", [RETRY_LATER], true],
	[503, 'GuGuData is temporarily unavailable (HTTP 503)', [RETRY_LATER], true],
];

/** GuGuData's own words, as the international server sends them in the envelope. */
const INTERNATIONAL_SAYS: Record<number, string> = {
	400: 'GuGuData said: "Invalid request parameters or request format.".',
	401: 'GuGuData said: "Missing or unknown application key.".',
	403: 'GuGuData said: "The application key is recognized but access is not allowed.".',
	404: 'GuGuData said: "Resource not found.".',
	413: 'GuGuData said: "Payload too large.".',
	415: 'GuGuData said: "Unsupported media type.".',
	422: 'GuGuData said: "No readable text was found in the image.".',
	429: 'GuGuData said: "Request rate or trial usage limit exceeded.".',
	500: 'GuGuData said: "Internal service error.".',
	502: 'GuGuData said: "Upstream service error.".',
	503: 'GuGuData said: "Upstream service unavailable.".',
};

/** China's application codes, sent with HTTP 200. */
const CHINA_CODE_CASES: ApiCase[] = [
	{
		name: 'code 101',
		outcome: { code: 101 },
		message: 'GuGuData rejected the request parameters (code 101)',
		advice: ['Check that the image URL is public and reachable', 'GuGuData said: "参数错误".'],
		httpCode: '200',
	},
	{
		name: 'code 102',
		outcome: { code: 102 },
		message: 'GuGuData rate limit reached (code 102)',
		advice: ['GuGuData allows 5 requests per second per IP.', RETRY_LATER],
		httpCode: '200',
		retryable: true,
	},
	{
		name: 'code 103',
		outcome: { code: 103 },
		message: 'Your GuGuData account is in arrears (code 103)',
		advice: ['Top up or renew the subscription in the GuGuData developer center'],
		httpCode: '200',
	},
	{
		name: 'code 104',
		outcome: { code: 104 },
		message: 'GuGuData rejected the AppKey (code 104)',
		advice: [CHECK_KEY, 'GuGuData said: "APPKEY 错误".'],
		httpCode: '200',
	},
	{
		name: 'code 110',
		outcome: { code: 110 },
		message: 'GuGuData could not process the request (code 110)',
		advice: [RETRY_LATER, 'GuGuData said: "接口响应错误".'],
		httpCode: '200',
		retryable: true,
	},
	{
		name: 'an unknown code (105)',
		outcome: { code: 105, description: '未知错误' },
		message: 'GuGuData reported an error (code 105)',
		advice: ["Check the node's input and the credential.", 'GuGuData said: "未知错误".'],
		httpCode: '200',
	},
];

function rowFor(platform: Platform, apiCase: ApiCase): TableRow {
	return {
		name: apiCase.name,
		platform,
		input: 'binary',
		parameters:
			apiCase.retryable || apiCase.options
				? { options: { ...(apiCase.retryable && { retries: 0 }), ...apiCase.options } }
				: undefined,
		bad: forcedImage(`${platform}-${apiCase.name}`, apiCase.outcome),
		message: apiCase.message,
		advice: apiCase.advice,
		httpCode: apiCase.httpCode,
		apiRequests: 1,
	};
}

function statusCase(
	platform: Platform,
	[status, message, advice, retryable]: (typeof STATUS_CASES)[number],
): ApiCase {
	return {
		name: `HTTP ${status}`,
		// International: an envelope with that status. China: the CDN's HTML page with that status.
		outcome: { status },
		message,
		advice: platform === 'international' ? [...advice, INTERNATIONAL_SAYS[status]] : advice,
		httpCode: String(status),
		retryable,
	};
}

const ROWS: TableRow[] = [
	...PLATFORMS.flatMap((platform) => [
		...BODY_CASES.map((apiCase) => rowFor(platform, apiCase)),
		...STATUS_CASES.map((entry) => rowFor(platform, statusCase(platform, entry))),
	]),
	...CHINA_CODE_CASES.map((apiCase) => rowFor('china', apiCase)),
];

describe('API misbehaviour table', () => {
	test.each(ROWS.map((row) => [`${row.platform}: ${row.name}`, row] as const))(
		'%s',
		async (_label, row) => {
			const { alone } = await checkRow(servers, row);
			// China answers the CDN's statuses with an HTML page: nothing of it reaches the message.
			if (row.platform === 'china' && row.name.startsWith('HTTP')) {
				expect(alone.nodeError?.description).not.toContain('GuGuData said');
			}
		},
	);
});

describe('Image to Word answers', () => {
	const wordRun = async (platform: Platform, name: string, outcome: ForcedOutcome) => {
		const bytes = makePng(`word-${platform}-${name}`);
		servers[platform].fixtures.register(bytes, outcome);
		servers[platform].reset();
		return await runWorkflow({
			parameters: { operation: 'imageToWord', inputType: 'binary' },
			credentials: servers.credentials(platform),
			items: [binaryItem(bytes, 'scan.png')],
			continueOnFail: true,
		});
	};

	test.each(PLATFORMS)('%s: success without a Word file link', async (platform) => {
		const result = await wordRun(platform, 'null', { status: 200 });
		expect(result.items.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['GuGuData reported success but sent no Word file link', { item: 0 }],
		]);
		expect(badApiRequests(servers[platform])).toHaveLength(1);
	});

	test('international: 422, no readable text', async () => {
		const result = await wordRun('international', '422', { status: 422 });
		expect(result.items[0].json).toEqual({
			error: 'GuGuData found no readable text in the image (HTTP 422)',
			description: expect.stringContaining(
				'The image may be blank, blurred, rotated or too small.',
			),
			httpCode: '422',
		});
	});
});

test('a wrong key on both platforms: the message never holds the key or the URL', async () => {
	for (const platform of PLATFORMS) {
		const server = servers[platform];
		server.reset();
		const wrongKey = 'WRONG-KEY-0123456789';
		const result = await runWorkflow({
			parameters: { operation: 'imageToText' },
			credentials: servers.credentials(platform, wrongKey),
			items: [binaryItem(makePng('table-good-0'))],
		});
		expect(result.nodeError?.message).toBe(
			platform === 'international'
				? 'GuGuData rejected the AppKey (HTTP 401)'
				: 'GuGuData rejected the AppKey (code 104)',
		);
		expect(result.serialized).not.toContain(wrongKey);
		expect(result.serialized).not.toContain(server.baseUrl);
	}
});

test('a description that echoes the key is scrubbed', async () => {
	const server = servers.china;
	const bytes = makePng('echo-key');
	server.fixtures.register(bytes, {
		code: 101,
		description: `参数错误 appkey=${server.appKey}`,
	});
	server.reset();
	const result = await runWorkflow({
		parameters: { operation: 'imageToText' },
		credentials: servers.credentials('china'),
		items: [binaryItem(bytes)],
	});
	expect(result.nodeError?.description).toContain('GuGuData said: "参数错误 appkey=***".');
	expect(result.serialized).not.toContain(server.appKey);
});
