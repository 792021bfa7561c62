/**
 * Bad input for PDF to Text: every way a user can hand it something that is not a PDF it can send,
 * with the exact message, each refused before any GuGuData request. Both platforms take PDFs only
 * as uploads, so URLs are downloaded by the node on China Mainland too, and checked here.
 */
import {
	HTML_SAMPLE,
	TEXT_SAMPLE,
	makeDocx,
	makeGif,
	makeJpeg,
	makePdf,
	makePng,
} from '../fixtures/images';
import { startServers } from './servers';
import type { Servers } from './servers';
import type { TableRow } from './table-helpers';
import { base64Item, checkRow, fileItem, registerGoodImages, urlItem } from './table-helpers';

let servers: Servers;

beforeAll(async () => {
	servers = await startServers();
	registerGoodImages(servers);
});
afterAll(async () => await servers.close());

const PDF_TO_TEXT = { operation: 'pdfToText' };
const READS_PDFS = 'This operation reads PDF documents';
const USE_IMAGE_TO_TEXT = ': use the operation Image to Text for images';
const SET_IMAGE_TO_TEXT = 'Set Operation to Image to Text for images.';
const SWITCH = "a Switch node on the file's MIME type or extension";
const NOT_A_PDF = ', not a PDF GuGuData can read';

type PdfRow = Omit<TableRow, 'parameters' | 'apiRequests'> & { options?: object };

/** Every row runs PDF to Text, one item per line, and costs no request. */
const row = ({ options, ...rest }: PdfRow): TableRow => ({
	...rest,
	parameters: { ...PDF_TO_TEXT, ...(options && { options }) },
	apiRequests: 0,
});

const hosted = (path: string, bytes: Buffer, contentType: string) =>
	urlItem((server) => server.hostFile(`pdf-table/${path}`, bytes, contentType));

