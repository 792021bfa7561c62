/**
 * Image to Word through n8n's engine against the local GuGuData servers: the routing table of the
 * README on both platforms, the output item and its .docx, file names, batches, binary modes.
 */
import { readBinary, runWorkflow } from '../harness';
import { makeBigPng, makeJpeg, makePng } from '../fixtures/images';
import { readSamplePng, SAMPLE_LINES } from '../fixtures/sample';
import { sha256Hex } from '../server';
import {
	apiRequests,
	assetRequests,
	docxLines,
	DOCX_MIME,
	expectNoKeyOffApi,
	expectWordItem,
	fileRequests,
	nameInLink,
	wordParams,
} from './imageToWord.helpers';
import { answerOrder, binaryItem, PLATFORMS, startServers } from './servers';
import type { Servers } from './servers';

let servers: Servers;

const INVOICE = makePng('word-invoice');
const INVOICE_LINES = ['INVOICE No. 2026-0042', 'Total\t1,280.00 EUR', 'Thank you & goodbye <3'];
const CHINESE = makePng('word-chinese');
const CHINESE_LINES = ['咕咕数据 发票', '金额: ¥ 1,280.00 元', 'Mixed 中文 and English 😀'];

beforeAll(async () => {
	servers = await startServers();
	// One registry serves both platforms.
	servers.international.fixtures.register(readSamplePng(), { lines: SAMPLE_LINES });
	servers.international.fixtures.register(INVOICE, { lines: INVOICE_LINES });
	servers.international.fixtures.register(CHINESE, { lines: CHINESE_LINES });
});
afterAll(async () => await servers.close());
beforeEach(() => {
	servers.international.reset();
	servers.china.reset();
});

