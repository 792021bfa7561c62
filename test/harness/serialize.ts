/**
 * JSON of a run, for "this secret appears nowhere" assertions. Stricter than n8n's own storage
 * (flatted): errors keep their non-enumerable message and stack, and a circular reference becomes
 * '[Circular]' instead of failing. toJSON() methods (axios errors, Buffers) apply as in n8n.
 */
export function serializeRun(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, function (_key, current: unknown) {
		if (typeof current !== 'object' || current === null) return current;
		if (seen.has(current)) return '[Circular]';
		seen.add(current);
		if (current instanceof Error) {
			const { name, message, stack, cause } = current;
			return { ...current, name, message, stack, cause };
		}
		return current;
	});
}
