/** Writes a body in 64 KiB pieces, waiting for the socket to drain, so big bodies really stream. */
import type { ServerResponse } from 'node:http';

const PIECE = 64 * 1024;

function drainOrClose(res: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

/**
 * Writes `bytes` after the headers the caller has set and ends the answer. Resolves true when it
 * was all handed over, false when the client (or the closing server) went first: nothing more is
 * written then.
 */
export async function writeInPieces(
	res: ServerResponse,
	bytes: Buffer,
	signal?: AbortSignal,
): Promise<boolean> {
	for (let at = 0; at < bytes.length; at += PIECE) {
		if (res.destroyed || signal?.aborted) return false;
		if (!res.write(bytes.subarray(at, at + PIECE))) await drainOrClose(res);
	}
	if (res.destroyed || signal?.aborted) return false;
	res.end();
	return true;
}
