/** Turns a forced fixture outcome into the answer each platform would give. */
import { gzipBomb } from './gzip-bomb';
import { JSON_TYPE, envelopeReply, gatewayPage, rawReply, type Reply } from './reply';
import type { ForcedOutcome, Platform } from './types';

/** China application codes to the international HTTP status of the same meaning. */
export const CODE_TO_HTTP: Record<number, number> = {
	100: 200,
	101: 400,
	102: 429,
	103: 403,
	104: 401,
	110: 500,
};

function internationalStatus(outcome: ForcedOutcome): number {
	if (outcome.status !== undefined) return outcome.status;
	if (outcome.code !== undefined) return CODE_TO_HTTP[outcome.code] ?? outcome.code;
	return 200;
}

export async function forcedReply(
	platform: Platform,
	outcome: ForcedOutcome,
	extended?: { requestParameter: string },
): Promise<Reply> {
	const headers = outcome.headers ?? {};
	const pace = { delayMs: outcome.delayMs, drip: outcome.drip };
	if (outcome.reset) return { status: 0, headers: {}, body: Buffer.alloc(0), reset: true, ...pace };
	const status =
		platform === 'international' ? internationalStatus(outcome) : (outcome.status ?? 200);
	if (outcome.gzipInflatedMiB !== undefined) {
		const body = await gzipBomb(platform, outcome.gzipInflatedMiB);
		const type = outcome.contentType ?? JSON_TYPE;
		return { ...rawReply(status, body, type, { ...headers, 'Content-Encoding': 'gzip' }), ...pace };
	}
	if (outcome.rawBody !== undefined) {
		return {
			...rawReply(status, outcome.rawBody, outcome.contentType ?? JSON_TYPE, headers),
			...pace,
		};
	}
	if (platform === 'china' && outcome.code === undefined && status !== 200) {
		return { ...gatewayPage(status, headers), ...pace };
	}
	// International: statusCode is the HTTP status unless both were forced.
	const code =
		platform === 'china'
			? (outcome.code ?? 100)
			: outcome.status !== undefined
				? (outcome.code ?? status)
				: status;
	const input = {
		status,
		code,
		description: outcome.description,
		data: outcome.data,
		headers,
		extended,
	};
	const built = envelopeReply(platform, input);
	if (outcome.contentType) built.headers['Content-Type'] = outcome.contentType;
	return { ...built, ...pace };
}
