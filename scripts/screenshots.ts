/**
 * Screenshots for the README, taken from the real n8n editor: `npm run screenshots`.
 *
 * Uses the n8n on http://localhost:5678 (N8N_URL, or N8N_PORT), or starts `npm run dev` when
 * nothing answers there and stops it again at the end. Signs in through POST /rest/login as the
 * dev owner (N8N_DEV_EMAIL / N8N_DEV_PASSWORD, default dev@example.com / GuGuData-dev-1), then
 * drives the editor with playwright-core and Debian's chromium (CHROMIUM_PATH, default
 * /usr/bin/chromium) and writes into docs/images/:
 *
 *   image-to-text-parameters.png  GuGuData node panel: Image to Text, Binary File, One Item per Line, Options
 *   image-to-word-parameters.png  GuGuData node panel: Image to Word, Download Word File on, File Name option
 *   output-table.png              parameters and output (Table view) after running the workflow: the
 *                                 sample's lines GUGUDATA / DATA PAY LESS / OCR 2026, lineNumber, lineCount
 *   pdf-to-text.png               GuGuData node panel: PDF to Text, Binary File, One Item per Page, and its
 *                                 output (Table view) after the run: sample.pdf's two pages (GUGUDATA /
 *                                 DATA PAY LESS, then OCR 2026), pageNumber, pageCount
 *   credential.png                the GuGuData API credential dialog after its test passed
 *   node-search.png               the nodes panel searching "GuGuData"
 *
 * The run uses a temporary workflow built from the demo workflow `npm run dev` imports (its Read
 * Sample Image and Read Sample PDF nodes and its credential): manual trigger -> Read Sample Image ->
 * GuGuData Image to Text and GuGuData Image to Word, and manual trigger -> Read Sample PDF ->
 * GuGuData PDF to Text. It is deleted at the end (with its execution). SCREENSHOTS_KEEP=1 keeps it
 * and the browser profile for inspection.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

import { chromium, selectors, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { SAMPLE_LINES, SAMPLE_PDF_PAGES } from '../test/fixtures/sample';
import { ensureN8n, type DevServer } from './screenshots/dev-server';
import {
	DEMO_WORKFLOW_NAME,
	N8nApi,
	NODE_TYPE,
	READ_FILE_TYPE,
	type Workflow,
	type WorkflowNode,
} from './screenshots/n8n-api';
import {
	assertNoSpinner,
	boxOf,
	type Box,
	capture,
	dismissInterruptions,
	isShown,
	lowestBottom,
	settle,
	trackRequests,
} from './screenshots/ui';

const ROOT = resolve(__dirname, '..');
const OUT_DIR = join(ROOT, 'docs', 'images');
const BASE_URL = (
	process.env.N8N_URL ?? `http://localhost:${process.env.N8N_PORT ?? '5678'}`
).replace(/\/$/, '');
const EMAIL = process.env.N8N_DEV_EMAIL ?? 'dev@example.com';
const PASSWORD = process.env.N8N_DEV_PASSWORD ?? 'GuGuData-dev-1';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const KEEP = process.env.SCREENSHOTS_KEEP === '1';

const TEMP_WORKFLOW_NAME = 'GuGuData screenshots (temporary, npm run screenshots)';
const TRIGGER = "When clicking 'Execute workflow'";
const TEXT_NODE = 'GuGuData Image to Text';
const WORD_NODE = 'GuGuData Image to Word';
const PDF_TEXT_NODE = 'GuGuData PDF to Text';
const MAX_BYTES = 400 * 1024;

const log = (line: string) => console.error(`[screenshots] ${line}`);

async function main(): Promise<void> {
	const t0 = Date.now();
	mkdirSync(OUT_DIR, { recursive: true });
	let dev: DevServer | undefined;
	let context: BrowserContext | undefined;
	let api: N8nApi | undefined;
	let tempWorkflowId: string | undefined;
	const profileDir = mkdtempSync(join(tmpdir(), 'gugudata-screenshots-chromium-'));
	const stopOnSignal = () => log('Interrupted: cleaning up');
	process.once('SIGINT', stopOnSignal);
	process.once('SIGTERM', stopOnSignal);

	try {
		dev = await ensureN8n(ROOT, BASE_URL, log);

		context = await chromium.launchPersistentContext(profileDir, {
			executablePath: CHROMIUM,
			headless: true,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
			viewport: { width: 1400, height: 900 },
			// Sharp on high-density screens (GitHub shows them at half size), still well under 400 KB.
			deviceScaleFactor: 2,
			locale: 'en-US',
			timezoneId: 'UTC',
			colorScheme: 'light',
		});
		// n8n marks elements with data-test-id (Playwright's default is data-testid).
		selectors.setTestIdAttribute('data-test-id');
		context.setDefaultTimeout(30_000);

		api = new N8nApi(context.request, BASE_URL);
		await api.login(EMAIL, PASSWORD);
		log(`Signed in as ${EMAIL}`);

		const demo = await findDemoWorkflow(api);
		const credential = demo.nodes.find(
			(node) => node.type === NODE_TYPE && node.credentials?.guGuDataApi,
		)?.credentials!.guGuDataApi;
		if (!credential) throw new Error(`"${demo.name}" has no GuGuData node with a credential`);
		for (const stale of (await api.listWorkflows()).filter((w) => w.name === TEMP_WORKFLOW_NAME)) {
			await api.deleteWorkflow(stale.id);
		}
		const workflow = await api.createWorkflow(screenshotWorkflow(demo));
		tempWorkflowId = workflow.id;
		log(`Temporary workflow ${workflow.id} from "${demo.name}"`);

		const page = context.pages()[0] ?? (await context.newPage());
		const inFlight = trackRequests(page);
		const shots: Array<[string, number]> = [];
		const shoot = async (name: string, clip: Parameters<typeof capture>[2]) => {
			const file = join(OUT_DIR, name);
			const bytes = await capture(page, file, clip);
			if (bytes > MAX_BYTES)
				throw new Error(`${name} is ${(bytes / 1024).toFixed(0)} KB, over 400 KB`);
			shots.push([relative(ROOT, file), bytes]);
			log(`${relative(ROOT, file)} (${(bytes / 1024).toFixed(0)} KB)`);
		};

		// The workflow, executed from the editor.
		await openWorkflow(page, inFlight, workflow.id);
		await executeWorkflow(page, inFlight);

		// 1 and 3: the Image to Text node, its parameters and its output table.
		await openNode(page, inFlight, TEXT_NODE);
		const output = page.getByTestId('output-panel');
		await output.getByTestId('radio-button-table').click();
		for (const line of SAMPLE_LINES) {
			await output
				.locator('table td', { hasText: new RegExp(`^\\s*${line}\\s*$`) })
				.first()
				.waitFor();
		}
		for (const header of ['text', 'lineNumber', 'lineCount']) {
			await output.locator('table th', { hasText: header }).first().waitFor();
		}
		await readyToCapture(page, inFlight, page.getByTestId('ndv'));
		const params = await parametersBox(page);
		await shoot('image-to-text-parameters.png', params);
		await shoot('output-table.png', await besideOutputTable(params, output));
		await closeNode(page, inFlight);

		// 2: the Image to Word node.
		await openNode(page, inFlight, WORD_NODE);
		await readyToCapture(page, inFlight, page.getByTestId('ndv'));
		await shoot('image-to-word-parameters.png', await parametersBox(page));
		await closeNode(page, inFlight);

		// 4: the PDF to Text node, its parameters and its output table (one item per page).
		await openNode(page, inFlight, PDF_TEXT_NODE);
		const pdfOutput = page.getByTestId('output-panel');
		await pdfOutput.getByTestId('radio-button-table').click();
		await waitForPages(pdfOutput);
		await readyToCapture(page, inFlight, page.getByTestId('ndv'));
		await shoot('pdf-to-text.png', await besideOutputTable(await parametersBox(page), pdfOutput));
		await closeNode(page, inFlight);

		// 6: the nodes panel, searching for the node.
		await page.getByTestId('node-creator-plus-button').click();
		const creator = page.getByTestId('node-creator');
		await creator.waitFor();
		await page.getByTestId('node-creator-search-bar').fill('GuGuData');
		const item = creator.getByTestId('item-iterator-item').filter({ hasText: 'GuGuData' }).first();
		await item.waitFor();
		await waitForIcon(item);
		await page.mouse.move(5, 450);
		await readyToCapture(page, inFlight, creator, ['node-creator']);
		const creatorBox = await boxOf(creator, 'the nodes panel');
		const lastItem = await lowestBottom(creator.getByTestId('item-iterator-item'));
		await shoot('node-search.png', {
			x: creatorBox.x,
			y: creatorBox.y,
			width: creatorBox.width,
			height: Math.min(creatorBox.height, lastItem + 32 - creatorBox.y),
		});
		await page.keyboard.press('Escape');

		// 5: the credential dialog, after its Test (n8n tests on open; Retry tests again).
		await page.goto(`${BASE_URL}/home/credentials/${credential.id}`);
		const modal = page.getByTestId('editCredential-modal');
		await modal.waitFor();
		await settle(page, inFlight);
		const retry = modal.getByRole('button', { name: 'Retry' });
		if (await isShown(retry)) await retry.click();
		await modal
			.getByTestId('credentials-config-container-test-success')
			.waitFor({ timeout: 30_000 });
		await modal.getByText('Connection tested successfully').waitFor();
		await page.mouse.move(5, 880);
		await readyToCapture(page, inFlight, modal, ['editCredential-modal']);
		await shoot('credential.png', await boxOf(modal, 'the credential dialog'));

		log(`${shots.length} screenshots in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	} finally {
		if (api && tempWorkflowId && !KEEP) {
			await api
				.deleteWorkflow(tempWorkflowId)
				.catch((error) => log(`Could not delete workflow ${tempWorkflowId}: ${error}`));
		}
		await context?.close().catch(() => {});
		if (!KEEP) rmSync(profileDir, { recursive: true, force: true });
		await dev?.stop();
		process.off('SIGINT', stopOnSignal);
		process.off('SIGTERM', stopOnSignal);
	}
}

async function findDemoWorkflow(api: N8nApi): Promise<Workflow> {
	const listed = await api.listWorkflows();
	const demo =
		listed.find((w) => w.name === DEMO_WORKFLOW_NAME) ??
		listed.find((w) => w.name.startsWith('GuGuData demo'));
	if (!demo) {
		throw new Error(
			`No workflow "${DEMO_WORKFLOW_NAME}" in this n8n: it is imported by npm run dev`,
		);
	}
	return api.getWorkflow(demo.id);
}

/** The demo's Read/Write Files node that reads a file whose name ends in extension. */
function readNode(demo: Workflow, extension: string): WorkflowNode {
	const read = demo.nodes.find(
		(node) =>
			node.type === READ_FILE_TYPE &&
			String(node.parameters.fileSelector ?? '')
				.toLowerCase()
				.endsWith(extension),
	);
	if (!read)
		throw new Error(`"${demo.name}" has no Read/Write Files node reading a ${extension} file`);
	return read;
}

