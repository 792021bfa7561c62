/**
 * What kind of address a URL's host is, told from the host as written: literal IPv4 and IPv6
 * addresses (in every form a URL accepts, which the URL parser has already normalised) and a few
 * well-known names. Host names are not resolved (node code has no DNS): a name that resolves to
 * a private address is n8n's SSRF protection's to catch.
 */
export type AddressKind =
	/** Link-local and cloud instance-metadata addresses: they hand out the server's credentials. */
	| 'metadata'
	/** This machine: 127.0.0.0/8, 0.0.0.0/8, ::1, ::, localhost. */
	| 'loopback'
	/** Private networks: 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier NAT), fc00::/7, fec0::/10 */
	| 'private'
	| 'public';

/** Cloud metadata services reached by name (they resolve to link-local addresses). */
const METADATA_NAMES = new Set([
	'metadata.google.internal',
	'metadata.goog',
	'metadata.tencentyun.com',
	'instance-data.ec2.internal',
]);

/** Metadata services outside 169.254.0.0/16: Alibaba Cloud's, and AWS's IPv6 endpoint. */
const METADATA_IPV4 = new Set(['100.100.100.200']);
const METADATA_IPV6 = 'fd00:ec2:0:0:0:0:0:254';

/** The kind of `hostname`, as `new URL(...).hostname` gives it (IPv6 in brackets). */
export function addressKind(hostname: string): AddressKind {
	const host = hostname.toLowerCase().replace(/\.+$/, '');
	if (host.startsWith('[') && host.endsWith(']')) {
		const groups = parseIpv6(host.slice(1, -1));
		return groups ? ipv6Kind(groups) : 'public';
	}
	const ipv4 = parseIpv4(host);
	if (ipv4) return ipv4Kind(ipv4, host);
	if (METADATA_NAMES.has(host)) return 'metadata';
	if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
	return 'public';
}

/** Dotted-decimal only: the URL parser turns decimal, hex and short forms into it already. */
function parseIpv4(host: string): number[] | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
	const bytes = parts.map(Number);
	return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function ipv4Kind(bytes: number[], text = bytes.join('.')): AddressKind {
	const [a, b] = bytes;
	if ((a === 169 && b === 254) || METADATA_IPV4.has(text)) return 'metadata';
	if (a === 127 || a === 0) return 'loopback';
	if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
	if (a === 100 && b >= 64 && b <= 127) return 'private';
	return 'public';
}

/** The eight 16-bit groups of an IPv6 address, or undefined when it is not one. */
function parseIpv6(text: string): number[] | undefined {
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const read = (half: string) => (half === '' ? [] : half.split(':').flatMap(dottedToGroups));
	const head = read(halves[0]);
	const tail = halves.length === 2 ? read(halves[1]) : [];
	const missing = 8 - head.length - tail.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
	const filler = Array<string>(halves.length === 2 ? missing : 0).fill('0');
	const groups = [...head, ...filler, ...tail];
	if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
	return groups.map((group) => parseInt(group, 16));
}

/** A dotted IPv4 tail (::ffff:1.2.3.4) as the two groups it stands for. */
function dottedToGroups(part: string): string[] {
	if (!part.includes('.')) return [part];
	const bytes = parseIpv4(part);
	if (!bytes) return ['invalid'];
	const groups = [(bytes[0] << 8) | bytes[1], (bytes[2] << 8) | bytes[3]];
	return groups.map((group) => group.toString(16));
}

function ipv6Kind(groups: number[]): AddressKind {
	if (groups.map((group) => group.toString(16)).join(':') === METADATA_IPV6) return 'metadata';
	if (groups.slice(0, 7).every((group) => group === 0) && groups[7] <= 1) return 'loopback';
	const embedded = embeddedIpv4(groups);
	if (embedded) return ipv4Kind(embedded, embedded.join('.'));
	if ((groups[0] & 0xffc0) === 0xfe80) return 'metadata';
	if ((groups[0] & 0xfe00) === 0xfc00 || (groups[0] & 0xffc0) === 0xfec0) return 'private';
	return 'public';
}

/**
 * The IPv4 address inside an IPv6 one that carries it to an IPv4 host: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), NAT64
 * (64:ff9b::a.b.c.d and 64:ff9b:1::/48) and 6to4 (2002:aabb:ccdd::).
 */
function embeddedIpv4(groups: number[]): number[] | undefined {
	const [g0, g1, g2, , g4, g5, g6, g7] = groups;
	const bytes = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff];
	const zeroTo = (end: number) => groups.slice(0, end).every((group) => group === 0);
	if (zeroTo(5) && g5 === 0xffff) return bytes(g6, g7);
	if (zeroTo(6)) return bytes(g6, g7);
	if (zeroTo(4) && g4 === 0xffff && g5 === 0) return bytes(g6, g7);
	const nat64 = g0 === 0x64 && g1 === 0xff9b;
	if (nat64 && (g2 === 1 || groups.slice(2, 6).every((group) => group === 0))) {
		return bytes(g6, g7);
	}
	if (g0 === 0x2002) return bytes(g1, g2);
	return undefined;
}
