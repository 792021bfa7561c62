/** Reading GuGuData's answers: the envelope in both dialects, the error tables, each operation's result. */
import type { INode } from 'n8n-workflow';

import { extractLines } from '../../nodes/GuGuData/actions/imageToText.answer';
import { readWordAnswer } from '../../nodes/GuGuData/actions/imageToWord.answer';
import {
	answerTooLargeError,
	apiError,
	connectionError,
	isRetryableFailure,
	rateSignal,
	missingResultError,
	TIMED_OUT,
} from '../../nodes/GuGuData/transport/apiErrors';
import type { ApiFailure } from '../../nodes/GuGuData/transport/apiErrors';
import { getField, isSuccessCode, parseEnvelope } from '../../nodes/GuGuData/transport/envelope';
import { isRetryableNetworkCode } from '../../nodes/GuGuData/transport/retryable';

const node: INode = {
	id: '1',
	name: 'GuGuData',
	type: 'n8n-nodes-gugudata.guGuData',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('parseEnvelope', () => {
	it('reads the camelCase dialect', () => {
		const body = JSON.stringify({
			dataStatus: { statusCode: 200, statusDescription: 'SUCCESS' },
			data: { resultText: ['A'] },
		});
		expect(parseEnvelope(body)).toEqual({
			statusCode: 200,
			statusDescription: 'SUCCESS',
			data: { resultText: ['A'] },
		});
	});

	it('reads the PascalCase dialect, codes as strings included', () => {
		const body = { DataStatus: { StatusCode: '104', StatusDescription: 'bad key' }, Data: null };
		expect(parseEnvelope(body)).toEqual({
			statusCode: 104,
			statusDescription: 'bad key',
			data: null,
		});
	});

	it.each([
		['HTML', '<html><body>502</body></html>'],
		['JSON without the status object', '{"message":"hi"}'],
		['truncated JSON', '{"dataStatus":{"statusCode":2'],
		['empty', ''],
	])('finds no envelope in %s', (_, body) => {
		expect(parseEnvelope(body)).toBeUndefined();
	});

	it('looks fields up in any case, and only on plain objects', () => {
		expect(getField({ ResultText: 1 }, 'resultText')).toBe(1);
		expect(getField(['x'], '0')).toBeUndefined();
		expect(getField(null, 'a')).toBeUndefined();
	});

	it('knows both success codes', () => {
		expect([100, 200, 101, 104, undefined].map(isSuccessCode)).toEqual([
			true,
			true,
			false,
			false,
			false,
		]);
	});
});

const failure = (overrides: Partial<ApiFailure>): ApiFailure => ({
	platform: 'international',
	httpStatus: 200,
	itemIndex: 0,
	...overrides,
});

describe('the error tables', () => {
	it.each([
		[{ httpStatus: 400 }, 'GuGuData rejected the request as invalid (HTTP 400)', false],
		[{ httpStatus: 401 }, 'GuGuData rejected the AppKey (HTTP 401)', false],
		[{ httpStatus: 403 }, 'The AppKey has no access to this GuGuData API (HTTP 403)', false],
		[{ httpStatus: 404 }, 'No GuGuData API at this address (HTTP 404)', false],
		[{ httpStatus: 408 }, 'GuGuData timed out waiting for the request (HTTP 408)', true],
		[{ httpStatus: 413 }, 'The image is too large for GuGuData (HTTP 413)', false],
		[{ httpStatus: 415 }, 'GuGuData does not accept this type of file (HTTP 415)', false],
		[{ httpStatus: 422 }, 'GuGuData found no readable text in the image (HTTP 422)', false],
		[{ httpStatus: 429 }, 'GuGuData rate limit reached (HTTP 429)', true],
		[{ httpStatus: 500 }, 'GuGuData had an internal error (HTTP 500)', true],
		[{ httpStatus: 502 }, "GuGuData's upstream service failed (HTTP 502)", true],
		[{ httpStatus: 503 }, 'GuGuData is temporarily unavailable (HTTP 503)', true],
		[{ httpStatus: 504 }, "GuGuData's gateway timed out (HTTP 504)", true],
		[{ httpStatus: 302 }, 'GuGuData redirected the request elsewhere (HTTP 302)', false],
		[
			{ platform: 'china', apiCode: 101 },
			'GuGuData rejected the request parameters (code 101)',
			false,
		],
		[{ platform: 'china', apiCode: 102 }, 'GuGuData rate limit reached (code 102)', true],
		[{ platform: 'china', apiCode: 103 }, 'Your GuGuData account is in arrears (code 103)', false],
		[{ platform: 'china', apiCode: 104 }, 'GuGuData rejected the AppKey (code 104)', false],
		[
			{ platform: 'china', apiCode: 110 },
			'GuGuData could not process the request (code 110)',
			true,
		],
		[{ malformedJson: true }, 'GuGuData sent broken JSON (HTTP 200)', true],
		[
			{ contentType: 'text/html' },
			'GuGuData sent an answer the node cannot read (HTTP 200)',
			false,
		],
	] as Array<[Partial<ApiFailure>, string, boolean]>)('%j: %s', (overrides, message, retryable) => {
		const input = failure(overrides);
		expect(apiError(node, input).message).toBe(message);
		expect(isRetryableFailure(input)).toBe(retryable);
	});

	it("quotes GuGuData's words and counts attempts", () => {
		const error = apiError(node, failure({ httpStatus: 503, apiDescription: 'busy', attempts: 4 }));
		expect(error.description).toContain('GuGuData said: "busy".');
		expect(error.description).toContain('Gave up after 4 attempts.');
	});

	it('tells a timeout from a connection that failed', () => {
		expect(connectionError(node, TIMED_OUT, 0).message).toBe('GuGuData did not answer in time');
		expect(connectionError(node, 'ECONNREFUSED', 0).message).toBe(
			'Could not reach GuGuData (ECONNREFUSED)',
		);
	});

	it('names the cap an oversize answer ran into', () => {
		expect(answerTooLargeError(node, 0, 4 * 1024 * 1024).message).toBe(
			"GuGuData's answer is larger than 4.0 MiB",
		);
	});
});

describe('advice matches what the node does', () => {
	const advisesRetries = (text: string | null | undefined) => /Retries/.test(text ?? '');
	const statuses = [302, 400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 429, 500, 501, 502];
	const failures: ApiFailure[] = [
		...[...statuses, 503, 504, 505, 520].map((httpStatus) => failure({ httpStatus })),
		...[101, 102, 103, 104, 105, 110, 111, 429, 500].map((apiCode) =>
			failure({ platform: 'china', apiCode }),
		),
		// Status codes in the envelope of an HTTP 200 answer mean what the status would.
		...[400, 413, 429, 500, 503, 504].map((apiCode) => failure({ apiCode })),
		failure({ malformedJson: true }),
		failure({ contentType: 'text/html' }),
		failure({ contentType: 'application/json' }),
	];

	it.each(failures.map((input) => [JSON.stringify(input), input] as const))(
		'%s: "raise Retries" only when it is retried',
		(_, input) => {
			const byRetries = isRetryableFailure(input) && rateSignal(input) === undefined;
			expect(advisesRetries(apiError(node, input).description)).toBe(byRetries);
		},
	);

	it.each([
		failure({ httpStatus: 429 }),
		failure({ httpStatus: 429, apiDescription: 'Request rate or trial usage limit exceeded.' }),
		failure({ platform: 'china', apiCode: 102 }),
		failure({ platform: 'china', httpStatus: 429, contentType: 'text/html' }),
		failure({ platform: 'china', httpStatus: 403, contentType: 'text/html' }),
	])('a rate limit (%j) is retried for Max Rate Limit Wait, and says so', (input) => {
		expect(rateSignal(input)).toBe('rateLimit');
		const { message, description } = apiError(node, input);
		expect(message).toMatch(/^GuGuData rate limit reached/);
		expect(description).toContain('Max Rate Limit Wait');
		expect(advisesRetries(description)).toBe(false);
	});

	it('a spent trial is not a rate limit: not retried, and says what to do', () => {
		const trial = failure({ httpStatus: 429, apiDescription: 'Trial usage limit exceeded.' });
		expect(rateSignal(trial)).toBe('trialSpent');
		expect(isRetryableFailure(trial)).toBe(false);
		const { message, description } = apiError(node, trial);
		expect(message).toBe('Your GuGuData trial usage is spent (HTTP 429)');
		expect(description).toContain('developer center');
		expect(description).not.toContain('Max Rate Limit Wait');
	});

	it("a 403 with GuGuData's envelope is about access, not the rate", () => {
		const access = failure({ platform: 'china', httpStatus: 403, apiCode: 403 });
		expect(rateSignal(access)).toBeUndefined();
	});

	it.each(['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'CERT_HAS_EXPIRED', TIMED_OUT])(
		'a connection that failed with %s advises Retries only when it is retried',
		(code) => {
			expect(advisesRetries(connectionError(node, code, 0).description)).toBe(
				isRetryableNetworkCode(code),
			);
		},
	);

	it('a success answer without its result is not retried, so it does not advise Retries', () => {
		expect(advisesRetries(missingResultError(node, 0, 'recognised text').description)).toBe(false);
	});
});

describe('Image to Text answers', () => {
	it.each([
		['resultText array', { resultText: ['A', null, 'B'] }, ['A', 'B']],
		['ResultText string', { ResultText: 'A\r\nB' }, ['A', 'B']],
		['text only', { text: 'A\nB' }, ['A', 'B']],
		['a bare array', ['A'], ['A']],
		['a string', 'A', ['A']],
		['no text', { resultText: [] }, []],
		['empty text', { resultText: '' }, []],
		['numbers, as text', { resultText: [1, 2.5, 'x'] }, ['1', '2.5', 'x']],
	])('reads %s', (_, data, lines) => {
		expect(extractLines(data)).toEqual({ lines });
	});

	it('finds nothing in an answer without lines', () => {
		expect(extractLines({ other: 1 })).toBeUndefined();
		expect(extractLines(null)).toBeUndefined();
	});

	it.each([
		['an object', { resultText: ['A', { a: 1 }] }],
		['a list', { resultText: [['x', 'y']] }],
		['a boolean', { resultText: [true] }],
		['a number that is not finite', [Number.NaN]],
	])('refuses a line that is %s', (kind, data) => {
		expect(extractLines(data)).toEqual({ unreadable: kind });
	});

	it('refuses lists nested 50,000 deep without recursing', () => {
		let nested: unknown = ['deep'];
		for (let depth = 0; depth < 50_000; depth++) nested = [nested];
		expect(extractLines({ resultText: nested })).toEqual({ unreadable: 'a list' });
	});
});

describe('Image to Word answers', () => {
	it('reads the link in either dialect', () => {
		expect(readWordAnswer({ wordPath: 'https://x/a.docx' })).toEqual({
			wordFileUrl: 'https://x/a.docx',
		});
		expect(
			readWordAnswer({ SourceImageUrl: 'https://x/a.png', ResultWordFileUrl: 'https://x/a.docx' }),
		).toEqual({ wordFileUrl: 'https://x/a.docx', sourceImageUrl: 'https://x/a.png' });
		expect(readWordAnswer('https://x/a.docx')).toEqual({ wordFileUrl: 'https://x/a.docx' });
	});

	it('finds no link in an empty answer', () => {
		expect(readWordAnswer({ wordPath: '' })).toBeUndefined();
		expect(readWordAnswer(null)).toBeUndefined();
	});
});
