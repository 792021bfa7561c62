import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { imageInputProperties } from './actions/image.description';
import * as imageToText from './actions/imageToText.operation';
import * as imageToWord from './actions/imageToWord.operation';
import { OPERATION_NAMES } from './actions/operationNames';
import { pdfInputProperties } from './actions/pdf.description';
import * as pdfToText from './actions/pdfToText.operation';
import * as pdfToWord from './actions/pdfToWord.operation';
import { router } from './actions/router';
import { optionsProperty } from './actions/settings';

export class GuGuData implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GuGuData',
		name: 'guGuData',
		icon: { light: 'file:gugudata.svg', dark: 'file:gugudata.dark.svg' },
		group: ['transform'],
		version: 1,
		// A literal, as n8n's lint rule wants; a unit test holds it to OPERATION_NAMES.
		subtitle:
			'={{ {"imageToText": "Image to Text", "imageToWord": "Image to Word", "pdfToText": "PDF to Text", "pdfToWord": "PDF to Word"}[$parameter["operation"]] }}',
		description:
			'Read the text in images and PDFs (OCR) or turn them into Word files with GuGuData, from an attachment, a file, a URL or base64',
		defaults: { name: 'GuGuData' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'guGuDataApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: OPERATION_NAMES.imageToText,
						value: 'imageToText',
						action: 'Extract text from an image',
						description: 'Recognise the text in an image, line by line (OCR)',
					},
					{
						name: OPERATION_NAMES.imageToWord,
						value: 'imageToWord',
						action: 'Convert an image to a DOCX document',
						description: 'Turn the text in an image into an editable .docx file',
					},
					{
						name: OPERATION_NAMES.pdfToText,
						value: 'pdfToText',
						action: 'Extract text from a PDF',
						description: 'Read the text of a PDF, page by page or line by line',
					},
					{
						name: OPERATION_NAMES.pdfToWord,
						value: 'pdfToWord',
						action: 'Convert a PDF to a DOCX document',
						description: 'Turn a PDF into an editable .docx file',
					},
				],
				default: 'imageToText',
			},
			...imageInputProperties,
			...pdfInputProperties,
			...imageToText.description,
			...imageToWord.description,
			...pdfToText.description,
			...pdfToWord.description,
			optionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
