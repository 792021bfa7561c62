/**
 * Peak resident memory of one stretch of a process: the kernel's high-water mark (VmHWM), reset at
 * the start through /proc/self/clear_refs, with a 20 ms rss sampler as a cross-check (and as the
 * fallback where /proc is not writable).
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface MemoryWindow {
	/** rss at the start, after a full garbage collection. */
	startMiB: number;
	/** Peak rss within the window: the larger of VmHWM and the samples. */
	peakMiB: number;
	/** Whether the kernel's high-water mark could be reset (else samples only). */
	kernelPeak: boolean;
}

const MiB = 1024 * 1024;

function vmHwmBytes(): number | undefined {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

function resetVmHwm(): boolean {
	try {
		// 5 = reset the peak resident set size (Linux 4.0+).
		writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

export class PeakMemory {
	private startBytes = 0;
	private sampled = 0;
	private kernelPeak = false;
	private timer: NodeJS.Timeout | undefined;

	start(): void {
		(globalThis as { gc?: () => void }).gc?.();
		this.startBytes = process.memoryUsage.rss();
		this.sampled = this.startBytes;
		this.kernelPeak = resetVmHwm();
		this.timer = setInterval(() => {
			this.sampled = Math.max(this.sampled, process.memoryUsage.rss());
		}, 20);
	}

	stop(): MemoryWindow {
		clearInterval(this.timer);
		this.sampled = Math.max(this.sampled, process.memoryUsage.rss());
		const hwm = this.kernelPeak ? (vmHwmBytes() ?? 0) : 0;
		return {
			startMiB: this.startBytes / MiB,
			peakMiB: Math.max(hwm, this.sampled) / MiB,
			kernelPeak: this.kernelPeak,
		};
	}
}