/**
 * Trigger -> the demo's Read Sample Image -> GuGuData Image to Text (per line) and Image to Word;
 * trigger -> the demo's Read Sample PDF -> GuGuData PDF to Text (per page).
 */
function screenshotWorkflow(demo: Workflow): Record<string, unknown> {
	const read = readNode(demo, '.png');
	const readPdf = readNode(demo, '.pdf');
	const credentials = demo.nodes.find(
		(node) => node.type === NODE_TYPE && node.credentials,
	)?.credentials;
	if (!credentials) throw new Error(`"${demo.name}" has no GuGuData node with a credential`);
	return {
		name: TEMP_WORKFLOW_NAME,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'c0a8f2e4-0001-4c3e-9d2b-5a1f00000001',
				name: TRIGGER,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{ ...read, id: 'c0a8f2e4-0002-4c3e-9d2b-5a1f00000002', position: [240, 0] },
			{ ...readPdf, id: 'c0a8f2e4-0005-4c3e-9d2b-5a1f00000005', position: [240, 360] },
			{
				id: 'c0a8f2e4-0003-4c3e-9d2b-5a1f00000003',
				name: TEXT_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [520, -120],
				credentials,
				parameters: {
					operation: 'imageToText',
					inputType: 'binary',
					binaryPropertyName: 'data',
					outputMode: 'perLine',
					options: { maxConcurrent: 5, retries: 3 },
				},
			},
			{
				id: 'c0a8f2e4-0004-4c3e-9d2b-5a1f00000004',
				name: WORD_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [520, 120],
				credentials,
				parameters: {
					operation: 'imageToWord',
					inputType: 'binary',
					binaryPropertyName: 'data',
					downloadWordFile: true,
					outputBinaryPropertyName: 'data',
					options: { fileName: 'sample-ocr' },
				},
			},
			{
				id: 'c0a8f2e4-0006-4c3e-9d2b-5a1f00000006',
				name: PDF_TEXT_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [520, 360],
				credentials,
				parameters: {
					operation: 'pdfToText',
					inputType: 'binary',
					binaryPropertyName: 'data',
					outputMode: 'perPage',
					options: { maxConcurrent: 5, retries: 3 },
				},
			},
		],
		connections: {
			[TRIGGER]: {
				main: [
					[
						{ node: read.name, type: 'main', index: 0 },
						{ node: readPdf.name, type: 'main', index: 0 },
					],
				],
			},
			[read.name]: {
				main: [
					[
						{ node: TEXT_NODE, type: 'main', index: 0 },
						{ node: WORD_NODE, type: 'main', index: 0 },
					],
				],
			},
			[readPdf.name]: { main: [[{ node: PDF_TEXT_NODE, type: 'main', index: 0 }]] },
		},
	};
}

