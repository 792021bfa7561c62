/** Builds a minimal but complete .docx (OOXML) package: one paragraph per recognised line. */
import { strToU8, zipSync } from 'fflate';

export const DOCX_CONTENT_TYPE =
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_DOC_REL =
	'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

const CONTENT_TYPES =
	XML_HEAD +
	'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
	'<Default Extension="rels"' +
	' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
	'<Default Extension="xml" ContentType="application/xml"/>' +
	'<Override PartName="/word/document.xml"' +
	` ContentType="${DOCX_CONTENT_TYPE}.main+xml"/>` +
	'</Types>';

const PACKAGE_RELS =
	XML_HEAD +
	`<Relationships xmlns="${REL_NS}">` +
	`<Relationship Id="rId1" Type="${OFFICE_DOC_REL}" Target="word/document.xml"/>` +
	'</Relationships>';

const DOCUMENT_RELS = XML_HEAD + `<Relationships xmlns="${REL_NS}"></Relationships>`;

// A4 page with 1 inch margins, as Word's own blank document has.
const SECTION =
	'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
	'<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"' +
	' w:header="708" w:footer="708" w:gutter="0"/>' +
	'</w:sectPr>';

/** XML 1.0 forbids most control characters and lone surrogates: drop them, keep the part valid. */
function xmlText(text: string): string {
	return text
		.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
		.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** Tabs and line breaks inside a line become w:tab / w:br, as Word writes them. */
function paragraph(line: string): string {
	if (line === '') return '<w:p/>';
	const runs = line
		.replace(/\r\n?/g, '\n')
		.split(/(\t|\n)/)
		.filter((part) => part !== '')
		.map((part) => {
			if (part === '\t') return '<w:tab/>';
			if (part === '\n') return '<w:br/>';
			return `<w:t xml:space="preserve">${xmlText(part)}</w:t>`;
		})
		.join('');
	return `<w:p><w:r>${runs}</w:r></w:p>`;
}

export function documentXml(lines: string[]): string {
	return (
		XML_HEAD +
		`<w:document xmlns:w="${W_NS}"><w:body>` +
		lines.map(paragraph).join('') +
		SECTION +
		'</w:body></w:document>'
	);
}

/** The .docx bytes; an empty `lines` gives a valid document with no paragraphs. */
export function buildDocx(lines: string[]): Buffer {
	const zipped = zipSync(
		{
			'[Content_Types].xml': strToU8(CONTENT_TYPES),
			'_rels/.rels': strToU8(PACKAGE_RELS),
			'word/document.xml': strToU8(documentXml(lines)),
			'word/_rels/document.xml.rels': strToU8(DOCUMENT_RELS),
		},
		{ level: 6 },
	);
	return Buffer.from(zipped);
}
