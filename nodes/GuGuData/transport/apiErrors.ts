import type { INode, JsonObject, NodeApiError } from 'n8n-workflow';

import { formatBytes } from '../helpers/bytes';
import { serviceError } from './nodeErrors';
import { explainPdfFailure } from './pdfErrors';
import type { SentPdf } from './pdfErrors';
import type { Platform } from './platform';
import {
	isRetryableNetworkCode,
	isTimeoutCode,
	RETRYABLE_API_CODES,
	RETRYABLE_HTTP_STATUSES,
} from './retryable';

interface Explanation {
	message: string;
	description: string;
}

/** An explanation and the status or code it names: "HTTP 401", "code 104". */
export type Explained = Explanation & { label: string };

const CHECK_KEY =
	"Check the AppKey in the GuGuData API credential: copy it again from your GuGuData developer center, and make sure the credential's platform is the one the key was bought on.";
// The node's own Retries option retries just the failing request; n8n's Retry On Fail reruns the batch.
const RETRY_LATER = "This is usually temporary: retry later, or raise the node's Retries option.";
// For failures the node never retries: raising Retries would not help, running again later may.
const RUN_AGAIN = 'If it is temporary, running the workflow again later helps.';
const SUPPORTED_IMAGES = 'GuGuData reads JPEG, PNG, WebP, TIFF and BMP images of at most 10 MiB.';
// Only said once the node has waited out rate limits for Max Rate Limit Wait.
const RATE_LIMIT_ADVICE =
	"GuGuData allows 5 requests per second per IP, and everything sending from this IP shares them: other n8n instances, queue-mode workers, other programs. The node slows down on every rate limit and kept retrying; lower Requests per Second on the others, or raise the node's Max Rate Limit Wait option.";

/** What each HTTP status means on GuGuData, and what the user can do about it. */
const HTTP_STATUS: Record<number, Explanation> = {
	400: {
		message: 'GuGuData rejected the request as invalid',
		description: `Check that the input is an image and that the node's parameters are filled in. ${SUPPORTED_IMAGES}`,
	},
	401: { message: 'GuGuData rejected the AppKey', description: CHECK_KEY },
	403: {
		message: 'The AppKey has no access to this GuGuData API',
		description:
			'The key is valid but not allowed to use this endpoint: check your subscription, trial state and balance in the GuGuData developer center.',
	},
	404: {
		message: 'No GuGuData API at this address',
		description: "Check the credential's Platform and Base URL.",
	},
	405: {
		message: 'No GuGuData API at this address',
		description: "Check the credential's Platform and Base URL.",
	},
	408: {
		message: 'GuGuData timed out waiting for the request',
		description: `The upload reached GuGuData too slowly. ${RETRY_LATER}`,
	},
	413: {
		message: 'The image is too large for GuGuData',
		description: `${SUPPORTED_IMAGES} For Word output it must also be at most 8,192 px on each side and 40 megapixels. Resize or compress it first.`,
	},
	415: {
		message: 'GuGuData does not accept this type of file',
		description: SUPPORTED_IMAGES,
	},
	422: {
		message: 'GuGuData found no readable text in the image',
		description:
			'The image may be blank, blurred, rotated or too small. Check the image, or route such items aside with Continue On Fail.',
	},
	429: {
		message: 'GuGuData rate limit reached',
		description: `${RATE_LIMIT_ADVICE} On gugudata.io a spent trial answers 429 too: check it in the GuGuData developer center.`,
	},
	500: { message: 'GuGuData had an internal error', description: RETRY_LATER },
	502: { message: "GuGuData's upstream service failed", description: RETRY_LATER },
	503: { message: 'GuGuData is temporarily unavailable', description: RETRY_LATER },
	504: { message: "GuGuData's gateway timed out", description: RETRY_LATER },
};

/** The China platform's application codes (sent with HTTP 200). */
const CHINA_CODE: Record<number, Explanation> = {
	101: {
		message: 'GuGuData rejected the request parameters',
		description: `Check that the image URL is public and reachable, or that the base64 is a whole image. ${SUPPORTED_IMAGES}`,
	},
	102: {
		message: 'GuGuData rate limit reached',
		description: RATE_LIMIT_ADVICE,
	},
	103: {
		message: 'Your GuGuData account is in arrears',
		description:
			'Top up or renew the subscription in the GuGuData developer center, then run again.',
	},
	104: { message: 'GuGuData rejected the AppKey', description: CHECK_KEY },
	110: { message: 'GuGuData could not process the request', description: RETRY_LATER },
};

