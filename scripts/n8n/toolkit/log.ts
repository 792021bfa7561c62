/**
 * Progress lines on stderr with the time of day, like lib.sh's. Written to the stream directly:
 * jest holds console output back until a test file ends, which hides a long install.
 */
export function log(message: string): void {
	const time = new Date().toTimeString().slice(0, 8);
	process.stderr.write(`[${time}] ${message}\n`);
}

export const secondsSince = (start: number): string => ((Date.now() - start) / 1000).toFixed(1);
