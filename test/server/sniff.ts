/** Magic-byte sniffing and header-only dimension reading, as an image service checks uploads. */

export type ImageKind = 'png' | 'jpeg' | 'webp' | 'tiff' | 'bmp' | 'gif';

/** The formats the contract accepts (GIF is recognised but refused). */
export const SUPPORTED_KINDS: ReadonlySet<ImageKind> = new Set([
	'png',
	'jpeg',
	'webp',
	'tiff',
	'bmp',
]);

const MIME: Record<ImageKind, string> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	tiff: 'image/tiff',
	bmp: 'image/bmp',
	gif: 'image/gif',
};

const ascii = (bytes: Uint8Array, start: number, end: number) =>
	Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString('latin1');

export function sniffImage(bytes: Uint8Array): ImageKind | undefined {
	if (bytes.length < 12) return undefined;
	if (bytes[0] === 0x89 && ascii(bytes, 1, 8) === 'PNG\r\n\x1a\n') return 'png';
	if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
	const head4 = ascii(bytes, 0, 4);
	if (head4 === 'II*\0' || head4 === 'MM\0*') return 'tiff';
	if (ascii(bytes, 0, 2) === 'BM') return 'bmp';
	if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
	return undefined;
}

/** A content type for hosted bytes: the image type when sniffable, else octet-stream. */
export function contentTypeFor(bytes: Uint8Array): string {
	const kind = sniffImage(bytes);
	return kind ? MIME[kind] : 'application/octet-stream';
}

export interface Dimensions {
	width: number;
	height: number;
}

function jpegSize(b: Buffer): Dimensions | undefined {
	let i = 2;
	while (i + 9 < b.length) {
		if (b[i] !== 0xff) return undefined;
		const marker = b[i + 1];
		if (marker === 0xff) {
			i++;
			continue;
		}
		const isSof = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isSof) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
		i += 2 + b.readUInt16BE(i + 2);
	}
	return undefined;
}

function webpSize(b: Buffer): Dimensions | undefined {
	const chunk = b.toString('latin1', 12, 16);
	if (chunk === 'VP8X' && b.length >= 30) {
		return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
	}
	if (chunk === 'VP8L' && b.length >= 25) {
		const bits = b.readUInt32LE(21);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8 ' && b.length >= 30) {
		return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
	}
	return undefined;
}

function tiffSize(b: Buffer): Dimensions | undefined {
	const le = b[0] === 0x49;
	const u16 = (at: number) => (le ? b.readUInt16LE(at) : b.readUInt16BE(at));
	const u32 = (at: number) => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
	const ifd = u32(4);
	if (ifd + 2 > b.length) return undefined;
	let width: number | undefined;
	let height: number | undefined;
	for (let n = 0; n < u16(ifd); n++) {
		const at = ifd + 2 + n * 12;
		if (at + 12 > b.length) break;
		const value = u16(at + 2) === 3 ? u16(at + 8) : u32(at + 8);
		if (u16(at) === 256) width = value;
		if (u16(at) === 257) height = value;
	}
	return width && height ? { width, height } : undefined;
}

/** Width and height from the header, or undefined when the header cannot be read. */
export function imageDimensions(bytes: Uint8Array): Dimensions | undefined {
	const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
	try {
		switch (sniffImage(b)) {
			case 'png':
				return b.length >= 24
					? { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
					: undefined;
			case 'jpeg':
				return jpegSize(b);
			case 'webp':
				return webpSize(b);
			case 'tiff':
				return tiffSize(b);
			case 'bmp':
				return { width: Math.abs(b.readInt32LE(18)), height: Math.abs(b.readInt32LE(22)) };
			case 'gif':
				return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
			default:
				return undefined;
		}
	} catch {
		return undefined;
	}
}
