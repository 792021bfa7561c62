import { addressKind } from './address';

/** Which addresses the node fetches files from, beyond the link-local ones it never fetches. */
export interface UrlPolicy {
	/**
	 * Refuse loopback and private addresses too: set when an AI Agent runs the node as a tool (the
	 * model writes the URL) and the Allow Private Network URLs option is off.
	 */
	refusePrivate: boolean;
}

export interface UrlRefusal {
	problem: string;
	hint: string;
}

const ALLOW_OPTION = 'Allow Private Network URLs';

/**
 * Why the node will not fetch `url`, or undefined when it may. `link` names it in the message
 * ("The image URL"), `verb` says how it was reached ("points to", "redirects to").
 */
export function refuseUrl(
	url: URL,
	policy: UrlPolicy,
	link: string,
	verb: 'points to' | 'redirects to',
): UrlRefusal | undefined {
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return {
			problem: `${link} ${verb} a non-http address (${url.protocol}), which the node does not fetch`,
			hint: 'Use a direct http(s) link to the file.',
		};
	}
	const kind = addressKind(url.hostname);
	if (kind === 'metadata') {
		return {
			problem: `${link} ${verb} a link-local or cloud-metadata address (${url.hostname})`,
			hint: 'The node never fetches these addresses: on a cloud server they hand out its credentials. Use a public link to the file.',
		};
	}
	if (policy.refusePrivate && kind !== 'public') {
		return {
			problem: `${link} ${verb} a private network address (${url.hostname}), which the node refuses when an AI Agent uses it as a tool`,
			hint: `This keeps a prompt from aiming the node at services inside your network. To let the agent read files from your own network, turn on the option "${ALLOW_OPTION}".`,
		};
	}
	return undefined;
}
