/** An answer that trickles: headers at once, then a few bytes at a time, for client timeouts. */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

import type { DripOptions } from './types';

/** Query values and options from tests may be junk: fall back rather than spin or stall. */
function positive(value: number | undefined, fallback: number, min: number): number {
	return value !== undefined && Number.isFinite(value) && value >= min ? value : fallback;
}

/**
 * Sends status and headers (with the full Content-Length) and flushes them, then `chunkBytes`
 * (default 1) bytes of `body` every `intervalMs`, the first one interval after the headers and
 * the answer ending with the last: ceil(length / chunkBytes) * intervalMs in all. Resolves true
 * when all was sent, false when the client went away first: the timer stops then, so nothing is
 * written into a closed socket.
 */
export function dripAnswer(
	res: ServerResponse,
	status: number,
	headers: OutgoingHttpHeaders,
	body: Buffer,
	options: DripOptions,
): Promise<boolean> {
	const step = Math.floor(positive(options.chunkBytes, 1, 1));
	const interval = positive(options.intervalMs, 0, 0);
	return new Promise((resolve) => {
		if (res.destroyed) return resolve(false);
		res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
		res.flushHeaders();
		let at = 0;
		let timer: NodeJS.Timeout | undefined;
		const stop = () => {
			clearTimeout(timer);
			res.off('drain', schedule);
			resolve(false);
		};
		function schedule() {
			timer = setTimeout(next, interval);
		}
		const end = (piece?: Buffer) => {
			res.off('close', stop);
			res.end(piece);
			resolve(true);
		};
		function next() {
			if (res.destroyed) return stop();
			const piece = body.subarray(at, (at += step));
			if (at >= body.length) return end(piece);
			// A client that stops reading holds the drip back instead of filling memory.
			if (res.write(piece)) schedule();
			else res.once('drain', schedule);
		}
		res.once('close', stop);
		if (body.length === 0) end();
		else schedule();
	});
}
