/**
 * The local server reading images for real (defaultOutcome 'recognise'): text drawn in a real
 * typeface comes back as text through both platforms' endpoints, Word files hold it, fixtures
 * keep priority, and servers with any other default outcome answer as before.
 */
import { readDocxText } from '../fixtures/docx';
import { TYPEFACE_LINES, renderTextImage } from '../fixtures/typeface';
import { startGuGuServer, type GuGuServer } from '../server';
import { tesseractRunning } from '../server/ocr';
import { expectLinesClose } from './tolerance';

const png = renderTextImage(TYPEFACE_LINES);

function imageForm(bytes: Uint8Array, extra: Record<string, string> = {}): FormData {
	const form = new FormData();
	for (const [field, value] of Object.entries(extra)) form.append(field, value);
	form.append('imagefile', new Blob([bytes], { type: 'image/png' }), 'scan.png');
	return form;
}

async function post(url: string, body: FormData | URLSearchParams) {
	const response = await fetch(url, { method: 'POST', body });
	return { status: response.status, json: (await response.json()) as any };
}

describe('a server with the default outcome of tests', () => {
	it('answers no text for an unregistered image and starts no OCR engine', async () => {
		const server = await startGuGuServer({ platform: 'international' });
		try {
			const { status, json } = await post(server.endpointUrl('ocr'), imageForm(png));
			expect(status).toBe(200);
			expect(json.data).toEqual({ resultText: [], text: '' });
			expect(tesseractRunning()).toBe(false);
		} finally {
			await server.close();
		}
	});
});

describe("defaultOutcome 'recognise'", () => {
	let intl: GuGuServer;
	let china: GuGuServer;
	/** What the International ocr endpoint read in `png`, for the Word tests to compare with. */
	let read: string[];

	beforeAll(async () => {
		intl = await startGuGuServer({ platform: 'international', defaultOutcome: 'recognise' });
		china = await startGuGuServer({ platform: 'china', defaultOutcome: 'recognise' });
		const { status, json } = await post(intl.endpointUrl('ocr'), imageForm(png));
		expect(status).toBe(200);
		read = json.data.resultText;
	});

	afterAll(async () => {
		await intl?.close();
		await china?.close();
	});

	it('reads a PNG in Noto Sans SC at 40 px: the drawn lines, in order', () => {
		expectLinesClose(read, TYPEFACE_LINES);
	});

	it('reads the same text from a JPEG and a WebP', async () => {
		for (const format of ['jpeg', 'webp'] as const) {
			const image = renderTextImage(TYPEFACE_LINES, { format });
			const { json } = await post(intl.endpointUrl('ocr'), imageForm(image));
			expectLinesClose(json.data.resultText, TYPEFACE_LINES);
			expect(json.data.text).toBe(json.data.resultText.join('\n'));
		}
	});

	it('Image to Word: a real .docx whose paragraphs are the lines read', async () => {
		const { status, json } = await post(
			intl.endpointUrl('ocr2word'),
			imageForm(png, { filename: 'receipt' }),
		);
		expect(status).toBe(200);
		expect(json.data.wordPath).toMatch(/\/receipt\.docx$/);
		const docx = await fetch(json.data.wordPath).then(async (r) =>
			Buffer.from(await r.arrayBuffer()),
		);
		expect(readDocxText(docx)).toEqual(read);
	});

	it('China: imagestreamocr, ocr with base64 and ocr2word read the same lines', async () => {
		const stream = await post(china.endpointUrl('imagestreamocr'), imageForm(png));
		expect(stream.json.Data.ResultText).toEqual(read);
		const base64 = new URLSearchParams({ imagebase64: png.toString('base64') });
		const ocr = await post(china.endpointUrl('ocr'), base64);
		expect(ocr.json.Data.ResultText).toEqual(read);
		const word = await post(china.endpointUrl('ocr2word'), base64);
		expect(readDocxText(china.fileBytes(word.json.Data.ResultWordFileUrl)!)).toEqual(read);
	});

	it('a registered fixture keeps priority over recognition', async () => {
		const image = renderTextImage(['Registered image'], { fontPx: 36 });
		intl.fixtures.register(image, { lines: ['what the fixture says'] });
		const { json } = await post(intl.endpointUrl('ocr'), imageForm(image));
		expect(json.data.resultText).toEqual(['what the fixture says']);
	});

	it('an image with no text reads as no lines; Image to Word answers 422', async () => {
		const blank = renderTextImage([]);
		const ocr = await post(intl.endpointUrl('ocr'), imageForm(blank));
		expect(ocr.json.data).toEqual({ resultText: [], text: '' });
		const word = await post(intl.endpointUrl('ocr2word'), imageForm(blank));
		expect(word.status).toBe(422);
	});

	it('an image cut short is refused as undecodable (400 / code 101)', async () => {
		const cut = png.subarray(0, 400);
		const intlAnswer = await post(intl.endpointUrl('ocr'), imageForm(cut));
		expect(intlAnswer.status).toBe(400);
		expect(intlAnswer.json.dataStatus.statusDescription).toBe('The image could not be decoded.');
		const chinaAnswer = await post(china.endpointUrl('imagestreamocr'), imageForm(cut));
		expect(chinaAnswer.json.DataStatus.StatusCode).toBe(101);
	});

	it('the image checks still come first: a GIF is refused before any recognition', async () => {
		const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
		const { status } = await post(intl.endpointUrl('ocr'), imageForm(gif));
		expect(status).toBe(415);
	});

	it('one worker serves both servers, and stops once the last of them closes', async () => {
		expect(tesseractRunning()).toBe(true);
		const extra = await startGuGuServer({ platform: 'china', defaultOutcome: 'recognise' });
		await post(extra.endpointUrl('imagestreamocr'), imageForm(png));
		await extra.close();
		expect(tesseractRunning()).toBe(true);
		await intl.close();
		expect(tesseractRunning()).toBe(true);
		await china.close();
		expect(tesseractRunning()).toBe(false);
	});
});
