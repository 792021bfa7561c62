/**
 * The URL policy, in n8n's engine: link-local and cloud-metadata addresses are refused before any
 * request, in every form a URL can write them, and on every redirect, which the node follows
 * itself; as an AI Agent tool the node also refuses loopback and private addresses unless the
 * Allow Private Network URLs option is on.
 */
import { makePng } from '../fixtures/images';
import { GUGUDATA_NODE_TYPE, runWorkflow } from '../harness';
import type { GuGuServer } from '../server';
import { startServers } from './servers';
import type { Servers } from './servers';
import type { TableRow } from './table-helpers';
import { checkRow, registerGoodImages, urlItem } from './table-helpers';

let servers: Servers;

beforeAll(async () => {
	servers = await startServers();
	registerGoodImages(servers);
});
afterAll(async () => await servers.close());

const TOOL_TYPE = `${GUGUDATA_NODE_TYPE}Tool`;
const METADATA_ADVICE = 'The node never fetches these addresses';
const PUBLIC_LINK = 'Use a public link to the file.';
const DIRECT_LINK = 'Use a direct http(s) link to the file.';

const metadata = (host: string, verb = 'points to') =>
	`The image URL ${verb} a link-local or cloud-metadata address (${host})`;

/** Asset requests (the "third-party host") the bad item caused: 0 for a refusal up front. */
const assetRequests = (server: GuGuServer) =>
	server.requests.filter((entry) => entry.area === 'assets').length;

/** A same-server redirect to `to`, which the node must check before following. */
const redirectTo = (to: string) => (server: GuGuServer) => redirectUrl(server, 'redirect-away', to);

/** A canned redirect route with its target in the query (assetUrl would encode it twice). */
const redirectUrl = (server: GuGuServer, route: string, to: string) =>
	`${server.assetUrl(`_canned/${route}`)}?to=${encodeURIComponent(to)}`;

/** The path and query of a URL on the same server, for the same-origin redirect route. */
const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

interface PolicyRow extends TableRow {
	/** Requests to the file host the bad item causes (each hop is one). */
	hostRequests: number;
}

const row = (
	name: string,
	url: string | ((server: GuGuServer) => string),
	message: string,
	hostRequests = 0,
	advice = [METADATA_ADVICE, PUBLIC_LINK],
	platform: TableRow['platform'] = 'international',
): PolicyRow => ({
	name,
	platform,
	input: 'url',
	bad: urlItem(url),
	message,
	advice,
	apiRequests: 0,
	hostRequests,
});

