/** Reads request bodies and parses the two form encodings the API takes. */
import type { IncomingMessage } from 'node:http';

export interface RawBody {
	bytes: Buffer;
	/** More than `limit` bytes arrived: the rest was drained and dropped. */
	overflow: boolean;
}

/** Always drains the whole body, so an early error answer never breaks the client's upload. */
export function readBody(req: IncomingMessage, limit: number): Promise<RawBody> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let overflow = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) overflow = true;
			else chunks.push(chunk);
		});
		req.on('end', () =>
			resolve({ bytes: overflow ? Buffer.alloc(0) : Buffer.concat(chunks), overflow }),
		);
		req.on('error', reject);
		req.on('aborted', () => reject(new Error('request aborted')));
	});
}

/** The lower-cased media type without parameters, e.g. 'multipart/form-data'. */
export function mediaType(contentType: string | undefined): string {
	return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export interface UploadedFile {
	field: string;
	name: string;
	type: string;
	bytes: Buffer;
}

export interface ParsedForm {
	/** Names of the string fields, in order, repeats kept (for the request log). */
	fieldNames: string[];
	/** First string value of each field. */
	fields: Map<string, string>;
	/** First file of each field (a part with a filename). */
	files: Map<string, UploadedFile>;
	/** Files in order, for the request log. */
	fileList: UploadedFile[];
}

function emptyForm(): ParsedForm {
	return { fieldNames: [], fields: new Map(), files: new Map(), fileList: [] };
}

/** multipart/form-data through undici's own parser (the global Request); throws when malformed. */
export async function parseMultipart(bytes: Buffer, contentType: string): Promise<ParsedForm> {
	const request = new Request('http://127.0.0.1/', {
		method: 'POST',
		headers: { 'content-type': contentType },
		body: bytes,
	});
	const form = emptyForm();
	for (const [name, value] of await request.formData()) {
		if (typeof value === 'string') {
			form.fieldNames.push(name);
			if (!form.fields.has(name)) form.fields.set(name, value);
			continue;
		}
		const file: UploadedFile = {
			field: name,
			name: value.name,
			type: value.type,
			bytes: Buffer.from(await value.arrayBuffer()),
		};
		form.fileList.push(file);
		if (!form.files.has(name)) form.files.set(name, file);
	}
	return form;
}

export function parseUrlEncoded(bytes: Buffer): ParsedForm {
	const form = emptyForm();
	for (const [name, value] of new URLSearchParams(bytes.toString('utf8'))) {
		form.fieldNames.push(name);
		if (!form.fields.has(name)) form.fields.set(name, value);
	}
	return form;
}
