/** n8n's CLI on a user folder: imports, and running a workflow by id. */
import type { N8nInstall } from './install';
import { n8nEnv, type N8nEnvOptions } from './env';
import { freePort } from './ports';
import { runProcess, type RunResult } from './process';

/** `n8n <args>`; each run gets its own task broker port, so runs may overlap a running n8n. */
export async function runN8n(
	install: N8nInstall,
	userFolder: string,
	args: string[],
	options: N8nEnvOptions & { timeoutMs?: number } = {},
): Promise<RunResult> {
	const env = n8nEnv(install, userFolder, {
		...options,
		env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...options.env },
	});
	return runProcess(install.nodeBin, [install.n8nBin, ...args], {
		env,
		timeoutMs: options.timeoutMs,
	});
}

export const importCredentials = (install: N8nInstall, userFolder: string, file: string) =>
	runN8n(install, userFolder, ['import:credentials', `--input=${file}`]);

/** Every *.json in dir, one workflow each. */
export const importWorkflows = (install: N8nInstall, userFolder: string, dir: string) =>
	runN8n(install, userFolder, ['import:workflow', '--separate', `--input=${dir}`]);

export interface BinaryRef {
	mimeType?: string;
	fileName?: string;
	fileExtension?: string;
	/** base64 in n8n's in-memory mode ("default", n8n 1.x's default); a mode name otherwise. */
	data?: string;
	/** e.g. filesystem-v2:workflows/<wf>/executions/<n>/binary_data/<uuid> in filesystem mode. */
	id?: string;
}
export interface Item {
	json: Record<string, unknown>;
	binary?: Record<string, BinaryRef>;
}
export interface Execution {
	status?: string;
	data?: {
		resultData?: {
			error?: { message?: string; description?: string; node?: { name?: string } };
			runData?: Record<string, Array<{ executionStatus?: string; data?: { main?: Item[][] } }>>;
		};
	};
}

/** The items a node output on its first run, on one output (the first by default). */
export const itemsOf = (
	execution: Execution | undefined,
	node: string,
	output = 0,
): Item[] | undefined => execution?.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[output];

/** The first pretty-printed JSON object after `marker`: from a line "{" to the next line "}". */
export function jsonAfter(text: string, marker = ''): unknown {
	const from = marker ? text.indexOf(marker) : 0;
	if (from < 0) return undefined;
	const rest = text.slice(from);
	const begin = rest.search(/^\{$/m);
	if (begin < 0) return undefined;
	const close = rest.slice(begin).search(/^\}$/m);
	if (close < 0) return undefined;
	try {
		return JSON.parse(rest.slice(begin, begin + close + 1));
	} catch {
		return undefined;
	}
}

/** `n8n execute --id=ID --rawOutput` and the run data it printed. */
export async function executeWorkflow(
	install: N8nInstall,
	userFolder: string,
	id: string,
	options: N8nEnvOptions = {},
): Promise<{ result: RunResult; execution?: Execution }> {
	const result = await runN8n(
		install,
		userFolder,
		['execute', `--id=${id}`, '--rawOutput'],
		options,
	);
	// Success: the run data after the task broker's log line. Failure: after "Execution error:".
	const marker = result.stdout.includes('Execution error:') ? 'Execution error:' : '';
	return { result, execution: jsonAfter(result.stdout, marker) as Execution | undefined };
}