const ALWAYS_REFUSED: PolicyRow[] = [
	row(
		'the AWS/Azure/GCP metadata address',
		'http://169.254.169.254/latest/meta-data/',
		metadata('169.254.169.254'),
	),
	row(
		'the metadata address as one decimal number',
		'http://2852039166/scan.png',
		metadata('169.254.169.254'),
	),
	row(
		'the metadata address in hex octets',
		'http://0xa9.0xfe.0xa9.0xfe/',
		metadata('169.254.169.254'),
	),
	row(
		'the metadata address in octal and short form',
		'http://0251.254.43518/',
		metadata('169.254.169.254'),
	),
	row(
		'the metadata address with a trailing dot',
		'http://169.254.169.254./x.png',
		metadata('169.254.169.254'),
	),
	row(
		'the ECS credentials address',
		'http://169.254.170.2/v2/credentials',
		metadata('169.254.170.2'),
	),
	row(
		"Alibaba Cloud's metadata address",
		'http://100.100.100.200/latest/meta-data/',
		metadata('100.100.100.200'),
	),
	row('an IPv6 link-local address', 'http://[fe80::1]/scan.png', metadata('[fe80::1]')),
	row(
		'an IPv6 link-local address in capitals',
		'http://[FE80::A9FE:A9FE]/',
		metadata('[fe80::a9fe:a9fe]'),
	),
	row(
		'the metadata address IPv4-mapped',
		'http://[::ffff:169.254.169.254]/',
		metadata('[::ffff:a9fe:a9fe]'),
	),
	row(
		'the metadata address IPv4-compatible',
		'http://[::169.254.169.254]/',
		metadata('[::a9fe:a9fe]'),
	),
	row(
		'the metadata address through NAT64',
		'http://[64:ff9b::169.254.169.254]/',
		metadata('[64:ff9b::a9fe:a9fe]'),
	),
	row(
		"AWS's IPv6 metadata address",
		'http://[fd00:ec2::254]/latest/meta-data/',
		metadata('[fd00:ec2::254]'),
	),
	row(
		'metadata.google.internal',
		'http://metadata.google.internal/computeMetadata/v1/',
		metadata('metadata.google.internal'),
	),
	row(
		'metadata.google.internal in capitals with a trailing dot',
		'http://METADATA.Google.Internal./',
		metadata('metadata.google.internal.'),
	),
	row(
		"Tencent Cloud's metadata name",
		'http://metadata.tencentyun.com/latest/meta-data/',
		metadata('metadata.tencentyun.com'),
	),
	row(
		'the metadata address with credentials and a port',
		'http://user:pass@169.254.169.254:80/',
		metadata('169.254.169.254'),
	),
	row(
		'a redirect to the metadata address',
		redirectTo('http://169.254.169.254/latest/meta-data/iam/'),
		metadata('169.254.169.254', 'redirects to'),
		1,
	),
	row(
		'a redirect to metadata.google.internal after a same-host hop',
		(server) =>
			redirectUrl(
				server,
				'redirect',
				pathOf(redirectUrl(server, 'redirect-away', 'http://metadata.google.internal/')),
			),
		metadata('metadata.google.internal', 'redirects to'),
		2,
	),
	row(
		'a redirect to a file: URL',
		redirectTo('file:///etc/passwd'),
		'The image URL redirects to a non-http address (file:), which the node does not fetch',
		1,
		[DIRECT_LINK],
	),
	row(
		'a redirect to an address that is not a URL',
		redirectTo('http://[::1'),
		'The image URL redirects to an address that is not a valid URL',
		1,
		['Use a direct, public link to the file.'],
	),
	row(
		'a redirect loop',
		(server) => server.assetUrl('_canned/redirect-loop'),
		'The image URL redirected more than 5 times',
		6,
		['Use the final, direct link to the file.'],
	),
	// gugudata.com fetches image URLs itself: the node refuses them all the same, at no cost.
	row(
		'the metadata address on gugudata.com',
		'http://169.254.169.254/latest/meta-data/',
		metadata('169.254.169.254'),
		0,
		undefined,
		'china',
	),
	row(
		'metadata.google.internal on gugudata.com',
		'http://metadata.google.internal/',
		metadata('metadata.google.internal'),
		0,
		undefined,
		'china',
	),
];

describe('link-local and cloud-metadata addresses are always refused', () => {
	it.each(ALWAYS_REFUSED.map((entry) => [entry.name, entry] as const))(
		'%s',
		async (_name, entry) => {
			await checkRow(servers, entry);
			// The batch run was the last: the bad item's hops, and nothing else, reached the file host
			// (the two good items are downloaded from it, by the node or by gugudata.com).
			const server = servers[entry.platform];
			const goodHops = 2;
			expect(assetRequests(server) - goodHops).toBe(entry.hostRequests);
		},
	);

	it('follows up to 5 redirects to an image', async () => {
		const server = servers.international;
		const image = makePng('url-policy-five-hops');
		server.fixtures.register(image, { lines: ['FIVE HOPS'] });
		let url = server.hostFile('url-policy/five.png', image, 'image/png');
		for (let hop = 0; hop < 5; hop++) {
			url = redirectUrl(server, 'redirect', pathOf(url));
		}
		server.reset();
		const result = await runWorkflow({
			parameters: { operation: 'imageToText', inputType: 'url', imageUrl: url },
			credentials: servers.credentials('international'),
		});
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.text)).toEqual(['FIVE HOPS']);
		expect(assetRequests(server)).toBe(6);
	});

	it("refuses a Word file's link to the metadata address after one GuGuData request", async () => {
		const server = servers.international;
		const image = makePng('url-policy-word-link');
		server.fixtures.register(image, {
			status: 200,
			data: { wordPath: 'http://169.254.169.254/latest/meta-data/iam/word.docx' },
		});
		server.reset();
		const result = await runWorkflow({
			parameters: {
				operation: 'imageToWord',
				inputType: 'base64',
				imageBase64: image.toString('base64'),
			},
			credentials: servers.credentials('international'),
		});
		expect(result.status).toBe('error');
		expect(result.nodeError?.message).toBe(
			"The Word file's link points to a link-local or cloud-metadata address (169.254.169.254)",
		);
		expect(String(result.nodeError?.description)).toContain(METADATA_ADVICE);
		expect(server.stats.apiRequests).toBe(1);
		expect(assetRequests(server)).toBe(0);
	});
});

