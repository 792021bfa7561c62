/**
 * A gzip bomb, for clients' size caps: a small gzip body that inflates to N MiB of what starts as a
 * success envelope, its first result line one giant string that never closes, so it is never valid
 * JSON even when read whole. About 1 s per GiB inflated here (1024 MiB: ~1 MiB of gzip).
 */
import { constants, createGzip } from 'node:zlib';

import { describe, envelope } from './envelope';
import type { Platform } from './types';

const MIB = 1024 * 1024;
const FILL = Buffer.alloc(MIB, 'A');

/** Per platform and size, for the process (responseDateTime stays that of the first build). */
const built = new Map<string, Promise<Buffer>>();

/** The success envelope up to and including the opening quote of its first result line. */
export function bombPrefix(platform: Platform): string {
	const code = platform === 'international' ? 200 : 100;
	const field = platform === 'international' ? 'resultText' : 'ResultText';
	const data = { [field]: [''] };
	const text = envelope(platform, { code, description: describe(platform, code), data });
	return text.slice(0, text.lastIndexOf('""') + 1);
}

/** Streams the text through gzip a MiB at a time: the inflated text is never held in memory. */
function build(platform: Platform, size: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		// Z_RLE: the text is one long run, and run-length matching is 4x faster than the default.
		const gzip = createGzip({ level: 9, strategy: constants.Z_RLE, chunkSize: 64 * 1024 });
		const out: Buffer[] = [];
		gzip.on('data', (piece: Buffer) => out.push(piece));
		gzip.on('end', () => resolve(Buffer.concat(out)));
		gzip.on('error', reject);
		const prefix = Buffer.from(bombPrefix(platform), 'utf8').subarray(0, size);
		let left = size - prefix.length;
		gzip.write(prefix);
		const pump = () => {
			while (left > 0) {
				const piece = FILL.subarray(0, Math.min(left, MIB));
				left -= piece.length;
				if (!gzip.write(piece)) return void gzip.once('drain', pump);
			}
			gzip.end();
		};
		pump();
	});
}

/** The gzip bytes of a bomb inflating to exactly `mib` MiB (rounded to a byte); cached. */
export function gzipBomb(platform: Platform, mib: number): Promise<Buffer> {
	const size = Math.max(0, Math.round((Number.isFinite(mib) ? mib : 0) * MIB));
	const key = `${platform}:${size}`;
	let bomb = built.get(key);
	if (!bomb) {
		bomb = build(platform, size);
		built.set(key, bomb);
		bomb.catch(() => built.delete(key));
	}
	return bomb;
}
