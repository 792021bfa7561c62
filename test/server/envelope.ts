/** The two JSON dialects: camelCase dataStatus/data (international), PascalCase (China). */
import type { Platform } from './types';

export interface EnvelopeInput {
	code: number;
	description: string;
	data: unknown;
	/** Default: 1 on success (200 / 100), 0 otherwise. */
	count?: number;
	/** Adds Status and RequestParameter, as newer GuGuData responses do. */
	extended?: { requestParameter: string };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** International: ISO 8601 in UTC without milliseconds, as in the contract's example. */
function isoTime(now: Date): string {
	return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** China: 'yyyy-MM-dd HH:mm:ss' in Beijing time (UTC+8). */
function chinaTime(now: Date): string {
	const t = new Date(now.getTime() + 8 * 3600_000);
	return (
		`${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ` +
		`${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`
	);
}

export function isSuccessCode(platform: Platform, code: number): boolean {
	return platform === 'international' ? code === 200 : code === 100;
}

export function envelope(platform: Platform, input: EnvelopeInput, now = new Date()): string {
	const ok = isSuccessCode(platform, input.code);
	const count = input.count ?? (ok ? 1 : 0);
	const extra = input.extended;
	if (platform === 'international') {
		return JSON.stringify({
			dataStatus: {
				statusCode: input.code,
				statusDescription: input.description,
				responseDateTime: isoTime(now),
				dataTotalCount: count,
				...(extra && {
					requestParameter: extra.requestParameter,
					status: ok ? 'SUCCESS' : 'ERROR',
				}),
			},
			data: input.data,
		});
	}
	return JSON.stringify({
		DataStatus: {
			StatusCode: input.code,
			StatusDescription: input.description,
			ResponseDateTime: chinaTime(now),
			DataTotalCount: count,
			...(extra && { RequestParameter: extra.requestParameter, Status: ok ? 'SUCCESS' : 'ERROR' }),
		},
		Data: input.data,
	});
}

const INTERNATIONAL_DESCRIPTIONS: Record<number, string> = {
	200: 'SUCCESS',
	400: 'Invalid request parameters or request format.',
	401: 'Missing or unknown application key.',
	403: 'The application key is recognized but access is not allowed.',
	404: 'Resource not found.',
	405: 'Method not allowed.',
	413: 'Payload too large.',
	415: 'Unsupported media type.',
	422: 'No readable text was found in the image.',
	429: 'Request rate or trial usage limit exceeded.',
	500: 'Internal service error.',
	502: 'Upstream service error.',
	503: 'Upstream service unavailable.',
};

const CHINA_DESCRIPTIONS: Record<number, string> = {
	100: 'successfully',
	101: '参数错误',
	102: '请求频率受限',
	103: '账号欠费',
	104: 'APPKEY 错误',
	110: '接口响应错误',
	403: '无权限访问',
	404: '资源不存在',
	405: '请求方法不允许',
	413: '请求体过大',
	415: '请求内容类型不支持',
	429: '请求频率受限',
	500: '服务内部错误',
	502: '上游依赖错误',
	503: '服务不可用',
};

export function describe(platform: Platform, code: number): string {
	const table = platform === 'international' ? INTERNATIONAL_DESCRIPTIONS : CHINA_DESCRIPTIONS;
	return table[code] ?? 'ERROR';
}
