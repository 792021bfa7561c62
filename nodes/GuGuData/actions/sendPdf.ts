import type { IExecuteFunctions } from 'n8n-workflow';

import { guGuDataApiRequest } from '../transport';
import type { RequestContext } from '../transport/context';
import { PDF_ROUTES } from '../transport/endpoints';
import type { PdfOperation } from '../transport/endpoints';
import type { SentPdf } from '../transport/pdfErrors';
import type { ApiTarget } from '../transport/platform';
import { preparePdfRequest } from './pdfInput';
import type { DocxNamer } from './wordOutput';

/** What a PDF operation sends, and how much of the answer it reads at most. */
export interface PdfCall {
	operation: PdfOperation;
	maxAnswerBytes: number;
	/** The Word file's name, for routes that take one, from the input's file name. */
	docxName?: DocxNamer;
}

/** The item's PDF sent to the operation's endpoint on the credential's platform. */
export async function sendPdf(
	this: IExecuteFunctions,
	itemIndex: number,
	target: ApiTarget,
	call: PdfCall,
	context: RequestContext,
): Promise<{ data: unknown; sourceName?: string; pdf: SentPdf }> {
	const route = PDF_ROUTES[call.operation][target.platform];
	const request = await preparePdfRequest.call(
		this,
		itemIndex,
		call.operation,
		route,
		context,
		call.docxName,
	);
	const data = await guGuDataApiRequest.call(
		this,
		{
			itemIndex,
			target,
			path: request.path,
			body: request.body,
			maxAnswerBytes: call.maxAnswerBytes,
			pdf: request.pdf,
		},
		context,
	);
	return { data, sourceName: request.sourceName, pdf: request.pdf };
}
