/**
 * Bad input: every way a user can hand the node something GuGuData cannot read, with the exact
 * message the node gives. What the node can check itself is refused before any API request.
 */
import { deflateSync } from 'node:zlib';

import {
	HTML_SAMPLE,
	JSON_SAMPLE,
	SVG_SAMPLE,
	TEXT_SAMPLE,
	makeBigPng,
	makeBmp,
	makeDocx,
	makeGif,
	makeIco,
	makePdf,
	makePng,
	makeWav,
} from '../fixtures/images';
import { PNG_SIGNATURE, pngChunk } from '../fixtures/png';
import type { BinaryMode } from '../harness';
import { runWorkflow } from '../harness';
import { binaryItem, startServers } from './servers';
import type { Servers } from './servers';
import type { TableRow } from './table-helpers';
import { base64Item, checkRow, fileItem, registerGoodImages, urlItem } from './table-helpers';

let servers: Servers;

beforeAll(async () => {
	servers = await startServers();
	registerGoodImages(servers);
});
afterAll(async () => await servers.close());

const NOT_AN_IMAGE = 'GuGuData reads JPEG, PNG, WebP, TIFF and BMP images.';
const DIRECT_LINK = 'Use a direct, public link to the image file.';
const HTTP_ONLY = 'read it with a file node and choose Binary File as the input type';
const BAD_BASE64 = 'Base64 uses only A-Z, a-z, 0-9, +, / and = padding.';
const CHINA_PARAMS = 'Check that the image URL is public and reachable';

const file = (bytes: Buffer, fileName: string, mimeType: string) =>
	fileItem(bytes, fileName, mimeType);

/** A URL item for bytes the asset host serves under `path` with `contentType`. */
const hosted = (path: string, bytes: Buffer, contentType: string) =>
	urlItem((server) => server.hostFile(`table/${path}`, bytes, contentType));

const base64Of = (bytes: Buffer) => base64Item(bytes.toString('base64'));

const NOT_READABLE = ', not an image GuGuData can read';
// A PDF is readable, by the PDF operations: the message names the one to use.
const USE_PDF_TO_TEXT = ': use the operation PDF to Text for PDFs';
const SET_PDF_TO_TEXT = 'Set Operation to PDF to Text for PDFs.';

// Files that start the way an accepted format starts, without the structure behind the magic.

/** "BM" as the first letters of a CSV line, not a BMP file header. */
const BM_CSV = Buffer.from('BM,Name,Amount\n1,Invoice 7,12.50\n'.repeat(4));

/** A little-endian TIFF header whose first IFD, right after it, lists no entries. */
function tiffWithEmptyIfd(): Buffer {
	const bytes = Buffer.alloc(64);
	bytes.write('II*\0', 0, 'latin1');
	bytes.writeUInt32LE(8, 4);
	return bytes;
}

/** A big-endian TIFF header whose first IFD would start far past the end of the file. */
function tiffWithIfdPastEnd(): Buffer {
	const bytes = Buffer.alloc(64);
	bytes.write('MM\0*', 0, 'latin1');
	bytes.writeUInt32BE(0x10000, 4);
	return bytes;
}

/** A RIFF container of type WEBP whose first chunk is no VP8, VP8L or VP8X bitstream. */
function webpWithoutBitstream(): Buffer {
	const bytes = Buffer.alloc(44);
	bytes.write('RIFF', 0, 'latin1');
	bytes.writeUInt32LE(bytes.length - 8, 4);
	bytes.write('WEBPJUNK', 8, 'latin1');
	bytes.writeUInt32LE(24, 16);
	return bytes;
}

/** The PNG signature, then image data: the IHDR chunk that must come first is missing. */
function pngWithoutIhdr(): Buffer {
	const idat = pngChunk('IDAT', deflateSync(Buffer.alloc(16 * 49)));
	return Buffer.concat([PNG_SIGNATURE, idat, pngChunk('IEND', Buffer.alloc(0))]);
}

/** JPEG's start-of-image marker, then zeros where the next marker should be. */
const JPEG_SOI_THEN_ZEROS = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(509)]);

