/**
 * Real text recognition of images for the local server: tesseract.js with the English LSTM data
 * from `@tesseract.js-data/eng`, both loaded from node_modules, so nothing reaches the network.
 *
 * One tesseract worker (a worker thread) serves every server in the process: starting one costs
 * about a second and 30 MiB, and tests start two servers at a time. It starts on the first image
 * that needs it and stops when the last server that used it closes, so a process holds no thread
 * once its servers are closed and jest exits cleanly.
 */
import { dirname, join } from 'node:path';

import type { Worker } from 'tesseract.js';

/**
 * `4.0.0_best_int` is the LSTM-only data tesseract.js itself picks for LSTM: a third of the size
 * of `4.0.0` (which adds the legacy engine's data) and as exact on printed text.
 */
export const ENGLISH_DATA_DIR = join(
	dirname(require.resolve('@tesseract.js-data/eng/package.json')),
	'4.0.0_best_int',
);

/** The languages the local server reads: the registry has no Chinese data for tesseract.js. */
export const OCR_LANGUAGES = 'eng';

let worker: Promise<Worker> | undefined;
let users = 0;

function startWorker(): Promise<Worker> {
	// Loaded on first use: most processes that load the server (every test file) never need it.
	const { OEM, createWorker } = require('tesseract.js') as typeof import('tesseract.js');
	return createWorker(OCR_LANGUAGES, OEM.LSTM_ONLY, {
		langPath: ENGLISH_DATA_DIR,
		gzip: true,
		// Read the data from node_modules each start; never write a cache file into the cwd.
		cacheMethod: 'none',
		logger: () => undefined,
		// Without a handler a failed job (an image it cannot decode) also throws in the message
		// listener, an uncaught exception; the job's own promise still rejects.
		errorHandler: () => undefined,
	});
}

/** A user's hold on the shared worker: release it once, when its server closes. */
export interface TesseractLease {
	/** The image's text lines, top to bottom; undefined when tesseract cannot decode the image. */
	read(bytes: Uint8Array): Promise<string[] | undefined>;
	release(): Promise<void>;
}

export function acquireTesseract(): TesseractLease {
	users++;
	let released = false;
	return {
		async read(bytes) {
			if (released) throw new Error('the tesseract lease was released');
			worker ??= startWorker();
			const running = await worker;
			try {
				const { data } = await running.recognize(
					Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
					{},
					{ text: true, blocks: true },
				);
				return linesOf(data);
			} catch (error) {
				if (/read image/i.test(String(error))) return undefined;
				throw error;
			}
		},
		async release() {
			if (released) return;
			released = true;
			users--;
			if (users > 0 || !worker) return;
			const stopping = worker;
			worker = undefined;
			await (await stopping.catch(() => undefined))?.terminate();
		},
	};
}

interface RecognizedPage {
	blocks: Array<{ paragraphs: Array<{ lines: Array<{ text: string }> }> }> | null;
}

/** Lines as tesseract found them, trimmed, blank ones left out (GuGuData sends none). */
export function linesOf(page: RecognizedPage): string[] {
	return (page.blocks ?? [])
		.flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines))
		.map((line) => line.text.replace(/\s+/g, ' ').trim())
		.filter((line) => line !== '');
}

/** Whether a worker is running now: for tests that check nothing is left behind. */
export function tesseractRunning(): boolean {
	return worker !== undefined;
}
