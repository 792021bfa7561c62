/**
 * Shared by the bad-input and API-misbehaviour tables: one row is one way an item can fail, with
 * the exact message the node must give. Each row runs twice: alone without Continue On Fail (the
 * run fails with that message), and in the middle of a batch of three with Continue On Fail (the
 * two good items succeed, the bad one becomes an error item paired with its input).
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { makePdf, makePng } from '../fixtures/images';
import type { BinaryMode, InputItem, WorkflowRunResult } from '../harness';
import { runWorkflow } from '../harness';
import type { ForcedOutcome, GuGuServer, Platform, RequestLogEntry } from '../server';
import { sha256Hex } from '../server';
import type { Servers } from './servers';
import { binaryItem } from './servers';

export type InputType = 'binary' | 'url' | 'base64';

export interface TableRow {
	name: string;
	platform: Platform;
	input: InputType;
	/** The bad item (registering its forced outcome on the server if it needs one). */
	bad: (server: GuGuServer) => InputItem;
	/**
	 * Node parameters beyond inputType and the mapped URL / base64 fields; the operation is Image to
	 * Text (one item per line) unless they set PDF to Text, whose good items are PDFs.
	 */
	parameters?: IDataObject;
	/** The node's type, when not the GuGuData node itself (its AI tool type, say). */
	nodeType?: string;
	/** Binary property of the good items (default data). */
	goodProperty?: string;
	/** The exact error message. */
	message: string;
	/** Text the description must contain: the advice that lets the user act. */
	advice: string[];
	/** The error's httpCode; absent when the node never got an answer. */
	httpCode?: string;
	/** API requests the bad item causes: 0 = refused before anything reached GuGuData. */
	apiRequests: number;
}

export const GOOD_LINES: Record<number, string[]> = {
	0: ['GOOD 0 A', 'GOOD 0 B'],
	2: ['GOOD 2'],
};

const goodPng = (index: number) => makePng(`table-good-${index}`);
/** A one-page PDF whose page holds the good image's lines. */
const goodPdf = (index: number) => makePdf(`table-good-${index}`);
const GOOD_HASHES = new Set(
	[0, 2].flatMap((index) => [sha256Hex(goodPng(index)), sha256Hex(goodPdf(index))]),
);

/** Registers the two good images' and PDFs' lines (the servers share one fixture registry). */
export function registerGoodImages(servers: Servers): void {
	for (const index of [0, 2]) {
		servers.international.fixtures.register(goodPng(index), { lines: GOOD_LINES[index] });
		servers.international.fixtures.register(goodPdf(index), {
			pages: [GOOD_LINES[index].join('\n')],
		});
	}
}

const isPdfRow = (row: TableRow) => row.parameters?.operation === 'pdfToText';

/** A bad binary item whose image the server answers with `outcome` (registered on first use). */
export function forcedImage(name: string, outcome: ForcedOutcome) {
	return (server: GuGuServer): InputItem => {
		const bytes = makePng(`table-bad-${name}`);
		server.fixtures.register(bytes, outcome);
		return binaryItem(bytes, 'bad.png');
	};
}

/** A bad binary item carrying these bytes. */
export function fileItem(bytes: Buffer, fileName: string, mimeType: string) {
	return () => binaryItem(bytes, fileName, mimeType);
}

/** A bad URL item: the URL may depend on the server (its /assets routes). */
export function urlItem(url: string | ((server: GuGuServer) => string)) {
	return (server: GuGuServer): InputItem => ({
		json: { url: typeof url === 'string' ? url : url(server) },
	});
}

/** A bad base64 item. */
export function base64Item(base64: string) {
	return (): InputItem => ({ json: { b64: base64 } });
}

function goodItem(row: TableRow, server: GuGuServer, index: number): InputItem {
	const [bytes, extension, mimeType] = isPdfRow(row)
		? [goodPdf(index), 'pdf', 'application/pdf']
		: [goodPng(index), 'png', 'image/png'];
	const fileName = `good-${index}.${extension}`;
	if (row.input === 'url') {
		return { json: { url: server.hostFile(`table/${fileName}`, bytes, mimeType) } };
	}
	if (row.input === 'base64') return { json: { b64: bytes.toString('base64') } };
	return binaryItem(bytes, fileName, mimeType, row.goodProperty ?? 'data');
}

