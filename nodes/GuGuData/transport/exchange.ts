import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { MAX_TIMER_MS } from './clock';
import { networkErrorCode } from './retryable';

/** The streamed body n8n's request helpers return for `encoding: 'stream'`. */
type BodyStream = AsyncIterable<Buffer | string> & { destroy(error?: Error): void };

export type Exchanged =
	| { ok: true; status: number; headers: IN8nHttpFullResponse['headers']; body: Buffer }
	| { ok: false; reason: 'timeout' | 'cancelled' | 'tooLarge' }
	| { ok: false; reason: 'network'; code: string }
	/** n8n's SSRF protection refused the address (n8n 2.x, when its administrator turned it on). */
	| { ok: false; reason: 'blocked'; target: string };

export interface ExchangeLimits {
	/** The deadline for the whole exchange: connect, headers and body. */
	timeoutMs: number;
	/** A deadline already running, shared by several exchanges (the hops of a redirect chain). */
	deadline?: AbortSignal;
	/** The execution's cancel signal. */
	cancel: AbortSignal;
	/** The most body bytes read, counted after decompression. */
	maxBytes: number;
	/** Whether a status's body is wanted at all (a failed download's page is not). */
	wantsBody?: (status: number) => boolean;
}

/**
 * One HTTP exchange under a deadline and a size cap. `send` starts the request with the signal
 * it is given (`encoding: 'stream'`, full response); the body is read as a stream, so a host that
 * drips its answer fails at the deadline and an oversize one is cut off at the cap, with memory
 * bounded by the cap. Cancelling the execution aborts the exchange at once.
 */
export async function exchange(
	send: (signal: AbortSignal) => Promise<IN8nHttpFullResponse>,
	limits: ExchangeLimits,
): Promise<Exchanged> {
	const deadline = limits.deadline ?? deadlineSignal(limits.timeoutMs);
	const signal = AbortSignal.any([limits.cancel, deadline]);
	// What a failure was is told by which signal fired, not by the error a helper made of it.
	const failed = (error: unknown): Exchanged => {
		if (limits.cancel.aborted) return { ok: false, reason: 'cancelled' };
		if (deadline.aborted) return { ok: false, reason: 'timeout' };
		const target = ssrfBlockedTarget(error);
		if (target !== undefined) return { ok: false, reason: 'blocked', target };
		return { ok: false, reason: 'network', code: networkErrorCode(error) };
	};
	let response: IN8nHttpFullResponse;
	try {
		if (signal.aborted) return failed(signal.reason);
		response = await send(signal);
	} catch (error) {
		return failed(error);
	}
	const { statusCode: status, headers } = response;
	if (limits.wantsBody && !limits.wantsBody(status)) {
		discard(response.body);
		return { ok: true, status, headers, body: Buffer.alloc(0) };
	}
	try {
		const body = await readCapped(response.body, limits.maxBytes, signal);
		return body ? { ok: true, status, headers, body } : { ok: false, reason: 'tooLarge' };
	} catch (error) {
		return failed(error);
	}
}

/** A signal that fires after `timeoutMs`, kept within what Node's timers can represent. */
export function deadlineSignal(timeoutMs: number): AbortSignal {
	return AbortSignal.timeout(Math.min(Math.max(1, timeoutMs), MAX_TIMER_MS));
}

/**
 * The address n8n's SSRF protection refused, when that is what failed. n8n 2.x throws its own
 * errors (SsrfBlockedIpError, SsrfBlockedHostnameError), wrapped in a NodeApiError by the
 * authenticated helper; they name the address in `ip` / `hostname`.
 */
function ssrfBlockedTarget(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const { name, ip, hostname } = current as { name?: unknown; ip?: unknown; hostname?: unknown };
		if (typeof name === 'string' && name.startsWith('SsrfBlocked')) {
			const parts = [hostname, ip].filter((part) => typeof part === 'string' && part);
			return parts.length === 2 ? `${parts[0]}, ${parts[1]}` : parts.join('');
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function isStream(body: unknown): body is BodyStream {
	return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}

function discard(body: unknown): void {
	if (isStream(body)) body.destroy();
}

/** The whole body, or undefined as soon as it grows past `maxBytes`; aborts with `signal`. */
async function readCapped(
	body: unknown,
	maxBytes: number,
	signal: AbortSignal,
): Promise<Buffer | undefined> {
	if (!isStream(body)) {
		// A helper that buffered the body already (no body at all, or a test double).
		const bytes = Buffer.isBuffer(body)
			? body
			: Buffer.from(body === undefined ? '' : String(body));
		return bytes.length > maxBytes ? undefined : bytes;
	}
	const abort = () => body.destroy(new Error('aborted'));
	signal.addEventListener('abort', abort, { once: true });
	try {
		if (signal.aborted) abort();
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of body) {
			const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += piece.length;
			if (size > maxBytes) {
				body.destroy();
				return undefined;
			}
			chunks.push(piece);
		}
		if (signal.aborted) throw new Error('aborted');
		return Buffer.concat(chunks, size);
	} finally {
		signal.removeEventListener('abort', abort);
	}
}

/** The answer's media type, lower-case and without parameters (`text/html`), if it names one. */
export function contentTypeOf(headers: IN8nHttpFullResponse['headers']): string | undefined {
	const header = headers?.['content-type'];
	const value = Array.isArray(header) ? header[0] : header;
	return typeof value === 'string' && value ? value.split(';')[0].trim().toLowerCase() : undefined;
}
