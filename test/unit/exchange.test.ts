/** One exchange under a deadline, a cap and the cancel signal, with streams standing in for n8n's helper. */
import { Readable } from 'node:stream';

import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { exchange } from '../../nodes/GuGuData/transport/exchange';
import { never } from './fake-clock';

/** A body that yields the given chunks, then (unless `end`) stays open until destroyed. */
function body(chunks: Buffer[], end = true) {
	let index = 0;
	const stream = new Readable({
		read() {
			if (index < chunks.length) this.push(chunks[index++]);
			else if (end) this.push(null);
		},
	});
	return Object.assign(stream, { pulled: () => index });
}

const respond =
	(stream: unknown, statusCode = 200) =>
	async () =>
		({
			statusCode,
			headers: { 'content-type': 'application/json' },
			body: stream,
		}) as IN8nHttpFullResponse;

const limits = { timeoutMs: 60_000, cancel: never(), maxBytes: 1024 };

describe('exchange', () => {
	it('returns the whole body under the cap', async () => {
		const result = await exchange(respond(body([Buffer.from('{"a":'), Buffer.from('1}')])), limits);
		expect(result).toMatchObject({ ok: true, status: 200 });
		expect(result.ok && result.body.toString()).toBe('{"a":1}');
	});

	it('stops reading at the cap and destroys the stream', async () => {
		const chunk = Buffer.alloc(300, 'x');
		const stream = body(Array(100).fill(chunk));
		const result = await exchange(respond(stream), limits);
		expect(result).toEqual({ ok: false, reason: 'tooLarge' });
		expect(stream.destroyed).toBe(true);
		// Four 300-byte chunks pass 1 KiB; the stream reads ahead a little, never the whole body.
		expect(stream.pulled()).toBeLessThan(100);
	});

	it('aborts a body that never ends when the execution is cancelled', async () => {
		const controller = new AbortController();
		const stream = body([Buffer.from('{')], false);
		const pending = exchange(respond(stream), { ...limits, cancel: controller.signal });
		stream.once('data', () => controller.abort());
		await expect(pending).resolves.toEqual({ ok: false, reason: 'cancelled' });
		expect(stream.destroyed).toBe(true);
	});

	it('fails at the deadline while a body is still arriving', async () => {
		const stream = body([Buffer.from('{')], false);
		const result = await exchange(respond(stream), { ...limits, timeoutMs: 20 });
		expect(result).toEqual({ ok: false, reason: 'timeout' });
		expect(stream.destroyed).toBe(true);
	});

	it('hands the combined signal to the request, so the deadline reaches it too', async () => {
		let seen: AbortSignal | undefined;
		const result = await exchange(
			async (signal) => {
				seen = signal;
				await new Promise((_, reject) => signal.addEventListener('abort', reject));
				throw new Error('unreachable');
			},
			{ ...limits, timeoutMs: 20 },
		);
		expect(result).toEqual({ ok: false, reason: 'timeout' });
		expect(seen?.aborted).toBe(true);
	});

	it('does not send at all once cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		const send = jest.fn();
		const result = await exchange(send, { ...limits, cancel: controller.signal });
		expect(result).toEqual({ ok: false, reason: 'cancelled' });
		expect(send).not.toHaveBeenCalled();
	});

	it('reports the system code of a failed connection', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
		const result = await exchange(async () => await Promise.reject(refused), limits);
		expect(result).toEqual({ ok: false, reason: 'network', code: 'ECONNREFUSED' });
	});

	it('skips a body it does not want', async () => {
		const stream = body([Buffer.alloc(10_000)], false);
		const result = await exchange(respond(stream, 404), { ...limits, wantsBody: () => false });
		expect(result).toMatchObject({ ok: true, status: 404 });
		expect(result.ok && result.body.length).toBe(0);
		expect(stream.destroyed).toBe(true);
	});

	it('caps a body a helper already buffered', async () => {
		const result = await exchange(respond(Buffer.alloc(2048)), limits);
		expect(result).toEqual({ ok: false, reason: 'tooLarge' });
	});
});
