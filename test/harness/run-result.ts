import type { ExecutionError, ExecutionStatus, INodeExecutionData, IRun } from 'n8n-workflow';

import { serializeRun } from './serialize';

export interface RunResult {
	/** The IRun WorkflowExecute resolved with. */
	run: IRun;
	status: ExecutionStatus;
	/** run.data.resultData.error: set when a node failed without continuing. */
	workflowError?: ExecutionError;
	/** The error of each node that failed (its task data `error`), continued or not. */
	nodeErrors: Record<string, ExecutionError>;
	/** Node names in the order n8n finished them. */
	executedNodes: string[];
	/** JSON of the whole IRun, see serializeRun. */
	serialized: string;
	/** Items on one output of a node (default: first output, first run). */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** All outputs of a node's run. */
	outputs(nodeName: string, runIndex?: number): INodeExecutionData[][];
}

export function buildRunResult(run: IRun, executedNodes: string[]): RunResult {
	const { runData, error } = run.data.resultData;
	const nodeErrors: Record<string, ExecutionError> = {};
	for (const [nodeName, tasks] of Object.entries(runData)) {
		const failed = tasks.find((task) => task.error !== undefined);
		if (failed?.error) nodeErrors[nodeName] = failed.error;
	}
	const outputs = (nodeName: string, runIndex = 0) =>
		(runData[nodeName]?.[runIndex]?.data?.main ?? []).map((items) => items ?? []);
	return {
		run,
		status: run.status,
		workflowError: error,
		nodeErrors,
		executedNodes,
		serialized: serializeRun(run),
		outputs,
		output: (nodeName, outputIndex = 0, runIndex = 0) =>
			outputs(nodeName, runIndex)[outputIndex] ?? [],
	};
}
