/**
 * The packed package inside a real n8n, once per version of N8N_VERSIONS (the global setup has
 * installed them and packed the package). Per version:
 *   1. a fresh user folder with the package installed as the Community Nodes installer does,
 *   2. two local GuGuData servers (International and China) in this process,
 *   3. a good and a wrong-key credential per platform (`n8n import:credentials`), the package's
 *      rows in n8n's database, the workflows of scripts/n8n/workflows/ (`n8n import:workflow`),
 *   4. the workflows run with `n8n execute --id`, their output checked against the servers,
 *   5. `n8n start`, an owner set up through the REST API, then the credential test, the community
 *      package list, node and credential types, icons, codex and the AI tool variant.
 * Steps depend on the ones before: after a failed step the later ones fail too. A version's user
 * folder is removed when all its checks pass (E2E_KEEP=1 keeps it), else kept until the next run.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	createUserFolder,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	itemsOf,
	log,
	n8nVersions,
	PACKAGE_NAME,
	packageDir,
	readBinary,
	registerPackage,
	ROOT,
	startMain,
	stopAll,
	type Execution,
	type N8nInstall,
	type N8nProcess,
	type RunResult,
} from '../../scripts/n8n/toolkit';
import { isDocx, readDocxText } from '../fixtures/docx';
import {
	readSamplePdf,
	readSamplePng,
	SAMPLE_LINES,
	SAMPLE_PDF_PAGES,
	SAMPLE_PDF_PATH,
	SAMPLE_PNG_PATH,
} from '../fixtures/sample';
import { startGuGuServer, type GuGuServer, type Platform, type RequestLogEntry } from '../server';
import { readSetup } from './setup-file';

const NODE_TYPE = `${PACKAGE_NAME}.guGuData`;
const TOOL_TYPE = `${PACKAGE_NAME}.guGuDataTool`;
const CREDENTIAL_TYPE = 'guGuDataApi';
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const WRONG_KEY = 'E2E-WRONG-APPKEY-0000';
const repoPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	version: string;
};

const PLATFORMS: Platform[] = ['international', 'china'];
const LABEL: Record<Platform, string> = { international: 'International', china: 'China' };
const CREDENTIAL_ID: Record<Platform, { good: string; bad: string }> = {
	international: { good: 'gguE2eCredIntl1', bad: 'gguE2eCredIntlX' },
	china: { good: 'gguE2eCredChin1', bad: 'gguE2eCredChinX' },
};
const WORKFLOW_ID: Record<Platform, { ocr: string; badKey: string }> = {
	international: { ocr: 'gguE2eOcrIntl01', badKey: 'gguE2eBadIntl01' },
	china: { ocr: 'gguE2eOcrChin01', badKey: 'gguE2eBadChin01' },
};
const credentialName = (platform: Platform, kind: 'good' | 'bad') =>
	`GuGuData ${LABEL[platform]} (e2e${kind === 'bad' ? ', wrong key' : ''})`;

/** The end of a CLI run's output, for failure messages. */
const tail = (result: RunResult | undefined, max = 3000) =>
	result ? `exit ${result.code}\n${(result.stdout + result.stderr).slice(-max)}` : 'not run';

/** Exit code 0 and `pattern` in stdout, or a failure that shows the command's output. */
function expectSuccess(result: RunResult, pattern: RegExp): void {
	if (result.code !== 0 || !pattern.test(result.stdout)) {
		throw new Error(`expected exit 0 and ${pattern} in stdout; got ${tail(result)}`);
	}
}

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

const installs = new Map(readSetup().installs.map((install) => [install.version, install]));
const tarball = readSetup().tarball;

afterAll(async () => {
	// Nothing may outlive the run, whatever failed.
	await stopAll();
});

