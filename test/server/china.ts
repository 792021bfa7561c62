/** api.gugudata.com: PascalCase envelopes; application errors are HTTP 200, StatusCode 101-110. */
import { SAMPLE_LINES } from '../fixtures/sample';
import { mediaType, parseMultipart, parseUrlEncoded, type ParsedForm } from './body';
import { extendedFields, logForm, logKey, reply, type ApiCall } from './context';
import { DOCX_CONTENT_TYPE, buildDocx } from './docx-writer';
import { downloadImage } from './download';
import { FileStore } from './file-store';
import { sha256Hex } from './fixture-registry';
import { readImage, readPdfFile } from './ocr';
import { forcedReply } from './outcome-reply';
import { PDF_ENDPOINTS, pageLines, type PdfProblem } from './pdf';
import { hasText, type ImageProblem } from './recognition';
import type { Pace, Reply } from './reply';
import { storeWordFile } from './word-file';

export const CHINA_ROUTES: Record<string, string> = {
	'/imagerecognition/imagestreamocr': 'imagestreamocr',
	'/imagerecognition/ocr': 'ocr',
	'/imagerecognition/ocr2word': 'ocr2word',
	'/imagerecognition/ocr2word/demo': 'demo',
	'/imagerecognition/pdf2text': 'pdf2text',
	'/imagerecognition/pdf2word': 'pdf2word',
};

/** Endpoints that take a multipart upload; the others take an urlencoded form. */
const MULTIPART_ENDPOINTS = new Set(['imagestreamocr', ...PDF_ENDPOINTS]);

const PROBLEM_TEXT: Record<ImageProblem, string> = {
	empty: '图片内容为空',
	'too-large': '图片大小超过 10 MiB',
	unsupported: '不支持的图片格式（支持 JPEG、PNG、WebP、TIFF、BMP）',
	dimensions: '图片尺寸超过限制（单边不超过 8192 像素，总像素不超过 4000 万）',
	undecodable: '图片无法解码',
};

const PDF_PROBLEM_TEXT: Record<PdfProblem, string> = {
	empty: '文件内容为空',
	'not-pdf': '不是有效的 PDF 文件',
	encrypted: 'PDF 文件已加密，无法读取',
};

/** Application answer: HTTP 200 unless told otherwise, the code in the body. */
function say(
	call: ApiCall,
	code: number,
	detail?: string,
	status = 200,
	headers?: Record<string, string>,
) {
	const description = detail === undefined ? undefined : `参数错误：${detail}`;
	return reply(call, { status, code, description, headers });
}

function ok(call: ApiCall, data: unknown, pace?: Pace): Reply {
	return { ...reply(call, { status: 200, code: 100, data }), ...pace };
}

/** As .NET's Convert.FromBase64String: whitespace ignored, anything off the alphabet refused. */
export function decodeBase64(text: string): Buffer | undefined {
	const compact = text.replace(/[ \t\r\n]/g, '');
	if (!compact || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact))
		return undefined;
	return Buffer.from(compact, 'base64');
}

type Image = { bytes: Buffer; sourceUrl?: string } | { error: string };

async function imageFromForm(call: ApiCall, form: ParsedForm): Promise<Image> {
	if (call.endpoint === 'imagestreamocr') {
		const upload = form.files.get('imagefile');
		return upload
			? { bytes: upload.bytes }
			: { error: '请以 multipart/form-data 上传 imagefile 文件' };
	}
	// The docs say to send one of the two; when both come, the URL wins.
	const imageUrl = form.fields.get('imageurl')?.trim();
	if (imageUrl) {
		call.log.imageUrl = imageUrl;
		const { state } = call;
		const download = await downloadImage(imageUrl, {
			timeoutMs: state.options.downloadTimeoutMs,
			allowRemote: state.options.allowRemoteDownloads,
			signal: state.signal,
		});
		return download.ok
			? { bytes: download.bytes, sourceUrl: imageUrl }
			: { error: `图片下载失败（${download.message}）` };
	}
	const base64 = form.fields.get('imagebase64');
	if (!base64?.trim()) return { error: 'imageurl 与 imagebase64 须提供其一' };
	const bytes = decodeBase64(base64);
	return bytes ? { bytes } : { error: 'imagebase64 不是有效的 Base64 编码' };
}

/** One demo document per server, made on first use. */
const demoWordUrls = new WeakMap<object, string>();

