/**
 * Image to Word failures, each without Continue On Fail (the run stops with our message) and with
 * it (an error item paired with its input while the rest of the batch succeeds). No failure may
 * leak the AppKey, and no download of a Word link may carry it.
 */
import { runWorkflow } from '../harness';
import { makeBigPng, makeDocx, makePng, makeZip } from '../fixtures/images';
import { readSamplePng, SAMPLE_LINES } from '../fixtures/sample';
import type { GuGuServer, Platform } from '../server';
import {
	apiRequests,
	docxLines,
	DOCX_MIME,
	expectNoKeyOffApi,
	fileRequests,
	wordLinkAnswer,
	wordParams,
} from './imageToWord.helpers';
import { binaryItem, PLATFORMS, startServers } from './servers';
import type { Servers } from './servers';

let servers: Servers;

const GOOD = makePng('word-errors-good');
let big: Buffer | undefined;
/** Made once: building and passing 12 MiB through the workflow is the slow part of this file. */
const bigPng = () => (big ??= makeBigPng(12 * 1024 * 1024, 'word-errors-big'));
const GOOD_LINES = ['GOOD IMAGE', 'second line'];
const LINK_DOWNLOAD_HINT =
	'The link did not give a .docx file. Run the item again; if it persists, turn off Download Word File and open wordFileUrl to see what it serves.';

beforeAll(async () => {
	servers = await startServers();
	servers.international.fixtures.register(GOOD, { lines: GOOD_LINES });
	servers.international.fixtures.register(readSamplePng(), { lines: SAMPLE_LINES });
});
afterAll(async () => await servers.close());
beforeEach(() => {
	for (const platform of PLATFORMS) {
		servers[platform].reset();
		servers[platform].setOptions({ chinaEmptyWord: 'empty-docx' });
	}
});

interface FailureCase {
	label: string;
	platforms: Platform[];
	/** Registers what the bad image gives on this server and returns the image. */
	bad: (server: GuGuServer, platform: Platform) => Buffer;
	message: string;
	/** The description, when the case pins it down. */
	description?: string;
	/** The error item's httpCode; absent when undefined. */
	httpCode?: string;
	/** API requests the bad item makes: 0 when the node refuses it before sending. */
	apiCalls: number;
}

const register =
	(seed: string, outcome: Parameters<GuGuServer['fixtures']['register']>[1]) =>
	(server: GuGuServer, platform: Platform) => {
		const bytes = makePng(`${seed}-${platform}`);
		server.fixtures.register(bytes, outcome);
		return bytes;
	};

/** The bad image's ocr2word answer is a success whose Word link is `link(server)`. */
const wordLink =
	(seed: string, link: (server: GuGuServer) => string | null) =>
	(server: GuGuServer, platform: Platform) =>
		register(seed, wordLinkAnswer(platform, link(server)))(server, platform);

