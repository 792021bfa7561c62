import type { INode, JsonObject, NodeApiError } from 'n8n-workflow';

import { formatBytes } from '../helpers/bytes';
import type { ApiFailure, Explained } from './apiErrors';
import { serviceError } from './nodeErrors';

/** What the node knows of the PDF it sent, to say why GuGuData may have refused it. */
export interface SentPdf {
	bytes: number;
	/** The PDF has an /Encrypt entry. */
	encrypted: boolean;
}

/**
 * GuGuData documents no size limit for PDFs. Past its one documented limit, 10 MiB for an image,
 * a code 101 names the PDF's size as a possible cause.
 */
const LARGE_PDF_BYTES = 10 * 1024 * 1024;

const SPLIT = 'Split it into smaller PDFs of fewer pages each and send those.';

const ENCRYPTED = 'it is encrypted and may need its password removed';

const ENCRYPTED_ADVICE =
	'The PDF has an /Encrypt entry: it needs a password to open, or it only restricts printing or copying. GuGuData does not document whether it reads such PDFs. Remove the password and the restrictions (open it in a PDF reader and save or print it as a new PDF without security), then send that PDF.';

/** Statuses and codes with which GuGuData refuses a file, or fails on one. */
const REFUSALS: ReadonlySet<number> = new Set([400, 415, 422, 500, 101, 110]);

/** Words for a PDF where the general ones speak of images. */
const PDF_REFUSAL: Record<number, { message: string; description: string }> = {
	400: {
		message: 'GuGuData rejected the request as invalid',
		description: 'Check that the file is a whole PDF that opens in a PDF reader.',
	},
	415: {
		message: 'GuGuData does not accept this type of file',
		description:
			'The node sent a PDF (the file starts with %PDF-). Check that it opens in a PDF reader; if it does, save it as a new PDF and send that.',
	},
	422: {
		message: 'GuGuData found no readable text in the PDF',
		description: 'Its pages may be blank, or scans too faint or too small to read.',
	},
	101: {
		message: 'GuGuData rejected the request parameters',
		description:
			'GuGuData answers code 101 when it cannot read the PDF: check that it opens in a PDF reader.',
	},
};

/**
 * What GuGuData's refusal means for a PDF: the general explanation of its status, worded for a
 * PDF, with the PDF's size named where it may be the cause (413; code 101 for a large PDF) and its
 * encryption where GuGuData refused or failed on an encrypted one.
 */
export function explainPdfFailure(
	failure: ApiFailure,
	pdf: SentPdf,
	general: Explained,
): Explained {
	const httpOk = failure.httpStatus >= 200 && failure.httpStatus < 300;
	// An envelope's code in an HTTP 200 answer means what the status would.
	const status = httpOk ? failure.apiCode : failure.httpStatus;
	if (status === undefined) return general;
	const size = formatBytes(pdf.bytes);
	if (status === 413) {
		return {
			...general,
			message: 'The PDF is too large for GuGuData',
			description: `GuGuData refused the PDF (${size}) as too large; it documents no limit for PDFs. ${SPLIT}`,
		};
	}
	if (!REFUSALS.has(status)) return general;
	const large = status === 101 && pdf.bytes > LARGE_PDF_BYTES;
	if (pdf.encrypted) {
		const sizeNote = large ? ` At ${size}, it may also be too large for GuGuData.` : '';
		return {
			...general,
			message: `GuGuData could not read the PDF: ${ENCRYPTED}`,
			description: `${ENCRYPTED_ADVICE}${sizeNote}`,
		};
	}
	if (large) {
		return {
			...general,
			message: PDF_REFUSAL[101].message,
			description: `GuGuData answers code 101 when it cannot read the PDF or finds it too large: at ${size}, its size may be the cause. ${SPLIT}`,
		};
	}
	return PDF_REFUSAL[status] ? { ...general, ...PDF_REFUSAL[status] } : general;
}

/**
 * GuGuData answered an encrypted PDF with nothing: no text, or no Word file (`found` says which).
 * Its answer to a locked PDF is not documented, and this is what one may look like.
 */
export function encryptedPdfError(node: INode, itemIndex: number, found: string): NodeApiError {
	return serviceError(node, { encryptedPdf: found } as JsonObject, {
		message: `${found}: ${ENCRYPTED}`,
		description: ENCRYPTED_ADVICE,
		itemIndex,
	});
}
