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
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return image('a JPEG image', 'image/jpeg', 'jpg');
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
		return image('a PNG image', 'image/png', 'png');
	}
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') {
		return image('a WebP image', 'image/webp', 'webp');
	}
	if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
		return image('a TIFF image', 'image/tiff', 'tiff');
	}
	if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 26)
		return image('a BMP image', 'image/bmp', 'bmp');
	// Formats GuGuData does not read, named so the message can say what the file really is.
	if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')
		return other('a GIF image');
	if (ascii(bytes, 4, 12) === 'ftypheic' || ascii(bytes, 4, 12) === 'ftypheix') {
		return other('a HEIC image');
	}
	if (ascii(bytes, 4, 8) === 'ftyp') return other('an AVIF, HEIF or video file');
	if (ascii(bytes, 0, 5) === '%PDF-') return other('a PDF document');
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

function isMostlyText(sample: Buffer): boolean {
	let printable = 0;
	for (const byte of sample) {
		if (byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte !== 0x7f)) {
			printable++;
		}
	}
	return printable / sample.length > 0.95;
}
