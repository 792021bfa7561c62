/**
 * How close recognised text must come to the text a test drew. tesseract reads the test images
 * exactly here; the tolerance allows one character edit per line (a `,` read as `.`, say), in case
 * another processor's SIMD path rounds differently. Line count and order must match exactly.
 */
export const EDITS_PER_LINE = 1;

/** Levenshtein distance: insertions, deletions and substitutions of single characters. */
export function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
		}
		previous = current;
	}
	return previous[b.length];
}

/** Throws, naming the first line that is off, unless `actual` reads as `expected`. */
export function expectLinesClose(actual: string[], expected: string[]): void {
	const report = `read ${JSON.stringify(actual)}, drawn ${JSON.stringify(expected)}`;
	if (actual.length !== expected.length) {
		throw new Error(`${actual.length} lines instead of ${expected.length}: ${report}`);
	}
	actual.forEach((line, index) => {
		const edits = editDistance(line, expected[index]);
		if (edits > EDITS_PER_LINE) {
			throw new Error(
				`line ${index + 1} is ${edits} edits off (at most ${EDITS_PER_LINE}): ${report}`,
			);
		}
	});
}
