import type {
	ExecutionError,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import type { InputItem } from './binary';
import { toSerializedItems } from './binary';
import { GUGUDATA_NODE_TYPE } from './constants';
import { ITEMS_SOURCE_TYPE, MANUAL_TRIGGER_TYPE, unstageBytes } from './nodes';
import type { RunNodesOptions } from './run-nodes';
import { chain, runNodes } from './run-nodes';
import type { RunResult } from './run-result';

export const START_NODE = 'Start';
export const ITEMS_NODE = 'Items';
export const NODE_UNDER_TEST = 'Node Under Test';

type NodeSettings = Pick<
	INode,
	| 'onError'
	| 'continueOnFail'
	| 'retryOnFail'
	| 'maxTries'
	| 'waitBetweenTries'
	| 'alwaysOutputData'
	| 'executeOnce'
>;

export interface RunWorkflowOptions
	extends Omit<RunNodesOptions, 'nodes' | 'connections' | 'startNode'>, Partial<NodeSettings> {
	/** Parameters of the node under test, as the editor would save them. */
	parameters: INodeParameters;
	/** Default: the GuGuData node. */
	nodeType?: string;
	typeVersion?: number;
	nodeName?: string;
	/** What the node under test receives. Default: one empty item. */
	items?: InputItem[];
	/** Explicit credential references for the node (e.g. a missing id), instead of automatic. */
	nodeCredentials?: INodeCredentials;
}

export interface WorkflowRunResult extends RunResult {
	nodeName: string;
	/** The node under test's first output, first run: json, pairedItem and binary metadata. */
	items: INodeExecutionData[];
	/** The items the node under test received. */
	inputItems: INodeExecutionData[];
	/** The node under test's task error: it threw (also when the engine continued past it). */
	nodeError?: ExecutionError;
}

/** Runs Start -> Items -> node under test, and picks out the node under test's results. */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
	const {
		parameters,
		nodeType = GUGUDATA_NODE_TYPE,
		typeVersion,
		nodeName = NODE_UNDER_TEST,
		items = [{ json: {} }],
		onError,
		continueOnFail,
		retryOnFail,
		maxTries,
		waitBetweenTries,
		alwaysOutputData,
		executeOnce,
		nodeCredentials,
		...runOptions
	} = options;
	const settings = {
		onError,
		continueOnFail,
		retryOnFail,
		maxTries,
		waitBetweenTries,
		alwaysOutputData,
		executeOnce,
		credentials: nodeCredentials,
	};
	// Binary files are staged in this process, not written into the Items node's parameter.
	const staged: string[] = [];
	const result = await runNodes({
		...runOptions,
		nodes: [
			{ name: START_NODE, type: MANUAL_TRIGGER_TYPE, parameters: {} },
			{
				name: ITEMS_NODE,
				type: ITEMS_SOURCE_TYPE,
				parameters: { items: JSON.stringify(toSerializedItems(items, staged)) },
			},
			{
				name: nodeName,
				type: nodeType,
				typeVersion,
				parameters,
				// Unset keys must stay absent: n8n treats a present `credentials` as chosen ones.
				...Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)),
			},
		],
		connections: chain(START_NODE, ITEMS_NODE, nodeName),
	}).finally(() => unstageBytes(staged));
	return {
		...result,
		nodeName,
		items: result.output(nodeName),
		inputItems: result.output(ITEMS_NODE),
		nodeError: result.nodeErrors[nodeName],
	};
}
