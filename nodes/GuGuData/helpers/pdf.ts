/** What the node tells about a PDF before sending it: that it is one, and whether it is encrypted. */

const SIGNATURE = '%PDF-';
const ENCRYPT_KEY = '/Encrypt';

/** A PDF starts with its header, %PDF- and the version: the first thing every reader checks. */
export function isPdf(bytes: Buffer): boolean {
	return bytes.subarray(0, SIGNATURE.length).toString('latin1') === SIGNATURE;
}

/**
 * Whether the PDF is encrypted: an /Encrypt entry whose value is the encryption dictionary, by
 * reference (`/Encrypt 12 0 R`) or inline (`/Encrypt <<`). It sits in the trailer, or from PDF 1.5
 * in a cross-reference stream's dictionary, which may be anywhere in the file (incremental
 * updates, linearized files), so the whole file is searched; the value's form keeps the word in a
 * page's text from counting. Such a PDF needs a password, or only restricts printing or copying.
 */
export function isEncryptedPdf(bytes: Buffer): boolean {
	for (
		let at = bytes.indexOf(ENCRYPT_KEY, 0, 'latin1');
		at !== -1;
		at = bytes.indexOf(ENCRYPT_KEY, at + ENCRYPT_KEY.length, 'latin1')
	) {
		const value = bytes.subarray(at + ENCRYPT_KEY.length, at + ENCRYPT_KEY.length + 40);
		if (/^\s*(?:\d+\s+\d+\s+R|<<)/.test(value.toString('latin1'))) return true;
	}
	return false;
}
