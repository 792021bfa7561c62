/**
 * Runs a workflow with the GuGuData node through n8n's engine on an image and prints the items.
 *
 *   npm run demo                          sample.png, against the bundled local GuGuData server
 *   npm run demo -- photo.jpg             another image
 *   GUGUDATA_APPKEY=... npm run demo      against the real GuGuData (GUGUDATA_PLATFORM=china for
 *                                         gugudata.com, GUGUDATA_BASE_URL to override the address)
 *   GUGUDATA_OPERATION=imageToWord ...    Image to Word instead of Image to Text
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

import { runWorkflow } from '../test/harness';
import { readSamplePng, SAMPLE_LINES, SAMPLE_PNG_PATH } from '../test/fixtures/sample';
import { startGuGuServer } from '../test/server';

async function main() {
	const imagePath = process.argv[2] ?? SAMPLE_PNG_PATH;
	const image = imagePath === SAMPLE_PNG_PATH ? readSamplePng() : readFileSync(imagePath);
	const platform = process.env.GUGUDATA_PLATFORM === 'china' ? 'china' : 'international';
	const operation = process.env.GUGUDATA_OPERATION === 'imageToWord' ? 'imageToWord' : 'imageToText';
	const realKey = process.env.GUGUDATA_APPKEY;

	const server = realKey ? undefined : await startGuGuServer({ platform });
	server?.fixtures.register(readSamplePng(), { lines: SAMPLE_LINES });
	const credential = {
		appKey: realKey ?? server!.appKey,
		platform,
		baseUrl: realKey ? (process.env.GUGUDATA_BASE_URL ?? '') : server!.baseUrl,
	};
	console.error(
		`GuGuData ${operation} on ${basename(imagePath)} via ${
			realKey ? `GuGuData (${platform})` : `the local GuGuData server at ${server!.baseUrl} (${platform})`
		}`,
	);

	try {
		const result = await runWorkflow({
			parameters: { operation, downloadWordFile: false },
			credentials: { guGuDataApi: credential },
			items: [
				{ json: {}, binary: { data: { data: image, fileName: basename(imagePath) } } },
			],
		});
		if (result.nodeError) {
			console.error(`Failed: ${result.nodeError.message}\n${result.nodeError.description ?? ''}`);
			process.exitCode = 1;
		}
		for (const item of result.items) console.log(JSON.stringify(item.json));
	} finally {
		await server?.close();
	}
}

void main();
