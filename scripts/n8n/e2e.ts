/**
 * End-to-end test of the packed package inside a real n8n (run by scripts/e2e.sh, which installs
 * n8n and Node 24, packs the package and unpacks it into a fresh user folder the way n8n's Community
 * Nodes installer does). This script then:
 *   1. starts two local GuGuData servers (International and China) in this process,
 *   2. imports a good and a wrong-key credential per platform with `n8n import:credentials`,
 *      records the package in n8n's database as an installed community package, and imports the
 *      workflows of scripts/n8n/workflows/ with `n8n import:workflow`,
 *   3. runs them with `n8n execute --id` and checks their output against the local servers,
 *   4. starts `n8n start`, sets up an owner through the REST API, and checks the credential test
 *      (POST /rest/credentials/test), the community package list, the node and credential types
 *      (/types/nodes.json, /types/credentials.json), the icons n8n serves, the codex and the AI tool
 *      variant of the node.
 * Each check prints PASS or FAIL; the last line is `N passed, M failed`; the exit code is 1 on any
 * failure. Environment (set by e2e.sh): ROOT, NODE_BIN, N8N_BIN, E2E_USER_FOLDER, N8N_NODE_MODULES.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { isDocx, readDocxText } from '../../test/fixtures/docx';
import { readSamplePng, SAMPLE_LINES, SAMPLE_PNG_PATH } from '../../test/fixtures/sample';
import { startGuGuServer, type GuGuServer, type Platform } from '../../test/server';

const env = (name: string): string => {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set (run this through scripts/e2e.sh)`);
	return value;
};

const ROOT = env('ROOT');
const NODE_BIN = env('NODE_BIN');
const N8N_BIN = env('N8N_BIN');
const USER_FOLDER = env('E2E_USER_FOLDER');
const N8N_NODE_MODULES = env('N8N_NODE_MODULES');
const PACKAGE_NAME = 'n8n-nodes-gugudata';
const NODE_TYPE = `${PACKAGE_NAME}.guGuData`;
const TOOL_TYPE = `${PACKAGE_NAME}.guGuDataTool`;
const CREDENTIAL_TYPE = 'guGuDataApi';
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PACKAGE_DIR = join(USER_FOLDER, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
const WORK_DIR = join(USER_FOLDER, 'e2e');
const repoPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	version: string;
};

// ---------------------------------------------------------------------------------------------
// Reporting

let passed = 0;
let failed = 0;
const t0 = Date.now();
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

function check(name: string, ok: boolean, detail = ''): boolean {
	if (ok) passed++;
	else failed++;
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${!ok && detail ? `\n     ${detail.split('\n').join('\n     ')}` : ''}`);
	return ok;
}

function step(message: string) {
	console.log(`--- [${seconds(t0)} s] ${message}`);
}

const short = (value: unknown, max = 600) => {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text === undefined ? 'undefined' : text.length > max ? `${text.slice(0, max)}...` : text;
};

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// ---------------------------------------------------------------------------------------------
// Processes

interface RunResult {
	code: number | null;
	stdout: string;
	stderr: string;
	seconds: string;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

let n8nEnv: NodeJS.ProcessEnv = {};

function runN8n(args: string[], timeoutMs = 180_000): Promise<RunResult> {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(NODE_BIN, [N8N_BIN, ...args], { env: n8nEnv, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr, seconds: seconds(started) });
		});
	});
}

function runNode(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(NODE_BIN, args, { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('close', (code) => resolve({ code, stdout, stderr, seconds: seconds(started) }));
	});
}

/** The first pretty-printed JSON object after `marker`: from a line "{" to the next line "}". */
function jsonAfter(text: string, marker = ''): unknown {
	const from = marker ? text.indexOf(marker) : 0;
	if (from < 0) return undefined;
	const rest = text.slice(from);
	const begin = rest.search(/^\{$/m);
	if (begin < 0) return undefined;
	const close = rest.slice(begin).search(/^\}$/m);
	if (close < 0) return undefined;
	try {
		return JSON.parse(rest.slice(begin, begin + close + 1));
	} catch {
		return undefined;
	}
}

// ---------------------------------------------------------------------------------------------
// Run data of `n8n execute`

