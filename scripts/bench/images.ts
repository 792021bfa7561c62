/** The benchmark's images: seeded PNGs, made in memory or written to a folder beforehand. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { makeBigPng, makePng } from '../../test/fixtures/images';

export interface ImageSet {
	count: number;
	/** Size of each PNG in bytes; 0 for a small 16 x 16 PNG. */
	bytes: number;
	/** Makes every image distinct (and distinct from other sets). */
	seed: string;
	/**
	 * A folder of image-<index>.png files made by writeImageFiles(), streamed in instead of made
	 * in the child, so no image bytes linger in its memory before the node under test runs.
	 */
	dir?: string;
}

export const imageFileName = (index: number) => `image-${index}.png`;

export function imageBytes(set: ImageSet, index: number): Buffer {
	const seed = `${set.seed}-${index}`;
	return set.bytes > 0 ? makeBigPng(set.bytes, seed) : makePng(seed);
}

/** Writes the set's images to `dir`, for a run with `{ ...set, dir }`. */
export async function writeImageFiles(set: ImageSet, dir: string): Promise<void> {
	for (let index = 0; index < set.count; index++) {
		await writeFile(path.join(dir, imageFileName(index)), imageBytes(set, index));
	}
}
