import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** Passes its input through, to check what a downstream node receives. */
export class Collect implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Collect',
		name: 'collect',
		group: ['transform'],
		version: 1,
		description: 'Passes items through unchanged',
		defaults: { name: 'Collect' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
