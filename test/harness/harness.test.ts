import { existsSync } from 'node:fs';
import path from 'node:path';

import { Workflow } from 'n8n-workflow';
import type { IHttpRequestOptions, INode } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import type { FixtureServer } from './fixture-server';
import { startFixtureServer } from './fixture-server';
import type { BinaryMode, RunWorkflowOptions } from './index';
import {
	COLLECT_TYPE,
	HarnessCredentialsHelper,
	ITEMS_NODE,
	ITEMS_SOURCE_TYPE,
	MANUAL_TRIGGER_TYPE,
	NODE_UNDER_TEST,
	START_NODE,
	chain,
	harnessDir,
	loadTypes,
	readBinary,
	runNodes,
	runWorkflow,
	testCredential,
} from './index';

// A throw-away community package stands in for the real one, which needs `npm run build`.
const FIXTURE_PACKAGE = path.join(__dirname, 'fixture-package');
const FAKE_NODE = 'n8n-nodes-harness-fixture.fakeApi';
const SECRET = 'sk-harness-4242-secret';

let server: FixtureServer;

beforeAll(async () => {
	server = await startFixtureServer();
});

afterAll(async () => {
	await server.close();
});

beforeEach(() => {
	server.requests.length = 0;
});

async function run(options: Omit<RunWorkflowOptions, 'packageDirs' | 'nodeType'>) {
	return await runWorkflow({
		packageDirs: [FIXTURE_PACKAGE],
		nodeType: FAKE_NODE,
		credentials: { fakeApiKey: { apiKey: SECRET, baseUrl: server.baseUrl } },
		...options,
	});
}

describe('loading a community package', () => {
	test('goes through PackageDirectoryLoader plus the CLI post-processing', async () => {
		const { nodeTypes, credentialTypes } = await loadTypes([FIXTURE_PACKAGE]);

		expect(nodeTypes.getByNameAndVersion(FAKE_NODE, 2).description.displayName).toBe('Fake API');
		expect(credentialTypes.getSupportedNodes('fakeApiKey')).toEqual([FAKE_NODE]);
		expect(credentialTypes.getByName('fakeApiKey').properties.map(({ name }) => name)).toEqual([
			'apiKey',
			'baseUrl',
			'region',
			'allowedHttpRequestDomains',
			'allowedDomains',
		]);
	});
});

