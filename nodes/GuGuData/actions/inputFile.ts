import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readBase64 } from '../helpers/base64';
import type { Base64Kind } from '../helpers/base64';
import { sniffFileType } from '../helpers/fileType';
import type { RequestContext } from '../transport/context';
import { downloadFile } from '../transport/download';
import { inputError } from '../transport/nodeErrors';

export type InputType = 'binary' | 'url' | 'base64';

/** One kind of file an operation reads (an image, a PDF): its parameters, words and size cap. */
export interface InputKind {
	/** "image", "PDF" */
	noun: string;
	/** The URL parameter: imageUrl, pdfUrl. */
	urlParameter: string;
	/** The URL input's label in the editor: Image URL, PDF URL. */
	urlOption: string;
	/** A URL of this kind, for hints. */
	urlExample: string;
	/** The base64 parameter: imageBase64, pdfBase64. */
	base64Parameter: string;
	base64: Base64Kind;
	/** The most the node downloads from a URL of this kind. */
	maxBytes: number;
	/** What to do about a download over maxBytes. */
	tooLargeHint: string;
}

/** The bytes of the item's file, its own name when it has one, and how messages name it. */
export interface InputFile {
	bytes: Buffer;
	fileName?: string;
	/** 'The file "invoice.pdf"', 'The file at the image URL', 'The base64 image'. */
	label: string;
}

export function readInputType(context: IExecuteFunctions, itemIndex: number): InputType {
	return context.getNodeParameter('inputType', itemIndex, 'binary') as InputType;
}

/** The item's file, whichever of the three inputs it uses: downloaded, decoded or read. */
export async function readInputFile(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: InputKind,
	context: RequestContext,
): Promise<InputFile> {
	const inputType = readInputType(this, itemIndex);
	if (inputType === 'url') {
		const url = readUrlParameter(this, itemIndex, kind);
		return await downloadInputFile.call(this, itemIndex, url, kind, context);
	}
	if (inputType === 'base64') return readBase64Parameter(this, itemIndex, kind).file;
	return await readBinaryInput(this, itemIndex, kind);
}

/** The URL parameter, checked to be an http(s) URL. */
export function readUrlParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	kind: InputKind,
): string {
	const raw = context.getNodeParameter(kind.urlParameter, itemIndex, '');
	const url = typeof raw === 'string' ? raw.trim() : '';
	const link = `The ${kind.noun} URL`;
	const fail = (problem: string, hint: string) =>
		inputError(context.getNode(), itemIndex, problem, hint);
	if (!url) {
		throw fail(`${link} is empty`, `Enter or map the http(s) address of the ${kind.noun}.`);
	}
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw fail(`${link} is not a valid URL`, `Use a full address such as ${kind.urlExample}.`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw fail(
			`${link} must start with http:// or https:// (it starts with ${parsed.protocol})`,
			'For a file on this machine, read it with a file node and choose Binary File as the input type.',
		);
	}
	return url;
}

/** Downloads the URL (the URL policy checked on every hop); an HTML page is refused as such. */
export async function downloadInputFile(
	this: IExecuteFunctions,
	itemIndex: number,
	url: string,
	kind: InputKind,
	context: RequestContext,
): Promise<InputFile> {
	const result = await downloadFile.call(
		this,
		{
			itemIndex,
			url,
			maxBytes: kind.maxBytes,
			what: `the ${kind.noun} URL`,
			link: `The ${kind.noun} URL`,
			tooLargeHint: kind.tooLargeHint,
		},
		context,
	);
	if (!result.ok) {
		throw inputError(this.getNode(), itemIndex, result.problem, result.hint);
	}
	if (sniffFileType(result.bytes).label === 'an HTML page') {
		throw inputError(
			this.getNode(),
			itemIndex,
			`The file at the ${kind.noun} URL is an HTML page, not ${kind.base64.aNoun} GuGuData can read`,
			`The link opens a web page (often a login, preview or error page; redirects are followed) instead of the ${kind.noun} itself. Use a direct, public link to the ${kind.noun} file.`,
		);
	}
	return {
		bytes: result.bytes,
		fileName: result.fileName,
		label: `The file at the ${kind.noun} URL`,
	};
}

/** The base64 parameter, cleaned (as sent on a form) and decoded. */
export function readBase64Parameter(
	context: IExecuteFunctions,
	itemIndex: number,
	kind: InputKind,
): { base64: string; file: InputFile } {
	const raw = context.getNodeParameter(kind.base64Parameter, itemIndex, '') as string;
	const parsed = readBase64(typeof raw === 'string' ? raw : String(raw), kind.base64);
	if (!parsed.ok) {
		throw inputError(context.getNode(), itemIndex, parsed.problem, parsed.hint);
	}
	const bytes = Buffer.from(parsed.base64, 'base64');
	return { base64: parsed.base64, file: { bytes, label: `The base64 ${kind.noun}` } };
}

/** The file in the item's binary property (Input Binary Field). */
export async function readBinaryInput(
	context: IExecuteFunctions,
	itemIndex: number,
	kind: InputKind,
): Promise<InputFile> {
	const property = binaryReference(context, itemIndex, kind);
	const metadata = context.helpers.assertBinaryData(itemIndex, property);
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const label = metadata.fileName ? `The file "${metadata.fileName}"` : 'The binary file';
	return { bytes, fileName: metadata.fileName, label };
}

/**
 * The property name, or the binary object an expression handed over instead: from another node
 * (`$('Read File').item.binary.data`, `$input.item.binary.data`) it is whole; `$binary.data` gives
 * it without its `data` field, so it is matched back to the input item's property it describes.
 */
function binaryReference(
	context: IExecuteFunctions,
	itemIndex: number,
	kind: InputKind,
): string | IBinaryData {
	const reference: unknown = context.getNodeParameter('binaryPropertyName', itemIndex, 'data');
	if (typeof reference === 'string' || reference === undefined || reference === null) {
		// An expression that found nothing (`$binary.data` on an item without files) lands here too.
		const name = (reference ?? '').trim();
		assertBinaryProperty(context, itemIndex, name, kind);
		return name;
	}
	if (reference && typeof reference === 'object' && 'mimeType' in reference) {
		if ('data' in reference) return reference as IBinaryData;
		const described = Object.entries(reference);
		const binary = context.getInputData()[itemIndex]?.binary ?? {};
		const match = Object.keys(binary).find((name) =>
			described.every(([key, value]) => (binary[name] as unknown as IDataObject)[key] === value),
		);
		if (match) return match;
	}
	throw inputError(
		context.getNode(),
		itemIndex,
		'"Input Binary Field" is neither a binary property name nor a file of this item',
		"Enter the name of the item's binary property (such as data or attachment_0), or an expression that returns a file, such as {{ $('Read File').item.binary.data }}.",
	);
}

/** A missing property gets a message that names the properties the item does have. */
function assertBinaryProperty(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	kind: InputKind,
): void {
	const available = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
	if (available.includes(name)) return;
	const description = available.length
		? `The item has these binary properties: ${available.join(', ')}. Set "Input Binary Field" to one of them.`
		: `The item has no binary data at all. Put a node that outputs a file before this one (an email trigger with attachments, Read/Write Files from Disk, or HTTP Request with the response format File), or choose ${kind.urlOption} or Base64 as the input type.`;
	throw inputError(
		context.getNode(),
		itemIndex,
		`The item has no binary property "${name || '(empty)'}"`,
		description,
	);
}
