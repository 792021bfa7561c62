import { realpathSync } from 'node:fs';
import path from 'node:path';

import {
	PackageDirectoryLoader,
	UnrecognizedCredentialTypeError,
	UnrecognizedNodeTypeError,
} from 'n8n-core';
import type { ICredentialType, INodeType, IVersionedNodeType, LoadedClass } from 'n8n-workflow';
import { injectDomainRestrictionFields, UserError } from 'n8n-workflow';

/** The repository root: the community package under test. Its dist/ comes from `npm run build`. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface KnownCredential {
	/** Full node type names (`package.node`), as n8n's CLI stores them. */
	supportedNodes: string[];
	extends?: string[];
}

/**
 * Installed community packages, loaded like n8n's CLI does (LoadNodesAndCredentials): n8n-core's
 * PackageDirectoryLoader reads the package.json `n8n` section and requires the listed files (the
 * CLI's LazyPackageDirectoryLoader falls back to it for a package without dist/known/*.json, as
 * community packages are), then the CLI's post-processing (full node names, domain-restriction
 * credential fields, since 2.x from n8n-workflow) is repeated.
 */
export class LoadedPackages {
	private readonly loaders: Record<string, PackageDirectoryLoader> = {};

	readonly knownNodes: Record<string, { className: string; sourcePath: string }> = {};

	readonly knownCredentials: Record<string, KnownCredential> = {};

	async load(directory: string): Promise<PackageDirectoryLoader> {
		const loader = new PackageDirectoryLoader(directory);
		const existing = this.loaders[loader.packageName];
		if (existing) {
			if (existing.directory === realpathSync(directory)) return existing;
			throw new UserError(`nodes package ${loader.packageName} is already loaded.`);
		}
		await loader.loadAll();
		this.loaders[loader.packageName] = loader;
		this.postProcess(loader);
		return loader;
	}

	private postProcess(loader: PackageDirectoryLoader): void {
		const { packageName, known } = loader;
		for (const credentialTypeName in known.credentials) {
			const credentialType = loader.getCredential(credentialTypeName);
			credentialType.type.properties = injectDomainRestrictionFields(credentialType.type);
		}
		for (const [type, { className, sourcePath }] of Object.entries(known.nodes)) {
			this.knownNodes[`${packageName}.${type}`] = {
				className,
				sourcePath: loader.resolveSourcePath(sourcePath),
			};
		}
		for (const [type, details] of Object.entries(known.credentials)) {
			this.knownCredentials[type] = {
				supportedNodes: (details.supportedNodes ?? []).map((node) => `${packageName}.${node}`),
				extends: details.extends,
			};
		}
	}

	getNode(fullNodeType: string): LoadedClass<INodeType | IVersionedNodeType> {
		// Same split as the CLI: `<package>.<node>`.
		const [packageName, nodeType] = fullNodeType.split('.');
		const loader = this.loaders[packageName];
		if (!loader) throw new UnrecognizedNodeTypeError(packageName, nodeType);
		return loader.getNode(nodeType);
	}

	getCredential(credentialType: string): LoadedClass<ICredentialType> {
		for (const loader of Object.values(this.loaders)) {
			if (credentialType in loader.known.credentials) return loader.getCredential(credentialType);
		}
		throw new UnrecognizedCredentialTypeError(credentialType);
	}
}

let packages: LoadedPackages | undefined;

/** The per-file package registry shared by node types, credential types and the helper. */
export function getLoadedPackages(): LoadedPackages {
	packages ??= new LoadedPackages();
	return packages;
}
