/** Turns recognised lines into a stored .docx and its public URL. */
import type { ApiState } from './context';
import { DOCX_CONTENT_TYPE, buildDocx } from './docx-writer';
import { FileStore } from './file-store';

export const MAX_FILENAME_CHARS = 128;

export type FileNameCheck = { ok: true; name?: string } | { ok: false; message: string };

/**
 * The international `filename` field: at most 128 characters, '.docx' added when missing.
 * Characters that no file system takes are replaced by '_' rather than refused.
 */
export function wordFileName(raw: string | undefined): FileNameCheck {
	const trimmed = raw?.trim();
	if (!trimmed) return { ok: true };
	if ([...trimmed].length > MAX_FILENAME_CHARS) {
		return { ok: false, message: `filename must be at most ${MAX_FILENAME_CHARS} characters.` };
	}
	const safe = trimmed.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
	return { ok: true, name: /\.docx$/i.test(safe) ? safe : `${safe}.docx` };
}

export function storeWordFile(state: ApiState, lines: string[], name?: string): string {
	const file = state.files.put(name, buildDocx(lines), DOCX_CONTENT_TYPE);
	return FileStore.url(state.origin, file);
}
