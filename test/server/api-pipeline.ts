/**
 * One API request from arrival to answer: the CDN's QPS limit and injected faults first, then the
 * endpoint handler, then latency, then the answer (written whole, streamed or dripped) and the log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { readBody } from './body';
import { writeInPieces } from './body-writer';
import type { ApiCall, ApiLog, ApiState } from './context';
import { dripAnswer } from './drip';
import type { Exchange } from './exchange';
import { envelopeReply, gatewayPage, type Reply } from './reply';
import { RequestLog } from './request-log';
import { sleep } from './sleep';
import type { FaultInjector, RateLimiter, StartCounter } from './traffic';
import type { FaultKind, Platform, RequestLogEntry } from './types';

/** Bodies past this are drained and answered 413 by the "gateway". */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface PipelineDeps {
	state: Omit<ApiState, 'signal'>;
	limiter: RateLimiter;
	faults: FaultInjector;
	starts: StartCounter;
	log: RequestLog;
	serverSignal: AbortSignal;
	exchange: Exchange;
	handler: (call: ApiCall) => Promise<Reply>;
}

function tooMany(platform: Platform, retryAfter: string | null | undefined): Reply {
	const headers: Record<string, string> = retryAfter == null ? {} : { 'Retry-After': retryAfter };
	if (platform === 'china') return gatewayPage(429, headers);
	return envelopeReply(platform, { status: 429, code: 429, headers });
}

/** Gateway-level failures: an envelope on the international API, an HTML page from China's CDN. */
function gatewayError(platform: Platform, status: number): Reply {
	if (platform === 'china') return gatewayPage(status);
	return envelopeReply(platform, { status, code: status });
}

function truncate(reply: Reply): Reply {
	return { ...reply, body: reply.body.subarray(0, Math.floor(reply.body.length / 2)) };
}

/**
 * Writes status and headers at once (and a small body with them); the promise settles when the
 * body is all sent or the client has gone.
 */
function send(
	req: IncomingMessage,
	res: ServerResponse,
	reply: Reply,
	exchange: Exchange,
): Promise<unknown> {
	if (reply.reset) {
		exchange.resetConnection(req.socket);
		return Promise.resolve();
	}
	const headers = { ...reply.headers, 'Content-Length': String(reply.body.length) };
	if (req.method === 'HEAD') {
		res.writeHead(reply.status, headers).end();
		return Promise.resolve();
	}
	if (reply.drip) return dripAnswer(res, reply.status, headers, reply.body, reply.drip);
	res.writeHead(reply.status, headers);
	return writeInPieces(res, reply.body);
}

export async function serveApi(
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	endpoint: string,
	deps: PipelineDeps,
): Promise<void> {
	const { state, log } = deps;
	const { options, platform } = state;
	const startedAt = performance.now();
	const time = Date.now();
	deps.starts.start(startedAt);
	log.stats.maxPerSecond = deps.starts.max;
	log.stats.inFlight++;
	log.stats.maxInFlight = Math.max(log.stats.maxInFlight, log.stats.inFlight);

	const clientGone = new AbortController();
	res.on('close', () => clientGone.abort());
	const signal = AbortSignal.any([deps.serverSignal, clientGone.signal]);
	const ip = req.socket.remoteAddress ?? '';
	const admitted = deps.limiter.admit(ip, options.rateLimit, startedAt);
	const fault: FaultKind | undefined = admitted ? deps.faults.draw() : undefined;
	const queryKey = !!url.searchParams.get('appkey');
	const apiLog: ApiLog = {
		appKeyPresent: queryKey,
		appKeySource: queryKey ? 'query' : undefined,
		fields: [],
		files: [],
	};
	let reply: Reply | undefined;
	let sending: Promise<unknown> | undefined;
	try {
		const body = await readBody(req, MAX_BODY_BYTES);
		if (!admitted) reply = tooMany(platform, options.rateLimit?.retryAfter ?? '1');
		else if (fault === '429') reply = tooMany(platform, deps.faults.settings?.retryAfter ?? '1');
		else if (fault === '503') reply = gatewayError(platform, 503);
		else if (fault === 'reset')
			reply = { status: 0, headers: {}, body: Buffer.alloc(0), reset: true };
		else {
			if (fault === 'slow') await sleep(deps.faults.settings?.slowMs ?? 3000, signal);
			const call: ApiCall = {
				endpoint,
				method: req.method ?? 'GET',
				url,
				contentType: req.headers['content-type'],
				body,
				log: apiLog,
				state: { ...state, signal },
			};
			reply = body.overflow ? gatewayError(platform, 413) : await deps.handler(call);
			if (fault === 'malformed') reply = truncate(reply);
		}
		await sleep(options.latencyMs + (reply.delayMs ?? 0), signal);
		sending = send(req, res, reply, deps.exchange);
	} catch (error) {
		if (signal.aborted || res.headersSent || req.destroyed || res.destroyed) {
			req.socket.destroy();
			reply = { status: 0, headers: {}, body: Buffer.alloc(0) };
		} else {
			// A bug in the fake itself: say so loudly rather than hang the client.
			console.error('GuGuData test server error:', error);
			reply = envelopeReply(platform, { status: 500, code: platform === 'china' ? 110 : 500 });
			sending = send(req, res, reply, deps.exchange);
		}
	}
	// Logged as soon as the answer starts, so a dripping one is visible while it drips.
	const entry: RequestLogEntry = {
		id: log.newId(),
		time,
		area: 'api',
		endpoint,
		clientIp: ip,
		method: req.method ?? '',
		path: url.pathname,
		query: RequestLog.query(url),
		...apiLog,
		contentType: req.headers['content-type'],
		status: reply.status,
		code: reply.code,
		fault: admitted ? fault : 'rate-limit',
		durationMs: Math.round(performance.now() - startedAt),
	};
	log.record(entry, deps.exchange);
	await sending?.catch(() => undefined);
	log.stats.inFlight--;
}
