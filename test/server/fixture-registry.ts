/** Maps image bytes (by sha256) to what the fake service answers for them. */
import { createHash } from 'node:crypto';

import { isSequenceOutcome, type FixtureEntry, type FixtureOutcome, type Outcome } from './types';

export type Bytes = Uint8Array | ArrayBuffer;

export function sha256Hex(bytes: Bytes): string {
	const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	return createHash('sha256').update(view).digest('hex');
}

export class FixtureRegistry {
	private readonly outcomes = new Map<string, FixtureOutcome>();
	/** How many answers each sequence fixture has given. */
	private readonly turns = new Map<string, number>();

	constructor(entries: FixtureEntry[] = []) {
		for (const entry of entries) this.register(entry.bytes, entry.outcome);
	}

	/** Registers (or replaces) the outcome for these exact bytes; returns their sha256. */
	register(bytes: Bytes, outcome: FixtureOutcome): string {
		const hash = sha256Hex(bytes);
		if (isSequenceOutcome(outcome) && outcome.sequence.length === 0) {
			throw new Error('FixtureRegistry.register: a sequence needs at least one outcome');
		}
		this.outcomes.set(hash, outcome);
		this.turns.delete(hash);
		return hash;
	}

	/** What is registered for these bytes (a sequence as registered), without taking a turn. */
	lookup(bytes: Bytes): FixtureOutcome | undefined {
		return this.outcomes.get(sha256Hex(bytes));
	}

	lookupHash(sha256: string): FixtureOutcome | undefined {
		return this.outcomes.get(sha256);
	}

	/** The outcome for this request: a sequence's next one (its last repeats), else the fixture. */
	take(bytes: Bytes): Outcome | undefined {
		const hash = sha256Hex(bytes);
		const outcome = this.outcomes.get(hash);
		if (!outcome || !isSequenceOutcome(outcome)) return outcome;
		const turn = this.turns.get(hash) ?? 0;
		this.turns.set(hash, turn + 1);
		return outcome.sequence[Math.min(turn, outcome.sequence.length - 1)];
	}

	/** Starts every sequence from its first outcome again. */
	restartSequences(): void {
		this.turns.clear();
	}

	unregister(bytes: Bytes): boolean {
		this.turns.delete(sha256Hex(bytes));
		return this.outcomes.delete(sha256Hex(bytes));
	}

	clear(): void {
		this.outcomes.clear();
		this.turns.clear();
	}

	get size(): number {
		return this.outcomes.size;
	}
}

export function createFixtureRegistry(entries: FixtureEntry[] = []): FixtureRegistry {
	return new FixtureRegistry(entries);
}
