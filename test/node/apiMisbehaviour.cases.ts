/**
 * The API misbehaviour table, shared by apiMisbehaviour.test.ts (each row alone and in a batch,
 * retries 0) and apiMisbehaviour.retries.test.ts (each row with one retry allowed): GuGuData (or
 * whatever answers in its place) misbehaving, with the exact message the node gives.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ForcedOutcome, Platform } from '../server';
import { PLATFORMS } from './servers';
import type { TableRow } from './table-helpers';
import { forcedImage } from './table-helpers';

const RETRY_LATER = 'This is usually temporary: retry later';
// Only failures the node retries may say so: raising Retries does nothing for the others.
export const RAISE_RETRIES = "raise the node's Retries option";
export const RUN_AGAIN = 'If it is temporary, running the workflow again later helps.';
const UNREADABLE = 'GuGuData sent an answer the node cannot read';
const NO_TEXT = 'GuGuData reported success but sent no recognised text';
export const UNKNOWN_SHAPE = "The answer's data was empty or had an unknown shape.";
const SUPPORT = 'If it persists, write to support@gugudata.com.';
const CHECK_BASE_URL = "check the credential's Base URL";
const CHECK_KEY = 'Check the AppKey in the GuGuData API credential';

export interface ApiCase {
	name: string;
	outcome: ForcedOutcome;
	message: string;
	advice: string[];
	httpCode?: string;
	/** Retryable answers get retries 0, so the one request is the whole story. */
	retryable?: boolean;
	/** More node options (with retries 0 when retryable). */
	options?: IDataObject;
	/** Text the description must not contain: advice that would not help with this failure. */
	notAdvice?: string[];
	/** A rate limit: run with Max Rate Limit Wait 0, so the one request is the whole story. */
	rateLimited?: boolean;
}

const MAX_RATE_LIMIT_WAIT = "raise the node's Max Rate Limit Wait option";

/** How a rate limit reads: retried for Max Rate Limit Wait (0 in these rows), never by Retries. */
const rateLimitCase = (apiCase: Omit<ApiCase, 'rateLimited' | 'notAdvice'>): ApiCase => ({
	...apiCase,
	advice: [...apiCase.advice, MAX_RATE_LIMIT_WAIT],
	notAdvice: [RAISE_RETRIES],
	rateLimited: true,
	options: { ...apiCase.options, maxRateLimitWait: 0 },
});

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
		advice: ["Large files take longer: raise the node's Timeout option."],
		retryable: true,
		options: { timeout: 1 },
	},
];

/** A success answer in the platform's dialect, with `data` as given. */
export function successWith(platform: Platform, data: unknown): ForcedOutcome {
	return platform === 'international' ? { status: 200, data } : { code: 100, data };
}

/** The recognised lines' field in the platform's dialect. */
const resultTextKey = (platform: Platform) =>
	platform === 'international' ? 'resultText' : 'ResultText';

export const withResultText = (platform: Platform, value: unknown) =>
	successWith(platform, { [resultTextKey(platform)]: value });

/** A success written out by hand: JSON.stringify cannot give 1e400 or nest 50,000 levels. */
function rawSuccess(platform: Platform, dataJson: string): ForcedOutcome {
	const rawBody =
		platform === 'international'
			? `{"dataStatus":{"statusCode":200,"statusDescription":"SUCCESS"},"data":${dataJson}}`
			: `{"DataStatus":{"StatusCode":100,"StatusDescription":"successfully"},"Data":${dataJson}}`;
	return { status: 200, rawBody };
}

const unreadableLine = (name: string, outcome: ForcedOutcome, found: string): ApiCase => ({
	name,
	outcome,
	message: UNREADABLE,
	advice: [`A recognised line was ${found} instead of text.`, CHECK_BASE_URL, SUPPORT],
	notAdvice: [RAISE_RETRIES],
});

