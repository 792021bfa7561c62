import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readBase64 } from '../helpers/base64';
import { formatBytes, formatOverLimit } from '../helpers/bytes';
import { fileNameFromUrl, MAX_FILE_NAME_LENGTH, safeFileName } from '../helpers/fileName';
import { sniffFileType } from '../helpers/fileType';
import { refuseUrl } from '../helpers/urlPolicy';
import type { ApiBody } from '../transport';
import type { RequestContext } from '../transport/context';
import { downloadFile } from '../transport/download';
import type { Route } from '../transport/endpoints';
import { inputError } from '../transport/nodeErrors';

export type InputType = 'binary' | 'url' | 'base64';

/** A request body for GuGuData built from whichever of the three inputs the item uses. */
export interface ImageRequest {
	path: string;
	body: ApiBody;
	/** The input file's name (binary file name or the URL's last segment), to name outputs after. */
	sourceName?: string;
}

interface ImageFile {
	bytes: Buffer;
	mimeType: string;
	/** The name the upload carries: the input's own, or image.<type> when it has none. */
	uploadName: string;
	/** The input's own file name, when it has one. */
	sourceName?: string;
}

/** Extra multipart fields for file uploads (ocr2word's `filename`), from the input's file name. */
export type FileFields = (sourceName: string | undefined) => Record<string, string>;

/** GuGuData's limit for one image. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const ACCEPTED = 'GuGuData reads JPEG, PNG, WebP, TIFF and BMP images';

const IMAGE_URL = 'The image URL';

/**
 * Turns the item's image (binary property, URL or base64) into the request the route takes. Every
 * check that can be made here is made before anything is sent, so bad input costs no quota.
 */
export async function prepareImageRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	route: Route,
	context: RequestContext,
	fileFields?: FileFields,
): Promise<ImageRequest> {
	const inputType = this.getNodeParameter('inputType', itemIndex, 'binary') as InputType;

	if (inputType === 'url') {
		const url = readImageUrl(this, itemIndex);
		if (route.formPath) {
			// The platform fetches the URL itself: nothing to download here. The URL policy is
			// checked all the same (downloads check it on every hop): GuGuData could be asked to
			// fetch an address inside its own network, and the request would be spent for nothing.
			const refusal = refuseUrl(new URL(url), context.urlPolicy, IMAGE_URL, 'points to');
			if (refusal) throw inputError(this.getNode(), itemIndex, refusal.problem, refusal.hint);
			return {
				path: route.formPath,
				body: new URLSearchParams({ imageurl: url }),
				sourceName: fileNameFromUrl(url),
			};
		}
		const file = await downloadImage.call(this, itemIndex, url, context);
		return fileRequest(route, file, fileFields);
	}

	if (inputType === 'base64') {
		const raw = this.getNodeParameter('imageBase64', itemIndex, '') as string;
		const parsed = readBase64(typeof raw === 'string' ? raw : String(raw));
		if (!parsed.ok) {
			throw inputError(this.getNode(), itemIndex, parsed.problem, parsed.hint);
		}
		const bytes = Buffer.from(parsed.base64, 'base64');
		const file = checkImage(this, itemIndex, bytes, 'The base64 image', undefined);
		if (route.formPath) {
			return { path: route.formPath, body: new URLSearchParams({ imagebase64: parsed.base64 }) };
		}
		return fileRequest(route, file, fileFields);
	}

	const file = await readBinaryImage(this, itemIndex);
	if (route.filePath) return fileRequest(route, file, fileFields);
	return {
		path: route.formPath as string,
		body: new URLSearchParams({ imagebase64: file.bytes.toString('base64') }),
		sourceName: file.sourceName,
	};
}

function fileRequest(route: Route, file: ImageFile, fileFields?: FileFields): ImageRequest {
	const form = new FormData();
	form.append('imagefile', new Blob([file.bytes], { type: file.mimeType }), file.uploadName);
	const fields = fileFields?.(file.sourceName) ?? {};
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	return { path: route.filePath as string, body: form, sourceName: file.sourceName };
}

