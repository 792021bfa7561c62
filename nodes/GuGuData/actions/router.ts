import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';

import type { Operation } from '../transport/endpoints';
import { getApiTarget } from '../transport/platform';
import * as imageToText from './imageToText.operation';
import * as imageToWord from './imageToWord.operation';
import { readSettings } from './settings';

const operations = { imageToText, imageToWord } satisfies Record<Operation, unknown>;

/** Runs the chosen operation for every input item; each output item is paired with its input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operationName = this.getNodeParameter('operation', 0) as keyof typeof operations;
	const operation = operations[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported`);
	}
	const settings = readSettings(this);
	const returnData: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const target = await getApiTarget.call(this, itemIndex);
			const results = await operation.execute.call(this, itemIndex, target, settings);
			for (const result of results) returnData.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
				continue;
			}
			// Both constructors hand back an error of their own class unchanged.
			if (error instanceof NodeApiError) {
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [returnData];
}

/** The error item of Continue On Fail: the same words the node would have stopped with. */
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