const noText = (name: string, outcome: ForcedOutcome): ApiCase => ({
	name,
	outcome,
	message: NO_TEXT,
	advice: [UNKNOWN_SHAPE, RUN_AGAIN, SUPPORT],
	notAdvice: [RAISE_RETRIES],
});

/**
 * Successes whose lines are not text, in each platform's dialect: the node refuses them rather
 * than make up a line from `true` or an object. Numbers and null are read (see "lines the node
 * reads" below); a resultText that is neither a list nor text is no result at all.
 */
function strictCases(platform: Platform): ApiCase[] {
	const key = resultTextKey(platform);
	const deepObject = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
	return [
		unreadableLine(
			'a recognised line that is true',
			withResultText(platform, ['Total', true]),
			'a boolean',
		),
		unreadableLine(
			'a recognised line that is false',
			withResultText(platform, [false]),
			'a boolean',
		),
		unreadableLine(
			'a recognised line that is a nested list',
			withResultText(platform, ['Total', ['12.50', 'EUR']]),
			'a list',
		),
		unreadableLine(
			'data as a bare list of lines, holding an object',
			successWith(platform, ['Total', { text: '12.50' }]),
			'an object',
		),
		unreadableLine(
			'a recognised line of 1e400, beyond any number',
			rawSuccess(platform, `{"${key}":["Total",1e400]}`),
			'a number that is not finite',
		),
		unreadableLine(
			'a recognised line of objects nested 50,000 deep',
			rawSuccess(platform, `{"${key}":["Total",${deepObject}]}`),
			'an object',
		),
		unreadableLine(
			'data itself lists nested 50,000 deep',
			rawSuccess(platform, `${'['.repeat(50_000)}"x"${']'.repeat(50_000)}`),
			'a list',
		),
		noText('resultText an object', withResultText(platform, { line1: 'Total' })),
		noText('resultText true', withResultText(platform, true)),
		noText('resultText a number', withResultText(platform, 42)),
		noText('data true', successWith(platform, true)),
	];
}

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
	[500, 'GuGuData had an internal error (HTTP 500)', [RETRY_LATER], true],
	[502, "GuGuData's upstream service failed (HTTP 502)", [RETRY_LATER], true],
	[503, 'GuGuData is temporarily unavailable (HTTP 503)', [RETRY_LATER], true],
	[
		405,
		'No GuGuData API at this address (HTTP 405)',
		["Check the credential's Platform and Base URL."],
	],
	[
		408,
		'GuGuData timed out waiting for the request (HTTP 408)',
		['The upload reached GuGuData too slowly.', RETRY_LATER],
		true,
	],
	[
		418,
		'GuGuData answered with an error (HTTP 418)',
		["Check the node's input and the credential."],
	],
	// A 5xx the node does not retry: its advice must not mention Retries.
	[501, 'GuGuData answered with an error (HTTP 501)', [RUN_AGAIN]],
	[504, "GuGuData's gateway timed out (HTTP 504)", [RETRY_LATER], true],
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
	405: 'GuGuData said: "Method not allowed.".',
	// The server has no words of its own for these: its envelope says ERROR.
	408: 'GuGuData said: "ERROR".',
	418: 'GuGuData said: "ERROR".',
	501: 'GuGuData said: "ERROR".',
	504: 'GuGuData said: "ERROR".',
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
	rateLimitCase({
		name: 'code 102',
		outcome: { code: 102 },
		message: 'GuGuData rate limit reached (code 102)',
		advice: ['GuGuData allows 5 requests per second per IP', 'GuGuData said: "请求频率受限".'],
		httpCode: '200',
	}),
	{
		name: 'an access refusal: HTTP 403 with the envelope, not the CDN page',
		outcome: { status: 403, code: 403 },
		message: 'The AppKey has no access to this GuGuData API (HTTP 403)',
		advice: [
			'check your subscription, trial state and balance in the GuGuData developer center',
			'GuGuData said: "无权限访问".',
		],
		httpCode: '403',
		notAdvice: [RAISE_RETRIES, MAX_RATE_LIMIT_WAIT],
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
	{
		// What the China server sends for a key that is known but forbidden.
		name: 'a 403 envelope with code 103',
		outcome: { status: 403, code: 103, description: '无权限访问' },
		message: 'The AppKey has no access to this GuGuData API (HTTP 403)',
		advice: ['check your subscription, trial state and balance', 'GuGuData said: "无权限访问".'],
		httpCode: '403',
	},
	{
		name: 'code 403 in an HTTP 200 answer',
		outcome: { code: 403, description: '无权限访问' },
		message: 'The AppKey has no access to this GuGuData API (code 403)',
		advice: ['check your subscription, trial state and balance', 'GuGuData said: "无权限访问".'],
		httpCode: '200',
	},
];