const CASES: FailureCase[] = [
	{
		label: 'no readable text (HTTP 422)',
		platforms: ['international'],
		bad: register('blank', { lines: [] }),
		message: 'GuGuData found no readable text in the image (HTTP 422)',
		httpCode: '422',
		apiCalls: 1,
	},
	{
		label: 'an image GuGuData finds too large (HTTP 413)',
		platforms: PLATFORMS,
		bad: register('too-large', { status: 413 }),
		message: 'The image is too large for GuGuData (HTTP 413)',
		httpCode: '413',
		apiCalls: 1,
	},
	{
		label: 'an image over 10 MiB, refused before sending',
		platforms: PLATFORMS,
		bad: bigPng,
		message: 'The file "big.png" is 12.0 MiB, over GuGuData\'s limit of 10.0 MiB',
		description: 'Resize or compress the image before sending it.',
		apiCalls: 0,
	},
	{
		label: 'a Word link serving an HTML page',
		platforms: PLATFORMS,
		bad: wordLink('link-html', (server) => server.assetUrl('_canned/html')),
		message: 'The Word file GuGuData produced is an HTML page, not a Word document',
		description: LINK_DOWNLOAD_HINT,
		apiCalls: 1,
	},
	{
		label: 'a Word link serving a ZIP that is no Word document',
		platforms: PLATFORMS,
		bad: wordLink('link-zip', (server) => server.hostFile('word/not-word.docx', makeZip())),
		message: 'The Word file GuGuData produced is a ZIP archive without a Word document in it',
		description: LINK_DOWNLOAD_HINT,
		apiCalls: 1,
	},
	{
		label: 'a Word link with an empty body',
		platforms: PLATFORMS,
		bad: wordLink('link-empty', (server) => server.assetUrl('_canned/empty')),
		message: 'The Word file GuGuData produced is empty',
		description: LINK_DOWNLOAD_HINT,
		apiCalls: 1,
	},
	{
		label: 'a Word link answering 404',
		platforms: PLATFORMS,
		bad: wordLink('link-404', (server) => server.assetUrl('_canned/not-found')),
		message: 'The Word file GuGuData produced answered HTTP 404',
		apiCalls: 1,
	},
	{
		label: 'a Word link that drops the connection',
		platforms: PLATFORMS,
		bad: wordLink('link-reset', (server) => server.assetUrl('_canned/reset')),
		// Not n8n's generic "The connection to the server was closed unexpectedly".
		message: 'Could not download the Word file GuGuData produced (ECONNRESET)',
		apiCalls: 1,
	},
	{
		label: 'a success answer without a Word link',
		platforms: PLATFORMS,
		bad: wordLink('link-missing', () => null),
		message: 'GuGuData reported success but sent no Word file link',
		apiCalls: 1,
	},
	{
		label: 'no readable text where GuGuData answers code 110',
		platforms: ['china'],
		bad: (server, platform) => {
			server.setOptions({ chinaEmptyWord: 'code110' });
			return register('blank-110', { lines: [] })(server, platform);
		},
		message: 'GuGuData could not process the request (code 110)',
		// China's application errors come with HTTP 200.
		httpCode: '200',
		apiCalls: 1,
	},
];

const ROWS = CASES.flatMap((failure) =>
	failure.platforms.map((platform) => [failure.label, platform, failure] as const),
);

describe.each(ROWS)('%s on the %s platform', (_label, platform, failure) => {
	const server = () => servers[platform];

	test('without Continue On Fail: the run fails with our message', async () => {
		const bad = failure.bad(server(), platform);
		const result = await runWorkflow({
			parameters: wordParams({ options: { retries: 0 } }),
			credentials: servers.credentials(platform),
			items: [binaryItem(GOOD, 'good.png'), binaryItem(bad, 'big.png')],
		});
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.nodeError?.message).toBe(failure.message);
		expect(result.workflowError?.message).toBe(failure.message);
		expect(result.nodeError?.description).toEqual(
			failure.description ?? expect.stringMatching(/\S/),
		);
		expect(result.serialized).not.toContain(server().appKey);
		expectNoKeyOffApi(server());
	});

	test('with Continue On Fail: an error item in its place, the batch still succeeds', async () => {
		const bad = failure.bad(server(), platform);
		const result = await runWorkflow({
			parameters: wordParams({ options: { retries: 0 } }),
			credentials: servers.credentials(platform),
			items: [
				binaryItem(GOOD, 'first.png'),
				binaryItem(bad, 'big.png'),
				binaryItem(readSamplePng(), 'third.png'),
			],
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);

		const errorItem = result.items[1];
		expect(errorItem.json).toEqual({
			error: failure.message,
			description: failure.description ?? expect.stringMatching(/\S/),
			...(failure.httpCode !== undefined && { httpCode: failure.httpCode }),
		});
		expect(errorItem.binary).toBeUndefined();

		expect(result.items[0].json.fileName).toBe('first.docx');
		expect(result.items[0].binary?.data.mimeType).toBe(DOCX_MIME);
		expect(await docxLines(result.items[0])).toEqual(GOOD_LINES);
		expect(result.items[2].json.fileName).toBe('third.docx');
		expect(await docxLines(result.items[2])).toEqual(SAMPLE_LINES);

		// Two good images and the bad one, unless the node refused it before sending.
		const api = apiRequests(server());
		expect(api).toHaveLength(2 + failure.apiCalls);
		expect(result.serialized).not.toContain(server().appKey);
		expectNoKeyOffApi(server());
	});
});

