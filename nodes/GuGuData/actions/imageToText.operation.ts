import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { missingResultError, unreadableResultError } from '../transport/apiErrors';
import type { RequestContext } from '../transport/context';
import type { ApiTarget } from '../transport/platform';
import { extractLines, MAX_ANSWER_BYTES } from './imageToText.answer';
import { sendImage } from './sendImage';

export const description: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { operation: ['imageToText'] } },
		options: [
			{
				name: 'One Item per Line',
				value: 'perLine',
				description:
					'Each recognised line becomes an item: { text, lineNumber, lineCount }. An image with no text gives no items.',
			},
			{
				name: 'One Item per Image',
				value: 'perImage',
				description:
					'Each image becomes one item: { text (all lines joined by newlines), lines, lineCount }, also when it has no text',
			},
		],
		default: 'perLine',
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	target: ApiTarget,
	context: RequestContext,
): Promise<INodeExecutionData[]> {
	const { data } = await sendImage.call(
		this,
		itemIndex,
		target,
		{ operation: 'imageToText', maxAnswerBytes: MAX_ANSWER_BYTES },
		context,
	);
	const found = extractLines(data);
	if (!found) throw missingResultError(this.getNode(), itemIndex, 'recognised text');
	if ('unreadable' in found) {
		const what = `a recognised line was ${found.unreadable}`;
		throw unreadableResultError(this.getNode(), itemIndex, what);
	}
	const { lines } = found;

	const outputMode = this.getNodeParameter('outputMode', itemIndex, 'perLine') as string;
	if (outputMode === 'perImage') {
		return [{ json: { text: lines.join('\n'), lines, lineCount: lines.length } }];
	}
	return lines.map((text, index) => ({
		json: { text, lineNumber: index + 1, lineCount: lines.length },
	}));
}