function readImageUrl(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('imageUrl', itemIndex, '');
	const url = typeof raw === 'string' ? raw.trim() : '';
	const fail = (problem: string, hint: string) =>
		inputError(context.getNode(), itemIndex, problem, hint);
	if (!url) {
		throw fail('The image URL is empty', 'Enter or map the http(s) address of the image.');
	}
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw fail(
			'The image URL is not a valid URL',
			'Use a full address such as https://example.com/scan.png.',
		);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw fail(
			`The image URL must start with http:// or https:// (it starts with ${parsed.protocol})`,
			'For a file on this machine, read it with a file node and choose Binary File as the input type.',
		);
	}
	return url;
}

async function downloadImage(
	this: IExecuteFunctions,
	itemIndex: number,
	url: string,
	context: RequestContext,
): Promise<ImageFile> {
	const result = await downloadFile.call(
		this,
		{
			itemIndex,
			url,
			maxBytes: MAX_IMAGE_BYTES,
			what: 'the image URL',
			link: IMAGE_URL,
			tooLargeHint: `GuGuData reads images of at most ${formatBytes(MAX_IMAGE_BYTES)}: resize or compress the image.`,
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
			'The file at the image URL is an HTML page, not an image GuGuData can read',
			'The link opens a web page (often a login, preview or error page; redirects are followed) instead of the image itself. Use a direct, public link to the image file.',
		);
	}
	return checkImage(this, itemIndex, result.bytes, 'The file at the image URL', result.fileName);
}

async function readBinaryImage(context: IExecuteFunctions, itemIndex: number): Promise<ImageFile> {
	const property = binaryReference(context, itemIndex);
	const metadata = context.helpers.assertBinaryData(itemIndex, property);
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const label = metadata.fileName ? `The file "${metadata.fileName}"` : 'The binary file';
	return checkImage(context, itemIndex, bytes, label, metadata.fileName);
}

/**
 * The property name, or the binary object an expression handed over instead: from another node
 * (`$('Read File').item.binary.data`, `$input.item.binary.data`) it is whole; `$binary.data` gives
 * it without its `data` field, so it is matched back to the input item's property it describes.
 */
function binaryReference(context: IExecuteFunctions, itemIndex: number): string | IBinaryData {
	const reference: unknown = context.getNodeParameter('binaryPropertyName', itemIndex, 'data');
	if (typeof reference === 'string' || reference === undefined || reference === null) {
		// An expression that found nothing (`$binary.data` on an item without files) lands here too.
		const name = (reference ?? '').trim();
		assertBinaryProperty(context, itemIndex, name);
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
function assertBinaryProperty(context: IExecuteFunctions, itemIndex: number, name: string): void {
	const available = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
	if (available.includes(name)) return;
	const description = available.length
		? `The item has these binary properties: ${available.join(', ')}. Set "Input Binary Field" to one of them.`
		: 'The item has no binary data at all. Put a node that outputs a file before this one (an email trigger with attachments, Read/Write Files from Disk, or HTTP Request with the response format File), or choose Image URL or Base64 as the input type.';
	throw inputError(
		context.getNode(),
		itemIndex,
		`The item has no binary property "${name || '(empty)'}"`,
		description,
	);
}

/** Refuses what GuGuData would refuse, naming what the file really is. */
function checkImage(
	context: IExecuteFunctions,
	itemIndex: number,
	bytes: Buffer,
	label: string,
	fileName: string | undefined,
): ImageFile {
	const type = sniffFileType(bytes);
	if (!type.accepted) {
		const pdf =
			type.label === 'a PDF document' ? ' To read a PDF, convert its pages to images first.' : '';
		throw inputError(
			context.getNode(),
			itemIndex,
			`${label} is ${type.label}, not an image GuGuData can read`,
			`${ACCEPTED}.${pdf}`,
		);
	}
	if (bytes.length > MAX_IMAGE_BYTES) {
		const [size, max] = formatOverLimit(bytes.length, MAX_IMAGE_BYTES);
		throw inputError(
			context.getNode(),
			itemIndex,
			`${label} is ${size}, over GuGuData's limit of ${max}`,
			'Resize or compress the image before sending it.',
		);
	}
	const mimeType = type.mimeType as string;
	return {
		bytes,
		mimeType,
		uploadName: safeFileName(fileName, MAX_FILE_NAME_LENGTH) ?? `image.${type.extension}`,
		sourceName: fileName,
	};
}
