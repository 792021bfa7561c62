/** Both platforms' local servers for a test file, sharing one fixture registry. */
import { createFixtureRegistry, sha256Hex, startGuGuServer } from '../server';
import type { GuGuServer, Platform, RequestLogEntry, TunableOptions } from '../server';

export interface Servers {
	international: GuGuServer;
	china: GuGuServer;
	/** The GuGuData API credential for a platform's server. */
	credentials(platform: Platform, appKey?: string): { guGuDataApi: Record<string, string> };
	close(): Promise<void>;
}

export const PLATFORMS: Platform[] = ['international', 'china'];

export async function startServers(options: TunableOptions = {}): Promise<Servers> {
	const fixtures = createFixtureRegistry();
	const international = await startGuGuServer({ platform: 'international', fixtures, ...options });
	const china = await startGuGuServer({ platform: 'china', fixtures, ...options });
	const byPlatform = { international, china };
	return {
		international,
		china,
		credentials: (platform, appKey) => ({
			guGuDataApi: {
				appKey: appKey ?? byPlatform[platform].appKey,
				platform,
				baseUrl: byPlatform[platform].baseUrl,
			},
		}),
		close: async () => {
			await Promise.all([international.close(), china.close()]);
		},
	};
}

/** One input item carrying an image in a binary property. */
export function binaryItem(
	bytes: Buffer,
	fileName = 'scan.png',
	mimeType = 'image/png',
	property = 'data',
) {
	return { json: { fileName }, binary: { [property]: { data: bytes, fileName, mimeType } } };
}

/**
 * The indices of `images` in the order the server finished sending their answers: what a node
 * that kept completion order would output. Shows a batch test really answered out of input order.
 */
export function answerOrder(entries: RequestLogEntry[], images: Buffer[]): number[] {
	const hashes = images.map((bytes) => sha256Hex(bytes));
	return entries
		.filter((entry) => entry.area === 'api' && hashes.includes(entry.imageSha256 ?? ''))
		.sort((a, b) => (a.endTime ?? Infinity) - (b.endTime ?? Infinity))
		.map((entry) => hashes.indexOf(entry.imageSha256 ?? ''));
}
