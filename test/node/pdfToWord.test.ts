/**
 * PDF to Word through n8n's engine against the local GuGuData servers: every input on both
 * platforms, the output item and its real .docx, file names, batches, refusals and encryption.
 */
import type { INodeParameters } from 'n8n-workflow';

import { makeJpeg } from '../fixtures/images';
import { makeTextPdf } from '../fixtures/pdfs';
import { readBinary, runWorkflow } from '../harness';
import { sha256Hex } from '../server';
import {
	docxLines,
	expectNoKeyOffApi,
	expectWordItem,
	fileRequests,
	nameInLink,
} from './imageToWord.helpers';
import {
	apiRequests,
	CHINESE_PAGES,
	CONTRACT_PAGES,
	makeTestPdfs,
	PDF_FIELD,
	pdfItem,
	pdfParams,
	registerPdfs,
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

const wordParams = (extra: INodeParameters = {}) => pdfParams('pdfToWord', extra);
/** The Word file holds every page's lines, in order. */
const CONTRACT_LINES = CONTRACT_PAGES.flatMap((page) => page.split('\n'));

describe.each(PLATFORMS)('PDF to Word on the %s platform', (platform) => {
	const server = () => servers[platform];
	const credentials = () => servers.credentials(platform);

	test('binary input: the link, contract.docx and the .docx itself, paired', async () => {
		const result = await runWorkflow({
			parameters: wordParams(),
			credentials: credentials(),
			items: [pdfItem(pdfs.contract, 'contract.pdf')],
		});
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		await expectWordItem(item, server(), 'contract.docx', CONTRACT_LINES);

		const api = apiRequests(server());
		expect(api).toHaveLength(1);
		expect(api[0]).toMatchObject({
			endpoint: 'pdf2word',
			appKeySource: 'query',
			imageSha256: sha256Hex(pdfs.contract),
			files: [
				expect.objectContaining({
					field: PDF_FIELD[platform],
					name: 'contract.pdf',
					type: 'application/pdf',
				}),
			],
		});
		if (platform === 'international') {
			expect(api[0].fields).toEqual(['filename']);
			// The filename field the node sent names the file GuGuData stores.
			expect(nameInLink(item.json.wordFileUrl)).toBe('contract.docx');
		} else {
			// storage=public: the server's default (private) would answer a file id, not a link.
			expect(api[0].fields).toEqual(['storage']);
		}
		expect(fileRequests(server())).toHaveLength(1);
		expectNoKeyOffApi(server());
	});

	test('URL input: downloaded by the node, named after the URL', async () => {
		const url = server().hostFile('inbox/lease.pdf', pdfs.contract, 'application/pdf');
		const result = await runWorkflow({
			parameters: wordParams({ inputType: 'url', pdfUrl: url }),
			credentials: credentials(),
		});
		expect(result.status).toBe('success');
		const [item] = result.items;
		expect(item.json).toEqual({ wordFileUrl: expect.any(String), fileName: 'lease.docx' });
		expect(await docxLines(item)).toEqual(CONTRACT_LINES);
		expect(server().requests.filter((entry) => entry.area === 'assets')).toHaveLength(1);
		expect(apiRequests(server())[0].files[0]).toMatchObject({ name: 'lease.pdf' });
		expectNoKeyOffApi(server());
	});

	test('base64 input as a data URI: named gugudata-ocr.docx', async () => {
		const result = await runWorkflow({
			parameters: wordParams({
				inputType: 'base64',
				pdfBase64: `data:application/pdf;base64,${pdfs.contract.toString('base64')}`,
			}),
			credentials: credentials(),
		});
		const [item] = result.items;
		expect(item.json.fileName).toBe('gugudata-ocr.docx');
		expect(await docxLines(item)).toEqual(CONTRACT_LINES);
		expect(apiRequests(server())[0].files[0]).toMatchObject({ name: 'document.pdf' });
	});

	test('the File Name option, Download Word File off, and Include Input Binary Data', async () => {
		const named = await runWorkflow({
			parameters: wordParams({
				outputBinaryPropertyName: 'word',
				options: { fileName: 'Lease 2026', includeInputBinary: true },
			}),
			credentials: credentials(),
			items: [pdfItem(pdfs.contract)],
		});
		const [item] = named.items;
		expect(item.json.fileName).toBe('Lease 2026.docx');
		expect(Object.keys(item.binary ?? {}).sort()).toEqual(['data', 'word']);
		expect((await readBinary(item, 'data')).equals(pdfs.contract)).toBe(true);
		expect(await docxLines(item, 'word')).toEqual(CONTRACT_LINES);

		server().reset();
		const linkOnly = await runWorkflow({
			parameters: wordParams({ downloadWordFile: false }),
			credentials: credentials(),
			items: [pdfItem(pdfs.contract)],
		});
		expect(linkOnly.items[0].json).toEqual({
			wordFileUrl: expect.stringContaining('/files/'),
			fileName: 'contract.docx',
		});
		expect(linkOnly.items[0].binary).toBeUndefined();
		expect(fileRequests(server())).toHaveLength(0);
	});

	test('a Chinese file name and Chinese text, end to end', async () => {
		const result = await runWorkflow({
			parameters: wordParams(),
			credentials: credentials(),
			items: [pdfItem(pdfs.chinese, '合同 2026.pdf')],
		});
		const [item] = result.items;
		expect(item.json.fileName).toBe('合同 2026.docx');
		expect(await docxLines(item)).toEqual(CHINESE_PAGES.flatMap((page) => page.split('\n')));
	});

	test('batches: one item per PDF, in input order, whatever finishes first', async () => {
		const count = 4;
		const batch = await Promise.all(
			Array.from({ length: count }, (_, index) =>
				makeTextPdf([`PDF ${index}`], { title: `word order ${index}` }),
			),
		);
		batch.forEach((bytes, index) =>
			servers.international.fixtures.register(bytes, {
				pages: [`document ${index}`],
				// Later PDFs answer sooner: started about 10 ms apart, answered 100 ms apart.
				delayMs: (count - index) * 100,
			}),
		);
		const result = await runWorkflow({
			parameters: wordParams({ options: { requestsPerSecond: 100, maxConcurrent: count } }),
			credentials: credentials(),
			items: batch.map((bytes, index) => pdfItem(bytes, `doc-${index}.pdf`)),
		});
		expect(answerOrder(server().requests, batch)).not.toEqual(batch.map((_, index) => index));
		for (const [index, item] of result.items.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.fileName).toBe(`doc-${index}.docx`);
			expect(await docxLines(item)).toEqual([`document ${index}`]);
		}
		expect(result.items).toHaveLength(count);
	});

	test('an image is refused before sending, naming Image to Word', async () => {
		const result = await runWorkflow({
			parameters: wordParams(),
			credentials: credentials(),
			items: [binaryItem(makeJpeg('pdf-to-word'), 'receipt.jpg', 'image/jpeg')],
		});
		expect(result.nodeError?.message).toBe(
			'The file "receipt.jpg" is a JPEG image, not a PDF: use the operation Image to Word for images',
		);
		expect(apiRequests(server())).toHaveLength(0);
	});

	test('an encrypted PDF refused, or answered without a Word file: the message says so', async () => {
		const refused = await runWorkflow({
			parameters: wordParams(),
			credentials: credentials(),
			items: [pdfItem(pdfs.locked, 'locked.pdf')],
		});
		expect(refused.nodeError?.message).toMatch(
			/^GuGuData could not read the PDF: it is encrypted and may need its password removed \((HTTP 400|code 101)\)$/,
		);

		const unanswered = await makeTextPdf(['x'], {
			ownerPassword: 'o',
			title: `no link ${platform}`,
		});
		server().fixtures.register(
			unanswered,
			platform === 'international' ? { status: 200, data: null } : { code: 100, data: null },
		);
		const empty = await runWorkflow({
			parameters: wordParams(),
			credentials: credentials(),
			items: [pdfItem(unanswered, 'unanswered.pdf')],
		});
		expect(empty.nodeError?.message).toBe(
			'GuGuData sent no Word file for the PDF: it is encrypted and may need its password removed',
		);
		expect(empty.nodeError?.description).toContain('save or print it as a new PDF');
	});
});

test('database binary mode: the PDF is read and the .docx stored through the helpers', async () => {
	const result = await runWorkflow({
		parameters: wordParams(),
		credentials: servers.credentials('china'),
		items: [pdfItem(pdfs.contract)],
		binaryMode: 'database',
	});
	expect(result.inputItems[0].binary?.data.id).toMatch(/^database/);
	const [item] = result.items;
	expect(item.binary?.data.id).toMatch(/^database/);
	expect(await docxLines(item)).toEqual(CONTRACT_LINES);
});
