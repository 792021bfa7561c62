import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestRequestData,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	ITaskDataConnections,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import {
	createEmptyRunExecutionData,
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	VersionedNodeType,
	Workflow,
} from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import type { HarnessCredentialTypes } from './credential-types';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { HarnessNodeTypes } from './node-types';
import { loadTypes } from './types-registry';

// The CLI's rule lookup is lodash's get; lodash comes with n8n-core (no types installed).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const get = require('lodash/get') as (object: unknown, path: string) => unknown;

// n8n's RESPONSE_ERROR_MESSAGES for OAuth2 credentials, which are tested by token presence.
const OAUTH2_CREDENTIAL_TEST_SUCCEEDED = 'Connection Successful!';
const OAUTH2_CREDENTIAL_TEST_FAILED = 'This OAuth2 credential was not connected to an account.';

// The CLI runs declarative tests through the base NoOp node's description.
const noOpNodeType = {
	description: {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		icon: 'fa:arrow-right',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing', color: '#b0b0b0' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
} as unknown as INodeType;

type CredentialTestFunction = ICredentialTestFunction | ICredentialTestRequestData;

export interface TestCredentialOptions {
	/** Community packages to load. Default: this repository (its built dist/). */
	packageDirs?: string[];
}

/**
 * Tests a credential the way n8n's CLI CredentialsTester (2.40) does when a user clicks "Test" (or
 * saves it): same lookup of the test, same defaults, the declarative `test.request` run through
 * n8n-core's RoutingNode in a temporary node, then the same `rules` and messages. (2.40's other
 * entry point, the auth probe of a test URL, is not copied: n8n offers it for generic credentials
 * without a test, and a community credential always has one.)
 */
export async function testCredential(
	credentialType: string,
	data: ICredentialDataDecryptedObject,
	{ packageDirs }: TestCredentialOptions = {},
): Promise<INodeCredentialTestResult> {
	const { nodeTypes, credentialTypes } = await loadTypes(packageDirs);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes);
	const credentialTestFunction = getCredentialTestFunction(
		credentialType,
		credentialTypes,
		nodeTypes,
	);
	if (credentialTestFunction === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'harness-credential',
		name: `${credentialType} account`,
		type: credentialType,
		data: { ...data },
	};
	// The CLI's prepareCredentialsForTest.
	const baseAdditionalData = buildAdditionalData({ credentialsHelper });
	let secretPaths: string[] = [];
	if (credentialsDecrypted.data) {
		try {
			secretPaths = getExternalSecretExpressionPaths(credentialsDecrypted.data);
			credentialsDecrypted.data = await credentialsHelper.applyDefaultsAndOverwrites(
				baseAdditionalData,
				credentialsDecrypted.data,
				credentialType,
				'internal',
			);
		} catch (error) {
			return { status: 'Error', message: error.message.toString() };
		}
	}

	if (typeof credentialTestFunction === 'function') {
		const context = new CredentialTestContext(baseAdditionalData);
		const functionResult = credentialTestFunction.call(context, credentialsDecrypted);
		if (functionResult instanceof Promise) {
			const result = await functionResult;
			if (typeof result?.message === 'string') {
				result.message = redactSecrets(result.message, credentialsDecrypted.data, secretPaths);
			}
			return result;
		}
		return functionResult;
	}

	return await runTestRequest(
		credentialType,
		credentialsDecrypted,
		credentialTestFunction,
		credentialsHelper,
	);
}

