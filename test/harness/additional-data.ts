import { Container } from '@n8n/di';
import { ExternalSecretsProxy } from 'n8n-core';
import type { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	ICredentialsHelper,
	INodeParameters,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

// What n8n's UrlService and endpoint config give a default local instance.
const INSTANCE_URL = 'http://localhost:5678/';

function unsupported(feature: string) {
	return async (): Promise<never> => {
		throw new UserError(`${feature} is not available in the test harness`);
	};
}

/**
 * A real object shaped like the CLI's WorkflowExecuteAdditionalData.getBase() (2.40), rather than a
 * deep mock: WorkflowExecute reads fields such as `currentNodeExecutionIndex` and
 * `restartExecutionId`, where a mock's auto-created functions would change its behaviour. Left out
 * as in a default instance: `ssrfBridge` (SSRF protection is off by default) and module contexts.
 */
export function buildAdditionalData({
	credentialsHelper,
	hooks,
	executionId,
	currentNodeParameters,
}: {
	credentialsHelper: ICredentialsHelper;
	hooks?: ExecutionLifecycleHooks;
	executionId?: string;
	currentNodeParameters?: INodeParameters;
}): IWorkflowExecuteAdditionalData {
	return {
		currentNodeExecutionIndex: 0,
		credentialsHelper,
		hooks,
		executionId,
		executeWorkflow: unsupported('Executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: unsupported('Runtime credentials'),
		restApiUrl: `${INSTANCE_URL}rest`,
		instanceBaseUrl: INSTANCE_URL,
		formBaseUrl: `${INSTANCE_URL}form`,
		formTestBaseUrl: `${INSTANCE_URL}form-test`,
		formWaitingBaseUrl: `${INSTANCE_URL}form-waiting`,
		webhookBaseUrl: `${INSTANCE_URL}webhook`,
		webhookWaitingBaseUrl: `${INSTANCE_URL}webhook-waiting`,
		webhookTestBaseUrl: `${INSTANCE_URL}webhook-test`,
		mcpBaseUrl: `${INSTANCE_URL}mcp`,
		mcpTestBaseUrl: `${INSTANCE_URL}mcp-test`,
		currentNodeParameters,
		userId: 'harness-user',
		variables: {},
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
		startRunnerTask: unsupported('Task runners (Code node)'),
		logAiEvent: () => {},
		logHitlResponse: () => {},
	};
}
