/** The few n8n REST calls the screenshot script makes, through the browser context's cookie jar. */
import type { APIRequestContext } from 'playwright-core';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
}

export const DEMO_WORKFLOW_NAME = 'GuGuData demo: sample image and PDF, every input (local server)';
export const NODE_TYPE = 'n8n-nodes-gugudata.guGuData';
export const READ_FILE_TYPE = 'n8n-nodes-base.readWriteFile';

export class N8nApi {
	constructor(
		private readonly request: APIRequestContext,
		private readonly baseUrl: string,
	) {}

	/** POST /rest/login; the n8n-auth cookie lands in the browser context. */
	async login(email: string, password: string): Promise<void> {
		const response = await this.request.post(`${this.baseUrl}/rest/login`, {
			data: { emailOrLdapLoginId: email, password },
		});
		if (!response.ok()) {
			throw new Error(
				`n8n login as ${email} failed (HTTP ${response.status()}): ${(await response.text()).slice(0, 300)}. ` +
					'Set N8N_DEV_EMAIL / N8N_DEV_PASSWORD to the owner account of this n8n.',
			);
		}
	}

	async listWorkflows(): Promise<Array<{ id: string; name: string }>> {
		return (await this.call('GET', '/rest/workflows')) as Array<{ id: string; name: string }>;
	}

	async getWorkflow(id: string): Promise<Workflow> {
		return (await this.call('GET', `/rest/workflows/${id}`)) as Workflow;
	}

	async createWorkflow(workflow: Record<string, unknown>): Promise<Workflow> {
		return (await this.call('POST', '/rest/workflows', workflow)) as Workflow;
	}

	/** n8n deletes only archived workflows (with their executions). */
	async deleteWorkflow(id: string): Promise<void> {
		await this.call('POST', `/rest/workflows/${id}/archive`);
		await this.call('DELETE', `/rest/workflows/${id}`);
	}

	private async call(
		method: 'GET' | 'POST' | 'DELETE',
		path: string,
		data?: unknown,
	): Promise<unknown> {
		const response = await this.request.fetch(`${this.baseUrl}${path}`, { method, data });
		const text = await response.text();
		if (!response.ok())
			throw new Error(`${method} ${path}: HTTP ${response.status()} ${text.slice(0, 300)}`);
		return (JSON.parse(text) as { data: unknown }).data;
	}
}
