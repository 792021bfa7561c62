import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Process environment for the engine. Imported before anything from n8n: @n8n/config reads these
 * variables when n8n-core first builds its config objects, and the folder must be a throw-away one
 * so tests never touch a real ~/.n8n.
 */
export const harnessDir = mkdtempSync(path.join(tmpdir(), 'n8n-harness-'));

process.env.N8N_USER_FOLDER = harnessDir;
process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(harnessDir, 'binaryData');
// n8n 2.x's own default on a regular instance; engine.ts switches modes per run.
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
// A fixed key keeps InstanceSettings from generating one and warning about it.
process.env.N8N_ENCRYPTION_KEY ??= 'n8n-harness-encryption-key';
// n8n's logger is chatty at info level; N8N_LOG_LEVEL=debug in the shell brings it back.
process.env.N8N_LOG_LEVEL ??= 'silent';

const removeHarnessDir = () => rmSync(harnessDir, { recursive: true, force: true });

// Jest gives every test file its own module registry, so this runs once per file. afterAll is
// only allowed at a file's top level; anywhere else, clean up when the process exits.
try {
	afterAll(removeHarnessDir);
} catch {
	process.once('exit', removeHarnessDir);
}
