/** The local server's PDF endpoints, pdf2text and pdf2word, in both dialects. */
import { readDocxText } from '../fixtures/docx';
import { makePng } from '../fixtures/images';
import { makeScanPdf, makeTextPdf } from '../fixtures/pdfs';
import { readSamplePdf } from '../fixtures/sample';
import { FixtureRegistry, startGuGuServer, type GuGuServer } from './index';
import { isEncryptedPdf } from './pdf';

const KEY = 'PDF-TEST-KEY';
const PAGES = ['Contract page 1\nParties', 'Page 2: 咕咕数据', 'Signed'];

let intl: GuGuServer;
let china: GuGuServer;
const registry = new FixtureRegistry();
let contract: Buffer;
let locked: Buffer;
let restricted: Buffer;

beforeAll(async () => {
	intl = await startGuGuServer({ platform: 'international', keys: [KEY], fixtures: registry });
	china = await startGuGuServer({ platform: 'china', keys: [KEY], fixtures: registry });
	contract = await makeTextPdf(PAGES);
	locked = await makeTextPdf(['Secret'], { userPassword: 'open sesame' });
	restricted = await makeTextPdf(['No copying'], { ownerPassword: 'owner' });
	registry.register(contract, { pages: PAGES });
	registry.register(restricted, { pages: ['No copying'] });
});
afterAll(async () => await Promise.all([intl.close(), china.close()]));
beforeEach(() => {
	intl.reset();
	china.reset();
	china.setOptions({ chinaPdfPages: 'joined' });
});

function pdfForm(field: string, bytes: Uint8Array, extra: Record<string, string> = {}): FormData {
	const form = new FormData();
	form.append(field, new Blob([bytes], { type: 'application/pdf' }), 'contract.pdf');
	for (const [name, value] of Object.entries(extra)) form.append(name, value);
	return form;
}

async function post(url: string, body: FormData | URLSearchParams) {
	const response = await fetch(url, { method: 'POST', body });
	return { status: response.status, json: (await response.json()) as any };
}

describe('pdfkit fixtures', () => {
	it('are PDFs; the encrypted ones, and only they, carry /Encrypt', async () => {
		for (const pdf of [contract, locked, restricted, await makeScanPdf(['SCAN'])]) {
			expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		}
		expect([contract, locked, restricted].map(isEncryptedPdf)).toEqual([false, true, true]);
	});

	it('the asset host serves the sample PDF as application/pdf', async () => {
		const response = await fetch(intl.assetUrl('_canned/sample.pdf'));
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await response.arrayBuffer()).equals(readSamplePdf())).toBe(true);
	});
});

describe('international', () => {
	it('pdf2text: the key first, then the file field', async () => {
		expect((await post(intl.endpointUrl('pdf2text', null), pdfForm('file', contract))).status).toBe(
			401,
		);
		const wrongField = await post(intl.endpointUrl('pdf2text'), pdfForm('pdffile', contract));
		expect(wrongField).toMatchObject({ status: 400, json: { dataStatus: { statusCode: 400 } } });
		expect(wrongField.json.dataStatus.statusDescription).toBe('file is required.');
	});

	it('pdf2text: one resultText entry per page, text all pages joined', async () => {
		const res = await post(intl.endpointUrl('pdf2text'), pdfForm('file', contract));
		expect(res.status).toBe(200);
		expect(res.json.data).toEqual({ resultText: PAGES, text: PAGES.join('\n') });
		expect(intl.requests.at(-1)).toMatchObject({
			endpoint: 'pdf2text',
			files: [expect.objectContaining({ field: 'file', name: 'contract.pdf' })],
		});
	});

	it('pdf2word: a real .docx of the pages, named after filename or result.docx', async () => {
		const named = await post(
			intl.endpointUrl('pdf2word'),
			pdfForm('file', contract, { filename: 'Contract 2026' }),
		);
		expect(named.json.data.wordPath).toMatch(/\/Contract%202026\.docx$/);
		const docx = intl.fileBytes(named.json.data.wordPath)!;
		expect(readDocxText(docx)).toEqual(PAGES.flatMap((page) => page.split('\n')));
		const unnamed = await post(intl.endpointUrl('pdf2word'), pdfForm('file', contract));
		expect(unnamed.json.data.wordPath).toMatch(/\/result\.docx$/);
	});

	it('refuses what is not a PDF (415), an empty file and a locked PDF (400)', async () => {
		const url = intl.endpointUrl('pdf2text');
		expect((await post(url, pdfForm('file', makePng('not-a-pdf')))).status).toBe(415);
		expect((await post(url, pdfForm('file', new Uint8Array(0)))).status).toBe(400);
		const refused = await post(url, pdfForm('file', locked));
		expect(refused.status).toBe(400);
		expect(refused.json.dataStatus.statusDescription).toBe('The PDF is password-protected.');
		// Registered, an encrypted PDF is one that opens without a password.
		expect((await post(url, pdfForm('file', restricted))).json.data.resultText).toEqual([
			'No copying',
		]);
	});

	it('a forced outcome answers for a PDF as for an image', async () => {
		const big = await makeTextPdf(['big'], { title: 'forced 413' });
		registry.register(big, { status: 413 });
		expect((await post(intl.endpointUrl('pdf2text'), pdfForm('file', big))).status).toBe(413);
	});
});

