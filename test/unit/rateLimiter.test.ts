/** The rate limiter's clock seam: its waits and window are driven by a fake clock. */
import { RateLimiter } from '../../nodes/GuGuData/transport/rateLimiter';
import { FakeClock, never } from './fake-clock';

describe('RateLimiter', () => {
	it('lets `perSecond` requests through in a window, then waits for the window to pass', async () => {
		const clock = new FakeClock();
		const limiter = new RateLimiter(5, clock, 1000, 0, 0);
		const started: number[] = [];
		for (let i = 0; i < 12; i++) {
			const release = await limiter.acquire(never());
			started.push(clock.now());
			release();
		}
		const t0 = started[0];
		const offsets = started.map((time) => time - t0);
		expect(offsets.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
		// No rolling window of 1000 ms ever holds more than five starts.
		for (let i = 5; i < offsets.length; i++) expect(offsets[i] - offsets[i - 5]).toBeGreaterThanOrEqual(1000);
	});

	it('spaces requests out below one per second', async () => {
		const clock = new FakeClock();
		const limiter = new RateLimiter(0.5, clock, 1000, 0, 0);
		const starts: number[] = [];
		for (let i = 0; i < 3; i++) {
			(await limiter.acquire(never()))();
			starts.push(clock.now());
		}
		expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(2000);
		expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(2000);
	});

	it('stops waiting as soon as the execution is cancelled', async () => {
		const clock = new FakeClock();
		const limiter = new RateLimiter(1, clock, 1000, 0, 0);
		const controller = new AbortController();
		(await limiter.acquire(controller.signal))();
		clock.sleep = async (_ms, signal) => {
			controller.abort();
			signal.throwIfAborted();
		};
		await expect(limiter.acquire(controller.signal)).rejects.toThrow();
	});
});