interface Item {
	json: Record<string, unknown>;
	binary?: Record<string, { mimeType?: string; fileName?: string; fileExtension?: string; data?: string }>;
}
interface Execution {
	status?: string;
	data?: {
		resultData?: {
			error?: { message?: string; description?: string; node?: { name?: string } };
			runData?: Record<string, Array<{ executionStatus?: string; data?: { main?: Item[][] } }>>;
		};
	};
}

const itemsOf = (execution: Execution | undefined, node: string): Item[] | undefined =>
	execution?.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[0];

// ---------------------------------------------------------------------------------------------
// Files for the CLI

interface Platforms<T> {
	international: T;
	china: T;
}

const PLATFORMS: Platform[] = ['international', 'china'];
const LABEL: Platforms<string> = { international: 'International', china: 'China' };
const CREDENTIAL_ID: Platforms<{ good: string; bad: string }> = {
	international: { good: 'gguE2eCredIntl1', bad: 'gguE2eCredIntlX' },
	china: { good: 'gguE2eCredChin1', bad: 'gguE2eCredChinX' },
};
const WORKFLOW_ID: Platforms<{ ocr: string; badKey: string }> = {
	international: { ocr: 'gguE2eOcrIntl01', badKey: 'gguE2eBadIntl01' },
	china: { ocr: 'gguE2eOcrChin01', badKey: 'gguE2eBadChin01' },
};
const credentialName = (platform: Platform, kind: 'good' | 'bad') =>
	`GuGuData ${LABEL[platform]} (e2e${kind === 'bad' ? ', wrong key' : ''})`;

function instantiate(template: string, values: Record<string, string>): string {
	let text = readFileSync(join(ROOT, 'scripts', 'n8n', 'workflows', template), 'utf8');
	for (const [key, value] of Object.entries(values)) {
		// Values go inside JSON strings.
		text = text.split(key).join(JSON.stringify(value).slice(1, -1));
	}
	const leftover = text.match(/__[A-Z_]+__/);
	if (leftover) throw new Error(`${template}: placeholder ${leftover[0]} not filled`);
	return text;
}

// ---------------------------------------------------------------------------------------------
// HTTP against the running n8n

let baseUrl = '';
let cookie = '';
const BROWSER_ID = 'gugudata-e2e-browser';