describe('runWorkflow', () => {
	test('runs Start -> Items -> node; generic auth puts the key in the query string', async () => {
		const result = await run({ parameters: { operation: 'echo' } });

		expect(result.status).toBe('success');
		expect(result.workflowError).toBeUndefined();
		expect(result.executedNodes).toEqual([START_NODE, ITEMS_NODE, NODE_UNDER_TEST]);
		expect(result.items).toEqual([
			{ json: { path: '/echo', query: { api_key: SECRET } }, pairedItem: { item: 0 } },
		]);
		expect(server.requests).toEqual([{ method: 'GET', path: '/echo', query: { api_key: SECRET } }]);
		expect(result.serialized).toContain(SECRET); // the echo put it in the output
	});

	test.each<BinaryMode>(['filesystem', 'database', 'default'])(
		'reads binary input and writes binary output through the helpers (%s mode)',
		async (binaryMode) => {
			const result = await run({
				binaryMode,
				parameters: { operation: 'upper' },
				items: [
					{
						json: { n: 1 },
						binary: { data: { data: 'hello', fileName: 'a.txt', mimeType: 'text/plain' } },
					},
					{ json: { n: 2 }, binary: { data: { data: 'bytes!', fileName: 'b.txt' } } },
				],
			});

			expect(result.status).toBe('success');
			const [input] = result.inputItems;
			if (binaryMode === 'filesystem') {
				// Only an id is in the item; the bytes are on disk.
				expect(input.binary?.data).toMatchObject({ data: 'filesystem-v2', fileName: 'a.txt' });
				expect(input.binary?.data.id).toMatch(/^filesystem-v2:workflows\//);
				expect(existsSync(path.join(harnessDir, 'binaryData'))).toBe(true);
			} else if (binaryMode === 'database') {
				// Only an id is in the item; the bytes are a row of the binary_data table.
				expect(input.binary?.data).toMatchObject({ data: 'database', fileName: 'a.txt' });
				expect(input.binary?.data.id).toMatch(/^database:[0-9a-f-]{36}$/);
			} else {
				expect(input.binary?.data).toMatchObject({ data: Buffer.from('hello').toString('base64') });
				expect(input.binary?.data.id).toBeUndefined();
			}
			expect(result.items.map(({ json, pairedItem }) => ({ json, pairedItem }))).toEqual([
				{ json: { fileName: 'a.txt', size: 5 }, pairedItem: { item: 0 } },
				{ json: { fileName: 'b.txt', size: 6 }, pairedItem: { item: 1 } },
			]);
			expect(result.items[0].binary?.result).toMatchObject({
				fileName: 'upper-a.txt',
				mimeType: 'text/plain',
			});
			expect((await readBinary(result.items[0], 'result')).toString()).toBe('HELLO');
			expect((await readBinary(result.items[1], 'result')).toString()).toBe('BYTES!');
			expect((await readBinary(input)).toString()).toBe('hello');
		},
	);

	test('a failing node stops the run with the node error', async () => {
		const result = await run({ parameters: { operation: 'fail' } });

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		// Run-data errors are plain copies of the thrown error, not Error instances.
		expect(result.workflowError).toMatchObject({
			name: 'NodeApiError',
			message: 'The service was not able to process your request',
			description: 'Upstream exploded',
			httpCode: '500',
		});
		// The node got its latest version (2), as when added in the editor.
		expect(result.nodeError).toMatchObject({ httpCode: '500', node: { typeVersion: 2 } });
		expect(result.serialized).not.toContain(SECRET);
	});

	test.each<Partial<RunWorkflowOptions>>([
		{ continueOnFail: true },
		{ onError: 'continueRegularOutput' },
	])('with %j the node turns the error into an item', async (settings) => {
		const result = await run({ parameters: { operation: 'fail' }, ...settings });

		expect(result.status).toBe('success');
		expect(result.nodeError).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { error: 'The service was not able to process your request' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an error thrown past continueOnFail passes input through and fails the run', async () => {
		const result = await run({
			parameters: { operation: 'crash' },
			continueOnFail: true,
			items: [{ json: { n: 1 } }, { json: { n: 2 } }],
		});

		expect(result.items).toEqual([
			{ json: { n: 1 }, pairedItem: { item: 0 } },
			{ json: { n: 2 }, pairedItem: { item: 1 } },
		]);
		expect(result.nodeError).toMatchObject({
			name: 'NodeOperationError',
			message: 'Crashed on purpose',
		});
		// n8n-core quirk: the last node's continued error still makes the run an error.
		expect(result.status).toBe('error');
	});
});

describe('runNodes', () => {
	test('runs any graph; a node after a continued error makes the run succeed', async () => {
		const result = await runNodes({
			packageDirs: [FIXTURE_PACKAGE],
			credentials: { fakeApiKey: { apiKey: SECRET, baseUrl: server.baseUrl } },
			nodes: [
				{ name: 'Trigger', type: MANUAL_TRIGGER_TYPE, parameters: {} },
				{ name: 'Source', type: ITEMS_SOURCE_TYPE, parameters: { items: '[{"json":{"a":1}}]' } },
				{ name: 'Fake', type: FAKE_NODE, parameters: { operation: 'crash' }, continueOnFail: true },
				{ name: 'After', type: COLLECT_TYPE, parameters: {} },
			],
			connections: chain('Trigger', 'Source', 'Fake', 'After'),
		});

		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual(['Trigger', 'Source', 'Fake', 'After']);
		expect(result.nodeErrors.Fake).toMatchObject({ message: 'Crashed on purpose' });
		expect(result.output('After')).toEqual([{ json: { a: 1 }, pairedItem: { item: 0 } }]);
	});
});

describe('HarnessCredentialsHelper', () => {
	async function setup() {
		const { nodeTypes, credentialTypes } = await loadTypes([FIXTURE_PACKAGE]);
		const helper = new HarnessCredentialsHelper(credentialTypes);
		const node: INode = {
			id: '1',
			name: 'Fake',
			type: FAKE_NODE,
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return { helper, node, workflow };
	}

	test('getDecrypted applies property defaults and resolves expressions', async () => {
		const { helper } = await setup();
		const reference = await helper.add('fakeApiKey', { apiKey: '={{ "sec" + "ret" }}' });
		const additionalData = buildAdditionalData({ credentialsHelper: helper });

		const decrypted = await helper.getDecrypted(additionalData, reference, 'fakeApiKey', 'manual');

		expect(decrypted).toEqual({
			apiKey: 'secret',
			baseUrl: '',
			region: 'eu',
			allowedHttpRequestDomains: 'all',
		});
		await expect(
			helper.getDecrypted(additionalData, reference, 'fakeApiKey', 'manual', undefined, true),
		).resolves.toEqual({ apiKey: '={{ "sec" + "ret" }}' });
	});

	test('authenticate merges generic properties like the CLI', async () => {
		const { helper, node, workflow } = await setup();
		const request: IHttpRequestOptions = { url: '/x', qs: { page: 2 } };

		const authenticated = await helper.authenticate(
			{ apiKey: SECRET },
			'fakeApiKey',
			request,
			workflow,
			node,
		);

		expect(authenticated).toEqual({ url: '/x', qs: { page: 2, api_key: SECRET }, headers: {} });
	});
});

describe('testCredential', () => {
	const test_ = async (type: string, apiKey: string, baseUrl = server.baseUrl) =>
		await testCredential(type, { apiKey, baseUrl }, { packageDirs: [FIXTURE_PACKAGE] });

	test('OK when the test request succeeds and no rule matches', async () => {
		await expect(test_('fakeApiKey', 'good')).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(server.requests).toEqual([{ method: 'GET', path: '/me', query: { api_key: 'good' } }]);
	});

	test('Error with the message of a matching responseSuccessBody rule', async () => {
		await expect(test_('fakeApiKey', 'suspended')).resolves.toEqual({
			status: 'Error',
			message: 'Account suspended',
		});
	});

	test('Error with the message of a matching responseCode rule', async () => {
		// n8n-workflow 2.x keeps the request error as the NodeApiError's `cause`, so the CLI's rule
		// branch runs (1.120 dropped it and answered 'Authorization failed - please check ...').
		await expect(test_('fakeApiKey', 'bad')).resolves.toEqual({
			status: 'Error',
			message: 'The API key was rejected',
		});
	});

	test('unreachable server: the error code, through the same `cause`', async () => {
		// 1.120 said 'The service refused the connection - perhaps it is offline'.
		await expect(test_('fakeApiKey', 'good', 'http://127.0.0.1:9')).resolves.toEqual({
			status: 'Error',
			message: 'ECONNREFUSED',
		});
	});

	test.each([
		['good', { status: 'OK', message: 'Connection successful!' }],
		['bad', { status: 'Error', message: 'Key rejected (401)' }],
		['old', { status: 'Error', message: 'Key rejected (104)' }],
	])('with ignoreHttpStatusErrors, body rules decide (key %s)', async (apiKey, expected) => {
		// The trailing slashes prove the regex in the baseURL expression runs.
		await expect(test_('fakeFullResponseApi', apiKey, `${server.baseUrl}//`)).resolves.toEqual(
			expected,
		);
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/check' });
	});
});
