import type { UrlPolicy } from '../helpers/urlPolicy';
import type { Clock } from './clock';
import type { RateLimiter } from './rateLimiter';
import type { RetryPolicy } from './retry';

/**
 * How every request of one execution is made: GuGuData requests and downloads alike. Built once
 * per execution from the node's options.
 */
export interface RequestContext {
	/** The deadline of one attempt's whole exchange: connect, headers and body. */
	timeoutMs: number;
	/** Items processed at once; each has at most one request in flight. */
	requestsInFlight: number;
	/** Shared by all items, so the execution keeps to GuGuData's requests per second. */
	limiter: RateLimiter;
	retry: RetryPolicy;
	/** The execution's cancel signal: aborts requests and waits, and stops new items. */
	signal: AbortSignal;
	clock: Clock;
	/** Which addresses files may be downloaded from. */
	urlPolicy: UrlPolicy;
}
