/** The PDF pieces that need no server: telling PDFs, reading pdf2text answers, wording refusals. */
import type { INode } from 'n8n-workflow';

import { isBlank, pdfLines, readPdfText } from '../../nodes/GuGuData/actions/pdfToText.answer';
import { PDF_BASE64, readBase64 } from '../../nodes/GuGuData/helpers/base64';
import { sniffFileType } from '../../nodes/GuGuData/helpers/fileType';
import { isEncryptedPdf, isPdf } from '../../nodes/GuGuData/helpers/pdf';
import { apiError } from '../../nodes/GuGuData/transport/apiErrors';
import type { ApiFailure } from '../../nodes/GuGuData/transport/apiErrors';
import { makePdf, makePng, TEXT_SAMPLE } from '../fixtures/images';
import { makeTextPdf } from '../fixtures/pdfs';

const node: INode = {
	id: '1',
	name: 'GuGuData',
	type: 'n8n-nodes-gugudata.guGuData',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('isPdf and isEncryptedPdf', () => {
	it('a PDF starts with %PDF-, whatever follows', async () => {
		expect(isPdf(makePdf())).toBe(true);
		expect(isPdf(await makeTextPdf(['x']))).toBe(true);
		for (const other of [makePng('p'), TEXT_SAMPLE, Buffer.from('%PDF'), Buffer.alloc(0)]) {
			expect(isPdf(other)).toBe(false);
		}
		expect(sniffFileType(makePdf())).toEqual({ accepted: false, label: 'a PDF document' });
	});

	it('pdfkit with a user or an owner password writes /Encrypt; a plain PDF has none', async () => {
		expect(isEncryptedPdf(await makeTextPdf(['plain']))).toBe(false);
		expect(isEncryptedPdf(await makeTextPdf(['locked'], { userPassword: 'u' }))).toBe(true);
		expect(isEncryptedPdf(await makeTextPdf(['restricted'], { ownerPassword: 'o' }))).toBe(true);
	});

	it.each([
		['a reference in the trailer', 'trailer\n<< /Size 9 /Encrypt 7 0 R >>', true],
		['an inline dictionary', '<< /Type /XRef /Encrypt<< /Filter /Standard >> >>', true],
		['a line break before the reference', '/Encrypt\r\n12 0 R', true],
		['the word in page text', '(How to /Encrypt a file) Tj', false],
		['EncryptMetadata alone', '<< /EncryptMetadata false >>', false],
	])('%s', (_label, body, encrypted) => {
		expect(isEncryptedPdf(Buffer.from(`%PDF-1.7\n${body}\n%%EOF`, 'latin1'))).toBe(encrypted);
	});
});

describe('readBase64 for PDFs', () => {
	const pdf = makePdf();
	it.each([
		['plain', pdf.toString('base64')],
		['a data:application/pdf URI', `data:application/pdf;base64,${pdf.toString('base64')}`],
		['a data:application/x-pdf URI', `data:application/x-pdf;base64,${pdf.toString('base64')}`],
	])('reads %s', (_label, text) => {
		const result = readBase64(text, PDF_BASE64);
		expect(result.ok && Buffer.from(result.base64, 'base64').equals(pdf)).toBe(true);
	});

	it.each([
		['', 'The base64 PDF is empty', 'Map the field that holds the base64 PDF into "PDF (Base64)".'],
		['%%%', 'The PDF is not valid base64', 'Base64 uses only'],
		[
			'data:application/pdf,%25PDF',
			'The data URI is not base64-encoded',
			'data:application/pdf;base64,... or plain base64',
		],
		[
			'data:image/png;base64,iVBORw0KGgo=',
			'The data URI holds image/png, not a PDF',
			'choose the operation Image to Text or Image to Word',
		],
		['data:text/plain;base64,aGk=', 'The data URI holds text/plain, not a PDF', 'Pass a PDF'],
	])('refuses %j', (text, problem, hint) => {
		const result = readBase64(text, PDF_BASE64);
		expect(result).toMatchObject({ ok: false, problem });
		expect(result.ok ? '' : result.hint).toContain(hint);
	});

	it('an image operation points a data:application/pdf URI to the PDF operations', () => {
		expect(readBase64('data:application/pdf;base64,JVBERi0=')).toMatchObject({
			ok: false,
			problem: 'The data URI holds application/pdf, not an image',
			hint: 'To read a PDF, choose the operation PDF to Text or PDF to Word.',
		});
	});
});

describe('readPdfText', () => {
	it('reads gugudata.io pages: one entry per page, its own joined text', () => {
		expect(readPdfText({ resultText: ['one', 'two'], text: 'one\ntwo' })).toEqual({
			text: 'one\ntwo',
			pages: ['one', 'two'],
			pageCount: 2,
		});
	});

	it('reads gugudata.com text without form feeds as one page of unknown number', () => {
		expect(readPdfText('all\nthe text')).toEqual({
			text: 'all\nthe text',
			pages: ['all\nthe text'],
			pageCount: null,
		});
	});

	it.each([
		['each page ending with one', 'a\fb\f', ['a', 'b']],
		['a line break after the last', 'a\fb\f\n', ['a', 'b']],
		['none after the last page', 'a\fb', ['a', 'b']],
		['a blank page between', 'a\f\fc\f', ['a', '', 'c']],
	])('splits pages on form feeds: %s', (_label, text, pages) => {
		expect(readPdfText(text)).toEqual({ text, pages, pageCount: pages.length });
	});

	it('keeps the page numbering: null is an empty page, a number is text', () => {
		expect(readPdfText({ resultText: ['a', null, 7] })).toEqual({
			text: 'a\n\n7',
			pages: ['a', '', '7'],
			pageCount: 3,
		});
	});

	it('reads a bare array, resultText as a string, and text alone', () => {
		expect(readPdfText(['p1', 'p2'])).toMatchObject({ pages: ['p1', 'p2'], pageCount: 2 });
		expect(readPdfText({ ResultText: 'x\fy\f' })).toMatchObject({ pages: ['x', 'y'] });
		expect(readPdfText({ text: 'only' })).toMatchObject({ pages: ['only'], pageCount: null });
	});

	it('no pages at all says nothing of the page count', () => {
		expect(readPdfText({ resultText: [], text: '' })).toEqual({
			text: '',
			pages: [''],
			pageCount: null,
		});
	});

	it('finds nothing in null or an unknown shape, and no text in a page that is an object', () => {
		expect(readPdfText(null)).toBeUndefined();
		expect(readPdfText({ wordPath: 'x' })).toBeUndefined();
		expect(readPdfText({ resultText: ['a', { b: 1 }] })).toEqual({ unreadable: 'an object' });
	});
});

describe('pdfLines and isBlank', () => {
	it('numbers lines with text through the document, with their page', () => {
		const text = readPdfText({ resultText: ['A\r\n\nB\n', '  \nC'] });
		expect(text && 'pages' in text && pdfLines(text)).toEqual([
			{ text: 'A', pageNumber: 1 },
			{ text: 'B', pageNumber: 1 },
			{ text: 'C', pageNumber: 2 },
		]);
	});

	it('has no page number where pages are not known', () => {
		const text = readPdfText('A\nB');
		expect(text && 'pages' in text && pdfLines(text)).toEqual([
			{ text: 'A', pageNumber: null },
			{ text: 'B', pageNumber: null },
		]);
	});

	it('blank means no page holds more than white space', () => {
		const read = (data: unknown) => readPdfText(data) as Parameters<typeof isBlank>[0];
		expect(isBlank(read({ resultText: ['', ' \n '] }))).toBe(true);
		expect(isBlank(read(''))).toBe(true);
		expect(isBlank(read({ resultText: ['', 'x'] }))).toBe(false);
	});
});

describe('GuGuData refusing a PDF', () => {
	const MiB = 1024 * 1024;
	const failure = (
		platform: ApiFailure['platform'],
		httpStatus: number,
		apiCode: number | undefined,
		bytes: number,
		encrypted = false,
	): ApiFailure => ({ platform, httpStatus, apiCode, itemIndex: 0, pdf: { bytes, encrypted } });
	const words = (item: ApiFailure) => {
		const error = apiError(node, item);
		return { message: error.message, description: String(error.description) };
	};

	it('413 names the size and no image limits', () => {
		const { message, description } = words(failure('international', 413, 413, 40 * MiB));
		expect(message).toBe('The PDF is too large for GuGuData (HTTP 413)');
		expect(description).toContain('GuGuData refused the PDF (40.0 MiB) as too large');
		expect(description).toContain('Split it into smaller PDFs');
		expect(description).not.toMatch(/pixel|image/i);
	});

	it('code 101 names the size as a possible cause only for a large PDF', () => {
		const large = words(failure('china', 200, 101, 30 * MiB));
		expect(large.message).toBe('GuGuData rejected the request parameters (code 101)');
		expect(large.description).toContain('at 30.0 MiB, its size may be the cause');
		const small = words(failure('china', 200, 101, 2 * MiB));
		expect(small.description).toContain('when it cannot read the PDF');
		expect(small.description).not.toContain('size');
		expect(small.description).not.toMatch(/image/i);
	});

	it.each([
		['international', 400, 400, 'HTTP 400'],
		['international', 415, 415, 'HTTP 415'],
		['international', 422, 422, 'HTTP 422'],
		['international', 500, 500, 'HTTP 500'],
		['china', 200, 101, 'code 101'],
		['china', 200, 110, 'code 110'],
	] as const)(
		'an encrypted PDF refused on %s (HTTP %s, code %s) says so',
		(platform, status, code, label) => {
			const { message, description } = words(failure(platform, status, code, MiB, true));
			expect(message).toBe(
				`GuGuData could not read the PDF: it is encrypted and may need its password removed (${label})`,
			);
			expect(description).toContain('Remove the password and the restrictions');
		},
	);

	it('what is not about the PDF keeps its own words, encrypted or not', () => {
		expect(words(failure('international', 401, 401, MiB, true)).message).toBe(
			'GuGuData rejected the AppKey (HTTP 401)',
		);
		expect(words(failure('china', 200, 104, MiB, true)).message).toBe(
			'GuGuData rejected the AppKey (code 104)',
		);
		expect(words(failure('international', 503, 503, MiB, true)).message).toBe(
			'GuGuData is temporarily unavailable (HTTP 503)',
		);
	});
});
