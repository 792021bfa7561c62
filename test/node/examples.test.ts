/**
 * The importable example workflows in examples/: every *.json there is checked, so new examples
 * are covered as they are added. The n8n nodes around ours are not loaded here (the harness runs
 * only this package and its own helper nodes), so their parts are checked for shape; every GuGuData
 * node's parameters are checked against the node's own description and then run through the node.
 */
import { GUGUDATA_NODE_TYPE, loadTypes, readBinary, REPO_ROOT, runWorkflow } from '../harness';
import type { InputItem } from '../harness';

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { NodeHelpers } from 'n8n-workflow';
import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodeTypeDescription,
	NodeParameterValueType,
} from 'n8n-workflow';

import { readDocxText } from '../fixtures/docx';
import { readSamplePdf, readSamplePng, SAMPLE_LINES, SAMPLE_PDF_PAGES } from '../fixtures/sample';
import { PLATFORMS, startServers } from './servers';
import type { Servers } from './servers';

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
/** The tool variant n8n generates from a `usableAsTool` node (name + 'Tool'). */
const GUGUDATA_TOOL_TYPE = `${GUGUDATA_NODE_TYPE}Tool`;
const GUGUDATA_TYPES = [GUGUDATA_NODE_TYPE, GUGUDATA_TOOL_TYPE];
/** Parameters n8n adds to a generated tool variant, on top of the node's own. */
const TOOL_ONLY_PARAMETERS = ['descriptionType', 'toolDescription'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ExampleNode extends Partial<INode> {
	[key: string]: unknown;
}

interface Example {
	file: string;
	workflow: {
		name?: unknown;
		nodes?: ExampleNode[];
		connections?: Record<string, Record<string, unknown>>;
		settings?: { executionOrder?: unknown };
		pinData?: unknown;
		active?: unknown;
	};
}

const files = readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.sort();

function load(file: string): Example {
	return { file, workflow: JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) };
}

