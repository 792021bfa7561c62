/** Turns a forced fixture outcome into the answer each platform would give. */
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

export function forcedReply(
	platform: Platform,
	outcome: ForcedOutcome,
	extended?: { requestParameter: string },
): Reply {
	const headers = outcome.headers ?? {};
	const delayMs = outcome.delayMs;
	if (outcome.reset) return { status: 0, headers: {}, body: Buffer.alloc(0), reset: true, delayMs };
	const status =
		platform === 'international' ? internationalStatus(outcome) : (outcome.status ?? 200);
	if (outcome.rawBody !== undefined) {
		return {
			...rawReply(status, outcome.rawBody, outcome.contentType ?? JSON_TYPE, headers),
			delayMs,
		};
	}
	if (platform === 'china' && outcome.code === undefined && status !== 200) {
		return { ...gatewayPage(status, headers), delayMs };
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
	return { ...built, delayMs };
}