describe.each(n8nVersions())('n8n %s', (version) => {
	const install = installs.get(version) as N8nInstall;
	let userFolder = '';
	let workDir = '';
	const servers = {} as Record<Platform, GuGuServer>;
	let failures = 0;
	const timings: string[] = [];
	let versionStarted = 0;

	/** A test that counts failures, so the user folder is kept for inspection after one. */
	function check(name: string, fn: () => Promise<void> | void, timeoutMs?: number): void {
		test(
			name,
			async () => {
				try {
					await fn();
				} catch (error) {
					failures++;
					throw error;
				}
			},
			timeoutMs,
		);
	}

	beforeAll(async () => {
		if (!install) throw new Error(`n8n ${version} was not installed by the global setup`);
		versionStarted = Date.now();
		const t0 = Date.now();
		userFolder = await createUserFolder(install, tarball);
		timings.push(`user folder ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		workDir = join(userFolder, 'e2e');
		mkdirSync(workDir, { recursive: true });
		for (const platform of PLATFORMS) {
			servers[platform] = await startGuGuServer({ platform });
			servers[platform].fixtures.register(readSamplePng(), { lines: SAMPLE_LINES });
			servers[platform].fixtures.register(readSamplePdf(), { pages: SAMPLE_PDF_PAGES });
		}
	});

	afterAll(async () => {
		await main?.stop();
		for (const platform of PLATFORMS) await servers[platform]?.close();
		const keep = failures > 0 || process.env.E2E_KEEP === '1';
		if (userFolder && !keep) rmSync(userFolder, { recursive: true, force: true });
		log(
			`n8n ${version}: ${((Date.now() - versionStarted) / 1000).toFixed(1)} s (${timings.join(', ')})` +
				(userFolder && keep ? `; user folder kept: ${userFolder}` : ''),
		);
	});

	// 1. The package where the Community Nodes installer puts it.
	check(
		'package unpacked into <user folder>/.n8n/nodes/node_modules/n8n-nodes-gugudata and listed in nodes/package.json',
		() => {
			const dir = packageDir(userFolder);
			const installed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
				version?: string;
				n8n?: { nodes?: string[]; credentials?: string[] };
			};
			const nodesList = JSON.parse(
				readFileSync(join(userFolder, '.n8n', 'nodes', 'package.json'), 'utf8'),
			) as { dependencies?: Record<string, string> };
			expect(installed.version).toBe(repoPackage.version);
			expect(nodesList.dependencies?.[PACKAGE_NAME]).toBe(repoPackage.version);
			const files = [...(installed.n8n?.nodes ?? []), ...(installed.n8n?.credentials ?? [])];
			expect(files.filter((file) => !existsSync(join(dir, file)))).toEqual([]);
			expect(existsSync(join(userFolder, '.n8n', 'custom', PACKAGE_NAME))).toBe(false);
		},
	);

	// 3. Credentials, package registration, workflows.
	check(`n8n import:credentials: 4 credentials of type ${CREDENTIAL_TYPE}`, async () => {
		const credentials = PLATFORMS.flatMap((platform) =>
			(['good', 'bad'] as const).map((kind) => ({
				id: CREDENTIAL_ID[platform][kind],
				name: credentialName(platform, kind),
				type: CREDENTIAL_TYPE,
				data: {
					appKey: kind === 'good' ? servers[platform].appKey : WRONG_KEY,
					platform,
					baseUrl: servers[platform].baseUrl,
				},
			})),
		);
		const file = join(workDir, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		const result = await importCredentials(install, userFolder, file);
		timings.push(`import:credentials ${result.seconds} s`);
		expectSuccess(result, /Successfully imported 4 credentials/);
	});

	check(
		'package loads with n8n-core PackageDirectoryLoader and is recorded in installed_packages / installed_nodes',
		async () => {
			const result = await registerPackage(install, userFolder);
			expectSuccess(result, new RegExp(NODE_TYPE.replace(/\./g, '\\.')));
		},
	);

	check('n8n import:workflow: 4 workflows', async () => {
		const dir = join(workDir, 'workflows');
		mkdirSync(dir, { recursive: true });
		for (const platform of PLATFORMS) {
			const common = {
				__CREDENTIAL_ID__: CREDENTIAL_ID[platform].good,
				__CREDENTIAL_NAME__: credentialName(platform, 'good'),
				__SAMPLE_PNG__: SAMPLE_PNG_PATH,
				__SAMPLE_PDF__: SAMPLE_PDF_PATH,
			};
			writeFileSync(
				join(dir, `ocr-${platform}.json`),
				instantiate('ocr.json', {
					...common,
					__WORKFLOW_ID__: WORKFLOW_ID[platform].ocr,
					__WORKFLOW_NAME__: `GuGuData e2e: OCR on ${LABEL[platform]}`,
					__SAMPLE_URL__: servers[platform].assetUrl('_canned/sample.png'),
					__SAMPLE_PDF_URL__: servers[platform].assetUrl('_canned/sample.pdf'),
				}),
			);
			writeFileSync(
				join(dir, `bad-key-${platform}.json`),
				instantiate('bad-key.json', {
					...common,
					__WORKFLOW_ID__: WORKFLOW_ID[platform].badKey,
					__WORKFLOW_NAME__: `GuGuData e2e: wrong AppKey on ${LABEL[platform]}`,
					__CREDENTIAL_ID__: CREDENTIAL_ID[platform].bad,
					__CREDENTIAL_NAME__: credentialName(platform, 'bad'),
				}),
			);
		}
		expect(readdirSync(dir)).toHaveLength(4);
		const result = await importWorkflows(install, userFolder, dir);
		timings.push(`import:workflow ${result.seconds} s`);
		expectSuccess(result, /Successfully imported 4 workflows/);
	});

	// 4. Workflow runs.
	for (const platform of PLATFORMS) {
		const label = LABEL[platform];
		const server = () => servers[platform];
		let run: { result: RunResult; execution?: Execution } | undefined;
		let api: RequestLogEntry[] = [];

		check(`${label}: n8n execute of the OCR workflow succeeds`, async () => {
			server().reset();
			run = await executeWorkflow(install, userFolder, WORKFLOW_ID[platform].ocr);
			api = server().requests.filter((entry) => entry.area === 'api');
			timings.push(`execute ${platform} ${run.result.seconds} s`);
			if (run.result.code !== 0 || run.execution?.status !== 'success') {
				const error = run.execution?.data?.resultData?.error;
				throw new Error(
					`status ${run.execution?.status}, error ${JSON.stringify(error?.message)} in ${error?.node?.name}; ${tail(run.result)}`,
				);
			}
		});

		const perImage = {
			text: SAMPLE_LINES.join('\n'),
			lines: SAMPLE_LINES,
			lineCount: SAMPLE_LINES.length,
		};
		check(
			`${label}: Image to Text from binary (Read/Write Files from Disk, sample.png) gives the sample's lines`,
			() => {
				expect(itemsOf(run?.execution, 'Text from Binary')?.map((item) => item.json)).toEqual([
					perImage,
				]);
			},
		);
		check(
			`${label}: Image to Text from base64 (Extract from File) gives the sample's lines`,
			() => {
				expect(itemsOf(run?.execution, 'Text from Base64')?.map((item) => item.json)).toEqual([
					perImage,
				]);
			},
		);
		check(`${label}: Image to Text from an image URL gives one item per line`, () => {
			expect(itemsOf(run?.execution, 'Text from URL')?.map((item) => item.json)).toEqual(
				SAMPLE_LINES.map((text, i) => ({
					text,
					lineNumber: i + 1,
					lineCount: SAMPLE_LINES.length,
				})),
			);
		});

		check(
			`${label}: "Continue (using error output)" sends a failed item to the error output`,
			() => {
				expect(itemsOf(run?.execution, 'Error Output', 0)).toEqual([]);
				expect(itemsOf(run?.execution, 'Error Output', 1)?.map((item) => item.json)).toEqual([
					{
						error: 'The image URL is not a valid URL',
						message: 'Use a full address such as https://example.com/scan.png.',
					},
				]);
			},
		);

		// The sample PDF: its two pages on International; China sends the text without page boundaries.
		const pagesKnown = platform === 'international';
		const wholePdf = SAMPLE_PDF_PAGES.join('\n');
		check(
			`${label}: PDF to Text from binary (one item per page) gives the sample PDF's pages`,
			() => {
				expect(itemsOf(run?.execution, 'PDF Text from Binary')?.map((item) => item.json)).toEqual(
					pagesKnown
						? SAMPLE_PDF_PAGES.map((text, i) => ({ text, pageNumber: i + 1, pageCount: 2 }))
						: [{ text: wholePdf, pageNumber: null, pageCount: null }],
				);
			},
		);
		check(
			`${label}: PDF to Text from base64 (Extract from File) gives one item for the PDF`,
			() => {
				expect(itemsOf(run?.execution, 'PDF Text from Base64')?.map((item) => item.json)).toEqual([
					pagesKnown
						? { text: wholePdf, pages: SAMPLE_PDF_PAGES, pageCount: 2 }
						: { text: wholePdf, pages: [wholePdf], pageCount: null },
				]);
			},
		);
		check(`${label}: PDF to Text from a PDF URL gives one item per line`, () => {
			expect(itemsOf(run?.execution, 'PDF Text from URL')?.map((item) => item.json)).toEqual(
				SAMPLE_LINES.map((text, i) => ({
					text,
					lineNumber: i + 1,
					lineCount: SAMPLE_LINES.length,
					pageNumber: pagesKnown ? (i < 2 ? 1 : 2) : null,
				})),
			);
		});
		check(
			`${label}: an image given to PDF to Text leaves on the error output, naming Image to Text`,
			() => {
				expect(itemsOf(run?.execution, 'PDF Error Output', 0)).toEqual([]);
				expect(
					itemsOf(run?.execution, 'PDF Error Output', 1)?.map((item) => item.json.error),
				).toEqual([
					'The file "sample.png" is a PNG image, not a PDF: use the operation Image to Text for images',
				]);
			},
		);

		// What reached the server: the platform's endpoints, with the sample image or the sample PDF.
		const imageEndpoints =
			platform === 'international'
				? ['ocr', 'ocr', 'ocr', 'ocr2word', 'ocr2word']
				: ['imagestreamocr', 'ocr', 'ocr', 'ocr2word', 'ocr2word'];
		const pdfEndpoints = ['pdf2text', 'pdf2text', 'pdf2text', 'pdf2word'];
		const pdfField = platform === 'international' ? 'file' : 'pdffile';
		check(
			`${label}: the server saw ${imageEndpoints.join(', ')} with the sample image, ${pdfEndpoints.join(', ')} with the sample PDF in "${pdfField}", all with the AppKey in the query`,
			() => {
				const sampleSha = api.find((entry) => entry.endpoint === 'ocr')?.imageSha256;
				const pdfSha = api.find((entry) => entry.endpoint === 'pdf2text')?.imageSha256;
				expect(sampleSha).toBeDefined();
				expect(pdfSha).toBeDefined();
				expect(pdfSha).not.toBe(sampleSha);
				expect(api.map((entry) => entry.endpoint).sort()).toEqual(
					[...imageEndpoints, ...pdfEndpoints].sort(),
				);
				const shaOf = (endpoint?: string) => (endpoint?.startsWith('pdf') ? pdfSha : sampleSha);
				expect(
					api.map(({ endpoint, status, appKeySource, imageSha256 }) => ({
						endpoint,
						status,
						appKeySource,
						imageSha256,
					})),
				).toEqual(
					api.map(({ endpoint }) => ({
						endpoint,
						status: 200,
						appKeySource: 'query',
						imageSha256: shaOf(endpoint),
					})),
				);
				const pdfUploads = api.filter((entry) => entry.endpoint?.startsWith('pdf'));
				expect(pdfUploads.map((entry) => entry.files.map((file) => file.field))).toEqual(
					pdfEndpoints.map(() => [pdfField]),
				);
			},
		);

		for (const [node, field, fileName, what] of [
			['Word from Binary', 'data', 'sample.docx', 'Image to Word (binary)'],
			['Word from URL', 'document', 'e2e-from-url.docx', 'Image to Word (URL)'],
			['PDF Word from Binary', 'data', 'sample.docx', 'PDF to Word (binary)'],
		] as const) {
			check(
				`${label}: ${what} outputs binary "${field}": ${fileName}, ${DOCX_MIME}, a .docx holding the sample's lines`,
				() => {
					const items = itemsOf(run?.execution, node);
					expect(items).toHaveLength(1);
					const item = items![0];
					const binary = item.binary?.[field];
					expect(item.json.fileName).toBe(fileName);
					expect(String(item.json.wordFileUrl)).toMatch(new RegExp(`^${server().origin}/files/`));
					if (platform === 'china' && node === 'Word from URL') {
						expect(item.json.sourceImageUrl).toBe(server().assetUrl('_canned/sample.png'));
					}
					expect({
						mimeType: binary?.mimeType,
						fileName: binary?.fileName,
						fileExtension: binary?.fileExtension,
					}).toEqual({ mimeType: DOCX_MIME, fileName, fileExtension: 'docx' });
					// Inline base64 in n8n 1.x, a file of the execution in n8n 2.x (filesystem mode).
					const bytes = readBinary(userFolder, binary);
					expect(isDocx(bytes)).toBe(true);
					expect(readDocxText(bytes).filter((line) => line !== '')).toEqual(SAMPLE_LINES);
				},
			);
		}
	}

	for (const platform of PLATFORMS) {
		const expected = `GuGuData rejected the AppKey (${platform === 'international' ? 'HTTP 401' : 'code 104'})`;
		check(`${LABEL[platform]}: a run with a wrong AppKey fails with "${expected}"`, async () => {
			const { result, execution } = await executeWorkflow(
				install,
				userFolder,
				WORKFLOW_ID[platform].badKey,
			);
			const error = execution?.data?.resultData?.error;
			if (result.code === 0 || !execution)
				throw new Error(`expected a failed run; ${tail(result)}`);
			expect({
				status: execution?.status,
				message: error?.message,
				node: error?.node?.name,
			}).toEqual({
				status: 'error',
				message: expected,
				node: 'Text with Wrong Key',
			});
			expect(result.stdout).not.toContain(WRONG_KEY);
		});
	}

	// 5. n8n's server: owner, credential test, community packages, types, icons, tool.
	let main: N8nProcess | undefined;
	let cookie = '';
	const http = async (method: string, path: string, body?: unknown) => {
		if (!main) throw new Error('n8n is not running');
		const response = await fetch(`${main.baseUrl}${path}`, {
			method,
			headers: {
				'browser-id': 'gugudata-e2e-browser',
				...(cookie ? { cookie } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
		});
		const bytes = Buffer.from(await response.arrayBuffer());
		let json: any;
		try {
			json = JSON.parse(bytes.toString('utf8'));
		} catch {
			json = undefined;
		}
		return {
			status: response.status,
			headers: response.headers,
			text: bytes.toString('utf8'),
			bytes,
			json,
		};
	};

	check('n8n start: ready', async () => {
		main = await startMain(install, userFolder);
		timings.push(`n8n start ${main.startSeconds} s`);
	});

	check('owner set up through POST /rest/owner/setup (auth cookie issued)', async () => {
		const setup = await http('POST', '/rest/owner/setup', {
			email: 'e2e-owner@example.com',
			firstName: 'E2E',
			lastName: 'Owner',
			password: 'E2e-Passw0rd-GuGuData',
		});
		cookie = setup.headers
			.getSetCookie()
			.map((value) => value.split(';')[0])
			.filter((value) => value.startsWith('n8n-auth='))
			.join('; ');
		expect(setup.status).toBe(200);
		expect(cookie).not.toBe('');
	});

	// Credential test, the way the editor's "Test" button runs it.
	for (const platform of PLATFORMS) {
		for (const kind of ['good', 'bad'] as const) {
			check(
				`${LABEL[platform]}: credential test (POST /rest/credentials/test) with a ${kind === 'good' ? 'good key passes' : 'wrong key fails with "GuGuData rejected the AppKey..."'}`,
				async () => {
					const server = servers[platform];
					server.reset();
					const data = {
						appKey: kind === 'good' ? server.appKey : WRONG_KEY,
						platform,
						baseUrl: server.baseUrl,
					};
					const response = await http('POST', '/rest/credentials/test', {
						credentials: {
							id: CREDENTIAL_ID[platform][kind],
							name: credentialName(platform, kind),
							type: CREDENTIAL_TYPE,
							data,
						},
					});
					expect(response.status).toBe(200);
					const result = response.json?.data as { status?: string; message?: string } | undefined;
					const calls = server.requests.filter((entry) => entry.area === 'api');
					expect(calls.map((entry) => entry.endpoint)).toEqual(['ocr']);
					if (kind === 'good') {
						expect(calls[0].imageSha256).toBeUndefined();
						expect(result?.status).toBe('OK');
					} else {
						expect(result?.status).toBe('Error');
						expect(result?.message).toMatch(/^GuGuData rejected the AppKey\./);
					}
				},
			);
		}
	}

	let nodeTypes: Array<Record<string, any>> = [];
	const ourNode = () => nodeTypes.find((type) => type.name === NODE_TYPE);

	// Installed community packages, as Settings > Community Nodes lists them.
	check(
		`GET /rest/community-packages lists ${PACKAGE_NAME}@${repoPackage.version} with node ${NODE_TYPE}, loaded`,
		async () => {
			const packages = await http('GET', '/rest/community-packages');
			expect(packages.status).toBe(200);
			const ours = (packages.json?.data as Array<Record<string, any>> | undefined)?.find(
				(entry) => entry.packageName === PACKAGE_NAME,
			);
			expect(ours?.installedVersion).toBe(repoPackage.version);
			expect(ours?.failedLoading).toBeFalsy();
			expect((ours?.installedNodes as Array<{ type: string }>).map((node) => node.type)).toContain(
				NODE_TYPE,
			);
		},
	);

	// Loaded node types.
	check(
		`GET /types/nodes.json has ${NODE_TYPE} (GuGuData, all four operations, credential ${CREDENTIAL_TYPE})`,
		async () => {
			const response = await http('GET', '/types/nodes.json');
			expect(response.status).toBe(200);
			nodeTypes = Array.isArray(response.json) ? response.json : [];
			const node = ourNode();
			expect(node?.displayName).toBe('GuGuData');
			// n8n appends "Custom API Call" (__CUSTOM_API_CALL__) because the credential has `authenticate`.
			expect(
				node?.properties
					?.find((p: any) => p.name === 'operation')
					?.options?.map((o: any) => o.value)
					.filter((value: string) => value !== '__CUSTOM_API_CALL__'),
			).toEqual(['imageToText', 'imageToWord', 'pdfToText', 'pdfToWord']);
			expect(node?.credentials?.map((c: any) => c.name)).toContain(CREDENTIAL_TYPE);
		},
	);

	const codexSource = JSON.parse(
		readFileSync(join(ROOT, 'nodes', 'GuGuData', 'GuGuData.node.json'), 'utf8'),
	) as { categories: string[]; subcategories?: Record<string, string[]>; alias?: string[] };
	check(
		`${NODE_TYPE} carries its codex: categories ${codexSource.categories.join(', ')} (from GuGuData.node.json)`,
		() => {
			const codex = ourNode()?.codex;
			expect({
				categories: codex?.categories,
				subcategories: codex?.subcategories,
				alias: codex?.alias,
			}).toEqual({
				categories: codexSource.categories,
				subcategories: codexSource.subcategories,
				alias: codexSource.alias,
			});
		},
	);

	for (const theme of ['light', 'dark'] as const) {
		const file = theme === 'light' ? 'gugudata.svg' : 'gugudata.dark.svg';
		check(
			`node icon (${theme}) served at the node's iconUrl: image/svg+xml, the bytes of ${file}`,
			async () => {
				const iconUrl = ourNode()?.iconUrl?.[theme] as string | undefined;
				expect(iconUrl).toEqual(expect.any(String));
				const icon = await http('GET', `/${iconUrl}`);
				expect(icon.status).toBe(200);
				expect(String(icon.headers.get('content-type'))).toMatch(/^image\/svg\+xml/);
				expect(icon.bytes.equals(readFileSync(join(ROOT, 'nodes', 'GuGuData', file)))).toBe(true);
			},
		);
	}

	check(
		`AI Agent tool variant ${TOOL_TYPE} is among the node types (outputs ai_tool, in AI > Tools)`,
		() => {
			const tool = nodeTypes.find((type) => type.name === TOOL_TYPE);
			expect(tool?.outputs).toEqual(['ai_tool']);
			expect(tool?.codex?.categories).toContain('AI');
			expect(tool?.codex?.subcategories?.AI).toContain('Tools');
		},
	);

	// The example workflows only use node types and versions this n8n has.
	const examplesDir = join(ROOT, 'examples');
	const examples = existsSync(examplesDir)
		? readdirSync(examplesDir)
				.filter((name) => name.endsWith('.json'))
				.sort()
		: [];
	for (const name of examples) {
		check(`examples/${name}: every node type and version is one this n8n has`, () => {
			expect(nodeTypes.length).toBeGreaterThan(0);
			const versionsOf = (type: string) =>
				nodeTypes
					.filter((entry) => entry.name === type)
					.flatMap(
						(entry) => (Array.isArray(entry.version) ? entry.version : [entry.version]) as number[],
					);
			const workflow = JSON.parse(readFileSync(join(examplesDir, name), 'utf8')) as {
				nodes: Array<{ name: string; type: string; typeVersion: number }>;
			};
			const unknown = workflow.nodes
				.filter((entry) => !versionsOf(entry.type).includes(entry.typeVersion))
				.map(
					(entry) =>
						`${entry.name}: ${entry.type} v${entry.typeVersion} (known: ${versionsOf(entry.type).join(', ') || 'none'})`,
				);
			expect(unknown).toEqual([]);
		});
	}

	check(
		`GET /types/credentials.json has ${CREDENTIAL_TYPE} (GuGuData API: appKey, platform, baseUrl; for ${NODE_TYPE}) and its icon is served`,
		async () => {
			const response = await http('GET', '/types/credentials.json');
			expect(response.status).toBe(200);
			const credential = (Array.isArray(response.json) ? response.json : []).find(
				(type: Record<string, any>) => type.name === CREDENTIAL_TYPE,
			);
			expect(credential?.displayName).toBe('GuGuData API');
			// n8n appends its own allowedHttpRequestDomains / allowedDomains properties.
			expect(credential?.properties?.map((p: any) => p.name).slice(0, 3)).toEqual([
				'appKey',
				'platform',
				'baseUrl',
			]);
			expect(credential?.supportedNodes).toContain(NODE_TYPE);
			const iconUrl = credential?.iconUrl?.light as string | undefined;
			expect(iconUrl).toEqual(expect.any(String));
			const icon = await http('GET', `/${iconUrl}`);
			expect(icon.status).toBe(200);
			expect(icon.bytes.equals(readFileSync(join(ROOT, 'nodes', 'GuGuData', 'gugudata.svg')))).toBe(
				true,
			);
		},
	);

	check('n8n server log has no error about the package', () => {
		expect(main).toBeDefined();
		const lines = (main?.log() ?? '').split('\n');
		expect(lines.filter((line) => /error[^\n]*gugudata|gugudata[^\n]*error/i.test(line))).toEqual(
			[],
		);
		expect(lines.filter((line) => line.includes('packages are missing'))).toEqual([]);
	});
});
