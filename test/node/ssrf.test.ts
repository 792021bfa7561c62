/**
 * n8n's own SSRF protection (n8n 2.x, N8N_SSRF_PROTECTION_ENABLED): host names the node cannot
 * resolve itself are n8n's to check. Image downloads, every redirect hop and GuGuData requests go
 * through n8n's request helpers, so they meet it; what it refuses gets a message that says so and
 * is not retried. Here GuGuData answers on 127.0.0.1, which the settings allow, and a second host
 * on 127.0.0.2 plays an internal service n8n blocks.
 */
import { makePng } from '../fixtures/images';
import { runWorkflow } from '../harness';
import { startGuGuServer } from '../server';
import type { GuGuServer } from '../server';
import { startServers } from './servers';
import type { Servers } from './servers';

// Read by n8n when its request helpers first run, in this test file's own module registry.
process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
process.env.N8N_SSRF_ALLOWED_IP_RANGES = '127.0.0.1/32';

let servers: Servers;
let internal: GuGuServer;

beforeAll(async () => {
	servers = await startServers();
	internal = await startGuGuServer({ platform: 'international', host: '127.0.0.2' });
});
afterAll(async () => {
	await servers.close();
	await internal.close();
});

const BLOCKED_ADVICE = 'N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES';

async function run(imageUrl: string, retries = 3) {
	servers.international.reset();
	internal.reset();
	return await runWorkflow({
		parameters: { operation: 'imageToText', inputType: 'url', imageUrl, options: { retries } },
		credentials: servers.credentials('international'),
	});
}

it('an allowed host works as before', async () => {
	const image = makePng('ssrf-allowed');
	servers.international.fixtures.register(image, { lines: ['ALLOWED'] });
	const result = await run(servers.international.hostFile('ssrf/ok.png', image, 'image/png'));
	expect(result.items.map((item) => item.json.text)).toEqual(['ALLOWED']);
});

it('a blocked image host is refused by n8n, named, and not retried', async () => {
	const url = internal.hostFile('ssrf/secret.png', makePng('ssrf-secret'), 'image/png');
	const result = await run(url);
	expect(result.status).toBe('error');
	expect(result.nodeError?.message).toBe("n8n's SSRF protection blocked the image URL (127.0.0.2)");
	expect(String(result.nodeError?.description)).toContain(BLOCKED_ADVICE);
	expect(internal.requests).toHaveLength(0);
	expect(servers.international.stats.apiRequests).toBe(0);
});

it('a redirect from an allowed host to a blocked one is refused at the hop', async () => {
	const secret = internal.hostFile('ssrf/hop.png', makePng('ssrf-hop'), 'image/png');
	const url = `${servers.international.assetUrl('_canned/redirect-away')}?to=${encodeURIComponent(secret)}`;
	const result = await run(url);
	expect(result.nodeError?.message).toBe("n8n's SSRF protection blocked the image URL (127.0.0.2)");
	expect(servers.international.requests.map((entry) => entry.area)).toEqual(['assets']);
	expect(internal.requests).toHaveLength(0);
});

it("a blocked Base URL fails the GuGuData request with advice for n8n's administrator", async () => {
	const image = makePng('ssrf-base-url');
	const result = await runWorkflow({
		parameters: {
			operation: 'imageToText',
			inputType: 'base64',
			imageBase64: image.toString('base64'),
		},
		credentials: {
			guGuDataApi: {
				appKey: internal.appKey,
				platform: 'international',
				baseUrl: internal.baseUrl,
			},
		},
	});
	expect(result.status).toBe('error');
	expect(result.nodeError?.message).toBe(
		"n8n's SSRF protection blocked the request to GuGuData (127.0.0.2)",
	);
	expect(String(result.nodeError?.description)).toContain("the credential's Base URL");
	expect(internal.requests).toHaveLength(0);
	expect(result.serialized).not.toContain(internal.appKey);
});
