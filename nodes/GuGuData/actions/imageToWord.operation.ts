import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';

import { downloadFile } from '../helpers/download';
import { serviceError } from '../helpers/nodeErrors';
import {
	cleanDocxName,
	DEFAULT_DOCX_NAME,
	docxNameFromSource,
	DOCX_MIME_TYPE,
	notDocxReason,
} from '../helpers/wordFile';
import { missingResultError } from '../transport/apiErrors';
import { getField } from '../transport/envelope';
import type { ApiTarget } from '../transport/platform';
import { sendImage } from './sendImage';
import type { RequestSettings } from './settings';

const MAX_WORD_FILE_BYTES = 100 * 1024 * 1024;

const show = { operation: ['imageToWord'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Download Word File',
		name: 'downloadWordFile',
		type: 'boolean',
		default: true,
		displayOptions: { show },
		description:
			'Whether to download the .docx into the output item as binary data, ready to attach to an email or upload. Off: the item holds only the link.',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'outputBinaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { ...show, downloadWordFile: [true] } },
		hint: 'The name of the output binary field to put the Word file in',
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	target: ApiTarget,
	settings: RequestSettings,
): Promise<INodeExecutionData[]> {
	const itemOptions = this.getNodeParameter('options', itemIndex, {}) as {
		fileName?: unknown;
		includeInputBinary?: boolean;
	};
	// An expression may give a number (an invoice number) rather than a string.
	const customName = cleanDocxName(String(itemOptions.fileName ?? '').trim());
	const nameFor = (sourceName: string | undefined) =>
		customName ?? docxNameFromSource(sourceName) ?? DEFAULT_DOCX_NAME;
	// The input's name is only known once it is read, so the `filename` field is filled in then.
	const { data, sourceName } = await sendImage.call(
		this,
		itemIndex,
		target,
		'imageToWord',
		settings,
		(name) => ({ filename: nameFor(name) }),
	);
	const fileName = nameFor(sourceName);
	const wordFileUrl = firstString(
		getField(data, 'wordPath'),
		getField(data, 'resultWordFileUrl'),
		typeof data === 'string' ? data : undefined,
	);
	if (!wordFileUrl) throw missingResultError(this.getNode(), itemIndex, 'Word file link');
	const sourceImageUrl = firstString(getField(data, 'sourceImageUrl'));

	const json: IDataObject = { wordFileUrl, ...(sourceImageUrl && { sourceImageUrl }), fileName };
	const result: INodeExecutionData = { json };
	if (itemOptions.includeInputBinary) {
		const inputBinary = this.getInputData()[itemIndex]?.binary;
		if (inputBinary) result.binary = { ...inputBinary };
	}
	if (this.getNodeParameter('downloadWordFile', itemIndex, true) as boolean) {
		const property = String(this.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data'));
		const bytes = await downloadWordFile.call(this, itemIndex, wordFileUrl, settings);
		const binary = await this.helpers.prepareBinaryData(bytes, fileName, DOCX_MIME_TYPE);
		result.binary = { ...result.binary, [property.trim() || 'data']: binary };
	}
	return [result];
}

async function downloadWordFile(
	this: IExecuteFunctions,
	itemIndex: number,
	url: string,
	settings: RequestSettings,
): Promise<Buffer> {
	const fail = (message: string, description: string) =>
		serviceError(this.getNode(), { wordFileDownload: 'failed' } as JsonObject, {
			message,
			description,
			itemIndex,
		});
	const downloaded = await downloadFile.call(this, url, {
		...settings,
		maxBytes: MAX_WORD_FILE_BYTES,
		what: 'the Word file GuGuData produced',
		tooLargeHint:
			'A Word file made from one image should be far smaller: turn off Download Word File and open wordFileUrl to see what it serves.',
	});
	if (!downloaded.ok) {
		throw fail(
			downloaded.problem,
			`${downloaded.hint} The link is in wordFileUrl when Download Word File is off.`,
		);
	}
	const reason = notDocxReason(downloaded.bytes);
	if (reason) {
		throw fail(
			`The Word file GuGuData produced ${reason}`,
			'The link did not give a .docx file. Run the item again; if it persists, turn off Download Word File and open wordFileUrl to see what it serves.',
		);
	}
	return downloaded.bytes;
}

function firstString(...values: unknown[]): string | undefined {
	return values.find((value): value is string => typeof value === 'string' && value !== '');
}
