export const DEFAULT_DOCX_NAME = 'gugudata-ocr.docx';

/** GuGuData's own limit for the `filename` field, extension included. */
const MAX_NAME_LENGTH = 128;
/** The longest name most file systems take. */
export const MAX_FILE_NAME_LENGTH = 255;
const EXTENSION = '.docx';

// Characters that change how a name displays without being visible: bidirectional controls (a
// right-to-left override makes "exe.docx" read as "xcod.exe"), zero-width characters and the BOM.
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// Control characters and those Windows, macOS or mail clients reject in a name.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f<>:"|?*]/g;
// Device names Windows will not open as files, with or without an extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A name safe to write anywhere and to show: path parts dropped, invisible and control characters
 * removed, forbidden ones made `_`, no leading dots, no trailing dots or spaces, Windows device
 * names made safe, and at most `maxLength` characters, never cutting one in half. Undefined when
 * nothing is left.
 */
export function safeFileName(raw: string | undefined, maxLength: number): string | undefined {
	if (!raw) return undefined;
	let name = (raw.split(/[\\/]/).pop() ?? '').replace(INVISIBLE, '').replace(FORBIDDEN, '_');
	name = name.trim().replace(/^\.+/, '');
	name = Array.from(name)
		.slice(0, maxLength)
		.join('')
		.replace(/[. ]+$/, '');
	if (!name) return undefined;
	if (!RESERVED.test(name)) return name;
	return Array.from(`_${name}`).slice(0, maxLength).join('');
}

/**
 * A file name the way GuGuData documents `filename`: at most 128 characters with `.docx` at the
 * end, and safe as `safeFileName` makes it (Chinese names stay whole).
 */
export function cleanDocxName(raw: string | undefined): string | undefined {
	const withoutExtension = raw?.trim().replace(/\.docx$/i, '');
	const base = safeFileName(withoutExtension, MAX_NAME_LENGTH - EXTENSION.length);
	return base && `${base}${EXTENSION}`;
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
