/**
 * Reads one PDF in a worker thread (see pdf.ts): pdf.js is an ES module with `import.meta`, which
 * jest's CommonJS module system cannot load, while a worker thread is plain Node.
 *
 * In (workerData): { bytes: Uint8Array, scanScale: number }.
 * Out (one message): { pages: Array<{ lines: string[] } | { png: Uint8Array }> } where a page
 * without a text layer comes as a picture of itself, or { problem: 'encrypted' | 'unreadable',
 * message }.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
// Local folders (pdf.js reads them with fs in Node): nothing is fetched.
const folder = (name) => join(pdfjsRoot, name) + '/';

/** A page's text items joined into lines: pdf.js marks the end of each line with hasEOL. */
function textLines(items) {
	const lines = [];
	let current = '';
	for (const item of items) {
		if (typeof item.str !== 'string') continue;
		current += item.str;
		if (item.hasEOL) {
			lines.push(current);
			current = '';
		}
	}
	lines.push(current);
	return lines.map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
}

/**
 * The canvas package pdf.js itself loads (its own nested copy when npm keeps one): two native
 * canvas builds in one process crash as soon as pdf.js draws an image into the other's canvas.
 */
const pdfjsRequire = createRequire(join(pdfjsRoot, 'package.json'));

async function render(page, scale) {
	const { createCanvas } = pdfjsRequire('@napi-rs/canvas');
	const viewport = page.getViewport({ scale });
	const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
	const context = canvas.getContext('2d');
	// A scan's page may be transparent where nothing was drawn: white reads best.
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, canvas.width, canvas.height);
	await page.render({ canvas, canvasContext: context, viewport }).promise;
	return new Uint8Array(await canvas.encode('png'));
}

async function read({ bytes, scanScale }) {
	const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
	let document;
	try {
		document = await getDocument({
			data: bytes,
			cMapUrl: folder('cmaps'),
			cMapPacked: true,
			standardFontDataUrl: folder('standard_fonts'),
			wasmUrl: folder('wasm'),
			isEvalSupported: false,
			useSystemFonts: false,
			verbosity: 0,
		}).promise;
	} catch (error) {
		const problem = error?.name === 'PasswordException' ? 'encrypted' : 'unreadable';
		return { problem, message: String(error?.message ?? error) };
	}
	try {
		const pages = [];
		for (let number = 1; number <= document.numPages; number++) {
			const page = await document.getPage(number);
			const lines = textLines((await page.getTextContent()).items);
			pages.push(lines.length > 0 ? { lines } : { png: await render(page, scanScale) });
			page.cleanup();
		}
		return { pages };
	} finally {
		await document.destroy();
	}
}

read(workerData).then(
	(result) => parentPort.postMessage(result),
	(error) =>
		parentPort.postMessage({ problem: 'unreadable', message: String(error?.message ?? error) }),
);
