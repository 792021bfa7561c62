/** Shared by the imageToWord*.test.ts files: parameters, request-log views and leak checks. */
import type { INodeExecutionData } from 'n8n-workflow';

import { readBinary } from '../harness';
import { readDocxText } from '../fixtures/docx';
import type { ForcedOutcome, GuGuServer, Platform, RequestLogEntry } from '../server';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Image to Word parameters, unpaced: these tests are about documents, names and messages, and the
 * local servers enforce no rate. At the default 5 per second every request would wait its turn
 * behind the file's previous one (the address's budget outlives each run), 200 to 400 ms each.
 */
export const wordParams = (extra: Record<string, unknown> = {}) => ({
	operation: 'imageToWord',
	...extra,
	options: { requestsPerSecond: 100, ...(extra.options as Record<string, unknown> | undefined) },
});

export const apiRequests = (server: GuGuServer): RequestLogEntry[] =>
	server.requests.filter((entry) => entry.area === 'api');

export const fileRequests = (server: GuGuServer): RequestLogEntry[] =>
	server.requests.filter((entry) => entry.area === 'files');

export const assetRequests = (server: GuGuServer): RequestLogEntry[] =>
	server.requests.filter((entry) => entry.area === 'assets');

/** The file name at the end of a Word link: on gugudata.io, the `filename` field the node sent. */
export function nameInLink(url: unknown): string {
	const last = new URL(String(url)).pathname.split('/').pop() ?? '';
	return decodeURIComponent(last);
}

/** The paragraphs of the .docx in an output item's binary property. */
export async function docxLines(item: INodeExecutionData, property = 'data'): Promise<string[]> {
	return readDocxText(await readBinary(item, property));
}

/**
 * The default output of a Word operation for the first input item: `{ wordFileUrl, fileName }`
 * with the link on the server, and in `data` exactly the file GuGuData produced, holding `lines`.
 */
export async function expectWordItem(
	item: INodeExecutionData,
	server: GuGuServer,
	fileName: string,
	lines: string[],
): Promise<void> {
	expect(item.json).toEqual({
		wordFileUrl: expect.stringMatching(new RegExp(`^${server.origin}/files/[0-9a-f]+/`)),
		fileName,
	});
	expect(item.pairedItem).toEqual({ item: 0 });
	expect(Object.keys(item.binary ?? {})).toEqual(['data']);
	expect(item.binary?.data).toMatchObject({
		mimeType: DOCX_MIME,
		fileExtension: 'docx',
		fileName,
	});
	expect(await docxLines(item)).toEqual(lines);
	expect((await readBinary(item)).equals(server.fileBytes(String(item.json.wordFileUrl))!)).toBe(
		true,
	);
}

/** A success answer from ocr2word carrying the given Word link, in the platform's dialect. */
export function wordLinkAnswer(platform: Platform, url: string | null): ForcedOutcome {
	return platform === 'international'
		? { status: 200, data: url === null ? null : { wordPath: url } }
		: { code: 100, data: url === null ? null : { ResultWordFileUrl: url } };
}

/** Downloads of Word links and image URLs (/files, /assets) never carry the AppKey. */
export function expectNoKeyOffApi(server: GuGuServer): void {
	const offApi = server.requests.filter(
		(entry) => entry.area === 'files' || entry.area === 'assets',
	);
	for (const entry of offApi) {
		expect(entry.appKeyPresent).toBe(false);
		expect(entry.rawQuery ?? '').not.toContain(server.appKey);
		expect(JSON.stringify(entry.headers ?? {})).not.toContain(server.appKey);
	}
}
