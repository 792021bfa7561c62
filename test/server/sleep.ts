/** A timer that a closing server can cancel. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
	if (ms <= 0) return signal.aborted ? Promise.reject(signal.reason) : Promise.resolve();
	return new Promise((resolve, reject) => {
		if (signal.aborted) return reject(signal.reason);
		const timer = setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal.reason);
		};
		signal.addEventListener('abort', onAbort, { once: true });
	});
}
