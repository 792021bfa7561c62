import type { IExecuteFunctions } from 'n8n-workflow';

import { PDF_BASE64 } from '../helpers/base64';
import { formatBytes, formatOverLimit } from '../helpers/bytes';
import { MAX_FILE_NAME_LENGTH, safeFileName } from '../helpers/fileName';
import { sniffFileType } from '../helpers/fileType';
import { isEncryptedPdf, isPdf } from '../helpers/pdf';
import type { RequestContext } from '../transport/context';
import type { PdfOperation, PdfRoute } from '../transport/endpoints';
import { inputError } from '../transport/nodeErrors';
import type { SentPdf } from '../transport/pdfErrors';
import { readInputFile } from './inputFile';
import type { InputFile, InputKind } from './inputFile';
import { counterpartName, ROUTE_BY_TYPE } from './operationNames';
import type { DocxNamer } from './wordOutput';

/**
 * The most the node sends as one PDF. GuGuData documents no limit; this one bounds the memory an
 * item takes and the time an upload takes.
 */
export const MAX_PDF_BYTES = 100 * 1024 * 1024;

const SPLIT = 'Split it into smaller PDFs of fewer pages each.';

const PDF_INPUT: InputKind = {
	noun: 'PDF',
	urlParameter: 'pdfUrl',
	urlOption: 'PDF URL',
	urlExample: 'https://example.com/contract.pdf',
	base64Parameter: 'pdfBase64',
	base64: PDF_BASE64,
	maxBytes: MAX_PDF_BYTES,
	tooLargeHint: `The node sends PDFs of at most ${formatBytes(MAX_PDF_BYTES)}. ${SPLIT}`,
};

/** A multipart request for a PDF endpoint, and what the node knows of the PDF in it. */
export interface PdfRequest {
	path: string;
	body: FormData;
	/** The input file's name (binary file name or the URL's last segment), to name outputs after. */
	sourceName?: string;
	pdf: SentPdf;
}

/**
 * The item's PDF (binary property, URL or base64) as the multipart upload both platforms take: a
 * URL is downloaded and base64 decoded first. Everything checkable is checked before sending.
 */
export async function preparePdfRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	operation: PdfOperation,
	route: PdfRoute,
	context: RequestContext,
	docxName?: DocxNamer,
): Promise<PdfRequest> {
	const file = await readInputFile.call(this, itemIndex, PDF_INPUT, context);
	checkPdf(this, itemIndex, file, operation);
	const uploadName = safeFileName(file.fileName, MAX_FILE_NAME_LENGTH) ?? 'document.pdf';
	const form = new FormData();
	form.append(route.fileField, new Blob([file.bytes], { type: 'application/pdf' }), uploadName);
	for (const [name, value] of Object.entries(route.fields ?? {})) form.append(name, value);
	if (route.fileNameField && docxName) form.append(route.fileNameField, docxName(file.fileName));
	return {
		path: route.path,
		body: form,
		sourceName: file.fileName,
		pdf: { bytes: file.bytes.length, encrypted: isEncryptedPdf(file.bytes) },
	};
}

/** Refuses what is not a PDF (naming the operation for an image) and PDFs over the node's cap. */
function checkPdf(
	context: IExecuteFunctions,
	itemIndex: number,
	{ bytes, label }: InputFile,
	operation: PdfOperation,
): void {
	const fail = (problem: string, hint: string) =>
		inputError(context.getNode(), itemIndex, problem, hint);
	if (!isPdf(bytes)) {
		const type = sniffFileType(bytes);
		if (type.accepted) {
			const imageOperation = counterpartName(operation);
			throw fail(
				`${label} is ${type.label}, not a PDF: use the operation ${imageOperation} for images`,
				`This operation reads PDF documents. Set Operation to ${imageOperation} for images. ${ROUTE_BY_TYPE}`,
			);
		}
		throw fail(
			`${label} is ${type.label}, not a PDF GuGuData can read`,
			'This operation reads PDF documents: files that start with %PDF-.',
		);
	}
	if (bytes.length > MAX_PDF_BYTES) {
		const [size, max] = formatOverLimit(bytes.length, MAX_PDF_BYTES);
		throw fail(
			`${label} is ${size}, over the node's limit of ${max} for a PDF`,
			`GuGuData documents no limit for PDFs; the node sends PDFs of at most ${formatBytes(MAX_PDF_BYTES)}. ${SPLIT}`,
		);
	}
}