async function openWorkflow(page: Page, inFlight: () => number, id: string): Promise<void> {
	await page.goto(`${BASE_URL}/workflow/${id}`);
	await page.waitForLoadState('networkidle');
	await page.getByTestId('canvas-node').first().waitFor();
	await settle(page, inFlight);
	const closed = await dismissInterruptions(page);
	if (closed.length > 0) log(`Closed: ${closed.join(', ')}`);
}

/** Clicks "Execute workflow" and waits until the three GuGuData nodes ran successfully. */
async function executeWorkflow(page: Page, inFlight: () => number): Promise<void> {
	await page.getByTestId('execute-workflow-button').click();
	for (const name of [TRIGGER, TEXT_NODE, WORD_NODE, PDF_TEXT_NODE]) {
		const node = canvasNode(page, name);
		const result = await Promise.race([
			node
				.getByTestId('canvas-node-status-success')
				.waitFor({ timeout: 60_000 })
				.then(() => 'success'),
			node
				.getByTestId('canvas-node-status-error')
				.waitFor({ timeout: 60_000 })
				.then(() => 'error'),
		]);
		if (result !== 'success') throw new Error(`The node "${name}" failed in the editor's run`);
	}
	await settle(page, inFlight);
	await dismissInterruptions(page);
	log('Workflow executed in the editor');
}

