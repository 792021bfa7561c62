/**
 * The server `npm run dev` starts (test/server/cli.ts) reads a user's own image and PDF for real,
 * and stops cleanly on SIGTERM, its tesseract worker with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { makeTextPdf } from '../fixtures/pdfs';
import { TYPEFACE_LINES, renderTextImage } from '../fixtures/typeface';
import { REPO_ROOT } from '../harness';
import { expectLinesClose } from './tolerance';

const TSX = join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');

function startCli(...args: string[]): Promise<{ child: ChildProcess; baseUrl: string }> {
	const child = spawn(process.execPath, [TSX, 'test/server/cli.ts', '--key', 'K1', ...args], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const line = out.split('\n').find((text) => text.includes('"baseUrl"'));
			if (line) resolve({ child, baseUrl: JSON.parse(line).baseUrl });
		});
		child.on('exit', (code) => reject(new Error(`cli.ts exited with ${code}: ${out}`)));
	});
}

function stop(child: ChildProcess): Promise<number | null> {
	return new Promise((resolve) => {
		child.once('exit', (code) => resolve(code));
		child.kill('SIGTERM');
	});
}

async function readLines(baseUrl: string, image: Buffer): Promise<string[]> {
	const form = new FormData();
	form.append('imagefile', new Blob([image]), 'mine.png');
	const response = await fetch(`${baseUrl}/imagerecognition/ocr?appkey=K1`, {
		method: 'POST',
		body: form,
	});
	return ((await response.json()) as { data: { resultText: string[] } }).data.resultText;
}

async function readPdfPages(baseUrl: string, pdf: Buffer): Promise<string[]> {
	const form = new FormData();
	form.append('file', new Blob([pdf]), 'mine.pdf');
	const response = await fetch(`${baseUrl}/imagerecognition/pdf2text?appkey=K1`, {
		method: 'POST',
		body: form,
	});
	return ((await response.json()) as { data: { resultText: string[] } }).data.resultText;
}

it('reads an unregistered image and PDF, then exits 0 on SIGTERM', async () => {
	const { child, baseUrl } = await startCli();
	try {
		expectLinesClose(await readLines(baseUrl, renderTextImage(TYPEFACE_LINES)), TYPEFACE_LINES);
		const pages = ['A page of my own', 'And a second one'];
		expect(await readPdfPages(baseUrl, await makeTextPdf(pages))).toEqual(pages);
	} finally {
		expect(await stop(child)).toBe(0);
	}
});

it('--no-recognition answers no text, as in tests', async () => {
	const { child, baseUrl } = await startCli('--no-recognition');
	try {
		expect(await readLines(baseUrl, renderTextImage(TYPEFACE_LINES))).toEqual([]);
	} finally {
		expect(await stop(child)).toBe(0);
	}
});
