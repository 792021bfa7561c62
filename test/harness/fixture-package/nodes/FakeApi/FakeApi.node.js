'use strict';

const { NodeOperationError } = require('n8n-workflow');

// Fixture node: a programmatic node that calls its API only through n8n's helpers, and reads and
// writes binary data only through them too.
class FakeApi {
	constructor() {
		this.description = {
			displayName: 'Fake API',
			name: 'fakeApi',
			group: ['transform'],
			version: [1, 2],
			description: 'Harness fixture node',
			defaults: { name: 'Fake API' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'fakeApiKey', required: true }],
			properties: [
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					options: [
						{ name: 'Echo', value: 'echo' },
						{ name: 'Upper-Case File', value: 'upper' },
						{ name: 'Fail', value: 'fail' },
						{ name: 'Crash', value: 'crash' },
					],
					default: 'echo',
				},
				{
					displayName: 'Input Binary Field',
					name: 'binaryPropertyName',
					type: 'string',
					default: 'data',
					displayOptions: { show: { operation: ['upper'] } },
				},
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		// Thrown outside the item loop: only the engine's continue-on-fail handling can catch it.
		if (this.getNodeParameter('operation', 0) === 'crash') {
			throw new NodeOperationError(this.getNode(), 'Crashed on purpose');
		}
		const returnData = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const operation = this.getNodeParameter('operation', i);
				const { baseUrl } = await this.getCredentials('fakeApiKey', i);
				const request = (options) =>
					this.helpers.httpRequestWithAuthentication.call(this, 'fakeApiKey', options);
				if (operation === 'echo') {
					const response = await request({ method: 'GET', url: `${baseUrl}/echo`, json: true });
					returnData.push({ json: response, pairedItem: { item: i } });
				} else if (operation === 'upper') {
					const property = this.getNodeParameter('binaryPropertyName', i);
					const metadata = this.helpers.assertBinaryData(i, property);
					const bytes = await this.helpers.getBinaryDataBuffer(i, property);
					const upper = await request({
						method: 'POST',
						url: `${baseUrl}/upper`,
						body: bytes,
						headers: { 'content-type': 'application/octet-stream' },
						encoding: 'arraybuffer',
					});
					const result = await this.helpers.prepareBinaryData(
						Buffer.from(upper),
						`upper-${metadata.fileName}`,
						'text/plain',
					);
					returnData.push({
						json: { fileName: metadata.fileName, size: bytes.length },
						binary: { result },
						pairedItem: { item: i },
					});
				} else if (operation === 'fail') {
					await request({ method: 'GET', url: `${baseUrl}/fail`, json: true });
				} else {
					throw new NodeOperationError(this.getNode(), `Unknown operation ${operation}`);
				}
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { error: error.message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [returnData];
	}
}

module.exports = { FakeApi };