/**
 * Waits until the output table shows sample.pdf's pages, one row each: the page's lines, its
 * pageNumber and the pageCount.
 */
async function waitForPages(output: Locator): Promise<void> {
	for (const header of ['text', 'pageNumber', 'pageCount']) {
		await output.locator('table th', { hasText: header }).first().waitFor();
	}
	const exactly = (text: string) => new RegExp(`^\\s*${text}\\s*$`);
	for (const [index, pageText] of SAMPLE_PDF_PAGES.entries()) {
		// n8n's table marks a line break with a visible "\n".
		const lines = pageText.split('\n').join(String.raw`(?:\s|\\n)+`);
		await output
			.locator('table tbody tr')
			.filter({ has: output.page().locator('td', { hasText: exactly(lines) }) })
			.filter({ has: output.page().locator('td', { hasText: exactly(String(index + 1)) }) })
			.filter({
				has: output.page().locator('td', { hasText: exactly(String(SAMPLE_PDF_PAGES.length)) }),
			})
			.first()
			.waitFor();
	}
}

function canvasNode(page: Page, name: string) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
}

async function openNode(page: Page, inFlight: () => number, name: string): Promise<void> {
	await canvasNode(page, name).getByTestId('canvas-default-node').dblclick();
	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	await ndv.getByTestId('node-parameters').waitFor();
	await ndv.getByTestId('inline-edit-preview').filter({ hasText: name }).first().waitFor();
	await settle(page, inFlight);
}

