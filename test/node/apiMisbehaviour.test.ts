/**
 * GuGuData (or whatever answers in its place) misbehaving: bodies that are not its JSON, empty
 * successes, successes whose lines are not text, every HTTP status and China application code,
 * each with the exact message the node gives. Retryable answers run with retries 0 in the table
 * (apiMisbehaviour.cases.ts); apiMisbehaviour.retries.test.ts runs it again allowing one retry, to
 * show the advice promises retries only where they happen.
 */
import { makePng } from '../fixtures/images';
import { runWorkflow } from '../harness';
import type { ForcedOutcome, Platform } from '../server';
import type { ApiCase } from './apiMisbehaviour.cases';
import {
	LABELLED,
	RAISE_RETRIES,
	rowFor,
	RUN_AGAIN,
	successWith,
	UNKNOWN_SHAPE,
	withResultText,
} from './apiMisbehaviour.cases';
import { binaryItem, PLATFORMS, startServers } from './servers';
import type { Servers } from './servers';
import { badApiRequests, checkRow, registerGoodImages } from './table-helpers';

let servers: Servers;
/**
 * Rate-limit rows run against servers of their own: a rate limit slows the whole address for what
 * runs next (the shared budget), which is the node's behaviour but not these rows' subject.
 */
let limitedServers: Servers;

beforeAll(async () => {
	servers = await startServers();
	limitedServers = await startServers();
	registerGoodImages(servers);
	registerGoodImages(limitedServers);
});
afterAll(async () => await Promise.all([servers.close(), limitedServers.close()]));

const serversFor = (apiCase: ApiCase) => (apiCase.rateLimited ? limitedServers : servers);

describe('API misbehaviour table', () => {
	test.each(LABELLED)('%s', async (_label, platform, apiCase) => {
		const { alone } = await checkRow(serversFor(apiCase), rowFor(platform, apiCase));
		const description = String(alone.nodeError?.description);
		for (const text of apiCase.notAdvice ?? []) expect(description).not.toContain(text);
		// Raising Retries is advised exactly for the failures the node retries.
		expect(description.includes(RAISE_RETRIES)).toBe(!!apiCase.retryable);
		// China answers the CDN's statuses with an HTML page: nothing of it reaches the message.
		if (platform === 'china' && apiCase.name.startsWith('HTTP')) {
			expect(description).not.toContain('GuGuData said');
		}
	});
});

// Lines that are text after all: a number becomes its text, null is no line, and resultText may
// be one string of lines. These succeed, so they are tests rather than table rows.
describe('lines the node reads', () => {
	const READ: Array<[string, unknown, string[]]> = [
		['numbers among the lines', ['Total', 0, 1.5, -2, 'EUR'], ['Total', '0', '1.5', '-2', 'EUR']],
		['null lines, dropped', [null, 'Total', null], ['Total']],
		['only null lines: no text', [null, null], []],
		['empty lines, kept as sent', ['', 'Total', ''], ['', 'Total', '']],
		['resultText as one string', 'Total\r\n12.50\nEUR', ['Total', '12.50', 'EUR']],
		['resultText an empty string', '', []],
	];

	const run = async (platform: Platform, values: unknown[], outputMode: string) => {
		const server = servers[platform];
		server.reset();
		const items = values.map((value, index) => {
			const bytes = makePng(`read-${platform}-${index}-${JSON.stringify(value)}`);
			server.fixtures.register(bytes, withResultText(platform, value));
			return binaryItem(bytes);
		});
		return await runWorkflow({
			parameters: { operation: 'imageToText', outputMode, options: { requestsPerSecond: 100 } },
			credentials: servers.credentials(platform),
			items,
		});
	};

	test.each(PLATFORMS)('%s: one item per image', async (platform) => {
		const result = await run(
			platform,
			READ.map(([, value]) => value),
			'perImage',
		);
		expect(result.status).toBe('success');
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual(
			READ.map(([, , lines], index) => [
				{ text: lines.join('\n'), lines, lineCount: lines.length },
				{ item: index },
			]),
		);
		expect(badApiRequests(servers[platform])).toHaveLength(READ.length);
	});

	test.each(PLATFORMS)('%s: only null lines give no items per line', async (platform) => {
		const result = await run(platform, [[null, null]], 'perLine');
		expect(result.status).toBe('success');
		expect(result.items).toEqual([]);
	});
});

