import { RoutingNode } from 'n8n-core';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { harnessNodeTypes } from './nodes';
import type { LoadedPackages } from './package-loader';

/** n8n CLI's `shouldAssignExecuteMethod`: declarative nodes get an execute() that routes. */
function shouldAssignExecuteMethod(nodeType: INodeType): boolean {
	const isDeclarativeNode = nodeType?.description?.requestDefaults !== undefined;
	return (
		!nodeType.execute &&
		!nodeType.supplyData &&
		!nodeType.poll &&
		!nodeType.trigger &&
		(!nodeType.webhook || isDeclarativeNode) &&
		(!nodeType.methods || isDeclarativeNode)
	);
}

/** INodeTypes over the loaded packages plus the harness's own helper nodes (CLI NodeTypes). */
export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly packages: LoadedPackages) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const harnessType = harnessNodeTypes[nodeType];
		if (harnessType) return harnessType;
		const toolOf = /^(.+)Tool$/.exec(nodeType)?.[1];
		if (toolOf && !this.packages.knownNodes[nodeType]) {
			// n8n's synthetic AI tool types (n8n-nodes-gugudata.guGuDataTool) run the node's own
			// execute() under the tool's type name, as an AI Agent does.
			const base = this.packages.getNode(toolOf).type;
			if ('usableAsTool' in base.description && base.description.usableAsTool) return base;
		}
		return this.packages.getNode(nodeType).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const versioned = NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
		if (shouldAssignExecuteMethod(versioned)) {
			versioned.execute = async function (this: IExecuteFunctions) {
				// The CLI passes its ExecuteContext here; ours is the same n8n-core class.
				const context = this as ConstructorParameters<typeof RoutingNode>[0];
				const routingNode = new RoutingNode(context, versioned);
				const data = await routingNode.runNode();
				return data ?? [];
			};
		}
		return versioned;
	}

	getKnownTypes(): IDataObject {
		return this.packages.knownNodes;
	}
}
