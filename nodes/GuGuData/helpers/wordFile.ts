import { sniffFileType } from './imageType';

export const DOCX_MIME_TYPE =
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const DEFAULT_DOCX_NAME = 'gugudata-ocr.docx';

/** GuGuData's own limit for the `filename` field, extension included. */
const MAX_NAME_LENGTH = 128;
const EXTENSION = '.docx';

/**
 * A file name the way GuGuData documents `filename`: at most 128 characters with `.docx` at the
 * end. Path parts and characters that Windows, macOS or mail clients reject are dropped, and the
 * cut never splits a character (Chinese names stay whole).
 */
export function cleanDocxName(raw: string | undefined): string | undefined {
	if (!raw) return undefined;
	let base = raw.split(/[\\/]/).pop() ?? '';
	base = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
	base = base
		.replace(/\.docx$/i, '')
		.replace(/^\.+/, '')
		.trim();
	if (!base) return undefined;
	const characters = Array.from(base).slice(0, MAX_NAME_LENGTH - EXTENSION.length);
	return `${characters.join('').trim()}${EXTENSION}`;
}

/** "invoice.png" -> "invoice.docx": the Word file is named after the image it came from. */
export function docxNameFromSource(sourceName: string | undefined): string | undefined {
	if (!sourceName) return undefined;
	const withoutExtension = sourceName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
	return cleanDocxName(withoutExtension);
}

/** What a downloaded body is, when it is not a .docx (undefined when it is one). */
export function notDocxReason(bytes: Buffer): string | undefined {
	if (bytes.length === 0) return 'is empty';
	const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
	// Entry names sit uncompressed in a ZIP's headers, so the main document part is findable as is.
	if (isZip && bytes.includes('word/document.xml')) return undefined;
	if (isZip) return 'is a ZIP archive without a Word document in it';
	return `is ${sniffFileType(bytes).label}, not a Word document`;
}
