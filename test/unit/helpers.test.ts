/** Pure leaf modules of helpers/: base64, sniffing, sizes, names, Word checks, the pool. */
import { readBase64 } from '../../nodes/GuGuData/helpers/base64';
import { formatBytes, formatOverLimit } from '../../nodes/GuGuData/helpers/bytes';
import {
	cleanDocxName,
	docxNameFromSource,
	fileNameFromUrl,
	safeFileName,
} from '../../nodes/GuGuData/helpers/fileName';
import { sniffFileType } from '../../nodes/GuGuData/helpers/fileType';
import { runPool } from '../../nodes/GuGuData/helpers/pool';
import { parseRetryAfter } from '../../nodes/GuGuData/helpers/retryAfter';
import { notDocxReason } from '../../nodes/GuGuData/helpers/wordFile';
import {
	HTML_SAMPLE,
	makeBmp,
	makeDocx,
	makeGif,
	makeJpeg,
	makePdf,
	makePng,
	makeTiff,
	makeWebp,
	makeZip,
	TEXT_SAMPLE,
} from '../fixtures/images';

describe('readBase64', () => {
	const png = makePng('b64');
	const plain = png.toString('base64');

	it.each([
		['plain', plain],
		['a data URI', `data:image/png;base64,${plain}`],
		['wrapped at 76 characters', plain.replace(/(.{76})/g, '$1\r\n')],
		['URL-safe without padding', plain.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
	])('reads %s', (_, text) => {
		const result = readBase64(text);
		expect(result.ok && Buffer.from(result.base64, 'base64').equals(png)).toBe(true);
	});

	it('keeps the data URI type', () => {
		expect(readBase64(`data:image/png;base64,${plain}`)).toMatchObject({ mimeType: 'image/png' });
	});

	it.each([
		['', 'The base64 image is empty'],
		['   ', 'The base64 image is empty'],
		['abc!', 'The image is not valid base64'],
		['A', 'The image is not valid base64'],
		['data:image/png,abc', 'The data URI is not base64-encoded'],
		['data:application/pdf;base64,JVBERi0=', 'The data URI holds application/pdf, not an image'],
	])('refuses %j', (text, problem) => {
		expect(readBase64(text)).toMatchObject({ ok: false, problem });
	});
});

describe('sniffFileType', () => {
	it.each([
		['JPEG', makeJpeg('s'), 'image/jpeg'],
		['PNG', makePng('s'), 'image/png'],
		['WebP', makeWebp('s'), 'image/webp'],
		['TIFF', makeTiff('s'), 'image/tiff'],
		['BMP', makeBmp('s'), 'image/bmp'],
	])('accepts %s', (_, bytes, mimeType) => {
		expect(sniffFileType(bytes)).toMatchObject({ accepted: true, mimeType });
	});

	it.each([
		['a GIF image', makeGif('s')],
		['a PDF document', makePdf()],
		['a ZIP archive or Office document (DOCX, XLSX, PPTX)', makeDocx()],
		['an HTML page', HTML_SAMPLE],
		['JSON text', Buffer.from('{"a":1}')],
		['plain text', TEXT_SAMPLE],
		['an empty file', Buffer.alloc(0)],
	])('names %s and refuses it', (label, bytes) => {
		expect(sniffFileType(bytes)).toEqual({ accepted: false, label });
	});
});

describe('sniffFileType tells formats by their structure, not their first bytes', () => {
	it.each([
		[
			'a CSV whose first line starts with BM',
			Buffer.from('BM,Name,Amount\n1,Invoice 7,12.50\n'.repeat(3)),
		],
		['II* followed by text', Buffer.from('II*\u0000 is how a TIFF starts, but this is prose.')],
		[
			'a TIFF whose first IFD lies past the end',
			Buffer.from([0x49, 0x49, 0x2a, 0, 0xff, 0, 0, 0, 0, 0]),
		],
		['a RIFF file that is not WebP', Buffer.from('RIFF\u0010\u0000\u0000\u0000WEBPJUNKxxxxxxxx')],
		[
			'a PNG signature without its header chunk',
			Buffer.concat([makePng('s').subarray(0, 8), Buffer.from('hello world, not a chunk')]),
		],
		['a JPEG start of image and nothing else', Buffer.from([0xff, 0xd8, 0xff])],
	])('refuses %s', (_, bytes) => {
		expect(sniffFileType(bytes).accepted).toBe(false);
	});

	it('does not call binary bytes text because they are high: a JPEG cut short is of unknown type', () => {
		expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff])).label).toBe('a file of unknown type');
		expect(sniffFileType(Buffer.from([0xff, 0xfe, 0x80, 0x81, 0xc3, 0x28])).label).toBe(
			'a file of unknown type',
		);
	});

	it('names UTF-8 text in any script as text', () => {
		expect(sniffFileType(Buffer.from('发票号码 12345\n金额 ¥678.90\n'.repeat(4))).label).toBe(
			'plain text',
		);
	});

	it('still names a text file as text', () => {
		expect(sniffFileType(Buffer.from('BM,Name,Amount\n1,Invoice 7,12.50\n'.repeat(3))).label).toBe(
			'plain text',
		);
	});
});

