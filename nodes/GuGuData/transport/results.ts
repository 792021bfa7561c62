import { getField } from './envelope';

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
