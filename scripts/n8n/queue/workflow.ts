/**
 * The queue-mode check's workflow: a production webhook that answers with the GuGuData node's
 * items (responseMode lastNode, all entries), so each call's answer is its execution's result.
 *
 *   Webhook (POST { batch, images: [{ id, url }] }) -> Split Out body.images -> GuGuData Image to
 *   Text, Image URL {{ $json.url }}, one item per image, On Error: Continue (regular output)
 *
 * Continue (regular output) turns a failed image into an item with `error`, in its input's place,
 * so a run with failures still answers with 25 items and the check can count them.
 */
export const NODE = {
	webhook: 'Webhook',
	split: 'One Item per Image URL',
	ocr: 'Read Image URL',
} as const;

export interface QueueWorkflowOptions {
	id: string;
	name: string;
	webhookPath: string;
	credential: { id: string; name: string };
}

export function queueWorkflow(options: QueueWorkflowOptions): Record<string, unknown> {
	return {
		id: options.id,
		name: options.name,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			{
				id: '5f0c1a52-7a0e-4d5e-9c61-2b7a3f000001',
				name: NODE.webhook,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: '5f0c1a52-7a0e-4d5e-9c61-2b7a3f0000aa',
				parameters: {
					httpMethod: 'POST',
					path: options.webhookPath,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: '5f0c1a52-7a0e-4d5e-9c61-2b7a3f000002',
				name: NODE.split,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.images', options: {} },
			},
			{
				id: '5f0c1a52-7a0e-4d5e-9c61-2b7a3f000003',
				name: NODE.ocr,
				type: 'n8n-nodes-gugudata.guGuData',
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				parameters: {
					operation: 'imageToText',
					inputType: 'url',
					imageUrl: '={{ $json.url }}',
					outputMode: 'perImage',
					options: {},
				},
				credentials: { guGuDataApi: options.credential },
			},
		],
		connections: {
			[NODE.webhook]: { main: [[{ node: NODE.split, type: 'main', index: 0 }]] },
			[NODE.split]: { main: [[{ node: NODE.ocr, type: 'main', index: 0 }]] },
		},
	};
}
