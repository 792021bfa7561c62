import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Copied from n8n's CLI (LoadNodesAndCredentials.injectDomainRestrictionFields): every credential
 * with an `authenticate` gets these two fields, so their defaults show up in decrypted data.
 */
export function shouldAddDomainRestrictions(credentialType: ICredentialType): boolean {
	return (
		credentialType.authenticate !== undefined ||
		credentialType.genericAuth === true ||
		(Array.isArray(credentialType.extends) &&
			(credentialType.extends.includes('oAuth2Api') ||
				credentialType.extends.includes('oAuth1Api') ||
				credentialType.extends.includes('googleOAuth2Api')))
	);
}

export const domainRestrictionFields: INodeProperties[] = [
	{
		displayName: 'Allowed HTTP Request Domains',
		name: 'allowedHttpRequestDomains',
		type: 'options',
		options: [
			{
				name: 'All',
				value: 'all',
				description: 'Allow all requests when used in the HTTP Request node',
			},
			{
				name: 'Specific Domains',
				value: 'domains',
				description: 'Restrict requests to specific domains',
			},
			{
				name: 'None',
				value: 'none',
				description: 'Block all requests when used in the HTTP Request node',
			},
		],
		default: 'all',
		description: 'Control which domains this credential can be used with in HTTP Request nodes',
	},
	{
		displayName: 'Allowed Domains',
		name: 'allowedDomains',
		type: 'string',
		default: '',
		placeholder: 'example.com, *.subdomain.com',
		description: 'Comma-separated list of allowed domains (supports wildcards with *)',
		displayOptions: {
			show: {
				allowedHttpRequestDomains: ['domains'],
			},
		},
	},
];
