import type { IExecuteFunctions } from 'n8n-workflow';

import { guGuDataApiRequest } from '../transport';
import type { RequestContext } from '../transport/context';
import { ROUTES } from '../transport/endpoints';
import type { ImageOperation } from '../transport/endpoints';
import type { ApiTarget } from '../transport/platform';
import { prepareImageRequest } from './imageInput';
import type { DocxNamer } from './wordOutput';

/** What an operation sends, and how much of the answer it reads at most. */
export interface ImageCall {
	operation: ImageOperation;
	maxAnswerBytes: number;
	/** The Word file's name, for routes that take one, from the input's file name. */
	docxName?: DocxNamer;
}

/** The item's image sent to the operation's endpoint on the credential's platform. */
export async function sendImage(
	this: IExecuteFunctions,
	itemIndex: number,
	target: ApiTarget,
	call: ImageCall,
	context: RequestContext,
): Promise<{ data: unknown; sourceName?: string }> {
	const route = ROUTES[call.operation][target.platform];
	const request = await prepareImageRequest.call(
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
		},
		context,
	);
	return { data, sourceName: request.sourceName };
}
