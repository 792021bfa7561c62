import type { Platform } from './platform';

export type Operation = 'imageToText' | 'imageToWord';

/**
 * Where each operation goes on each platform (the routing table of the API contract).
 * `filePath` takes a multipart upload in the field `imagefile`; `formPath` takes an urlencoded
 * `imageurl` or `imagebase64`. A platform without `formPath` only takes files, so URLs and base64
 * are turned into files first; one without `filePath` only takes the form, so files go as base64.
 */
export interface Route {
	filePath?: string;
	formPath?: string;
}

export const ROUTES: Record<Operation, Record<Platform, Route>> = {
	imageToText: {
		international: { filePath: '/imagerecognition/ocr' },
		china: { filePath: '/imagerecognition/imagestreamocr', formPath: '/imagerecognition/ocr' },
	},
	imageToWord: {
		international: { filePath: '/imagerecognition/ocr2word' },
		china: { formPath: '/imagerecognition/ocr2word' },
	},
};
