import type { IExecuteFunctions } from 'n8n-workflow';

export type Platform = 'international' | 'china';

export const CREDENTIAL_TYPE = 'guGuDataApi';

const DEFAULT_BASE_URLS: Record<Platform, string> = {
	international: 'https://api.gugudata.io/v1',
	china: 'https://api.gugudata.com',
};

export interface ApiTarget {
	platform: Platform;
	baseUrl: string;
	/** Only used to scrub the key out of text GuGuData sends back; never sent anywhere by us. */
	appKey: string;
}

/** Which platform (dialect) and address the item's credential points at. */
export async function getApiTarget(this: IExecuteFunctions, itemIndex: number): Promise<ApiTarget> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const platform: Platform = credentials.platform === 'china' ? 'china' : 'international';
	const custom = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return {
		platform,
		baseUrl: (custom || DEFAULT_BASE_URLS[platform]).replace(/\/+$/, ''),
		appKey: typeof credentials.appKey === 'string' ? credentials.appKey : '',
	};
}
