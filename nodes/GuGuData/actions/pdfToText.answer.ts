import { getField, kindOf } from '../transport/envelope';

/**
 * The most of a pdf2text answer the node reads. A 100 MiB PDF may be a book: a thousand pages
 * hold a few MiB of text, sent twice on gugudata.io (per page and joined). 32 MiB leaves room and
 * bounds memory.
 */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** A PDF's text as GuGuData sent it. */
export interface PdfText {
	/** The whole text, as GuGuData sent it (pages joined). */
	text: string;
	/** One entry per page where the answer shows pages, else the whole text as one entry. */
	pages: string[];
	/** How many pages, or null when the answer does not show where pages end. */
	pageCount: number | null;
}

export type ReadPdfText = PdfText | { unreadable: string } | undefined;

const FORM_FEED = '\f';

/**
 * The text in a pdf2text answer: gugudata.io sends `{ resultText: [one entry per page], text }`,
 * gugudata.com the whole text as a string. An array of pages, `resultText` as a string, or `text`
 * alone are read too; undefined means none of them. A page is text; a number becomes text and null
 * an empty page (it keeps the numbering); anything else makes the answer unreadable.
 */
export function readPdfText(data: unknown): ReadPdfText {
	if (typeof data === 'string') return fromWhole(data);
	if (Array.isArray(data)) return fromPages(data, undefined);
	const resultText = getField(data, 'resultText');
	const text = getField(data, 'text');
	const joined = typeof text === 'string' ? text : undefined;
	if (Array.isArray(resultText)) return fromPages(resultText, joined);
	if (typeof resultText === 'string') return fromWhole(resultText);
	if (joined !== undefined) return fromWhole(joined);
	return undefined;
}

/**
 * The whole text as one string: pages are told apart only by form feeds, which PDF text
 * extractors put at the end of every page. Without them the page count is not known, and none is
 * made up.
 */
function fromWhole(text: string): PdfText {
	if (!text.includes(FORM_FEED)) return { text, pages: [text], pageCount: null };
	const pages = text.split(FORM_FEED);
	// The form feed that ends the last page leaves nothing (or a line break) after it.
	if (pages[pages.length - 1].trim() === '') pages.pop();
	return { text, pages, pageCount: pages.length };
}

function fromPages(values: unknown[], joined: string | undefined): ReadPdfText {
	const pages: string[] = [];
	for (const value of values) {
		if (value === null || value === undefined) pages.push('');
		else if (typeof value === 'string') pages.push(value);
		else if (typeof value === 'number' && Number.isFinite(value)) pages.push(String(value));
		else return { unreadable: kindOf(value) };
	}
	// No entries says nothing about pages: the text, if any, is all there is.
	if (pages.length === 0) return fromWhole(joined ?? '');
	return { text: joined ?? pages.join('\n'), pages, pageCount: pages.length };
}

/** A PDF's lines, numbered through the whole document, with their page where pages are known. */
export interface PdfLine {
	text: string;
	pageNumber: number | null;
}

/** Every line that holds more than white space, page by page. */
export function pdfLines({ pages, pageCount }: PdfText): PdfLine[] {
	return pages.flatMap((page, index) =>
		page
			.split(/\r?\n/)
			.filter((line) => line.trim() !== '')
			.map((text) => ({ text, pageNumber: pageCount === null ? null : index + 1 })),
	);
}

/** No text at all: no page holds more than white space. */
export function isBlank({ pages }: PdfText): boolean {
	return pages.every((page) => page.trim() === '');
}
