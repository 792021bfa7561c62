/** Serves generated Word files as public links: no appkey, like GuGuData's file host. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { FileStore } from './file-store';

export const FILES_PREFIX = '/files/';

/** Answers GET/HEAD /files/<id>/<name> and returns the status sent. */
export function serveFile(
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	store: FileStore,
): number {
	const head = req.method === 'HEAD';
	if (req.method !== 'GET' && !head) {
		res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': '0' }).end();
		return 405;
	}
	const [id, ...rest] = url.pathname.slice(FILES_PREFIX.length).split('/');
	let name: string;
	try {
		name = decodeURIComponent(rest.join('/'));
	} catch {
		name = '';
	}
	const file = store.get(id);
	if (!file || file.name !== name) {
		res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '10' });
		res.end(head ? undefined : 'Not Found\n');
		return 404;
	}
	res.writeHead(200, {
		'Content-Type': file.contentType,
		'Content-Length': String(file.bytes.length),
		'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
	});
	res.end(head ? undefined : file.bytes);
	return 200;
}