async function closeNode(page: Page, inFlight: () => number): Promise<void> {
	// n8n 1.x has a "Back to canvas" button; 2.x's panel has none and closes on Escape.
	const back = page.getByTestId('back-to-canvas');
	if (await back.isVisible()) await back.click();
	else await page.keyboard.press('Escape');
	await page.getByTestId('ndv').waitFor({ state: 'hidden' });
	await settle(page, inFlight);
}

/** Closes anything in the way, parks the mouse, waits for idle, and checks for spinners. */
async function readyToCapture(
	page: Page,
	inFlight: () => number,
	scope: Locator,
	keep: string[] = ['ndv'],
): Promise<void> {
	const closed = await dismissInterruptions(page, keep);
	if (closed.length > 0) log(`Closed: ${closed.join(', ')}`);
	// The dark backdrop above the NDV: no hover effects there.
	if (keep.includes('ndv')) await page.mouse.move(700, 8);
	await settle(page, inFlight);
	await assertNoSpinner(scope, 'the capture');
}

/** The NDV's parameters panel, from its title bar to just below the last parameter. */
async function parametersBox(page: Page) {
	const ndv = page.getByTestId('ndv');
	const panel = ndv.locator('.node-settings');
	const box = await boxOf(panel, 'the parameters panel');
	const bottom = await lowestBottom(
		ndv.getByTestId('node-parameters').getByTestId('parameter-item'),
	);
	// One pixel wider on each side keeps the panel's border.
	return { x: box.x - 1, y: box.y - 1, width: box.width + 2, height: bottom + 20 - (box.y - 1) };
}

/** The parameters box widened to the output panel's right edge and down to its table's end. */
async function besideOutputTable(params: Box, output: Locator): Promise<Box> {
	const outputBox = await boxOf(output, 'the output panel');
	const tableBottom = await lowestBottom(output.locator('table'));
	return {
		x: params.x,
		y: params.y,
		width: outputBox.x + outputBox.width - params.x,
		height: Math.max(params.height, tableBottom + 16 - params.y),
	};
}

/** Waits until the node icon in a nodes-panel item has loaded. */
async function waitForIcon(item: Locator): Promise<void> {
	const img = item.locator('img').first();
	if ((await img.count()) === 0) return;
	await img.evaluate(
		`(img) => img.complete && img.naturalWidth > 0 ? true : new Promise((done) => { img.addEventListener('load', done, { once: true }); img.addEventListener('error', done, { once: true }); })`,
	);
}

main().catch((error) => {
	console.error(`[screenshots] FAILED: ${error instanceof Error ? error.message : error}`);
	process.exitCode = 1;
});
