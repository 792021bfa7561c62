import { getField, kindOf } from '../transport/envelope';

/**
 * The most of an OCR answer the node reads. A 10 MiB image of dense small print holds a few
 * hundred KiB of text, sent twice (lines and joined text): 4 MiB leaves room and bounds memory.
 */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** The lines found, what stood where a line should be, or undefined when there are no lines. */
export type ReadLines = { lines: string[] } | { unreadable: string } | undefined;

/**
 * The recognised lines in an OCR answer. The contract allows `data` to be an object holding
 * `resultText` (an array, or text), a bare array of lines, or a string; undefined means none of them.
 * A line is text; a number becomes text, and null is dropped. Anything else (an object, a list, a
 * boolean) makes the answer unreadable: lines are checked one level deep, never recursively, so no
 * answer can nest deep enough to exhaust the stack.
 */
export function extractLines(data: unknown): ReadLines {
	if (Array.isArray(data)) return linesOf(data);
	if (typeof data === 'string') return { lines: splitLines(data) };
	const resultText = getField(data, 'resultText');
	if (Array.isArray(resultText)) return linesOf(resultText);
	if (typeof resultText === 'string') return { lines: splitLines(resultText) };
	const text = getField(data, 'text');
	if (typeof text === 'string') return { lines: splitLines(text) };
	return undefined;
}

function linesOf(values: unknown[]): ReadLines {
	const lines: string[] = [];
	for (const value of values) {
		if (value === null || value === undefined) continue;
		if (typeof value === 'string') lines.push(value);
		else if (typeof value === 'number' && Number.isFinite(value)) lines.push(String(value));
		else return { unreadable: kindOf(value) };
	}
	return { lines };
}

function splitLines(text: string): string[] {
	return text === '' ? [] : text.split(/\r?\n/);
}
