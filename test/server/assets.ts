/**
 * A "third-party host" on the same server, for image-URL inputs: files that tests host, plus canned
 * misbehaving routes under /assets/_canned/.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { makeBigPng } from '../fixtures/images';
import { HTML_SAMPLE } from '../fixtures/non-images';
import { readSamplePdf, readSamplePng } from '../fixtures/sample';
import { writeInPieces } from './body-writer';
import { dripAnswer } from './drip';
import type { Exchange } from './exchange';
import { contentTypeFor } from './sniff';
import { sleep } from './sleep';

export const ASSETS_PREFIX = '/assets/';
export const CANNED_PREFIX = '/assets/_canned/';

const MIB = 1024 * 1024;
const HTML = 'text/html; charset=utf-8';

const LOGIN_PAGE =
	'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Sign in</title></head><body>' +
	'<form method="post" action="/login"><input name="user"><input name="password" type="password">' +
	'<button>Sign in</button></form></body></html>\n';

const bigPngs = new Map<number, Buffer>();

function bigPng(mib: number): Buffer {
	const size = Math.round(mib * MIB);
	let png = bigPngs.get(size);
	if (!png) bigPngs.set(size, (png = makeBigPng(size, 'oversize')));
	return png;
}

interface Hosted {
	bytes: Buffer;
	contentType: string;
}

function send(
	res: ServerResponse,
	status: number,
	body: Buffer | string,
	type: string,
	head: boolean,
) {
	const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
	res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.length) });
	res.end(head ? undefined : bytes);
	return status;
}

const notFound = (res: ServerResponse, head: boolean) =>
	send(res, 404, '<html><body><h1>404 Not Found</h1></body></html>\n', HTML, head);

/**
 * Streams in 64 KiB pieces as the socket drains, so the client sees a real stream. Returns once
 * the headers are out: the request is logged then, and the exchange notes when the body ends.
 */
function stream(res: ServerResponse, bytes: Buffer, chunked: boolean, signal: AbortSignal) {
	const headers: Record<string, string> = { 'Content-Type': 'image/png' };
	if (!chunked) headers['Content-Length'] = String(bytes.length);
	res.writeHead(200, headers);
	void writeInPieces(res, bytes, signal).catch(() => undefined);
	return 200;
}

/** Query numbers: junk or negative values take the default. */
function count(q: URLSearchParams, name: string, fallback: number): number {
	const value = Number(q.get(name) ?? fallback);
	return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export class AssetHost {
	private readonly hosted = new Map<string, Hosted>();

	/** Hosts bytes at /assets/<path>; the content type is sniffed when not given. */
	host(path: string, bytes: Uint8Array, contentType?: string): void {
		const clean = path.replace(/^\/+/, '');
		if (clean.startsWith('_canned/')) throw new Error('hostFile: _canned/ is reserved');
		const buffer = Buffer.from(bytes);
		this.hosted.set(clean, { bytes: buffer, contentType: contentType ?? contentTypeFor(buffer) });
	}

	clear(): void {
		this.hosted.clear();
	}

	/** Answers a request under /assets/ and returns the status it sent (0 for a reset). */
	async handle(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		signal: AbortSignal,
		exchange: Exchange,
	): Promise<number> {
		const head = req.method === 'HEAD';
		if (req.method !== 'GET' && !head) {
			res.setHeader('Allow', 'GET, HEAD');
			return send(res, 405, 'Method Not Allowed\n', 'text/plain; charset=utf-8', head);
		}
		const path = decodeURIComponent(url.pathname.slice(ASSETS_PREFIX.length));
		if (path.startsWith('_canned/')) {
			return this.canned(req, res, url, path.slice(8), { signal, exchange, head });
		}
		const file = this.hosted.get(path);
		return file ? send(res, 200, file.bytes, file.contentType, head) : notFound(res, head);
	}

	private async canned(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		name: string,
		{ signal, exchange, head }: { signal: AbortSignal; exchange: Exchange; head: boolean },
	): Promise<number> {
		const q = url.searchParams;
		switch (name) {
			case 'sample.png':
				return send(res, 200, readSamplePng(), 'image/png', head);
			case 'sample.pdf':
				return send(res, 200, readSamplePdf(), 'application/pdf', head);
			case 'png-as-text':
				return send(res, 200, readSamplePng(), 'text/plain; charset=utf-8', head);
			case 'html':
				return send(res, 200, HTML_SAMPLE, HTML, head);
			case 'login':
				return send(res, 200, LOGIN_PAGE, HTML, head);
			case 'not-found':
				return notFound(res, head);
			case 'error':
				return send(
					res,
					500,
					'<html><body><h1>500 Internal Server Error</h1></body></html>\n',
					HTML,
					head,
				);
			case 'empty':
				return send(res, 200, Buffer.alloc(0), 'image/png', head);
			case 'redirect-login':
				res.writeHead(302, { Location: '/assets/_canned/login', 'Content-Length': '0' }).end();
				return 302;
			case 'redirect': {
				const to = q.get('to') ?? '/assets/_canned/sample.png';
				// Same-origin paths only: the server must never send a client elsewhere.
				if (!to.startsWith('/') || to.startsWith('//')) return notFound(res, head);
				res.writeHead(302, { Location: to, 'Content-Length': '0' }).end();
				return 302;
			}
			case 'redirect-away':
				// For the node's URL policy: a redirect anywhere, which the node must refuse to follow.
				res.writeHead(302, { Location: q.get('to') ?? '', 'Content-Length': '0' }).end();
				return 302;
			case 'redirect-loop':
				res.writeHead(302, { Location: url.pathname, 'Content-Length': '0' }).end();
				return 302;
			case 'slow':
				await sleep(Number(q.get('ms') ?? 120_000), signal);
				return send(res, 200, readSamplePng(), 'image/png', head);
			case 'oversize': {
				const bytes = bigPng(Number(q.get('mib') ?? 11));
				if (head) return send(res, 200, bytes, 'image/png', true);
				return stream(res, bytes, q.get('chunked') === '1', signal);
			}
			case 'drip': {
				const png = readSamplePng();
				if (head) return send(res, 200, png, 'image/png', true);
				const drip = { intervalMs: count(q, 'every', 400), chunkBytes: count(q, 'bytes', 1) };
				// Not awaited, like stream(): logged at once, stopped by the client going away.
				void dripAnswer(res, 200, { 'Content-Type': 'image/png' }, png, drip);
				return 200;
			}
			case 'reset':
				exchange.resetConnection(req.socket);
				return 0;
			default:
				return notFound(res, head);
		}
	}
}
