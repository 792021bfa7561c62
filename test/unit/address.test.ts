import { addressKind } from '../../nodes/GuGuData/helpers/address';
import { refuseUrl } from '../../nodes/GuGuData/helpers/urlPolicy';

/** The kind of a URL's host, the way the node sees it (after the URL parser normalised it). */
const kindOf = (url: string) => addressKind(new URL(url).hostname);

describe('addressKind', () => {
	it.each([
		['http://169.254.169.254/', 'metadata'],
		['http://169.254.0.1/', 'metadata'],
		['http://2852039166/', 'metadata'],
		['http://0xA9FEA9FE/', 'metadata'],
		['http://169.254.169.254./', 'metadata'],
		['http://100.100.100.200/', 'metadata'],
		['http://[fe80::1]/', 'metadata'],
		['http://[febf:ffff::1]/', 'metadata'],
		['http://[::ffff:169.254.169.254]/', 'metadata'],
		['http://[::ffff:0:169.254.169.254]/', 'metadata'],
		['http://[64:ff9b:1::a9fe:a9fe]/', 'metadata'],
		['http://[2002:a9fe:a9fe::1]/', 'metadata'],
		['http://[fd00:ec2::254]/', 'metadata'],
		['http://metadata.google.internal/', 'metadata'],
		['http://metadata.goog/', 'metadata'],
		['http://127.0.0.1/', 'loopback'],
		['http://127.255.255.254/', 'loopback'],
		['http://0/', 'loopback'],
		['http://[::1]/', 'loopback'],
		['http://[::]/', 'loopback'],
		['http://localhost/', 'loopback'],
		['http://LOCALHOST./', 'loopback'],
		['http://a.b.localhost/', 'loopback'],
		['http://10.1.2.3/', 'private'],
		['http://172.16.0.1/', 'private'],
		['http://172.31.255.255/', 'private'],
		['http://192.168.0.1/', 'private'],
		['http://100.64.0.1/', 'private'],
		['http://100.127.255.255/', 'private'],
		['http://[fc00::1]/', 'private'],
		['http://[fec0::1]/', 'private'],
		['http://[::ffff:10.0.0.1]/', 'private'],
		['http://172.15.255.255/', 'public'],
		['http://172.32.0.1/', 'public'],
		['http://100.63.255.255/', 'public'],
		['http://100.128.0.1/', 'public'],
		['http://169.253.255.255/', 'public'],
		['http://8.8.8.8/', 'public'],
		['http://[2001:db8::1]/', 'public'],
		['http://[fec0::1]/', 'private'],
		['http://[ff02::1]/', 'public'],
		['http://images.example.com/', 'public'],
		['http://metadata.google.internal.example.com/', 'public'],
		['http://localhost.example.com/', 'public'],
		['http://10.0.0.1.nip.io/', 'public'],
	])('%s is %s', (url, kind) => {
		expect(kindOf(url)).toBe(kind);
	});

	it('reads dotted IPv4 tails and brackets given without the URL parser', () => {
		expect(addressKind('[::ffff:169.254.169.254]')).toBe('metadata');
		expect(addressKind('[::ffff:300.1.1.1]')).toBe('public');
		expect(addressKind('[1:2:3:4:5:6:7:8:9]')).toBe('public');
		expect(addressKind('256.1.1.1')).toBe('public');
	});
});

describe('refuseUrl', () => {
	const open = { refusePrivate: false };
	const tool = { refusePrivate: true };
	const refuse = (url: string, policy = open) =>
		refuseUrl(new URL(url), policy, 'The image URL', 'points to')?.problem;

	it('always refuses metadata addresses and anything but http(s)', () => {
		expect(refuse('http://169.254.169.254/')).toBe(
			'The image URL points to a link-local or cloud-metadata address (169.254.169.254)',
		);
		expect(refuse('ftp://example.com/a.png')).toBe(
			'The image URL points to a non-http address (ftp:), which the node does not fetch',
		);
	});

	it('refuses loopback and private addresses only under the tool policy', () => {
		for (const url of ['http://127.0.0.1/', 'http://10.0.0.1/', 'http://[::1]/']) {
			expect(refuse(url)).toBeUndefined();
			expect(refuse(url, tool)).toMatch(/^The image URL points to a private network address/);
		}
		expect(refuse('https://images.example.com/a.png', tool)).toBeUndefined();
	});
});
