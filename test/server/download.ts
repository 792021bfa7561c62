/** The China service downloads `imageurl` itself; this is that fetch, with its limits. */
import { MAX_IMAGE_BYTES } from './recognition';

export type Download = { ok: true; bytes: Buffer } | { ok: false; message: string };

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])$/i;

export interface DownloadOptions {
	timeoutMs: number;
	allowRemote: boolean;
	signal: AbortSignal;
}

/** Follows redirects; fails on a bad URL, a non-2xx answer, a timeout, or more than 10 MiB. */
export async function downloadImage(rawUrl: string, options: DownloadOptions): Promise<Download> {
	let url: URL;
	try {
		url = new URL(rawUrl);
	} catch {
		return { ok: false, message: 'imageurl is not a valid URL' };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return { ok: false, message: 'imageurl must be an http or https URL' };
	}
	// Tests have no internet: refuse other hosts rather than hang on a DNS lookup.
	if (!options.allowRemote && !LOOPBACK.test(url.hostname)) {
		return { ok: false, message: 'the image could not be downloaded' };
	}
	const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
	try {
		const response = await fetch(url, {
			signal,
			redirect: 'follow',
			headers: { 'User-Agent': 'GuGuData-ImageFetcher/1.0' },
		});
		if (!response.ok || !response.body) {
			await response.body?.cancel();
			return { ok: false, message: `the image URL answered HTTP ${response.status}` };
		}
		const chunks: Uint8Array[] = [];
		let size = 0;
		const reader = response.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.length;
			if (size > MAX_IMAGE_BYTES) {
				await reader.cancel();
				return { ok: false, message: 'the image at imageurl exceeds 10 MiB' };
			}
			chunks.push(value);
		}
		return { ok: true, bytes: Buffer.concat(chunks) };
	} catch (error) {
		if (options.signal.aborted) throw error;
		const timedOut = (error as Error).name === 'TimeoutError';
		return {
			ok: false,
			message: timedOut ? 'downloading the image timed out' : 'the image could not be downloaded',
		};
	}
}
