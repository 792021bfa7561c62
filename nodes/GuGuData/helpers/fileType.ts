import { isPdf } from './pdf';

/** What a file is, told from its first bytes rather than from a name or MIME type that may lie. */
export interface Sniffed {
	/** True for the formats GuGuData recognises. */
	accepted: boolean;
	/** What to call it in a message: "a PNG image", "a PDF document". */
	label: string;
	mimeType?: string;
	extension?: string;
}

const MAX_TEXT_PROBE = 512;

function startsWith(bytes: Buffer, signature: number[], offset = 0): boolean {
	if (bytes.length < offset + signature.length) return false;
	return signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(bytes: Buffer, start: number, end: number): string {
	return bytes.subarray(start, end).toString('latin1');
}

const image = (label: string, mimeType: string, extension: string): Sniffed => ({
	accepted: true,
	label,
	mimeType,
	extension,
});

const other = (label: string): Sniffed => ({ accepted: false, label });

export function sniffFileType(bytes: Buffer): Sniffed {
	if (bytes.length === 0) return other('an empty file');
	if (isJpeg(bytes)) return image('a JPEG image', 'image/jpeg', 'jpg');
	if (isPng(bytes)) return image('a PNG image', 'image/png', 'png');
	if (isWebp(bytes)) return image('a WebP image', 'image/webp', 'webp');
	if (isTiff(bytes)) return image('a TIFF image', 'image/tiff', 'tiff');
	if (isBmp(bytes)) return image('a BMP image', 'image/bmp', 'bmp');
	// Formats GuGuData does not read, named so the message can say what the file really is.
	if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')
		return other('a GIF image');
	if (ascii(bytes, 4, 12) === 'ftypheic' || ascii(bytes, 4, 12) === 'ftypheix') {
		return other('a HEIC image');
	}
	if (ascii(bytes, 4, 8) === 'ftyp') return other('an AVIF, HEIF or video file');
	if (isPdf(bytes)) return other('a PDF document');
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
		return other('a ZIP archive or Office document (DOCX, XLSX, PPTX)');
	}
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return other('an old-style Office document');
	const head = bytes.subarray(0, MAX_TEXT_PROBE).toString('utf8').trimStart().toLowerCase();
	if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<body')) {
		return other('an HTML page');
	}
	if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) {
		return other('an SVG drawing');
	}
	if (head.startsWith('{') || head.startsWith('[')) return other('JSON text');
	if (isMostlyText(bytes.subarray(0, MAX_TEXT_PROBE))) return other('plain text');
	return other('a file of unknown type');
}

// Each accepted format is told by the structure that makes it that format, not by two or three
// magic bytes a text file can start with too ("BM..." is a plausible first line of a CSV).

/** SOI, then another marker: FF followed by a marker code. */
function isJpeg(bytes: Buffer): boolean {
	return startsWith(bytes, [0xff, 0xd8, 0xff]) && bytes.length > 3 && bytes[3] >= 0xc0;
}

/** The signature, then the IHDR chunk of 13 bytes that must come first. */
function isPng(bytes: Buffer): boolean {
	return (
		startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) &&
		bytes.length >= 16 &&
		bytes.readUInt32BE(8) === 13 &&
		ascii(bytes, 12, 16) === 'IHDR'
	);
}

/** A RIFF container of type WEBP whose first chunk is a VP8 bitstream (lossy, lossless or extended). */
function isWebp(bytes: Buffer): boolean {
	const chunk = ascii(bytes, 12, 16);
	return (
		ascii(bytes, 0, 4) === 'RIFF' &&
		ascii(bytes, 8, 12) === 'WEBP' &&
		(chunk === 'VP8 ' || chunk === 'VP8L' || chunk === 'VP8X')
	);
}

/** The byte-order mark and 42, then a first IFD inside the file with at least one entry. */
function isTiff(bytes: Buffer): boolean {
	const little = startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]);
	if ((!little && !startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) || bytes.length < 10) return false;
	const offset = little ? bytes.readUInt32LE(4) : bytes.readUInt32BE(4);
	if (offset < 8 || offset + 2 > bytes.length) return false;
	const entries = little ? bytes.readUInt16LE(offset) : bytes.readUInt16BE(offset);
	return entries > 0 && offset + 2 + entries * 12 <= bytes.length;
}

/** "BM", then a DIB header of one of the sizes Windows and OS/2 defined, inside the file. */
const DIB_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);
function isBmp(bytes: Buffer): boolean {
	if (ascii(bytes, 0, 2) !== 'BM' || bytes.length < 26) return false;
	const dibSize = bytes.readUInt32LE(14);
	const pixelOffset = bytes.readUInt32LE(10);
	return (
		DIB_HEADER_SIZES.has(dibSize) && 14 + dibSize <= bytes.length && pixelOffset >= 14 + dibSize
	);
}

function isMostlyText(sample: Buffer): boolean {
	// Bytes above 0x7f count only where they form UTF-8 characters: Chinese text is text, the high
	// bytes a JPEG cut short starts with are not.
	const decoded = new TextDecoder('utf-8', { fatal: false }).decode(sample);
	let printable = 0;
	let total = 0;
	for (const char of decoded) {
		total++;
		const code = char.codePointAt(0) as number;
		if (code === 0xfffd) continue;
		if (code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code !== 0x7f)) {
			printable++;
		}
	}
	return total > 0 && printable / total > 0.95;
}
