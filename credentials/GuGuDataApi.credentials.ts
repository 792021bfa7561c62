import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

// The credential test posts to the OCR endpoint without an image. GuGuData checks the key before
// it validates the request, so a wrong key fails (HTTP 401, or code 104 on the China platform)
// while a good key only gets "parameter error" (HTTP 400 / code 101): no image is recognised and
// no quota is spent. HTTP errors are read from the full response instead of failing the request,
// because the good-key answer is itself an HTTP 400 on the international platform.
const rejectedKey =
	'GuGuData rejected the AppKey. Copy it again from your GuGuData developer center, and check that the platform matches where you bought it (gugudata.io is International, gugudata.com is China Mainland).';
const noAccess =
	'The AppKey is valid but has no access to the OCR API. Check your subscription, trial state or balance in the GuGuData developer center.';
const notGuGuData =
	'No GuGuData API answered at this address. Check the Platform and, if you set one, the Base URL.';
const retryLater = 'GuGuData is busy or unavailable right now. Try again in a minute.';

export class GuGuDataApi implements ICredentialType {
	name = 'guGuDataApi';

	displayName = 'GuGuData API';

	icon: Icon = {
		light: 'file:../nodes/GuGuData/gugudata.svg',
		dark: 'file:../nodes/GuGuData/gugudata.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-gugudata#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'AppKey',
			name: 'appKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The APPKEY of your GuGuData subscription, from the developer center of gugudata.io or gugudata.com',
		},
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'options',
			options: [
				{
					name: 'International (gugudata.io)',
					value: 'international',
					description: 'Keys bought on gugudata.io; requests go to api.gugudata.io',
				},
				{
					name: 'China Mainland (gugudata.com)',
					value: 'china',
					description: 'Keys bought on gugudata.com; requests go to api.gugudata.com',
				},
			],
			default: 'international',
			description: 'Where the AppKey was issued. Keys of one platform do not work on the other.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.gugudata.io/v1',
			description:
				"Optional. Replaces the platform's address, for example to go through a proxy. The platform still decides how requests and answers are shaped.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: {
				appkey: '={{$credentials.appKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.baseUrl || ($credentials.platform === "china" ? "https://api.gugudata.com" : "https://api.gugudata.io/v1")).replace(/\\/+$/, "") }}',
			url: '/imagerecognition/ocr',
			method: 'POST',
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 401, message: rejectedKey } },
			{
				type: 'responseSuccessBody',
				properties: { key: 'body.DataStatus.StatusCode', value: 104, message: rejectedKey },
			},
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 403, message: noAccess } },
			{
				type: 'responseSuccessBody',
				properties: { key: 'body.DataStatus.StatusCode', value: 103, message: noAccess },
			},
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 404, message: notGuGuData } },
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 405, message: notGuGuData } },
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 429, message: retryLater } },
			{
				type: 'responseSuccessBody',
				properties: { key: 'body.DataStatus.StatusCode', value: 102, message: retryLater },
			},
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 500, message: retryLater } },
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 502, message: retryLater } },
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 503, message: retryLater } },
		],
	};
}