/** JSON.parse is deferred to the tests; a broken file fails its own tests, not the whole suite. */
function tryLoad(file: string): Example | undefined {
	try {
		return load(file);
	} catch {
		return undefined;
	}
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isExpression = (value: unknown): value is string =>
	typeof value === 'string' && value.startsWith('=');

const guGuDataNodes = (example: Example): ExampleNode[] =>
	(example.workflow.nodes ?? []).filter((node) => GUGUDATA_TYPES.includes(String(node.type)));

/**
 * Our node's description, from the built package. Only the tests that need it load it, so the
 * shape checks of the JSON files run without a build.
 */
let description: INodeTypeDescription;

async function loadDescription(): Promise<void> {
	const { nodeTypes } = await loadTypes();
	description = nodeTypes.getByNameAndVersion(GUGUDATA_NODE_TYPE, 1).description;
}

test('examples/ holds example workflows', () => {
	expect(files.length).toBeGreaterThan(0);
});

describe.each(files)('%s', (file) => {
	test('parses as an n8n workflow export', () => {
		const { workflow } = load(file);
		expect(typeof workflow.name).toBe('string');
		expect(String(workflow.name).trim()).not.toBe('');
		expect(Array.isArray(workflow.nodes)).toBe(true);
		expect(workflow.nodes?.length).toBeGreaterThan(0);
		expect(isObject(workflow.connections)).toBe(true);
		expect(workflow.settings?.executionOrder).toBe('v1');
		expect(workflow.active).toBe(false);
		if (workflow.pinData !== undefined) expect(isObject(workflow.pinData)).toBe(true);
	});

	test('every node has an id, a name, a type, a version, a position and parameters', () => {
		const nodes = load(file).workflow.nodes ?? [];
		for (const node of nodes) {
			const where = `${file} › ${String(node.name)}`;
			expect({ where, id: node.id }).toEqual({ where, id: expect.stringMatching(UUID) });
			expect({ where, name: node.name }).toEqual({ where, name: expect.any(String) });
			expect(String(node.name).trim()).not.toBe('');
			expect({ where, type: node.type }).toEqual({
				where,
				type: expect.stringMatching(/^[@\w/-]+\.\w+$/),
			});
			expect({ where, typeVersion: node.typeVersion }).toEqual({
				where,
				typeVersion: expect.any(Number),
			});
			expect(node.typeVersion).toBeGreaterThan(0);
			expect(Array.isArray(node.position) && node.position.length === 2).toBe(true);
			expect(node.position?.every((value) => Number.isFinite(value))).toBe(true);
			expect({ where, parameters: isObject(node.parameters) }).toEqual({ where, parameters: true });
		}
		const names = nodes.map((node) => node.name);
		const ids = nodes.map((node) => node.id);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(ids).size).toBe(ids.length);
	});

	test('connections join existing nodes', () => {
		const { workflow } = load(file);
		const names = new Set((workflow.nodes ?? []).map((node) => node.name));
		for (const [source, byType] of Object.entries(workflow.connections ?? {})) {
			expect({ source, known: names.has(source) }).toEqual({ source, known: true });
			for (const [type, outputs] of Object.entries(byType)) {
				expect(Array.isArray(outputs)).toBe(true);
				for (const output of outputs as unknown[]) {
					if (output === null) continue;
					expect(Array.isArray(output)).toBe(true);
					for (const target of output as Array<Record<string, unknown>>) {
						const where = `${source} -[${type}]-> ${String(target.node)}`;
						expect({ where, known: names.has(String(target.node)) }).toEqual({
							where,
							known: true,
						});
						expect({ where, type: target.type }).toEqual({ where, type });
						expect(Number.isInteger(target.index) && (target.index as number) >= 0).toBe(true);
					}
				}
			}
		}
	});

	test('GuGuData nodes set only parameters the node accepts, with valid values', async () => {
		await loadDescription();
		const example = load(file);
		const nodes = guGuDataNodes(example);
		const report = (problems: (node: ExampleNode) => string[]) =>
			nodes.map((node) => ({ node: node.name, problems: problems(node) }));
		const none = report(() => []);
		expect(report(parameterProblems)).toEqual(none);
		expect(report(nodeProblems)).toEqual(none);
		// The node feeds the next node on `main`; its tool variant is an agent's `ai_tool`.
		const expectedKind = (node: ExampleNode) =>
			node.type === GUGUDATA_TOOL_TYPE ? ['ai_tool'] : ['main'];
		expect(
			nodes.map((node) => ({
				node: node.name,
				kinds: Object.keys(example.workflow.connections?.[String(node.name)] ?? {}),
			})),
		).toEqual(nodes.map((node) => ({ node: node.name, kinds: expectedKind(node) })));
	});
});

/** What is wrong with a GuGuData node's version or credential reference. */
function nodeProblems(node: ExampleNode): string[] {
	const problems: string[] = [];
	const versions = ([] as number[]).concat(description.version);
	if (!versions.includes(Number(node.typeVersion))) {
		problems.push(`typeVersion ${String(node.typeVersion)} is not one of ${versions}`);
	}
	const reference = node.credentials?.guGuDataApi;
	if (!reference?.id || !reference.name) {
		problems.push('credentials.guGuDataApi needs an id and a name');
	}
	return problems;
}

/** What is wrong with a GuGuData node's parameters, as messages (empty when nothing is). */
function parameterProblems(node: ExampleNode): string[] {
	const problems: string[] = [];
	const isTool = node.type === GUGUDATA_TOOL_TYPE;
	const parameters = { ...(node.parameters as INodeParameters) };
	if (isTool) {
		const manual = parameters.descriptionType === 'manual';
		if (manual && !String(parameters.toolDescription ?? '').trim()) {
			problems.push('toolDescription is empty although descriptionType is manual');
		}
		for (const key of TOOL_ONLY_PARAMETERS) delete parameters[key];
	}
	const { properties } = description;
	const nodeStub = { typeVersion: Number(node.typeVersion) };

	for (const [key, value] of Object.entries(parameters)) {
		const candidates = properties.filter((property) => property.name === key);
		if (candidates.length === 0) {
			problems.push(`unknown parameter "${key}"`);
			continue;
		}
		const shown = candidates.filter((property) =>
			NodeHelpers.displayParameter(parameters, property, nodeStub, description),
		);
		if (shown.length === 0) {
			problems.push(`parameter "${key}" is hidden by the other parameters' values`);
			continue;
		}
		const valueProblems = shown.map((property) =>
			valueProblem(property, value, parameters, nodeStub),
		);
		if (valueProblems.every(Boolean)) problems.push(`${key}: ${valueProblems[0]}`);
	}

	const issues = NodeHelpers.getNodeParametersIssues(
		properties,
		{ ...(node as INode), parameters },
		description,
	);
	if (issues) problems.push(`n8n reports issues: ${JSON.stringify(issues)}`);
	return problems;
}

