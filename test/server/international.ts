/** api.gugudata.io/v1: camelCase envelopes and real HTTP statuses. */
import { SAMPLE_LINES } from '../fixtures/sample';
import { mediaType, parseMultipart, parseUrlEncoded, type ParsedForm } from './body';
import { extendedFields, logForm, logKey, reply, type ApiCall } from './context';
import { sha256Hex } from './fixture-registry';
import { readImage, readPdfFile } from './ocr';
import { forcedReply } from './outcome-reply';
import { PDF_ENDPOINTS, pageLines, type PdfProblem } from './pdf';
import { hasText, type ImageProblem } from './recognition';
import type { Pace, Reply } from './reply';
import { storeWordFile, wordFileName, type FileNameCheck } from './word-file';

export const INTERNATIONAL_PREFIX = '/v1';

export const INTERNATIONAL_ROUTES: Record<string, string> = {
	'/v1/imagerecognition/ocr': 'ocr',
	'/v1/imagerecognition/ocr2word': 'ocr2word',
	'/v1/imagerecognition/ocr/demo': 'demo',
	'/v1/imagerecognition/pdf2text': 'pdf2text',
	'/v1/imagerecognition/pdf2word': 'pdf2word',
};

const PROBLEM_STATUS: Record<ImageProblem, number> = {
	empty: 400,
	'too-large': 413,
	unsupported: 415,
	dimensions: 413,
	undecodable: 400,
};

const PDF_PROBLEM: Record<PdfProblem, [status: number, description: string]> = {
	empty: [400, 'The file is empty.'],
	'not-pdf': [415, 'The file is not a PDF.'],
	encrypted: [400, 'The PDF is password-protected.'],
};

const MULTIPART = 'multipart/form-data';
const URLENCODED = 'application/x-www-form-urlencoded';

function fail(
	call: ApiCall,
	status: number,
	description?: string,
	headers?: Record<string, string>,
) {
	return reply(call, { status, code: status, description, headers });
}

function ok(call: ApiCall, data: unknown, pace?: Pace): Reply {
	return { ...reply(call, { status: 200, code: 200, data }), ...pace };
}

/** The key may come from the query or, per the international docs, a form or multipart field. */
async function readForm(call: ApiCall): Promise<ParsedForm | undefined> {
	const type = mediaType(call.contentType);
	try {
		if (type === MULTIPART) return await parseMultipart(call.body.bytes, call.contentType!);
		if (type === URLENCODED) return parseUrlEncoded(call.body.bytes);
	} catch {
		// A malformed body is a 400, but only once the key has been checked.
	}
	return undefined;
}

export async function handleInternational(call: ApiCall): Promise<Reply> {
	const { state } = call;
	if (call.endpoint === 'demo') {
		if (call.method !== 'GET' && call.method !== 'POST') {
			return fail(call, 405, undefined, { Allow: 'GET, POST' });
		}
		return ok(call, { resultText: SAMPLE_LINES, text: SAMPLE_LINES.join('\n') });
	}

	const form = await readForm(call);
	if (form) logForm(call.log, form);
	const queryKey = call.url.searchParams.get('appkey') || undefined;
	const bodyKey = form?.fields.get('appkey') || undefined;
	const key = queryKey ?? bodyKey;
	logKey(call.log, queryKey ? 'query' : bodyKey ? 'body' : undefined);
	const keyState = key === undefined ? undefined : state.keys.get(key);
	if (!keyState) return fail(call, 401);
	if (keyState !== 'active') {
		const why = keyState === 'arrears' ? 'The account is in arrears.' : undefined;
		return fail(call, 403, why);
	}

	if (call.method !== 'POST') return fail(call, 405, undefined, { Allow: 'POST' });
	if (mediaType(call.contentType) !== MULTIPART) {
		return fail(call, 415, 'Content-Type must be multipart/form-data.');
	}
	if (!form) return fail(call, 400, 'The multipart body could not be parsed.');
	if (PDF_ENDPOINTS.has(call.endpoint)) return await pdf(call, form);
	const upload = form.files.get('imagefile');
	if (!upload) {
		const why = form.fields.has('imagefile') ? 'must be a file upload' : 'is required';
		return fail(call, 400, `imagefile ${why}.`);
	}
	const forWord = call.endpoint === 'ocr2word';
	const fileName: FileNameCheck = forWord
		? wordFileName(form.fields.get('filename'))
		: { ok: true };
	if (!fileName.ok) return fail(call, 400, fileName.message);

	call.log.imageSha256 = sha256Hex(upload.bytes);
	const result = await readImage(upload.bytes, state, forWord);
	if (result.kind === 'forced')
		return forcedReply('international', result.outcome, extendedFields(call));
	if (result.kind === 'rejected') return fail(call, PROBLEM_STATUS[result.problem], result.message);
	if (!forWord)
		return ok(call, { resultText: result.lines, text: result.lines.join('\n') }, result.pace);
	if (!hasText(result.lines)) return { ...fail(call, 422), ...result.pace };
	return ok(call, { wordPath: storeWordFile(state, result.lines, fileName.name) }, result.pace);
}

/** pdf2text and pdf2word: the PDF in `file`; pdf2word names its Word file after `filename`. */
async function pdf(call: ApiCall, form: ParsedForm): Promise<Reply> {
	const { state } = call;
	const upload = form.files.get('file');
	if (!upload) {
		const why = form.fields.has('file') ? 'must be a file upload' : 'is required';
		return fail(call, 400, `file ${why}.`);
	}
	const forWord = call.endpoint === 'pdf2word';
	const fileName: FileNameCheck = forWord
		? wordFileName(form.fields.get('filename') || 'result.docx')
		: { ok: true };
	if (!fileName.ok) return fail(call, 400, fileName.message);

	call.log.imageSha256 = sha256Hex(upload.bytes);
	const result = await readPdfFile(upload.bytes, state);
	if (result.kind === 'forced') {
		return forcedReply('international', result.outcome, extendedFields(call));
	}
	if (result.kind === 'rejected') return fail(call, ...PDF_PROBLEM[result.problem]);
	const { pages, pace } = result;
	if (!forWord) return ok(call, { resultText: pages, text: pages.join('\n') }, pace);
	return ok(call, { wordPath: storeWordFile(state, pageLines(pages), fileName.name) }, pace);
}
