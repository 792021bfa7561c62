import { Credentials, getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	getCredentialOwnRequestAllowedDomains,
	ICredentialsHelper,
	isExpression,
	jsonParse,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
} from 'n8n-workflow';

import type { HarnessCredentialTypes } from './credential-types';

// The CLI resolves credential expressions against a one-node workflow of this mock type.
const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const mockNodeType = { description: { properties: [] } } as unknown as INodeType;

const mockNodeTypes: INodeTypes = {
	getKnownTypes: () => ({}),
	getByName: () => mockNodeType,
	getByNameAndVersion: (nodeType, version) => {
		if (nodeType !== 'mock') throw new UnexpectedError('Node not found', { tags: { nodeType } });
		return NodeHelpers.getVersionedNodeType(mockNodeType, version);
	},
};

// The CLI's DCR_MANAGED_CREDENTIAL_FIELDS (oauth/dcr-managed-fields).
const DCR_MANAGED_CREDENTIAL_FIELDS = [
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'usePkce',
	'clientId',
	'clientSecret',
];

const INVALID_JSON_VALUE = Symbol('invalidJsonValue');

/** A row of n8n's credentials table: the data stays encrypted, as the CLI stores it. */
interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: string | undefined;
}

/** The CLI's restrictToCredentialDomains: preAuthentication requests obey the credential's list. */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) {
					return await helpers.helpers.httpRequest(requestOptions);
				}
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

