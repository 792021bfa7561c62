import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { missingResultError } from '../transport/apiErrors';
import type { RequestContext } from '../transport/context';
import type { ApiTarget } from '../transport/platform';
import { MAX_ANSWER_BYTES, readWordAnswer } from './imageToWord.answer';
import { sendImage } from './sendImage';
import { docxNamer, wordOutputItem, wordOutputProperties } from './wordOutput';

export const description: INodeProperties[] = wordOutputProperties('imageToWord');

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	target: ApiTarget,
	context: RequestContext,
): Promise<INodeExecutionData[]> {
	const nameFor = docxNamer(this, itemIndex);
	// The input's name is known once it is read: gugudata.io's `filename` field is filled in then.
	const { data, sourceName } = await sendImage.call(
		this,
		itemIndex,
		target,
		{ operation: 'imageToWord', maxAnswerBytes: MAX_ANSWER_BYTES, docxName: nameFor },
		context,
	);
	const answer = readWordAnswer(data);
	if (!answer) throw missingResultError(this.getNode(), itemIndex, 'Word file link');
	return [await wordOutputItem.call(this, itemIndex, target, context, answer, nameFor(sourceName))];
}