/** A real BMP whose DIB header size (99) is none that Windows or OS/2 defined. */
function bmpWithUnknownDibHeader(): Buffer {
	const bytes = makeBmp('unknown-dib');
	bytes.writeUInt32LE(99, 14);
	return bytes;
}

const ROWS: TableRow[] = [
	// Files that are not images GuGuData reads, told apart by their bytes, not their names.
	{
		name: 'a PDF',
		platform: 'international',
		input: 'binary',
		bad: file(makePdf(), 'invoice.pdf', 'application/pdf'),
		message: `The file "invoice.pdf" is a PDF document${USE_PDF_TO_TEXT}`,
		advice: [NOT_AN_IMAGE, SET_PDF_TO_TEXT, "a Switch node on the file's MIME type"],
		apiRequests: 0,
	},
	{
		name: 'a DOCX (a ZIP inside)',
		platform: 'international',
		input: 'binary',
		bad: file(makeDocx(), 'letter.docx', 'application/zip'),
		message:
			'The file "letter.docx" is a ZIP archive or Office document (DOCX, XLSX, PPTX), not an image GuGuData can read',
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'plain text labelled as a PNG',
		platform: 'international',
		input: 'binary',
		bad: file(TEXT_SAMPLE, 'notes.png', 'image/png'),
		message: 'The file "notes.png" is plain text, not an image GuGuData can read',
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		// "BM" is how a BMP starts; the node checks the DIB header behind it.
		name: 'a CSV whose first line starts with BM, labelled as a BMP',
		platform: 'international',
		input: 'binary',
		bad: file(BM_CSV, 'export.bmp', 'image/bmp'),
		message: 'The file "export.bmp" is plain text, not an image GuGuData can read',
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'an HTML file',
		platform: 'international',
		input: 'binary',
		bad: file(HTML_SAMPLE, 'page.html', 'text/html'),
		message: 'The file "page.html" is an HTML page, not an image GuGuData can read',
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'an empty file',
		platform: 'international',
		input: 'binary',
		bad: file(Buffer.alloc(0), 'empty.png', 'image/png'),
		message: 'The file "empty.png" is an empty file, not an image GuGuData can read',
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a GIF',
		platform: 'international',
		input: 'binary',
		bad: file(makeGif('table'), 'anim.gif', 'image/gif'),
		message: 'The file "anim.gif" is a GIF image, not an image GuGuData can read',
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a PNG of 10 MiB + 1 byte',
		platform: 'international',
		input: 'binary',
		bad: file(makeBigPng(10 * 1024 * 1024 + 1), 'huge.png', 'image/png'),
		message:
			'The file "huge.png" is 10,485,761 bytes, over GuGuData\'s limit of 10,485,760 bytes (10.0 MiB)',
		advice: ['Resize or compress the image'],
		apiRequests: 0,
	},
	{
		name: 'a PDF on the China platform',
		platform: 'china',
		input: 'binary',
		bad: file(makePdf('China'), 'scan.pdf', 'application/pdf'),
		message: `The file "scan.pdf" is a PDF document${USE_PDF_TO_TEXT}`,
		advice: [NOT_AN_IMAGE, SET_PDF_TO_TEXT],
		apiRequests: 0,
	},
	// Look-alikes: the first bytes of an accepted format, not the format. Each is refused as what it
	// is before anything is sent, whichever way it comes in.
	{
		name: 'a CSV starting with BM, served as image/bmp',
		platform: 'international',
		input: 'url',
		bad: hosted('export.bmp', BM_CSV, 'image/bmp'),
		message: `The file at the image URL is plain text${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a CSV starting with BM, as base64',
		platform: 'international',
		input: 'base64',
		bad: base64Of(BM_CSV),
		message: `The base64 image is plain text${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		// The data URI's image/bmp is a claim like any file name: the bytes decide.
		name: 'a CSV starting with BM, as a data:image/bmp URI',
		platform: 'china',
		input: 'base64',
		bad: base64Item(`data:image/bmp;base64,${BM_CSV.toString('base64')}`),
		message: `The base64 image is plain text${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a BMP whose DIB header size no format defines',
		platform: 'international',
		input: 'binary',
		bad: file(bmpWithUnknownDibHeader(), 'scan.bmp', 'image/bmp'),
		message: `The file "scan.bmp" is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a TIFF header (II*) whose first IFD has no entries',
		platform: 'international',
		input: 'binary',
		bad: file(tiffWithEmptyIfd(), 'scan.tif', 'image/tiff'),
		message: `The file "scan.tif" is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a TIFF header (II*) whose first IFD has no entries, on the China platform',
		platform: 'china',
		input: 'binary',
		bad: file(tiffWithEmptyIfd(), 'scan.tif', 'image/tiff'),
		message: `The file "scan.tif" is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a TIFF header (MM*) whose first IFD lies past the end',
		platform: 'international',
		input: 'binary',
		bad: file(tiffWithIfdPastEnd(), 'fax.tiff', 'image/tiff'),
		message: `The file "fax.tiff" is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a TIFF header (MM*) whose first IFD lies past the end, served as image/tiff',
		platform: 'international',
		input: 'url',
		bad: hosted('fax.tiff', tiffWithIfdPastEnd(), 'image/tiff'),
		message: `The file at the image URL is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a RIFF WEBP container without a VP8 chunk',
		platform: 'international',
		input: 'binary',
		bad: file(webpWithoutBitstream(), 'photo.webp', 'image/webp'),
		message: `The file "photo.webp" is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a RIFF WEBP container without a VP8 chunk, as base64',
		platform: 'international',
		input: 'base64',
		bad: base64Of(webpWithoutBitstream()),
		message: `The base64 image is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		// RIFF is WebP's container too: a voice message with an image's name.
		name: 'a WAV recording named and typed as a WebP',
		platform: 'international',
		input: 'binary',
		bad: file(makeWav(), 'voice.webp', 'image/webp'),
		message: `The file "voice.webp" is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a WAV recording served as image/webp',
		platform: 'international',
		input: 'url',
		bad: hosted('voice.webp', makeWav(), 'image/webp'),
		message: `The file at the image URL is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a PNG signature without the IHDR chunk',
		platform: 'international',
		input: 'binary',
		bad: file(pngWithoutIhdr(), 'scan.png', 'image/png'),
		message: `The file "scan.png" is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a PNG signature without the IHDR chunk, served as image/png',
		platform: 'international',
		input: 'url',
		bad: hosted('no-ihdr.png', pngWithoutIhdr(), 'image/png'),
		message: `The file at the image URL is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a PNG signature without the IHDR chunk, as base64 on the China platform',
		platform: 'china',
		input: 'base64',
		bad: base64Of(pngWithoutIhdr()),
		message: `The base64 image is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a JPEG start-of-image marker followed by zeros',
		platform: 'international',
		input: 'binary',
		bad: file(JPEG_SOI_THEN_ZEROS, 'photo.jpg', 'image/jpeg'),
		message: `The file "photo.jpg" is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a JPEG start-of-image marker followed by zeros, as base64',
		platform: 'international',
		input: 'base64',
		bad: base64Of(JPEG_SOI_THEN_ZEROS),
		message: `The base64 image is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	// Files that are plainly something else, by the other ways in.
	{
		name: 'a GIF served as image/gif',
		platform: 'international',
		input: 'url',
		bad: hosted('anim.gif', makeGif('table-url'), 'image/gif'),
		message: `The file at the image URL is a GIF image${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a GIF as base64',
		platform: 'international',
		input: 'base64',
		bad: base64Of(makeGif('table-base64')),
		message: `The base64 image is a GIF image${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'an SVG drawing',
		platform: 'international',
		input: 'binary',
		bad: file(SVG_SAMPLE, 'logo.svg', 'image/svg+xml'),
		message: `The file "logo.svg" is an SVG drawing${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'an SVG drawing served as image/svg+xml',
		platform: 'international',
		input: 'url',
		bad: hosted('logo.svg', SVG_SAMPLE, 'image/svg+xml'),
		message: `The file at the image URL is an SVG drawing${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'JSON text labelled as a PNG',
		platform: 'international',
		input: 'binary',
		bad: file(JSON_SAMPLE, 'invoice.png', 'image/png'),
		message: `The file "invoice.png" is JSON text${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		// An API's error answer saved as the image, say.
		name: 'JSON text served as image/png',
		platform: 'international',
		input: 'url',
		bad: hosted('invoice.png', JSON_SAMPLE, 'image/png'),
		message: `The file at the image URL is JSON text${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'an empty file served as image/png',
		platform: 'international',
		input: 'url',
		bad: hosted('empty.png', Buffer.alloc(0), 'image/png'),
		message: `The file at the image URL is an empty file${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a 3-byte file',
		platform: 'international',
		input: 'binary',
		bad: file(Buffer.from([0x00, 0x00, 0x01]), 'cut.png', 'image/png'),
		message: `The file "cut.png" is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a Windows icon',
		platform: 'international',
		input: 'binary',
		bad: file(makeIco(), 'favicon.ico', 'image/x-icon'),
		message: `The file "favicon.ico" is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	{
		name: 'a Windows icon served as image/vnd.microsoft.icon',
		platform: 'international',
		input: 'url',
		bad: hosted('favicon.ico', makeIco(), 'image/vnd.microsoft.icon'),
		message: `The file at the image URL is a file of unknown type${NOT_READABLE}`,
		advice: [NOT_AN_IMAGE],
		apiRequests: 0,
	},
	// The binary property itself.
	{
		name: 'a missing binary property (the item has others)',
		platform: 'international',
		input: 'binary',
		parameters: { binaryPropertyName: 'attachment_0' },
		goodProperty: 'attachment_0',
		bad: () => ({
			json: {},
			binary: {
				data: { data: makePng('wrong-field'), fileName: 'a.png', mimeType: 'image/png' },
				attachment_1: { data: makePng('wrong-field-1'), fileName: 'b.png', mimeType: 'image/png' },
			},
		}),
		message: 'The item has no binary property "attachment_0"',
		advice: [
			'The item has these binary properties: data, attachment_1.',
			'Set "Input Binary Field" to one of them.',
		],
		apiRequests: 0,
	},
	{
		name: 'an item without any binary data',
		platform: 'china',
		input: 'binary',
		bad: () => ({ json: { subject: 'no attachment' } }),
		message: 'The item has no binary property "data"',
		advice: ['The item has no binary data at all.', 'choose Image URL or Base64 as the input type'],
		apiRequests: 0,
	},
	{
		name: 'an expression for the binary field that returns neither a name nor a file',
		platform: 'international',
		input: 'binary',
		parameters: { binaryPropertyName: '={{ $json.file ?? $binary.data }}' },
		bad: () => ({ json: { file: { size: 42 } }, binary: binaryItem(makePng('expr')).binary }),
		message: '"Input Binary Field" is neither a binary property name nor a file of this item',
		advice: ["an expression that returns a file, such as {{ $('Read File').item.binary.data }}"],
		apiRequests: 0,
	},
	// Base64.
	{
		name: 'invalid base64',
		platform: 'international',
		input: 'base64',
		bad: base64Item('this is not base64!'),
		message: 'The image is not valid base64',
		advice: [BAD_BASE64],
		apiRequests: 0,
	},
	{
		name: 'invalid base64 on the China platform',
		platform: 'china',
		input: 'base64',
		bad: base64Item('iVBORw0KGgo%%%'),
		message: 'The image is not valid base64',
		advice: [BAD_BASE64],
		apiRequests: 0,
	},
	{
		name: 'an empty base64 string',
		platform: 'international',
		input: 'base64',
		bad: base64Item(''),
		message: 'The base64 image is empty',
		advice: ['Map the field that holds the base64 image into "Image (Base64)".'],
		apiRequests: 0,
	},
	{
		name: 'a data URI of a non-image',
		platform: 'china',
		input: 'base64',
		bad: base64Item(`data:text/plain;base64,${TEXT_SAMPLE.toString('base64')}`),
		message: 'The data URI holds text/plain, not an image',
		advice: ['Pass an image (JPEG, PNG, WebP, TIFF or BMP) encoded as base64.'],
		apiRequests: 0,
	},
	{
		name: 'a data URI without ;base64',
		platform: 'international',
		input: 'base64',
		bad: base64Item('data:image/png,%89PNG%0D%0A'),
		message: 'The data URI is not base64-encoded',
		advice: ['Use a data URI of the form data:image/png;base64,... or plain base64.'],
		apiRequests: 0,
	},
	{
		name: 'base64 of a PDF',
		platform: 'china',
		input: 'base64',
		bad: base64Item(makePdf().toString('base64')),
		message: `The base64 image is a PDF document${USE_PDF_TO_TEXT}`,
		advice: [NOT_AN_IMAGE, SET_PDF_TO_TEXT],
		apiRequests: 0,
	},
	// URLs the node refuses without fetching anything.
	{
		name: 'an ftp:// URL',
		platform: 'international',
		input: 'url',
		bad: urlItem('ftp://files.example.com/scan.png'),
		message: 'The image URL must start with http:// or https:// (it starts with ftp:)',
		advice: [HTTP_ONLY],
		apiRequests: 0,
	},
	{
		name: 'file:///etc/passwd',
		platform: 'china',
		input: 'url',
		bad: urlItem('file:///etc/passwd'),
		message: 'The image URL must start with http:// or https:// (it starts with file:)',
		advice: [HTTP_ONLY],
		apiRequests: 0,
	},
	{
		name: 'an invalid URL',
		platform: 'international',
		input: 'url',
		bad: urlItem('scan.png on the shared drive'),
		message: 'The image URL is not a valid URL',
		advice: ['Use a full address such as https://example.com/scan.png.'],
		apiRequests: 0,
	},
	{
		name: 'an empty URL',
		platform: 'china',
		input: 'url',
		bad: urlItem(''),
		message: 'The image URL is empty',
		advice: ['Enter or map the http(s) address of the image.'],
		apiRequests: 0,
	},
	// URLs the node downloads (international) before sending anything.
	{
		name: 'a URL answering 404',
		platform: 'international',
		input: 'url',
		bad: urlItem((server) => server.assetUrl('_canned/not-found')),
		message: 'The image URL answered HTTP 404',
		advice: ['Use a direct, public link to the file that opens without a login.'],
		apiRequests: 0,
	},
	{
		name: 'a URL answering 500, after retries',
		platform: 'international',
		input: 'url',
		parameters: { options: { retries: 2, maxRetryWait: 0.05 } },
		bad: urlItem((server) => server.assetUrl('_canned/error')),
		message: 'The image URL answered HTTP 500',
		advice: [
			'The server holding the file failed or was busy: try again later',
			'Gave up after 3 attempts.',
		],
		apiRequests: 0,
	},
	{
		name: 'a URL redirecting to a login page',
		platform: 'international',
		input: 'url',
		bad: urlItem((server) => server.assetUrl('_canned/redirect-login')),
		message: 'The file at the image URL is an HTML page, not an image GuGuData can read',
		advice: ['often a login, preview or error page', DIRECT_LINK],
		apiRequests: 0,
	},
	{
		name: 'a URL serving HTML',
		platform: 'international',
		input: 'url',
		bad: urlItem((server) => server.assetUrl('_canned/html')),
		message: 'The file at the image URL is an HTML page, not an image GuGuData can read',
		advice: [DIRECT_LINK],
		apiRequests: 0,
	},
	{
		name: 'a URL serving a PDF',
		platform: 'international',
		input: 'url',
		bad: urlItem((server) => server.hostFile('table/invoice.pdf', makePdf(), 'application/pdf')),
		message: `The file at the image URL is a PDF document${USE_PDF_TO_TEXT}`,
		advice: [NOT_AN_IMAGE, SET_PDF_TO_TEXT],
		apiRequests: 0,
	},
	{
		name: 'an oversize URL body (streamed without Content-Length)',
		platform: 'international',
		input: 'url',
		bad: urlItem((server) => server.assetUrl('_canned/oversize?mib=11&chunked=1')),
		message: 'The image URL is larger than 10.0 MiB',
		advice: ['GuGuData reads images of at most 10.0 MiB: resize or compress the image.'],
		apiRequests: 0,
	},
	{
		name: 'an oversize URL body (with Content-Length)',
		platform: 'international',
		input: 'url',
		bad: urlItem((server) => server.assetUrl('_canned/oversize?mib=12')),
		message: 'The image URL is larger than 10.0 MiB',
		advice: ['resize or compress the image'],
		apiRequests: 0,
	},
	{
		name: 'a URL that does not answer within the timeout',
		platform: 'international',
		input: 'url',
		parameters: { options: { timeout: 1, retries: 0 } },
		bad: urlItem((server) => server.assetUrl('_canned/slow?ms=10000')),
		message: 'The image URL did not answer within 1 s',
		advice: ['raise the Timeout option'],
		apiRequests: 0,
	},
	// China fetches URLs itself: only GuGuData can tell, and says so with code 101.
	{
		name: 'a URL answering 404 on the China platform',
		platform: 'china',
		input: 'url',
		bad: urlItem((server) => server.assetUrl('_canned/not-found')),
		message: 'GuGuData rejected the request parameters (code 101)',
		advice: [CHINA_PARAMS, 'GuGuData said: "参数错误：图片下载失败'],
		httpCode: '200',
		apiRequests: 1,
	},
	{
		name: 'a URL serving HTML on the China platform',
		platform: 'china',
		input: 'url',
		bad: urlItem((server) => server.assetUrl('_canned/html')),
		message: 'GuGuData rejected the request parameters (code 101)',
		advice: [CHINA_PARAMS, '不支持的图片格式'],
		httpCode: '200',
		apiRequests: 1,
	},
];

describe('bad input table', () => {
	test.each(ROWS.map((row) => [`${row.name} (${row.platform}, ${row.input})`, row] as const))(
		'%s',
		async (_label, row) => {
			await checkRow(servers, row);
		},
	);
});

// The table above runs in n8n 2.x's default binary mode, filesystem; its binary rows again in the
// other store n8n 2.x offers (queue mode's default).
describe('binary inputs in database binary mode', () => {
	const binaryRows = ROWS.filter((row) => row.input === 'binary');
	test.each(binaryRows.map((row) => [`${row.name} (${row.platform})`, row] as const))(
		'%s',
		async (_label, row) => {
			await checkRow(servers, row, 'database');
		},
	);
});

describe.each<BinaryMode>(['filesystem', 'database', 'default'])(
	'the binary field as an expression returning the file (%s binary mode)',
	(binaryMode) => {
		test.each([
			['$binary.data', '={{ $binary.data }}'],
			['$input.item.binary.data', '={{ $input.item.binary.data }}'],
			["$('Items').item.binary.data", "={{ $('Items').item.binary.data }}"],
			['$binary.attachment_0', '={{ $binary.attachment_0 }}'],
		])('%s', async (_label, expression) => {
			const server = servers.international;
			server.reset();
			const result = await runWorkflow({
				// Unpaced: the local server enforces no rate, and the expression is the subject.
				parameters: {
					operation: 'imageToText',
					binaryPropertyName: expression,
					options: { requestsPerSecond: 100 },
				},
				credentials: servers.credentials('international'),
				items: [0, 2].map((index) => ({
					json: {},
					binary: {
						// A decoy first, so a match on the wrong property would show.
						other: { data: makePng('decoy'), fileName: 'decoy.png', mimeType: 'image/png' },
						[expression.includes('attachment_0') ? 'attachment_0' : 'data']: {
							data: makePng(`table-good-${index}`),
							fileName: `good-${index}.png`,
							mimeType: 'image/png',
						},
					},
				})),
				binaryMode,
			});
			expect(result.status).toBe('success');
			expect(result.items.map((item) => [item.json.text, item.pairedItem])).toEqual([
				['GOOD 0 A', { item: 0 }],
				['GOOD 0 B', { item: 0 }],
				['GOOD 2', { item: 1 }],
			]);
			const uploads = server.requests.filter((entry) => entry.area === 'api');
			const names = uploads.map((entry) => entry.files[0]?.name).sort();
			expect(names).toEqual(['good-0.png', 'good-2.png']);
		});

		test('$binary.data on an item without files names the problem', async () => {
			const result = await runWorkflow({
				parameters: { operation: 'imageToText', binaryPropertyName: '={{ $binary.data }}' },
				credentials: servers.credentials('international'),
				items: [{ json: {} }],
				binaryMode,
			});
			expect(result.nodeError?.message).toBe('The item has no binary property "(empty)"');
			expect(result.nodeError?.description).toContain('The item has no binary data at all.');
		});
	},
);