export interface ApiFailure {
	platform: Platform;
	httpStatus: number;
	/** DataStatus.StatusCode, when the body had an envelope. */
	apiCode?: number;
	/** DataStatus.StatusDescription, already scrubbed of the AppKey. */
	apiDescription?: string;
	/** Set when the body was not GuGuData's JSON (an HTML page, a proxy answer, truncated JSON). */
	contentType?: string;
	/** The body claimed to be JSON but could not be read: cut short or garbled. */
	malformedJson?: boolean;
	itemIndex: number;
	/** How many requests were made, retries included. */
	attempts?: number;
	/** How long the item had been retrying rate limits. */
	rateLimitedForMs?: number;
	/** The PDF the request sent, for PDF operations. */
	pdf?: SentPdf;
}

/**
 * What an answer says about the rate: a rate limit (gugudata.io's 429, gugudata.com's code 102,
 * and the 429 or 403 page China's CDN answers an IP that sends too much with), or a spent trial,
 * which gugudata.io also answers with 429 but says so in its description; a spent trial is
 * no reason to slow down.
 */
export function rateSignal(failure: ApiFailure): 'rateLimit' | 'trialSpent' | undefined {
	const { httpStatus, apiCode, platform } = failure;
	if (httpStatus === 429) {
		const said = failure.apiDescription ?? '';
		return /trial/i.test(said) && !/rate/i.test(said) ? 'trialSpent' : 'rateLimit';
	}
	// An envelope's code means what the status would: 102 on gugudata.com, 429 as a status code.
	if (httpStatus >= 200 && httpStatus < 300 && (apiCode === 102 || apiCode === 429)) {
		return 'rateLimit';
	}
	// A 403 with GuGuData's envelope is about the key's access; without it, the CDN's page.
	if (platform === 'china' && httpStatus === 403 && apiCode === undefined) return 'rateLimit';
	return undefined;
}

/** Server errors and garbled JSON may pass on a later try; rate limits are retried apart. */
export function isRetryableFailure(failure: ApiFailure): boolean {
	if (rateSignal(failure) === 'trialSpent') return false;
	if (RETRYABLE_HTTP_STATUSES.has(failure.httpStatus)) return true;
	const httpOk = failure.httpStatus >= 200 && failure.httpStatus < 300;
	if (httpOk && failure.apiCode !== undefined) {
		// A status code in the envelope of an HTTP 200 answer means what that status would.
		const code = failure.apiCode;
		return RETRYABLE_API_CODES.has(code) || RETRYABLE_HTTP_STATUSES.has(code);
	}
	return httpOk && failure.malformedJson === true;
}

function attemptsNote(attempts: number | undefined, rateLimitedForMs?: number): string {
	if (rateLimitedForMs !== undefined && attempts && attempts > 1) {
		const seconds = Math.round(rateLimitedForMs / 1000);
		return ` Gave up after ${attempts} attempts, ${seconds} s after the first rate limit.`;
	}
	return attempts && attempts > 1 ? ` Gave up after ${attempts} attempts.` : '';
}

function explain(failure: ApiFailure): Explained {
	const { httpStatus, apiCode } = failure;
	const httpOk = httpStatus >= 200 && httpStatus < 300;
	const signal = rateSignal(failure);
	if (signal === 'trialSpent') {
		return {
			message: 'Your GuGuData trial usage is spent',
			description:
				"GuGuData answered that this AppKey's trial allowance is used up. Subscribe or top up in the GuGuData developer center, then run the workflow again; retrying does not help.",
			label: `HTTP ${httpStatus}`,
		};
	}
	if (signal === 'rateLimit' && failure.platform === 'china' && apiCode === undefined) {
		return {
			message: 'GuGuData rate limit reached',
			description: `GuGuData's CDN refused this IP with an error page, as it does when one IP sends too much. ${RATE_LIMIT_ADVICE}`,
			label: `HTTP ${httpStatus} from the CDN`,
		};
	}
	if (httpOk && apiCode !== undefined && CHINA_CODE[apiCode]) {
		return { ...CHINA_CODE[apiCode], label: `code ${apiCode}` };
	}
	if (httpOk && apiCode !== undefined && HTTP_STATUS[apiCode]) {
		return { ...HTTP_STATUS[apiCode], label: `code ${apiCode}` };
	}
	if (httpStatus >= 300 && httpStatus < 400) {
		return {
			message: 'GuGuData redirected the request elsewhere',
			description:
				"The API does not redirect; a proxy or login page is answering instead. Check the credential's Base URL.",
			label: `HTTP ${httpStatus}`,
		};
	}
	if (!httpOk && HTTP_STATUS[httpStatus]) {
		return { ...HTTP_STATUS[httpStatus], label: `HTTP ${httpStatus}` };
	}
	if (!httpOk) {
		return {
			message: 'GuGuData answered with an error',
			description: RETRYABLE_HTTP_STATUSES.has(httpStatus)
				? RETRY_LATER
				: httpStatus >= 500
					? RUN_AGAIN
					: "Check the node's input and the credential.",
			label: `HTTP ${httpStatus}`,
		};
	}
	if (apiCode === undefined && failure.malformedJson) {
		return {
			message: 'GuGuData sent broken JSON',
			description: `The answer was cut short or garbled on the way. ${RETRY_LATER}`,
			label: `HTTP ${httpStatus}`,
		};
	}
	if (apiCode === undefined) {
		const seen = failure.contentType?.includes('json')
			? "The answer was JSON, but without GuGuData's status fields."
			: `The answer was not GuGuData's JSON${failure.contentType ? ` (it was ${failure.contentType})` : ''}.`;
		return {
			message: 'GuGuData sent an answer the node cannot read',
			description: `${seen} A proxy, captive portal or wrong Base URL may be answering instead of GuGuData: check the credential's Base URL. ${RUN_AGAIN}`,
			label: `HTTP ${httpStatus}`,
		};
	}
	return {
		message: 'GuGuData reported an error',
		description: "Check the node's input and the credential.",
		label: `code ${apiCode}`,
	};
}

