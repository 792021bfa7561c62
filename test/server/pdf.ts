/** The fake PDF reader behind pdf2text and pdf2word: fixture lookup, then a real service's checks. */
import type { FixtureRegistry } from './fixture-registry';
import { isTextOutcome } from './recognition';
import type { Pace } from './reply';
import { pagesOf, type ForcedOutcome, type Outcome } from './types';

export const PDF_ENDPOINTS: ReadonlySet<string> = new Set(['pdf2text', 'pdf2word']);

export type PdfProblem = 'empty' | 'not-pdf' | 'encrypted';

export type PdfReading =
	| { kind: 'forced'; outcome: ForcedOutcome }
	| { kind: 'rejected'; problem: PdfProblem }
	| { kind: 'pages'; pages: string[]; pace: Pace };

/** An /Encrypt entry that points at (or holds) the encryption dictionary, wherever it sits. */
const ENCRYPT_ENTRY = /\/Encrypt\s*(?:\d+\s+\d+\s+R|<<)/;

export function isEncryptedPdf(bytes: Uint8Array): boolean {
	return ENCRYPT_ENTRY.test(
		Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'),
	);
}

function isPdf(bytes: Uint8Array): boolean {
	return (
		Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(5, bytes.length)).toString('latin1') ===
		'%PDF-'
	);
}

/**
 * A forced fixture answers as it says, without any check. Anything else must be a PDF. An
 * encrypted PDF is read only when it is registered, standing for one that opens without a
 * password (printing or copying restricted); an unregistered one stands for a locked PDF and is
 * refused, since what GuGuData answers to those is not documented.
 */
export function readPdf(
	bytes: Uint8Array,
	registry: FixtureRegistry,
	defaultOutcome: Outcome,
): PdfReading {
	const fixture = registry.take(bytes);
	if (fixture && !isTextOutcome(fixture)) return { kind: 'forced', outcome: fixture };
	if (bytes.length === 0) return { kind: 'rejected', problem: 'empty' };
	if (!isPdf(bytes)) return { kind: 'rejected', problem: 'not-pdf' };
	if (!fixture && isEncryptedPdf(bytes)) return { kind: 'rejected', problem: 'encrypted' };
	const outcome = fixture ?? defaultOutcome;
	if (!isTextOutcome(outcome)) return { kind: 'forced', outcome };
	return {
		kind: 'pages',
		pages: pagesOf(outcome),
		pace: { delayMs: outcome.delayMs, drip: outcome.drip },
	};
}

/** A PDF's lines, for the Word file: each page's lines in order. */
export function pageLines(pages: string[]): string[] {
	return pages.flatMap((page) => page.split('\n'));
}
