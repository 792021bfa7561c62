import { ExecutionLifecycleHooks, WorkflowExecute, WorkflowHasIssuesError } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	INode,
	INodeCredentials,
	INodeType,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UserError, Workflow } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import { HARNESS_WORKFLOW_ID } from './constants';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { BinaryMode } from './engine';
import { getDefaultBinaryMode, useBinaryMode } from './engine';
import type { HarnessNodeTypes } from './node-types';
import type { RunResult } from './run-result';
import { buildRunResult } from './run-result';
import { loadTypes } from './types-registry';

/** A workflow node; id, position and typeVersion (the type's default version) are filled in. */
export type NodeSpec = Pick<INode, 'name' | 'type' | 'parameters'> & Partial<INode>;

export interface RunNodesOptions {
	nodes: NodeSpec[];
	connections: IConnections;
	/**
	 * Decrypted credential data by credential type name. Each is stored like a saved credential
	 * and attached to every node whose type declares it, unless the node sets `credentials`.
	 */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	binaryMode?: BinaryMode;
	/** Default 'manual', as when a user runs the workflow from the editor. */
	mode?: WorkflowExecuteMode;
	/** Merged over `{ executionOrder: 'v1' }`. */
	settings?: IWorkflowSettings;
	/** Default: the workflow's trigger node. */
	startNode?: string;
	/** Community packages to load. Default: this repository (its built dist/). */
	packageDirs?: string[];
	/**
	 * Called once the execution has started, with a function that cancels it the way n8n's Stop
	 * button does (the engine aborts the execution's cancel signal). The run still resolves.
	 */
	onStarted?: (cancel: () => void) => void;
}

let executionCounter = 0;

/** Runs any workflow through n8n-core's WorkflowExecute, the way n8n runs a manual execution. */
export async function runNodes(options: RunNodesOptions): Promise<RunResult> {
	const { nodeTypes, credentialTypes } = await loadTypes(options.packageDirs);
	await useBinaryMode(options.binaryMode ?? getDefaultBinaryMode());

	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes);
	const references: INodeCredentials = {};
	for (const [type, data] of Object.entries(options.credentials ?? {})) {
		references[type] = await credentialsHelper.add(type, data);
	}
	const nodes = options.nodes.map((spec, index) =>
		completeNode(spec, index, nodeTypes, references),
	);
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...options.settings };
	const workflow = new Workflow({
		id: HARNESS_WORKFLOW_ID,
		name: 'Harness workflow',
		nodes,
		connections: options.connections,
		active: false,
		nodeTypes,
		settings,
	});

	const mode = options.mode ?? 'manual';
	const executionId = String(++executionCounter);
	const workflowData: IWorkflowBase = {
		id: HARNESS_WORKFLOW_ID,
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections: options.connections,
		settings,
	};
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const executedNodes: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executedNodes.push(nodeName);
	});
	const additionalData = buildAdditionalData({ credentialsHelper, hooks, executionId });
	const workflowExecute = new WorkflowExecute(additionalData, mode);

	const startNode = options.startNode
		? workflow.getNode(options.startNode)
		: workflow.getStartNode();
	if (!startNode) throw new UserError('No start node: add a trigger node or pass startNode');

	let run: IRun;
	try {
		const running = workflowExecute.run({ workflow, startNode });
		options.onStarted?.(() => running.cancel());
		run = await running;
	} catch (error) {
		// n8n refuses to start a workflow with parameter issues; say which ones.
		if (error instanceof WorkflowHasIssuesError) {
			const issues = workflowExecute.checkReadyForExecution(workflow, {
				startNode: startNode.name,
			});
			throw new UserError(`${error.message}: ${JSON.stringify(issues)}`);
		}
		throw error;
	}
	return buildRunResult(run, executedNodes);
}

function completeNode(
	spec: NodeSpec,
	index: number,
	nodeTypes: HarnessNodeTypes,
	references: INodeCredentials,
): INode {
	const typeVersion = spec.typeVersion ?? defaultVersion(nodeTypes.getByName(spec.type));
	const node: INode = { id: `node-${index}`, position: [index * 220, 0], ...spec, typeVersion };
	if (!node.credentials) {
		const declared = nodeTypes.getByNameAndVersion(node.type, typeVersion).description.credentials;
		const attached = (declared ?? []).filter(({ name }) => name in references);
		if (attached.length > 0) {
			node.credentials = Object.fromEntries(attached.map(({ name }) => [name, references[name]]));
		}
	}
	return node;
}

/** The version the editor gives a newly added node. */
function defaultVersion(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) {
		return nodeType.description.defaultVersion ?? nodeType.currentVersion;
	}
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** Connects nodes one after another on their first main output. */
export function chain(...nodeNames: string[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i < nodeNames.length - 1; i++) {
		connections[nodeNames[i]] = { main: [[{ node: nodeNames[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}
