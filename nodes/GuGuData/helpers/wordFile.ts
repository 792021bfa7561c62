import { sniffFileType } from './fileType';

export const DOCX_MIME_TYPE =
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What a downloaded body is, when it is not a .docx (undefined when it is one). */
export function notDocxReason(bytes: Buffer): string | undefined {
	if (bytes.length === 0) return 'is empty';
	const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
	// Entry names sit uncompressed in a ZIP's headers, so the main document part is findable as is.
	if (isZip && bytes.includes('word/document.xml')) return undefined;
	if (isZip) return 'is a ZIP archive without a Word document in it';
	return `is ${sniffFileType(bytes).label}, not a Word document`;
}
