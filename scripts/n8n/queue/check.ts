/**
 * What the queue-mode check sends and how it judges the answers: distinct images with lines of
 * their own, split into batches (one webhook call each), and a count of the images whose lines came
 * back at their place and nowhere else.
 */
import { makePng } from '../../../test/fixtures/images';

export interface QueueImage {
	/** queue-001 ... */
	id: string;
	bytes: Buffer;
	/** What the local GuGuData server "reads" in it: lines no other image has. */
	lines: string[];
	url?: string;
}

export function makeImages(count: number): QueueImage[] {
	return Array.from({ length: count }, (_, index) => {
		const number = String(index + 1).padStart(3, '0');
		const id = `queue-${number}`;
		return {
			id,
			bytes: makePng(id),
			lines: [`GuGuData queue check image ${number}`, `${id} of ${count}, line two`],
		};
	});
}

export function intoBatches<T>(list: T[], size: number): T[][] {
	const batches: T[][] = [];
	for (let start = 0; start < list.length; start += size)
		batches.push(list.slice(start, start + size));
	return batches;
}

/** One webhook call: what came back. */
export interface BatchAnswer {
	batch: number;
	images: QueueImage[];
	status?: number;
	/** The answer's items (the GuGuData node's output, one per image), when it was a JSON list. */
	items?: Array<Record<string, unknown>>;
	/** The body as text when it was not a list, or the fetch error. */
	problem?: string;
	seconds: number;
}

export interface BatchVerdict {
	batch: number;
	recognised: number;
	errorItems: number;
	/** Items neither recognised nor errors: other lines, missing, or out of place. */
	wrong: number;
}

export interface Verdict {
	images: number;
	recognised: number;
	errorItems: number;
	/** Error messages and how many items had each. */
	errors: Map<string, number>;
	/** Expected lines that came back other than exactly once, and lines nobody expected. */
	linesNotOnce: string[];
	unexpectedLines: number;
	batches: BatchVerdict[];
	/** Short notes on items that were wrong, for the failure report. */
	notes: string[];
}

const sameLines = (a: unknown, b: string[]) =>
	Array.isArray(a) && a.length === b.length && a.every((line, i) => line === b[i]);

/**
 * An image counts as recognised when the item at its place has exactly its lines and each of them
 * is in the answers once: not lost, not duplicated, not given to another image.
 */
export function judge(answers: BatchAnswer[]): Verdict {
	const seen = new Map<string, number>();
	for (const answer of answers) {
		for (const item of answer.items ?? []) {
			if (!Array.isArray(item.lines)) continue;
			for (const line of item.lines) seen.set(String(line), (seen.get(String(line)) ?? 0) + 1);
		}
	}
	const expected = new Set(
		answers.flatMap((answer) => answer.images.flatMap((image) => image.lines)),
	);
	const verdict: Verdict = {
		images: 0,
		recognised: 0,
		errorItems: 0,
		errors: new Map(),
		linesNotOnce: [...expected].filter((line) => seen.get(line) !== 1),
		unexpectedLines: [...seen.keys()].filter((line) => !expected.has(line)).length,
		batches: [],
		notes: [],
	};
	for (const answer of answers) {
		const batch: BatchVerdict = { batch: answer.batch, recognised: 0, errorItems: 0, wrong: 0 };
		if (answer.items && answer.items.length !== answer.images.length) {
			verdict.notes.push(
				`batch ${answer.batch}: ${answer.items.length} items for ${answer.images.length} images`,
			);
		}
		answer.images.forEach((image, index) => {
			verdict.images++;
			const item = answer.items?.[index];
			if (item && typeof item.error === 'string') {
				batch.errorItems++;
				verdict.errorItems++;
				verdict.errors.set(item.error, (verdict.errors.get(item.error) ?? 0) + 1);
			} else if (
				item &&
				sameLines(item.lines, image.lines) &&
				image.lines.every((l) => seen.get(l) === 1)
			) {
				batch.recognised++;
				verdict.recognised++;
			} else {
				batch.wrong++;
				// A call without a list of items is reported as such; no need for a note per image.
				if (answer.items && verdict.notes.length < 10) {
					verdict.notes.push(
						`${image.id} (batch ${answer.batch}, item ${index}): ${item ? JSON.stringify(item).slice(0, 200) : 'no item'}`,
					);
				}
			}
		});
		verdict.batches.push(batch);
	}
	return verdict;
}
