// Runs n8n's community-package scanner (`analyzePackage` from @n8n/scan-community-package) the way
// n8n's registry gate does: on the sources (package.json, nodes/, credentials/) and on what
// `npm pack` would publish (compiled .js and package.json; packing builds dist/ first through the
// prepack script). Exits non-zero on any finding, and when the tarball lacks a node or credential
// that package.json's n8n section names: a pack without the build would otherwise pass, empty.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'gugudata-scan-'));
let failed = false;

function report(label, result) {
	if (result.passed) {
		console.log(`scan ${label}: passed`);
	} else {
		failed = true;
		console.log(`scan ${label}: FAILED (${result.message})\n${result.details ?? ''}`);
	}
}

try {
	report('sources', await analyzePackage(root, SOURCE_FILE_PATTERNS));

	execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: root,
		stdio: 'pipe',
	});
	const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
	const unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
	const files = execFileSync('find', ['.', '-type', 'f'], { cwd: unpacked }).toString().trim();
	console.log(
		`tarball ${tarball}:\n${files
			.split('\n')
			.sort()
			.map((f) => `  ${f}`)
			.join('\n')}`,
	);
	report('tarball', await analyzePackage(unpacked, ['**/*.js', 'package.json']));
	const { n8n } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	const missing = [...n8n.nodes, ...n8n.credentials].filter((f) => !existsSync(join(unpacked, f)));
	report('tarball contents', {
		passed: missing.length === 0,
		message: `the tarball lacks ${missing.join(', ')}`,
		details: 'npm pack builds dist/ through the prepack script: was it skipped (ignore-scripts)?',
	});
} finally {
	rmSync(work, { recursive: true, force: true });
}

process.exit(failed ? 1 : 0);
