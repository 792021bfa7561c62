/** The benchmark's plain-text table: fixed columns, so each row prints as soon as it is known. */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

const COLUMNS = [
	{ title: '#', width: 3 },
	{ title: 'Measurement', width: 50 },
	{ title: 'Result', width: 38 },
	{ title: 'Goal', width: 14 },
	{ title: 'Met', width: 3 },
];

export interface Row {
	id: string;
	measurement: string;
	result: string;
	goal?: string;
	/** undefined: no goal. */
	met?: boolean;
}

function line(cells: string[]): string {
	return cells
		.map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(COLUMNS[index].width)))
		.join('  ')
		.trimEnd();
}

export function machine(): string {
	const cpu = cpus()[0]?.model.trim() || 'unknown CPU';
	const memory = (totalmem() / 1024 ** 3).toFixed(1);
	const n8nCore = (require('n8n-core/package.json') as { version: string }).version;
	const cores = availableParallelism();
	return (
		`Node ${process.version}, ${process.platform} ${process.arch}, ${cores} cores (${cpu}), ` +
		`${memory} GiB RAM, n8n-core ${n8nCore}`
	);
}

export function printHeader(): void {
	console.log(`GuGuData node benchmark, ${new Date().toISOString().slice(0, 19)}Z`);
	console.log(machine());
	// Other work on the machine shows in the timings; this says how busy it was at the start.
	console.log(
		`Load average at start: ${loadavg()
			.map((load) => load.toFixed(2))
			.join(', ')}`,
	);
	console.log('');
	console.log(line(COLUMNS.map((column) => column.title)));
	console.log(line(COLUMNS.map((column) => '-'.repeat(column.width))));
}

export function printSection(title: string): void {
	console.log(line(['', title]));
}

/** Rows whose goal was missed, so the bench can exit non-zero. */
export const missedGoals: Row[] = [];

export function printRow(row: Row): void {
	if (row.met === false) missedGoals.push(row);
	const met = row.met === undefined ? '-' : row.met ? 'yes' : 'NO';
	console.log(line([row.id, row.measurement, row.result, row.goal ?? '-', met]));
}
