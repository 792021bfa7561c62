import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { formatBytes } from './imageType';
import { isRetryableNetworkCode, isTimeoutCode, networkErrorCode } from './networkErrorCode';
import { parseRetryAfter, withRetry } from './retry';
import type { RetryPolicy } from './retry';

/** The streamed body n8n's helper returns for `encoding: 'stream'`. */
type BodyStream = AsyncIterable<Buffer | string> & { destroy(): void };

export interface Downloaded {
	bytes: Buffer;
	contentType?: string;
	/** The last path segment of the URL, when it looks like a file name. */
	fileName?: string;
}

export type DownloadResult =
	| ({ ok: true } & Downloaded)
	| { ok: false; problem: string; hint: string; retryable?: boolean; retryAfterMs?: number };

export interface DownloadOptions {
	timeout: number;
	maxBytes: number;
	/** What is being fetched, for messages: "the image URL", "the Word file". */
	what: string;
	/** What to do about a body over maxBytes. */
	tooLargeHint: string;
	/** Retries for rate limits, server errors, timeouts and dropped connections. */
	retry: RetryPolicy;
	isCancelled: () => boolean;
}

const RETRYABLE_HTTP = new Set([408, 429, 500, 502, 503, 504]);

type Failed = Extract<DownloadResult, { ok: false }>;

class DownloadFailure extends Error {
	constructor(readonly result: Failed) {
		super('download failed');
	}
}

/** downloadOnce, retried the way GuGuData requests are. */
export async function downloadFile(
	this: IExecuteFunctions,
	url: string,
	options: DownloadOptions,
): Promise<DownloadResult> {
	let attempts = 0;
	try {
		return await withRetry(
			options.retry,
			async (attemptNumber) => {
				attempts = attemptNumber + 1;
				const result = await downloadOnce.call(this, url, options);
				if (result.ok || !result.retryable) return { done: true, value: result };
				return {
					done: false,
					error: new DownloadFailure(result),
					retryable: true,
					retryAfterMs: result.retryAfterMs,
				};
			},
			options.isCancelled,
		);
	} catch (error) {
		if (error instanceof DownloadFailure) {
			const note = attempts > 1 ? ` Gave up after ${attempts} attempts.` : '';
			return { ...error.result, hint: `${error.result.hint}${note}` };
		}
		return { ok: false, problem: `Could not download ${options.what}`, hint: String(error) };
	}
}

/**
 * Fetches a public file with the plain (unauthenticated) helper: image URLs and produced Word
 * files live on other hosts, and the AppKey must never travel there. The body is streamed so an
 * oversize answer is cut off at the limit instead of filling memory.
 */
async function downloadOnce(
	this: IExecuteFunctions,
	url: string,
	options: DownloadOptions,
): Promise<DownloadResult> {
	const what = options.what.charAt(0).toUpperCase() + options.what.slice(1);
	try {
		const response = (await this.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: options.timeout,
		})) as IN8nHttpFullResponse;
		const status = response.statusCode;
		const body = response.body as BodyStream;
		if (status < 200 || status >= 300) {
			body.destroy();
			const redirect = status >= 300 && status < 400;
			return {
				ok: false,
				retryable: RETRYABLE_HTTP.has(status),
				retryAfterMs: parseRetryAfter(response.headers?.['retry-after']),
				problem: `${what} answered HTTP ${status}`,
				hint: redirect
					? 'It redirects elsewhere, often to a login page: use a direct, public link to the file.'
					: RETRYABLE_HTTP.has(status)
						? 'The server holding the file failed or was busy: try again later, or use another link to the file.'
						: 'Use a direct, public link to the file that opens without a login.',
			};
		}
		const bytes = await readAtMost(body, options.maxBytes);
		if (!bytes) {
			return {
				ok: false,
				problem: `${what} is larger than ${formatBytes(options.maxBytes)}`,
				hint: options.tooLargeHint,
			};
		}
		const contentType = headerValue(response, 'content-type')?.split(';')[0].trim().toLowerCase();
		return { ok: true, bytes, contentType, fileName: fileNameFromUrl(url) };
	} catch (error) {
		const code = networkErrorCode(error);
		const timedOut = isTimeoutCode(code);
		return {
			ok: false,
			retryable: isRetryableNetworkCode(code),
			problem: timedOut
				? `${what} did not answer within ${options.timeout / 1000} s`
				: `Could not download ${options.what} (${code})`,
			hint: timedOut
				? 'Check that the URL is reachable from the n8n server, or raise the Timeout option.'
				: 'Check that the URL is right and reachable from the n8n server.',
		};
	}
}

/** The whole body, or undefined as soon as it grows past the limit. */
async function readAtMost(body: BodyStream, maxBytes: number): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		size += piece.length;
		if (size > maxBytes) {
			body.destroy();
			return undefined;
		}
		chunks.push(piece);
	}
	return Buffer.concat(chunks, size);
}

function headerValue(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = response.headers?.[name];
	if (Array.isArray(value)) return value[0];
	return typeof value === 'string' ? value : undefined;
}

export function fileNameFromUrl(url: string): string | undefined {
	try {
		const last = new URL(url).pathname.split('/').pop() ?? '';
		const name = decodeURIComponent(last);
		return /\.[A-Za-z0-9]{2,5}$/.test(name) ? name : undefined;
	} catch {
		return undefined;
	}
}
