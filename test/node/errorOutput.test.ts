/**
 * Settings > On Error. "Continue (using error output)": every failed item leaves on the error
 * output, paired with its input and saying what the node would have stopped with; successes stay on
 * the success output. "Continue" keeps the error items on the main output, as documented.
 */
import { makePng, TEXT_SAMPLE } from '../fixtures/images';
import { runWorkflow } from '../harness';
import { binaryItem, PLATFORMS, startServers } from './servers';
import type { Servers } from './servers';

let servers: Servers;

beforeAll(async () => {
	servers = await startServers();
});
afterAll(async () => await servers.close());

describe.each(PLATFORMS)('on %s', (platform) => {
	/** Good image, a text file (refused before sending), an image GuGuData refuses, good image. */
	function items() {
		const good = makePng(`error-output-good-${platform}`);
		const refused = makePng(`error-output-refused-${platform}`);
		servers[platform].fixtures.register(good, { lines: ['FIRST', 'SECOND'] });
		servers[platform].fixtures.register(
			refused,
			platform === 'china' ? { code: 101 } : { status: 400 },
		);
		return [
			binaryItem(good, 'good-1.png'),
			binaryItem(TEXT_SAMPLE, 'notes.txt', 'text/plain'),
			binaryItem(refused, 'refused.png'),
			binaryItem(good, 'good-2.png'),
		];
	}

	// Unpaced: the local servers enforce no rate, and where each failed item goes is the subject.
	const parameters = {
		operation: 'imageToText',
		outputMode: 'perImage',
		options: { requestsPerSecond: 100 },
	};

	const apiMessage =
		platform === 'china'
			? 'GuGuData rejected the request parameters (code 101)'
			: 'GuGuData rejected the request as invalid (HTTP 400)';

	it('"Continue (using error output)" sends each failed item to the error output', async () => {
		const result = await runWorkflow({
			parameters,
			credentials: servers.credentials(platform),
			items: items(),
			onError: 'continueErrorOutput',
		});
		expect(result.status).toBe('success');
		const success = result.output(result.nodeName, 0);
		const failed = result.output(result.nodeName, 1);
		expect(success.map((item) => [item.json.text, item.pairedItem])).toEqual([
			['FIRST\nSECOND', { item: 0 }],
			['FIRST\nSECOND', { item: 3 }],
		]);
		expect(failed.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['The file "notes.txt" is plain text, not an image GuGuData can read', { item: 1 }],
			[apiMessage, { item: 2 }],
		]);
		// n8n adds the input item's fields; `message` says what to do, as `description` does on the
		// main output.
		expect(failed[0].json).toEqual({
			fileName: 'notes.txt',
			error: 'The file "notes.txt" is plain text, not an image GuGuData can read',
			message: 'GuGuData reads JPEG, PNG, WebP, TIFF and BMP images.',
		});
		expect(failed[1].json).toEqual({
			fileName: 'refused.png',
			error: apiMessage,
			message: expect.stringContaining('GuGuData said:'),
		});
	});

	it('"Continue" keeps the error items on the main output, in input order', async () => {
		const result = await runWorkflow({
			parameters,
			credentials: servers.credentials(platform),
			items: items(),
			onError: 'continueRegularOutput',
		});
		expect(
			result.items.map((item) => [item.json.text ?? item.json.error, item.pairedItem]),
		).toEqual([
			['FIRST\nSECOND', { item: 0 }],
			['The file "notes.txt" is plain text, not an image GuGuData can read', { item: 1 }],
			[apiMessage, { item: 2 }],
			['FIRST\nSECOND', { item: 3 }],
		]);
		expect(Object.keys(result.items[2].json).sort()).toEqual(['description', 'error', 'httpCode']);
	});
});
