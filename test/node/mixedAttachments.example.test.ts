/**
 * examples/email-attachments-images-and-pdfs-to-sheet.json must keep importing and working: its
 * Code node makes one item per attachment, its Switch sends PDFs to PDF to Text and images to Image
 * to Text (and anything else to the failure sheet), and both GuGuData nodes, run with exactly their
 * parameters and On Error on such items, give what the sheets read. The nodes around ours are not
 * loaded here: the Code node's own code runs on IMAP-like items, and the Switch's rules are
 * evaluated as n8n does for the few operators they use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { makeGif, makeJpeg } from '../fixtures/images';
import { makeTextPdf } from '../fixtures/pdfs';
import { GUGUDATA_NODE_TYPE, REPO_ROOT, runWorkflow } from '../harness';
import type { InputItem, WorkflowRunResult } from '../harness';
import { apiRequests } from './pdf.helpers';
import { PLATFORMS, startServers } from './servers';
import type { Servers } from './servers';

interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, any>;
	onError?: string;
}

interface Example {
	nodes: ExampleNode[];
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	>;
}

const example = JSON.parse(
	readFileSync(
		join(REPO_ROOT, 'examples', 'email-attachments-images-and-pdfs-to-sheet.json'),
		'utf8',
	),
) as Example;

const node = (name: string) => {
	const found = example.nodes.find((entry) => entry.name === name);
	expect(found).toBeDefined();
	return found as ExampleNode;
};
const TRIGGER = 'Email Trigger (IMAP)';
const SPLIT = 'One Item per Attachment';
const SWITCH = 'Image or PDF?';
const PDF_NODE = 'GuGuData PDF to Text';
const IMAGE_NODE = 'GuGuData Image to Text';
const LINES_SHEET = 'Append Lines to Sheet';
const FAILURE_SHEET = 'Append Failure to Sheet';

test('the workflow is wired: split, switch, the two operations, the two sheets', () => {
	const edges = Object.entries(example.connections).flatMap(([from, { main }]) =>
		main.flatMap((targets, output) =>
			targets.map((target) => `${from} ${output} -> ${target.node}`),
		),
	);
	expect(edges.sort()).toEqual(
		[
			`${TRIGGER} 0 -> ${SPLIT}`,
			`${SPLIT} 0 -> ${SWITCH}`,
			`${SWITCH} 0 -> ${PDF_NODE}`,
			`${SWITCH} 1 -> ${IMAGE_NODE}`,
			`${SWITCH} 2 -> ${FAILURE_SHEET}`,
			`${PDF_NODE} 0 -> ${LINES_SHEET}`,
			`${PDF_NODE} 1 -> ${FAILURE_SHEET}`,
			`${IMAGE_NODE} 0 -> ${LINES_SHEET}`,
			`${IMAGE_NODE} 1 -> ${FAILURE_SHEET}`,
		].sort(),
	);
	for (const name of [PDF_NODE, IMAGE_NODE]) {
		expect(node(name)).toMatchObject({ type: GUGUDATA_NODE_TYPE, onError: 'continueErrorOutput' });
	}
	expect(node(PDF_NODE).parameters).toMatchObject({ operation: 'pdfToText', inputType: 'binary' });
	expect(node(IMAGE_NODE).parameters).toMatchObject({
		operation: 'imageToText',
		inputType: 'binary',
	});
	// The Switch's third output exists only with the fallback output on.
	expect(node(SWITCH).parameters.options).toMatchObject({ fallbackOutput: 'extra' });
	expect(node(TRIGGER).parameters).toMatchObject({ format: 'simple', downloadAttachments: true });
});

// Emails as the Email Trigger (simple format, attachments downloaded) emits them.
type File = Pick<IBinaryData, 'fileName' | 'mimeType'> & { data: Buffer };
type Email = { json: IDataObject; binary?: Record<string, File> };

/** The Code node's own code, run on `emails` with n8n's `$input`. */
function splitAttachments(emails: Email[]) {
	const code = String(node(SPLIT).parameters.jsCode);
	const run = new Function('$input', code) as (input: { all: () => typeof emails }) => Array<{
		json: IDataObject;
		binary: { data: File };
		pairedItem: { item: number };
	}>;
	return run({ all: () => emails });
}

