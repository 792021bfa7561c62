/**
 * Runs one local GuGuData server until killed, with the sample image and PDF registered:
 *   npx tsx test/server/cli.ts --platform china --port 0 [--key K] [--latency 200] [--qps 5]
 *     [--fault-429 0.1] [--fault-503 0.1] [--fault-reset 0.05] [--fault-slow 0.1] [--slow-ms 3000]
 *     [--fault-malformed 0.05] [--retry-after 1] [--seed 42] [--download-timeout 5000]
 *     [--no-recognition]
 * Any other image or PDF is read for real (tesseract.js, English; pdf.js), as `npm run dev` needs
 * for a user's own files; --no-recognition answers it with no text, as in tests.
 * Prints one JSON line: { platform, origin, baseUrl, appKey, sampleUrl, sampleLines, samplePdfUrl,
 * samplePdfPages }.
 */
import { parseArgs } from 'node:util';

import { SAMPLE_LINES, SAMPLE_PDF_PAGES, readSamplePdf, readSamplePng } from '../fixtures/sample';
import { startGuGuServer, type FaultOptions, type Platform } from './index';

const { values } = parseArgs({
	options: {
		platform: { type: 'string', default: 'international' },
		port: { type: 'string', default: '0' },
		host: { type: 'string', default: '127.0.0.1' },
		key: { type: 'string', multiple: true },
		latency: { type: 'string' },
		qps: { type: 'string' },
		'fault-429': { type: 'string' },
		'fault-503': { type: 'string' },
		'fault-reset': { type: 'string' },
		'fault-slow': { type: 'string' },
		'slow-ms': { type: 'string' },
		'fault-malformed': { type: 'string' },
		'retry-after': { type: 'string' },
		seed: { type: 'string' },
		'download-timeout': { type: 'string' },
		'no-recognition': { type: 'boolean', default: false },
	},
});

const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));

async function main(): Promise<void> {
	const platform = values.platform as Platform;
	if (platform !== 'international' && platform !== 'china') {
		throw new Error('--platform must be international or china');
	}
	const faults: FaultOptions = {
		rate429: num(values['fault-429']),
		rate503: num(values['fault-503']),
		rateReset: num(values['fault-reset']),
		rateSlow: num(values['fault-slow']),
		slowMs: num(values['slow-ms']),
		rateMalformed: num(values['fault-malformed']),
		retryAfter: values['retry-after'],
		seed: values.seed,
	};
	const anyFault = [
		faults.rate429,
		faults.rate503,
		faults.rateReset,
		faults.rateSlow,
		faults.rateMalformed,
	].some((rate) => rate !== undefined);
	const qps = num(values.qps);
	const server = await startGuGuServer({
		platform,
		port: Number(values.port),
		host: values.host,
		keys: values.key,
		latencyMs: num(values.latency),
		rateLimit: qps ? { perSecond: qps } : null,
		faults: anyFault ? faults : null,
		downloadTimeoutMs: num(values['download-timeout']),
		defaultOutcome: values['no-recognition'] ? { lines: [] } : 'recognise',
	});
	server.fixtures.register(readSamplePng(), { lines: SAMPLE_LINES });
	server.fixtures.register(readSamplePdf(), { pages: SAMPLE_PDF_PAGES });
	const info = {
		platform,
		origin: server.origin,
		baseUrl: server.baseUrl,
		appKey: server.appKey,
		sampleUrl: server.assetUrl('_canned/sample.png'),
		sampleLines: SAMPLE_LINES,
		samplePdfUrl: server.assetUrl('_canned/sample.pdf'),
		samplePdfPages: SAMPLE_PDF_PAGES,
	};
	console.log(JSON.stringify(info));
	const stop = () => void server.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
