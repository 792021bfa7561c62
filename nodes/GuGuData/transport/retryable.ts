/**
 * What is worth another try, for GuGuData requests and downloads alike: one list of statuses, one
 * of application codes, one of connection failures.
 */

/** Request timeout, rate limit, and server errors that pass. */
export const RETRYABLE_HTTP_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** The China platform's rate limit (102) and "could not process" (110), sent with HTTP 200. */
export const RETRYABLE_API_CODES: ReadonlySet<number> = new Set([102, 110]);

/** The system error code behind a failed request (ECONNRESET, ECONNABORTED, ...), however wrapped. */
export function networkErrorCode(error: unknown): string {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		// n8n's helpers rethrow as a NodeApiError without the cause: the system code survives only
		// as its httpCode.
		const { code, httpCode } = current as { code?: unknown; httpCode?: unknown };
		for (const value of [code, httpCode]) {
			if (typeof value === 'string' && /^[A-Z_]+$/.test(value)) return value;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return 'NETWORK_ERROR';
}

/** Failures of the connection itself that a later try may not meet. */
const TRANSIENT = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_BAD_RESPONSE',
	'NETWORK_ERROR',
]);

/** Timeouts the system itself reports (the node's own deadline is told apart before this). */
export function isTimeoutCode(code: string): boolean {
	return code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT';
}

export function isRetryableNetworkCode(code: string): boolean {
	return isTimeoutCode(code) || TRANSIENT.has(code);
}
