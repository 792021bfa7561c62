import { runWorkflow } from '../harness';
import { makeJpeg, makePng } from '../fixtures/images';
import { readSamplePng, SAMPLE_LINES } from '../fixtures/sample';
import { answerOrder, binaryItem, PLATFORMS, startServers } from './servers';
import type { Servers } from './servers';

let servers: Servers;

const MIXED = [
	'咕咕数据 GuGuData OCR',
	'发票号码: No. 12345',
	'Total ¥ 1,280.00 元',
	'😀 emoji ok',
];

beforeAll(async () => {
	servers = await startServers();
	servers.international.fixtures.register(readSamplePng(), { lines: SAMPLE_LINES });
	servers.international.fixtures.register(makePng('mixed'), { lines: MIXED });
	servers.international.fixtures.register(makePng('blank'), { lines: [] });
});
afterAll(async () => await servers.close());
beforeEach(() => {
	servers.international.reset();
	servers.china.reset();
});

/**
 * Image to Text parameters, unpaced: the local servers enforce no rate, and at the default 5 per
 * second every request would wait its turn behind the file's previous one (the address's budget
 * outlives each run).
 */
const textParams = (extra: Record<string, unknown> = {}) => ({
	operation: 'imageToText',
	...extra,
	options: { requestsPerSecond: 100, ...(extra.options as Record<string, unknown> | undefined) },
});