async function http(
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; headers: Headers; text: string; bytes: Buffer; json?: any }> {
	const response = await fetch(`${baseUrl}${path}`, {
		method,
		headers: {
			'browser-id': BROWSER_ID,
			...(cookie ? { cookie } : {}),
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		redirect: 'manual',
	});
	const bytes = Buffer.from(await response.arrayBuffer());
	const text = bytes.toString('utf8');
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, bytes, json };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	mkdirSync(WORK_DIR, { recursive: true });
	const brokerPort = await freePort();
	n8nEnv = {
		...process.env,
		N8N_USER_FOLDER: USER_FOLDER,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
	};

	// 1. The package where the Community Nodes installer puts it.
	step(`n8n user folder ${USER_FOLDER}`);
	const installedJson = join(PACKAGE_DIR, 'package.json');
	const installed = existsSync(installedJson)
		? (JSON.parse(readFileSync(installedJson, 'utf8')) as { version?: string; n8n?: { nodes?: string[]; credentials?: string[] } })
		: undefined;
	const nodesList = JSON.parse(readFileSync(join(USER_FOLDER, '.n8n', 'nodes', 'package.json'), 'utf8')) as {
		dependencies?: Record<string, string>;
	};
	check(
		'package unpacked into <user folder>/.n8n/nodes/node_modules/n8n-nodes-gugudata and listed in nodes/package.json',
		installed?.version === repoPackage.version &&
			nodesList.dependencies?.[PACKAGE_NAME] === repoPackage.version &&
			[...(installed?.n8n?.nodes ?? []), ...(installed?.n8n?.credentials ?? [])].every((file) =>
				existsSync(join(PACKAGE_DIR, file)),
			) &&
			!existsSync(join(USER_FOLDER, '.n8n', 'custom', PACKAGE_NAME)),
		`package.json ${short(installed)}, nodes/package.json ${short(nodesList)}`,
	);

	// 2. Local GuGuData servers.
	const servers = {} as Platforms<GuGuServer>;
	for (const platform of PLATFORMS) {
		servers[platform] = await startGuGuServer({ platform });
		servers[platform].fixtures.register(readSamplePng(), { lines: SAMPLE_LINES });
	}
	step(`GuGuData servers: International ${servers.international.baseUrl}, China ${servers.china.baseUrl}`);

	let n8nServer: ReturnType<typeof spawn> | undefined;
	try {
		// 3. Credentials, package registration, workflows.
		const credentials = PLATFORMS.flatMap((platform) =>
			(['good', 'bad'] as const).map((kind) => ({
				id: CREDENTIAL_ID[platform][kind],
				name: credentialName(platform, kind),
				type: CREDENTIAL_TYPE,
				data: {
					appKey: kind === 'good' ? servers[platform].appKey : 'E2E-WRONG-APPKEY-0000',
					platform,
					baseUrl: servers[platform].baseUrl,
				},
			})),
		);
		const credentialsFile = join(WORK_DIR, 'credentials.json');
		writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2));
		const importCredentials = await runN8n(['import:credentials', `--input=${credentialsFile}`]);
		check(
			`n8n import:credentials: 4 credentials of type ${CREDENTIAL_TYPE} (${importCredentials.seconds} s)`,
			importCredentials.code === 0 && /Successfully imported 4 credentials/.test(importCredentials.stdout),
			`exit ${importCredentials.code}\n${short(importCredentials.stdout + importCredentials.stderr, 2000)}`,
		);

		const register = await runNode(
			[join(ROOT, 'scripts', 'n8n', 'register-package.cjs'), USER_FOLDER, PACKAGE_DIR, N8N_NODE_MODULES],
			{ NODE_PATH: N8N_NODE_MODULES },
		);
		check(
			'package loads with n8n-core PackageDirectoryLoader and is recorded in installed_packages / installed_nodes',
			register.code === 0 && register.stdout.includes(NODE_TYPE),
			short(register.stdout + register.stderr, 2000),
		);

		const workflowDir = join(WORK_DIR, 'workflows');
		mkdirSync(workflowDir, { recursive: true });
		for (const platform of PLATFORMS) {
			const common = {
				__CREDENTIAL_ID__: CREDENTIAL_ID[platform].good,
				__CREDENTIAL_NAME__: credentialName(platform, 'good'),
				__SAMPLE_PNG__: SAMPLE_PNG_PATH,
			};
			writeFileSync(
				join(workflowDir, `ocr-${platform}.json`),
				instantiate('ocr.json', {
					...common,
					__WORKFLOW_ID__: WORKFLOW_ID[platform].ocr,
					__WORKFLOW_NAME__: `GuGuData e2e: OCR on ${LABEL[platform]}`,
					__SAMPLE_URL__: servers[platform].assetUrl('_canned/sample.png'),
				}),
			);
			writeFileSync(
				join(workflowDir, `bad-key-${platform}.json`),
				instantiate('bad-key.json', {
					...common,
					__WORKFLOW_ID__: WORKFLOW_ID[platform].badKey,
					__WORKFLOW_NAME__: `GuGuData e2e: wrong AppKey on ${LABEL[platform]}`,
					__CREDENTIAL_ID__: CREDENTIAL_ID[platform].bad,
					__CREDENTIAL_NAME__: credentialName(platform, 'bad'),
				}),
			);
		}
		const importWorkflows = await runN8n(['import:workflow', '--separate', `--input=${workflowDir}`]);
		check(
			`n8n import:workflow: ${readdirSync(workflowDir).length} workflows (${importWorkflows.seconds} s)`,
			importWorkflows.code === 0 && /Successfully imported 4 workflows/.test(importWorkflows.stdout),
			`exit ${importWorkflows.code}\n${short(importWorkflows.stdout + importWorkflows.stderr, 2000)}`,
		);

		// 4. Workflow runs.
		for (const platform of PLATFORMS) {
			await checkOcrRun(platform, servers[platform]);
		}
		for (const platform of PLATFORMS) {
			await checkBadKeyRun(platform);
		}

		// 5. n8n's server: owner, credential test, community packages, types, icons, tool.
		const port = await freePort();
		baseUrl = `http://127.0.0.1:${port}`;
		const serverLog: string[] = [];
		const startedAt = Date.now();
		n8nServer = spawn(NODE_BIN, [N8N_BIN, 'start'], {
			env: { ...n8nEnv, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		n8nServer.stdout?.on('data', (chunk) => serverLog.push(String(chunk)));
		n8nServer.stderr?.on('data', (chunk) => serverLog.push(String(chunk)));
		let ready = false;
		while (Date.now() - startedAt < 180_000 && n8nServer.exitCode === null) {
			try {
				// /healthz answers before the REST controllers are mounted; /rest/settings after.
				const response = await fetch(`${baseUrl}/rest/settings`);
				if (response.status === 200 && serverLog.join('').includes('Editor is now accessible')) {
					ready = true;
					break;
				}
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		if (
			!check(
				`n8n start: ready on ${baseUrl} (${seconds(startedAt)} s)`,
				ready,
				serverLog.join('').slice(-3000),
			)
		) {
			return;
		}
		await checkServer(servers, serverLog);
	} finally {
		if (n8nServer && n8nServer.exitCode === null) {
			const exited = new Promise((resolve) => n8nServer!.once('exit', resolve));
			n8nServer.kill('SIGTERM');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
			if (n8nServer.exitCode === null) n8nServer.kill('SIGKILL');
		}
		for (const platform of PLATFORMS) await servers[platform].close();
	}
}

async function executeWorkflow(id: string): Promise<{ result: RunResult; execution?: Execution }> {
	const result = await runN8n(['execute', `--id=${id}`, '--rawOutput']);
	// Success: the run data after the task broker's log line. Failure: after "Execution error:".
	const marker = result.stdout.includes('Execution error:') ? 'Execution error:' : '';
	return { result, execution: jsonAfter(result.stdout, marker) as Execution | undefined };
}

async function checkOcrRun(platform: Platform, server: GuGuServer): Promise<void> {
	const label = LABEL[platform];
	server.reset();
	const { result, execution } = await executeWorkflow(WORKFLOW_ID[platform].ocr);
	const okRun = check(
		`${label}: n8n execute of the OCR workflow succeeds (${result.seconds} s)`,
		result.code === 0 && execution?.status === 'success',
		`exit ${result.code}, status ${execution?.status}\n${short(result.stdout + result.stderr, 3000)}`,
	);
	if (!okRun && !execution) return;

	const perImage = { text: SAMPLE_LINES.join('\n'), lines: SAMPLE_LINES, lineCount: SAMPLE_LINES.length };
	const textBinary = itemsOf(execution, 'Text from Binary');
	check(
		`${label}: Image to Text from binary (Read/Write Files from Disk, sample.png) gives the sample's lines`,
		textBinary?.length === 1 && sameJson(textBinary[0].json, perImage),
		short(textBinary),
	);
	const textBase64 = itemsOf(execution, 'Text from Base64');
	check(
		`${label}: Image to Text from base64 (Extract from File) gives the sample's lines`,
		textBase64?.length === 1 && sameJson(textBase64[0].json, perImage),
		short(textBase64),
	);
	const textUrl = itemsOf(execution, 'Text from URL');
	check(
		`${label}: Image to Text from an image URL gives one item per line`,
		textUrl?.length === SAMPLE_LINES.length &&
			textUrl.every((item, i) =>
				sameJson(item.json, { text: SAMPLE_LINES[i], lineNumber: i + 1, lineCount: SAMPLE_LINES.length }),
			),
		short(textUrl),
	);

	// What reached the server: the platform's endpoints, and the sample image itself.
	const api = server.requests.filter((entry) => entry.area === 'api');
	const sampleSha = server.requests.find((entry) => entry.imageSha256)?.imageSha256;
	const endpoints = api.map((entry) => entry.endpoint).sort();
	const expectedEndpoints =
		platform === 'international'
			? ['ocr', 'ocr', 'ocr', 'ocr2word', 'ocr2word']
			: ['imagestreamocr', 'ocr', 'ocr', 'ocr2word', 'ocr2word'];
	check(
		`${label}: the server saw ${expectedEndpoints.join(', ')}, all with the sample image and the AppKey in the query`,
		sameJson(endpoints, expectedEndpoints) &&
			api.every((entry) => entry.status === 200 && entry.appKeySource === 'query' && entry.imageSha256 === sampleSha),
		short(api.map(({ endpoint, status, appKeySource, imageSha256 }) => ({ endpoint, status, appKeySource, imageSha256 }))),
	);

	for (const [node, field, fileName] of [
		['Word from Binary', 'data', 'sample.docx'],
		['Word from URL', 'document', 'e2e-from-url.docx'],
	] as const) {
		const items = itemsOf(execution, node);
		const item = items?.[0];
		const binary = item?.binary?.[field];
		const bytes = binary?.data ? Buffer.from(binary.data, 'base64') : Buffer.alloc(0);
		let docxLines: string[] = [];
		try {
			docxLines = isDocx(bytes) ? readDocxText(bytes).filter((line) => line !== '') : [];
		} catch {
			docxLines = [];
		}
		const wordUrl = String(item?.json.wordFileUrl ?? '');
		const sourceOk =
			platform === 'china' && node === 'Word from URL'
				? item?.json.sourceImageUrl === server.assetUrl('_canned/sample.png')
				: true;
		check(
			`${label}: Image to Word (${node === 'Word from URL' ? 'URL' : 'binary'}) outputs binary "${field}": ${fileName}, ${DOCX_MIME}, a .docx holding the sample's lines`,
			items?.length === 1 &&
				item?.json.fileName === fileName &&
				wordUrl.startsWith(`${server.origin}/files/`) &&
				sourceOk &&
				binary?.mimeType === DOCX_MIME &&
				binary?.fileName === fileName &&
				binary?.fileExtension === 'docx' &&
				sameJson(docxLines, SAMPLE_LINES),
			`json ${short(item?.json)}, binary ${short({ ...binary, data: `${bytes.length} bytes` })}, docx lines ${short(docxLines)}`,
		);
	}
}

async function checkBadKeyRun(platform: Platform): Promise<void> {
	const label = LABEL[platform];
	const expected = `GuGuData rejected the AppKey (${platform === 'international' ? 'HTTP 401' : 'code 104'})`;
	const { result, execution } = await executeWorkflow(WORKFLOW_ID[platform].badKey);
	const error = execution?.data?.resultData?.error;
	check(
		`${label}: a run with a wrong AppKey fails with "${expected}" (${result.seconds} s)`,
		result.code !== 0 &&
			execution?.status === 'error' &&
			error?.message === expected &&
			error?.node?.name === 'Text with Wrong Key' &&
			!result.stdout.includes('E2E-WRONG-APPKEY-0000'),
		`exit ${result.code}, status ${execution?.status}, error ${short(error)}\n${short(result.stdout.slice(0, 1500))}`,
	);
}

async function checkServer(servers: Platforms<GuGuServer>, serverLog: string[]): Promise<void> {
	const setup = await http('POST', '/rest/owner/setup', {
		email: 'e2e-owner@example.com',
		firstName: 'E2E',
		lastName: 'Owner',
		password: 'E2e-Passw0rd-GuGuData',
	});
	cookie = (setup.headers.getSetCookie?.() ?? [])
		.map((value) => value.split(';')[0])
		.filter((value) => value.startsWith('n8n-auth='))
		.join('; ');
	if (!check('owner set up through POST /rest/owner/setup (auth cookie issued)', setup.status === 200 && !!cookie, `${setup.status} ${short(setup.text)}`)) {
		return;
	}

	// Credential test, the way the editor's "Test" button runs it.
	step('credential tests');
	for (const platform of PLATFORMS) {
		for (const kind of ['good', 'bad'] as const) {
			servers[platform].reset();
			const id = CREDENTIAL_ID[platform][kind];
			const data = {
				appKey: kind === 'good' ? servers[platform].appKey : 'E2E-WRONG-APPKEY-0000',
				platform,
				baseUrl: servers[platform].baseUrl,
			};
			const response = await http('POST', '/rest/credentials/test', {
				credentials: { id, name: credentialName(platform, kind), type: CREDENTIAL_TYPE, data },
			});
			const result = response.json?.data as { status?: string; message?: string } | undefined;
			const calls = servers[platform].requests.filter((entry) => entry.area === 'api');
			const reachedServer =
				calls.length === 1 &&
				calls[0].endpoint === 'ocr' &&
				(kind === 'good' ? calls[0].imageSha256 === undefined : true);
			check(
				`${LABEL[platform]}: credential test (POST /rest/credentials/test) with a ${kind === 'good' ? 'good key passes' : 'wrong key fails with "GuGuData rejected the AppKey..."'}`,
				response.status === 200 &&
					reachedServer &&
					(kind === 'good'
						? result?.status === 'OK'
						: result?.status === 'Error' && !!result.message?.startsWith('GuGuData rejected the AppKey.')),
				`${response.status} ${short(response.text)}; server saw ${short(calls.map(({ endpoint, status, code }) => ({ endpoint, status, code })))}`,
			);
		}
	}

	// Installed community packages, as Settings > Community Nodes lists them.
	step('community packages');
	const packages = await http('GET', '/rest/community-packages');
	const ours = (packages.json?.data as Array<Record<string, any>> | undefined)?.find(
		(entry) => entry.packageName === PACKAGE_NAME,
	);
	check(
		`GET /rest/community-packages lists ${PACKAGE_NAME}@${repoPackage.version} with node ${NODE_TYPE}, loaded`,
		packages.status === 200 &&
			ours?.installedVersion === repoPackage.version &&
			!ours?.failedLoading &&
			(ours?.installedNodes as Array<{ type: string }> | undefined)?.some((node) => node.type === NODE_TYPE) === true,
		`${packages.status} ${short(packages.text)}`,
	);

	// Loaded node types.
	step('node and credential types');
	const nodesResponse = await http('GET', '/types/nodes.json');
	const nodeTypes = (Array.isArray(nodesResponse.json) ? nodesResponse.json : []) as Array<Record<string, any>>;
	const node = nodeTypes.find((type) => type.name === NODE_TYPE);
	check(
		`GET /types/nodes.json has ${NODE_TYPE} (GuGuData, both operations, credential ${CREDENTIAL_TYPE})`,
		nodesResponse.status === 200 &&
			node?.displayName === 'GuGuData' &&
			// n8n appends "Custom API Call" (__CUSTOM_API_CALL__) because the credential has `authenticate`.
			sameJson(
				node?.properties
					?.find((p: any) => p.name === 'operation')
					?.options?.map((o: any) => o.value)
					.filter((value: string) => value !== '__CUSTOM_API_CALL__'),
				['imageToText', 'imageToWord'],
			) &&
			node?.credentials?.some((c: any) => c.name === CREDENTIAL_TYPE) === true,
		`${nodesResponse.status}, ${nodeTypes.length} types; ours: ${short(node && { ...node, properties: '...' })}`,
	);

	const codexSource = JSON.parse(readFileSync(join(ROOT, 'nodes', 'GuGuData', 'GuGuData.node.json'), 'utf8')) as {
		categories: string[];
		subcategories?: Record<string, string[]>;
		alias?: string[];
	};
	check(
		`${NODE_TYPE} carries its codex: categories ${codexSource.categories.join(', ')} (from GuGuData.node.json)`,
		sameJson(node?.codex?.categories, codexSource.categories) &&
			sameJson(node?.codex?.subcategories, codexSource.subcategories) &&
			sameJson(node?.codex?.alias, codexSource.alias),
		`codex in nodes.json: ${short(node?.codex)}; shipped in the package: ${existsSync(join(PACKAGE_DIR, 'dist', 'nodes', 'GuGuData', 'GuGuData.node.json'))}`,
	);

	for (const theme of ['light', 'dark'] as const) {
		const iconUrl = typeof node?.iconUrl === 'object' ? node.iconUrl[theme] : undefined;
		const file = theme === 'light' ? 'gugudata.svg' : 'gugudata.dark.svg';
		const expected = readFileSync(join(ROOT, 'nodes', 'GuGuData', file));
		const icon = iconUrl ? await http('GET', `/${iconUrl}`) : undefined;
		check(
			`node icon (${theme}) served at /${iconUrl ?? '?'}: image/svg+xml, the bytes of ${file}`,
			icon?.status === 200 &&
				String(icon.headers.get('content-type')).startsWith('image/svg+xml') &&
				icon.bytes.equals(expected),
			`iconUrl ${short(node?.iconUrl)}; ${icon?.status} ${icon?.headers.get('content-type')} ${icon?.bytes.length} bytes`,
		);
	}

	const tool = nodeTypes.find((type) => type.name === TOOL_TYPE);
	check(
		`AI Agent tool variant ${TOOL_TYPE} is among the node types (outputs ai_tool, in AI > Tools)`,
		sameJson(tool?.outputs, ['ai_tool']) &&
			tool?.codex?.categories?.includes('AI') === true &&
			tool?.codex?.subcategories?.AI?.includes('Tools') === true,
		short(tool && { name: tool.name, outputs: tool.outputs, codex: tool.codex }),
	);

	// The example workflows only use node types and versions this n8n has.
	const examplesDir = join(ROOT, 'examples');
	const examples = existsSync(examplesDir) ? readdirSync(examplesDir).filter((name) => name.endsWith('.json')) : [];
	const versionsOf = (type: string) =>
		nodeTypes
			.filter((entry) => entry.name === type)
			.flatMap((entry) => (Array.isArray(entry.version) ? entry.version : [entry.version]) as number[]);
	for (const name of examples.sort()) {
		let unknown: string[];
		try {
			const workflow = JSON.parse(readFileSync(join(examplesDir, name), 'utf8')) as {
				nodes: Array<{ name: string; type: string; typeVersion: number }>;
			};
			unknown = workflow.nodes
				.filter((entry) => !versionsOf(entry.type).includes(entry.typeVersion))
				.map((entry) => `${entry.name}: ${entry.type} v${entry.typeVersion} (known: ${versionsOf(entry.type).join(', ') || 'none'})`);
		} catch (error) {
			unknown = [`not a workflow: ${error instanceof Error ? error.message : String(error)}`];
		}
		check(`examples/${name}: every node type and version is one this n8n has`, unknown.length === 0, unknown.join('\n'));
	}

	const credentialsResponse = await http('GET', '/types/credentials.json');
	const credentialTypes = (Array.isArray(credentialsResponse.json) ? credentialsResponse.json : []) as Array<Record<string, any>>;
	const credential = credentialTypes.find((type) => type.name === CREDENTIAL_TYPE);
	const credentialIconUrl = typeof credential?.iconUrl === 'object' ? credential.iconUrl.light : undefined;
	const credentialIcon = credentialIconUrl ? await http('GET', `/${credentialIconUrl}`) : undefined;
	check(
		`GET /types/credentials.json has ${CREDENTIAL_TYPE} (GuGuData API: appKey, platform, baseUrl; for ${NODE_TYPE}) and its icon is served`,
		credentialsResponse.status === 200 &&
			credential?.displayName === 'GuGuData API' &&
			// n8n appends its own allowedHttpRequestDomains / allowedDomains properties.
			sameJson(credential?.properties?.map((p: any) => p.name).slice(0, 3), ['appKey', 'platform', 'baseUrl']) &&
			credential?.supportedNodes?.includes(NODE_TYPE) === true &&
			credentialIcon?.status === 200 &&
			credentialIcon.bytes.equals(readFileSync(join(ROOT, 'nodes', 'GuGuData', 'gugudata.svg'))),
		`${credentialsResponse.status}; ours: ${short(credential)}; icon ${credentialIcon?.status}`,
	);

	const log = serverLog.join('');
	check(
		'n8n server log has no error about the package',
		!/error[^\n]*gugudata|gugudata[^\n]*error/i.test(log) && !log.includes('packages are missing'),
		log.split('\n').filter((line) => /gugudata|missing/i.test(line)).slice(0, 20).join('\n'),
	);
}

main()
	.catch((error) => {
		check('e2e script ran to the end', false, error instanceof Error ? (error.stack ?? error.message) : String(error));
	})
	.finally(() => {
		const overall = process.env.E2E_T_START
			? `, whole run ${(Date.now() / 1000 - Number(process.env.E2E_T_START)).toFixed(1)} s (n8n install or cache check ${process.env.E2E_T_INSTALL} s, build + pack ${process.env.E2E_T_PACK} s)`
			: '';
		console.log(`--- timings: checks ${seconds(t0)} s${overall}`);
		if (failed === 0 && process.env.E2E_KEEP !== '1') rmSync(USER_FOLDER, { recursive: true, force: true });
		else console.log(`--- user folder kept for inspection: ${USER_FOLDER}`);
		console.log(`${passed} passed, ${failed} failed`);
		process.exit(failed === 0 ? 0 : 1);
	});
