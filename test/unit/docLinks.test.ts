/**
 * The documentation links n8n shows (the node's codex, the credential's documentationUrl) point at
 * the repository's README, at sections that exist: checked offline against README.md's headings,
 * slugged as GitHub makes its anchors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { GuGuDataApi } from '../../credentials/GuGuDataApi.credentials';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

const homepage = (JSON.parse(read('package.json')) as { homepage: string }).homepage;
const anchors = new Set([
	'readme',
	...read('README.md')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => slug(line.replace(/^#+ /, ''))),
]);
const codex = JSON.parse(read('nodes/GuGuData/GuGuData.node.json')) as {
	resources: Record<string, Array<{ url: string }>>;
};

const links = [
	...Object.entries(codex.resources).flatMap(([kind, entries]) =>
		entries.map(({ url }) => [`codex ${kind}`, url] as const),
	),
	['credential documentationUrl', new GuGuDataApi().documentationUrl] as const,
];

describe('documentation links', () => {
	it.each(links)('%s points at a README section that exists (%s)', (_name, url) => {
		const [page, anchor] = url.split('#');
		expect(page).toBe(homepage);
		expect(anchors).toContain(anchor);
	});

	it('slugs headings as GitHub does', () => {
		expect(slug('One GuGuData budget per n8n process')).toBe('one-gugudata-budget-per-n8n-process');
		expect(slug('Batches, rate limits and retries')).toBe('batches-rate-limits-and-retries');
	});
});
