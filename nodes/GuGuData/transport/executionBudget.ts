import type { AddressBudget } from './budget';
import { addressBudget } from './budget';
import type { Clock } from './clock';
import { Pacer } from './pacer';
import type { ApiTarget } from './platform';

/** A request let through: when it started, and the budget its answer reports back to. */
export interface Ticket {
	budget: AddressBudget;
	startedAt: number;
}

/**
 * One execution's way to GuGuData: its own Requests per Second (the node's ceiling for its own
 * requests), then the process's shared budget for the address, which it joins on first use and
 * leaves when the execution's node run ends.
 */
export class ExecutionBudget {
	private readonly own: Pacer;

	private readonly leases = new Map<string, { budget: AddressBudget; leave: () => void }>();

	constructor(
		private readonly ceiling: number,
		private readonly clock: Clock,
	) {
		this.own = new Pacer(() => ceiling, clock);
	}

	/** Waits until a request to `target` may start; rejects as soon as `signal` aborts. */
	async acquire(target: ApiTarget, signal: AbortSignal): Promise<Ticket> {
		await this.own.next(signal);
		const budget = this.lease(target);
		return { budget, startedAt: await budget.acquire(signal) };
	}

	/** Leaves every shared budget joined (the node run is over). */
	end(): void {
		for (const { leave } of this.leases.values()) leave();
		this.leases.clear();
	}

	private lease(target: ApiTarget): AddressBudget {
		// By address only: the AppKey is no part of the key.
		const address = `${target.platform} ${target.baseUrl.toLowerCase()}`;
		let lease = this.leases.get(address);
		if (!lease) {
			const budget = addressBudget(address, this.clock);
			lease = { budget, leave: budget.join(this.ceiling) };
			this.leases.set(address, lease);
		}
		return lease.budget;
	}
}
