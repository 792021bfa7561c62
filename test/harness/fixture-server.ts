import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
}

export interface FixtureServer {
	baseUrl: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

type Handler = (
	query: Record<string, string>,
	body: Buffer,
) => { status: number; json?: unknown; bytes?: Buffer };

// Routes for the fixture package's node and credentials (harness.test.ts only).
const routes: Record<string, Handler> = {
	'GET /echo': (query) => ({ status: 200, json: { path: '/echo', query } }),
	'POST /upper': (_query, body) => ({
		status: 200,
		bytes: Buffer.from(body.toString().toUpperCase()),
	}),
	'GET /fail': () => ({ status: 500, json: { message: 'Upstream exploded' } }),
	'GET /me': ({ api_key: key }) => {
		if (key === 'good') return { status: 200, json: { account: { status: 'active' } } };
		if (key === 'suspended') return { status: 200, json: { account: { status: 'suspended' } } };
		if (key === 'boom') return { status: 500, json: { message: 'down' } };
		return { status: 401, json: { message: 'bad key' } };
	},
	// Like GuGuData: a good key without an image is a 400 "parameter error".
	'POST /check': ({ appkey: key }) => {
		if (key === 'good') return { status: 400, json: { status: { code: 101 } } };
		if (key === 'old') return { status: 200, json: { status: { code: 104 } } };
		return { status: 401, json: { status: { code: 401 } } };
	},
};

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export async function startFixtureServer(): Promise<FixtureServer> {
	const requests: RecordedRequest[] = [];
	const server: Server = createServer(async (request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const query = Object.fromEntries(url.searchParams);
		requests.push({ method: request.method ?? '', path: url.pathname, query });
		const handler = routes[`${request.method} ${url.pathname}`];
		const { status, json, bytes } = handler
			? handler(query, await readBody(request))
			: { status: 404, json: { message: 'not found' } };
		response.statusCode = status;
		if (bytes) {
			response.setHeader('content-type', 'application/octet-stream');
			response.end(bytes);
		} else {
			response.setHeader('content-type', 'application/json');
			response.end(JSON.stringify(json));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		requests,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
