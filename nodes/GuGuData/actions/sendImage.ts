import type { IExecuteFunctions } from 'n8n-workflow';

import { prepareImageRequest } from '../helpers/imageUpload';
import type { UploadOptions } from '../helpers/imageUpload';
import { guGuDataApiRequest } from '../transport';
import { ROUTES } from '../transport/endpoints';
import type { Operation } from '../transport/endpoints';
import type { ApiTarget } from '../transport/platform';
import type { RequestSettings } from './settings';

/** The item's image sent to the operation's endpoint on the credential's platform. */
export async function sendImage(
	this: IExecuteFunctions,
	itemIndex: number,
	target: ApiTarget,
	operation: Operation,
	settings: RequestSettings,
	fileFields?: UploadOptions['fileFields'],
): Promise<{ data: unknown; sourceName?: string }> {
	const route = ROUTES[operation][target.platform];
	const request = await prepareImageRequest.call(this, itemIndex, route, {
		...settings,
		fileFields,
	});
	const data = await guGuDataApiRequest.call(
		this,
		itemIndex,
		target,
		request.path,
		request.body,
		settings,
	);
	return { data, sourceName: request.sourceName };
}
