import type { IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { networkErrorCode } from '../helpers/networkErrorCode';
import { apiError, connectionError } from './apiErrors';
import { isSuccessCode, parseEnvelope } from './envelope';
import { CREDENTIAL_TYPE } from './platform';
import type { ApiTarget } from './platform';

export type ApiBody = FormData | URLSearchParams;

export interface ApiRequestOptions {
	timeout: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** The one function that talks to GuGuData: it sends the body and returns the envelope's data. */
export async function guGuDataApiRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	target: ApiTarget,
	path: string,
	body: ApiBody,
	options: Partial<ApiRequestOptions> = {},
): Promise<unknown> {
	const request: IHttpRequestOptions = {
		method: 'POST',
		url: `${target.baseUrl}${path}`,
		body,
		headers: { Accept: 'application/json' },
		timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
		// Statuses are GuGuData's error channel on gugudata.io: read them instead of throwing, so the
		// message can say what happened without the request (and its appkey) in it.
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		// A redirect would take the request, key included, to another host.
		disableFollowRedirect: true,
	};

	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			request,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		throw connectionError(this.getNode(), networkErrorCode(error), itemIndex);
	}

	const envelope = parseEnvelope(response.body);
	const httpStatus = response.statusCode;
	if (httpStatus >= 200 && httpStatus < 300 && envelope && isSuccessCode(envelope.statusCode)) {
		return envelope.data;
	}
	throw apiError(this.getNode(), {
		platform: target.platform,
		httpStatus,
		apiCode: envelope?.statusCode,
		apiDescription: scrub(envelope?.statusDescription, target.appKey),
		contentType: envelope ? undefined : contentTypeOf(response),
		itemIndex,
	});
}

function contentTypeOf(response: IN8nHttpFullResponse): string | undefined {
	const header = response.headers?.['content-type'];
	const value = Array.isArray(header) ? header[0] : header;
	return typeof value === 'string' && value ? value.split(';')[0].trim() : undefined;
}

/** GuGuData's own words go into our messages; the key must not, even if a server echoes it. */
function scrub(text: string | undefined, appKey: string): string | undefined {
	if (!text) return undefined;
	const trimmed = text.length > 300 ? `${text.slice(0, 300)}…` : text;
	return appKey ? trimmed.split(appKey).join('***') : trimmed;
}