const ROWS: TableRow[] = [
	// Images: readable, by the image operations, which the message names.
	row({
		name: 'a PNG image',
		platform: 'international',
		input: 'binary',
		bad: fileItem(makePng('pdf-table'), 'scan.png', 'image/png'),
		message: `The file "scan.png" is a PNG image, not a PDF${USE_IMAGE_TO_TEXT}`,
		advice: [READS_PDFS, SET_IMAGE_TO_TEXT, SWITCH],
	}),
	row({
		// The name and MIME type claim a PDF; the bytes decide.
		name: 'a JPEG named and typed as a PDF',
		platform: 'china',
		input: 'binary',
		bad: fileItem(makeJpeg('pdf-table'), 'invoice.pdf', 'application/pdf'),
		message: `The file "invoice.pdf" is a JPEG image, not a PDF${USE_IMAGE_TO_TEXT}`,
		advice: [SET_IMAGE_TO_TEXT],
	}),
	row({
		name: 'a PNG as base64',
		platform: 'china',
		input: 'base64',
		bad: base64Item(makePng('pdf-table-b64').toString('base64')),
		message: `The base64 PDF is a PNG image, not a PDF${USE_IMAGE_TO_TEXT}`,
		advice: [SET_IMAGE_TO_TEXT],
	}),
	row({
		name: 'a PNG served at the PDF URL',
		platform: 'china',
		input: 'url',
		bad: hosted('scan.png', makePng('pdf-table-url'), 'image/png'),
		message: `The file at the PDF URL is a PNG image, not a PDF${USE_IMAGE_TO_TEXT}`,
		advice: [SET_IMAGE_TO_TEXT],
	}),
	row({
		name: 'a data:image/png URI',
		platform: 'international',
		input: 'base64',
		bad: base64Item(`data:image/png;base64,${makePng('pdf-table-uri').toString('base64')}`),
		message: 'The data URI holds image/png, not a PDF',
		advice: ['To read an image, choose the operation Image to Text or Image to Word.'],
	}),
	// Other files, named for what they are.
	...(
		[
			['an HTML page', HTML_SAMPLE, 'page.html', 'text/html'],
			['plain text', TEXT_SAMPLE, 'notes.txt', 'text/plain'],
			['an empty file', Buffer.alloc(0), 'empty.pdf', 'application/pdf'],
			['a GIF image', makeGif('pdf-table'), 'anim.gif', 'image/gif'],
			[
				'a ZIP archive or Office document (DOCX, XLSX, PPTX)',
				makeDocx(),
				'letter.docx',
				'application/zip',
			],
		] as const
	).map(([label, bytes, fileName, mimeType]) =>
		row({
			name: label,
			platform: 'international',
			input: 'binary',
			bad: fileItem(bytes, fileName, mimeType),
			message: `The file "${fileName}" is ${label}${NOT_A_PDF}`,
			advice: [`${READS_PDFS}: files that start with %PDF-.`],
		}),
	),
	row({
		// A PDF's header, %PDF-, must come first.
		name: 'a PDF after a line of text',
		platform: 'international',
		input: 'binary',
		bad: fileItem(Buffer.concat([Buffer.from('junk\n'), makePdf()]), 'odd.pdf', 'application/pdf'),
		message: `The file "odd.pdf" is plain text${NOT_A_PDF}`,
		advice: [READS_PDFS],
	}),
	// The binary property.
	row({
		name: 'an item without any binary data',
		platform: 'china',
		input: 'binary',
		bad: () => ({ json: { subject: 'no attachment' } }),
		message: 'The item has no binary property "data"',
		advice: ['The item has no binary data at all.', 'choose PDF URL or Base64 as the input type'],
	}),
	// Base64.
	row({
		name: 'an empty base64 string',
		platform: 'international',
		input: 'base64',
		bad: base64Item(''),
		message: 'The base64 PDF is empty',
		advice: ['Map the field that holds the base64 PDF into "PDF (Base64)".'],
	}),
	row({
		name: 'invalid base64',
		platform: 'china',
		input: 'base64',
		bad: base64Item('JVBERi0x%%%'),
		message: 'The PDF is not valid base64',
		advice: ['Base64 uses only A-Z, a-z, 0-9, +, / and = padding.'],
	}),
	row({
		name: 'base64 of an HTML page',
		platform: 'international',
		input: 'base64',
		bad: base64Item(HTML_SAMPLE.toString('base64')),
		message: `The base64 PDF is an HTML page${NOT_A_PDF}`,
		advice: [READS_PDFS],
	}),
	// URLs, refused without a download.
	row({
		name: 'an empty URL',
		platform: 'china',
		input: 'url',
		bad: urlItem(''),
		message: 'The PDF URL is empty',
		advice: ['Enter or map the http(s) address of the PDF.'],
	}),
	row({
		name: 'an invalid URL',
		platform: 'international',
		input: 'url',
		bad: urlItem('contract.pdf on the shared drive'),
		message: 'The PDF URL is not a valid URL',
		advice: ['Use a full address such as https://example.com/contract.pdf.'],
	}),
	row({
		name: 'an ftp:// URL',
		platform: 'china',
		input: 'url',
		bad: urlItem('ftp://files.example.com/contract.pdf'),
		message: 'The PDF URL must start with http:// or https:// (it starts with ftp:)',
		advice: ['read it with a file node and choose Binary File as the input type'],
	}),
	row({
		name: 'a link-local URL',
		platform: 'international',
		input: 'url',
		bad: urlItem('http://169.254.169.254/latest/contract.pdf'),
		message: 'The PDF URL points to a link-local or cloud-metadata address (169.254.169.254)',
		advice: ['The node never fetches these addresses'],
	}),
	// URLs the node downloads, on both platforms, before sending anything.
	row({
		name: 'a URL answering 404',
		platform: 'china',
		input: 'url',
		bad: urlItem((server) => server.assetUrl('_canned/not-found')),
		message: 'The PDF URL answered HTTP 404',
		advice: ['Use a direct, public link to the file that opens without a login.'],
	}),
	row({
		name: 'a URL redirecting to a login page',
		platform: 'china',
		input: 'url',
		bad: urlItem((server) => server.assetUrl('_canned/redirect-login')),
		message: 'The file at the PDF URL is an HTML page, not a PDF GuGuData can read',
		advice: ['often a login, preview or error page', 'Use a direct, public link to the PDF file.'],
	}),
	row({
		// Streamed without Content-Length: the node stops reading at its cap.
		name: 'a URL serving over 100 MiB',
		platform: 'international',
		input: 'url',
		bad: urlItem((server) => server.assetUrl('_canned/oversize?mib=101&chunked=1')),
		message: 'The PDF URL is larger than 100.0 MiB',
		advice: ['The node sends PDFs of at most 100.0 MiB. Split it into smaller PDFs'],
	}),
];

describe('PDF to Text bad input table', () => {
	test.each(
		ROWS.map((entry) => [`${entry.name} (${entry.platform}, ${entry.input})`, entry] as const),
	)('%s', async (_label, entry) => {
		await checkRow(servers, entry);
	});
});
