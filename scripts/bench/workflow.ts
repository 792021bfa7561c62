/**
 * Runs Start -> Images -> GuGuData through n8n-core's WorkflowExecute, like the harness's runNodes,
 * but with hooks around the GuGuData node (for its own time and memory) and without serialising the
 * run (a default-mode run of 50 x 8 MiB would not fit in one JSON string).
 */
import '../../test/harness';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type { IConnections, INode, IRun, IWorkflowBase, WorkflowExecuteMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import {
	GUGUDATA_CREDENTIAL_TYPE,
	GUGUDATA_NODE_TYPE,
	HarnessCredentialsHelper,
	MANUAL_TRIGGER_TYPE,
	chain,
	loadTypes,
	useBinaryMode,
} from '../../test/harness';
import type { BinaryMode } from '../../test/harness';
import { buildAdditionalData } from '../../test/harness/additional-data';
import { BENCH_IMAGES_TYPE, registerBenchImages } from './images-node';
import type { ImageSet } from './images';

export const NODE_NAME = 'GuGuData';

export interface NodeRun {
	images: ImageSet;
	/** The GuGuData node's `options` collection. */
	options: Record<string, number>;
	credential: { appKey: string; baseUrl: string; platform: string };
	binaryMode: BinaryMode;
	/**
	 * How the execution starts: 'manual' (the default) as the editor's Execute Workflow does,
	 * 'trigger' as a Schedule or Email Trigger's executions do (the trigger passes its item on).
	 */
	mode?: Extract<WorkflowExecuteMode, 'manual' | 'trigger'>;
	/** Failed items become error items instead of failing the node, so they can be counted. */
	continueOnFail?: boolean;
	/**
	 * Loads the GuGuData package from this directory (its built dist/) instead of this
	 * repository: another version of the node, run by the same scenario code.
	 */
	packageDir?: string;
}

export interface NodeHooks {
	/** Called right before the GuGuData node starts, after the images exist. */
	before?: () => void;
	/** Called right after it finished. */
	after?: () => void;
}

export interface NodeOutcome {
	/** Wall time of the GuGuData node's execution, from n8n's hooks. */
	nodeMs: number;
	/** When the GuGuData node started and ended, in ms since the epoch (to compare processes). */
	startedAt: number;
	endedAt: number;
	status: IRun['status'];
	outputItems: number;
	/** Output items that carry an error (with continueOnFail): images not recognised. */
	errorItems: number;
	error?: string;
}

let executions = 0;

/**
 * Loads the node types and sets the binary mode. runNode() does it too, but executions started at
 * once in one process must find it done: two loads at once would race.
 */
export async function prepareRun(spec: Pick<NodeRun, 'packageDir' | 'binaryMode'>) {
	registerBenchImages();
	const types = await loadTypes(spec.packageDir ? [spec.packageDir] : undefined);
	await useBinaryMode(spec.binaryMode);
	return types;
}

export async function runNode(spec: NodeRun, hooks: NodeHooks = {}): Promise<NodeOutcome> {
	const { nodeTypes, credentialTypes } = await prepareRun(spec);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes);
	const credential = await credentialsHelper.add(GUGUDATA_CREDENTIAL_TYPE, spec.credential);

	const node = (name: string, type: string, parameters: INode['parameters'], x: number): INode => ({
		id: name,
		name,
		type,
		typeVersion: 1,
		position: [x, 0],
		parameters,
	});
	const nodes: INode[] = [
		node('Start', MANUAL_TRIGGER_TYPE, {}, 0),
		node('Images', BENCH_IMAGES_TYPE, { set: JSON.stringify(spec.images) }, 220),
		{
			...node(NODE_NAME, GUGUDATA_NODE_TYPE, { operation: 'imageToText' }, 440),
			// One output item per image (the default is one per recognised line).
			parameters: { operation: 'imageToText', outputMode: 'perImage', options: spec.options },
			credentials: { [GUGUDATA_CREDENTIAL_TYPE]: credential },
			continueOnFail: spec.continueOnFail,
		},
	];
	const connections: IConnections = chain('Start', 'Images', NODE_NAME);
	const settings = { executionOrder: 'v1' as const };
	const workflow = new Workflow({
		id: 'bench',
		name: 'Benchmark',
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings,
	});
	const workflowData: IWorkflowBase = {
		id: 'bench',
		name: 'Benchmark',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings,
	};

	const executionId = `bench-${++executions}`;
	const mode = spec.mode ?? 'manual';
	const lifecycle = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	let startedAt = 0;
	let endedAt = 0;
	lifecycle.addHandler('nodeExecuteBefore', (name) => {
		if (name !== NODE_NAME) return;
		hooks.before?.();
		startedAt = performance.now();
	});
	lifecycle.addHandler('nodeExecuteAfter', (name) => {
		if (name !== NODE_NAME) return;
		endedAt = performance.now();
		hooks.after?.();
	});
	const additionalData = buildAdditionalData({ credentialsHelper, hooks: lifecycle, executionId });
	// In 'trigger' mode n8n-core passes the start node's input through, as for a trigger's item.
	const run = await new WorkflowExecute(additionalData, mode).run({
		workflow,
		startNode: workflow.getNode('Start') ?? undefined,
	});

	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	const error = task?.error ?? run.data.resultData.error;
	const items = task?.data?.main?.[0] ?? [];
	const epoch = (time: number) => performance.timeOrigin + time;
	return {
		nodeMs: endedAt - startedAt,
		startedAt: epoch(startedAt),
		endedAt: epoch(endedAt),
		status: run.status,
		outputItems: items.length,
		errorItems: items.filter((item) => item.json.error !== undefined).length,
		error: error?.message,
	};
}
