/**
 * Real recognition for the local server, used where `defaultOutcome` is 'recognise': an image or
 * PDF with no registered fixture is read for real (tesseract.js, pdf.js) instead of answering a
 * canned outcome. Registered fixtures keep priority, and a server with any other default outcome
 * (every test's, the bench's) never reaches this code, so those runs stay exact and fast.
 */
import type { ApiState } from '../context';
import { readPdf, type PdfReading } from '../pdf';
import { recognise, type Recognition } from '../recognition';
import type { LinesOutcome, PagesOutcome } from '../types';
import { acquireTesseract, type TesseractLease } from './image';
import { readPdfContent, type PdfReadOptions } from './pdf';

export { ENGLISH_DATA_DIR, OCR_LANGUAGES, tesseractRunning } from './image';
export { readPdfContent } from './pdf';
export type { PdfContent, PdfPageContent } from './pdf';

/** The `defaultOutcome` that turns real recognition on. */
export const RECOGNISE = 'recognise';

export type PdfText =
	{ pages: string[] } | { problem: 'encrypted' | 'unreadable'; message: string };

/** One server's reader: its hold on the process's shared tesseract worker, taken on first use. */
export class RealReader {
	private lease?: TesseractLease;
	private closed = false;

	/** The image's lines; undefined when it cannot be decoded. */
	readImage(bytes: Uint8Array): Promise<string[] | undefined> {
		if (this.closed) return Promise.reject(new Error('the server is closed'));
		this.lease ??= acquireTesseract();
		return this.lease.read(bytes);
	}

	/**
	 * Each page's text, its lines joined by \n: the text layer where the page has one, else what
	 * tesseract reads in a picture of the page (an empty string when it reads nothing).
	 */
	async readPdf(bytes: Uint8Array, options?: PdfReadOptions): Promise<PdfText> {
		const content = await readPdfContent(bytes, options);
		if ('problem' in content) return content;
		const pages: string[] = [];
		for (const page of content.pages) {
			const lines = 'lines' in page ? page.lines : ((await this.readImage(page.png)) ?? []);
			pages.push(lines.join('\n'));
		}
		return { pages };
	}

	/** Lets the shared worker stop once no other open server holds it. */
	async close(): Promise<void> {
		this.closed = true;
		const lease = this.lease;
		this.lease = undefined;
		await lease?.release();
	}
}

const NO_TEXT: LinesOutcome = { lines: [] };

/**
 * What an image reads as: `recognise()` with the server's default outcome, or, when that is
 * 'recognise', the same checks and fixtures first and tesseract for an image no fixture covers.
 */
export async function readImage(
	bytes: Uint8Array,
	state: Pick<ApiState, 'fixtures' | 'options' | 'reader'>,
	forWord: boolean,
): Promise<Recognition> {
	const { defaultOutcome } = state.options;
	if (defaultOutcome !== RECOGNISE) {
		return recognise(bytes, state.fixtures, defaultOutcome, forWord);
	}
	const result = recognise(bytes, state.fixtures, NO_TEXT, forWord);
	if (result.kind !== 'lines' || result.fixture) return result;
	const lines = await state.reader.readImage(bytes);
	if (lines === undefined) {
		return { kind: 'rejected', problem: 'undecodable', message: 'The image could not be decoded.' };
	}
	return { ...result, lines };
}

const NO_PAGES: PagesOutcome = { pages: [] };

/**
 * What a PDF reads as: `readPdf()` with the server's default outcome, or, when that is
 * 'recognise', fixtures and checks first and pdf.js (tesseract for scanned pages) for a PDF no
 * fixture covers. There the /Encrypt check defers to pdf.js, which knows whether the PDF needs a
 * password: one that only restricts printing or copying opens, and is read.
 */
export async function readPdfFile(
	bytes: Uint8Array,
	state: Pick<ApiState, 'fixtures' | 'options' | 'reader'>,
): Promise<PdfReading> {
	const { defaultOutcome } = state.options;
	if (defaultOutcome !== RECOGNISE) return readPdf(bytes, state.fixtures, defaultOutcome);
	const registered = state.fixtures.lookup(bytes) !== undefined;
	const checked = readPdf(bytes, state.fixtures, NO_PAGES);
	const readable =
		checked.kind === 'pages' || (checked.kind === 'rejected' && checked.problem === 'encrypted');
	if (registered || !readable) return checked;
	const text = await state.reader.readPdf(bytes);
	if ('problem' in text) {
		return { kind: 'rejected', problem: text.problem === 'encrypted' ? 'encrypted' : 'not-pdf' };
	}
	return { kind: 'pages', pages: text.pages, pace: {} };
}
