/**
 * A local GuGuData-compatible HTTP server for tests: one instance is one platform, answering on
 * 127.0.0.1 as docs/gugudata-api.md describes. See README.md beside this file.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ASSETS_PREFIX, AssetHost } from './assets';
import { serveApi } from './api-pipeline';
import { readBody } from './body';
import { CHINA_ROUTES, handleChina } from './china';
import type { ApiState, ResolvedOptions } from './context';
import { envelopeReply } from './reply';
import { Exchange } from './exchange';
import { FileStore } from './file-store';
import { FixtureRegistry } from './fixture-registry';
import { INTERNATIONAL_PREFIX, INTERNATIONAL_ROUTES, handleInternational } from './international';
import { RealReader } from './ocr';
import { FILES_PREFIX, serveFile } from './public-files';
import { RequestLog } from './request-log';
import { FaultInjector, RateLimiter, StartCounter } from './traffic';
import type {
	GuGuServerOptions,
	KeyState,
	Platform,
	RequestLogEntry,
	ServerStats,
	TunableOptions,
} from './types';

export * from './types';
export { FixtureRegistry, createFixtureRegistry, sha256Hex } from './fixture-registry';
export { DOCX_CONTENT_TYPE, buildDocx } from './docx-writer';
export { CODE_TO_HTTP } from './outcome-reply';
export { MAX_IMAGE_BYTES } from './recognition';

export interface GuGuServer {
	readonly platform: Platform;
	/** http://127.0.0.1:PORT */
	readonly origin: string;
	/** What the node's base URL setting takes: origin + '/v1' (international) or origin (China). */
	readonly baseUrl: string;
	readonly port: number;
	/** The first active key. */
	readonly appKey: string;
	readonly fixtures: FixtureRegistry;
	/** Every request, oldest first (cleared by reset()). */
	readonly requests: RequestLogEntry[];
	readonly stats: ServerStats;
	/** `${baseUrl}/imagerecognition/${endpoint}?appkey=...`; pass null for no key. */
	endpointUrl(endpoint: string, appKey?: string | null): string;
	/** Hosts bytes on the "third-party host" and returns their URL, `${origin}/assets/${path}`. */
	hostFile(path: string, bytes: Uint8Array, contentType?: string): string;
	/** URL of an /assets path, e.g. assetUrl('_canned/html'). */
	assetUrl(path: string): string;
	/** The bytes behind a wordPath / ResultWordFileUrl this server produced. */
	fileBytes(url: string): Buffer | undefined;
	setOptions(options: TunableOptions): void;
	/**
	 * Clears the log, stats and QPS windows, restarts the fault sequence from its seed and the
	 * fixtures' outcome sequences from their first outcome.
	 */
	reset(): void;
	/**
	 * Resolves once stats.openRequests is 0 (every answer sent or its client gone), e.g. after a
	 * test dropped a dripping answer; rejects after timeoutMs.
	 */
	waitForIdle(timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

const DEFAULTS: ResolvedOptions = {
	defaultOutcome: { lines: [] },
	latencyMs: 0,
	rateLimit: null,
	faults: null,
	downloadTimeoutMs: 5000,
	chinaEmptyWord: 'empty-docx',
	extendedEnvelope: false,
	allowRemoteDownloads: false,
	chinaPdfPages: 'joined',
};

function keyMap(keys: TunableOptions['keys']): Map<string, KeyState> {
	if (!keys) return new Map([[randomBytes(16).toString('hex').toUpperCase(), 'active']]);
	if (Array.isArray(keys)) return new Map(keys.map((key) => [key, 'active' as const]));
	return new Map(Object.entries(keys));
}

/** Lower case, no trailing slash: routing is as forgiving as ASP.NET's. */
function routeKey(pathname: string): string {
	const lower = pathname.toLowerCase();
	return lower.length > 1 && lower.endsWith('/') ? lower.slice(0, -1) : lower;
}

class LocalGuGuServer implements GuGuServer {
	readonly platform: Platform;
	readonly fixtures: FixtureRegistry;
	private readonly http: Server;
	private readonly options: ResolvedOptions;
	private keys: Map<string, KeyState>;
	private readonly files = new FileStore();
	private readonly assets = new AssetHost();
	private readonly log = new RequestLog();
	private readonly limiter = new RateLimiter();
	private readonly faults = new FaultInjector();
	private readonly starts = new StartCounter();
	private readonly closing = new AbortController();
	private readonly reader = new RealReader();
	private address = '';

	constructor(private readonly init: GuGuServerOptions) {
		this.platform = init.platform;
		this.fixtures =
			init.fixtures instanceof FixtureRegistry
				? init.fixtures
				: new FixtureRegistry(init.fixtures ?? []);
		this.keys = keyMap(init.keys);
		this.options = { ...DEFAULTS };
		this.setOptions({ ...init, keys: undefined });
		this.faults.configure(this.options.faults);
		this.http = createServer((req, res) => void this.route(req, res));
	}

	async listen(): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.http.once('error', reject);
			this.http.listen(this.init.port ?? 0, this.init.host ?? '127.0.0.1', () => resolve());
		});
		const { address, port } = this.http.address() as AddressInfo;
		this.address = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
	}

	get origin(): string {
		return this.address;
	}

	get baseUrl(): string {
		return this.platform === 'international' ? this.origin + INTERNATIONAL_PREFIX : this.origin;
	}

	get port(): number {
		return (this.http.address() as AddressInfo).port;
	}

	get appKey(): string {
		for (const [key, state] of this.keys) if (state === 'active') return key;
		return [...this.keys.keys()][0] ?? '';
	}

	get requests(): RequestLogEntry[] {
		return this.log.entries;
	}

	get stats(): ServerStats {
		return this.log.stats;
	}

	endpointUrl(endpoint: string, appKey: string | null = this.appKey): string {
		const url = `${this.baseUrl}/imagerecognition/${endpoint}`;
		return appKey === null ? url : `${url}?appkey=${encodeURIComponent(appKey)}`;
	}

	hostFile(path: string, bytes: Uint8Array, contentType?: string): string {
		this.assets.host(path, bytes, contentType);
		return this.assetUrl(path.replace(/^\/+/, ''));
	}

	assetUrl(path: string): string {
		return `${this.origin}${ASSETS_PREFIX}${encodeURI(path)}`;
	}

	fileBytes(url: string): Buffer | undefined {
		const match = /\/files\/([0-9a-f]+)\//.exec(url);
		return match ? this.files.get(match[1])?.bytes : undefined;
	}

	setOptions(options: TunableOptions): void {
		for (const name of Object.keys(DEFAULTS) as Array<keyof ResolvedOptions>) {
			if (options[name] !== undefined) Object.assign(this.options, { [name]: options[name] });
		}
		if (options.keys !== undefined) this.keys = keyMap(options.keys);
		if (options.faults !== undefined) this.faults.configure(this.options.faults);
	}

	reset(): void {
		this.log.reset();
		this.limiter.reset();
		this.starts.reset();
		this.faults.configure(this.options.faults);
		this.fixtures.restartSequences();
	}

	async waitForIdle(timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (this.log.stats.openRequests > 0) {
			if (Date.now() >= deadline) {
				const open = this.log.stats.openRequests;
				throw new Error(`waitForIdle: ${open} request(s) still open after ${timeoutMs} ms`);
			}
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	async close(): Promise<void> {
		this.closing.abort(new Error('server closed'));
		await new Promise<void>((resolve) => {
			this.http.close(() => resolve());
			this.http.closeAllConnections();
		});
		// Stops the shared tesseract worker when no other open server holds it.
		await this.reader.close();
	}

	private get state(): Omit<ApiState, 'signal'> {
		return {
			platform: this.platform,
			origin: this.origin,
			keys: this.keys,
			fixtures: this.fixtures,
			files: this.files,
			options: this.options,
			reader: this.reader,
		};
	}

	private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.origin);
		const path = url.pathname;
		const exchange = new Exchange(res, this.log.stats, this.closing.signal);
		if (path.startsWith(ASSETS_PREFIX) || path.startsWith(FILES_PREFIX)) {
			return this.servePublic(req, res, url, exchange);
		}
		const routes = this.platform === 'international' ? INTERNATIONAL_ROUTES : CHINA_ROUTES;
		const endpoint = routes[routeKey(path)];
		if (endpoint) {
			const handler = this.platform === 'international' ? handleInternational : handleChina;
			return serveApi(req, res, url, endpoint, {
				state: this.state,
				limiter: this.limiter,
				faults: this.faults,
				starts: this.starts,
				log: this.log,
				serverSignal: this.closing.signal,
				exchange,
				handler,
			});
		}
		return this.serveNotFound(req, res, url, exchange);
	}

	/** /assets and /files: logged with the raw query and headers, to prove no key reached them. */
	private async servePublic(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		exchange: Exchange,
	): Promise<void> {
		const time = Date.now();
		const startedAt = performance.now();
		const area = url.pathname.startsWith(ASSETS_PREFIX) ? 'assets' : 'files';
		let status = 0;
		// A slow route stops waiting when the client gives up, not only when the server closes.
		const clientGone = new AbortController();
		res.on('close', () => clientGone.abort());
		const signal = AbortSignal.any([this.closing.signal, clientGone.signal]);
		try {
			await readBody(req, 1024 * 1024);
			status =
				area === 'assets'
					? await this.assets.handle(req, res, url, signal, exchange)
					: serveFile(req, res, url, this.files);
		} catch {
			req.socket.destroy();
		}
		this.log.record(
			{
				...this.baseEntry(req, url, time, startedAt),
				area,
				status,
				rawQuery: url.search.replace(/^\?/, ''),
				headers: { ...req.headers },
			},
			exchange,
		);
	}

	private async serveNotFound(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		exchange: Exchange,
	): Promise<void> {
		const time = Date.now();
		const startedAt = performance.now();
		await readBody(req, 1024 * 1024).catch(() => undefined);
		const reply = envelopeReply(this.platform, { status: 404, code: 404 });
		res.writeHead(404, { ...reply.headers, 'Content-Length': String(reply.body.length) });
		res.end(reply.body);
		const entry = { ...this.baseEntry(req, url, time, startedAt), area: 'other' as const };
		this.log.record({ ...entry, status: 404 }, exchange);
	}

	private baseEntry(req: IncomingMessage, url: URL, time: number, startedAt: number) {
		const key = url.searchParams.get('appkey');
		return {
			id: this.log.newId(),
			time,
			clientIp: req.socket.remoteAddress ?? '',
			method: req.method ?? '',
			path: url.pathname,
			query: RequestLog.query(url),
			appKeyPresent: !!key,
			appKeySource: key ? ('query' as const) : undefined,
			contentType: req.headers['content-type'],
			fields: [],
			files: [],
			durationMs: Math.round(performance.now() - startedAt),
		};
	}
}

export async function startGuGuServer(options: GuGuServerOptions): Promise<GuGuServer> {
	const server = new LocalGuGuServer(options);
	await server.listen();
	return server;
}
