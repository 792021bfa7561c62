/** Maps image bytes (by sha256) to what the fake service answers for them. */
import { createHash } from 'node:crypto';

import type { FixtureEntry, Outcome } from './types';

export type Bytes = Uint8Array | ArrayBuffer;

export function sha256Hex(bytes: Bytes): string {
	const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	return createHash('sha256').update(view).digest('hex');
}

export class FixtureRegistry {
	private readonly outcomes = new Map<string, Outcome>();

	constructor(entries: FixtureEntry[] = []) {
		for (const entry of entries) this.register(entry.bytes, entry.outcome);
	}

	/** Registers (or replaces) the outcome for these exact bytes; returns their sha256. */
	register(bytes: Bytes, outcome: Outcome): string {
		const hash = sha256Hex(bytes);
		this.outcomes.set(hash, outcome);
		return hash;
	}

	lookup(bytes: Bytes): Outcome | undefined {
		return this.outcomes.get(sha256Hex(bytes));
	}

	lookupHash(sha256: string): Outcome | undefined {
		return this.outcomes.get(sha256);
	}

	unregister(bytes: Bytes): boolean {
		return this.outcomes.delete(sha256Hex(bytes));
	}

	clear(): void {
		this.outcomes.clear();
	}

	get size(): number {
		return this.outcomes.size;
	}
}

export function createFixtureRegistry(entries: FixtureEntry[] = []): FixtureRegistry {
	return new FixtureRegistry(entries);
}
