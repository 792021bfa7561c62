import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { jsonParse, NodeConnectionTypes } from 'n8n-workflow';

/** One binary file of an item, as bytes in base64 so it fits a node parameter. */
export interface SerializedBinaryFile {
	base64: string;
	fileName?: string;
	mimeType?: string;
}

export interface SerializedItem {
	json: IDataObject;
	binary?: Record<string, SerializedBinaryFile>;
}

/**
 * Emits the items given in its `items` parameter. Binary files go through prepareBinaryData, so
 * they are stored by the engine's current binary mode (a real id in filesystem and database mode).
 */
export class ItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items Source',
		name: 'itemsSource',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items, with binary files, for the node under test',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Items',
				name: 'items',
				type: 'json',
				default: '[]',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = jsonParse<SerializedItem[]>(this.getNodeParameter('items', 0) as string);
		const output: INodeExecutionData[] = [];
		for (const item of items) {
			const out: INodeExecutionData = { json: item.json, pairedItem: { item: 0 } };
			if (item.binary) {
				const binary: IBinaryKeyData = {};
				for (const [key, file] of Object.entries(item.binary)) {
					const bytes = Buffer.from(file.base64, 'base64');
					binary[key] = await this.helpers.prepareBinaryData(bytes, file.fileName, file.mimeType);
				}
				out.binary = binary;
			}
			output.push(out);
		}
		return [output];
	}
}
