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
// no quota is spent. n8n hands only the response body to the rules, and the good-key answer is an
// HTTP 400 on gugudata.io, so statuses are not thrown but read from the body's envelope, in both
// casings (camelCase on gugudata.io, PascalCase on gugudata.com).
const rejectedKey =
	'GuGuData rejected the AppKey. Copy it again from your GuGuData developer center, and check that the platform matches where you bought it (gugudata.io is International, gugudata.com is China Mainland).';
const noAccess =
	'The AppKey is valid but has no access to the OCR API. Check your subscription, trial state or balance in the GuGuData developer center.';
const notGuGuData =
	'No GuGuData API answered at this address. Check the Platform and, if you set one, the Base URL.';
const retryLater = 'GuGuData is busy or unavailable right now. Try again in a minute.';

const failures: Array<[number, string]> = [
	[401, rejectedKey],
	[104, rejectedKey],
	[403, noAccess],
	[103, noAccess],
	[404, notGuGuData],
	[405, notGuGuData],
	[429, retryLater],
	[102, retryLater],
	[500, retryLater],
	[502, retryLater],
	[503, retryLater],
	[110, retryLater],
];

const rules: ICredentialTestRequest['rules'] = failures.flatMap(([code, message]) =>
	['dataStatus.statusCode', 'DataStatus.StatusCode'].map((key) => ({
		type: 'responseSuccessBody' as const,
		properties: { key, value: code, message },
	})),
);

export class GuGuDataApi implements ICredentialType {
	name = 'guGuDataApi';

	displayName = 'GuGuData API';

	icon: Icon = {
		light: 'file:../nodes/GuGuData/gugudata.svg',
		dark: 'file:../nodes/GuGuData/gugudata.dark.svg',
	};

	documentationUrl = 'https://github.com/gugudata/n8n-nodes-gugudata#credentials';

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
			// An empty image field: the shape gugudata.com's ocr takes, with nothing to recognise.
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: { imageurl: '' },
			ignoreHttpStatusErrors: true,
		},
		rules,
	};
}
