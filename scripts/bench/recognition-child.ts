/**
 * Child process of the benchmark's recognition rows: a fresh process, so "first" really is the
 * first (tesseract.js loaded, its worker started, the English data read), with a local server
 * whose defaultOutcome is 'recognise'. Prints one JSON line, a RecognitionResult.
 */
import { makeTextPdf } from '../../test/fixtures/pdfs';
import { TYPEFACE_LINES, makeScannedPdf, renderTextImage } from '../../test/fixtures/typeface';
import { startGuGuServer, type GuGuServer } from '../../test/server';
import { PeakMemory, type MemoryWindow } from './memory';

export interface RecognitionResult {
	firstMs: number;
	warmMs: number;
	/** Whether the first image read exactly as drawn. */
	exact: boolean;
	lines: number;
	/** From before the first request until its answer. */
	memory: MemoryWindow;
	/** rss once the worker is idle, before the server closes. */
	idleMiB: number;
	textPdfMs: number;
	scanPdfMs: number;
}

async function timed(
	server: GuGuServer,
	endpoint: string,
	field: string,
	bytes: Buffer,
): Promise<{ ms: number; data: any }> {
	const form = new FormData();
	form.append(field, new Blob([bytes]), field === 'file' ? 'doc.pdf' : 'image.png');
	const started = performance.now();
	const response = await fetch(server.endpointUrl(endpoint), { method: 'POST', body: form });
	const body = (await response.json()) as { data: unknown };
	if (response.status !== 200) throw new Error(`${endpoint}: HTTP ${response.status}`);
	return { ms: performance.now() - started, data: body.data };
}

async function main(): Promise<void> {
	const server = await startGuGuServer({ platform: 'international', defaultOutcome: 'recognise' });
	try {
		const image = renderTextImage(TYPEFACE_LINES);
		const otherImage = renderTextImage([...TYPEFACE_LINES].reverse());
		const textPdf = await makeTextPdf(['Page one\nof a letter', 'Page two']);
		const scanPdf = await makeScannedPdf(TYPEFACE_LINES);

		const peak = new PeakMemory();
		peak.start();
		const first = await timed(server, 'ocr', 'imagefile', image);
		const memory = peak.stop();
		const warm = await timed(server, 'ocr', 'imagefile', otherImage);
		(globalThis as { gc?: () => void }).gc?.();
		const idleMiB = process.memoryUsage.rss() / 1024 ** 2;
		const textPdfRun = await timed(server, 'pdf2text', 'file', textPdf);
		const scanPdfRun = await timed(server, 'pdf2text', 'file', scanPdf);
		const read = first.data.resultText as string[];
		const result: RecognitionResult = {
			firstMs: first.ms,
			warmMs: warm.ms,
			exact: JSON.stringify(read) === JSON.stringify(TYPEFACE_LINES),
			lines: read.length,
			memory,
			idleMiB,
			textPdfMs: textPdfRun.ms,
			scanPdfMs: scanPdfRun.ms,
		};
		console.log(JSON.stringify(result));
	} finally {
		await server.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
