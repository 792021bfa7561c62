import type { Operation } from '../transport/endpoints';

/** Each operation's name in the editor (its option and the node's subtitle) and in messages. */
export const OPERATION_NAMES: Record<Operation, string> = {
	imageToText: 'Image to Text',
	imageToWord: 'Image to Word',
	pdfToText: 'PDF to Text',
	pdfToWord: 'PDF to Word',
};

/** The operation that does the same for the other kind of file: PDF to Text for Image to Text. */
const COUNTERPARTS: Record<Operation, Operation> = {
	imageToText: 'pdfToText',
	imageToWord: 'pdfToWord',
	pdfToText: 'imageToText',
	pdfToWord: 'imageToWord',
};

export function counterpartName(operation: Operation): string {
	return OPERATION_NAMES[COUNTERPARTS[operation]];
}

/**
 * How to read both kinds of file in one workflow, for messages that send a file to the other
 * operation (the mixed-attachments example does this).
 */
export const ROUTE_BY_TYPE =
	"To handle images and PDFs in one workflow, send each to its operation with a Switch node on the file's MIME type or extension.";
