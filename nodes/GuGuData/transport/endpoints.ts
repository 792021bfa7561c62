import type { Platform } from './platform';

export type ImageOperation = 'imageToText' | 'imageToWord';
export type PdfOperation = 'pdfToText' | 'pdfToWord';
export type Operation = ImageOperation | PdfOperation;

/**
 * Where each image operation goes on each platform (the routing table of the API contract).
 * `filePath` takes a multipart upload in the field `imagefile`; `formPath` takes an urlencoded
 * `imageurl` or `imagebase64`. A platform without `formPath` only takes files, so URLs and base64
 * are turned into files first; one without `filePath` only takes the form, so files go as base64.
 */
export interface Route {
	filePath?: string;
	formPath?: string;
	/** The multipart field that names the Word file, where the upload route takes one. */
	fileNameField?: string;
}

export const ROUTES: Record<ImageOperation, Record<Platform, Route>> = {
	imageToText: {
		international: { filePath: '/imagerecognition/ocr' },
		china: { filePath: '/imagerecognition/imagestreamocr', formPath: '/imagerecognition/ocr' },
	},
	imageToWord: {
		international: { filePath: '/imagerecognition/ocr2word', fileNameField: 'filename' },
		china: { formPath: '/imagerecognition/ocr2word' },
	},
};

/**
 * Both platforms take a PDF only as a multipart upload, each in a field of its own naming, so URLs
 * and base64 always become a file first.
 */
export interface PdfRoute {
	path: string;
	/** The multipart field the PDF goes in. */
	fileField: string;
	/** The field that names the Word file, where the route takes one. */
	fileNameField?: string;
	/** Fields sent with every request on the route. */
	fields?: Record<string, string>;
}

export const PDF_ROUTES: Record<PdfOperation, Record<Platform, PdfRoute>> = {
	pdfToText: {
		international: { path: '/imagerecognition/pdf2text', fileField: 'file' },
		china: { path: '/imagerecognition/pdf2text', fileField: 'pdffile' },
	},
	pdfToWord: {
		international: {
			path: '/imagerecognition/pdf2word',
			fileField: 'file',
			fileNameField: 'filename',
		},
		// storage=private would give a file id that needs a short-lived link of its own.
		china: {
			path: '/imagerecognition/pdf2word',
			fileField: 'pdffile',
			fields: { storage: 'public' },
		},
	},
};
