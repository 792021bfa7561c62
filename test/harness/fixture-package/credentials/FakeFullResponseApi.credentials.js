'use strict';

// Fixture credential shaped like GuGuData's: HTTP errors don't throw (ignoreHttpStatusErrors) and
// responseSuccessBody rules decide. Its baseURL expression uses a regex, which must work in n8n's
// default (non-isolated) expression engine.
class FakeFullResponseApi {
	constructor() {
		this.name = 'fakeFullResponseApi';
		this.displayName = 'Fake Full Response API';
		this.properties = [
			{
				displayName: 'API Key',
				name: 'apiKey',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
			},
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		];
		this.authenticate = {
			type: 'generic',
			properties: { qs: { appkey: '={{$credentials.apiKey}}' } },
		};
		this.test = {
			request: {
				baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
				url: '/check',
				method: 'POST',
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
			},
			rules: [
				// Never fires: RoutingNode hands the rules the response body only.
				{
					type: 'responseSuccessBody',
					properties: { key: 'statusCode', value: 401, message: 'Unreachable rule' },
				},
				{
					type: 'responseSuccessBody',
					properties: { key: 'status.code', value: 401, message: 'Key rejected (401)' },
				},
				{
					type: 'responseSuccessBody',
					properties: { key: 'status.code', value: 104, message: 'Key rejected (104)' },
				},
			],
		};
	}
}

module.exports = { FakeFullResponseApi };