/** `{{ $binary.data.<field> ?? '' }}` as n8n renders it for an item: the only kind the rules use. */
function leftValue(expression: string, file: File): string {
	const match = /^=\{\{ \$binary\.data\.(\w+)(?: \?\? '')? \}\}$/.exec(expression);
	expect({ expression, understood: !!match }).toEqual({ expression, understood: true });
	return String((file as unknown as Record<string, unknown>)[match![1]] ?? '');
}

/** The Switch output an attachment goes to: the first rule that matches, else the fallback. */
function route(file: File): number {
	const { rules, options } = node(SWITCH).parameters;
	const ignoreCase = options.ignoreCase !== false;
	const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
	const values = rules.values as Array<{ conditions: Record<string, any> }>;
	const matched = values.findIndex(({ conditions }) => {
		const results = (conditions.conditions as Array<Record<string, any>>).map((condition) => {
			const left = fold(leftValue(condition.leftValue, file));
			const right = fold(String(condition.rightValue));
			const operation = condition.operator.operation as string;
			expect(['equals', 'startsWith', 'endsWith']).toContain(operation);
			if (operation === 'equals') return left === right;
			return operation === 'startsWith' ? left.startsWith(right) : left.endsWith(right);
		});
		return conditions.combinator === 'or' ? results.some(Boolean) : results.every(Boolean);
	});
	return matched === -1 ? values.length : matched;
}

let servers: Servers;
let contract: Buffer;
let invoice: Buffer;
const receipt = makeJpeg('mixed-receipt');

beforeAll(async () => {
	servers = await startServers();
	contract = await makeTextPdf(['CONTRACT 7\nPage one', 'Page two'], { title: 'mixed contract' });
	invoice = await makeTextPdf(['INVOICE 8'], { title: 'mixed invoice' });
	servers.international.fixtures.register(contract, {
		pages: ['CONTRACT 7\nPage one', 'Page two'],
	});
	servers.international.fixtures.register(invoice, { pages: ['INVOICE 8'] });
	servers.international.fixtures.register(receipt, { lines: ['RECEIPT', 'TOTAL 12.80'] });
});
afterAll(async () => await servers.close());

const emails = (): Email[] => [
	{
		json: { from: 'Alice <alice@example.com>', subject: 'Contract and receipt' },
		binary: {
			attachment_0: { data: contract, fileName: 'contract.pdf', mimeType: 'application/pdf' },
			attachment_1: { data: receipt, fileName: 'receipt.jpg', mimeType: 'image/jpeg' },
		},
	},
	{
		// A mail client that labels the PDF as unknown bytes: its name routes it.
		json: { from: 'Bob <bob@example.com>', subject: 'Invoice' },
		binary: {
			attachment_0: {
				data: invoice,
				fileName: 'Invoice.PDF',
				mimeType: 'application/octet-stream',
			},
		},
	},
	{
		json: { from: 'Carol <carol@example.com>', subject: 'Misc' },
		binary: {
			attachment_0: { data: makeGif('mixed'), fileName: 'smile.gif', mimeType: 'image/gif' },
			attachment_1: { data: Buffer.from('notes'), fileName: 'notes.txt', mimeType: 'text/plain' },
		},
	},
];

test('the Code node gives one item per attachment, with the email beside it and paired', () => {
	const items = splitAttachments(emails());
	expect(
		items.map((item) => [item.json.attachment, item.json.subject, item.pairedItem.item]),
	).toEqual([
		['contract.pdf', 'Contract and receipt', 0],
		['receipt.jpg', 'Contract and receipt', 0],
		['Invoice.PDF', 'Invoice', 1],
		['smile.gif', 'Misc', 2],
		['notes.txt', 'Misc', 2],
	]);
	expect(items.every((item) => Buffer.isBuffer(item.binary.data.data))).toBe(true);
});

