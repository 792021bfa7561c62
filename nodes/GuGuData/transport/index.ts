import type { IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { isRetryableNetworkCode, networkErrorCode } from '../helpers/networkErrorCode';
import type { RateLimiter } from '../helpers/rateLimiter';
import { parseRetryAfter, withRetry } from '../helpers/retry';
import type { Attempt, RetryPolicy } from '../helpers/retry';
import { apiError, connectionError, isRetryableFailure } from './apiErrors';
import { isSuccessCode, parseEnvelope } from './envelope';
import { CREDENTIAL_TYPE } from './platform';
import type { ApiTarget } from './platform';

export type ApiBody = FormData | URLSearchParams;

export interface ApiRequestSettings {
	timeout: number;
	limiter: RateLimiter;
	retry: RetryPolicy;
	isCancelled: () => boolean;
}

/**
 * The one function that talks to GuGuData: sends the body within the execution's rate limit,
 * retries what is worth retrying, and returns the envelope's data or throws a NodeApiError.
 */
export async function guGuDataApiRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	target: ApiTarget,
	path: string,
	body: ApiBody,
	settings: ApiRequestSettings,
): Promise<unknown> {
	const request: IHttpRequestOptions = {
		method: 'POST',
		url: `${target.baseUrl}${path}`,
		body,
		headers: { Accept: 'application/json' },
		timeout: settings.timeout,
		// Statuses are GuGuData's error channel on gugudata.io: read them instead of throwing, so the
		// message can say what happened without the request (and its appkey) in it.
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		// A redirect would take the request, key included, to another host.
		disableFollowRedirect: true,
	};
	const node = this.getNode();

	const attempt = async (attemptNumber: number): Promise<Attempt<unknown>> => {
		const answered = await settings.limiter.acquire();
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				// n8n's authenticate step adds the key to what it is given: give it a fresh copy.
				{ ...request, headers: { ...request.headers } },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkErrorCode(error);
			return {
				done: false,
				error: connectionError(node, code, itemIndex, attemptNumber + 1),
				retryable: isRetryableNetworkCode(code),
			};
		} finally {
			answered();
		}

		const envelope = parseEnvelope(response.body);
		const httpStatus = response.statusCode;
		if (httpStatus >= 200 && httpStatus < 300 && envelope && isSuccessCode(envelope.statusCode)) {
			return { done: true, value: envelope.data };
		}
		const failure = {
			platform: target.platform,
			httpStatus,
			apiCode: envelope?.statusCode,
			apiDescription: scrub(envelope?.statusDescription, target.appKey),
			contentType: envelope ? undefined : contentTypeOf(response),
			malformedJson: !envelope && isBrokenJson(response),
			itemIndex,
			attempts: attemptNumber + 1,
		};
		return {
			done: false,
			error: apiError(node, failure),
			retryable: isRetryableFailure(failure),
			retryAfterMs: parseRetryAfter(response.headers?.['retry-after']),
		};
	};

	return await withRetry(settings.retry, attempt, settings.isCancelled);
}

function contentTypeOf(response: IN8nHttpFullResponse): string | undefined {
	const header = response.headers?.['content-type'];
	const value = Array.isArray(header) ? header[0] : header;
	return typeof value === 'string' && value ? value.split(';')[0].trim() : undefined;
}

/**
 * A JSON answer cut short or garbled in transit: worth another try, unlike an HTML page or whole
 * JSON that simply is not GuGuData's (a proxy's own answer).
 */
function isBrokenJson(response: IN8nHttpFullResponse): boolean {
	const type = contentTypeOf(response) ?? '';
	const body = typeof response.body === 'string' ? response.body.trimStart() : '';
	if (!type.includes('json') && !body.startsWith('{') && !body.startsWith('[')) return false;
	if (typeof response.body !== 'string') return false;
	try {
		JSON.parse(response.body);
		return false;
	} catch {
		return true;
	}
}

/** GuGuData's own words go into our messages; the key must not, even if a server echoes it. */
function scrub(text: string | undefined, appKey: string): string | undefined {
	if (!text) return undefined;
	const trimmed = text.length > 300 ? `${text.slice(0, 300)}…` : text;
	return appKey ? trimmed.split(appKey).join('***') : trimmed;
}