describe('China', () => {
	it('pdf2text: the key first (code 104), multipart only (415)', async () => {
		const noKey = await post(china.endpointUrl('pdf2text', null), pdfForm('pdffile', contract));
		expect(noKey.json.DataStatus.StatusCode).toBe(104);
		const form = await post(
			china.endpointUrl('pdf2text'),
			new URLSearchParams({ pdffile: contract.toString('base64') }),
		);
		expect(form.status).toBe(415);
	});

	it('pdf2text: the whole text as one string, from pdffile or file', async () => {
		for (const field of ['pdffile', 'file']) {
			const res = await post(china.endpointUrl('pdf2text'), pdfForm(field, contract));
			expect(res.json.DataStatus.StatusCode).toBe(100);
			expect(res.json.Data).toBe(PAGES.join('\n'));
		}
		expect(china.requests.map((entry) => entry.files[0].field)).toEqual(['pdffile', 'file']);
	});

	it('pdf2text with chinaPdfPages formFeeds: every page ends with a form feed', async () => {
		china.setOptions({ chinaPdfPages: 'formFeeds' });
		const res = await post(china.endpointUrl('pdf2text'), pdfForm('pdffile', contract));
		expect(res.json.Data).toBe(`${PAGES.join('\f')}\f`);
	});

	it('pdf2word: a public link with storage=public, a file id otherwise', async () => {
		const open = await post(
			china.endpointUrl('pdf2word'),
			pdfForm('pdffile', contract, { storage: 'public' }),
		);
		expect(open.json.Data).toMatch(new RegExp(`^${china.origin}/files/[0-9a-f]+/`));
		expect(readDocxText(china.fileBytes(open.json.Data)!)).toEqual(
			PAGES.flatMap((page) => page.split('\n')),
		);
		const kept = await post(china.endpointUrl('pdf2word'), pdfForm('pdffile', contract));
		expect(kept.json.Data).toMatch(/^[0-9a-f]{24}$/);
		const wrong = await post(
			china.endpointUrl('pdf2word'),
			pdfForm('pdffile', contract, { storage: 'shared' }),
		);
		expect(wrong.json.DataStatus.StatusCode).toBe(101);
	});

	it('code 101 for a missing file, a non-PDF and a locked PDF', async () => {
		const url = china.endpointUrl('pdf2text');
		const codes = [
			await post(url, pdfForm('upload', contract)),
			await post(url, pdfForm('pdffile', makePng('not-a-pdf'))),
			await post(url, pdfForm('pdffile', locked)),
		].map((res) => [res.status, res.json.DataStatus.StatusCode]);
		expect(codes).toEqual([
			[200, 101],
			[200, 101],
			[200, 101],
		]);
		expect(china.requests.at(-1)?.imageSha256).toBeDefined();
	});
});
