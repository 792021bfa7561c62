/**
 * examples/email-attachment-to-word.json must keep importing and working: its nodes are wired as
 * described, the GuGuData node's parameters are ones our node has, and running our node with
 * exactly those parameters and its On Error setting on IMAP-like items gives the file the reply
 * attaches, and sends what it cannot read down the error output with what the failure email reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { GUGUDATA_CREDENTIAL_TYPE, GUGUDATA_NODE_TYPE, REPO_ROOT, runWorkflow } from '../harness';
import type { WorkflowRunResult } from '../harness';
import { makeJpeg, makePdf } from '../fixtures/images';
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
	onError?: string;
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

const EMAIL_SEND_TYPE = 'n8n-nodes-base.emailSend';
const REPLY_NAME = 'Reply with Word File';
const FAILURE_NAME = 'Tell Sender It Failed';

const byType = (type: string) => {
	const found = example.nodes.filter((node) => node.type === type);
	expect(found).toHaveLength(1);
	return found[0];
};
const byName = (name: string) => {
	const found = example.nodes.find((node) => node.name === name);
	expect(found?.type).toBe(EMAIL_SEND_TYPE);
	return found as ExampleNode;
};
const trigger = () => byType('n8n-nodes-base.emailReadImap');
const gugu = () => byType(GUGUDATA_NODE_TYPE);
const reply = () => byName(REPLY_NAME);
const failure = () => byName(FAILURE_NAME);

interface MailParameters {
	fromEmail: string;
	toEmail: string;
	subject: string;
	text: string;
	options: { attachments?: string };
}

/** The failure email's fields that hold expressions. */
const MAIL_FIELDS = ['toEmail', 'subject', 'text'] as const;
/** `{{ $json.<field> }}`, the one kind of expression the failure email uses. */
const JSON_FIELD = /\{\{\s*\$json\.(\w+)\s*\}\}/g;

/**
 * A failure email field as n8n renders it for `json`. It reads only `{{ $json.<field> }}`, so
 * replacing each with the field's value is what n8n's expression does.
 */
function renderOnItem(value: string, json: Record<string, unknown>): string {
	expect(value.startsWith('=')).toBe(true);
	const body = value.slice(1);
	const rest = body.replace(JSON_FIELD, '');
	// Anything else between braces would need the real expression engine.
	expect({ value, otherExpressions: rest.includes('{{') }).toEqual({
		value,
		otherExpressions: false,
	});
	return body.replace(JSON_FIELD, (_, field: string) => {
		expect({ field, value: json[field] }).toEqual({ field, value: expect.stringMatching(/\S/) });
		return String(json[field]);
	});
}

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

test('the workflow is importable: unique names and ids, known node versions, wired in two branches', () => {
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
	expect(
		example.nodes.filter((node) => node.type === EMAIL_SEND_TYPE).map((node) => node.name),
	).toEqual([REPLY_NAME, FAILURE_NAME]);
	expect(reply().typeVersion).toBe(2.1);
	expect(failure().typeVersion).toBe(2.1);
	expect(gugu().typeVersion).toBe(description.version);

	// Email Trigger -> GuGuData; its success output (0) -> the reply, its error output (1) -> the
	// failure email; nothing else.
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
		{ from: gugu().name, output: 0, to: REPLY_NAME, type: 'main', index: 0 },
		{ from: gugu().name, output: 1, to: FAILURE_NAME, type: 'main', index: 0 },
	]);
});

test('the GuGuData node sends failed items down its error output', () => {
	// Without this n8n has no output 1, and the failure email's connection leads nowhere.
	expect(gugu().onError).toBe('continueErrorOutput');
});

test('credentials are placeholders of the right types', () => {
	expect(gugu().credentials).toEqual({
		[GUGUDATA_CREDENTIAL_TYPE]: { id: '1', name: 'GuGuData account' },
	});
	expect(description.credentials?.map((credential) => credential.name)).toEqual([
		GUGUDATA_CREDENTIAL_TYPE,
	]);
	expect(Object.keys(trigger().credentials ?? {})).toEqual(['imap']);
	expect(Object.keys(reply().credentials ?? {})).toEqual(['smtp']);
	expect(failure().credentials).toEqual(reply().credentials);
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

	const mail = reply().parameters as unknown as MailParameters;
	const outputField = String(gugu().parameters.outputBinaryPropertyName ?? 'data');
	expect(mail.options.attachments?.split(',').map((name) => name.trim())).toEqual([outputField]);
	// Replies go to the sender, through an expression naming the trigger node as it is named.
	const sender = `$('${trigger().name}').item.json.from`;
	expect(mail.toEmail).toBe(`={{ ${sender} }}`);
	expect(mail.subject).toBe(`=Re: {{ $('${trigger().name}').item.json.subject }}`);
	expect(mail.text).toContain('{{ $json.fileName }}');
	expect(mail.text).toContain('{{ $json.wordFileUrl }}');

	// The failure email reads the error item, which carries the email's fields: no attachment,
	// same sender address and subject as the reply.
	const notice = failure().parameters as unknown as MailParameters;
	expect(notice.options).toEqual({});
	expect(notice.fromEmail).toBe(mail.fromEmail);
	expect(notice.toEmail).toBe('={{ $json.from }}');
	expect(notice.subject).toBe('=Re: {{ $json.subject }}');
	expect(notice.text).toContain('{{ $json.error }}');
	expect(notice.text).toContain('{{ $json.message }}');
});

