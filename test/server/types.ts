/** Public types of the local GuGuData-compatible server. */
import type { IncomingHttpHeaders } from 'node:http';

import type { FixtureRegistry } from './fixture-registry';

export type Platform = 'international' | 'china';

/** active: works; arrears: China 103 / international 403; forbidden: HTTP 403 on both. */
export type KeyState = 'active' | 'arrears' | 'forbidden';

/**
 * Send the answer's body a few bytes at a time once status and headers are out: chunkBytes
 * (default 1) every intervalMs, so the body's length sets how long it takes.
 */
export interface DripOptions {
	intervalMs: number;
	chunkBytes?: number;
}

/** What the service "reads" in an image: returned byte-exact, one entry per line. */
export interface LinesOutcome {
	lines: string[];
	delayMs?: number;
	/** Drip the success answer. */
	drip?: DripOptions;
}

/**
 * A response forced for one image. International: `code` alone maps to the HTTP status of the
 * same meaning (101->400, 102->429, 103->403, 104->401, 110->500). China: `status` alone is a
 * gateway/CDN answer (an HTML page), `code` alone is HTTP 200 with that StatusCode.
 */
export interface ForcedOutcome {
	status?: number;
	code?: number;
	description?: string;
	/** Replaces `data` / `Data` in the envelope (default null). */
	data?: unknown;
	headers?: Record<string, string>;
	/** Sent verbatim instead of an envelope; content type application/json unless given. */
	rawBody?: string;
	contentType?: string;
	delayMs?: number;
	/** Reset the TCP connection instead of answering. */
	reset?: boolean;
	/** Drip the body this outcome gives (envelope, rawBody or gzip bomb). */
	drip?: DripOptions;
	/**
	 * A gzip bomb: Content-Encoding gzip, inflating to this many MiB of a success envelope whose
	 * first result line never ends (never valid JSON). Status and headers as forced, default 200.
	 */
	gzipInflatedMiB?: number;
}

/** What the service reads in a PDF, one entry per page, returned byte-exact. */
export interface PagesOutcome {
	pages: string[];
	delayMs?: number;
	/** Drip the success answer. */
	drip?: DripOptions;
}

export type Outcome = LinesOutcome | PagesOutcome | ForcedOutcome;

export function isLinesOutcome(outcome: Outcome): outcome is LinesOutcome {
	return Array.isArray((outcome as LinesOutcome).lines);
}

export function isPagesOutcome(outcome: Outcome): outcome is PagesOutcome {
	return Array.isArray((outcome as PagesOutcome).pages);
}

/** Text a fixture gives, whatever it was registered as: a lines fixture is one page. */
export function pagesOf(outcome: LinesOutcome | PagesOutcome): string[] {
	if (isPagesOutcome(outcome)) return [...outcome.pages];
	return outcome.lines.length ? [outcome.lines.join('\n')] : [];
}

/** Lines a fixture gives, whatever it was registered as: every page's lines, in order. */
export function linesOf(outcome: LinesOutcome | PagesOutcome): string[] {
	if (isLinesOutcome(outcome)) return [...outcome.lines];
	return outcome.pages.flatMap((page) => page.split('\n'));
}

/**
 * Outcomes in turn: each API request whose image reaches recognition takes the next one, and the
 * last one repeats. E.g. fail twice, then succeed: `{ sequence: [{ status: 503 }, { code: 102 },
 * { lines: ['OK'] }] }`. The count restarts when the image is registered again and on reset().
 */
export interface SequenceOutcome {
	sequence: Outcome[];
}

/** What a registered image gives: one outcome every time, or a sequence. */
export type FixtureOutcome = Outcome | SequenceOutcome;

export function isSequenceOutcome(outcome: FixtureOutcome): outcome is SequenceOutcome {
	return Array.isArray((outcome as SequenceOutcome).sequence);
}

export interface FixtureEntry {
	bytes: Uint8Array;
	outcome: FixtureOutcome;
}

/** Fault injection on API endpoints: rates are probabilities in [0, 1], from a seeded PRNG. */
export interface FaultOptions {
	rate429?: number;
	/** Retry-After sent with injected 429s: seconds or an HTTP date; null sends none. Default '1'. */
	retryAfter?: string | null;
	rate503?: number;
	rateReset?: number;
	rateSlow?: number;
	/** Delay of a slow answer. Default 3000. */
	slowMs?: number;
	/** Answer normally but cut the body in half. */
	rateMalformed?: number;
	seed?: string | number;
}

