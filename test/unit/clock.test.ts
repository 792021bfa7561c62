/**
 * The real clock's wait, on the installed n8n-workflow: it must end early when the execution is
 * cancelled (n8n-workflow 1.x waits through `sleepWithAbort`, 2.x through `sleep(ms, signal)`).
 */
import { systemClock } from '../../nodes/GuGuData/transport/clock';

describe('systemClock.sleep', () => {
	it('waits about as long as asked', async () => {
		const started = Date.now();
		await systemClock.sleep(30, new AbortController().signal);
		expect(Date.now() - started).toBeGreaterThanOrEqual(25);
	});

	it('rejects as soon as the signal aborts, long before the wait is over', async () => {
		const controller = new AbortController();
		const started = Date.now();
		setTimeout(() => controller.abort(), 20);
		await expect(systemClock.sleep(60_000, controller.signal)).rejects.toBeDefined();
		expect(Date.now() - started).toBeLessThan(5_000);
	});

	it('rejects at once on a signal that has already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(systemClock.sleep(60_000, controller.signal)).rejects.toBeDefined();
	});
});