describe.each(['international', 'china'] as const)(
	"our node with exactly the example's parameters and On Error, on the %s platform",
	(platform) => {
		// Emails as the Email Trigger (simple format, attachments downloaded) emits them: an image,
		// a PDF, and none at all (no binary).
		const emails = () => {
			const scan = makeJpeg(`example-receipt-${platform}`);
			servers[platform].fixtures.register(scan, { lines: ['RECEIPT 2026-04', 'Total 12.80 EUR'] });
			const email = (from: string, subject: string) => ({
				from,
				subject,
				textPlain: 'see attached',
			});
			return [
				{
					json: email('Alice <alice@example.com>', 'My receipt'),
					binary: { attachment_0: { data: scan, fileName: 'receipt.jpg', mimeType: 'image/jpeg' } },
				},
				{
					json: email('Bob <bob@example.com>', 'Invoice as PDF'),
					binary: {
						attachment_0: { data: makePdf(), fileName: 'invoice.pdf', mimeType: 'application/pdf' },
					},
				},
				{ json: email('Carol <carol@example.com>', 'Forgot the scan') },
			];
		};
		let result: WorkflowRunResult;

		beforeAll(async () => {
			const node = gugu();
			result = await runWorkflow({
				nodeType: node.type,
				typeVersion: node.typeVersion,
				nodeName: node.name,
				parameters: node.parameters as never,
				onError: node.onError as never,
				credentials: servers.credentials(platform),
				items: emails(),
			});
		});

		test('a good image leaves on the success output with the Word file the reply attaches', async () => {
			expect(result.status).toBe('success');
			expect(result.outputs(gugu().name)).toHaveLength(2);
			const success = result.output(gugu().name, 0);
			expect(success).toHaveLength(1);
			const [item] = success;
			expect(item.json).toEqual({ wordFileUrl: expect.any(String), fileName: 'receipt.docx' });
			expect(item.pairedItem).toEqual({ item: 0 });
			// Send Email attaches this field, under this name.
			expect(item.binary?.data).toMatchObject({ mimeType: DOCX_MIME, fileName: 'receipt.docx' });
			expect(await docxLines(item)).toEqual(['RECEIPT 2026-04', 'Total 12.80 EUR']);
			// The PDF and the missing attachment are refused before any request.
			expect(apiRequests(servers[platform])).toHaveLength(1);
		});

		test('a PDF and a missing attachment leave on the error output, paired, with error and message', () => {
			const failed = result.output(gugu().name, 1);
			expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
			// n8n adds the email's fields to the node's `error` and `message`.
			expect(failed[0].json).toEqual({
				from: 'Bob <bob@example.com>',
				subject: 'Invoice as PDF',
				textPlain: 'see attached',
				error: 'The file "invoice.pdf" is a PDF document: use the operation PDF to Word for PDFs',
				message: expect.stringContaining('Set Operation to PDF to Word for PDFs.'),
			});
			expect(failed[1].json).toEqual({
				from: 'Carol <carol@example.com>',
				subject: 'Forgot the scan',
				textPlain: 'see attached',
				error: expect.stringContaining('attachment_0'),
				message: expect.stringMatching(/\S/),
			});
		});

		test('the failure email reads non-empty values from each error item', () => {
			const notice = failure().parameters as unknown as MailParameters;
			const failed = result.output(gugu().name, 1);
			expect(failed).toHaveLength(2);
			for (const { json } of failed) {
				const mail = Object.fromEntries(
					MAIL_FIELDS.map((field) => [field, renderOnItem(notice[field], json)]),
				);
				expect(mail.toEmail).toBe(json.from);
				expect(mail.subject).toBe(`Re: ${String(json.subject)}`);
				expect(mail.text).toContain(String(json.error));
				expect(mail.text).toContain(String(json.message));
			}
		});
	},
);
