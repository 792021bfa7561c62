import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/**
 * n8n's error classes swap any message that contains a system error code, case-insensitively
 * (ECONNRESET, but also the EPERM in a file named "sleeperm.png"), for a generic sentence. Ours
 * name the file, the URL or the step that failed, so they are put back after construction.
 */
export function keepMessage<T extends NodeApiError | NodeOperationError>(
	error: T,
	message: string,
): T {
	error.message = message;
	error.messages = error.messages.filter((entry) => entry !== message);
	return error;
}

/** Bad input, refused before anything is sent: a NodeOperationError that keeps our words. */
export function inputError(
	node: INode,
	itemIndex: number,
	message: string,
	description: string,
): NodeOperationError {
	return keepMessage(new NodeOperationError(node, message, { itemIndex, description }), message);
}

/** A failure of GuGuData or of a download: a NodeApiError that keeps our words. */
export function serviceError(
	node: INode,
	cause: JsonObject,
	options: { message: string; description: string; itemIndex: number; httpCode?: string },
): NodeApiError {
	return keepMessage(new NodeApiError(node, cause, options), options.message);
}

/**
 * The execution was stopped while this item's request or wait was under way. Worded as n8n words
 * it: n8n files an execution whose error says "canceled" as canceled rather than failed.
 */
export function cancelledError(node: INode, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, 'The execution was canceled', {
		itemIndex,
		description: 'Requests in flight were stopped and no further items were sent.',
	});
}
