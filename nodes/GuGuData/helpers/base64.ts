/** The outcome of reading a base64 parameter: clean base64 to send, or what is wrong with it. */
export type Base64Result =
	{ ok: true; base64: string; mimeType?: string } | { ok: false; problem: string; hint: string };

const DATA_URI = /^data:([^;,]*)((?:;[^;,]*)*),/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64_URL = /^[A-Za-z0-9\-_]+={0,2}$/;

/**
 * Accepts plain base64 or a data URI (`data:image/png;base64,...`), with line breaks or spaces as
 * mail and copy-paste leave them, in standard or URL-safe alphabet.
 */
export function readBase64(raw: string): Base64Result {
	let text = raw.trim();
	let mimeType: string | undefined;
	const uri = DATA_URI.exec(text);
	if (uri) {
		mimeType = uri[1].toLowerCase() || undefined;
		if (!/;base64/i.test(uri[2])) {
			return {
				ok: false,
				problem: 'The data URI is not base64-encoded',
				hint: 'Use a data URI of the form data:image/png;base64,... or plain base64.',
			};
		}
		if (mimeType && !mimeType.startsWith('image/')) {
			return {
				ok: false,
				problem: `The data URI holds ${mimeType}, not an image`,
				hint: 'Pass an image (JPEG, PNG, WebP, TIFF or BMP) encoded as base64.',
			};
		}
		text = text.slice(uri[0].length);
	}
	text = text.replace(/\s+/g, '');
	if (!text) {
		return {
			ok: false,
			problem: 'The base64 image is empty',
			hint: 'Map the field that holds the base64 image into "Image (Base64)".',
		};
	}
	if (BASE64_URL.test(text) && !BASE64.test(text)) {
		text = text.replace(/-/g, '+').replace(/_/g, '/');
	}
	if (!BASE64.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
		return {
			ok: false,
			problem: 'The image is not valid base64',
			hint: 'Base64 uses only A-Z, a-z, 0-9, +, / and = padding. If you have a file, choose Binary File as the input type instead.',
		};
	}
	const padded = text.replace(/=+$/, '');
	return { ok: true, base64: padded + '='.repeat((4 - (padded.length % 4)) % 4), mimeType };
}
