/**
 * A source node for the benchmark: emits its image set as binary items, made here or streamed
 * from files, instead of taking them as a base64 JSON parameter like the harness's Items node
 * (50 x 8 MiB would not fit in one V8 string). Files go through prepareBinaryData, so they follow
 * the engine's binary mode: inline base64 in 'default', files on disk in 'filesystem'.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { harnessNodeTypes } from '../../test/harness/nodes';
import { imageBytes, imageFileName } from './images';
import type { ImageSet } from './images';

export const BENCH_IMAGES_TYPE = 'n8n-nodes-harness.benchImages';

class BenchImages implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench Images',
		name: 'benchImages',
		group: ['input'],
		version: 1,
		description: 'Emits generated PNG images as binary items',
		defaults: { name: 'Images' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Set', name: 'set', type: 'json', default: '{}' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const set = JSON.parse(this.getNodeParameter('set', 0) as string) as ImageSet;
		const output: INodeExecutionData[] = [];
		for (let index = 0; index < set.count; index++) {
			const fileName = imageFileName(index);
			const png = set.dir ? createReadStream(path.join(set.dir, fileName)) : imageBytes(set, index);
			const data = await this.helpers.prepareBinaryData(png, fileName, 'image/png');
			output.push({ json: { fileName }, binary: { data }, pairedItem: { item: 0 } });
		}
		return [output];
	}
}

/** Adds the node to the harness's own node types (looked up before any loaded package). */
export function registerBenchImages(): void {
	harnessNodeTypes[BENCH_IMAGES_TYPE] ??= new BenchImages();
}
