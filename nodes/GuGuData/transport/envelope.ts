import type { IDataObject } from 'n8n-workflow';

/**
 * GuGuData answers in two dialects (camelCase on gugudata.io, PascalCase on gugudata.com) and the
 * contract asks us to read either, so every field is looked up case-insensitively.
 */
export function getField(value: unknown, name: string): unknown {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const wanted = name.toLowerCase();
	for (const [key, fieldValue] of Object.entries(value as IDataObject)) {
		if (key.toLowerCase() === wanted) return fieldValue;
	}
	return undefined;
}

/** What stood where text should be, for messages: "an object", "a list", "a boolean". */
export function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'number') return 'a number that is not finite';
	return `a ${typeof value}`;
}

export interface Envelope {
	statusCode?: number;
	statusDescription?: string;
	data: unknown;
}

/** The envelope of a JSON answer, or undefined when the body is not GuGuData's JSON at all. */
export function parseEnvelope(body: unknown): Envelope | undefined {
	let parsed = body;
	if (typeof parsed === 'string') {
		try {
			parsed = JSON.parse(parsed);
		} catch {
			return undefined;
		}
	}
	if (Buffer.isBuffer(parsed)) return parseEnvelope(parsed.toString('utf8'));
	const status = getField(parsed, 'dataStatus');
	if (status === undefined || status === null || typeof status !== 'object') return undefined;
	const code = Number(getField(status, 'statusCode'));
	const description = getField(status, 'statusDescription');
	return {
		statusCode: Number.isFinite(code) ? code : undefined,
		statusDescription: typeof description === 'string' ? description : undefined,
		data: getField(parsed, 'data'),
	};
}

/** Application codes that mean success: 200 on gugudata.io, 100 on gugudata.com. */
export function isSuccessCode(code: number | undefined): boolean {
	return code === 100 || code === 200;
}
