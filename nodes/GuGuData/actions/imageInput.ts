import type { IExecuteFunctions } from 'n8n-workflow';

import { IMAGE_BASE64 } from '../helpers/base64';
import { formatBytes, formatOverLimit } from '../helpers/bytes';
import { fileNameFromUrl, MAX_FILE_NAME_LENGTH, safeFileName } from '../helpers/fileName';
import { sniffFileType } from '../helpers/fileType';
import { isPdf } from '../helpers/pdf';
import { refuseUrl } from '../helpers/urlPolicy';
import type { ApiBody } from '../transport';
import type { RequestContext } from '../transport/context';
import type { ImageOperation, Route } from '../transport/endpoints';
import { inputError } from '../transport/nodeErrors';
import {
	downloadInputFile,
	readBase64Parameter,
	readBinaryInput,
	readInputType,
	readUrlParameter,
} from './inputFile';
import type { InputFile, InputKind } from './inputFile';
import { counterpartName, ROUTE_BY_TYPE } from './operationNames';
import type { DocxNamer } from './wordOutput';

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

/** GuGuData's limit for one image. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const ACCEPTED = 'GuGuData reads JPEG, PNG, WebP, TIFF and BMP images';

const IMAGE_INPUT: InputKind = {
	noun: 'image',
	urlParameter: 'imageUrl',
	urlOption: 'Image URL',
	urlExample: 'https://example.com/scan.png',
	base64Parameter: 'imageBase64',
	base64: IMAGE_BASE64,
	maxBytes: MAX_IMAGE_BYTES,
	tooLargeHint: `GuGuData reads images of at most ${formatBytes(MAX_IMAGE_BYTES)}: resize or compress the image.`,
};

/**
 * Turns the item's image (binary property, URL or base64) into the request the route takes. Every
 * check that can be made here is made before anything is sent, so bad input costs no quota.
 */
export async function prepareImageRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	operation: ImageOperation,
	route: Route,
	context: RequestContext,
	docxName?: DocxNamer,
): Promise<ImageRequest> {
	const inputType = readInputType(this, itemIndex);

	if (inputType === 'url') {
		const url = readUrlParameter(this, itemIndex, IMAGE_INPUT);
		if (route.formPath) {
			// The platform fetches the URL itself: nothing to download here. The URL policy is
			// checked all the same (downloads check it on every hop): GuGuData could be asked to
			// fetch an address inside its own network, and the request would be spent for nothing.
			const refusal = refuseUrl(new URL(url), context.urlPolicy, 'The image URL', 'points to');
			if (refusal) throw inputError(this.getNode(), itemIndex, refusal.problem, refusal.hint);
			return {
				path: route.formPath,
				body: new URLSearchParams({ imageurl: url }),
				sourceName: fileNameFromUrl(url),
			};
		}
		const file = await downloadInputFile.call(this, itemIndex, url, IMAGE_INPUT, context);
		return fileRequest(route, checkImage(this, itemIndex, file, operation), docxName);
	}

	if (inputType === 'base64') {
		const { base64, file } = readBase64Parameter(this, itemIndex, IMAGE_INPUT);
		const image = checkImage(this, itemIndex, file, operation);
		if (route.formPath) {
			return { path: route.formPath, body: new URLSearchParams({ imagebase64: base64 }) };
		}
		return fileRequest(route, image, docxName);
	}

	const file = checkImage(
		this,
		itemIndex,
		await readBinaryInput(this, itemIndex, IMAGE_INPUT),
		operation,
	);
	if (route.filePath) return fileRequest(route, file, docxName);
	return {
		path: route.formPath as string,
		body: new URLSearchParams({ imagebase64: file.bytes.toString('base64') }),
		sourceName: file.sourceName,
	};
}

function fileRequest(route: Route, file: ImageFile, docxName?: DocxNamer): ImageRequest {
	const form = new FormData();
	form.append('imagefile', new Blob([file.bytes], { type: file.mimeType }), file.uploadName);
	if (route.fileNameField && docxName) form.append(route.fileNameField, docxName(file.sourceName));
	return { path: route.filePath as string, body: form, sourceName: file.sourceName };
}

/** Refuses what GuGuData would refuse, naming what the file really is. */
function checkImage(
	context: IExecuteFunctions,
	itemIndex: number,
	file: InputFile,
	operation: ImageOperation,
): ImageFile {
	const { bytes, label, fileName } = file;
	if (isPdf(bytes)) {
		// A PDF is readable, by the other operation.
		const pdfOperation = counterpartName(operation);
		throw inputError(
			context.getNode(),
			itemIndex,
			`${label} is a PDF document: use the operation ${pdfOperation} for PDFs`,
			`${ACCEPTED}. Set Operation to ${pdfOperation} for PDFs. ${ROUTE_BY_TYPE}`,
		);
	}
	const type = sniffFileType(bytes);
	if (!type.accepted) {
		throw inputError(
			context.getNode(),
			itemIndex,
			`${label} is ${type.label}, not an image GuGuData can read`,
			`${ACCEPTED}.`,
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
