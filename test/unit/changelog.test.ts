/** CHANGELOG.md and package.json agree: the newest section is the package's version, linked. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('CHANGELOG.md', () => {
	const changelog = read('CHANGELOG.md');
	const { version } = JSON.parse(read('package.json')) as { version: string };
	const sections = [...changelog.matchAll(/^## \[([^\]]+)\] - (\d{4}-\d{2}-\d{2})$/gm)];

	it('starts with the version in package.json', () => {
		expect(sections[0]?.[1]).toBe(version);
	});

	it('gives every version a link and a date, newest first', () => {
		for (const [, name] of sections)
			expect(changelog).toMatch(new RegExp(`^\\[${name}\\]: https://`, 'm'));
		const dates = sections.map(([, , date]) => date);
		expect([...dates].sort().reverse()).toEqual(dates);
	});
});