describe('Image to Word answers', () => {
	const wordRun = async (platform: Platform, name: string, outcome: ForcedOutcome) => {
		const bytes = makePng(`word-${platform}-${name}`);
		servers[platform].fixtures.register(bytes, outcome);
		servers[platform].reset();
		return await runWorkflow({
			// Unpaced: the local servers enforce no rate, and the answers are the subject.
			parameters: {
				operation: 'imageToWord',
				inputType: 'binary',
				options: { requestsPerSecond: 100 },
			},
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

	const SOURCE = 'https://files.example.com/scan.png';
	const DOCX = 'https://files.example.com/scan.docx';
	/** A success whose Word link field holds `link`; undefined leaves the field out. */
	const wordAnswer = (platform: Platform, link: unknown): ForcedOutcome => {
		const international = platform === 'international';
		const source = { [international ? 'sourceImageUrl' : 'SourceImageUrl']: SOURCE };
		const field = international ? 'wordPath' : 'ResultWordFileUrl';
		return successWith(platform, link === undefined ? source : { ...source, [field]: link });
	};
	const NO_LINK = 'GuGuData reported success but sent no Word file link';
	const NO_LINK_ADVICE = [UNKNOWN_SHAPE, RUN_AGAIN];
	const LINK_IS_OFF = 'The link is in wordFileUrl when Download Word File is off.';
	const nonHttp = (scheme: string) =>
		`The Word file's link points to a non-http address (${scheme}), which the node does not fetch`;
	const NOT_A_URL = "The Word file's link is not a valid URL";

	interface WordCase {
		name: string;
		link: unknown;
		message: string;
		advice: string[];
	}
	// A link that is not text is no link; one that is text but not http(s) is never fetched.
	const noLink = (name: string, link: unknown): WordCase => ({
		name,
		link,
		message: NO_LINK,
		advice: NO_LINK_ADVICE,
	});
	const WORD_CASES: WordCase[] = [
		noLink('only the source image link', undefined),
		noLink('a Word link that is a number', 20240611),
		noLink('a Word link that is an object', { url: DOCX }),
		noLink('a Word link that is a list', [DOCX]),
		noLink('a Word link that is true', true),
		noLink('an empty Word link', ''),
		{
			name: 'an ftp:// Word link',
			link: 'ftp://files.example.com/scan.docx',
			message: nonHttp('ftp:'),
			advice: ['Use a direct http(s) link to the file.', LINK_IS_OFF],
		},
		{
			name: 'a file:// Word link',
			link: 'file:///etc/passwd',
			message: nonHttp('file:'),
			advice: ['Use a direct http(s) link to the file.', LINK_IS_OFF],
		},
		{
			name: 'a javascript: Word link',
			link: 'javascript:alert(1)',
			message: nonHttp('javascript:'),
			advice: ['Use a direct http(s) link to the file.', LINK_IS_OFF],
		},
		{
			name: 'a relative Word link',
			link: '/files/0123abcd/scan.docx',
			message: NOT_A_URL,
			advice: ['Use a full http(s) address.', LINK_IS_OFF],
		},
		{
			name: 'a Word link without a scheme',
			link: 'files.example.com/scan.docx',
			message: NOT_A_URL,
			advice: ['Use a full http(s) address.', LINK_IS_OFF],
		},
	];

	describe.each(PLATFORMS)('%s', (platform) => {
		test.each(WORD_CASES.map((wordCase) => [wordCase.name, wordCase] as const))(
			'%s',
			async (_name, wordCase) => {
				const answer = wordAnswer(platform, wordCase.link);
				const result = await wordRun(platform, wordCase.name, answer);
				expect(result.items.map((item) => [item.json.error, item.pairedItem])).toEqual([
					[wordCase.message, { item: 0 }],
				]);
				const description = String(result.items[0].json.description);
				for (const advice of wordCase.advice) expect(description).toContain(advice);
				expect(description).not.toContain(RAISE_RETRIES);
				expect(badApiRequests(servers[platform])).toHaveLength(1);
				// Nothing fetched: the one host the node may reach here is GuGuData's.
				expect(servers[platform].requests.filter((entry) => entry.area !== 'api')).toEqual([]);
			},
		);
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
