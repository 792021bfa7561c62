/**
 * PDFs read for real: the text layer through pdf.js, exactly; a scanned page rendered and read by
 * tesseract; a PDF that needs a password or is broken named as such. The PDF endpoints answer
 * from this reader where their default outcome is 'recognise' (see test/server/README.md).
 */
import PDFDocument from 'pdfkit';

import { TYPEFACE_LINES, makeScannedPdf, makeTextLayerPdf } from '../fixtures/typeface';
import { RealReader, readPdfContent, tesseractRunning } from '../server/ocr';
import { expectLinesClose } from './tolerance';

function lockedPdf(): Promise<Buffer> {
	return new Promise((resolve) => {
		const doc = new PDFDocument({ userPassword: 'secret' });
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.text('Only with the password');
		doc.end();
	});
}

describe('readPdfContent (pdf.js in a worker thread)', () => {
	it('gives each page of a text PDF its lines, exactly as written', async () => {
		const pdf = await makeTextLayerPdf([TYPEFACE_LINES, ['Second page', 'Its last line']]);
		expect(await readPdfContent(pdf)).toEqual({
			pages: [{ lines: TYPEFACE_LINES }, { lines: ['Second page', 'Its last line'] }],
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
		expect(await readPdfContent(await lockedPdf())).toMatchObject({ problem: 'encrypted' });
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

	it('joins each page of the text layer with line breaks, without OCR', async () => {
		const pdf = await makeTextLayerPdf([TYPEFACE_LINES, ['Second page']]);
		expect(await reader.readPdf(pdf)).toEqual({
			pages: [TYPEFACE_LINES.join('\n'), 'Second page'],
		});
		expect(tesseractRunning()).toBe(false);
	});

	it('recognises a scanned page (rendered at 216 dpi)', async () => {
		const result = await reader.readPdf(await makeScannedPdf(TYPEFACE_LINES));
		if (!('pages' in result)) throw new Error(result.message);
		expect(result.pages).toHaveLength(1);
		expectLinesClose(result.pages[0].split('\n'), TYPEFACE_LINES);
	});

	it('reads a blank page as an empty page', async () => {
		expect(await reader.readPdf(await makeTextLayerPdf([[]]))).toEqual({ pages: [''] });
	});
});
