/**
 * What a file is, from its first bytes (magic numbers), not from what the uploader or the mail said: a file named
 * `report.pdf` holding HTML is HTML. And how it may be served: only types a browser shows without running anything
 * are shown inline; anything that could run in a browser (HTML, SVG, XML, scripts, executables) or is unknown is
 * served only as a download.
 */

/** Bytes enough to recognise every format below. */
export const SNIFF_BYTES = 4096;

const startsWith = (bytes: Uint8Array, signature: ReadonlyArray<number>, offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const MAGIC: ReadonlyArray<{ type: string; test: (b: Uint8Array) => boolean }> = [
  { type: 'application/pdf', test: (b) => startsWith(b, ascii('%PDF-')) },
  { type: 'image/png', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', test: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')) },
  { type: 'image/webp', test: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  { type: 'image/bmp', test: (b) => startsWith(b, ascii('BM')) && b.length > 14 },
  { type: 'image/tiff', test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) },
  { type: 'application/zip', test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]) },
  { type: 'application/gzip', test: (b) => startsWith(b, [0x1f, 0x8b]) },
  { type: 'application/x-7z-compressed', test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { type: 'application/vnd.rar', test: (b) => startsWith(b, ascii('Rar!')) },
  { type: 'application/x-ole-storage', test: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
  { type: 'application/x-msdownload', test: (b) => startsWith(b, ascii('MZ')) },
  { type: 'application/x-executable', test: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) },
  { type: 'application/x-mach-binary', test: (b) => [[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xcf, 0xfa, 0xed, 0xfe], [0xce, 0xfa, 0xed, 0xfe]].some((s) => startsWith(b, s)) },
  { type: 'application/wasm', test: (b) => startsWith(b, [0x00, 0x61, 0x73, 0x6d]) },
  { type: 'audio/mpeg', test: (b) => startsWith(b, ascii('ID3')) },
  { type: 'video/mp4', test: (b) => startsWith(b, ascii('ftyp'), 4) },
];

/** Zip and OLE containers hold office documents: their declared type is kept when it is one of those. */
const CONTAINED: Record<string, RegExp> = {
  'application/zip': /^application\/(vnd\.openxmlformats-officedocument\.|vnd\.oasis\.opendocument\.|epub\+zip|java-archive|x-zip-compressed$)/,
  'application/x-ole-storage': /^application\/(msword|vnd\.ms-|vnd\.visio)/,
};

/** Markup a browser would render or run, recognised at the start of a text file. */
const MARKUP: ReadonlyArray<{ type: string; pattern: RegExp }> = [
  { type: 'image/svg+xml', pattern: /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/i },
  { type: 'text/html', pattern: /^(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body|script|iframe|style|div|p|a|img|table|meta|title|h1|br|b|font)[\s>/]/i },
  { type: 'application/xml', pattern: /^<\?xml[\s>]/i },
];

/** Text types whose declared name is kept for a file that is text. */
const TEXT_KEPT = /^(text\/(plain|csv|markdown|tab-separated-values|calendar|x-log)|application\/(json|x-ndjson))$/;

const isUtf8Text = (bytes: Uint8Array): boolean => {
  if (bytes.includes(0)) return false;
  try {
    // A file cut mid-character at the sniffing limit is still text: only the last few bytes may be incomplete.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.length >= SNIFF_BYTES ? bytes.subarray(0, bytes.length - 4) : bytes);
    return true;
  } catch {
    return false;
  }
};

/** The type of a file from its first bytes (up to SNIFF_BYTES), the declared one only where the bytes cannot tell. */
export const sniffContentType = (head: Uint8Array, declared = ''): string => {
  const claimed = declared.split(';')[0]!.trim().toLowerCase();
  const found = MAGIC.find((m) => m.test(head))?.type;
  if (found) return CONTAINED[found]?.test(claimed) ? claimed : found;
  if (!isUtf8Text(head)) return 'application/octet-stream';
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, '').trimStart();
  const markup = MARKUP.find((m) => m.pattern.test(text))?.type;
  if (markup) return markup;
  if (text.startsWith('#!')) return 'text/x-script';
  return TEXT_KEPT.test(claimed) ? claimed : 'text/plain';
};

/** Shown in the browser (inline): images that run nothing, PDFs, plain text and media. Everything else downloads. */
const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'application/pdf', 'text/plain', 'text/csv', 'audio/mpeg', 'video/mp4']);
export const servedInline = (mimeType: string): boolean => INLINE.has(mimeType);

/** Images that get a thumbnail link (JSM gives one for images). */
export const hasThumbnail = (mimeType: string): boolean => ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'].includes(mimeType);

/** A file name as given, without any path, control characters or surrounding space; a fallback when nothing is left. */
export const cleanFileName = (name: string, maxLength: number): string => {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, maxLength);
  return clean === '' || clean === '.' || clean === '..' ? 'attachment' : clean;
};

/** Content-Disposition for a download or an inline view, with the name in ASCII and in UTF-8 (RFC 6266, RFC 5987). */
export const contentDisposition = (kind: 'inline' | 'attachment', fileName: string): string => {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
};
