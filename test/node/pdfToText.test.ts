/**
 * PDF to Text through n8n's engine against the local GuGuData servers: every input on both
 * platforms, the three output shapes, pages where the platform shows them (and null where it does
 * not), encrypted and too-large PDFs, batches and Continue On Fail.
 */
import type { INodeParameters } from 'n8n-workflow';

import { makePdf, makePng } from '../fixtures/images';
import { makeTextPdf } from '../fixtures/pdfs';
import { runWorkflow } from '../harness';
import { sha256Hex } from '../server';
import type { Platform } from '../server';
import {
	apiRequests,
	CHINESE_PAGES,
	CONTRACT_PAGES,
	makeTestPdfs,
	PDF_FIELD,
	pdfItem,
	pdfParams,
	registerPdfs,
	RESTRICTED_PAGES,
	SCAN_PAGES,
} from './pdf.helpers';
import type { TestPdfs } from './pdf.helpers';
import { answerOrder, binaryItem, PLATFORMS, startServers } from './servers';
import type { Servers } from './servers';

let servers: Servers;
let pdfs: TestPdfs;

beforeAll(async () => {
	servers = await startServers();
	pdfs = await makeTestPdfs();
	registerPdfs(servers, pdfs);
});
afterAll(async () => await servers.close());
beforeEach(() => {
	servers.international.reset();
	servers.china.reset();
});

const textParams = (extra: INodeParameters = {}) => pdfParams('pdfToText', extra);
const json = (result: { items: Array<{ json: unknown }> }) => result.items.map((item) => item.json);

/** What One Item per Page gives for the contract: its pages, or on China the whole text. */
function contractPerPage(platform: Platform) {
	if (platform === 'china') {
		return [{ text: CONTRACT_PAGES.join('\n'), pageNumber: null, pageCount: null }];
	}
	return CONTRACT_PAGES.map((text, index) => ({ text, pageNumber: index + 1, pageCount: 3 }));
}

