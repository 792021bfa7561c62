import type { INodeProperties } from 'n8n-workflow';

import { binaryFieldProperty } from './binaryField.description';

const operations = ['pdfToText', 'pdfToWord'];
const show = { operation: operations };

/**
 * The PDF input of the PDF operations. The names are the image operations' own (inputType,
 * binaryPropertyName), so switching operations keeps the choice; the words fit a PDF.
 */
export const pdfInputProperties: INodeProperties[] = [
	{
		displayName: 'PDF Source',
		name: 'inputType',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description:
					'A PDF in a binary property of the input item: an email attachment, a file read from disk or cloud storage, an HTTP download',
			},
			{
				name: 'PDF URL',
				value: 'url',
				description: 'A public http(s) link to the PDF; the node downloads it',
			},
			{
				name: 'Base64',
				value: 'base64',
				description: 'The PDF as base64 text, plain or as a data:application/pdf;base64, URI',
			},
		],
		default: 'binary',
		description: 'Where the PDF comes from',
	},
	binaryFieldProperty(operations, 'PDF'),
	{
		displayName: 'PDF URL',
		name: 'pdfUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...show, inputType: ['url'] } },
		placeholder: 'https://example.com/contract.pdf',
		description:
			'Public http(s) URL of a PDF of at most 100 MiB. The node downloads it and sends the file; the link must open without a login.',
	},
	{
		displayName: 'PDF (Base64)',
		name: 'pdfBase64',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		displayOptions: { show: { ...show, inputType: ['base64'] } },
		placeholder: 'data:application/pdf;base64,JVBERi0xLjc...',
		description: 'The PDF encoded as base64, plain or as a data URI, at most 100 MiB once decoded',
	},
];
