import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { missingResultError, unreadableResultError } from '../transport/apiErrors';
import type { RequestContext } from '../transport/context';
import { encryptedPdfError } from '../transport/pdfErrors';
import type { ApiTarget } from '../transport/platform';
import { isBlank, MAX_ANSWER_BYTES, pdfLines, readPdfText } from './pdfToText.answer';
import type { PdfText } from './pdfToText.answer';
import { sendPdf } from './sendPdf';

export const description: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { operation: ['pdfToText'] } },
		options: [
			{
				name: 'One Item per Page',
				value: 'perPage',
				description:
					'Each page becomes an item: { text, pageNumber, pageCount }. Where pages are not known, the PDF is one item with pageNumber and pageCount null.',
			},
			{
				name: 'One Item per Line',
				value: 'perLine',
				description:
					'Each line with text becomes an item: { text, lineNumber, lineCount, pageNumber }, numbered through the whole PDF; pageNumber is null where pages are not known',
			},
			{
				name: 'One Item per PDF',
				value: 'perDocument',
				description:
					'Each PDF becomes one item: { text, pages (the text of each page), pageCount }; pageCount is null where pages are not known',
			},
		],
		default: 'perPage',
		description:
			'On China Mainland (gugudata.com) GuGuData sends the text as one string, so pages are known only where it holds form feeds; without them the whole PDF counts as one page, and pageNumber and pageCount are null rather than guessed',
	},
];

type OutputMode = 'perPage' | 'perLine' | 'perDocument';

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	target: ApiTarget,
	context: RequestContext,
): Promise<INodeExecutionData[]> {
	const { data, pdf } = await sendPdf.call(
		this,
		itemIndex,
		target,
		{ operation: 'pdfToText', maxAnswerBytes: MAX_ANSWER_BYTES },
		context,
	);
	const found = readPdfText(data);
	if (found && 'unreadable' in found) {
		throw unreadableResultError(this.getNode(), itemIndex, `a page was ${found.unreadable}`);
	}
	// Nothing at all for an encrypted PDF is what a locked one may get: say why it may be.
	if (pdf.encrypted && (!found || isBlank(found))) {
		throw encryptedPdfError(this.getNode(), itemIndex, 'GuGuData read no text from the PDF');
	}
	if (!found) throw missingResultError(this.getNode(), itemIndex, 'text');
	const outputMode = this.getNodeParameter('outputMode', itemIndex, 'perPage') as OutputMode;
	return items(found, outputMode).map((json) => ({ json }));
}

function items(found: PdfText, outputMode: OutputMode): IDataObject[] {
	const { text, pages, pageCount } = found;
	if (outputMode === 'perDocument') return [{ text, pages, pageCount }];
	if (outputMode === 'perLine') {
		const lines = pdfLines(found);
		return lines.map((line, index) => ({
			text: line.text,
			lineNumber: index + 1,
			lineCount: lines.length,
			pageNumber: line.pageNumber,
		}));
	}
	// Where pages are not known, the whole text is the one "page", and it has no number.
	if (pageCount === null) return [{ text, pageNumber: null, pageCount: null }];
	return pages.map((page, index) => ({ text: page, pageNumber: index + 1, pageCount }));
}
