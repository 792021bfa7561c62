/**
 * Follows one request until its answer is all sent or its client goes away: stats.openRequests,
 * and the endTime / clientClosed of its log entry.
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import type { ServerStats } from './types';

export interface ExchangeEnd {
	endTime: number;
	clientClosed: boolean;
}

export class Exchange {
	/** The server dropped the connection itself (a reset): not the client's doing. */
	private serverDropped = false;
	private end?: ExchangeEnd;
	private readonly waiting: Array<(end: ExchangeEnd) => void> = [];

	constructor(res: ServerResponse, stats: ServerStats, serverSignal: AbortSignal) {
		stats.openRequests++;
		const finish = () => {
			if (this.end) return;
			stats.openRequests--;
			// 'close' before the answer finished: the client left, unless the server cut it.
			const cut = this.serverDropped || serverSignal.aborted;
			this.end = { endTime: Date.now(), clientClosed: !res.writableFinished && !cut };
			for (const listener of this.waiting.splice(0)) listener(this.end);
		};
		res.once('finish', finish);
		res.once('close', finish);
	}

	/** Resets the TCP connection: the answer ends here, and not because the client left. */
	resetConnection(socket: Socket): void {
		this.serverDropped = true;
		socket.resetAndDestroy();
	}

	/** Calls back once the exchange is over (at once if it already is). */
	onEnd(listener: (end: ExchangeEnd) => void): void {
		if (this.end) listener(this.end);
		else this.waiting.push(listener);
	}
}