/** Why a value does not fit a property (undefined when it fits). Expressions fit anything. */
function valueProblem(
	property: INodeProperties,
	value: NodeParameterValueType,
	root: INodeParameters,
	nodeStub: Pick<INode, 'typeVersion'>,
): string | undefined {
	if (isExpression(value)) {
		return property.noDataExpression ? 'takes no expressions' : undefined;
	}
	switch (property.type) {
		case 'options': {
			const options = (property.options ?? []) as Array<{ value: unknown }>;
			const allowed = options.map((option) => option.value);
			return allowed.includes(value) ? undefined : `"${String(value)}" is not one of ${allowed}`;
		}
		case 'string':
			return typeof value === 'string' ? undefined : 'is not a string';
		case 'number':
			return typeof value === 'number' ? undefined : 'is not a number';
		case 'boolean':
			return typeof value === 'boolean' ? undefined : 'is not a boolean';
		case 'collection': {
			if (!isObject(value)) return 'is not an object';
			const entries = property.options as INodeProperties[];
			for (const [key, inner] of Object.entries(value)) {
				const option = entries.find((entry) => entry.name === key);
				if (!option) return `has no option "${key}"`;
				const values = value as INodeParameters;
				if (!NodeHelpers.displayParameter(values, option, nodeStub, description, root)) {
					return `option "${key}" does not apply to these parameters`;
				}
				const problem = valueProblem(option, inner as NodeParameterValueType, root, nodeStub);
				if (problem) return `${key}: ${problem}`;
			}
			return undefined;
		}
		default:
			return undefined;
	}
}

// Running the example nodes: expressions that read other nodes or the AI ($('...'), $fromAI) have
// nothing to read here, so each one is replaced by a concrete value that points at the local
// server's copy of the sample image or PDF. Everything else runs exactly as the example sets it.

interface TestValues {
	imageUrl: string;
	imageBase64: string;
	pdfUrl: string;
	pdfBase64: string;
}

const EXPRESSION_STANDINS: Record<string, (values: TestValues) => string> = {
	imageUrl: ({ imageUrl }) => imageUrl,
	imageBase64: ({ imageBase64 }) => imageBase64,
	pdfUrl: ({ pdfUrl }) => pdfUrl,
	pdfBase64: ({ pdfBase64 }) => pdfBase64,
	binaryPropertyName: () => 'data',
	outputBinaryPropertyName: () => 'data',
	fileName: () => 'example-standin',
};

function concreteParameters(
	where: string,
	parameters: INodeParameters,
	values: TestValues,
): INodeParameters {
	const replace = (key: string, value: unknown): unknown => {
		if (isObject(value)) {
			return Object.fromEntries(
				Object.entries(value).map(([innerKey, inner]) => [innerKey, replace(innerKey, inner)]),
			);
		}
		if (!isExpression(value)) return value;
		const standin = EXPRESSION_STANDINS[key];
		if (!standin) throw new Error(`${where}: add a test stand-in for the expression in "${key}"`);
		return standin(values);
	};
	const concrete = replace('', parameters) as INodeParameters;
	for (const key of TOOL_ONLY_PARAMETERS) delete concrete[key];
	// A literal URL would be fetched from the internet; the test fetches the local sample.
	if (concrete.inputType === 'url') {
		if (isPdfOperation(concrete)) concrete.pdfUrl = values.pdfUrl;
		else concrete.imageUrl = values.imageUrl;
	}
	return concrete;
}

const isPdfOperation = (parameters: INodeParameters) =>
	String(parameters.operation).startsWith('pdf');