/**
 * n8n's CLI CredentialsHelper (2.40), minus the database: credentials are kept encrypted by id (the
 * way n8n stores them) and everything else (generic `authenticate`, preAuthentication, defaults and
 * expression resolution in getDecrypted) is the CLI's algorithm, line for line. Left out, as on an
 * unlicensed instance with no overwrites configured: the AI gateway's managed credentials, policy
 * enforcement, dynamic (per-user) credentials, external secrets and credential overwrites.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly stored = new Map<string, StoredCredential>();

	constructor(private readonly credentialTypes: HarnessCredentialTypes) {
		super();
	}

	/** Saves a credential like n8n's credentials table does; returns the node's reference to it. */
	async add(
		type: string,
		data: ICredentialDataDecryptedObject,
		{ id = `cred-${type}`, name = `${type} account` }: { id?: string; name?: string } = {},
	): Promise<INodeCredentialsDetails & { id: string }> {
		if (!this.credentialTypes.recognizes(type)) {
			throw new UserError(`Unknown credential type "${type}": is its package loaded?`);
		}
		const credentials = new Credentials({ id, name }, type);
		await credentials.setData(data);
		this.stored.set(id, { id, name, type, data: credentials.getDataToSave().data });
		return { id, name };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions &
			Record<string, Record<string, string>>;
		const credentialType = this.credentialTypes.getByName(typeName);
		if (credentialType.authenticate) {
			if (typeof credentialType.authenticate === 'function') {
				return await credentialType.authenticate(credentials, requestOptions);
			}
			if (typeof credentialType.authenticate === 'object') {
				if (!workflow || !node) {
					throw new UnexpectedError(
						'Workflow and node are required for declarative credential authentication',
					);
				}
				const { authenticate } = credentialType;
				if (requestOptions.headers === undefined) requestOptions.headers = {};
				if (authenticate.type === 'generic') {
					for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
						for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
							const context = { $credentials: credentials };
							const keyResolved = this.resolveValue(key, context, workflow, node);
							const valueResolved = this.resolveValue(value, context, workflow, node);
							if (!requestOptions[outerKey]) requestOptions[outerKey] = {};
							requestOptions[outerKey][keyResolved] = valueResolved;
						}
					}
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;

		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (typeof credentialType.preAuthentication === 'function') {
			if (
				credentials[expirableProperty.name] === '' ||
				credentialsExpired ||
				isTestingCredentials
			) {
				const output = await credentialType.preAuthentication.call(
					restrictToCredentialDomains(helpers, credentials),
					credentials,
				);
				if (output[expirableProperty.name] === undefined) return undefined;
				if (node.credentials) {
					const nodeCredentials = node.credentials[credentialType.name];
					const storedData = await (
						await this.getCredentials(nodeCredentials, credentialType.name)
					).getData();
					// Stored expressions stay expressions; only the token and literal values change.
					const dataToPersist: ICredentialDataDecryptedObject = { ...storedData };
					for (const [key, value] of Object.entries(output)) {
						if (key === expirableProperty.name || !isExpression(storedData[key])) {
							dataToPersist[key] = value as ICredentialDataDecryptedObject[string];
						}
					}
					await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
					return Object.assign(credentials, output);
				}
			}
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject | undefined) ?? undefined;
	}

	private resolveValue(
		parameterValue: string,
		additionalKeys: { $credentials: ICredentialDataDecryptedObject },
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(parameterValue)) return parameterValue;
		const returnValue = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!returnValue) return '';
		return returnValue.toString();
	}

	getParentTypes(typeName: string): string[] {
		return this.credentialTypes.getParentTypes(typeName);
	}

	async getCredentials(
		nodeCredential: INodeCredentialsDetails,
		type: string,
	): Promise<Credentials> {
		const { id, name, data } = this.getCredentialsEntity(nodeCredential, type);
		return new Credentials({ id, name }, type, data);
	}

	/** The CLI's getCredentialsEntity, with its errors' messages, over the Map. */
	private getCredentialsEntity(
		nodeCredential: INodeCredentialsDetails,
		type: string,
	): StoredCredential {
		if (!nodeCredential.id) {
			// CredentialMissingIdError
			throw new UnexpectedError('Found credential with no ID.', {
				extra: { credentialName: nodeCredential.name },
				tags: { credentialType: type },
			});
		}
		const credential = this.stored.get(nodeCredential.id);
		if (!credential || credential.type !== type) {
			// CredentialNotFoundError
			throw new UserError(
				`Credential with ID "${nodeCredential.id}" does not exist for type "${type}".`,
			);
		}
		return credential;
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		let typeDef;
		try {
			typeDef = this.credentialTypes.getByName(credentialType);
		} catch {
			return true;
		}
		if (!typeDef.restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialTypeData = this.credentialTypes.getByName(type);
		if (credentialTypeData === undefined) {
			throw new UnexpectedError('Unknown credential type', { tags: { credentialType: type } });
		}
		if (credentialTypeData.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialTypeData.properties,
					{
						displayName: 'oauthTokenData',
						name: 'oauthTokenData',
						type: 'json',
						required: false,
						default: {},
					},
				];
			}
			return credentialTypeData.properties;
		}
		const combineProperties: INodeProperties[] = [];
		for (const credentialsTypeName of credentialTypeData.extends) {
			const mergeCredentialProperties = this.getCredentialsProperties(credentialsTypeName);
			NodeHelpers.mergeNodeProperties(combineProperties, mergeCredentialProperties);
		}
		NodeHelpers.mergeNodeProperties(combineProperties, credentialTypeData.properties);
		return combineProperties;
	}

	/** Resolves all expressions at once; if that fails, property by property (see below). */
	private resolveCredentialExpressions(
		workflow: Workflow,
		credentialsProperties: INodeProperties[],
		decryptedData: ICredentialDataDecryptedObject,
		mode: WorkflowExecuteMode,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
	): ICredentialDataDecryptedObject {
		try {
			return this.evaluate(workflow, decryptedData, mode, additionalKeys, decryptedData);
		} catch (error) {
			return this.resolveCredentialExpressionsByProperty(
				workflow,
				credentialsProperties,
				decryptedData,
				mode,
				additionalKeys,
				error,
			);
		}
	}

	/** The credential data's expressions evaluated, with the whole data as `$credentials`. */
	private evaluate(
		workflow: Workflow,
		parameters: ICredentialDataDecryptedObject,
		mode: WorkflowExecuteMode,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		decryptedData: ICredentialDataDecryptedObject,
	): ICredentialDataDecryptedObject {
		return workflow.expression.getComplexParameterValue(
			mockNode,
			parameters as INodeParameters,
			mode,
			additionalKeys,
			undefined,
			undefined,
			decryptedData,
		) as ICredentialDataDecryptedObject;
	}

	/** Drops properties marked ignoreCredentialExpressionResolveError that fail; else rethrows. */
	private resolveCredentialExpressionsByProperty(
		workflow: Workflow,
		credentialsProperties: INodeProperties[],
		decryptedData: ICredentialDataDecryptedObject,
		mode: WorkflowExecuteMode,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		originalError: unknown,
	): ICredentialDataDecryptedObject {
		const propertiesByName = new Map(
			credentialsProperties.map((property) => [property.name, property]),
		);
		const resolvedData: ICredentialDataDecryptedObject = {};
		for (const [propertyName, propertyValue] of Object.entries(decryptedData)) {
			try {
				const resolvedProperty = this.evaluate(
					workflow,
					{ [propertyName]: propertyValue },
					mode,
					additionalKeys,
					decryptedData,
				);
				if (Object.prototype.hasOwnProperty.call(resolvedProperty, propertyName)) {
					resolvedData[propertyName] = resolvedProperty[propertyName];
				}
			} catch {
				const credentialProperty = propertiesByName.get(propertyName);
				if (credentialProperty?.typeOptions?.ignoreCredentialExpressionResolveError === true) {
					continue;
				}
				throw originalError;
			}
		}
		return resolvedData;
	}

	/** Fields with `resolveCredentialJsonLeaves` are parsed so expressions inside JSON resolve. */
	private parseJsonLeafExpressionFields(
		credentialsProperties: INodeProperties[],
		decryptedData: ICredentialDataDecryptedObject,
	): Map<string, string> {
		const parsedFields = new Map<string, string>();
		for (const property of credentialsProperties) {
			if (!property.typeOptions?.resolveCredentialJsonLeaves) continue;
			const value = decryptedData[property.name];
			if (typeof value !== 'string' || value === '') continue;
			const parsed = jsonParse<unknown>(value, { fallbackValue: INVALID_JSON_VALUE });
			if (parsed === INVALID_JSON_VALUE) continue;
			parsedFields.set(property.name, value);
			decryptedData[property.name] = parsed as ICredentialDataDecryptedObject[string];
		}
		return parsedFields;
	}

	private stringifyJsonLeafExpressionFields(
		decryptedData: ICredentialDataDecryptedObject,
		parsedFields: Map<string, string>,
	): void {
		for (const [propertyName, originalValue] of parsedFields) {
			const serializedValue = JSON.stringify(decryptedData[propertyName]);
			decryptedData[propertyName] = serializedValue ?? originalValue;
		}
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		const decryptedDataOriginal = await credentials.getData();
		if (raw === true) return decryptedDataOriginal;
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			decryptedDataOriginal,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** The CLI's applyDefaultsAndOverwrites with no credential overwrites configured. */
	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credentialsProperties = this.getCredentialsProperties(type);
		let decryptedData = NodeHelpers.getNodeParameters(
			credentialsProperties,
			decryptedDataOriginal as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (decryptedDataOriginal.oauthTokenData !== undefined) {
			decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
		}
		if (
			decryptedData.allowedHttpRequestDomains === undefined &&
			decryptedDataOriginal.allowedHttpRequestDomains !== undefined
		) {
			decryptedData.allowedHttpRequestDomains = decryptedDataOriginal.allowedHttpRequestDomains;
		}
		if (
			decryptedData.allowedDomains === undefined &&
			decryptedDataOriginal.allowedDomains !== undefined
		) {
			decryptedData.allowedDomains = decryptedDataOriginal.allowedDomains;
		}
		// (Managed OAuth pinned fields apply only with overwrites, none here.)
		if (decryptedData.useDynamicClientRegistration) {
			for (const field of DCR_MANAGED_CREDENTIAL_FIELDS) {
				decryptedData[field] = decryptedDataOriginal[field];
			}
		}

		const parsedJsonLeafExpressionFields = this.parseJsonLeafExpressionFields(
			credentialsProperties,
			decryptedData,
		);
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

		if (expressionResolveValues) {
			try {
				decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				e.message += ' [Error resolving credentials]';
				throw e;
			}
		} else {
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: mockNodeTypes,
			});
			await workflow.expression.acquireIsolate();
			try {
				decryptedData = this.resolveCredentialExpressions(
					workflow,
					credentialsProperties,
					decryptedData,
					mode,
					additionalKeys,
				);
			} finally {
				await workflow.expression.releaseIsolate();
			}
		}
		this.stringifyJsonLeafExpressionFields(decryptedData, parsedJsonLeafExpressionFields);
		return decryptedData;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.setData(data);
		this.saveEncrypted(credentials);
	}

	/** The static path of the CLI's method: no per-user (dynamic) credentials here. */
	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.updateData({ oauthTokenData: data.oauthTokenData });
		this.saveEncrypted(credentials);
	}

	/** credentialsRepository.update(...) with getDataToSave(). */
	private saveEncrypted(credentials: Credentials): void {
		const { id, name, type, data } = credentials.getDataToSave();
		if (id === undefined) throw new UnexpectedError('Credential to save has no ID.');
		this.stored.set(id, { id, name, type, data });
	}
}
