/**
 * 7: what real recognition in the local server costs (the demo's and `npm run dev`'s server):
 * the first image in a fresh process, a second one, memory, and PDFs. Figures only, no goals:
 * they describe the test server, not the node.
 */
import path from 'node:path';

import { runScript } from './child';
import type { RecognitionResult } from './recognition-child';
import { printRow, printSection } from './table';

const SCRIPT = path.join(__dirname, 'recognition-child.ts');

async function runRecognitionChild(): Promise<RecognitionResult> {
	return (await runScript(SCRIPT, [], 'recognition child')) as RecognitionResult;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function recognition(): Promise<void> {
	printSection('Real recognition in the local server (tesseract.js, pdf.js), fresh process');
	const result = await runRecognitionChild();
	const { memory } = result;
	printRow({
		id: '7a',
		measurement: 'First image: worker start + read (3 lines, 40 px)',
		result: `${seconds(result.firstMs)}, ${result.lines} lines, ${result.exact ? 'exact' : 'NOT exact'}`,
	});
	printRow({
		id: '7b',
		measurement: 'Next image, worker running',
		result: seconds(result.warmMs),
	});
	printRow({
		id: '7c',
		measurement: 'Peak RSS during the first image',
		result:
			`${memory.peakMiB.toFixed(0)} MiB (${memory.startMiB.toFixed(0)} at start, ` +
			`+${(memory.peakMiB - memory.startMiB).toFixed(0)})`,
	});
	printRow({
		id: '7d',
		measurement: 'RSS with the worker idle',
		result: `${result.idleMiB.toFixed(0)} MiB`,
	});
	printRow({
		id: '7e',
		measurement: 'PDF with a text layer, 2 pages (pdf.js)',
		result: seconds(result.textPdfMs),
	});
	printRow({
		id: '7f',
		measurement: 'Scanned PDF page, 216 dpi (pdf.js + tesseract)',
		result: seconds(result.scanPdfMs),
	});
}
