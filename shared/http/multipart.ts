/**
 * multipart/form-data bodies (RFC 7578), as JSM's attachTemporaryFile takes them: each part with a file name is a
 * file; other parts are ignored. Part headers are read by the MIME header parser of the mail channel, so names in
 * RFC 2231 (`filename*=UTF-8''...`), RFC 2047 or raw UTF-8 come out decoded alike.
 */
import { BadRequest } from '#errors';
import { headerEnd, parseHeaderBlock, parseParameters } from '#mail/headers';

export interface FormFile {
  /** The form field's name (`file` for JSM clients). */
  field: string;
  fileName: string;
  /** As the client declared it; the file's real type is sniffed from its bytes. */
  declaredType: string;
  bytes: Buffer;
}

const malformed = () => new BadRequest('The multipart/form-data body is malformed', 'sd.attachment.error.multipart');

/** The files of a multipart/form-data body, given its Content-Type header; at most `maxFiles`. */
export const formFiles = (body: Buffer, contentType: string, maxFiles: number): FormFile[] => {
  const { type, params } = parseParameters(contentType);
  if (type !== 'multipart/form-data' || !params.boundary) throw malformed();
  const delimiter = Buffer.from(`--${params.boundary}`);
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
    const { end, bodyStart } = headerEnd(part);
    const fields = parseHeaderBlock(part.subarray(0, end));
    const disposition = parseParameters(fields.find((f) => f.name === 'content-disposition')?.value ?? '');
    if (disposition.type === 'form-data' && disposition.params.filename !== undefined) {
      if (files.length === maxFiles) throw new BadRequest(`At most ${maxFiles} files can be uploaded in one call`, 'sd.attachment.error.too.many');
      files.push({
        field: disposition.params.name ?? '',
        fileName: disposition.params.filename,
        declaredType: fields.find((f) => f.name === 'content-type')?.value ?? 'application/octet-stream',
        bytes: Buffer.from(part.subarray(bodyStart)),
      });
    }
    at = next + 2;
  }
  return files;
};
