import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { formatBytes } from '../helpers/bytes';
import { fileNameFromUrl } from '../helpers/fileName';
import { parseRetryAfter } from '../helpers/retryAfter';
import type { RequestContext } from './context';
import { contentTypeOf, exchange } from './exchange';
import { cancelledError } from './nodeErrors';
import { withRetry } from './retry';
import { isRetryableNetworkCode, RETRYABLE_HTTP_STATUSES } from './retryable';

/** One public file to fetch: an image URL, or the Word file GuGuData produced. */
export interface DownloadCall {
	itemIndex: number;
	url: string;
	maxBytes: number;
	/** What is being fetched, for messages: "the image URL", "the Word file". */
	what: string;
	/** What to do about a body over maxBytes. */
	tooLargeHint: string;
}

export interface Downloaded {
	bytes: Buffer;
	contentType?: string;
	/** The last path segment of the URL, when it looks like a file name. */
	fileName?: string;
}

export type DownloadResult =
	| ({ ok: true } & Downloaded)
	| { ok: false; problem: string; hint: string; retryable?: boolean; retryAfterMs?: number };

type Failed = Extract<DownloadResult, { ok: false }>;

class DownloadFailure extends Error {
	constructor(readonly result: Failed) {
		super('download failed');
	}
}

/**
 * Fetches a public file with the plain (unauthenticated) helper: image URLs and produced Word
 * files live on other hosts, and the AppKey must never travel there. Retried the way GuGuData
 * requests are; a cancelled execution throws at once.
 */
export async function downloadFile(
	this: IExecuteFunctions,
	call: DownloadCall,
	context: RequestContext,
): Promise<DownloadResult> {
	let attempts = 0;
	try {
		return await withRetry(
			context.retry,
			async (attemptNumber) => {
				attempts = attemptNumber + 1;
				const result = await downloadOnce.call(this, call, context);
				if (result.ok || !result.retryable) return { done: true, value: result };
				return {
					done: false,
					error: new DownloadFailure(result),
					retryable: true,
					retryAfterMs: result.retryAfterMs,
				};
			},
			context.clock,
			context.signal,
		);
	} catch (error) {
		if (context.signal.aborted) throw cancelledError(this.getNode(), call.itemIndex);
		if (error instanceof DownloadFailure) {
			const note = attempts > 1 ? ` Gave up after ${attempts} attempts.` : '';
			return { ...error.result, hint: `${error.result.hint}${note}` };
		}
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: call.itemIndex });
	}
}

async function downloadOnce(
	this: IExecuteFunctions,
	call: DownloadCall,
	context: RequestContext,
): Promise<DownloadResult> {
	const what = call.what.charAt(0).toUpperCase() + call.what.slice(1);
	const result = await exchange(
		async (signal) =>
			(await this.helpers.httpRequest({
				method: 'GET',
				url: call.url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				abortSignal: signal,
			})) as IN8nHttpFullResponse,
		{
			timeoutMs: context.timeoutMs,
			cancel: context.signal,
			maxBytes: call.maxBytes,
			wantsBody: (status) => status >= 200 && status < 300,
		},
	);
	if (!result.ok) {
		switch (result.reason) {
			case 'cancelled':
				throw cancelledError(this.getNode(), call.itemIndex);
			case 'tooLarge':
				return {
					ok: false,
					problem: `${what} is larger than ${formatBytes(call.maxBytes)}`,
					hint: call.tooLargeHint,
				};
			case 'timeout':
				return {
					ok: false,
					retryable: true,
					problem: `${what} did not answer within ${context.timeoutMs / 1000} s`,
					hint: 'Check that the URL is reachable from the n8n server, or raise the Timeout option.',
				};
			default:
				return {
					ok: false,
					retryable: isRetryableNetworkCode(result.code),
					problem: `Could not download ${call.what} (${result.code})`,
					hint: 'Check that the URL is right and reachable from the n8n server.',
				};
		}
	}
	const { status } = result;
	if (status < 200 || status >= 300) {
		const redirect = status >= 300 && status < 400;
		const retryable = RETRYABLE_HTTP_STATUSES.has(status);
		return {
			ok: false,
			retryable,
			retryAfterMs: parseRetryAfter(result.headers?.['retry-after'], context.clock.now()),
			problem: `${what} answered HTTP ${status}`,
			hint: redirect
				? 'It redirects elsewhere, often to a login page: use a direct, public link to the file.'
				: retryable
					? 'The server holding the file failed or was busy: try again later, or use another link to the file.'
					: 'Use a direct, public link to the file that opens without a login.',
		};
	}
	const contentType = contentTypeOf(result.headers);
	return { ok: true, bytes: result.body, contentType, fileName: fileNameFromUrl(call.url) };
}
