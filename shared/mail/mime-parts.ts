/**
 * The body of a message as text: the MIME tree walked (multipart/alternative picks its plain part, other multiparts
 * join their inline text parts), transfer encodings undone, charsets decoded, HTML turned into text. Malformed
 * input gives best-effort text, never an exception: a multipart without a boundary parameter uses the boundary its
 * body shows, or else is read as one text part.
 */
import { decodeText } from './charsets';
import { decodeBase64, decodeQuotedPrintable, headerEnd, parseHeaderBlock, parseParameters, type HeaderField, type ParsedContentType } from './headers';
import { htmlToText } from './html-text';

const MAX_DEPTH = 10;
const MAX_PARTS = 200;

interface Part {
  contentType: ParsedContentType;
  disposition: string;
  filename: boolean;
  /** The file name given (Content-Disposition filename, else Content-Type name), RFC 2231/2047 decoded. */
  name?: string | undefined;
  encoding: string;
  body: Uint8Array;
}

const field = (fields: HeaderField[], name: string) => fields.find((f) => f.name === name)?.value;

export const partOf = (fields: HeaderField[], body: Uint8Array, defaultType = 'text/plain'): Part => {
  const contentType = parseParameters(field(fields, 'content-type') ?? defaultType);
  if (!/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(contentType.type)) contentType.type = defaultType;
  const disposition = parseParameters(field(fields, 'content-disposition') ?? '');
  return {
    contentType,
    disposition: disposition.type,
    filename: disposition.params.filename !== undefined || contentType.params.name !== undefined,
    name: disposition.params.filename ?? contentType.params.name,
    encoding: (field(fields, 'content-transfer-encoding') ?? '').trim().toLowerCase(),
    body,
  };
};

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

const transferDecoded = (part: Part): Uint8Array => {
  if (part.encoding === 'base64') return decodeBase64(latin1(part.body));
  if (part.encoding === 'quoted-printable') return decodeQuotedPrintable(latin1(part.body));
  return part.body;
};

/** The boundary a multipart declares, or the one its body shows (a line `--x` that recurs). */
const boundaryOf = (part: Part): string | undefined => {
  const declared = part.contentType.params.boundary;
  if (declared) return declared;
  const text = latin1(part.body.subarray(0, 64 * 1024));
  // The first few candidate lines are enough: a boundary opens the body.
  for (const [, candidate = ''] of [...text.matchAll(/^--([^\s-][^\s]{0,69})[ \t]*\r?$/gm)].slice(0, 10)) {
    const bare = candidate.replace(/--$/, '');
    if (text.split(`--${bare}`).length > 2) return bare;
  }
  return undefined;
};

