/** The request log and counters that tests assert on. */
import type { Exchange } from './exchange';
import type { RequestLogEntry, ServerStats } from './types';

export function emptyStats(): ServerStats {
	return {
		requests: 0,
		apiRequests: 0,
		byStatus: {},
		byCode: {},
		emitted429: 0,
		rateLimited: 0,
		faults: {},
		inFlight: 0,
		maxInFlight: 0,
		maxPerSecond: 0,
		openRequests: 0,
	};
}

const bump = (table: Record<number | string, number>, key: number | string) => {
	table[key] = (table[key] ?? 0) + 1;
};

export class RequestLog {
	readonly entries: RequestLogEntry[] = [];
	readonly stats: ServerStats = emptyStats();
	private nextId = 1;

	newId(): number {
		return this.nextId++;
	}

	/**
	 * Logs a request once its answer has started, so a dripping answer shows up at once; the
	 * exchange fills in endTime and clientClosed when it is over.
	 */
	record(entry: RequestLogEntry, exchange?: Exchange): void {
		exchange?.onEnd((end) => Object.assign(entry, end));
		this.entries.push(entry);
		this.stats.requests++;
		if (entry.area !== 'api') return;
		this.stats.apiRequests++;
		bump(this.stats.byStatus, entry.status);
		if (entry.code !== undefined) bump(this.stats.byCode, entry.code);
		if (entry.status === 429) this.stats.emitted429++;
		if (entry.fault === 'rate-limit') this.stats.rateLimited++;
		else if (entry.fault) bump(this.stats.faults, entry.fault);
	}

	/** Clears in place, so references held by tests stay live. */
	reset(): void {
		this.entries.length = 0;
		const { inFlight, openRequests } = this.stats;
		Object.assign(this.stats, emptyStats(), { inFlight, maxInFlight: inFlight, openRequests });
	}

	/** Redacts the key: the log may be printed by a failing test. */
	static query(url: URL): Record<string, string> {
		const query: Record<string, string> = {};
		for (const [name, value] of url.searchParams) {
			if (name in query) continue;
			query[name] = name.toLowerCase() === 'appkey' ? '[REDACTED]' : value;
		}
		return query;
	}
}
