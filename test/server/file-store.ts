/** Generated Word files, served as public links under /files/<id>/<name>. */
import { randomBytes } from 'node:crypto';

export interface StoredFile {
	id: string;
	name: string;
	contentType: string;
	bytes: Buffer;
}

export class FileStore {
	private readonly files = new Map<string, StoredFile>();

	/** Without a name the file is called <id>.docx-style: `${id}${defaultExtension}`. */
	put(
		name: string | undefined,
		bytes: Buffer,
		contentType: string,
		defaultExtension = '.docx',
	): StoredFile {
		const id = randomBytes(12).toString('hex');
		const file = { id, name: name ?? `${id}${defaultExtension}`, contentType, bytes };
		this.files.set(file.id, file);
		return file;
	}

	get(id: string): StoredFile | undefined {
		return this.files.get(id);
	}

	/** The public URL of a stored file. */
	static url(origin: string, file: StoredFile): string {
		return `${origin}/files/${file.id}/${encodeURIComponent(file.name)}`;
	}
}
