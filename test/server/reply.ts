/** A prepared answer: handlers build one, the server adds latency/faults and writes it. */
import { STATUS_CODES } from 'node:http';

import { describe, envelope } from './envelope';
import type { DripOptions, Platform } from './types';

export const JSON_TYPE = 'application/json; charset=utf-8';

export interface Reply {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
	/** Envelope status code, for the request log. */
	code?: number;
	/** Reset the connection instead of answering. */
	reset?: boolean;
	/** Extra wait before answering (a fixture's delayMs). */
	delayMs?: number;
	/** Send the body a few bytes at a time (a fixture's drip). */
	drip?: DripOptions;
}

/** How a fixture paces its answer: a wait before it, and a drip of its body. */
export type Pace = Pick<Reply, 'delayMs' | 'drip'>;

export interface EnvelopeReplyInput {
	status: number;
	code: number;
	description?: string;
	data?: unknown;
	headers?: Record<string, string>;
	extended?: { requestParameter: string };
}

export function envelopeReply(platform: Platform, input: EnvelopeReplyInput): Reply {
	const text = envelope(platform, {
		code: input.code,
		description: input.description ?? describe(platform, input.code),
		data: input.data ?? null,
		extended: input.extended,
	});
	return {
		status: input.status,
		headers: { 'Content-Type': JSON_TYPE, ...input.headers },
		body: Buffer.from(text, 'utf8'),
		code: input.code,
	};
}

export function rawReply(
	status: number,
	body: string | Buffer,
	contentType: string,
	headers: Record<string, string> = {},
): Reply {
	return {
		status,
		headers: { 'Content-Type': contentType, ...headers },
		body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
	};
}

/** The kind of page a CDN or gateway in front of the API answers with (nginx style). */
export function gatewayPage(status: number, headers: Record<string, string> = {}): Reply {
	const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
	const html =
		`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
		`<center><h1>${title}</h1></center>\r\n<hr><center>cdn</center>\r\n</body>\r\n</html>\r\n`;
	return rawReply(status, html, 'text/html; charset=utf-8', headers);
}
