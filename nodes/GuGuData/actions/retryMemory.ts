import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** Each item's output from earlier runs of one retry, by item index. */
export type Remembered = Map<number, INodeExecutionData[]>;

/**
 * n8n's node setting Retry On Fail runs the whole node again when it throws, or when the first item
 * it outputs carries an error (as Continue On Fail's error items do), and every run of that retry
 * gets the same execute data. Items that succeeded are remembered under it, so a retry sends only
 * the items that failed: GuGuData requests cost quota. A WeakMap, so nothing outlives the run.
 */
const memory = new WeakMap<object, Remembered>();

/** The retry's key: the execute data, when Retry On Fail is on (else nothing is remembered). */
export function retryKey(context: IExecuteFunctions): object | undefined {
	if (context.getNode().retryOnFail !== true) return undefined;
	const key: unknown = context.getExecuteData?.();
	return key && typeof key === 'object' ? key : undefined;
}

/** What earlier runs of this retry produced. */
export function recall(key: object | undefined): Remembered {
	return (key && memory.get(key)) || new Map();
}

/** Keeps this run's successes (earlier ones included) for the next run of the retry. */
export function remember(key: object | undefined, successes: Remembered): void {
	if (key) memory.set(key, successes);
}