test('the Switch sends PDFs (by type or name) to PDF to Text, images to Image to Text', () => {
	const outputs = splitAttachments(emails()).map((item) => route(item.binary.data));
	// contract.pdf, receipt.jpg, Invoice.PDF (octet-stream), smile.gif, notes.txt.
	expect(outputs).toEqual([0, 1, 0, 1, 2]);
});

test('the sheets read fields the GuGuData nodes and the Code node give', () => {
	const lines = node(LINES_SHEET).parameters.columns.value as Record<string, string>;
	expect(lines).toMatchObject({
		text: '={{ $json.text }}',
		lineNumber: '={{ $json.lineNumber }}',
		pageNumber: "={{ $json.pageNumber ?? '' }}",
		subject: `={{ $('${SPLIT}').item.json.subject }}`,
		attachment: `={{ $('${SPLIT}').item.json.attachment }}`,
	});
	const failures = node(FAILURE_SHEET).parameters.columns.value as Record<string, string>;
	expect(failures).toMatchObject({
		attachment: '={{ $json.attachment }}',
		error: "={{ $json.error ?? 'Neither an image nor a PDF' }}",
		message: "={{ $json.message ?? '' }}",
	});
});

describe.each(PLATFORMS)("the GuGuData nodes with the example's parameters on %s", (platform) => {
	const routed = (output: number): InputItem[] =>
		splitAttachments(emails())
			.filter((item) => route(item.binary.data) === output)
			.map(({ json, binary }) => ({ json, binary }));
	const run = (name: string, items: InputItem[]) => {
		const gugu = node(name);
		return runWorkflow({
			nodeType: gugu.type,
			typeVersion: gugu.typeVersion,
			nodeName: gugu.name,
			parameters: gugu.parameters,
			onError: gugu.onError as never,
			credentials: servers.credentials(platform),
			items,
		});
	};
	let pdfRun: WorkflowRunResult;
	let imageRun: WorkflowRunResult;

	beforeAll(async () => {
		servers[platform].reset();
		pdfRun = await run(PDF_NODE, routed(0));
		imageRun = await run(IMAGE_NODE, routed(1));
	});

	test('PDF to Text: a line per item, with its page where the platform shows pages', () => {
		const known = platform === 'international';
		expect(pdfRun.output(PDF_NODE, 0).map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{ text: 'CONTRACT 7', lineNumber: 1, lineCount: 3, pageNumber: known ? 1 : null },
				{ item: 0 },
			],
			[
				{ text: 'Page one', lineNumber: 2, lineCount: 3, pageNumber: known ? 1 : null },
				{ item: 0 },
			],
			[
				{ text: 'Page two', lineNumber: 3, lineCount: 3, pageNumber: known ? 2 : null },
				{ item: 0 },
			],
			[
				{ text: 'INVOICE 8', lineNumber: 1, lineCount: 1, pageNumber: known ? 1 : null },
				{ item: 1 },
			],
		]);
		expect(pdfRun.output(PDF_NODE, 1)).toEqual([]);
	});

	test('Image to Text: the receipt read, the GIF on the error output with the email fields', () => {
		expect(imageRun.output(IMAGE_NODE, 0).map((item) => item.json.text)).toEqual([
			'RECEIPT',
			'TOTAL 12.80',
		]);
		const [failed] = imageRun.output(IMAGE_NODE, 1);
		expect(failed.json).toEqual({
			subject: 'Misc',
			from: 'Carol <carol@example.com>',
			attachment: 'smile.gif',
			error: 'The file "smile.gif" is a GIF image, not an image GuGuData can read',
			message: 'GuGuData reads JPEG, PNG, WebP, TIFF and BMP images.',
		});
		// Two PDFs and one image reached GuGuData; the GIF cost nothing.
		expect(apiRequests(servers[platform])).toHaveLength(3);
	});
});
