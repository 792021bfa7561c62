import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';

import { cleanDocxName, DEFAULT_DOCX_NAME, docxNameFromSource } from '../helpers/fileName';
import { scrubSecret } from '../helpers/secret';
import { DOCX_MIME_TYPE, notDocxReason } from '../helpers/wordFile';
import type { RequestContext } from '../transport/context';
import { downloadFile } from '../transport/download';
import { serviceError } from '../transport/nodeErrors';
import type { ApiTarget } from '../transport/platform';
import type { WordAnswer } from './imageToWord.answer';

const MAX_WORD_FILE_BYTES = 100 * 1024 * 1024;

/** The Word operations' own parameters: whether and where the .docx lands in the item. */
export function wordOutputProperties(operation: 'imageToWord' | 'pdfToWord'): INodeProperties[] {
	const show = { operation: [operation] };
	return [
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
}

/** Names the Word file after the input file's name, when it has one. */
export type DocxNamer = (sourceName: string | undefined) => string;

/**
 * The Word file's name for an input: the File Name option when set, else after the input file
 * (invoice.png and invoice.pdf give invoice.docx), else gugudata-ocr.docx.
 */
export function docxNamer(context: IExecuteFunctions, itemIndex: number): DocxNamer {
	const options = context.getNodeParameter('options', itemIndex, {}) as { fileName?: unknown };
	// An expression may give a number (an invoice number) rather than a string.
	const customName = cleanDocxName(String(options.fileName ?? '').trim());
	return (sourceName) => customName ?? docxNameFromSource(sourceName) ?? DEFAULT_DOCX_NAME;
}

/**
 * The output item of a Word operation: the link (without the AppKey, should a server echo it),
 * the file name, and with Download Word File on the .docx itself.
 */
export async function wordOutputItem(
	this: IExecuteFunctions,
	itemIndex: number,
	target: ApiTarget,
	context: RequestContext,
	answer: WordAnswer,
	fileName: string,
): Promise<INodeExecutionData> {
	// Links come from the server: one that echoes the AppKey must not carry it into the item.
	const wordFileUrl = scrubSecret(answer.wordFileUrl, target.appKey);
	const sourceImageUrl = answer.sourceImageUrl && scrubSecret(answer.sourceImageUrl, target.appKey);

	const json: IDataObject = { wordFileUrl, ...(sourceImageUrl && { sourceImageUrl }), fileName };
	const result: INodeExecutionData = { json };
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		includeInputBinary?: boolean;
	};
	if (options.includeInputBinary) {
		const inputBinary = this.getInputData()[itemIndex]?.binary;
		if (inputBinary) result.binary = { ...inputBinary };
	}
	if (this.getNodeParameter('downloadWordFile', itemIndex, true) as boolean) {
		const property = String(this.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data'));
		if (wordFileUrl !== answer.wordFileUrl) throw keyInLinkError(this, itemIndex);
		const bytes = await downloadWordFile.call(this, itemIndex, wordFileUrl, context);
		const binary = await this.helpers.prepareBinaryData(bytes, fileName, DOCX_MIME_TYPE);
		result.binary = { ...result.binary, [property.trim() || 'data']: binary };
	} else if (!isWebLink(wordFileUrl)) {
		// Handed on as it is, the link may land in an email or a web page: only web links are.
		throw serviceError(this.getNode(), { wordFileUrl: 'not a web link' } as JsonObject, {
			message: 'GuGuData sent a Word file link that is not an http(s) address',
			description:
				"The node hands on web links only. A proxy or wrong Base URL may be answering instead of GuGuData: check the credential's Base URL. If it persists, write to support@gugudata.com.",
			itemIndex,
		});
	}
	return result;
}

function isWebLink(link: string): boolean {
	try {
		const { protocol } = new URL(link);
		return protocol === 'http:' || protocol === 'https:';
	} catch {
		return false;
	}
}

async function downloadWordFile(
	this: IExecuteFunctions,
	itemIndex: number,
	url: string,
	context: RequestContext,
): Promise<Buffer> {
	const fail = (message: string, description: string) =>
		serviceError(this.getNode(), { wordFileDownload: 'failed' } as JsonObject, {
			message,
			description,
			itemIndex,
		});
	const downloaded = await downloadFile.call(
		this,
		{
			itemIndex,
			url,
			maxBytes: MAX_WORD_FILE_BYTES,
			what: 'the Word file GuGuData produced',
			link: "The Word file's link",
			tooLargeHint:
				'A Word file made from one image or PDF should be far smaller: turn off Download Word File and open wordFileUrl to see what it serves.',
		},
		context,
	);
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

/** The AppKey goes to GuGuData's API only, never to the host of a file. */
function keyInLinkError(functions: IExecuteFunctions, itemIndex: number) {
	return serviceError(functions.getNode(), { wordFileDownload: 'refused' } as JsonObject, {
		message: 'The Word file link GuGuData sent holds the AppKey',
		description:
			"The node does not send the AppKey to a file host, so it did not download the file. GuGuData's own links do not carry the key: check the credential's Base URL. Turn off Download Word File to get the link, without the key, in wordFileUrl.",
		itemIndex,
	});
}
