import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { formatBytes } from '../helpers/bytes';
import { fileNameFromUrl } from '../helpers/fileName';
import { parseRetryAfter } from '../helpers/retryAfter';
import { refuseUrl } from '../helpers/urlPolicy';
import type { RequestContext } from './context';
import { contentTypeOf, deadlineSignal, exchange } from './exchange';
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
	/** The link itself, for the URL policy's messages: "The image URL", "The Word file link". */
	link: string;
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

/** Redirects followed before giving up: file hosts use one or two. */
export const MAX_REDIRECTS = 5;

/** n8n's administrator settings that decide what its SSRF protection lets through. */
const SSRF_SETTINGS = 'N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES';

/**
 * Fetches a public file with the plain (unauthenticated) helper: image URLs and produced Word
 * files live on other hosts, and the AppKey must never travel there. The URL policy is checked
 * before the first request and on every redirect, which the node follows itself for that reason.
 * Retried the way GuGuData requests are; a cancelled execution throws at once.
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
	// One deadline for the whole chain of redirects, as for a single exchange.
	const deadline = deadlineSignal(context.timeoutMs);
	let url: URL;
	try {
		url = new URL(call.url);
	} catch {
		return {
			ok: false,
			problem: `${call.link} is not a valid URL`,
			hint: 'Use a full http(s) address.',
		};
	}
	for (let hop = 0; ; hop++) {
		const verb = hop ? 'redirects to' : 'points to';
		const refusal = refuseUrl(url, context.urlPolicy, call.link, verb);
		if (refusal) return { ok: false, ...refusal };
		const href = url.href;
		const result = await exchange(
			async (signal) =>
				(await this.helpers.httpRequest({
					method: 'GET',
					url: href,
					encoding: 'stream',
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					// Followed here, so that every hop meets the URL policy.
					disableFollowRedirect: true,
					abortSignal: signal,
				})) as IN8nHttpFullResponse,
			{
				timeoutMs: context.timeoutMs,
				deadline,
				cancel: context.signal,
				maxBytes: call.maxBytes,
				wantsBody: (status) => status >= 200 && status < 300,
			},
		);
		if (!result.ok) return failedExchange.call(this, call, context, what, result);
		const { status } = result;
		const location = headerValue(result.headers?.location);
		if (status >= 300 && status < 400 && location) {
			if (hop === MAX_REDIRECTS) {
				return {
					ok: false,
					problem: `${what} redirected more than ${MAX_REDIRECTS} times`,
					hint: 'Use the final, direct link to the file.',
				};
			}
			try {
				url = new URL(location, url);
			} catch {
				return {
					ok: false,
					problem: `${what} redirects to an address that is not a valid URL`,
					hint: 'Use a direct, public link to the file.',
				};
			}
			continue;
		}
		if (status < 200 || status >= 300) return failedStatus(call, context, what, result);
		const contentType = contentTypeOf(result.headers);
		const fileName = fileNameFromUrl(call.url) ?? fileNameFromUrl(url.href);
		return { ok: true, bytes: result.body, contentType, fileName };
	}
}

type Exchanged = Awaited<ReturnType<typeof exchange>>;

function failedExchange(
	this: IExecuteFunctions,
	call: DownloadCall,
	context: RequestContext,
	what: string,
	result: Extract<Exchanged, { ok: false }>,
): DownloadResult {
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
		case 'blocked':
			return {
				ok: false,
				problem: `n8n's SSRF protection blocked ${call.what} (${result.target})`,
				hint: `This n8n's administrator limits which addresses nodes may reach. Use a public link to the file, or ask them to allow this host (${SSRF_SETTINGS}).`,
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

function failedStatus(
	call: DownloadCall,
	context: RequestContext,
	what: string,
	result: Extract<Exchanged, { ok: true }>,
): DownloadResult {
	const { status } = result;
	const redirect = status >= 300 && status < 400;
	const retryable = RETRYABLE_HTTP_STATUSES.has(status);
	return {
		ok: false,
		retryable,
		retryAfterMs: parseRetryAfter(result.headers?.['retry-after'], context.clock.now()),
		problem: `${what} answered HTTP ${status}`,
		hint: redirect
			? 'It answered with a redirect that names no address: use a direct, public link to the file.'
			: retryable
				? 'The server holding the file failed or was busy: try again later, or use another link to the file.'
				: 'Use a direct, public link to the file that opens without a login.',
	};
}

function headerValue(header: unknown): string | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
