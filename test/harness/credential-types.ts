import type { ICredentialType, ICredentialTypes } from 'n8n-workflow';

import type { LoadedPackages } from './package-loader';

/** ICredentialTypes over the loaded packages, as n8n's CLI CredentialTypes. */
export class HarnessCredentialTypes implements ICredentialTypes {
	constructor(private readonly packages: LoadedPackages) {}

	recognizes(type: string): boolean {
		return type in this.packages.knownCredentials;
	}

	getByName(type: string): ICredentialType {
		return this.packages.getCredential(type).type;
	}

	getSupportedNodes(type: string): string[] {
		return this.packages.knownCredentials[type]?.supportedNodes ?? [];
	}

	getParentTypes(typeName: string): string[] {
		const extendsArr = this.packages.knownCredentials[typeName]?.extends ?? [];
		if (extendsArr.length === 0) return [];
		const extendsArrCopy = [...extendsArr];
		for (const type of extendsArrCopy) {
			extendsArrCopy.push(...this.getParentTypes(type));
		}
		return extendsArrCopy;
	}
}