/** International answers whose HTTP status says success but whose statusCode says otherwise. */
const INTERNATIONAL_CODE_CASES: ApiCase[] = [
	{
		name: 'statusCode 400 in an HTTP 200 answer',
		outcome: { status: 200, code: 400 },
		message: 'GuGuData rejected the request as invalid (code 400)',
		advice: ['Check that the input is an image', INTERNATIONAL_SAYS[400]],
		httpCode: '200',
	},
	{
		name: 'statusCode 401 in an HTTP 200 answer',
		outcome: { status: 200, code: 401 },
		message: 'GuGuData rejected the AppKey (code 401)',
		advice: [CHECK_KEY, INTERNATIONAL_SAYS[401]],
		httpCode: '200',
	},
	{
		name: 'statusCode 413 in an HTTP 200 answer',
		outcome: { status: 200, code: 413 },
		message: 'The image is too large for GuGuData (code 413)',
		advice: ['Resize or compress it first.', INTERNATIONAL_SAYS[413]],
		httpCode: '200',
	},
];

export function rowFor(platform: Platform, apiCase: ApiCase): TableRow {
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

/** Rate limits as each platform sends them: an envelope, or the CDN's page (403 too). */
function rateLimitStatusCases(platform: Platform): ApiCase[] {
	if (platform === 'international') {
		return [
			rateLimitCase({
				name: 'HTTP 429',
				outcome: { status: 429 },
				message: 'GuGuData rate limit reached (HTTP 429)',
				advice: [INTERNATIONAL_SAYS[429], 'a spent trial answers 429 too'],
				httpCode: '429',
			}),
			{
				name: 'HTTP 429 for a spent trial',
				outcome: { status: 429, description: 'Trial usage limit exceeded.' },
				message: 'Your GuGuData trial usage is spent (HTTP 429)',
				advice: ['Subscribe or top up in the GuGuData developer center', 'retrying does not help'],
				httpCode: '429',
				notAdvice: [RAISE_RETRIES, MAX_RATE_LIMIT_WAIT],
			},
		];
	}
	return [429, 403].map((status) =>
		rateLimitCase({
			name: `HTTP ${status}`,
			outcome: { status },
			message: `GuGuData rate limit reached (HTTP ${status} from the CDN)`,
			advice: ["GuGuData's CDN refused this IP with an error page"],
			httpCode: String(status),
		}),
	);
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
		...(!retryable && { notAdvice: [RAISE_RETRIES] }),
	};
}

const on = (platform: Platform) => (apiCase: ApiCase) => [platform, apiCase] as const;

const CASES: Array<readonly [Platform, ApiCase]> = [
	...PLATFORMS.flatMap((platform) =>
		[
			...BODY_CASES,
			...strictCases(platform),
			...STATUS_CASES.filter(([status]) => platform === 'international' || status !== 403).map(
				(entry) => statusCase(platform, entry),
			),
			...rateLimitStatusCases(platform),
		].map(on(platform)),
	),
	...CHINA_CODE_CASES.map(on('china')),
	...INTERNATIONAL_CODE_CASES.map(on('international')),
];

export const LABELLED = CASES.map(
	([platform, apiCase]) => [`${platform}: ${apiCase.name}`, platform, apiCase] as const,
);
