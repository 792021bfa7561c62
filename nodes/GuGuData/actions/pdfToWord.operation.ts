import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { missingResultError } from '../transport/apiErrors';
import type { RequestContext } from '../transport/context';
import { encryptedPdfError } from '../transport/pdfErrors';
import type { ApiTarget } from '../transport/platform';
import { MAX_ANSWER_BYTES, readWordAnswer } from './imageToWord.answer';
import { sendPdf } from './sendPdf';
import { docxNamer, wordOutputItem, wordOutputProperties } from './wordOutput';

export const description: INodeProperties[] = wordOutputProperties('pdfToWord');

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	target: ApiTarget,
	context: RequestContext,
): Promise<INodeExecutionData[]> {
	const nameFor = docxNamer(this, itemIndex);
	// gugudata.io names the Word file after `filename`; gugudata.com takes no name.
	const { data, sourceName, pdf } = await sendPdf.call(
		this,
		itemIndex,
		target,
		{ operation: 'pdfToWord', maxAnswerBytes: MAX_ANSWER_BYTES, docxName: nameFor },
		context,
	);
	// The answer is the ocr2word one's: `wordPath` on gugudata.io, the bare link on gugudata.com.
	const answer = readWordAnswer(data);
	if (!answer && pdf.encrypted) {
		throw encryptedPdfError(this.getNode(), itemIndex, 'GuGuData sent no Word file for the PDF');
	}
	if (!answer) throw missingResultError(this.getNode(), itemIndex, 'Word file link');
	return [await wordOutputItem.call(this, itemIndex, target, context, answer, nameFor(sourceName))];
}