/** The NodeApiError for an answer that is not a success. Its text never holds the URL or key. */
export function apiError(node: INode, failure: ApiFailure): NodeApiError {
	const general = explain(failure);
	const { message, description, label } = failure.pdf
		? explainPdfFailure(failure, failure.pdf, general)
		: general;
	const said = failure.apiDescription ? ` GuGuData said: "${failure.apiDescription}".` : '';
	const cause: JsonObject = {
		platform: failure.platform,
		httpStatus: failure.httpStatus,
		...(failure.apiCode !== undefined && { apiStatusCode: failure.apiCode }),
		...(failure.apiDescription && { apiStatusDescription: failure.apiDescription }),
	};
	return serviceError(node, cause, {
		message: `${message} (${label})`,
		description: `${description}${said}${attemptsNote(failure.attempts, failure.rateLimitedForMs)}`,
		httpCode: String(failure.httpStatus),
		itemIndex: failure.itemIndex,
	});
}

/** The code a request that ran past the node's own deadline is reported with. */
export const TIMED_OUT = 'ETIMEDOUT';

/** A request that got no answer at all: refused, reset, timed out. */
export function connectionError(
	node: INode,
	code: string,
	itemIndex: number,
	attempts?: number,
): NodeApiError {
	const timedOut = isTimeoutCode(code);
	return serviceError(node, { connectionError: code } as JsonObject, {
		message: timedOut ? 'GuGuData did not answer in time' : `Could not reach GuGuData (${code})`,
		description:
			(timedOut
				? `Large files take longer: raise the node's Timeout option. ${RETRY_LATER}`
				: `Check the network connection and the credential's Platform and Base URL. ${
						isRetryableNetworkCode(code) ? RETRY_LATER : RUN_AGAIN
					}`) + attemptsNote(attempts),
		itemIndex,
	});
}

/** n8n's SSRF protection refused the credential's Base URL: its administrator decides that. */
export function blockedError(node: INode, itemIndex: number, target: string): NodeApiError {
	return serviceError(node, { blockedBy: 'n8n SSRF protection' } as JsonObject, {
		message: `n8n's SSRF protection blocked the request to GuGuData (${target})`,
		description: `This n8n's administrator limits which addresses nodes may reach, and the credential's Base URL is not among them. Check the Base URL, or ask them to allow its host (N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES).`,
		itemIndex,
	});
}

/** A success answer that lacks the result it should carry (`data` null, missing fields). */
export function missingResultError(node: INode, itemIndex: number, expected: string): NodeApiError {
	return serviceError(node, { missingResult: expected } as JsonObject, {
		message: `GuGuData reported success but sent no ${expected}`,
		description: `The answer's data was empty or had an unknown shape. ${RUN_AGAIN} If it persists, write to support@gugudata.com.`,
		itemIndex,
	});
}

/** An answer larger than the operation reads: not GuGuData's, or not one the node can use. */
export function answerTooLargeError(
	node: INode,
	itemIndex: number,
	maxBytes: number,
): NodeApiError {
	return serviceError(node, { answerTooLarge: maxBytes } as JsonObject, {
		message: `GuGuData's answer is larger than ${formatBytes(maxBytes)}`,
		description: `The node reads at most ${formatBytes(maxBytes)} of answer for this operation, and stopped reading there. A proxy, captive portal or wrong Base URL may be answering instead of GuGuData: check the credential's Base URL.`,
		itemIndex,
	});
}

/** A success answer whose result has the wrong shape (a line that is an object, a list, ...). */
export function unreadableResultError(node: INode, itemIndex: number, what: string): NodeApiError {
	const found = what.charAt(0).toUpperCase() + what.slice(1);
	return serviceError(node, { unreadableResult: what } as JsonObject, {
		message: 'GuGuData sent an answer the node cannot read',
		description: `${found} instead of text. A proxy, captive portal or wrong Base URL may be answering instead of GuGuData: check the credential's Base URL. If it persists, write to support@gugudata.com.`,
		itemIndex,
	});
}