test('one byte over 10 MiB is refused too, with no request sent', async () => {
	const result = await runWorkflow({
		parameters: wordParams(),
		credentials: servers.credentials('international'),
		items: [binaryItem(makeBigPng(10 * 1024 * 1024 + 1, 'word-errors-over'), 'scan.png')],
		continueOnFail: true,
	});
	expect(result.items[0].json.error).toMatch(
		/^The file "scan\.png" is .*, over GuGuData's limit of /,
	);
	expect(apiRequests(servers.international)).toHaveLength(0);
});

test('China: an image without text gives an empty Word document, not an error', async () => {
	const blank = makePng('word-errors-china-blank');
	servers.china.fixtures.register(blank, { lines: [] });
	const result = await runWorkflow({
		parameters: wordParams(),
		credentials: servers.credentials('china'),
		items: [binaryItem(blank, 'blank.png')],
	});
	expect(result.status).toBe('success');
	expect(result.items[0].json).toEqual({
		wordFileUrl: expect.stringContaining('/files/'),
		fileName: 'blank.docx',
	});
	expect(result.items[0].binary?.data.mimeType).toBe(DOCX_MIME);
	expect(await docxLines(result.items[0])).toEqual([]);
});

test.each(PLATFORMS)(
	'Download Word File off on the %s platform: a broken link is passed on, not fetched',
	async (platform) => {
		const server = servers[platform];
		const link = server.assetUrl('_canned/not-found');
		const bytes = makePng(`word-errors-off-${platform}`);
		server.fixtures.register(bytes, wordLinkAnswer(platform, link));
		const result = await runWorkflow({
			parameters: wordParams({ downloadWordFile: false }),
			credentials: servers.credentials(platform),
			items: [binaryItem(bytes, 'scan.png')],
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toEqual({ wordFileUrl: link, fileName: 'scan.docx' });
		expect(server.requests.filter((entry) => entry.area === 'assets')).toHaveLength(0);
	},
);

describe.each(PLATFORMS)('Download Word File off on the %s platform', (platform) => {
	test.each(['javascript:alert(1)', 'ftp://files.example.com/a.docx', 'files/a.docx'])(
		'a link that is not a web link (%s) is not handed on',
		async (link) => {
			const server = servers[platform];
			const bytes = makePng(`word-errors-off-${platform}-${link}`);
			server.fixtures.register(bytes, wordLinkAnswer(platform, link));
			server.reset();
			const result = await runWorkflow({
				parameters: wordParams({ downloadWordFile: false }),
				credentials: servers.credentials(platform),
				items: [binaryItem(bytes, 'scan.png')],
			});
			expect(result.status).toBe('error');
			expect(result.nodeError?.message).toBe(
				'GuGuData sent a Word file link that is not an http(s) address',
			);
			expect(String(result.nodeError?.description)).toContain("check the credential's Base URL");
			expect(server.stats.apiRequests).toBe(1);
		},
	);
});

test.each(PLATFORMS)(
	'a Word link on another host that redirects is followed on the %s platform',
	async (platform) => {
		const server = servers[platform];
		const target = server.hostFile(`cdn/${platform}/report.docx`, makeDocx(['FROM THE CDN']));
		const link = server.assetUrl(`_canned/redirect?to=${new URL(target).pathname}`);
		const bytes = makePng(`word-errors-redirect-${platform}`);
		server.fixtures.register(bytes, wordLinkAnswer(platform, link));
		const result = await runWorkflow({
			parameters: wordParams(),
			credentials: servers.credentials(platform),
			items: [binaryItem(bytes, 'scan.png')],
		});
		expect(result.status).toBe('success');
		expect(await docxLines(result.items[0])).toEqual(['FROM THE CDN']);
		expect(fileRequests(server)).toHaveLength(0);
		expectNoKeyOffApi(server);
	},
);
