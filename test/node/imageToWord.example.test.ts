/**
 * examples/email-attachment-to-word.json must keep importing and working: its nodes are wired as
 * described, the GuGuData node's parameters are ones our node has, and running our node with
 * exactly those parameters on an IMAP-like item gives the file the Send Email node attaches.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { GUGUDATA_CREDENTIAL_TYPE, GUGUDATA_NODE_TYPE, REPO_ROOT, runWorkflow } from '../harness';
import { makeJpeg } from '../fixtures/images';
import { apiRequests, docxLines, DOCX_MIME } from './imageToWord.helpers';
import { startServers } from './servers';
import type { Servers } from './servers';

interface ExampleNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

interface Example {
	name: string;
	nodes: ExampleNode[];
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	>;
	settings: Record<string, unknown>;
}

const example = JSON.parse(
	readFileSync(join(REPO_ROOT, 'examples', 'email-attachment-to-word.json'), 'utf8'),
) as Example;

const byType = (type: string) => {
	const found = example.nodes.filter((node) => node.type === type);
	expect(found).toHaveLength(1);
	return found[0];
};
const trigger = () => byType('n8n-nodes-base.emailReadImap');
const gugu = () => byType(GUGUDATA_NODE_TYPE);
const send = () => byType('n8n-nodes-base.emailSend');

// The built node, as n8n loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GuGuData } = require(join(REPO_ROOT, 'dist/nodes/GuGuData/GuGuData.node.js')) as {
	GuGuData: new () => { description: INodeTypeDescription };
};
const description = new GuGuData().description;

let servers: Servers;
beforeAll(async () => {
	servers = await startServers();
});
afterAll(async () => await servers.close());

test('the workflow is importable: unique names and ids, known node versions, wired in a chain', () => {
	expect(example.name).toMatch(/\S/);
	expect(example.settings).toEqual({ executionOrder: 'v1' });
	const names = example.nodes.map((node) => node.name);
	expect(new Set(names).size).toBe(names.length);
	expect(new Set(example.nodes.map((node) => node.id)).size).toBe(names.length);
	for (const node of example.nodes) {
		expect(node.id).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		expect(node.position).toEqual([expect.any(Number), expect.any(Number)]);
	}
	expect(trigger().typeVersion).toBe(2);
	expect(send().typeVersion).toBe(2.1);
	expect(gugu().typeVersion).toBe(description.version);

	// Email Trigger -> GuGuData -> Send Email, on main output 0, nothing else.
	const edges = Object.entries(example.connections).flatMap(([from, { main }]) =>
		main.flatMap((targets, output) =>
			targets.map((target) => ({
				from,
				output,
				to: target.node,
				type: target.type,
				index: target.index,
			})),
		),
	);
	expect(edges).toEqual([
		{ from: trigger().name, output: 0, to: gugu().name, type: 'main', index: 0 },
		{ from: gugu().name, output: 0, to: send().name, type: 'main', index: 0 },
	]);
});

test('credentials are placeholders of the right types', () => {
	expect(gugu().credentials).toEqual({
		[GUGUDATA_CREDENTIAL_TYPE]: { id: '1', name: 'GuGuData account' },
	});
	expect(description.credentials?.map((credential) => credential.name)).toEqual([
		GUGUDATA_CREDENTIAL_TYPE,
	]);
	expect(Object.keys(trigger().credentials ?? {})).toEqual(['imap']);
	expect(Object.keys(send().credentials ?? {})).toEqual(['smtp']);
});

test("the GuGuData node's parameters exist on our node and hold allowed values", () => {
	const parameters = gugu().parameters;
	expect(parameters).toMatchObject({
		operation: 'imageToWord',
		inputType: 'binary',
		downloadWordFile: true,
	});
	const properties = new Map<string, INodeProperties[]>();
	for (const property of description.properties) {
		properties.set(property.name, [...(properties.get(property.name) ?? []), property]);
	}
	const shown = (property: INodeProperties) =>
		Object.entries(property.displayOptions?.show ?? {}).every(([name, values]) =>
			(values as unknown[]).includes(parameters[name]),
		);
	for (const [name, value] of Object.entries(parameters)) {
		const candidates = properties.get(name) ?? [];
		expect({ name, known: candidates.length > 0 }).toEqual({ name, known: true });
		// Shown for these settings: n8n would drop a parameter that is hidden.
		const property = candidates.find(shown);
		expect({ name, shown: property !== undefined }).toEqual({ name, shown: true });
		if (property?.type === 'options') {
			expect(property.options?.map((option) => (option as { value: unknown }).value)).toContain(
				value,
			);
		}
		if (property?.type === 'boolean') expect(typeof value).toBe('boolean');
		if (property?.type === 'collection') {
			const allowed = (property.options ?? []).map((option) => (option as INodeProperties).name);
			for (const key of Object.keys(value as object)) expect(allowed).toContain(key);
		}
	}
});

test('the nodes hand on what the next one reads', () => {
	const imap = trigger().parameters;
	expect(imap).toMatchObject({ format: 'simple', downloadAttachments: true });
	// The first attachment lands in <prefix>0.
	expect(gugu().parameters.binaryPropertyName).toBe(
		`${String(imap.dataPropertyAttachmentsPrefixName)}0`,
	);

	const mail = send().parameters as {
		toEmail: string;
		subject: string;
		text: string;
		options: { attachments: string };
	};
	const outputField = String(gugu().parameters.outputBinaryPropertyName ?? 'data');
	expect(mail.options.attachments.split(',').map((name) => name.trim())).toEqual([outputField]);
	// Replies go to the sender, through an expression naming the trigger node as it is named.
	const sender = `$('${trigger().name}').item.json.from`;
	expect(mail.toEmail).toBe(`={{ ${sender} }}`);
	expect(mail.subject).toBe(`=Re: {{ $('${trigger().name}').item.json.subject }}`);
	expect(mail.text).toContain('{{ $json.fileName }}');
	expect(mail.text).toContain('{{ $json.wordFileUrl }}');
});

test.each(['international', 'china'] as const)(
	'our node runs with exactly the example parameters on the %s platform',
	async (platform) => {
		const scan = makeJpeg('example-receipt');
		servers[platform].fixtures.register(scan, { lines: ['RECEIPT 2026-04', 'Total 12.80 EUR'] });
		const node = gugu();
		// An item as the Email Trigger (simple format, attachments downloaded) emits it.
		const email = {
			json: { from: 'Alice <alice@example.com>', subject: 'My receipt', textPlain: 'see attached' },
			binary: {
				attachment_0: { data: scan, fileName: 'receipt.jpg', mimeType: 'image/jpeg' },
			},
		};
		const result = await runWorkflow({
			nodeType: node.type,
			typeVersion: node.typeVersion,
			nodeName: node.name,
			parameters: node.parameters as never,
			credentials: servers.credentials(platform),
			items: [email],
		});
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.json).toEqual({ wordFileUrl: expect.any(String), fileName: 'receipt.docx' });
		expect(item.pairedItem).toEqual({ item: 0 });
		// Send Email attaches this field, under this name.
		expect(item.binary?.data).toMatchObject({ mimeType: DOCX_MIME, fileName: 'receipt.docx' });
		expect(await docxLines(item)).toEqual(['RECEIPT 2026-04', 'Total 12.80 EUR']);
		expect(apiRequests(servers[platform])).toHaveLength(1);
	},
);
