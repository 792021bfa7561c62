/** The system error code behind a failed request (ECONNRESET, ECONNABORTED, ...), however wrapped. */
export function networkErrorCode(error: unknown): string {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		// httpRequestWithAuthentication rethrows as a NodeApiError without the cause: the system
		// code survives only as its httpCode.
		const { code, httpCode } = current as { code?: unknown; httpCode?: unknown };
		for (const value of [code, httpCode]) {
			if (typeof value === 'string' && /^[A-Z_]+$/.test(value)) return value;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return 'NETWORK_ERROR';
}

export function isTimeoutCode(code: string): boolean {
	return code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT';
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

export function isRetryableNetworkCode(code: string): boolean {
	return isTimeoutCode(code) || TRANSIENT.has(code);
}
