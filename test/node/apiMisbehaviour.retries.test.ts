/**
 * The API misbehaviour table (apiMisbehaviour.cases.ts) again, one retry allowed. The table runs
 * retryable answers with retries 0, which says nothing of what the node retries; here the request
 * count shows the behaviour, and the advice to raise Retries must come with it and only with it.
 */
import { makePng } from '../fixtures/images';
import { runWorkflow } from '../harness';
import type { ApiCase } from './apiMisbehaviour.cases';
import { LABELLED, RAISE_RETRIES } from './apiMisbehaviour.cases';
import { binaryItem, startServers } from './servers';
import type { Servers } from './servers';
import { badApiRequests, settled } from './table-helpers';

let servers: Servers;
/**
 * Rate-limit rows run against servers of their own: a rate limit slows the whole address for what
 * runs next (the shared budget), which is the node's behaviour but not these rows' subject.
 */
let limitedServers: Servers;

beforeAll(async () => {
	servers = await startServers();
	limitedServers = await startServers();
});
afterAll(async () => await Promise.all([servers.close(), limitedServers.close()]));

const serversFor = (apiCase: ApiCase) => (apiCase.rateLimited ? limitedServers : servers);

describe('advice matches behaviour: one retry allowed', () => {
	test.each(LABELLED)('%s', async (_label, platform, apiCase) => {
		const server = serversFor(apiCase)[platform];
		const bytes = makePng(`retry-once-${platform}-${apiCase.name}`);
		server.fixtures.register(bytes, apiCase.outcome);
		server.reset();
		const result = await runWorkflow({
			parameters: {
				operation: 'imageToText',
				options: { requestsPerSecond: 100, ...apiCase.options, retries: 1, maxRetryWait: 0.01 },
			},
			credentials: serversFor(apiCase).credentials(platform),
			items: [binaryItem(bytes)],
		});
		expect(result.nodeError?.message).toBe(apiCase.message);
		await settled(server);
		const requests = badApiRequests(server).length;
		expect(requests).toBe(apiCase.retryable ? 2 : 1);
		const description = String(result.nodeError?.description);
		expect(description.includes(RAISE_RETRIES)).toBe(requests === 2);
		if (requests === 2) expect(description).toContain('Gave up after 2 attempts.');
	});
});