describe.each(PLATFORMS)('Image to Text on the %s platform', (platform) => {
	const server = () => servers[platform];

	test('binary input: one item per recognised line, paired with its input', async () => {
		const result = await runWorkflow({
			// No options at all, as the editor saves a newly added node (so paced at 5 per second).
			parameters: { operation: 'imageToText' },
			credentials: servers.credentials(platform),
			items: [binaryItem(readSamplePng(), 'sample.png')],
		});
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json)).toEqual(
			SAMPLE_LINES.map((text, index) => ({ text, lineNumber: index + 1, lineCount: 3 })),
		);
		expect(result.items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(
			true,
		);

		const [request] = server().requests.filter((entry) => entry.area === 'api');
		const expected = platform === 'international' ? 'ocr' : 'imagestreamocr';
		expect(request.endpoint).toBe(expected);
		expect(request.contentType).toMatch(/^multipart\/form-data/);
		expect(request.files).toEqual([
			expect.objectContaining({ field: 'imagefile', name: 'sample.png', type: 'image/png' }),
		]);
		expect(request.appKeySource).toBe('query');
	});

	test('URL input', async () => {
		const url = server().hostFile('scans/sample.png', readSamplePng(), 'image/png');
		const result = await runWorkflow({
			parameters: textParams({ inputType: 'url', imageUrl: url }),
			credentials: servers.credentials(platform),
		});
		expect(result.items.map((item) => item.json.text)).toEqual(SAMPLE_LINES);

		const api = server().requests.filter((entry) => entry.area === 'api');
		const assets = server().requests.filter((entry) => entry.area === 'assets');
		if (platform === 'international') {
			// The node downloads the image itself and uploads it.
			expect(api[0]).toMatchObject({
				endpoint: 'ocr',
				files: [expect.objectContaining({ field: 'imagefile', name: 'sample.png' })],
			});
		} else {
			// GuGuData fetches the URL itself.
			expect(api[0]).toMatchObject({ endpoint: 'ocr', imageUrl: url, fields: ['imageurl'] });
			expect(api[0].contentType).toMatch(/^application\/x-www-form-urlencoded/);
		}
		expect(assets).toHaveLength(1);
		// The download of a user's URL never carries the key.
		expect(assets[0].rawQuery ?? '').not.toContain(server().appKey);
		expect(JSON.stringify(assets[0].headers)).not.toContain(server().appKey);
	});

	test.each([
		['plain base64', (bytes: Buffer) => bytes.toString('base64')],
		['a data URI', (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`],
		[
			'base64 with line breaks',
			(bytes: Buffer) => bytes.toString('base64').replace(/(.{76})/g, '$1\r\n'),
		],
	])('base64 input as %s', async (_label, encode) => {
		const result = await runWorkflow({
			parameters: textParams({ inputType: 'base64', imageBase64: encode(readSamplePng()) }),
			credentials: servers.credentials(platform),
		});
		expect(result.items.map((item) => item.json.text)).toEqual(SAMPLE_LINES);
		const [request] = server().requests.filter((entry) => entry.area === 'api');
		if (platform === 'international') {
			expect(request).toMatchObject({
				endpoint: 'ocr',
				files: [expect.objectContaining({ field: 'imagefile', name: 'image.png' })],
			});
		} else {
			expect(request).toMatchObject({ endpoint: 'ocr', fields: ['imagebase64'] });
		}
	});

	test('one item per image, with Chinese, English and mixed lines byte-exact', async () => {
		const result = await runWorkflow({
			parameters: textParams({ outputMode: 'perImage' }),
			credentials: servers.credentials(platform),
			items: [binaryItem(makePng('mixed'), '发票.png')],
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({ text: MIXED.join('\n'), lines: MIXED, lineCount: 4 });
		expect(
			Buffer.from(String(result.items[0].json.text)).equals(Buffer.from(MIXED.join('\n'))),
		).toBe(true);
	});

	test('an image with no text: no items per line, one empty item per image', async () => {
		const perLine = await runWorkflow({
			parameters: textParams(),
			credentials: servers.credentials(platform),
			items: [binaryItem(makePng('blank'))],
		});
		expect(perLine.status).toBe('success');
		expect(perLine.items).toEqual([]);

		const perImage = await runWorkflow({
			parameters: textParams({ outputMode: 'perImage' }),
			credentials: servers.credentials(platform),
			items: [binaryItem(makePng('blank'))],
		});
		expect(perImage.items.map((item) => item.json)).toEqual([
			{ text: '', lines: [], lineCount: 0 },
		]);
		expect(perImage.items[0].pairedItem).toEqual({ item: 0 });
	});
});

test('several items keep input order and pairing, whatever finishes first', async () => {
	const images = Array.from({ length: 12 }, (_, index) => makePng(`order-${index}`));
	images.forEach((bytes, index) =>
		servers.international.fixtures.register(bytes, {
			lines: [`image ${index} line 1`, `image ${index} line 2`],
			// Later items answer sooner, so completion order is the reverse of input order: all
			// are in flight at once, started 10 to 20 ms apart, their answers 50 ms apart.
			delayMs: (12 - index) * 50,
		}),
	);
	const result = await runWorkflow({
		parameters: textParams({ options: { maxConcurrent: 13 } }),
		credentials: servers.credentials('international'),
		items: [
			...images.slice(0, 6).map((bytes, index) => binaryItem(bytes, `${index}.png`)),
			binaryItem(makePng('blank'), 'blank.png'),
			...images.slice(6).map((bytes, index) => binaryItem(bytes, `${index + 6}.png`)),
		],
	});
	expect(answerOrder(servers.international.requests, images)).not.toEqual(
		images.map((_, index) => index),
	);
	const inputIndexOf = (imageIndex: number) => (imageIndex < 6 ? imageIndex : imageIndex + 1);
	expect(result.items.map((item) => [item.json.text, item.pairedItem])).toEqual(
		images.flatMap((_, index) => [
			[`image ${index} line 1`, { item: inputIndexOf(index) }],
			[`image ${index} line 2`, { item: inputIndexOf(index) }],
		]),
	);
});

test('a JPEG from another binary property is uploaded with its own name and type', async () => {
	const jpeg = makeJpeg('receipt');
	servers.international.fixtures.register(jpeg, { lines: ['RECEIPT'] });
	const result = await runWorkflow({
		parameters: textParams({ binaryPropertyName: 'attachment_0' }),
		credentials: servers.credentials('international'),
		items: [binaryItem(jpeg, 'receipt.jpg', 'image/jpeg', 'attachment_0')],
	});
	expect(result.items.map((item) => item.json.text)).toEqual(['RECEIPT']);
	const [request] = servers.international.requests.filter((entry) => entry.area === 'api');
	expect(request.files[0]).toMatchObject({ name: 'receipt.jpg', type: 'image/jpeg' });
});

test.each(['filesystem', 'database'] as const)(
	'%s binary mode: the image is read through the binary data helpers',
	async (binaryMode) => {
		const result = await runWorkflow({
			parameters: textParams({ outputMode: 'perImage' }),
			credentials: servers.credentials('china'),
			items: [binaryItem(readSamplePng(), 'sample.png')],
			binaryMode,
		});
		expect(result.inputItems[0].binary?.data.id).toMatch(new RegExp(`^${binaryMode}`));
		expect(result.items[0].json.lines).toEqual(SAMPLE_LINES);
	},
);

test('in-memory binary mode (deprecated in n8n 2.x): the image is read from the item', async () => {
	const result = await runWorkflow({
		parameters: textParams({ outputMode: 'perImage' }),
		credentials: servers.credentials('china'),
		items: [binaryItem(readSamplePng(), 'sample.png')],
		binaryMode: 'default',
	});
	expect(result.inputItems[0].binary?.data.id).toBeUndefined();
	expect(result.items[0].json.lines).toEqual(SAMPLE_LINES);
});

test('messages keep file names that contain system error codes (n8n would swap them out)', async () => {
	const { makePdf } = await import('../fixtures/images');
	for (const fileName of ['sleeperm.pdf', 'ECONNRESET-scan.pdf']) {
		const result = await runWorkflow({
			parameters: textParams(),
			credentials: servers.credentials('international'),
			items: [binaryItem(makePdf(), fileName, 'application/pdf')],
		});
		expect(result.nodeError?.message).toBe(
			`The file "${fileName}" is a PDF document: use the operation PDF to Text for PDFs`,
		);
	}
});
