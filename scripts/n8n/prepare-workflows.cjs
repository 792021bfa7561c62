// Writes the workflows `npm run dev` imports into OUT_DIR:
//   gugudata-demo.json    scripts/n8n/workflows/ocr.json filled in for the dev credential and server
//                         (the sample image and PDF, from disk and from the server's URLs),
//   example-<name>.json   each examples/*.json, its GuGuData nodes pointed at the dev credential, and
//                         given a stable id (from its file name) when it has none, so a re-import
//                         replaces it instead of adding a copy.
// Usage: node prepare-workflows.cjs ROOT OUT_DIR CREDENTIAL_ID CREDENTIAL_NAME SAMPLE_PNG SAMPLE_URL
//          SAMPLE_PDF SAMPLE_PDF_URL
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const [root, outDir, credentialId, credentialName, samplePng, sampleUrl, samplePdf, samplePdfUrl] =
	process.argv.slice(2);
if (!samplePdfUrl) {
	console.error(
		'usage: prepare-workflows.cjs ROOT OUT_DIR CREDENTIAL_ID CREDENTIAL_NAME SAMPLE_PNG SAMPLE_URL SAMPLE_PDF SAMPLE_PDF_URL',
	);
	process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

const values = {
	__WORKFLOW_ID__: 'gugudataDevDemo1',
	__WORKFLOW_NAME__: 'GuGuData demo: sample image and PDF, every input (local server)',
	__CREDENTIAL_ID__: credentialId,
	__CREDENTIAL_NAME__: credentialName,
	__SAMPLE_PNG__: samplePng,
	__SAMPLE_URL__: sampleUrl,
	__SAMPLE_PDF__: samplePdf,
	__SAMPLE_PDF_URL__: samplePdfUrl,
};
let demo = fs.readFileSync(path.join(root, 'scripts', 'n8n', 'workflows', 'ocr.json'), 'utf8');
for (const [key, value] of Object.entries(values))
	demo = demo.split(key).join(JSON.stringify(value).slice(1, -1));
fs.writeFileSync(path.join(outDir, 'gugudata-demo.json'), demo);

const examplesDir = path.join(root, 'examples');
const examples = fs.existsSync(examplesDir)
	? fs
			.readdirSync(examplesDir)
			.filter((name) => name.endsWith('.json'))
			.sort()
	: [];
for (const name of examples) {
	let workflow;
	try {
		workflow = JSON.parse(fs.readFileSync(path.join(examplesDir, name), 'utf8'));
	} catch (error) {
		console.error(`examples/${name}: not valid JSON (${error.message}); skipped`);
		continue;
	}
	if (!workflow.id) {
		workflow.id = `gguEx${crypto.createHash('sha1').update(name).digest('hex').slice(0, 11)}`;
	}
	for (const node of workflow.nodes ?? []) {
		if (node.credentials?.guGuDataApi) {
			node.credentials.guGuDataApi = { id: credentialId, name: credentialName };
		}
	}
	fs.writeFileSync(path.join(outDir, `example-${name}`), JSON.stringify(workflow, null, 2));
}
console.log(`${1 + examples.length} workflows prepared (demo + ${examples.length} examples)`);