describe('sizes', () => {
	it('says sizes in words', () => {
		expect([formatBytes(512), formatBytes(3277), formatBytes(10 * 1024 * 1024)]).toEqual([
			'512 bytes',
			'3.2 KiB',
			'10.0 MiB',
		]);
	});

	it('shows exact bytes when rounding would print the same size twice', () => {
		expect(formatOverLimit(10 * 1024 * 1024 + 1, 10 * 1024 * 1024)).toEqual([
			'10,485,761 bytes',
			'10,485,760 bytes (10.0 MiB)',
		]);
		expect(formatOverLimit(12 * 1024 * 1024, 10 * 1024 * 1024)).toEqual(['12.0 MiB', '10.0 MiB']);
	});
});

describe('file names', () => {
	it.each([
		['invoice', 'invoice.docx'],
		['invoice.DOCX', 'invoice.docx'],
		['C:\\scans\\march/report', 'report.docx'],
		['a<b>c:d"e|f?g*h', 'a_b_c_d_e_f_g_h.docx'],
		['...hidden', 'hidden.docx'],
		['   ', undefined],
	])('cleanDocxName(%j) = %j', (raw, name) => {
		expect(cleanDocxName(raw)).toBe(name);
	});

	it.each([
		['a right-to-left override', 'invoice\u202Excod.exe', 'invoicexcod.exe'],
		['other bidirectional controls', '\u2066a\u2069\u200Eb\u200F\u061C', 'ab'],
		['zero-width characters and the BOM', '\uFEFFin\u200Bvo\u200Dice\u2060', 'invoice'],
		['C1 control characters', 'a\u0085b\u009Fc', 'a_b_c'],
		['trailing dots and spaces', 'report. . .', 'report'],
		['a Windows device name', 'CON', '_CON'],
		['a device name with an extension', 'lpt1.png', '_lpt1.png'],
		['a device name in another case', 'Aux', '_Aux'],
		['a name that only looks like one', 'console.png', 'console.png'],
		['nothing but invisible characters', '\u202E\u200B', undefined],
	])('safeFileName removes %s', (_, raw, name) => {
		expect(safeFileName(raw, 255)).toBe(name);
	});

	it('the Word file name is safe too', () => {
		expect(cleanDocxName('scan\u202Efdp')).toBe('scanfdp.docx');
		expect(cleanDocxName('nul')).toBe('_nul.docx');
		expect(cleanDocxName('minutes.')).toBe('minutes.docx');
	});

	it('cuts long names at 128 characters with .docx, never inside a character', () => {
		expect(cleanDocxName('发票'.repeat(100))).toBe(`${'发票'.repeat(61)}发.docx`);
	});

	it('names the Word file after its source', () => {
		expect(docxNameFromSource('scan 1.png')).toBe('scan 1.docx');
		expect(docxNameFromSource(undefined)).toBeUndefined();
	});

	it.each([
		['https://example.com/a/b/receipt%20one.jpg?x=1', 'receipt one.jpg'],
		['https://example.com/a/b/', undefined],
		['https://example.com/download?id=3', undefined],
		['not a url', undefined],
	])('fileNameFromUrl(%j) = %j', (url, name) => {
		expect(fileNameFromUrl(url)).toBe(name);
	});
});

describe('notDocxReason', () => {
	it('accepts a .docx and names what else a body is', () => {
		expect(notDocxReason(makeDocx())).toBeUndefined();
		expect(notDocxReason(Buffer.alloc(0))).toBe('is empty');
		expect(notDocxReason(makeZip())).toBe('is a ZIP archive without a Word document in it');
		expect(notDocxReason(HTML_SAMPLE)).toBe('is an HTML page, not a Word document');
	});
});

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-11-30T12:00:00Z');

	it.each([
		['2', 2000],
		[' 1.5 ', 1500],
		[['3', '9'], 3000],
		['Mon, 30 Nov 2026 12:00:05 GMT', 5000],
		['Mon, 30 Nov 2026 11:00:00 GMT', 0],
		['soon', undefined],
		[undefined, undefined],
		['-1', undefined],
	])('%j -> %j ms', (value, ms) => {
		expect(parseRetryAfter(value, now)).toBe(ms);
	});
});

describe('runPool', () => {
	it('keeps index order and never runs more than the concurrency at once', async () => {
		let running = 0;
		let most = 0;
		const results = await runPool(20, 3, async (index) => {
			running++;
			most = Math.max(most, running);
			// Later indexes finish first, so order must come from the pool, not from timing.
			for (let i = 0; i < 20 - index; i++) await Promise.resolve();
			running--;
			return index * 2;
		});
		expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index * 2));
		expect(most).toBe(3);
	});

	it('starts no task once told to stop', async () => {
		const started: number[] = [];
		await runPool(
			10,
			2,
			async (index) => {
				started.push(index);
			},
			() => started.length >= 4,
		);
		expect(started).toEqual([0, 1, 2, 3]);
	});
});