export interface RateLimitOptions {
	/** More API requests than this admitted from one IP within any rolling 1000 ms get HTTP 429. */
	perSecond: number;
	/** Default '1'. */
	retryAfter?: string;
}

/** Options that setOptions() can change between tests. */
export interface TunableOptions {
	keys?: string[] | Record<string, KeyState>;
	/**
	 * What an image or PDF not in the registry gives. Default { lines: [] } (no readable text);
	 * 'recognise' reads it for real (tesseract.js, English; pdf.js; see ocr/index.ts).
	 */
	defaultOutcome?: Outcome | 'recognise';
	/** Added before every API answer. */
	latencyMs?: number;
	rateLimit?: RateLimitOptions | null;
	faults?: FaultOptions | null;
	/** China imageurl download timeout. Default 5000. */
	downloadTimeoutMs?: number;
	/** China ocr2word on an image without text: a docx with no paragraphs (default) or code 110. */
	chinaEmptyWord?: 'empty-docx' | 'code110';
	/** Adds the newer envelope fields Status and RequestParameter. Default false. */
	extendedEnvelope?: boolean;
	/** Let the China server download non-loopback image URLs. Default false. */
	allowRemoteDownloads?: boolean;
	/**
	 * How China's pdf2text joins a PDF's pages into its one string: with line breaks (default; no
	 * page boundaries, as documented) or with form feeds, as PDF text extractors write them.
	 */
	chinaPdfPages?: 'joined' | 'formFeeds';
}

export interface GuGuServerOptions extends TunableOptions {
	platform: Platform;
	/** Default 0 (ephemeral). */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** A registry object (shared if passed to several servers) or entries to register. */
	fixtures?: FixtureRegistry | FixtureEntry[];
}

export interface UploadLog {
	field: string;
	name: string;
	type: string;
	size: number;
	sha256: string;
}

export type FaultKind = '429' | '503' | 'reset' | 'slow' | 'malformed';

export interface RequestLogEntry {
	id: number;
	/** Date.now() when the request arrived. */
	time: number;
	area: 'api' | 'files' | 'assets' | 'other';
	/** API endpoint name: ocr, ocr2word, demo, imagestreamocr, pdf2text, pdf2word. */
	endpoint?: string;
	clientIp: string;
	method: string;
	path: string;
	/** First value of each query parameter; the appkey value is '[REDACTED]'. */
	query: Record<string, string>;
	appKeyPresent: boolean;
	appKeySource?: 'query' | 'body';
	contentType?: string;
	/** Names of the non-file form fields, in order. */
	fields: string[];
	files: UploadLog[];
	/** sha256 of the image or PDF bytes that reached recognition (upload, base64 or download). */
	imageSha256?: string;
	/** China imageurl as sent. */
	imageUrl?: string;
	status: number;
	/** Envelope status code, when the answer was an envelope. */
	code?: number;
	fault?: FaultKind | 'rate-limit';
	/** Until the answer started: status and headers written (the body too, unless it streams). */
	durationMs: number;
	/** Date.now() when the answer was all sent or the client went away; unset while it is open. */
	endTime?: number;
	/** True when the client closed the connection before the answer was all sent. */
	clientClosed?: boolean;
	/** /assets and /files only: the raw query string and request headers, to prove no key leaked. */
	rawQuery?: string;
	headers?: IncomingHttpHeaders;
}

export interface ServerStats {
	requests: number;
	apiRequests: number;
	/** API answers per HTTP status. */
	byStatus: Record<number, number>;
	/** API answers per envelope status code. */
	byCode: Record<number, number>;
	/** Every API 429, whatever caused it. */
	emitted429: number;
	/** 429s from the qps limiter alone. */
	rateLimited: number;
	faults: Record<string, number>;
	inFlight: number;
	maxInFlight: number;
	/** Most API requests started within any rolling 1000 ms window (all IPs). */
	maxPerSecond: number;
	/** Requests in every area whose answer is not all sent and whose client is still there. */
	openRequests: number;
}
