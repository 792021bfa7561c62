/** The fake "OCR engine": fixture lookup first, then the image checks a real service makes. */
import type { FixtureRegistry } from './fixture-registry';
import type { Pace } from './reply';
import { SUPPORTED_KINDS, imageDimensions, sniffImage } from './sniff';
import {
	isLinesOutcome,
	isPagesOutcome,
	linesOf,
	type ForcedOutcome,
	type LinesOutcome,
	type Outcome,
	type PagesOutcome,
} from './types';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Word conversion limits from the contract. */
export const MAX_WORD_SIDE = 8192;
export const MAX_WORD_PIXELS = 40_000_000;

/** undecodable: only where images are read for real (a PNG cut short, say). */
export type ImageProblem = 'empty' | 'too-large' | 'unsupported' | 'dimensions' | 'undecodable';

export type Recognition =
	| { kind: 'forced'; outcome: ForcedOutcome }
	| { kind: 'rejected'; problem: ImageProblem; message: string }
	| { kind: 'lines'; lines: string[]; pace: Pace; fixture: boolean };

export function checkImage(bytes: Uint8Array, forWord: boolean): Recognition | undefined {
	if (bytes.length === 0)
		return { kind: 'rejected', problem: 'empty', message: 'The image is empty.' };
	if (bytes.length > MAX_IMAGE_BYTES) {
		return { kind: 'rejected', problem: 'too-large', message: 'The image exceeds 10 MiB.' };
	}
	const kind = sniffImage(bytes);
	if (!kind || !SUPPORTED_KINDS.has(kind)) {
		const message = 'Unsupported image format: use JPEG, PNG, WebP, TIFF or BMP.';
		return { kind: 'rejected', problem: 'unsupported', message };
	}
	const size = forWord ? imageDimensions(bytes) : undefined;
	if (
		size &&
		(Math.max(size.width, size.height) > MAX_WORD_SIDE ||
			size.width * size.height > MAX_WORD_PIXELS)
	) {
		const message = 'The image exceeds 8192 px on a side or 40 megapixels.';
		return { kind: 'rejected', problem: 'dimensions', message };
	}
	return undefined;
}

/** A fixture that gives text (lines, or a PDF's pages read as lines) rather than an answer. */
export function isTextOutcome(outcome: Outcome): outcome is LinesOutcome | PagesOutcome {
	return isLinesOutcome(outcome) || isPagesOutcome(outcome);
}

/**
 * A forced fixture answers as it says, without any image check (so tests can force anything);
 * text fixtures and unknown images go through the checks first.
 */
export function recognise(
	bytes: Uint8Array,
	registry: FixtureRegistry,
	defaultOutcome: Outcome,
	forWord: boolean,
): Recognition {
	const fixture = registry.take(bytes);
	if (fixture && !isTextOutcome(fixture)) return { kind: 'forced', outcome: fixture };
	const problem = checkImage(bytes, forWord);
	if (problem) return problem;
	const outcome = fixture ?? defaultOutcome;
	if (!isTextOutcome(outcome)) return { kind: 'forced', outcome };
	const pace = { delayMs: outcome.delayMs, drip: outcome.drip };
	return { kind: 'lines', lines: linesOf(outcome), pace, fixture: !!fixture };
}

/** No text means no lines, or only blank ones. */
export function hasText(lines: string[]): boolean {
	return lines.some((line) => line.trim() !== '');
}
