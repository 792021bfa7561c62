/** Sizes in words for messages: 512 bytes, 3.2 KiB, 10.0 MiB. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * A size and the limit it exceeds, for "x, over the limit of y": in exact bytes when rounding would
 * show the same number twice (10.0 MiB over 10.0 MiB).
 */
export function formatOverLimit(bytes: number, limit: number): [size: string, max: string] {
	const size = formatBytes(bytes);
	const max = formatBytes(limit);
	if (size !== max) return [size, max];
	const exact = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return [`${exact(bytes)} bytes`, `${exact(limit)} bytes (${max})`];
}