/** What the node makes of the sample PDF, per output mode: its pages on gugudata.io only. */
function samplePdfText(outputMode: unknown, platform: string) {
	const known = platform === 'international';
	const whole = known ? SAMPLE_PDF_PAGES.join('\n') : SAMPLE_LINES.join('\n');
	if (outputMode === 'perDocument') {
		return [
			{ text: whole, pages: known ? SAMPLE_PDF_PAGES : [whole], pageCount: known ? 2 : null },
		];
	}
	if (outputMode === 'perLine') {
		return SAMPLE_LINES.map((text, index) => ({
			text,
			lineNumber: index + 1,
			lineCount: SAMPLE_LINES.length,
			pageNumber: known ? (index < 2 ? 1 : 2) : null,
		}));
	}
	if (!known) return [{ text: whole, pageNumber: null, pageCount: null }];
	return SAMPLE_PDF_PAGES.map((text, index) => ({ text, pageNumber: index + 1, pageCount: 2 }));
}

const runCases = files.flatMap((file) => {
	const example = tryLoad(file);
	if (!example) return [];
	return guGuDataNodes(example).flatMap((node) =>
		PLATFORMS.map((platform) => ({ file, nodeName: String(node.name), node, platform })),
	);
});

describe('GuGuData nodes of the examples, run through the node', () => {
	let servers: Servers;
	const png = readSamplePng();
	const pdf = readSamplePdf();

	beforeAll(async () => {
		servers = await startServers();
		servers.international.fixtures.register(png, { lines: SAMPLE_LINES });
		servers.international.fixtures.register(pdf, { pages: SAMPLE_PDF_PAGES });
	});
	afterAll(async () => await servers?.close());

	test('there are GuGuData nodes to run', () => {
		expect(runCases.length).toBeGreaterThan(0);
	});

	test.each(runCases)(
		'$file › $nodeName on the $platform platform',
		async ({ file, nodeName, node, platform }) => {
			const server = servers[platform];
			const values: TestValues = {
				imageUrl: server.hostFile('examples/sample.png', png, 'image/png'),
				imageBase64: png.toString('base64'),
				pdfUrl: server.hostFile('examples/sample.pdf', pdf, 'application/pdf'),
				pdfBase64: pdf.toString('base64'),
			};
			const parameters = concreteParameters(
				`${file} › ${nodeName}`,
				node.parameters as INodeParameters,
				values,
			);
			const inputType = parameters.inputType ?? 'binary';
			const binaryProperty = String(parameters.binaryPropertyName ?? 'data');
			const sample = isPdfOperation(parameters)
				? { data: pdf, fileName: 'sample.pdf', mimeType: 'application/pdf' }
				: { data: png, fileName: 'sample.png', mimeType: 'image/png' };
			const items: InputItem[] =
				inputType === 'binary'
					? [{ json: { fileName: sample.fileName }, binary: { [binaryProperty]: sample } }]
					: [{ json: {} }];

			const result = await runWorkflow({
				parameters,
				typeVersion: node.typeVersion,
				nodeName,
				credentials: servers.credentials(platform),
				items,
				...(node.onError && { onError: node.onError }),
			});
			expect(result.nodeError).toBeUndefined();
			expect(result.status).toBe('success');

			const operation = parameters.operation ?? 'imageToText';
			if (operation === 'pdfToText') {
				expect(result.items.map((item) => item.json)).toEqual(
					samplePdfText(parameters.outputMode ?? 'perPage', platform),
				);
			} else if (operation === 'imageToText') {
				const json = result.items.map((item) => item.json);
				if (parameters.outputMode === 'perImage') {
					expect(json).toEqual([
						{ text: SAMPLE_LINES.join('\n'), lines: SAMPLE_LINES, lineCount: SAMPLE_LINES.length },
					]);
				} else {
					expect(json).toEqual(
						SAMPLE_LINES.map((text, index) => ({
							text,
							lineNumber: index + 1,
							lineCount: SAMPLE_LINES.length,
						})),
					);
				}
			} else {
				expect(['imageToWord', 'pdfToWord']).toContain(operation);
				expect(result.items).toHaveLength(1);
				const [item] = result.items;
				expect(item.json).toEqual(
					expect.objectContaining({
						wordFileUrl: expect.stringMatching(/^https?:\/\//),
						fileName: expect.stringMatching(/\.docx$/),
					}),
				);
				if (parameters.downloadWordFile !== false) {
					const property = String(parameters.outputBinaryPropertyName ?? 'data');
					expect(readDocxText(await readBinary(item, property))).toEqual(SAMPLE_LINES);
				}
			}
		},
	);
});
