import type { INodeProperties } from 'n8n-workflow';

import { binaryFieldProperty } from './binaryField.description';

const operations = ['imageToText', 'imageToWord'];
const show = { operation: operations };

/** The image input of the image operations: a binary property, a URL or base64. */
export const imageInputProperties: INodeProperties[] = [
	{
		displayName: 'Image Source',
		name: 'inputType',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description:
					'An image in a binary property of the input item: an email attachment, a file read from disk or cloud storage, an HTTP download',
			},
			{
				name: 'Image URL',
				value: 'url',
				description: 'A public http(s) link to the image',
			},
			{
				name: 'Base64',
				value: 'base64',
				description: 'The image as base64 text, plain or as a data:image/...;base64, URI',
			},
		],
		default: 'binary',
		description: 'Where the image comes from',
	},
	binaryFieldProperty(operations, 'image'),
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...show, inputType: ['url'] } },
		placeholder: 'https://example.com/scan.png',
		description:
			'Public http(s) URL of a JPEG, PNG, WebP, TIFF or BMP image of at most 10 MiB. The link must open without a login.',
	},
	{
		displayName: 'Image (Base64)',
		name: 'imageBase64',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		displayOptions: { show: { ...show, inputType: ['base64'] } },
		placeholder: 'data:image/png;base64,iVBORw0KGgo...',
		description:
			'The image encoded as base64, plain or as a data URI. JPEG, PNG, WebP, TIFF or BMP, at most 10 MiB once decoded.',
	},
];
