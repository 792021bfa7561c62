/**
 * Runs `task` for indexes 0..count-1 with at most `concurrency` at once and returns the results in
 * index order. Once `shouldStop` says so (a failure the node will throw), no new task starts; the
 * ones already running finish.
 */
export async function runPool<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
	shouldStop: () => boolean = () => false,
): Promise<Array<T | undefined>> {
	const results: Array<T | undefined> = new Array(count);
	let next = 0;
	const worker = async () => {
		while (next < count && !shouldStop()) {
			const index = next++;
			results[index] = await task(index);
		}
	};
	const workers = Math.max(1, Math.min(count, Math.floor(concurrency) || 1));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
