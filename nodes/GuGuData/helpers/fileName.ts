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

/** The last path segment of a URL, when it looks like a file name. */
export function fileNameFromUrl(url: string): string | undefined {
	try {
		const last = new URL(url).pathname.split('/').pop() ?? '';
		const name = decodeURIComponent(last);
		return /\.[A-Za-z0-9]{2,5}$/.test(name) ? name : undefined;
	} catch {
		return undefined;
	}
}
