/**
 * `npm run demo -- FILE` on files a user could have: it reads them offline through the node, the
 * engine and the local server, and says what went wrong in one line. Runs scripts/demo.ts with
 * tsx directly (npm run demo would build again; test:ocr has built dist/ already).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readDocxText } from '../fixtures/docx';
import { makeTextPdf } from '../fixtures/pdfs';
import { TYPEFACE_LINES, renderTextImage } from '../fixtures/typeface';
import { REPO_ROOT } from '../harness';
import { expectLinesClose } from './tolerance';

const TSX = join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
let folder: string;

interface DemoRun {
	code: number | null;
	/** The recognised lines. */
	stdout: string[];
	/** Everything else, one entry per line. */
	stderr: string[];
}

function demo(...args: string[]): Promise<DemoRun> {
	const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: folder };
	for (const name of ['GUGUDATA_APPKEY', 'GUGUDATA_PLATFORM', 'GUGUDATA_OPERATION'])
		delete env[name];
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [TSX, 'scripts/demo.ts', ...args], {
			cwd: REPO_ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => {
			const lines = (text: string) => text.split('\n').filter((line) => line !== '');
			resolve({ code, stdout: lines(out), stderr: lines(err) });
		});
	});
}

/** A failure told in one line: no stack trace, nothing on stdout. */
function expectOneLine(run: DemoRun, code: number, text: RegExp): void {
	expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
		code,
		stdout: [],
		stderr: [expect.stringMatching(text)],
	});
}

beforeAll(() => {
	folder = mkdtempSync(join(tmpdir(), 'gugudata-demo-test-'));
	writeFileSync(join(folder, 'receipt.png'), renderTextImage(TYPEFACE_LINES));
	writeFileSync(join(folder, 'receipt.jpg'), renderTextImage(TYPEFACE_LINES, { format: 'jpeg' }));
	writeFileSync(join(folder, 'blank.png'), renderTextImage([]));
	writeFileSync(join(folder, 'notes.txt'), 'just some notes\n');
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

it('prints the lines of a PNG, found from a path relative to where npm was run', async () => {
	const run = await demo('receipt.png');
	expect(run.code).toBe(0);
	expectLinesClose(run.stdout, TYPEFACE_LINES);
	expect(run.stderr).toEqual([
		'GuGuData imageToText on receipt.png via the local GuGuData server (international, offline, tesseract.js English)',
		'3 lines',
	]);
});

it('--word: saves a real .docx of a JPEG and prints its paragraphs', async () => {
	const out = join(folder, 'out', 'receipt.docx');
	const run = await demo(join(folder, 'receipt.jpg'), '--word', '--out', out);
	expect(run.code).toBe(0);
	expectLinesClose(run.stdout, TYPEFACE_LINES);
	expect(readDocxText(readFileSync(out))).toEqual(run.stdout);
	expect(run.stderr.slice(1)).toEqual(['3 lines', `Word file: ${out}`]);
});

it('an image with no text: says "0 lines" in words and exits 0', async () => {
	const run = await demo('blank.png');
	expect(run.code).toBe(0);
	expect(run.stdout).toEqual([]);
	expect(run.stderr.slice(1)).toEqual(['No text found in blank.png: 0 lines']);
});

it('a PDF: PDF to Text prints the lines of its text layer, exactly', async () => {
	writeFileSync(join(folder, 'letter.pdf'), await makeTextPdf([TYPEFACE_LINES.join('\n')]));
	const run = await demo('letter.pdf');
	expect(run).toEqual({
		code: 0,
		stdout: TYPEFACE_LINES,
		stderr: [
			'GuGuData pdfToText on letter.pdf via the local GuGuData server (international, offline, tesseract.js English)',
			'3 lines',
		],
	});
});

it('a PDF with --word: PDF to Word saves a .docx of its text', async () => {
	writeFileSync(join(folder, 'memo.pdf'), await makeTextPdf(['First page', 'Second page']));
	const out = join(folder, 'memo.docx');
	const run = await demo('memo.pdf', '--word', '--out', out);
	expect(run.code).toBe(0);
	expect(run.stdout).toEqual(['First page', 'Second page']);
	expect(readDocxText(readFileSync(out))).toEqual(['First page', 'Second page']);
});

it('a missing file, a folder or a text file: one line, exit 2', async () => {
	expect(existsSync(join(folder, 'missing.png'))).toBe(false);
	expectOneLine(await demo('missing.png'), 2, /^No such file: .*missing\.png$/);
	expectOneLine(await demo(folder), 2, /is a folder, not a file$/);
	expectOneLine(await demo('notes.txt'), 2, /^notes\.txt is plain text, not an image/);
});
