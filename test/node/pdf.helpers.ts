/** Shared by the PDF operation tests: the PDFs they send, made once per test file, and requests. */
import type { INodeParameters } from 'n8n-workflow';

import { makeScanPdf, makeTextPdf } from '../fixtures/pdfs';
import type { GuGuServer, RequestLogEntry } from '../server';
import type { Servers } from './servers';

export const CONTRACT_PAGES = [
	'CONTRACT No. 2026-17\nBetween ACME Ltd and Globex AG',
	'Payment within 30 days\nTotal\t1,280.00 EUR',
	'Signed & sealed <on time>',
];
export const CHINESE_PAGES = [
	'咕咕数据 合同\n金额: ¥ 1,280.00 元',
	'Mixed 中文 and English 第二页',
];
export const SCAN_PAGES = ['SCANNED INVOICE 42\nTOTAL 99.00'];
export const RESTRICTED_PAGES = ['Copying is not allowed'];

export interface TestPdfs {
	/** Three pages of English text. */
	contract: Buffer;
	/** Two pages of Chinese and mixed text, in an embedded Noto Sans SC subset. */
	chinese: Buffer;
	/** A page that is a picture: no text layer. */
	scan: Buffer;
	/** Encrypted with an owner password only: opens without one, copying restricted. */
	restricted: Buffer;
	/** Encrypted with a user password: GuGuData (the local server) refuses it. */
	locked: Buffer;
}

export async function makeTestPdfs(): Promise<TestPdfs> {
	return {
		contract: await makeTextPdf(CONTRACT_PAGES, { title: 'contract' }),
		chinese: await makeTextPdf(CHINESE_PAGES, { title: 'chinese' }),
		scan: await makeScanPdf(SCAN_PAGES),
		restricted: await makeTextPdf(RESTRICTED_PAGES, { ownerPassword: 'owner' }),
		locked: await makeTextPdf(['Top secret'], { userPassword: 'open sesame' }),
	};
}

/** What each PDF reads (the locked one is left unregistered: the server refuses it). */
export function registerPdfs(servers: Servers, pdfs: TestPdfs): void {
	const { fixtures } = servers.international;
	fixtures.register(pdfs.contract, { pages: CONTRACT_PAGES });
	fixtures.register(pdfs.chinese, { pages: CHINESE_PAGES });
	fixtures.register(pdfs.scan, { pages: SCAN_PAGES });
	fixtures.register(pdfs.restricted, { pages: RESTRICTED_PAGES });
}

/**
 * The node's parameters for a PDF operation. These tests are about what the node sends and outputs,
 * not pacing: the local servers enforce no rate, so the node may send at 100 per second.
 */
export const pdfParams = (
	operation: 'pdfToText' | 'pdfToWord',
	extra: INodeParameters = {},
): INodeParameters => ({
	operation,
	...extra,
	options: { requestsPerSecond: 100, ...(extra.options as INodeParameters | undefined) },
});

export const apiRequests = (server: GuGuServer): RequestLogEntry[] =>
	server.requests.filter((entry) => entry.area === 'api');

/** The multipart field each platform takes the PDF in. */
export const PDF_FIELD = { international: 'file', china: 'pdffile' } as const;

/** One input item carrying a PDF in a binary property. */
export function pdfItem(bytes: Buffer, fileName = 'contract.pdf', property = 'data') {
	return {
		json: { fileName },
		binary: { [property]: { data: bytes, fileName, mimeType: 'application/pdf' } },
	};
}