/**
 * The rows are about messages, not pacing: the local servers enforce no rate here, so the node may
 * send at 100 per second instead of spacing its few requests 200 ms apart.
 */
const UNPACED = { requestsPerSecond: 100 };

function parametersFor(row: TableRow): INodeParameters {
	const options = (row.parameters?.options ?? {}) as IDataObject;
	const [url, base64] = isPdfRow(row) ? ['pdfUrl', 'pdfBase64'] : ['imageUrl', 'imageBase64'];
	return {
		operation: 'imageToText',
		inputType: row.input,
		...(isPdfRow(row) && { outputMode: 'perLine' }),
		...(row.input === 'url' && { [url]: '={{ $json.url }}' }),
		...(row.input === 'base64' && { [base64]: '={{ $json.b64 }}' }),
		...row.parameters,
		options: { ...UNPACED, ...options },
	};
}

/** A request the node gave up on (a timeout) is logged once the server notices: wait for that. */
export async function settled(server: GuGuServer): Promise<void> {
	for (let waited = 0; server.stats.inFlight > 0 && waited < 5000; waited += 10) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** API requests that did not come from one of the good images. */
export function badApiRequests(server: GuGuServer): RequestLogEntry[] {
	return server.requests.filter(
		(entry) => entry.area === 'api' && !(entry.imageSha256 && GOOD_HASHES.has(entry.imageSha256)),
	);
}

export interface RowRuns {
	alone: WorkflowRunResult;
	batch: WorkflowRunResult;
}

/** The error item Continue On Fail must produce for the row. */
function expectedErrorJson(row: TableRow, description: string) {
	return {
		error: row.message,
		description,
		...(row.httpCode !== undefined && { httpCode: row.httpCode }),
	};
}

const shape = (items: INodeExecutionData[]) =>
	items.map((item) => ({ json: item.json, pairedItem: item.pairedItem }));

/** Runs a row both ways and checks everything the table promises. */
export async function checkRow(
	servers: Servers,
	row: TableRow,
	binaryMode?: BinaryMode,
): Promise<RowRuns> {
	const server = servers[row.platform];
	const credentials = servers.credentials(row.platform);
	const parameters = parametersFor(row);

	// 1. Alone, without Continue On Fail: the run fails with the exact message.
	server.reset();
	const alone = await runWorkflow({
		nodeType: row.nodeType,
		parameters,
		credentials,
		items: [row.bad(server)],
		binaryMode,
	});
	expect(alone.status).toBe('error');
	expect(alone.items).toEqual([]);
	expect(alone.nodeError?.message).toBe(row.message);
	const description = String(alone.nodeError?.description ?? '');
	for (const advice of row.advice) expect(description).toContain(advice);
	expect((alone.nodeError as { httpCode?: string | null } | undefined)?.httpCode ?? undefined).toBe(
		row.httpCode,
	);
	await settled(server);
	expect(badApiRequests(server)).toHaveLength(row.apiRequests);
	expect(alone.serialized).not.toContain(server.appKey);

	// 2. In the middle of a batch of three with Continue On Fail.
	server.reset();
	const batch = await runWorkflow({
		nodeType: row.nodeType,
		parameters,
		credentials,
		items: [goodItem(row, server, 0), row.bad(server), goodItem(row, server, 2)],
		binaryMode,
		continueOnFail: true,
	});
	expect(batch.status).toBe('success');
	// A PDF's lines also carry their page: page 1 on gugudata.io; gugudata.com shows no pages.
	const page = isPdfRow(row) && { pageNumber: row.platform === 'international' ? 1 : null };
	const lineItem = (index: number) =>
		GOOD_LINES[index].map((text, line) => ({
			json: { text, lineNumber: line + 1, lineCount: GOOD_LINES[index].length, ...page },
			pairedItem: { item: index },
		}));
	expect(shape(batch.items)).toEqual([
		...lineItem(0),
		{ json: expectedErrorJson(row, description), pairedItem: { item: 1 } },
		...lineItem(2),
	]);
	await settled(server);
	expect(badApiRequests(server)).toHaveLength(row.apiRequests);
	expect(batch.serialized).not.toContain(server.appKey);
	return { alone, batch };
}
