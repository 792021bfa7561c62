export interface Range {
	min: number;
	max: number;
}

/**
 * A number option as the node uses it, whatever an expression gave: a number, or text holding one,
 * clamped into the range (Infinity to its top, -Infinity to its bottom); anything else (empty,
 * NaN, other text, objects) gives the fallback. Integers are rounded down.
 */
export function clampOption(
	value: unknown,
	range: Range,
	fallback: number,
	integer = false,
): number {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: Number.NaN;
	if (Number.isNaN(number)) return fallback;
	const clamped = Math.min(range.max, Math.max(range.min, number));
	return integer ? Math.max(range.min, Math.floor(clamped)) : clamped;
}
