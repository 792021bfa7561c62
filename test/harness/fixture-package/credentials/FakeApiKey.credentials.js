'use strict';

// Fixture credential: generic auth puts the key in the query string, and the declarative test
// uses both kinds of rule.
class FakeApiKey {
	constructor() {
		this.name = 'fakeApiKey';
		this.displayName = 'Fake API Key';
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
			{ displayName: 'Region', name: 'region', type: 'string', default: 'eu' },
		];
		this.authenticate = {
			type: 'generic',
			properties: { qs: { api_key: '={{$credentials.apiKey}}' } },
		};
		this.test = {
			request: { baseURL: '={{$credentials.baseUrl}}', url: '/me' },
			rules: [
				{ type: 'responseCode', properties: { value: 401, message: 'The API key was rejected' } },
				{
					type: 'responseSuccessBody',
					properties: { key: 'account.status', value: 'suspended', message: 'Account suspended' },
				},
			],
		};
	}
}

module.exports = { FakeApiKey };
