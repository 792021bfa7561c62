import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RequestContext } from '../transport/context';
import { systemClock } from '../transport/clock';
import { RateLimiter } from '../transport/rateLimiter';

interface OptionValues {
	timeout?: number;
	requestsPerSecond?: number;
	maxConcurrent?: number;
	retries?: number;
	maxRetryWait?: number;
}


/** The node's Options collection. Kept in one literal list so n8n's lint can check it. */
export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. invoice.docx',
			displayOptions: { show: { '/operation': ['imageToWord'] } },
			description:
				'Name of the Word file. Empty: named after the input file (invoice.png gives invoice.docx), else gugudata-ocr.docx. At most 128 characters; .docx is added.',
		},
		{
			displayName: 'Include Input Binary Data',
			name: 'includeInputBinary',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/operation': ['imageToWord'] } },
			description:
				"Whether to keep the input item's binary fields (such as the original image) in the output item beside the Word file",
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 30,
			description:
				'The longest wait before one retry. Waits double from 1 second with some randomness, or follow the Retry-After GuGuData sends, up to this cap.',
		},
		{
			displayName: 'Requests in Flight',
			name: 'maxConcurrent',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 5,
			description:
				'How many items are sent to GuGuData at the same time. Output order always follows input order.',
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 5,
			description:
				'Most GuGuData API requests this node starts in any one second, retries included. GuGuData allows 5 per IP; raise it only if GuGuData raised your limit.',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often to retry a request that hit a rate limit (429, code 102), a server error (500, 502, 503, code 110), a timeout or a dropped connection. Other errors are never retried.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
			description:
				'The deadline for one attempt, whole answer included: a GuGuData request, or the download of an image or Word file. An attempt still running then fails as a timeout. Recognising a 10 MiB image can take a while.',
		},
	],
};

/** An option's default as the Options collection states it. */
function optionDefault(name: string): number {
	const option = optionsProperty.options?.find((entry) => entry.name === name);
	return Number((option as INodeProperties | undefined)?.default);
}

/**
 * Every default of the request options. n8n's lint wants literal defaults in the collection, so
 * the collection is the one place they are written, and the code reads them from there.
 */
export const DEFAULTS = {
	timeoutSeconds: optionDefault('timeout'),
	requestsPerSecond: optionDefault('requestsPerSecond'),
	maxConcurrent: optionDefault('maxConcurrent'),
	retries: optionDefault('retries'),
	maxRetryWaitSeconds: optionDefault('maxRetryWait'),
	/** Not an option: the first backoff, doubled on each retry. */
	baseRetryDelayMs: 1000,
} as const;

/** The execution's request context, from the node's options (read once, from the first item). */
export function readRequestContext(context: IExecuteFunctions): RequestContext {
	const options = context.getNodeParameter('options', 0, {}) as OptionValues;
	const positive = (value: unknown, fallback: number) =>
		Number(value) > 0 ? Number(value) : fallback;
	const nonNegative = (value: unknown, fallback: number) =>
		Number(value) >= 0 && value !== '' && value !== null && value !== undefined
			? Number(value)
			: fallback;
	// Contexts without a cancel signal (older n8n) get one that never fires.
	const signal = context.getExecutionCancelSignal?.() ?? new AbortController().signal;
	return {
		timeoutMs: Math.round(positive(options.timeout, DEFAULTS.timeoutSeconds) * 1000),
		requestsInFlight: Math.floor(positive(options.maxConcurrent, DEFAULTS.maxConcurrent)),
		limiter: new RateLimiter(positive(options.requestsPerSecond, DEFAULTS.requestsPerSecond)),
		retry: {
			retries: Math.floor(nonNegative(options.retries, DEFAULTS.retries)),
			baseDelayMs: DEFAULTS.baseRetryDelayMs,
			maxDelayMs: nonNegative(options.maxRetryWait, DEFAULTS.maxRetryWaitSeconds) * 1000,
		},
		signal,
		clock: systemClock,
	};
}
