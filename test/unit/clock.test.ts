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

	it('rejects when the signal aborts, long before the wait is over', async () => {
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 20);
		// An hour's wait: one that did not end on abort would outlive jest's timeout.
		await expect(systemClock.sleep(3_600_000, controller.signal)).rejects.toBeDefined();
	});

	it('rejects at once on a signal that has already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(systemClock.sleep(60_000, controller.signal)).rejects.toBeDefined();
	});
});
