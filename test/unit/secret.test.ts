/** The AppKey never survives in text a server sends back, in whatever form it is echoed. */
import { REDACTED, scrubSecret, serverText } from '../../nodes/GuGuData/helpers/secret';

const KEYS = [
	'0123456789abcdef0123456789abcdef',
	'SECRET-a&b=c#d?e/f%g',
	'with space+plus',
	'ключ-密钥-é-😀',
	'q"uo\'te<tag>\\back',
];

/** The ways servers echo a value: in URLs, forms, HTML pages and JSON. */
function echoes(key: string): Record<string, string> {
	const percent = encodeURIComponent(key);
	const json = JSON.stringify(key).slice(1, -1);
	return {
		raw: key,
		'URL-encoded': percent,
		'URL-encoded, lower-case hex': percent.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
		'form-encoded (+ for space)': new URLSearchParams({ k: key }).toString().slice(2),
		'HTML-escaped': key
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			.replace(/"/g, '&quot;')
			.replace(/'/g, '&#39;'),
		'HTML numeric entities': Array.from(key, (c) => `&#${c.codePointAt(0)};`).join(''),
		'HTML hex entities': Array.from(key, (c) => `&#x${c.codePointAt(0)?.toString(16)};`).join(''),
		'JSON-escaped': json,
		'JSON with \\u escapes': json.replace(
			/[^\x20-\x7e]/g,
			(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
		),
		'JSON-escaped slashes': json.replace(/\//g, '\\/'),
		'HTML-escaped URL': `https://x/?a=1&amp;k=${percent}`,
	};
}

describe('scrubSecret', () => {
	for (const key of KEYS) {
		for (const [form, echoed] of Object.entries(echoes(key))) {
			it(`removes ${JSON.stringify(key)} echoed ${form}`, () => {
				const text = `Invalid key "${echoed}" for this API.`;
				const scrubbed = scrubSecret(text, key);
				expect(scrubbed).not.toContain(echoed);
				expect(scrubbed).toContain(REDACTED);
				expect(scrubbed.startsWith('Invalid key "')).toBe(true);
			});
		}
	}

	it('removes the value of any appkey parameter or JSON field, whatever the key', () => {
		const text =
			'GET /ocr?foo=1&appkey=OTHER-KEY&x=2 AppKey%3DZZZ {"appKey": "Y\\"Y"} appkey&#61;QQQ';
		const scrubbed = scrubSecret(text, 'unrelated');
		for (const value of ['OTHER-KEY', 'ZZZ', 'Y\\"Y', 'QQQ']) expect(scrubbed).not.toContain(value);
		expect(scrubbed).toContain('&x=2');
	});

	it('leaves text without the key as it is', () => {
		expect(scrubSecret('Parameter error: imagefile', KEYS[0])).toBe('Parameter error: imagefile');
	});
});

describe('serverText', () => {
	it('removes the key before shortening, so no part of it survives the cut', () => {
		const key = KEYS[1];
		for (const padding of [280, 290, 295, 299, 300]) {
			const text = serverText(`${'x'.repeat(padding)}${encodeURIComponent(key)} tail`, key);
			// No run of 4 or more characters of the key (in any echoed form) is left.
			for (const echoed of Object.values(echoes(key))) {
				for (let at = 0; at + 4 <= echoed.length; at++) {
					expect(text).not.toContain(echoed.slice(at, at + 4).replace(/^x+/, 'NOPE'));
				}
			}
		}
	});

	it('cuts at 300 characters, never inside one', () => {
		const text = serverText('😀'.repeat(400), 'key');
		expect(Array.from(text)).toHaveLength(301);
		expect(text.endsWith('…')).toBe(true);
	});
});
