/**
 * A PDF's text layer through pdf.js, page by page; a page with no text (a scan) comes back as a
 * PNG of itself, rendered with @napi-rs/canvas, for the image reader to recognise.
 *
 * pdf.js runs in a worker thread of its own for each PDF (pdf-worker.mjs), ended when it answers:
 * it is an ES module that jest's module system cannot load, and a PDF is rare enough here that
 * the ~0.2 s start does not matter.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export type PdfPageContent = { lines: string[] } | { png: Uint8Array };

export type PdfContent =
	{ pages: PdfPageContent[] } | { problem: 'encrypted' | 'unreadable'; message: string };

export interface PdfReadOptions {
	/**
	 * Pixels per PDF point for a page without a text layer: 3 is 216 dpi, which puts 12 pt text at
	 * about 36 px, well inside what tesseract reads exactly, at a quarter of 300 dpi's pixels.
	 */
	scanScale?: number;
}

const WORKER_SCRIPT = join(__dirname, 'pdf-worker.mjs');

export async function readPdfContent(
	bytes: Uint8Array,
	options: PdfReadOptions = {},
): Promise<PdfContent> {
	const worker = new Worker(WORKER_SCRIPT, {
		workerData: { bytes: new Uint8Array(bytes), scanScale: options.scanScale ?? 3 },
	});
	try {
		return await new Promise<PdfContent>((resolve, reject) => {
			worker.once('message', (content: PdfContent) => resolve(content));
			worker.once('error', reject);
			worker.once('exit', (code) =>
				reject(new Error(`the PDF reader stopped (exit code ${code}) without an answer`)),
			);
		});
	} finally {
		await worker.terminate();
	}
}
