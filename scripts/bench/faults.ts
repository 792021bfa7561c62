/**
 * The fault mix of the soak test (test/node/faults.soak.ts), for the bench's run under faults.
 * Kept in step by hand: the soak cannot be imported (it registers jest tests).
 */
import type { FaultOptions } from '../../test/server';

export const SOAK_FAULTS: FaultOptions = {
	rate429: 0.03,
	retryAfter: '1',
	rate503: 0.03,
	rateReset: 0.02,
	rateSlow: 0.02,
	slowMs: 2500,
	rateMalformed: 0.02,
	seed: 'soak-300',
};

/** The soak's node options: a 1 s timeout (its minimum) and 8 retries. */
export const SOAK_OPTIONS = { timeout: 1, retries: 8 };
