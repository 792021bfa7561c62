import { getField } from '../transport/envelope';

/**
 * The most of an OCR answer the node reads. A 10 MiB image of dense small print holds a few
 * hundred KiB of text, sent twice (lines and joined text): 4 MiB leaves room and bounds memory.
 */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/**
 * The recognised lines in an OCR answer. The contract allows `data` to be an object holding
 * `resultText` (an array, or text), a bare array of lines, or a string; undefined means none of them.
 */
export function extractLines(data: unknown): string[] | undefined {
	if (Array.isArray(data)) return data.filter(isPresent).map(String);
	if (typeof data === 'string') return splitLines(data);
	const resultText = getField(data, 'resultText');
	if (Array.isArray(resultText)) return resultText.filter(isPresent).map(String);
	if (typeof resultText === 'string') return splitLines(resultText);
	const text = getField(data, 'text');
	if (typeof text === 'string') return splitLines(text);
	return undefined;
}

function splitLines(text: string): string[] {
	return text === '' ? [] : text.split(/\r?\n/);
}

function isPresent(value: unknown): boolean {
	return value !== null && value !== undefined;
}
