/**
 * multipart/form-data bodies (RFC 7578), as JSM's attachTemporaryFile takes them: each part with a file name is a
 * file; other parts are ignored. File names as browsers and HTTP clients send them: raw UTF-8 in `filename="..."`,
 * or RFC 5987/2231 `filename*=UTF-8''...`. Kept apart from the mail channel's MIME parser (its charset tables would
 * weigh on every function's bundle, since every function carries the HTTP handler).
 */
import { BadRequest } from '#errors';

export interface FormFile {
  /** The form field's name (`file` for JSM clients). */
  field: string;
  fileName: string;
  /** As the client declared it; the file's real type is sniffed from its bytes. */
  declaredType: string;
  bytes: Buffer;
}

const malformed = () => new BadRequest('The multipart/form-data body is malformed', 'sd.attachment.error.multipart');

/** `type; a=b; c="d"` into the type and its parameters (lower-cased names, quotes and escapes undone). */
const parameters = (value: string): { type: string; params: Record<string, string> } => {
  const [head = '', ...rest] = value.match(/(?:"(?:[^"\\]|\\.)*"|[^;])+/g) ?? [];
  const params: Record<string, string> = {};
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const raw = piece.slice(eq + 1).trim();
    params[piece.slice(0, eq).trim().toLowerCase()] = raw.startsWith('"') ? raw.slice(1, raw.endsWith('"') ? -1 : undefined).replace(/\\(.)/g, '$1') : raw;
  }
  return { type: head.trim().toLowerCase(), params };
};

/** RFC 5987: `UTF-8''%E2%82%AC.pdf`; undefined when it is not that. */
const extendedValue = (value: string | undefined): string | undefined => {
  const m = value === undefined ? undefined : /^utf-8'[^']*'(.*)$/i.exec(value);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return undefined;
  }
};

/** The part's header fields (names lower-cased); header bytes are read as UTF-8, as browsers send file names. */
const partHeaders = (block: Buffer): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const line of block.toString('utf8').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
};

/** The files of a multipart/form-data body, given its Content-Type header; at most `maxFiles`. */
export const formFiles = (body: Buffer, contentType: string, maxFiles: number): FormFile[] => {
  const boundary = parameters(contentType).params.boundary;
  if (parameters(contentType).type !== 'multipart/form-data' || !boundary) throw malformed();
  const delimiter = Buffer.from(`--${boundary}`);
  const files: FormFile[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw malformed();
  for (;;) {
    const afterDelimiter = at + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const start = body.indexOf('\n', afterDelimiter) + 1;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
    if (start === 0 || next < 0) throw malformed();
    const part = body.subarray(start, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw malformed();
    const headers = partHeaders(part.subarray(0, headerEnd));
    const disposition = parameters(headers['content-disposition'] ?? '');
    const fileName = extendedValue(disposition.params['filename*']) ?? disposition.params.filename;
    if (disposition.type === 'form-data' && fileName !== undefined) {
      if (files.length === maxFiles) throw new BadRequest(`At most ${maxFiles} files can be uploaded in one call`, 'sd.attachment.error.too.many');
      files.push({ field: disposition.params.name ?? '', fileName, declaredType: headers['content-type'] ?? 'application/octet-stream', bytes: Buffer.from(part.subarray(headerEnd + 4)) });
    }
    at = next + 2;
  }
  return files;
};
