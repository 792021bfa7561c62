/** The outcome of reading a base64 parameter: clean base64 to send, or what is wrong with it. */
export type Base64Result =
	{ ok: true; base64: string; mimeType?: string } | { ok: false; problem: string; hint: string };

/** What the base64 should hold: the words for it, and which data URI types may carry it. */
export interface Base64Kind {
	/** "image", "PDF" */
	noun: string;
	/** With its article, for "not an image". */
	aNoun: string;
	/** The parameter's label in the editor. */
	field: string;
	/** A data URI of this kind, for the hint. */
	example: string;
	accepts: (mimeType: string) => boolean;
	/** What to do with a data URI of another type. */
	otherTypeHint: (mimeType: string) => string;
}

export const IMAGE_BASE64: Base64Kind = {
	noun: 'image',
	aNoun: 'an image',
	field: 'Image (Base64)',
	example: 'data:image/png;base64,...',
	accepts: (mimeType) => mimeType.startsWith('image/'),
	otherTypeHint: (mimeType) =>
		isPdfType(mimeType)
			? 'To read a PDF, choose the operation PDF to Text or PDF to Word.'
			: 'Pass an image (JPEG, PNG, WebP, TIFF or BMP) encoded as base64.',
};

export const PDF_BASE64: Base64Kind = {
	noun: 'PDF',
	aNoun: 'a PDF',
	field: 'PDF (Base64)',
	example: 'data:application/pdf;base64,...',
	accepts: isPdfType,
	otherTypeHint: (mimeType) =>
		mimeType.startsWith('image/')
			? 'To read an image, choose the operation Image to Text or Image to Word.'
			: 'Pass a PDF encoded as base64.',
};

function isPdfType(mimeType: string): boolean {
	return mimeType === 'application/pdf' || mimeType === 'application/x-pdf';
}

const DATA_URI = /^data:([^;,]*)((?:;[^;,]*)*),/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64_URL = /^[A-Za-z0-9\-_]+={0,2}$/;

/**
 * Accepts plain base64 or a data URI (`data:image/png;base64,...`), with line breaks or spaces as
 * mail and copy-paste leave them, in standard or URL-safe alphabet. A data URI's type must fit
 * `kind` (or be left out); the bytes themselves are checked later.
 */
export function readBase64(raw: string, kind: Base64Kind = IMAGE_BASE64): Base64Result {
	let text = raw.trim();
	let mimeType: string | undefined;
	const uri = DATA_URI.exec(text);
	if (uri) {
		mimeType = uri[1].toLowerCase() || undefined;
		if (!/;base64/i.test(uri[2])) {
			return {
				ok: false,
				problem: 'The data URI is not base64-encoded',
				hint: `Use a data URI of the form ${kind.example} or plain base64.`,
			};
		}
		if (mimeType && !kind.accepts(mimeType)) {
			return {
				ok: false,
				problem: `The data URI holds ${mimeType}, not ${kind.aNoun}`,
				hint: kind.otherTypeHint(mimeType),
			};
		}
		text = text.slice(uri[0].length);
	}
	text = text.replace(/\s+/g, '');
	if (!text) {
		return {
			ok: false,
			problem: `The base64 ${kind.noun} is empty`,
			hint: `Map the field that holds the base64 ${kind.noun} into "${kind.field}".`,
		};
	}
	if (BASE64_URL.test(text) && !BASE64.test(text)) {
		text = text.replace(/-/g, '+').replace(/_/g, '/');
	}
	if (!BASE64.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
		return {
			ok: false,
			problem: `The ${kind.noun} is not valid base64`,
			hint: 'Base64 uses only A-Z, a-z, 0-9, +, / and = padding. If you have a file, choose Binary File as the input type instead.',
		};
	}
	const padded = text.replace(/=+$/, '');
	return { ok: true, base64: padded + '='.repeat((4 - (padded.length % 4)) % 4), mimeType };
}
