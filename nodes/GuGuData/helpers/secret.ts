/** What stands where a secret was. */
export const REDACTED = '***';

/** The longest server text that goes into a message, in characters. */
export const MAX_SERVER_TEXT = 300;

const NAMED_ENTITIES: Record<string, string[]> = {
	'&': ['&amp;'],
	'<': ['&lt;'],
	'>': ['&gt;'],
	'"': ['&quot;'],
	"'": ['&apos;'],
};

/** A hex number matched in either case: 'a9' -> '[aA]9'. */
function anyCaseHex(hex: string): string {
	return hex.replace(/[a-f]/gi, (digit) => `[${digit.toLowerCase()}${digit.toUpperCase()}]`);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every way one character may be written back: as is, percent-, HTML- or JSON-escaped. */
function characterForms(character: string): string {
	const codePoint = character.codePointAt(0) as number;
	const forms = [escapeRegExp(character)];
	const utf8 = [...Buffer.from(character, 'utf8')];
	forms.push(utf8.map((byte) => `%${anyCaseHex(byte.toString(16).padStart(2, '0'))}`).join(''));
	if (character === ' ') forms.push('\\+');
	forms.push(`&#0*${codePoint};`, `&#[xX]0*${anyCaseHex(codePoint.toString(16))};`);
	forms.push(...(NAMED_ENTITIES[character] ?? []));
	const utf16 = Array.from({ length: character.length }, (_, index) =>
		character.charCodeAt(index).toString(16).padStart(4, '0'),
	);
	forms.push(utf16.map((unit) => `\\\\u${anyCaseHex(unit)}`).join(''));
	if (character === '"' || character === '\\' || character === '/') {
		forms.push(`\\\\${escapeRegExp(character)}`);
	}
	return `(?:${forms.join('|')})`;
}

// The value of an `appkey` query parameter, form field or JSON field, whatever the key is.
const APPKEY_PARAMETER = /(appkey\s*(?:=|%3d|&#0*61;|&#x0*3d;|\\u003d)\s*)[^&\s"'<>#,;]+/gi;
const APPKEY_JSON_FIELD = /("appkey"\s*:\s*")(?:[^"\\]|\\.)*"/gi;

/**
 * Removes a secret from text a server sent back, in every form a server may echo it: as is,
 * percent-encoded (either hex case, `+` for a space), HTML-escaped (named, decimal or hex
 * entities), JSON-escaped (`\uXXXX`, `\/`), or any mix of those, since each character is matched
 * in all its forms; and any `appkey` parameter or JSON field, whatever its value.
 */
export function scrubSecret(text: string, secret: string): string {
	let scrubbed = text;
	if (secret) {
		const pattern = new RegExp(Array.from(secret, characterForms).join(''), 'g');
		scrubbed = scrubbed.replace(pattern, REDACTED);
	}
	return scrubbed
		.replace(APPKEY_PARAMETER, `$1${REDACTED}`)
		.replace(APPKEY_JSON_FIELD, `$1${REDACTED}"`);
}

/** At most `max` characters, never cutting one in half, with an ellipsis when cut. */
export function shorten(text: string, max = MAX_SERVER_TEXT): string {
	const characters = Array.from(text);
	return characters.length > max ? `${characters.slice(0, max).join('')}…` : text;
}

/** Text from a server, fit for a message: the secret removed first, then shortened. */
export function serverText(text: string, secret: string): string {
	return shorten(scrubSecret(text, secret));
}
