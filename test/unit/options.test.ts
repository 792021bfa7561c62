/** Options set by expressions are clamped into the ranges the editor shows, whatever they are. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { readRequestContext } from '../../nodes/GuGuData/actions/settings';
import { clampOption } from '../../nodes/GuGuData/helpers/clamp';

function contextWith(options: Record<string, unknown>) {
	return readRequestContext({
		getNodeParameter: () => options,
		getNode: () => ({ type: 'n8n-nodes-gugudata.guGuData' }),
		getExecutionCancelSignal: () => new AbortController().signal,
	} as unknown as IExecuteFunctions);
}

describe('clampOption', () => {
	const range = { min: 1, max: 600 };
	it.each([
		[30, 30],
		['30', 30],
		[' 7.5 ', 7.5],
		[3e6, 600],
		[Number.POSITIVE_INFINITY, 600],
		['Infinity', 600],
		[Number.NEGATIVE_INFINITY, 1],
		[0.0004, 1],
		[-5, 1],
		[Number.NaN, 120],
		['', 120],
		['soon', 120],
		[null, 120],
		[undefined, 120],
		[{ seconds: 5 }, 120],
	])('%p -> %p', (value, expected) => {
		expect(clampOption(value, range, 120)).toBe(expected);
	});

	it('rounds integers down, never below the range', () => {
		expect(clampOption(2.7, { min: 1, max: 50 }, 5, true)).toBe(2);
		expect(clampOption(0.5, { min: 1, max: 50 }, 5, true)).toBe(1);
	});
});

describe('the node options', () => {
	it('are the documented defaults when unset', () => {
		const context = contextWith({});
		expect(context).toMatchObject({
			timeoutMs: 120_000,
			requestsInFlight: 5,
			retry: { retries: 3, baseDelayMs: 1000, maxDelayMs: 30_000 },
		});
	});

	it.each([
		['Timeout 3e6 s', { timeout: 3e6 }, { timeoutMs: 600_000 }],
		['Timeout Infinity', { timeout: Number.POSITIVE_INFINITY }, { timeoutMs: 600_000 }],
		['Timeout 0.0004 s', { timeout: 0.0004 }, { timeoutMs: 1000 }],
		['Requests in Flight 1000', { maxConcurrent: 1000 }, { requestsInFlight: 50 }],
		['Requests in Flight 0', { maxConcurrent: 0 }, { requestsInFlight: 1 }],
		['Retries 1e6', { retries: 1e6 }, { retry: { retries: 10 } }],
		['Retries -1', { retries: -1 }, { retry: { retries: 0 } }],
		['Max Retry Wait 1e7 s', { maxRetryWait: 1e7 }, { retry: { maxDelayMs: 300_000 } }],
		['Max Retry Wait -3 s', { maxRetryWait: -3 }, { retry: { maxDelayMs: 0 } }],
		[
			'text from an expression',
			{ timeout: '45', retries: '2' },
			{ timeoutMs: 45_000, retry: { retries: 2 } },
		],
	])('%s is clamped', (_, options, expected) => {
		expect(contextWith(options)).toMatchObject(expected);
	});
});
