import type { IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { parseRetryAfter } from '../helpers/retryAfter';
import { serverText } from '../helpers/secret';
import {
	answerTooLargeError,
	apiError,
	blockedError,
	connectionError,
	isRetryableFailure,
	rateSignal,
	TIMED_OUT,
} from './apiErrors';
import type { RequestContext } from './context';
import { isSuccessCode, parseEnvelope } from './envelope';
import type { Ticket } from './executionBudget';
import type { SentPdf } from './pdfErrors';
import { contentTypeOf, exchange } from './exchange';
import { cancelledError } from './nodeErrors';
import { CREDENTIAL_TYPE } from './platform';
import type { ApiTarget } from './platform';
import { withRetry } from './retry';
import type { Attempt } from './retry';
import { isRetryableNetworkCode } from './retryable';

export type ApiBody = FormData | URLSearchParams;

/** One request to GuGuData: where, what, and how much of the answer is read at most. */
export interface ApiCall {
	itemIndex: number;
	target: ApiTarget;
	path: string;
	body: ApiBody;
	/** The operation's cap on the answer, measured after decompression. */
	maxAnswerBytes: number;
	/** The PDF in the body, for PDF operations: its refusals are worded for it. */
	pdf?: SentPdf;
}

/**
 * The one function that talks to GuGuData: sends the body within the execution's rate limit and
 * the attempt's deadline, retries what is worth retrying, and returns the envelope's data or
 * throws a NodeApiError whose text holds no AppKey.
 */
export async function guGuDataApiRequest(
	this: IExecuteFunctions,
	call: ApiCall,
	context: RequestContext,
): Promise<unknown> {
	const { itemIndex, target } = call;
	const request: IHttpRequestOptions = {
		method: 'POST',
		url: `${target.baseUrl}${call.path}`,
		body: call.body,
		headers: { Accept: 'application/json' },
		encoding: 'stream',
		// Statuses are GuGuData's error channel on gugudata.io: read them instead of throwing, so the
		// message can say what happened without the request (and its appkey) in it.
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		// A redirect would take the request, key included, to another host.
		disableFollowRedirect: true,
	};
	const node = this.getNode();
	const send = async (signal: AbortSignal) =>
		(await this.helpers.httpRequestWithAuthentication.call(
			withCancelSignal(this, signal),
			CREDENTIAL_TYPE,
			// n8n's authenticate step adds the key to what it is given: give it a fresh copy.
			{ ...request, headers: { ...request.headers }, abortSignal: signal },
		)) as IN8nHttpFullResponse;

	// When this item first met a rate limit: it keeps retrying them for the rate-limit wait.
	let limitedSince: number | undefined;
	const attempt = async (attemptNumber: number): Promise<Attempt<unknown>> => {
		const attempts = attemptNumber + 1;
		const fail = (error: Error, retryable: boolean, retryAfterMs?: number) =>
			({ done: false, error, retryable, retryAfterMs }) as const;
		let ticket: Ticket;
		try {
			ticket = await context.budget.acquire(target, context.signal);
		} catch {
			return fail(cancelledError(node, itemIndex), false);
		}
		const result = await exchange(send, {
			timeoutMs: context.timeoutMs,
			cancel: context.signal,
			maxBytes: call.maxAnswerBytes,
		});

		if (!result.ok) {
			switch (result.reason) {
				case 'cancelled':
					return fail(cancelledError(node, itemIndex), false);
				case 'timeout':
					return fail(connectionError(node, TIMED_OUT, itemIndex, attempts), true);
				case 'tooLarge':
					return fail(answerTooLargeError(node, itemIndex, call.maxAnswerBytes), false);
				case 'blocked':
					return fail(blockedError(node, itemIndex, result.target), false);
				default:
					return fail(
						connectionError(node, result.code, itemIndex, attempts),
						isRetryableNetworkCode(result.code),
					);
			}
		}

		const text = result.body.toString('utf8');
		const envelope = parseEnvelope(text);
		const httpStatus = result.status;
		if (httpStatus >= 200 && httpStatus < 300 && envelope && isSuccessCode(envelope.statusCode)) {
			ticket.budget.accepted();
			return { done: true, value: envelope.data };
		}
		const contentType = contentTypeOf(result.headers);
		const failure = {
			platform: target.platform,
			httpStatus,
			apiCode: envelope?.statusCode,
			apiDescription:
				envelope?.statusDescription && serverText(envelope.statusDescription, target.appKey),
			contentType: envelope || !contentType ? undefined : serverText(contentType, target.appKey),
			malformedJson: !envelope && isBrokenJson(contentType, text),
			itemIndex,
			attempts,
			pdf: call.pdf,
		};
		const retryAfterMs = parseRetryAfter(result.headers?.['retry-after'], context.clock.now());
		const signal = rateSignal(failure);
		if (signal === 'rateLimit') {
			// The whole address slows down, and holds for Retry-After (no longer than this node's
			// Max Retry Wait), not just this item.
			const holdMs =
				retryAfterMs === undefined ? undefined : Math.min(retryAfterMs, context.retry.maxDelayMs);
			ticket.budget.rateLimited(ticket.startedAt, holdMs);
			limitedSince ??= ticket.startedAt;
			const rateLimitedForMs = context.clock.now() - limitedSince;
			return { ...fail(apiError(node, { ...failure, rateLimitedForMs }), true), rateLimited: true };
		}
		// Any other answer shows the rate was fine (a spent trial says nothing about it).
		if (signal === undefined) ticket.budget.accepted();
		return fail(apiError(node, failure), isRetryableFailure(failure), retryAfterMs);
	};

	return await withRetry(context.retry, attempt, context.clock, context.signal);
}

/**
 * n8n's authenticated request helper replaces a request's abortSignal with the execution's cancel
 * signal (`this.getExecutionCancelSignal()`), which would drop the attempt's deadline. It is given
 * a view of the node's context whose cancel signal is the combined one, so both hold.
 */
function withCancelSignal(context: IExecuteFunctions, signal: AbortSignal): IExecuteFunctions {
	return Object.create(context, { getExecutionCancelSignal: { value: () => signal } });
}

/**
 * A JSON answer cut short or garbled in transit: worth another try, unlike an HTML page or whole
 * JSON that simply is not GuGuData's (a proxy's own answer).
 */
function isBrokenJson(contentType: string | undefined, text: string): boolean {
	const body = text.trimStart();
	if (!(contentType ?? '').includes('json') && !body.startsWith('{') && !body.startsWith('[')) {
		return false;
	}
	try {
		JSON.parse(text);
		return false;
	} catch {
		return true;
	}
}
