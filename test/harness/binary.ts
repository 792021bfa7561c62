import type { INodeExecutionData } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { getBinaryDataService } from './engine';
import type { SerializedItem } from './nodes';
import { stageBytes } from './nodes';

/** A file for an input item: bytes (a string is taken as UTF-8 text) and optional metadata. */
export interface BinaryFileInput {
	data: Buffer | Uint8Array | string;
	fileName?: string;
	mimeType?: string;
}

export interface InputItem {
	json?: INodeExecutionData['json'];
	binary?: Record<string, BinaryFileInput>;
}

/** Bytes of an output item's binary property, read through n8n's BinaryDataService (any mode). */
export async function readBinary(item: INodeExecutionData, propertyName = 'data'): Promise<Buffer> {
	const binary = item.binary?.[propertyName];
	if (!binary) {
		const available = Object.keys(item.binary ?? {}).join(', ') || 'none';
		throw new UserError(`Item has no binary property "${propertyName}" (has: ${available})`);
	}
	return await getBinaryDataService().getAsBuffer(binary);
}

function toBuffer(data: BinaryFileInput['data']): Buffer {
	return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
}

/**
 * Input items in the form the ItemsSource node takes as its parameter. With `staged`, the bytes
 * are staged in this process (their keys are added to it, to unstage after the run) instead of
 * written into the parameter as base64.
 */
export function toSerializedItems(items: InputItem[], staged?: string[]): SerializedItem[] {
	const file = (data: BinaryFileInput['data']) => {
		const bytes = toBuffer(data);
		if (!staged) return { base64: bytes.toString('base64') };
		const ref = stageBytes(bytes);
		staged.push(ref);
		return { ref };
	};
	return items.map(({ json = {}, binary }) => ({
		json,
		binary:
			binary &&
			Object.fromEntries(
				Object.entries(binary).map(([key, { data, fileName, mimeType }]) => [
					key,
					{ ...file(data), fileName, mimeType },
				]),
			),
	}));
}