describe('as an AI Agent tool', () => {
	const PRIVATE_ADVICE =
		'To let the agent read files from your own network, turn on the option "Allow Private Network URLs".';
	const toolRefusal = (host: string, verb = 'points to') =>
		`The image URL ${verb} a private network address (${host}), which the node refuses when an AI Agent uses it as a tool`;

	const PRIVATE: Array<[string, (server: GuGuServer) => string, string]> = [
		[
			'this machine by IP',
			(server) => server.hostFile('tool/scan.png', makePng('tool'), 'image/png'),
			'127.0.0.1',
		],
		[
			'localhost',
			(server) =>
				server
					.hostFile('tool/scan.png', makePng('tool'), 'image/png')
					.replace('127.0.0.1', 'localhost'),
			'localhost',
		],
		['a .localhost name', () => 'http://intranet.localhost/scan.png', 'intranet.localhost'],
		['127.1 short form', () => 'http://127.1/scan.png', '127.0.0.1'],
		['0.0.0.0', () => 'http://0.0.0.0:8080/scan.png', '0.0.0.0'],
		['IPv6 loopback', () => 'http://[::1]:8080/scan.png', '[::1]'],
		['IPv4-mapped loopback', () => 'http://[::ffff:127.0.0.1]/scan.png', '[::ffff:7f00:1]'],
		['10.0.0.0/8', () => 'http://10.0.0.7/scan.png', '10.0.0.7'],
		['172.16.0.0/12', () => 'http://172.20.0.5/scan.png', '172.20.0.5'],
		['192.168.0.0/16', () => 'http://192.168.1.20/scan.png', '192.168.1.20'],
		['carrier-grade NAT', () => 'http://100.64.0.9/scan.png', '100.64.0.9'],
		['an IPv6 unique local address', () => 'http://[fd12:3456::1]/scan.png', '[fd12:3456::1]'],
	];

	it.each(PRIVATE)('refuses %s before any request', async (_name, url, host) => {
		const server = servers.international;
		server.reset();
		const alone = await runWorkflow({
			nodeType: TOOL_TYPE,
			parameters: { operation: 'imageToText', inputType: 'url', imageUrl: url(server) },
			credentials: servers.credentials('international'),
		});
		expect(alone.status).toBe('error');
		expect(alone.nodeError?.message).toBe(toolRefusal(host));
		expect(String(alone.nodeError?.description)).toContain(PRIVATE_ADVICE);
		expect(server.requests).toHaveLength(0);

		const continued = await runWorkflow({
			nodeType: TOOL_TYPE,
			parameters: { operation: 'imageToText', inputType: 'url', imageUrl: url(server) },
			credentials: servers.credentials('international'),
			continueOnFail: true,
		});
		expect(continued.items).toEqual([
			{
				json: { error: toolRefusal(host), description: expect.stringContaining(PRIVATE_ADVICE) },
				pairedItem: { item: 0 },
			},
		]);
		expect(server.requests).toHaveLength(0);
	});

	it('fetches from this machine when Allow Private Network URLs is on', async () => {
		const server = servers.international;
		const image = makePng('tool-allowed');
		server.fixtures.register(image, { lines: ['ALLOWED'] });
		const result = await runWorkflow({
			nodeType: TOOL_TYPE,
			parameters: {
				operation: 'imageToText',
				inputType: 'url',
				imageUrl: server.hostFile('tool/allowed.png', image, 'image/png'),
				options: { allowPrivateUrls: true },
			},
			credentials: servers.credentials('international'),
		});
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.text)).toEqual(['ALLOWED']);
	});

	it('still refuses the metadata address when Allow Private Network URLs is on', async () => {
		const result = await runWorkflow({
			nodeType: TOOL_TYPE,
			parameters: {
				operation: 'imageToText',
				inputType: 'url',
				imageUrl: 'http://169.254.169.254/latest/meta-data/',
				options: { allowPrivateUrls: true },
			},
			credentials: servers.credentials('international'),
		});
		expect(result.nodeError?.message).toBe(metadata('169.254.169.254'));
	});

	it('outside tool mode, the same private URL is fetched', async () => {
		const server = servers.international;
		const image = makePng('not-a-tool');
		server.fixtures.register(image, { lines: ['NOT A TOOL'] });
		const result = await runWorkflow({
			parameters: {
				operation: 'imageToText',
				inputType: 'url',
				imageUrl: server.hostFile('tool/not-a-tool.png', image, 'image/png'),
			},
			credentials: servers.credentials('international'),
		});
		expect(result.items.map((item) => item.json.text)).toEqual(['NOT A TOOL']);
	});
});
