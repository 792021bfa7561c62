/** What an API endpoint handler gets: the request, the server's state, and the log to fill in. */
import type { RawBody, ParsedForm } from './body';
import type { FileStore } from './file-store';
import type { FixtureRegistry } from './fixture-registry';
import { sha256Hex } from './fixture-registry';
import type { RealReader } from './ocr';
import { envelopeReply, type EnvelopeReplyInput, type Reply } from './reply';
import type { KeyState, Platform, TunableOptions, UploadLog } from './types';

export type ResolvedOptions = Required<Omit<TunableOptions, 'keys'>>;

export interface ApiState {
	platform: Platform;
	origin: string;
	keys: Map<string, KeyState>;
	fixtures: FixtureRegistry;
	files: FileStore;
	options: ResolvedOptions;
	/** Reads images and PDFs for real where defaultOutcome is 'recognise'. */
	reader: RealReader;
	/** Aborted when the server closes or the client goes away. */
	signal: AbortSignal;
}

/** The parts of a request log entry that only the handler knows. */
export interface ApiLog {
	appKeyPresent: boolean;
	appKeySource?: 'query' | 'body';
	fields: string[];
	files: UploadLog[];
	imageSha256?: string;
	imageUrl?: string;
}

export interface ApiCall {
	endpoint: string;
	method: string;
	url: URL;
	contentType: string | undefined;
	body: RawBody;
	log: ApiLog;
	state: ApiState;
}

/** The newer envelope fields, when on: RequestParameter is the query with the key hidden. */
export function extendedFields(call: ApiCall): { requestParameter: string } | undefined {
	if (!call.state.options.extendedEnvelope) return undefined;
	const query = new URLSearchParams(call.url.searchParams);
	if (query.has('appkey')) query.set('appkey', '***');
	return { requestParameter: query.toString() };
}

export function reply(call: ApiCall, input: EnvelopeReplyInput): Reply {
	return envelopeReply(call.state.platform, { extended: extendedFields(call), ...input });
}

export function logForm(log: ApiLog, form: ParsedForm): void {
	log.fields = [...form.fieldNames];
	log.files = form.fileList.map((file) => ({
		field: file.field,
		name: file.name,
		type: file.type,
		size: file.bytes.length,
		sha256: sha256Hex(file.bytes),
	}));
}

export function logKey(log: ApiLog, source: 'query' | 'body' | undefined): void {
	log.appKeyPresent = !!source;
	log.appKeySource = source;
}
