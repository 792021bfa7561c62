/** Options from expressions, clamped in a real run: the documented limits hold whatever is typed. */
import { makePng } from '../fixtures/images';
import { runWorkflow } from '../harness';
import { sha256Hex } from '../server';
import { binaryItem, startServers } from './servers';
import type { Servers } from './servers';

let servers: Servers;

beforeAll(async () => {
	servers = await startServers();
});
afterAll(async () => await servers.close());

test('Requests in Flight 1000 sends at most 50 at once', async () => {
	const server = servers.international;
	// A new address starts at 50 per second, so the 51st request starts about 1 s after the first.
	// Request n (in arrival order) answers (50 - n) * 20 + 800 ms after it arrived: the first 50
	// are all still in flight then, 0.8 s to spare, unless at most 50 may be. The rest answer at
	// once, so the run takes about 1.8 s rather than two slow rounds.
	const image = makePng('options-in-flight');
	server.fixtures.register(image, {
		sequence: [
			...Array.from({ length: 50 }, (_, n) => ({ lines: ['OK'], delayMs: (50 - n) * 20 + 800 })),
			{ lines: ['OK'] },
		],
	});
	server.reset();
	const result = await runWorkflow({
		parameters: {
			operation: 'imageToText',
			options: { maxConcurrent: '={{ 1000 }}', requestsPerSecond: '={{ 1e9 }}' },
		},
		credentials: servers.credentials('international'),
		items: Array.from({ length: 70 }, () => binaryItem(image)),
	});
	expect(result.items).toHaveLength(70);
	expect(server.stats.maxInFlight).toBeLessThanOrEqual(50);
});

test('Retries 1e6 against a server that keeps failing gives up after 10 retries', async () => {
	const server = servers.china;
	const image = makePng('options-retries');
	server.fixtures.register(image, { code: 110, headers: { 'Retry-After': '0' } });
	server.reset();
	const result = await runWorkflow({
		// Unpaced: eleven requests at the default 5 per second would take two seconds.
		parameters: {
			operation: 'imageToText',
			options: { retries: '={{ 1e6 }}', requestsPerSecond: 100 },
		},
		credentials: servers.credentials('china'),
		items: [binaryItem(image)],
	});
	expect(result.nodeError?.description).toContain('Gave up after 11 attempts.');
	const hash = sha256Hex(image);
	expect(server.requests.filter((entry) => entry.imageSha256 === hash)).toHaveLength(11);
});
