/**
 * PDFs read for real: the text layer through pdf.js, exactly (Chinese too); a scanned page
 * rendered and read by tesseract; a PDF that needs a password or is broken named as such; and the
 * PDF endpoints answering from this reader where the default outcome is 'recognise'.
 */
import { readDocxText } from '../fixtures/docx';
import { makeTextPdf } from '../fixtures/pdfs';
import { TYPEFACE_LINES, makeScannedPdf } from '../fixtures/typeface';
import { startGuGuServer, type GuGuServer } from '../server';
import { RealReader, readPdfContent, tesseractRunning } from '../server/ocr';
import { expectLinesClose } from './tolerance';

const PAGES = [TYPEFACE_LINES.join('\n'), 'Page 2: 咕咕数据\nIts last line'];

describe('readPdfContent (pdf.js in a worker thread)', () => {
	it('gives each page of a text PDF its lines, exactly as written, Chinese too', async () => {
		expect(await readPdfContent(await makeTextPdf(PAGES))).toEqual({
			pages: PAGES.map((page) => ({ lines: page.split('\n') })),
		});
	});

	it('gives a page without a text layer as a PNG of the page', async () => {
		const content = await readPdfContent(await makeScannedPdf(['Scanned']));
		if (!('pages' in content)) throw new Error(content.message);
		expect(content.pages).toHaveLength(1);
		const page = content.pages[0] as { png: Uint8Array };
		expect(Buffer.from(page.png.subarray(1, 4)).toString('latin1')).toBe('PNG');
	});

	it('names a PDF that needs a password, and one it cannot parse', async () => {
		const locked = await makeTextPdf(['Secret'], { userPassword: 'open sesame' });
		expect(await readPdfContent(locked)).toMatchObject({ problem: 'encrypted' });
		const broken = Buffer.from('%PDF-1.7\nnot really a PDF\n%%EOF\n', 'latin1');
		expect(await readPdfContent(broken)).toMatchObject({ problem: 'unreadable' });
	});
});

describe('RealReader.readPdf', () => {
	const reader = new RealReader();

	afterAll(async () => {
		await reader.close();
		expect(tesseractRunning()).toBe(false);
	});

	it('answers the text layer page by page, without starting tesseract', async () => {
		expect(await reader.readPdf(await makeTextPdf(PAGES))).toEqual({ pages: PAGES });
		expect(tesseractRunning()).toBe(false);
	});

	it('recognises a scanned page (rendered at 216 dpi)', async () => {
		const result = await reader.readPdf(await makeScannedPdf(TYPEFACE_LINES));
		if (!('pages' in result)) throw new Error(result.message);
		expect(result.pages).toHaveLength(1);
		expectLinesClose(result.pages[0].split('\n'), TYPEFACE_LINES);
	});

	it('reads a blank page as an empty page', async () => {
		expect(await reader.readPdf(await makeTextPdf(['']))).toEqual({ pages: [''] });
	});
});

describe("the PDF endpoints under defaultOutcome 'recognise'", () => {
	let intl: GuGuServer;
	let china: GuGuServer;

	beforeAll(async () => {
		intl = await startGuGuServer({ platform: 'international', defaultOutcome: 'recognise' });
		china = await startGuGuServer({ platform: 'china', defaultOutcome: 'recognise' });
	});

	afterAll(async () => {
		await intl?.close();
		await china?.close();
	});

	function pdfForm(field: string, bytes: Uint8Array): FormData {
		const form = new FormData();
		form.append(field, new Blob([bytes], { type: 'application/pdf' }), 'letter.pdf');
		return form;
	}

	async function post(url: string, body: FormData) {
		const response = await fetch(url, { method: 'POST', body });
		return { status: response.status, json: (await response.json()) as any };
	}

	it('pdf2text and pdf2word read an unregistered PDF on both platforms', async () => {
		const pdf = await makeTextPdf(PAGES);
		const text = await post(intl.endpointUrl('pdf2text'), pdfForm('file', pdf));
		expect(text.json.data).toEqual({ resultText: PAGES, text: PAGES.join('\n') });
		const word = await post(intl.endpointUrl('pdf2word'), pdfForm('file', pdf));
		expect(readDocxText(intl.fileBytes(word.json.data.wordPath)!)).toEqual(
			PAGES.flatMap((page) => page.split('\n')),
		);
		const chinaText = await post(china.endpointUrl('pdf2text'), pdfForm('pdffile', pdf));
		expect(chinaText.json.Data).toBe(PAGES.join('\n'));
	});

	it('pdf2text recognises a scan', async () => {
		const scan = await makeScannedPdf(TYPEFACE_LINES);
		const { json } = await post(intl.endpointUrl('pdf2text'), pdfForm('file', scan));
		expectLinesClose(json.data.resultText[0].split('\n'), TYPEFACE_LINES);
	});

	it('reads a PDF that only restricts copying; refuses one that needs a password', async () => {
		const restricted = await makeTextPdf(['No copying'], { ownerPassword: 'owner' });
		const read = await post(intl.endpointUrl('pdf2text'), pdfForm('file', restricted));
		expect(read.json.data.resultText).toEqual(['No copying']);
		const locked = await makeTextPdf(['Secret'], { userPassword: 'open sesame' });
		const refused = await post(intl.endpointUrl('pdf2text'), pdfForm('file', locked));
		expect(refused.status).toBe(400);
		expect(refused.json.dataStatus.statusDescription).toBe('The PDF is password-protected.');
	});

	it('a PDF pdf.js cannot parse is refused as not a PDF (415)', async () => {
		const broken = Buffer.from('%PDF-1.7\nnot really a PDF\n%%EOF\n', 'latin1');
		const { status } = await post(intl.endpointUrl('pdf2text'), pdfForm('file', broken));
		expect(status).toBe(415);
	});

	it('a registered PDF keeps its fixture', async () => {
		const pdf = await makeTextPdf(['Registered'], { title: 'registered' });
		intl.fixtures.register(pdf, { pages: ['what the fixture says'] });
		const { json } = await post(intl.endpointUrl('pdf2text'), pdfForm('file', pdf));
		expect(json.data.resultText).toEqual(['what the fixture says']);
	});

	it("a server with the tests' default answers an unregistered PDF with no pages", async () => {
		const plain = await startGuGuServer({ platform: 'international' });
		try {
			const pdf = await makeTextPdf(PAGES);
			const { json } = await post(plain.endpointUrl('pdf2text'), pdfForm('file', pdf));
			expect(json.data).toEqual({ resultText: [], text: '' });
		} finally {
			await plain.close();
		}
	});
});