/** The parts between boundary lines (before the closing one); undefined when no boundary line is found. */
const splitMultipart = (body: Uint8Array, boundary: string): Uint8Array[] | undefined => {
  const text = latin1(body);
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*(?=\\r?\\n|$)`, 'g');
  const marks = [...text.matchAll(delimiter)];
  if (marks.length === 0) return undefined;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < marks.length && parts.length < MAX_PARTS; i += 1) {
    const mark = marks[i]!;
    if (mark[1] === '--') break;
    const start = (mark.index ?? 0) + mark[0].length;
    const end = marks[i + 1]?.index ?? text.length;
    const lineEnd = text.slice(start, start + 2).startsWith('\r\n') ? 2 : text[start] === '\n' ? 1 : 0;
    parts.push(body.subarray(start + lineEnd, end));
  }
  return parts;
};

const parsePart = (raw: Uint8Array, defaultType: string): Part => {
  const { end, bodyStart } = headerEnd(raw);
  return partOf(parseHeaderBlock(raw.subarray(0, end)), raw.subarray(bodyStart), defaultType);
};

const isAttachment = (part: Part) => part.disposition === 'attachment' || (part.filename && !part.contentType.type.startsWith('multipart/'));

/** Text of an HTML document; its charset from the part, else from a `<meta>`, else detected. */
const htmlText = (bytes: Uint8Array, charset: string | undefined): string => {
  const meta = charset ? undefined : /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)/i.exec(latin1(bytes.subarray(0, 4096)))?.[1];
  return htmlToText(decodeText(bytes, charset ?? meta));
};

/** format=flowed (RFC 3676): a line ending in a space continues on the next one (the signature line "-- " does not). */
const unflow = (text: string, delsp: boolean): string => {
  const out: string[] = [];
  let carry = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = carry + raw;
    const soft = raw.endsWith(' ') && raw !== '-- ';
    carry = soft ? (delsp ? line.slice(0, -1) : line) : '';
    if (!soft) out.push(line);
  }
  if (carry) out.push(carry);
  return out.join('\n');
};

const textOfLeaf = (part: Part): { text: string; html: boolean } | undefined => {
  const { type, params } = part.contentType;
  if (type !== 'text/plain' && type !== 'text/html') return undefined;
  const bytes = transferDecoded(part);
  if (type === 'text/html') return { text: htmlText(bytes, params.charset), html: true };
  const text = decodeText(bytes, params.charset);
  return { text: params.format?.toLowerCase() === 'flowed' ? unflow(text, params.delsp?.toLowerCase() === 'yes') : text, html: false };
};

const textOf = (part: Part, depth: number): string => {
  if (depth > MAX_DEPTH) return '';
  if (!part.contentType.type.startsWith('multipart/')) return isAttachment(part) && depth > 0 ? '' : (textOfLeaf(part)?.text ?? '');
  const boundary = boundaryOf(part);
  const raws = boundary ? splitMultipart(part.body, boundary) : undefined;
  // No boundary, or none found in the body: the body itself is the best text there is.
  if (!raws) return decodeText(transferDecoded(part), part.contentType.params.charset).trim();
  const children = raws.map((raw) => parsePart(raw, part.contentType.type === 'multipart/digest' ? 'message/rfc822' : 'text/plain'));
  if (part.contentType.type === 'multipart/alternative') {
    const plain = children.find((c) => c.contentType.type === 'text/plain' && !isAttachment(c));
    const chosen = plain && textOf(plain, depth + 1).trim() ? plain : children.reverse().find((c) => !isAttachment(c));
    return chosen ? textOf(chosen, depth + 1) : '';
  }
  return children
    .map((c) => textOf(c, depth + 1).trim())
    .filter(Boolean)
    .join('\n\n');
};

/** A file a message carries: an attachment, or an inline image (named after its type when it has no name). */
export interface MimeFile {
  fileName: string;
  declaredType: string;
  bytes: Uint8Array;
}

const isText = (part: Part) => part.contentType.type === 'text/plain' || part.contentType.type === 'text/html';

/** The files of a MIME tree, in order: leaves that are attachments (a text part only when named) or images. */
const filesOf = (part: Part, depth: number, out: MimeFile[]): void => {
  if (depth > MAX_DEPTH || out.length >= MAX_PARTS) return;
  const { type } = part.contentType;
  if (type.startsWith('multipart/')) {
    const boundary = boundaryOf(part);
    const raws = boundary ? splitMultipart(part.body, boundary) : undefined;
    for (const raw of raws ?? []) filesOf(parsePart(raw, type === 'multipart/digest' ? 'message/rfc822' : 'text/plain'), depth + 1, out);
    return;
  }
  // A text part is the body unless it is an attachment below the top (as textOf reads it).
  const file = isText(part) ? isAttachment(part) && depth > 0 : isAttachment(part) || type.startsWith('image/') || depth === 0;
  if (!file) return;
  const fileName = part.name?.trim() || `${type.startsWith('image/') ? 'image' : 'attachment'}-${out.length + 1}.${type.split('/')[1]?.replace(/[^a-z0-9]/g, '') || 'bin'}`;
  out.push({ fileName, declaredType: type, bytes: transferDecoded(part) });
};

/** Every attachment and inline image of a message whose header fields are parsed, from its raw body. */
export const bodyFiles = (fields: HeaderField[], body: Uint8Array): MimeFile[] => {
  const out: MimeFile[] = [];
  filesOf(partOf(fields, body), 0, out);
  return out;
};

/** The text of a message whose header fields are parsed, from its raw body. */
export const bodyText = (fields: HeaderField[], body: Uint8Array): string =>
  textOf(partOf(fields, body), 0)
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+$/gm, '')
    .trim();
