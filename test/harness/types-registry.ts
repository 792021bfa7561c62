import { HarnessCredentialTypes } from './credential-types';
import { setupEngine } from './engine';
import { HarnessNodeTypes } from './node-types';
import { getLoadedPackages, REPO_ROOT } from './package-loader';

export interface TypeRegistry {
	nodeTypes: HarnessNodeTypes;
	credentialTypes: HarnessCredentialTypes;
}

/**
 * Sets up the engine, loads the given community packages (default: this repository) and returns
 * node and credential types over everything loaded so far in this test file.
 */
export async function loadTypes(packageDirs: string[] = [REPO_ROOT]): Promise<TypeRegistry> {
	await setupEngine();
	const packages = getLoadedPackages();
	for (const directory of packageDirs) {
		try {
			await packages.load(directory);
		} catch (error) {
			if (directory === REPO_ROOT && (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
				(error as Error).message += ' (run `npm run build` first: tests load the built dist/)';
			}
			throw error;
		}
	}
	return {
		nodeTypes: new HarnessNodeTypes(packages),
		credentialTypes: new HarnessCredentialTypes(packages),
	};
}
