import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { jsonParse, NodeConnectionTypes, UserError } from 'n8n-workflow';

/**
 * One binary file of an item: its bytes in base64, so it fits a node parameter, or staged in this
 * process under `ref` (see stageBytes).
 */
export interface SerializedBinaryFile {
	base64?: string;
	ref?: string;
	fileName?: string;
	mimeType?: string;
}

/**
 * Bytes handed to the node in this process instead of through its parameter (runWorkflow stages
 * every file). A 12 MiB image in base64 makes a 16 MiB parameter that the engine checks, copies
 * and parses: a run with one took 110 ms instead of 25. The items come out the same either way.
 */
const staged = new Map<string, Buffer>();
let stagedCount = 0;

/** Stages bytes for the next run; its items name them by the key returned. */
export function stageBytes(bytes: Buffer): string {
	const ref = `staged-${++stagedCount}`;
	staged.set(ref, bytes);
	return ref;
}

/** Drops staged bytes once their run is over. */
export function unstageBytes(refs: Iterable<string>): void {
	for (const ref of refs) staged.delete(ref);
}

function fileBytes(file: SerializedBinaryFile): Buffer {
	if (file.ref === undefined) return Buffer.from(file.base64 ?? '', 'base64');
	const bytes = staged.get(file.ref);
	if (!bytes) throw new UserError(`No staged bytes under "${file.ref}" (its run is over)`);
	return bytes;
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
					binary[key] = await this.helpers.prepareBinaryData(
						fileBytes(file),
						file.fileName,
						file.mimeType,
					);
				}
				out.binary = binary;
			}
			output.push(out);
		}
		return [output];
	}
}