describe.each(PLATFORMS)('Image to Word on the %s platform', (platform) => {
	const server = () => servers[platform];
	const credentials = () => servers.credentials(platform);

	test('binary input: the link, the name and the .docx, paired with the input', async () => {
		const result = await runWorkflow({
			// No options at all, as the editor saves a newly added node (so paced at 5 per second).
			parameters: { operation: 'imageToWord' },
			credentials: credentials(),
			items: [binaryItem(INVOICE, 'invoice.png')],
		});
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		await expectWordItem(item, server(), 'invoice.docx', INVOICE_LINES);

		const api = apiRequests(server());
		expect(api).toHaveLength(1);
		expect(api[0]).toMatchObject({
			endpoint: 'ocr2word',
			method: 'POST',
			appKeySource: 'query',
			imageSha256: sha256Hex(INVOICE),
			status: 200,
		});
		if (platform === 'international') {
			expect(api[0].contentType).toMatch(/^multipart\/form-data/);
			expect(api[0].files).toEqual([
				expect.objectContaining({ field: 'imagefile', name: 'invoice.png', type: 'image/png' }),
			]);
			expect(api[0].fields).toEqual(['filename']);
			// The filename field the node sent names the file GuGuData stores.
			expect(nameInLink(item.json.wordFileUrl)).toBe('invoice.docx');
		} else {
			// China's ocr2word takes no upload: the binary goes as base64.
			expect(api[0].contentType).toMatch(/^application\/x-www-form-urlencoded/);
			expect(api[0].fields).toEqual(['imagebase64']);
			expect(api[0].files).toEqual([]);
		}
		expect(fileRequests(server())).toHaveLength(1);
		expectNoKeyOffApi(server());
	});

	test('URL input: international downloads it first, China hands GuGuData the URL', async () => {
		const url = server().hostFile('scans/receipt.png', INVOICE, 'image/png');
		const result = await runWorkflow({
			parameters: wordParams({ inputType: 'url', imageUrl: url }),
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		const [item] = result.items;
		expect(await docxLines(item)).toEqual(INVOICE_LINES);
		expect(item.binary?.data.fileName).toBe('receipt.docx');

		const [request] = apiRequests(server());
		// Either way the image is fetched exactly once: by the node or by GuGuData.
		const assets = assetRequests(server());
		expect(assets).toHaveLength(1);
		expect(assets[0].path).toBe('/assets/scans/receipt.png');
		if (platform === 'international') {
			expect(item.json).toEqual({
				wordFileUrl: expect.any(String),
				fileName: 'receipt.docx',
			});
			expect(request.contentType).toMatch(/^multipart\/form-data/);
			expect(request.files).toEqual([
				expect.objectContaining({ field: 'imagefile', name: 'receipt.png', type: 'image/png' }),
			]);
			expect(request.fields).toEqual(['filename']);
			expect(nameInLink(item.json.wordFileUrl)).toBe('receipt.docx');
		} else {
			// GuGuData returns the source URL on this route only.
			expect(item.json).toEqual({
				wordFileUrl: expect.any(String),
				sourceImageUrl: url,
				fileName: 'receipt.docx',
			});
			expect(request).toMatchObject({ endpoint: 'ocr2word', fields: ['imageurl'], imageUrl: url });
			expect(request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
		}
		expectNoKeyOffApi(server());
	});

	test.each([
		['plain base64', (bytes: Buffer) => bytes.toString('base64')],
		['a data URI', (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`],
	])('base64 input as %s: named gugudata-ocr.docx', async (_label, encode) => {
		const result = await runWorkflow({
			parameters: wordParams({ inputType: 'base64', imageBase64: encode(INVOICE) }),
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		const [item] = result.items;
		expect(item.json).toEqual({ wordFileUrl: expect.any(String), fileName: 'gugudata-ocr.docx' });
		expect(item.binary?.data.fileName).toBe('gugudata-ocr.docx');
		expect(await docxLines(item)).toEqual(INVOICE_LINES);

		const [request] = apiRequests(server());
		expect(request.imageSha256).toBe(sha256Hex(INVOICE));
		if (platform === 'international') {
			expect(request.files).toEqual([
				expect.objectContaining({ field: 'imagefile', name: 'image.png', type: 'image/png' }),
			]);
			expect(request.fields).toEqual(['filename']);
			expect(nameInLink(item.json.wordFileUrl)).toBe('gugudata-ocr.docx');
		} else {
			// The data URI prefix is stripped: the server refuses it (code 101) otherwise.
			expect(request).toMatchObject({ endpoint: 'ocr2word', fields: ['imagebase64'] });
		}
	});

	test('Download Word File off: the link only, nothing downloaded', async () => {
		const result = await runWorkflow({
			parameters: wordParams({ downloadWordFile: false }),
			credentials: credentials(),
			items: [binaryItem(INVOICE, 'invoice.png')],
		});
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({
			wordFileUrl: expect.stringContaining('/files/'),
			fileName: 'invoice.docx',
		});
		expect(result.items[0].binary).toBeUndefined();
		expect(fileRequests(server())).toHaveLength(0);
		// The link still works for whoever opens it.
		expect(server().fileBytes(String(result.items[0].json.wordFileUrl))).toBeDefined();
	});

	test('a custom output field, and input binaries only with Include Input Binary Data', async () => {
		const input = binaryItem(INVOICE, 'invoice.png', 'image/png', 'attachment_0');
		const plain = await runWorkflow({
			parameters: wordParams({
				binaryPropertyName: 'attachment_0',
				outputBinaryPropertyName: 'word',
			}),
			credentials: credentials(),
			items: [input],
		});
		expect(Object.keys(plain.items[0].binary ?? {})).toEqual(['word']);
		expect(plain.items[0].binary?.word).toMatchObject({
			mimeType: DOCX_MIME,
			fileName: 'invoice.docx',
		});
		expect(await docxLines(plain.items[0], 'word')).toEqual(INVOICE_LINES);

		const kept = await runWorkflow({
			parameters: wordParams({
				binaryPropertyName: 'attachment_0',
				outputBinaryPropertyName: 'word',
				options: { includeInputBinary: true },
			}),
			credentials: credentials(),
			items: [input],
		});
		expect(Object.keys(kept.items[0].binary ?? {}).sort()).toEqual(['attachment_0', 'word']);
		expect((await readBinary(kept.items[0], 'attachment_0')).equals(INVOICE)).toBe(true);
		expect(kept.items[0].binary?.attachment_0).toMatchObject({
			fileName: 'invoice.png',
			mimeType: 'image/png',
		});
		expect(await docxLines(kept.items[0], 'word')).toEqual(INVOICE_LINES);

		const linkOnly = await runWorkflow({
			parameters: wordParams({
				binaryPropertyName: 'attachment_0',
				downloadWordFile: false,
				options: { includeInputBinary: true },
			}),
			credentials: credentials(),
			items: [input],
		});
		expect(Object.keys(linkOnly.items[0].binary ?? {})).toEqual(['attachment_0']);
	});

	test('a Chinese file name and Chinese text, end to end', async () => {
		const result = await runWorkflow({
			parameters: wordParams(),
			credentials: credentials(),
			items: [binaryItem(CHINESE, '发票 2026.png')],
		});
		expect(result.status).toBe('success');
		const [item] = result.items;
		expect(item.json.fileName).toBe('发票 2026.docx');
		expect(item.binary?.data.fileName).toBe('发票 2026.docx');
		expect(await docxLines(item)).toEqual(CHINESE_LINES);
		if (platform === 'international') {
			const [request] = apiRequests(server());
			expect(request.files[0].name).toBe('发票 2026.png');
			expect(nameInLink(item.json.wordFileUrl)).toBe('发票 2026.docx');
		}

		// The same name taken from a URL's (percent-encoded) last segment.
		const url = server().hostFile('收件箱/发票 2026.png', CHINESE, 'image/png');
		expect(url).toContain('%E5%8F%91%E7%A5%A8%202026.png');
		const fromUrl = await runWorkflow({
			parameters: wordParams({ inputType: 'url', imageUrl: url }),
			credentials: credentials(),
		});
		expect(fromUrl.items[0].json.fileName).toBe('发票 2026.docx');
		expect(await docxLines(fromUrl.items[0])).toEqual(CHINESE_LINES);
	});
});

describe('file names', () => {
	const long = 'x'.repeat(200);
	test.each([
		[
			'the File Name option without .docx',
			{ fileName: 'Quarterly report' },
			'scan.png',
			'Quarterly report.docx',
		],
		[
			'the File Name option with .docx',
			{ fileName: 'Quarterly report.docx' },
			'scan.png',
			'Quarterly report.docx',
		],
		['an upper-case .DOCX', { fileName: 'report.DOCX' }, 'scan.png', 'report.docx'],
		['a File Name over 128 characters', { fileName: long }, 'scan.png', `${'x'.repeat(123)}.docx`],
		[
			'a File Name of exactly 128 characters',
			{ fileName: `${'y'.repeat(123)}.docx` },
			'scan.png',
			`${'y'.repeat(123)}.docx`,
		],
		['path separators', { fileName: '../../etc\\reports/2026 Q1' }, 'scan.png', '2026 Q1.docx'],
		['illegal characters', { fileName: 'a:b*c?"d"<e>|f' }, 'scan.png', 'a_b_c__d__e__f.docx'],
		[
			'control characters',
			{ fileName: 'tab\there\nnew line' },
			'scan.png',
			'tab_here_new line.docx',
		],
		[
			'a Chinese File Name over 128 characters',
			{ fileName: '发'.repeat(200) },
			'scan.png',
			`${'发'.repeat(123)}.docx`,
		],
		['a blank File Name', { fileName: '   ' }, 'invoice.png', 'invoice.docx'],
		['the input file name', {}, 'invoice.png', 'invoice.docx'],
		['an input name with dots', {}, 'scan.2026.04.jpeg', 'scan.2026.04.docx'],
		['a long input name', {}, `${'z'.repeat(150)}.png`, `${'z'.repeat(123)}.docx`],
		['an input name with illegal characters', {}, 'bill:april?.png', 'bill_april_.docx'],
		// From an email subject: U+202E would make "invoicexcod.exe" display as "invoiceexe.docx".
		['a right-to-left override', {}, 'invoice\u202Excod.exe.png', 'invoicexcod.exe.docx'],
		['zero-width characters', { fileName: 'in\u200Bvoice\uFEFF' }, 'scan.png', 'invoice.docx'],
		['a Windows device name', { fileName: 'CON' }, 'scan.png', '_CON.docx'],
		['trailing dots and spaces', { fileName: 'minutes. .' }, 'scan.png', 'minutes.docx'],
	])('%s', async (_label, options, inputName, expected) => {
		for (const platform of PLATFORMS) {
			servers[platform].reset();
			const result = await runWorkflow({
				parameters: wordParams({ options }),
				credentials: servers.credentials(platform),
				items: [binaryItem(INVOICE, inputName)],
			});
			expect(result.nodeError).toBeUndefined();
			const [item] = result.items;
			expect(item.json.fileName).toBe(expected);
			// GuGuData's limit, checked on the node's output rather than on the table's expectation.
			expect(String(item.json.fileName).length).toBeLessThanOrEqual(128);
			expect(item.binary?.data.fileName).toBe(expected);
			expect(item.binary?.data.fileExtension).toBe('docx');
			if (platform === 'international') {
				// gugudata.io refuses a filename over 128 characters (400): the node never sends one.
				expect(nameInLink(item.json.wordFileUrl)).toBe(expected);
			}
		}
	});

	test('the file name sent with the upload is safe too', async () => {
		servers.international.reset();
		await runWorkflow({
			parameters: wordParams({}),
			credentials: servers.credentials('international'),
			items: [binaryItem(INVOICE, 'scan\u202Egnp.exe.png')],
		});
		const [upload] = servers.international.requests.flatMap((entry) => entry.files);
		expect(upload.name).toBe('scangnp.exe.png');
	});

	test('a File Name expression that gives a number (an invoice number)', async () => {
		const result = await runWorkflow({
			parameters: wordParams({ options: { fileName: '={{ $json.invoiceNumber }}' } }),
			credentials: servers.credentials('international'),
			items: [{ ...binaryItem(INVOICE, 'scan.png'), json: { invoiceNumber: 4711 } }],
		});
		expect(result.nodeError).toBeUndefined();
		expect(result.items[0].json.fileName).toBe('4711.docx');
		expect(nameInLink(result.items[0].json.wordFileUrl)).toBe('4711.docx');
	});

	test('a File Name from an expression, per item', async () => {
		const result = await runWorkflow({
			parameters: wordParams({ options: { fileName: '={{ $json.customer }} invoice' } }),
			credentials: servers.credentials('international'),
			items: [
				{ ...binaryItem(INVOICE, 'a.png'), json: { customer: 'ACME' } },
				{ ...binaryItem(readSamplePng(), 'b.png'), json: { customer: 'Globex' } },
			],
		});
		expect(result.items.map((item) => item.json.fileName)).toEqual([
			'ACME invoice.docx',
			'Globex invoice.docx',
		]);
		expect(result.items.map((item) => nameInLink(item.json.wordFileUrl))).toEqual([
			'ACME invoice.docx',
			'Globex invoice.docx',
		]);
	});
});

describe.each(PLATFORMS)('batches on the %s platform', (platform) => {
	test('one output item per image, in input order, whatever finishes first', async () => {
		const count = 8;
		const images = Array.from({ length: count }, (_, index) => makePng(`word-order-${index}`));
		images.forEach((bytes, index) =>
			servers.international.fixtures.register(bytes, {
				lines: [`page ${index}`, `image ${index} of ${count}`],
				// Later items answer sooner, so completion order is the reverse of input order: all
				// are in flight at once, started 10 to 20 ms apart, their answers 50 ms apart.
				delayMs: (count - index) * 50,
			}),
		);
		const result = await runWorkflow({
			parameters: wordParams({ options: { maxConcurrent: count } }),
			credentials: servers.credentials(platform),
			items: images.map((bytes, index) => binaryItem(bytes, `page-${index}.png`)),
		});
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(count);
		for (const [index, item] of result.items.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.fileName).toBe(`page-${index}.docx`);
			expect(await docxLines(item)).toEqual([`page ${index}`, `image ${index} of ${count}`]);
		}
		// Sent several at a time, not one by one, and answered out of input order.
		expect(servers[platform].stats.maxInFlight).toBeGreaterThan(1);
		expect(answerOrder(apiRequests(servers[platform]), images)).not.toEqual(
			images.map((_, index) => index),
		);
		expect(new Set(result.items.map((item) => item.json.wordFileUrl)).size).toBe(count);
	});
});

test('a JPEG e-mail attachment with an exactly 10 MiB neighbour: both go through', async () => {
	const big = makeBigPng(10 * 1024 * 1024, 'word-limit');
	servers.international.fixtures.register(big, { lines: ['BIG BUT ALLOWED'] });
	const jpeg = makeJpeg('word-receipt');
	servers.international.fixtures.register(jpeg, { lines: ['RECEIPT'] });
	const result = await runWorkflow({
		parameters: wordParams({ binaryPropertyName: 'attachment_0' }),
		credentials: servers.credentials('international'),
		items: [
			binaryItem(jpeg, 'receipt.jpg', 'image/jpeg', 'attachment_0'),
			binaryItem(big, 'big.png', 'image/png', 'attachment_0'),
		],
	});
	expect(result.status).toBe('success');
	expect(result.items.map((item) => item.json.fileName)).toEqual(['receipt.docx', 'big.docx']);
	expect(await docxLines(result.items[0])).toEqual(['RECEIPT']);
	expect(await docxLines(result.items[1])).toEqual(['BIG BUT ALLOWED']);
	const uploads = apiRequests(servers.international).map((entry) => entry.files[0]);
	expect(uploads).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ name: 'receipt.jpg', type: 'image/jpeg' }),
			expect.objectContaining({ name: 'big.png', size: 10 * 1024 * 1024 }),
		]),
	);
});

// n8n 2.x's two stores: on disk (a regular instance's default) and in the database (queue mode's).
describe.each(['filesystem', 'database'] as const)('%s binary mode', (binaryMode) => {
	test.each(PLATFORMS)('on the %s platform', async (platform) => {
		const result = await runWorkflow({
			parameters: wordParams(),
			credentials: servers.credentials(platform),
			items: [binaryItem(readSamplePng(), 'sample.png')],
			binaryMode,
		});
		expect(result.status).toBe('success');
		expect(result.inputItems[0].binary?.data.id).toMatch(new RegExp(`^${binaryMode}`));
		const [item] = result.items;
		expect(item.binary?.data.id).toMatch(new RegExp(`^${binaryMode}`));
		// Stored, not inline.
		expect(item.binary?.data.data).not.toMatch(/^UEsD/);
		expect(item.binary?.data).toMatchObject({ mimeType: DOCX_MIME, fileName: 'sample.docx' });
		expect(await docxLines(item)).toEqual(SAMPLE_LINES);
	});
});

test('in-memory binary mode (deprecated in n8n 2.x): the document is inline', async () => {
	const result = await runWorkflow({
		parameters: wordParams(),
		credentials: servers.credentials('international'),
		items: [binaryItem(readSamplePng(), 'sample.png')],
		binaryMode: 'default',
	});
	expect(result.status).toBe('success');
	const [item] = result.items;
	expect(item.binary?.data.id).toBeUndefined();
	// The .docx (a zip: 'PK', base64 'UEsD') is in the item itself.
	expect(item.binary?.data.data).toMatch(/^UEsD/);
	expect(await docxLines(item)).toEqual(SAMPLE_LINES);
});
