/**
 * The bytes of a binary property in an execution's output, in either of n8n's binary modes: inline
 * base64 (mode "default", n8n 1.x's default) or a file named by the item's binary id (filesystem
 * mode, n8n 2.x's default). A filesystem id is `filesystem-v2:<path>` (or `filesystem:<path>`),
 * the path relative to the storage folder: <user>/.n8n/storage in 2.x, <user>/.n8n/binaryData in
 * 1.x, or N8N_STORAGE_PATH / N8N_BINARY_DATA_STORAGE_PATH when set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { BinaryRef } from './cli';

export function readBinary(
	userFolder: string,
	binary: BinaryRef | undefined,
	env = process.env,
): Buffer {
	if (!binary) throw new Error('no binary property');
	if (!binary.id) return Buffer.from(binary.data ?? '', 'base64');
	const match = /^(filesystem(?:-v2)?):(.+)$/.exec(binary.id);
	if (!match) throw new Error(`binary ${binary.id}: only filesystem mode can be read from disk`);
	const folders = [
		env.N8N_STORAGE_PATH,
		env.N8N_BINARY_DATA_STORAGE_PATH,
		join(userFolder, '.n8n', 'storage'),
		join(userFolder, '.n8n', 'binaryData'),
	].filter((folder): folder is string => !!folder);
	for (const folder of folders) {
		const file = join(folder, match[2]);
		if (existsSync(file)) return readFileSync(file);
	}
	throw new Error(`binary ${binary.id}: no file under ${folders.join(' or ')}`);
}
