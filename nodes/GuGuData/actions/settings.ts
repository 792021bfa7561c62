import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Node-wide options that shape every request of an execution. */
export interface RequestSettings {
	/** Milliseconds to wait for one answer (GuGuData or a download). */
	timeout: number;
}

/** The node's Options collection: shared options plus those of the operations. */
export const optionsProperty = (operationOptions: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
			description:
				'How long to wait for one answer from GuGuData, or for an image or Word file to download. Recognising a 10 MiB image can take a while.',
		},
		...operationOptions,
	],
});

export function readSettings(context: IExecuteFunctions): RequestSettings {
	const options = context.getNodeParameter('options', 0, {}) as { timeout?: number };
	const seconds = Number(options.timeout) > 0 ? Number(options.timeout) : 120;
	return { timeout: Math.round(seconds * 1000) };
}
