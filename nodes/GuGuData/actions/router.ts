import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { runPool } from '../helpers/pool';
import type { Operation } from '../transport/endpoints';
import { cancelledError } from '../transport/nodeErrors';
import { getApiTarget } from '../transport/platform';
import * as imageToText from './imageToText.operation';
import * as imageToWord from './imageToWord.operation';
import * as pdfToText from './pdfToText.operation';
import * as pdfToWord from './pdfToWord.operation';
import { recall, remember, retryKey } from './retryMemory';
import { readRequestContext } from './settings';

const operations = {
	imageToText,
	imageToWord,
	pdfToText,
	pdfToWord,
} satisfies Record<Operation, unknown>;

/**
 * Runs the chosen operation for every input item, several at once within the rate limit. Output
 * keeps input order, and each output item is paired with the input item it came from.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operationName = this.getNodeParameter('operation', 0) as Operation;
	const operation = operations[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not supported`,
		);
	}
	const context = readRequestContext(this);
	const continueOnFail = this.continueOnFail();
	let failure: { itemIndex: number; error: Error } | undefined;
	// Under Retry On Fail, items that succeeded in an earlier run are not sent again.
	const key = retryKey(this);
	const successes = recall(key);

	let perItem: Array<INodeExecutionData[] | undefined>;
	try {
		perItem = await runPool(
			items.length,
			context.requestsInFlight,
			async (itemIndex): Promise<INodeExecutionData[]> => {
				const earlier = successes.get(itemIndex);
				if (earlier) return earlier;
				try {
					const target = await getApiTarget.call(this, itemIndex);
					const results = await operation.execute.call(this, itemIndex, target, context);
					const paired = results.map((result) => ({ ...result, pairedItem: { item: itemIndex } }));
					successes.set(itemIndex, paired);
					return paired;
				} catch (error) {
					if (continueOnFail) return [errorItem(this, error, itemIndex)];
					// Without Continue On Fail the node stops at the first failing item in input order.
					if (!failure || itemIndex < failure.itemIndex) failure = { itemIndex, error };
					return [];
				}
			},
			// Once cancelled, no new item starts; the ones in flight end at once.
			() => failure !== undefined || context.signal.aborted,
		);
	} finally {
		// The process's shared GuGuData budgets no longer count this execution's ceiling.
		context.budget.end();
	}

	if (context.signal.aborted) throw cancelledError(this.getNode(), 0);
	remember(key, successes);

	if (failure) {
		const { error, itemIndex } = failure;
		// Both constructors hand back an error of their own class unchanged.
		if (error instanceof NodeApiError) {
			throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
		}
		throw new NodeOperationError(this.getNode(), error, { itemIndex });
	}
	return [perItem.flatMap((results) => results ?? [])];
}

/**
 * The error item of Continue On Fail, paired with its input. Under "Continue (using error output)"
 * n8n sends an item down the error output when its JSON is `{ error }` or `{ error, message }`
 * (n8n 1.x; 2.x also takes `details`), or when it carries n8n's own `error` property, after which
 * n8n cuts the JSON down to the message alone. So the description goes in `message`, and n8n adds
 * the input item's fields. Under "Continue" the item stays on the main output with the documented
 * `{ error, description, httpCode }`.
 */
function errorItem(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): INodeExecutionData {
	const json = errorJson(error);
	if (context.getNode().onError === 'continueErrorOutput') {
		const { error: message, description } = json;
		const advice = description && { message: description };
		return { json: { error: message, ...advice }, pairedItem: { item: itemIndex } };
	}
	return { json, pairedItem: { item: itemIndex } };
}

/** The error item's JSON: message, description and HTTP code, as the node would have stopped with. */
function errorJson(error: unknown): IDataObject {
	const { message, description, httpCode } = error as {
		message?: string;
		description?: string | null;
		httpCode?: string | null;
	};
	return {
		error: message ?? String(error),
		...(description && { description }),
		...(httpCode && { httpCode }),
	};
}
