import { runWorkflow, testCredential } from '../harness';
import { readSamplePng, SAMPLE_LINES } from '../fixtures/sample';
import { startGuGuServer } from '../server';
import type { GuGuServer, Platform } from '../server';
import { binaryItem } from './servers';

// The credential test, run the way n8n's CredentialsTester runs it (through RoutingNode and the
// credential's rules), against servers that check the key before anything else.
const GOOD = 'GOOD-KEY-0123456789ABCDEF';
const ARREARS = 'ARREARS-KEY-0123456789';
const FORBIDDEN = 'FORBIDDEN-KEY-0123456789';
const servers: Partial<Record<Platform, GuGuServer>> = {};

beforeAll(async () => {
	for (const platform of ['international', 'china'] as const) {
		servers[platform] = await startGuGuServer({
			platform,
			keys: { [GOOD]: 'active', [ARREARS]: 'arrears', [FORBIDDEN]: 'forbidden' },
		});
	}
});
afterAll(async () => {
	await Promise.all(Object.values(servers).map(async (server) => await server?.close()));
});

const credential = (platform: Platform, appKey: string) => ({
	appKey,
	platform,
	baseUrl: (servers[platform] as GuGuServer).baseUrl,
});

const REJECTED =
	'GuGuData rejected the AppKey. Copy it again from your GuGuData developer center, and check that the platform matches where you bought it (gugudata.io is International, gugudata.com is China Mainland).';
const NO_ACCESS =
	'The AppKey is valid but has no access to the OCR API. Check your subscription, trial state or balance in the GuGuData developer center.';

describe.each(['international', 'china'] as const)(
	'credential test on the %s platform',
	(platform) => {
		const server = () => servers[platform] as GuGuServer;
		beforeEach(() => server().reset());

		test('a good key passes, and no image is recognised', async () => {
			const result = await testCredential('guGuDataApi', credential(platform, GOOD));
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			const api = server().requests.filter((entry) => entry.area === 'api');
			expect(api).toHaveLength(1);
			expect(api[0]).toMatchObject({ endpoint: 'ocr', appKeyPresent: true, files: [] });
			expect(api[0].imageSha256).toBeUndefined();
			// Key accepted, then the empty request refused (a 4xx / code 101): nothing recognised.
			if (platform === 'international') expect([400, 415]).toContain(api[0].status);
			else expect(api[0].code).toBe(101);
		});

		test('a wrong key fails with a message that says so', async () => {
			const result = await testCredential('guGuDataApi', credential(platform, 'WRONG-KEY'));
			expect(result).toEqual({ status: 'Error', message: REJECTED });
		});

		test('an empty key fails', async () => {
			const result = await testCredential('guGuDataApi', credential(platform, ''));
			expect(result.status).toBe('Error');
		});

		test('a key in arrears fails with a message about access', async () => {
			const result = await testCredential('guGuDataApi', credential(platform, ARREARS));
			expect(result).toEqual({ status: 'Error', message: NO_ACCESS });
		});

		test('the platform decides the default address; the base URL overrides it, trailing slash or not', async () => {
			const result = await testCredential('guGuDataApi', {
				...credential(platform, GOOD),
				baseUrl: `${server().baseUrl}/`,
			});
			expect(result.status).toBe('OK');
		});
	},
);

test('a credential pointed at the wrong platform is told apart', async () => {
	// A China-platform credential at the international server: 401 envelope in camelCase.
	const result = await testCredential('guGuDataApi', {
		appKey: 'A-CHINA-KEY',
		platform: 'china',
		baseUrl: (servers.international as GuGuServer).baseUrl,
	});
	expect(result).toEqual({ status: 'Error', message: REJECTED });
});

describe.each(['international', 'china'] as const)('the key on the %s platform', (platform) => {
	// Unpaced: three runs back to back would otherwise wait their turns at 5 per second.
	const parameters = { operation: 'imageToText', options: { requestsPerSecond: 100 } };

	test('goes to GuGuData as the appkey query parameter and nowhere into the run data', async () => {
		const server = servers[platform] as GuGuServer;
		server.reset();
		server.fixtures.register(readSamplePng(), { lines: SAMPLE_LINES });
		const ok = await runWorkflow({
			parameters,
			credentials: { guGuDataApi: credential(platform, GOOD) },
			items: [binaryItem(readSamplePng())],
		});
		expect(ok.items.map((item) => item.json.text)).toEqual(SAMPLE_LINES);
		expect(server.requests[0]).toMatchObject({ appKeyPresent: true, appKeySource: 'query' });

		for (const continueOnFail of [false, true]) {
			const failed = await runWorkflow({
				parameters,
				credentials: { guGuDataApi: credential(platform, 'SECRET-BAD-KEY-XYZ') },
				items: [binaryItem(readSamplePng())],
				continueOnFail,
			});
			const message = continueOnFail ? failed.items[0].json.error : failed.nodeError?.message;
			expect(message).toBe(
				platform === 'international'
					? 'GuGuData rejected the AppKey (HTTP 401)'
					: 'GuGuData rejected the AppKey (code 104)',
			);
			expect(failed.serialized).not.toContain('SECRET-BAD-KEY-XYZ');
			expect(failed.serialized).not.toContain('appkey=');
		}
	});
});