async function runTestRequest(
	credentialType: string,
	credentialsDecrypted: ICredentialsDecrypted,
	{ nodeType = noOpNodeType, testRequest }: ICredentialTestRequestData,
	credentialsHelper: HarnessCredentialsHelper,
): Promise<INodeCredentialTestResult> {
	const { version } = nodeType.description;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: Array.isArray(version) ? version.slice(-1)[0] : version,
		position: [0, 0],
		credentials: {
			[credentialType]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
		},
	};
	// The test request becomes the routing of the temporary node's only property.
	const nodeTypeCopy: INodeType = {
		description: {
			...nodeType.description,
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: singleNodeTypes(nodeTypeCopy),
	});
	const mode = 'internal';
	const inputData: ITaskDataConnections = { main: [[{ json: {} }]] };
	const connectionInputData: INodeExecutionData[] = [];
	const runExecutionData = createEmptyRunExecutionData();
	const additionalData: IWorkflowExecuteAdditionalData = buildAdditionalData({
		credentialsHelper,
		currentNodeParameters: node.parameters,
	});
	const executeData: IExecuteData = { node, data: {}, source: null };
	const executeFunctions = new ExecuteContext(
		workflow,
		node,
		additionalData,
		mode,
		runExecutionData,
		0,
		connectionInputData,
		inputData,
		executeData,
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);

	let response: INodeExecutionData[][] | undefined;
	try {
		await workflow.expression.acquireIsolate();
		response = await routingNode.runNode();
	} catch (error) {
		// Verbatim CLI logic: only an error whose `cause` carries the HTTP response reaches rules.
		if (error.cause?.response) {
			const errorResponseData = {
				statusCode: error.cause.response.status,
				statusMessage: error.cause.response.statusText,
			};
			if (testRequest.rules) {
				for (const rule of testRequest.rules) {
					if (rule.type === 'responseCode') {
						if (errorResponseData.statusCode === rule.properties.value) {
							return { status: 'Error', message: rule.properties.message };
						}
					}
				}
			}
			if (errorResponseData.statusCode < 199 || errorResponseData.statusCode > 299) {
				return {
					status: 'Error',
					message:
						errorResponseData.statusMessage ||
						`Received HTTP status code: ${errorResponseData.statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	} finally {
		await workflow.expression.releaseIsolate();
	}

	if (testRequest.rules && Array.isArray(testRequest.rules)) {
		for (const rule of testRequest.rules) {
			if (rule.type === 'responseSuccessBody') {
				const responseData = response![0][0].json;
				if (get(responseData, rule.properties.key) === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** The CLI's getCredentialTestFunction: the credential's own `test`, else a node's `testedBy`. */
function getCredentialTestFunction(
	credentialType: string,
	credentialTypes: HarnessCredentialTypes,
	nodeTypes: HarnessNodeTypes,
): CredentialTestFunction | undefined {
	const type = credentialTypes.getByName(credentialType);
	if (type.test) return { testRequest: type.test };

	for (const nodeName of credentialTypes.getSupportedNodes(credentialType)) {
		let node: INodeType | IVersionedNodeType;
		try {
			node = nodeTypes.getByName(nodeName);
		} catch {
			continue;
		}
		const allNodeTypes: INodeType[] =
			node instanceof VersionedNodeType ? Object.values(node.nodeVersions) : [node as INodeType];
		for (const nodeType of allNodeTypes) {
			for (const { name, testedBy } of nodeType.description.credentials ?? []) {
				const isOAuth2 =
					credentialTypes.getParentTypes(name).includes('oAuth2Api') || name === 'oAuth2Api';
				if (name === credentialType && isOAuth2) {
					return async function oauth2CredTest(cred: ICredentialsDecrypted) {
						return hasAccessToken(cred)
							? { status: 'OK', message: OAUTH2_CREDENTIAL_TEST_SUCCEEDED }
							: { status: 'Error', message: OAUTH2_CREDENTIAL_TEST_FAILED };
					};
				}
				if (name === credentialType && !!testedBy) {
					if (typeof testedBy === 'string') {
						if (node instanceof VersionedNodeType) {
							const versions = Object.keys(node.nodeVersions).sort().reverse();
							for (const version of versions) {
								const versionedNode = node.nodeVersions[parseInt(version, 10)];
								const credentialTest = versionedNode.methods?.credentialTest;
								if (credentialTest && testedBy in credentialTest) {
									return credentialTest[testedBy];
								}
							}
						}
						return (node as INodeType).methods?.credentialTest?.[testedBy];
					}
					return { nodeType, testRequest: testedBy };
				}
			}
		}
	}
	return undefined;
}

function hasAccessToken(credentialsDecrypted: ICredentialsDecrypted): boolean {
	const oauthTokenData = credentialsDecrypted?.data?.oauthTokenData;
	if (typeof oauthTokenData !== 'object' || oauthTokenData === null) return false;
	return 'access_token' in oauthTokenData;
}

function redactSecrets(
	message: string,
	credentialsData: ICredentialDataDecryptedObject | undefined,
	secretPaths: string[],
): string {
	if (secretPaths.length === 0) return message;
	const updatedSecrets = secretPaths
		.map((path) => get(credentialsData, path))
		.filter((value) => value !== undefined);
	for (const value of updatedSecrets) {
		message = message.replaceAll(String(value), `*****${String(value).slice(-3)}`);
	}
	return message;
}

const SECRETS_REFERENCE_REGEX = /\$secrets\b/;

/** The CLI's getExternalSecretExpressionPaths: paths of values with `$secrets` in a `{{ }}`. */
function getExternalSecretExpressionPaths(data: ICredentialDataDecryptedObject): string[] {
	const containsExternalSecretExpression = (value: string) => {
		for (const [, blockContent] of value.matchAll(/\{\{(.*?)\}\}/gs)) {
			if (SECRETS_REFERENCE_REGEX.test(blockContent)) return true;
		}
		return false;
	};
	return getAllKeyPaths(data, '', [], containsExternalSecretExpression);
}

/** The CLI's getAllKeyPaths utility. */
function getAllKeyPaths(
	obj: unknown,
	currentPath: string,
	paths: string[],
	valueFilter: (value: string) => boolean,
): string[] {
	if (Array.isArray(obj)) {
		obj.forEach((item, index) =>
			getAllKeyPaths(item, `${currentPath}[${index}]`, paths, valueFilter),
		);
	} else if (obj && typeof obj === 'object') {
		for (const [key, value] of Object.entries(obj)) {
			const newPath = currentPath ? `${currentPath}.${key}` : key;
			if (typeof value === 'string' && valueFilter(value)) {
				paths.push(newPath);
			} else {
				getAllKeyPaths(value, newPath, paths, valueFilter);
			}
		}
	}
	return paths;
}

/** The CLI's mockNodeTypes, holding just the temporary node type. */
function singleNodeTypes(nodeType: INodeType): INodeTypes {
	const { name } = nodeType.description;
	return {
		getKnownTypes: () => ({}),
		getByName: (type) => (type === name ? nodeType : (undefined as never)),
		getByNameAndVersion: (type, version) => {
			if (type !== name) throw new UnexpectedError('Node not found', { tags: { nodeType: type } });
			return NodeHelpers.getVersionedNodeType(nodeType, version);
		},
	};
}