describe.each(PLATFORMS)('PDF to Text on the %s platform', (platform) => {
	const server = () => servers[platform];
	const credentials = () => servers.credentials(platform);

	test('binary input: one item per page by default, uploaded in the platform field', async () => {
		const result = await runWorkflow({
			parameters: textParams(),
			credentials: credentials(),
			items: [pdfItem(pdfs.contract)],
		});
		expect(result.status).toBe('success');
		expect(json(result)).toEqual(contractPerPage(platform));
		expect(result.items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(
			true,
		);
		const api = apiRequests(server());
		expect(api).toHaveLength(1);
		expect(api[0]).toMatchObject({
			endpoint: 'pdf2text',
			appKeySource: 'query',
			fields: [],
			imageSha256: sha256Hex(pdfs.contract),
			files: [
				expect.objectContaining({
					field: PDF_FIELD[platform],
					name: 'contract.pdf',
					type: 'application/pdf',
					size: pdfs.contract.length,
				}),
			],
		});
		expect(api[0].contentType).toMatch(/^multipart\/form-data/);
	});

	test('URL input: the node downloads the PDF without the key, then uploads it', async () => {
		const url = server().hostFile('inbox/contract.pdf', pdfs.contract, 'application/pdf');
		const result = await runWorkflow({
			parameters: textParams({ inputType: 'url', pdfUrl: url }),
			credentials: credentials(),
		});
		expect(json(result)).toEqual(contractPerPage(platform));
		const assets = server().requests.filter((entry) => entry.area === 'assets');
		expect(assets).toHaveLength(1);
		expect(assets[0].rawQuery ?? '').not.toContain(server().appKey);
		expect(JSON.stringify(assets[0].headers)).not.toContain(server().appKey);
		expect(apiRequests(server())[0].files).toEqual([
			expect.objectContaining({ field: PDF_FIELD[platform], name: 'contract.pdf' }),
		]);
	});

	test.each([
		['plain base64', (bytes: Buffer) => bytes.toString('base64')],
		['a data URI', (bytes: Buffer) => `data:application/pdf;base64,${bytes.toString('base64')}`],
		[
			'base64 with line breaks',
			(bytes: Buffer) => bytes.toString('base64').replace(/(.{76})/g, '$1\r\n'),
		],
	])('base64 input as %s: decoded and uploaded as document.pdf', async (_label, encode) => {
		const result = await runWorkflow({
			parameters: textParams({ inputType: 'base64', pdfBase64: encode(pdfs.contract) }),
			credentials: credentials(),
		});
		expect(json(result)).toEqual(contractPerPage(platform));
		expect(apiRequests(server())[0]).toMatchObject({
			imageSha256: sha256Hex(pdfs.contract),
			files: [expect.objectContaining({ field: PDF_FIELD[platform], name: 'document.pdf' })],
		});
	});

	test('one item per line, numbered through the PDF, with its page where known', async () => {
		const result = await runWorkflow({
			parameters: textParams({ outputMode: 'perLine' }),
			credentials: credentials(),
			items: [pdfItem(pdfs.contract)],
		});
		const lines = CONTRACT_PAGES.flatMap((page, index) =>
			page.split('\n').map((text) => ({ text, page: index + 1 })),
		);
		expect(json(result)).toEqual(
			lines.map(({ text, page }, index) => ({
				text,
				lineNumber: index + 1,
				lineCount: 5,
				pageNumber: platform === 'international' ? page : null,
			})),
		);
	});

	test('one item per PDF: the whole text, the pages, the count where known', async () => {
		const result = await runWorkflow({
			parameters: textParams({ outputMode: 'perDocument' }),
			credentials: credentials(),
			items: [pdfItem(pdfs.contract)],
		});
		const whole = CONTRACT_PAGES.join('\n');
		expect(json(result)).toEqual([
			platform === 'international'
				? { text: whole, pages: CONTRACT_PAGES, pageCount: 3 }
				: { text: whole, pages: [whole], pageCount: null },
		]);
	});

	test('Chinese and mixed text come through byte-exact', async () => {
		const result = await runWorkflow({
			parameters: textParams({ outputMode: 'perDocument' }),
			credentials: credentials(),
			items: [pdfItem(pdfs.chinese, '合同 2026.pdf')],
		});
		const [item] = json(result) as Array<{ text: string }>;
		expect(Buffer.from(item.text).equals(Buffer.from(CHINESE_PAGES.join('\n')))).toBe(true);
		expect(apiRequests(server())[0].files[0].name).toBe('合同 2026.pdf');
	});

	test('a scan-like PDF without a text layer is sent like any other', async () => {
		const result = await runWorkflow({
			parameters: textParams({ outputMode: 'perLine' }),
			credentials: credentials(),
			items: [pdfItem(pdfs.scan, 'scan.pdf')],
		});
		expect(json(result).map((item) => (item as { text: string }).text)).toEqual(
			SCAN_PAGES[0].split('\n'),
		);
	});

	test('an encrypted PDF that opens without a password is sent and read', async () => {
		const result = await runWorkflow({
			parameters: textParams(),
			credentials: credentials(),
			items: [pdfItem(pdfs.restricted, 'restricted.pdf')],
		});
		expect(result.status).toBe('success');
		expect(json(result).map((item) => (item as { text: string }).text)).toEqual(RESTRICTED_PAGES);
	});

	test('an encrypted PDF GuGuData refuses: the message says it is encrypted', async () => {
		const result = await runWorkflow({
			parameters: textParams(),
			credentials: credentials(),
			items: [pdfItem(pdfs.locked, 'locked.pdf')],
		});
		const label = platform === 'international' ? 'HTTP 400' : 'code 101';
		expect(result.nodeError?.message).toBe(
			`GuGuData could not read the PDF: it is encrypted and may need its password removed (${label})`,
		);
		expect(result.nodeError?.description).toContain('Remove the password and the restrictions');
		expect(apiRequests(server())).toHaveLength(1);
	});

	test.each([
		['blank pages', { pages: ['', ' \n'] }],
		['no data at all', platform === 'international' ? { status: 200 } : { code: 100 }],
	])(
		'an encrypted PDF GuGuData answers with %s: the message says it is encrypted',
		async (label, outcome) => {
			const empty = await makeTextPdf(['blank'], {
				ownerPassword: 'o',
				title: `${label} ${platform}`,
			});
			server().fixtures.register(empty, outcome);
			const result = await runWorkflow({
				parameters: textParams(),
				credentials: credentials(),
				items: [pdfItem(empty, 'empty.pdf')],
			});
			expect(result.nodeError?.message).toBe(
				'GuGuData read no text from the PDF: it is encrypted and may need its password removed',
			);
		},
	);

	test('a PDF without text that is not encrypted gives its empty pages', async () => {
		const blank = makePdf(`blank ${platform}`);
		server().fixtures.register(blank, { pages: [''] });
		const result = await runWorkflow({
			parameters: textParams(),
			credentials: credentials(),
			items: [pdfItem(blank, 'blank.pdf')],
		});
		expect(json(result)).toEqual([
			platform === 'international'
				? { text: '', pageNumber: 1, pageCount: 1 }
				: { text: '', pageNumber: null, pageCount: null },
		]);
	});
});

describe('pages on China Mainland', () => {
	afterEach(() => servers.china.setOptions({ chinaPdfPages: 'joined' }));

	test('text with form feeds is split into its pages', async () => {
		servers.china.setOptions({ chinaPdfPages: 'formFeeds' });
		const perPage = await runWorkflow({
			parameters: textParams(),
			credentials: servers.credentials('china'),
			items: [pdfItem(pdfs.contract)],
		});
		expect(json(perPage)).toEqual(contractPerPage('international'));
		const perLine = await runWorkflow({
			parameters: textParams({ outputMode: 'perLine' }),
			credentials: servers.credentials('china'),
			items: [pdfItem(pdfs.contract)],
		});
		expect(json(perLine).map((item) => (item as { pageNumber: number }).pageNumber)).toEqual([
			1, 1, 2, 2, 3,
		]);
	});
});

describe('size', () => {
	test('a PDF over 100 MiB is refused before anything is sent', async () => {
		const huge = Buffer.concat([
			makePdf('huge'),
			Buffer.alloc(100 * 1024 * 1024 + 1 - makePdf('huge').length, 0x20),
		]);
		const result = await runWorkflow({
			parameters: textParams(),
			credentials: servers.credentials('international'),
			items: [pdfItem(huge, 'huge.pdf')],
		});
		expect(result.nodeError?.message).toBe(
			'The file "huge.pdf" is 104,857,601 bytes, over the node\'s limit of 104,857,600 bytes (100.0 MiB) for a PDF',
		);
		expect(result.nodeError?.description).toContain('Split it into smaller PDFs');
		expect(apiRequests(servers.international)).toHaveLength(0);
	});

	test('HTTP 413 (international) names the size', async () => {
		const big = makePdf('too large for gugudata.io');
		servers.international.fixtures.register(big, { status: 413 });
		const result = await runWorkflow({
			parameters: textParams({ options: { retries: 0 } }),
			credentials: servers.credentials('international'),
			items: [pdfItem(big, 'big.pdf')],
		});
		expect(result.nodeError?.message).toBe('The PDF is too large for GuGuData (HTTP 413)');
		expect(result.nodeError?.description).toContain(
			`GuGuData refused the PDF (${big.length} bytes) as too large`,
		);
	});

	test('code 101 (China) names the size as a possible cause for a large PDF', async () => {
		const large = Buffer.concat([
			makePdf('large for gugudata.com'),
			Buffer.alloc(11 * 1024 * 1024, 0x20),
		]);
		servers.china.fixtures.register(large, { code: 101 });
		const result = await runWorkflow({
			parameters: textParams(),
			credentials: servers.credentials('china'),
			items: [pdfItem(large, 'large.pdf')],
		});
		expect(result.nodeError?.message).toBe('GuGuData rejected the request parameters (code 101)');
		expect(result.nodeError?.description).toContain('at 11.0 MiB, its size may be the cause');
	});
});

test('several PDFs keep input order and pairing, whatever finishes first', async () => {
	const count = 6;
	const batch = await Promise.all(
		Array.from({ length: count }, (_, index) =>
			makeTextPdf([`PDF ${index}`], { title: `order ${index}` }),
		),
	);
	batch.forEach((bytes, index) =>
		servers.international.fixtures.register(bytes, {
			pages: [`pdf ${index} page 1`, `pdf ${index} page 2`],
			// Later items answer sooner, so completion order is the reverse of input order: all
			// are in flight at once, started about 10 ms apart, their answers 100 ms apart.
			delayMs: (count - index) * 100,
		}),
	);
	const result = await runWorkflow({
		parameters: textParams({ options: { requestsPerSecond: 100, maxConcurrent: count } }),
		credentials: servers.credentials('international'),
		items: batch.map((bytes, index) => pdfItem(bytes, `${index}.pdf`)),
	});
	expect(answerOrder(servers.international.requests, batch)).not.toEqual(
		batch.map((_, index) => index),
	);
	expect(result.items.map((item) => [item.json.text, item.pairedItem])).toEqual(
		batch.flatMap((_, index) => [
			[`pdf ${index} page 1`, { item: index }],
			[`pdf ${index} page 2`, { item: index }],
		]),
	);
});

describe.each(PLATFORMS)('On Error on the %s platform', (platform) => {
	/** A good PDF, an image (refused before sending), a locked PDF (GuGuData refuses), good PDF. */
	const items = () => [
		pdfItem(pdfs.contract, 'first.pdf'),
		binaryItem(makePng('pdf-error-output'), 'photo.png'),
		pdfItem(pdfs.locked, 'locked.pdf'),
		pdfItem(pdfs.restricted, 'last.pdf'),
	];
	const imageMessage =
		'The file "photo.png" is a PNG image, not a PDF: use the operation Image to Text for images';
	const lockedMessage = `GuGuData could not read the PDF: it is encrypted and may need its password removed (${platform === 'international' ? 'HTTP 400' : 'code 101'})`;
	const whole = (pages: string[]) => pages.join('\n');

	test('"Continue (using error output)" sends the failed items to output 1, paired', async () => {
		const result = await runWorkflow({
			parameters: textParams({ outputMode: 'perDocument' }),
			credentials: servers.credentials(platform),
			items: items(),
			onError: 'continueErrorOutput',
		});
		expect(result.status).toBe('success');
		const success = result.output(result.nodeName, 0);
		const failed = result.output(result.nodeName, 1);
		expect(success.map((item) => [item.json.text, item.pairedItem])).toEqual([
			[whole(CONTRACT_PAGES), { item: 0 }],
			[whole(RESTRICTED_PAGES), { item: 3 }],
		]);
		expect(failed.map((item) => [item.json.error, item.pairedItem])).toEqual([
			[imageMessage, { item: 1 }],
			[lockedMessage, { item: 2 }],
		]);
		expect(failed[0].json).toEqual({
			fileName: 'photo.png',
			error: imageMessage,
			message: expect.stringContaining('Set Operation to Image to Text for images.'),
		});
		expect(failed[1].json.message).toContain('Remove the password');
		// The image cost nothing: three PDFs, three requests.
		expect(apiRequests(servers[platform])).toHaveLength(3);
	});

	test('"Continue" keeps the error items on the main output, in input order', async () => {
		const result = await runWorkflow({
			parameters: textParams({ outputMode: 'perDocument' }),
			credentials: servers.credentials(platform),
			items: items(),
			continueOnFail: true,
		});
		expect(
			result.items.map((item) => [item.json.text ?? item.json.error, item.pairedItem]),
		).toEqual([
			[whole(CONTRACT_PAGES), { item: 0 }],
			[imageMessage, { item: 1 }],
			[lockedMessage, { item: 2 }],
			[whole(RESTRICTED_PAGES), { item: 3 }],
		]);
		expect(Object.keys(result.items[1].json).sort()).toEqual(['description', 'error']);
		expect(result.serialized).not.toContain(servers[platform].appKey);
	});
});
