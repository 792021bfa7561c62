import { getField } from '../transport/envelope';

/** An ocr2word answer is a small envelope with one or two links: 1 MiB is far more than enough. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export interface WordAnswer {
	wordFileUrl: string;
	sourceImageUrl?: string;
}

/**
 * The Word file's link in an ocr2word answer: `wordPath` on gugudata.io, `ResultWordFileUrl` on
 * gugudata.com, or a bare string; undefined when there is none.
 */
export function readWordAnswer(data: unknown): WordAnswer | undefined {
	const wordFileUrl = firstString(
		getField(data, 'wordPath'),
		getField(data, 'resultWordFileUrl'),
		typeof data === 'string' ? data : undefined,
	);
	if (!wordFileUrl) return undefined;
	const sourceImageUrl = firstString(getField(data, 'sourceImageUrl'));
	return { wordFileUrl, ...(sourceImageUrl && { sourceImageUrl }) };
}

function firstString(...values: unknown[]): string | undefined {
	return values.find((value): value is string => typeof value === 'string' && value !== '');
}
