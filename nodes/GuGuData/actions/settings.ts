import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { clampOption } from '../helpers/clamp';
import type { Range } from '../helpers/clamp';
import type { RequestContext } from '../transport/context';
import { systemClock } from '../transport/clock';
import { ExecutionBudget } from '../transport/executionBudget';

interface OptionValues {
	allowPrivateUrls?: boolean;
	timeout?: number;
	requestsPerSecond?: number;
	maxConcurrent?: number;
	retries?: number;
	maxRetryWait?: number;
	maxRateLimitWait?: number;
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
			displayName: 'Allow Private Network URLs',
			name: 'allowPrivateUrls',
			type: 'boolean',
			default: false,
			description:
				'Whether an AI Agent using this node as a tool may fetch images and PDFs from this machine or a private network (localhost, 127.x, 10.x, 172.16-31.x, 192.168.x, fc00::/7). Off, the node refuses such URLs in tool mode, so a prompt cannot reach internal services; in other workflows they are always allowed. Link-local and cloud-metadata addresses (169.254.x.x) are always refused.',
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. invoice.docx',
			displayOptions: { show: { '/operation': ['imageToWord', 'pdfToWord'] } },
			description:
				'Name of the Word file. Empty: named after the input file (invoice.png or invoice.pdf gives invoice.docx), else gugudata-ocr.docx. At most 128 characters; .docx is added.',
		},
		{
			displayName: 'Include Input Binary Data',
			name: 'includeInputBinary',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/operation': ['imageToWord', 'pdfToWord'] } },
			description:
				"Whether to keep the input item's binary fields (such as the original image or PDF) in the output item beside the Word file",
		},
		{
			displayName: 'Max Rate Limit Wait (Seconds)',
			name: 'maxRateLimitWait',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 3600 },
			default: 600,
			description:
				'How long one item keeps retrying when GuGuData answers that too many requests come from this IP (429, code 102), from 0 to 3600 seconds. Rate limits are retried apart from Retries: the node slows down at once, for all its items and every execution in this n8n, and comes back up to speed step by step.',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 300 },
			default: 30,
			description:
				'The longest wait before one retry, from 0 to 300 seconds. Waits double from 1 second with some randomness, or follow the Retry-After GuGuData sends, up to this cap.',
		},
		{
			displayName: 'Requests in Flight',
			name: 'maxConcurrent',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 5,
			description:
				'How many items are sent to GuGuData at the same time, from 1 to 50. Output order always follows input order.',
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, maxValue: 100, numberPrecision: 1 },
			default: 5,
			description:
				'Most GuGuData API requests this node starts per second, retries included, from 0.1 to 100. All executions and GuGuData nodes of this n8n share one budget per GuGuData address, at the highest of their settings, and slow down together on a rate limit. GuGuData allows 5 per IP; raise it only if GuGuData raised your limit.',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often to retry a request that hit a server error (500, 502, 503, 504, code 110), a timeout, a dropped connection or garbled JSON. Rate limits are retried apart, see Max Rate Limit Wait; other errors are never retried.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 120,
			description:
				'The deadline for one attempt, whole answer included, from 1 to 600 seconds: a GuGuData request, or the download of an image, PDF or Word file. An attempt still running then fails as a timeout. Recognising a 10 MiB image or converting a long PDF can take a while.',
		},
	],
};

function option(name: string): INodeProperties {
	return optionsProperty.options?.find((entry) => entry.name === name) as INodeProperties;
}

/**
 * An option's default as the Options collection states it. n8n's lint wants literal defaults in
 * the collection, so the collection is the one place defaults and ranges are written.
 */
function optionDefault(name: string): number {
	return Number(option(name).default);
}

/** An option's range as the editor enforces it (typeOptions), for values expressions give. */
function optionRange(name: string): Range {
	const { minValue, maxValue } = option(name).typeOptions ?? {};
	return { min: Number(minValue), max: Number(maxValue) };
}

/** The first backoff, doubled on each retry (not an option). */
const BASE_RETRY_DELAY_MS = 1000;

/** The execution's request context, from the node's options (read once, from the first item). */
export function readRequestContext(context: IExecuteFunctions): RequestContext {
	const options = context.getNodeParameter('options', 0, {}) as OptionValues;
	// The editor keeps typed values in range; expressions can give anything, so every value is
	// clamped into the same range here, and no timer or sleep gets one Node cannot represent.
	const read = (name: keyof OptionValues, integer = false) =>
		clampOption(options[name], optionRange(name), optionDefault(name), integer);
	// Contexts without a cancel signal (older n8n) get one that never fires.
	const signal = context.getExecutionCancelSignal?.() ?? new AbortController().signal;
	return {
		timeoutMs: Math.round(read('timeout') * 1000),
		requestsInFlight: read('maxConcurrent', true),
		budget: new ExecutionBudget(read('requestsPerSecond'), systemClock),
		retry: {
			retries: read('retries', true),
			baseDelayMs: BASE_RETRY_DELAY_MS,
			maxDelayMs: read('maxRetryWait') * 1000,
			rateLimitWaitMs: read('maxRateLimitWait') * 1000,
		},
		signal,
		clock: systemClock,
		urlPolicy: { refusePrivate: runsAsTool(context) && options.allowPrivateUrls !== true },
	};
}

/**
 * Whether an AI Agent runs the node as a tool, so a model writes its parameters: n8n gives the
 * tool version of a node its type name with "Tool" appended (n8n-nodes-gugudata.guGuDataTool).
 */
function runsAsTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}
