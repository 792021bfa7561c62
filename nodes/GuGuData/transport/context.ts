import type { UrlPolicy } from '../helpers/urlPolicy';
import type { Clock } from './clock';
import type { ExecutionBudget } from './executionBudget';
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
	/** Every GuGuData request waits its turn here: the node's own rate, then the process's. */
	budget: ExecutionBudget;
	retry: RetryPolicy;
	/** The execution's cancel signal: aborts requests and waits, and stops new items. */
	signal: AbortSignal;
	clock: Clock;
	/** Which addresses files may be downloaded from. */
	urlPolicy: UrlPolicy;
}
