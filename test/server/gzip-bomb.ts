/**
 * A gzip bomb, for clients' size caps: a small gzip body that inflates to N MiB of what starts as a
 * success envelope, its first result line one giant string that never closes, so it is never valid
 * JSON even when read whole. 1024 MiB inflated is ~1 MiB of gzip, built in milliseconds.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

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

/**
 * Deflates a piece on its own, ending in a full flush: byte-aligned, and nothing after it refers
 * back into it, so pieces of the same bytes give the same deflate bytes and can follow each other.
 * Z_RLE: the text is one long run, and run-length matching is 4x faster than the default.
 */
const deflatePiece = (bytes: Buffer) =>
	deflateRawSync(bytes, {
		level: 9,
		strategy: constants.Z_RLE,
		finishFlush: constants.Z_FULL_FLUSH,
	});

/** The deflate of one MiB of fill, and the CRC-32 operator for appending a MiB: made once. */
let fillPiece: { deflated: Buffer; crc: number; appendMiB: Uint32Array } | undefined;

/**
 * The gzip of prefix + fill: the prefix and the odd part of the fill, then one deflated MiB of
 * fill repeated (the inflated text is never in memory, nor deflated more than once), then an
 * empty final block, with the CRC-32 of the whole worked out from the pieces' CRCs.
 */
function build(platform: Platform, size: number): Buffer {
	fillPiece ??= {
		deflated: deflatePiece(FILL),
		crc: crc32(FILL),
		appendMiB: crc32ZerosOperator(MIB),
	};
	const prefix = Buffer.from(bombPrefix(platform), 'utf8').subarray(0, size);
	const fill = size - prefix.length;
	const head = Buffer.concat([prefix, FILL.subarray(0, fill % MIB)]);
	const parts: Buffer[] = [deflatePiece(head)];
	let crc = crc32(head);
	for (let piece = 0; piece < Math.floor(fill / MIB); piece++) {
		parts.push(fillPiece.deflated);
		crc = (gf2Times(fillPiece.appendMiB, crc) ^ fillPiece.crc) >>> 0;
	}
	parts.push(deflateRawSync(Buffer.alloc(0)));
	// RFC 1952: magic, deflate, no flags, no time, no extra flags, unknown OS; CRC-32 and size last.
	const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
	const trailer = Buffer.alloc(8);
	trailer.writeUInt32LE(crc, 0);
	trailer.writeUInt32LE(size % 2 ** 32, 4);
	return Buffer.concat([header, ...parts, trailer]);
}

/** The gzip bytes of a bomb inflating to exactly `mib` MiB (rounded to a byte); cached. */
export function gzipBomb(platform: Platform, mib: number): Promise<Buffer> {
	const size = Math.max(0, Math.round((Number.isFinite(mib) ? mib : 0) * MIB));
	const key = `${platform}:${size}`;
	let bomb = built.get(key);
	if (!bomb) {
		bomb = Promise.resolve().then(() => build(platform, size));
		built.set(key, bomb);
		bomb.catch(() => built.delete(key));
	}
	return bomb;
}

/*
 * CRC-32 arithmetic (zlib's crc32_combine): appending n zero bytes to a message is a linear map of
 * its CRC over GF(2), a 32x32 bit matrix; crc(a + b) = zeros(len b)(crc a) ^ crc b.
 */

/** The matrix times a vector of 32 bits. */
function gf2Times(matrix: Uint32Array, vector: number): number {
	let sum = 0;
	for (let row = 0; vector !== 0; row++, vector >>>= 1) {
		if (vector & 1) sum ^= matrix[row];
	}
	return sum >>> 0;
}

/** The product of two operators: `first`, then `second`. */
function gf2Then(first: Uint32Array, second: Uint32Array): Uint32Array {
	return first.map((column) => gf2Times(second, column));
}

/** The operator appending `bytes` zero bytes to a message's CRC-32. */
function crc32ZerosOperator(bytes: number): Uint32Array {
	// One zero bit: shift right, folding in the reflected polynomial when a one falls off.
	let power: Uint32Array = new Uint32Array(32);
	power[0] = 0xedb88320;
	for (let row = 1; row < 32; row++) power[row] = 1 << (row - 1);
	// Squared three times: one zero byte.
	for (let square = 0; square < 3; square++) power = gf2Then(power, power);
	let result: Uint32Array | undefined;
	for (let left = bytes; left > 0; left = Math.floor(left / 2)) {
		if (left % 2 === 1) result = result ? gf2Then(result, power) : power;
		power = gf2Then(power, power);
	}
	return result ?? Uint32Array.from({ length: 32 }, (_, row) => 2 ** row);
}
