import type { INodeProperties } from 'n8n-workflow';

/** Input Binary Field for the operations that read `noun` ("image", "PDF"), one name for all. */
export function binaryFieldProperty(operations: string[], noun: string): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { operation: operations, inputType: ['binary'] } },
		placeholder: 'e.g. data',
		hint: `The name of the input binary field holding the ${noun}`,
		description:
			'Email triggers name attachments attachment_0, attachment_1, ...; most file nodes use data',
	};
}