function demo(call: ApiCall): Reply {
	if (call.method !== 'GET' && call.method !== 'POST') {
		return say(call, 405, undefined, 405, { Allow: 'GET, POST' });
	}
	const { origin, files } = call.state;
	let wordUrl = demoWordUrls.get(files);
	if (!wordUrl)
		demoWordUrls.set(files, (wordUrl = storeWordFile(call.state, SAMPLE_LINES, 'demo.docx')));
	return ok(call, {
		SourceImageUrl: `${origin}/assets/_canned/sample.png`,
		ResultWordFileUrl: wordUrl,
	});
}

export async function handleChina(call: ApiCall): Promise<Reply> {
	const { state } = call;
	if (call.endpoint === 'demo') return demo(call);

	// China takes the key from the query string only.
	const key = call.url.searchParams.get('appkey') || undefined;
	logKey(call.log, key ? 'query' : undefined);
	const keyState = key === undefined ? undefined : state.keys.get(key);
	if (!keyState) return say(call, 104);
	if (keyState === 'arrears') return say(call, 103);
	if (keyState === 'forbidden')
		return reply(call, { status: 403, code: 103, description: '无权限访问' });

	if (call.method !== 'POST') return say(call, 405, undefined, 405, { Allow: 'POST' });
	const wanted = MULTIPART_ENDPOINTS.has(call.endpoint)
		? 'multipart/form-data'
		: 'application/x-www-form-urlencoded';
	const type = mediaType(call.contentType);
	if (type !== wanted) return say(call, 415, undefined, 415);
	let form: ParsedForm;
	try {
		form =
			type === 'multipart/form-data'
				? await parseMultipart(call.body.bytes, call.contentType!)
				: parseUrlEncoded(call.body.bytes);
	} catch {
		return say(call, 101, '请求体无法解析');
	}
	logForm(call.log, form);
	if (PDF_ENDPOINTS.has(call.endpoint)) return await pdf(call, form);

	const image = await imageFromForm(call, form);
	if ('error' in image) return say(call, 101, image.error);
	call.log.imageSha256 = sha256Hex(image.bytes);
	const forWord = call.endpoint === 'ocr2word';
	const result = await readImage(image.bytes, state, forWord);
	if (result.kind === 'forced') return forcedReply('china', result.outcome, extendedFields(call));
	if (result.kind === 'rejected') return say(call, 101, PROBLEM_TEXT[result.problem]);
	const source = image.sourceUrl === undefined ? {} : { SourceImageUrl: image.sourceUrl };
	if (call.endpoint === 'imagestreamocr')
		return ok(call, { ResultText: result.lines }, result.pace);
	if (call.endpoint === 'ocr')
		return ok(call, { ...source, ResultText: result.lines }, result.pace);
	if (!hasText(result.lines) && state.options.chinaEmptyWord === 'code110') {
		return { ...say(call, 110), ...result.pace };
	}
	const lines = hasText(result.lines) ? result.lines : [];
	const wordUrl = storeWordFile(state, lines, undefined);
	return ok(call, { ...source, ResultWordFileUrl: wordUrl }, result.pace);
}

/**
 * pdf2text and pdf2word: the PDF in `pdffile` (one GuGuData article says `file`: both are taken).
 * pdf2text answers the whole text as one string; pdf2word a public link with `storage=public`,
 * else (`private`, the default) the id of a file that needs a download link of its own.
 */
async function pdf(call: ApiCall, form: ParsedForm): Promise<Reply> {
	const { state } = call;
	const upload = form.files.get('pdffile') ?? form.files.get('file');
	if (!upload) return say(call, 101, '请以 multipart/form-data 上传 pdffile 文件');
	const forWord = call.endpoint === 'pdf2word';
	const storage = form.fields.get('storage') ?? 'private';
	if (forWord && storage !== 'public' && storage !== 'private') {
		return say(call, 101, 'storage 须为 public 或 private');
	}

	call.log.imageSha256 = sha256Hex(upload.bytes);
	const result = await readPdfFile(upload.bytes, state);
	if (result.kind === 'forced') return forcedReply('china', result.outcome, extendedFields(call));
	if (result.kind === 'rejected') return say(call, 101, PDF_PROBLEM_TEXT[result.problem]);
	const { pages, pace } = result;
	if (!forWord) {
		// pdftotext ends every page with a form feed; the documented answer shows no boundaries.
		const text =
			state.options.chinaPdfPages === 'formFeeds'
				? pages.map((page) => `${page}\f`).join('')
				: pages.join('\n');
		return ok(call, text, pace);
	}
	const file = state.files.put(undefined, buildDocx(pageLines(pages)), DOCX_CONTENT_TYPE);
	return ok(call, storage === 'public' ? FileStore.url(state.origin, file) : file.id, pace);
}
