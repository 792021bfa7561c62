/**
 * Reads one image or PDF with the GuGuData node, through n8n's engine, and prints its text.
 *
 *   npm run demo                          test/fixtures/sample.png
 *   npm run demo -- photo.jpg             your own file: JPEG, PNG, WebP, TIFF, BMP or PDF
 *   npm run demo -- photo.jpg --word      Word output: saves the .docx (--out FILE, else a temp
 *                                         folder) and prints its paragraphs
 *   GUGUDATA_APPKEY=... npm run demo -- photo.jpg
 *                                         the real GuGuData (GUGUDATA_PLATFORM=china for
 *                                         gugudata.com, GUGUDATA_BASE_URL to override the address)
 *
 * With no key it runs offline against the bundled local GuGuData server, which reads any file it
 * has no fixture for with tesseract.js (English) and pdf.js. The operation follows the file's
 * type; GUGUDATA_OPERATION=imageToWord (or pdfToWord) picks Word output as --word does.
 * Recognised lines go to stdout, everything else to stderr, one line each.
 *
 * Exit status: 0 read (also when it found no text), 1 the node or the server failed, 2 the file
 * cannot be used (missing, unreadable, neither an image nor a PDF) or the arguments are wrong.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import type { INodeExecutionData } from 'n8n-workflow';

import { sniffFileType } from '../nodes/GuGuData/helpers/fileType';
import { readDocxText } from '../test/fixtures/docx';
import { readSamplePng, SAMPLE_LINES, SAMPLE_PNG_PATH } from '../test/fixtures/sample';
import { readBinary, runWorkflow } from '../test/harness';
import { startGuGuServer } from '../test/server';

type Kind = 'image' | 'pdf';

/** The node's operations for each kind of file, as text and as Word. */
const OPERATIONS: Record<Kind, { text: string; word: string }> = {
	image: { text: 'imageToText', word: 'imageToWord' },
	pdf: { text: 'pdfToText', word: 'pdfToWord' },
};

/** A problem to tell in one line, with the exit status it gives. */
class Stop extends Error {
	constructor(
		message: string,
		readonly exitCode: number,
	) {
		super(message);
	}
}

const say = (line: string) => console.error(line);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function readInput(path: string): { bytes: Buffer; kind: Kind } {
	let bytes: Buffer;
	try {
		if (statSync(path).isDirectory()) throw new Stop(`${path} is a folder, not a file`, 2);
		bytes = readFileSync(path);
	} catch (error) {
		if (error instanceof Stop) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new Stop(`No such file: ${path}`, 2);
		if (code === 'EACCES' || code === 'EPERM') {
			throw new Stop(`Cannot read ${path}: permission denied`, 2);
		}
		throw new Stop(`Cannot read ${path}: ${(error as Error).message}`, 2);
	}
	const sniffed = sniffFileType(bytes);
	if (sniffed.accepted) return { bytes, kind: 'image' };
	if (sniffed.label === 'a PDF document') return { bytes, kind: 'pdf' };
	throw new Stop(
		`${basename(path)} is ${sniffed.label}, not an image (JPEG, PNG, WebP, TIFF, BMP) or a PDF`,
		2,
	);
}

/** The recognised lines in the node's output: the image's, or every line of the PDF. */
function textLines(kind: Kind, items: INodeExecutionData[]): string[] {
	if (kind === 'image') return (items[0]?.json.lines as string[] | undefined) ?? [];
	return items.map((item) => String(item.json.text));
}

function printLines(name: string, lines: string[]): void {
	for (const line of lines) console.log(line);
	say(lines.length ? plural(lines.length, 'line') : `No text found in ${name}: 0 lines`);
}

async function main(): Promise<void> {
	const usage = 'npm run demo -- [FILE] [--word] [--out FILE.docx]';
	let args;
	try {
		args = parseArgs({
			allowPositionals: true,
			options: { word: { type: 'boolean', default: false }, out: { type: 'string' } },
		});
	} catch (error) {
		throw new Stop(`${(error as Error).message}. Usage: ${usage}`, 2);
	}
	const { values, positionals } = args;
	if (positionals.length > 1) throw new Stop(`Give one file. Usage: ${usage}`, 2);
	// npm runs scripts in the package folder; a relative path means the caller's folder.
	const filePath = positionals[0]
		? resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0])
		: SAMPLE_PNG_PATH;
	const name = basename(filePath);
	const { bytes, kind } = readInput(filePath);
	const word = values.word || /word$/i.test(process.env.GUGUDATA_OPERATION ?? '');
	const operation = OPERATIONS[kind][word ? 'word' : 'text'];

	const platform = process.env.GUGUDATA_PLATFORM === 'china' ? 'china' : 'international';
	const realKey = process.env.GUGUDATA_APPKEY;
	const server = realKey
		? undefined
		: await startGuGuServer({ platform, defaultOutcome: 'recognise' });
	// The 5x7 pixel sample is a fixture: no OCR engine reads such a font reliably.
	server?.fixtures.register(readSamplePng(), { lines: SAMPLE_LINES });
	const credential = {
		appKey: realKey ?? server!.appKey,
		platform,
		baseUrl: realKey ? (process.env.GUGUDATA_BASE_URL ?? '') : server!.baseUrl,
	};
	say(
		`GuGuData ${operation} on ${name} via ${
			realKey
				? `GuGuData (${platform})`
				: `the local GuGuData server (${platform}, offline, tesseract.js English)`
		}`,
	);

	try {
		const result = await runWorkflow({
			parameters: word
				? { operation, downloadWordFile: true }
				: { operation, outputMode: kind === 'image' ? 'perImage' : 'perLine' },
			credentials: { guGuDataApi: credential },
			items: [{ json: {}, binary: { data: { data: bytes, fileName: name } } }],
		});
		const error = result.nodeError as { message: string; httpCode?: string | null } | undefined;
		if (error) {
			// No text is an answer, not a failure: International's ocr2word says so with a 422.
			if (error.httpCode === '422') return printLines(name, []);
			throw new Stop(`Failed: ${error.message}`, 1);
		}
		if (!word) return printLines(name, textLines(kind, result.items));

		const docx = await readBinary(result.items[0]);
		const out = values.out
			? resolve(process.env.INIT_CWD ?? process.cwd(), values.out)
			: join(tmpdir(), 'gugudata-demo', `${basename(name, extname(name))}.docx`);
		mkdirSync(join(out, '..'), { recursive: true });
		writeFileSync(out, docx);
		const paragraphs = readDocxText(docx).filter((paragraph) => paragraph.trim() !== '');
		printLines(name, paragraphs);
		say(`Word file: ${out}`);
	} finally {
		await server?.close();
	}
}

main().catch((error: unknown) => {
	if (error instanceof Stop) {
		say(error.message);
		process.exitCode = error.exitCode;
		return;
	}
	// Anything else is a bug here: one line still, the stack only on request.
	say(`Failed: ${error instanceof Error ? error.message : String(error)}`);
	if (process.env.GUGUDATA_DEMO_DEBUG) console.error(error);
	process.exitCode = 1;
});
