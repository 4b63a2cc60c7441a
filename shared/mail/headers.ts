/**
 * Header text: the header block of a message unfolded into fields, raw 8-bit bytes decoded by their detected charset,
 * RFC 2047 encoded words decoded, and RFC 2231 parameters (`name*=charset''text`, `name*0=...`) joined.
 */
import { decodeText, detectCharset } from './charsets';

export interface HeaderField {
  /** Lower-cased name. */
  name: string;
  /** Unfolded and trimmed, 8-bit bytes decoded, encoded words left as they are (address lists tokenize first). */
  value: string;
}

const latin1Bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

/** Where the header block ends: the first empty line (CRLF or LF), or the end. */
export const headerEnd = (raw: Uint8Array): { end: number; bodyStart: number } => {
  for (let i = 0; i < raw.length; i += 1) {
    if (raw[i] !== 0x0a) continue;
    if (i === 0) return { end: 0, bodyStart: 1 };
    if (raw[i + 1] === 0x0a) return { end: i + 1, bodyStart: i + 2 };
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return { end: i + 1, bodyStart: i + 3 };
  }
  return { end: raw.length, bodyStart: raw.length };
};

/**
 * The fields of a header block, in order. Lines that are neither a field nor a continuation (a stray "From " line of
 * an mbox) are skipped. 8-bit bytes in any field are decoded with one charset detected over all such fields.
 */
export const parseHeaderBlock = (block: Uint8Array): HeaderField[] => {
  const text = Buffer.from(block.buffer, block.byteOffset, block.byteLength).toString('latin1');
  const fields: Array<{ name: string; value: string }> = [];
  for (const line of text.split(/\r?\n/)) {
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line)) {
      if (last) last.value += line.replace(/^[ \t]+/, ' ');
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0 && /^[\x21-\x39\x3b-\x7e]+$/.test(line.slice(0, colon).trimEnd())) {
      fields.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1) });
    }
  }
  const eightBit = fields.filter((f) => /[\x80-\xff]/.test(f.value));
  const charset = eightBit.length > 0 ? detectCharset(latin1Bytes(eightBit.map((f) => f.value).join('\n'))) : 'utf-8';
  return fields.map((f) => ({ name: f.name, value: (/[\x80-\xff]/.test(f.value) ? decodeText(latin1Bytes(f.value), charset) : f.value).trim() }));
};

/** Quoted-printable bytes; `=XX` decodes, a soft line break disappears, anything malformed stays as it is. */
export const decodeQuotedPrintable = (text: string, underscoreIsSpace = false): Uint8Array => {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x3d) {
      const hex = text.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out[n++] = parseInt(hex, 16);
        i += 2;
        continue;
      }
      const soft = /^[ \t]*\r?\n/.exec(text.slice(i + 1, i + 80));
      if (soft) {
        i += soft[0].length;
        continue;
      }
    }
    out[n++] = underscoreIsSpace && c === 0x5f ? 0x20 : c & 0xff;
  }
  return out.subarray(0, n);
};

export const decodeBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/[^A-Za-z0-9+/]/g, ''), 'base64'));

const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?]*?)\?=/g;

/**
 * RFC 2047: encoded words decoded; whitespace between two adjacent encoded words dropped; adjacent words of one
 * charset decoded together, so a character split across two words survives.
 */
export const decodeWords = (value: string): string => {
  const pieces: Array<{ text: string } | { charset: string; chunks: Uint8Array[] }> = [];
  let last = 0;
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, m.index);
    const previous = pieces[pieces.length - 1];
    if (between && !(previous && 'chunks' in previous && /^\s*$/.test(between))) pieces.push({ text: between });
    const charset = (m[1] ?? '').split('*')[0]!;
    const bytes = /b/i.test(m[2]!) ? decodeBase64(m[3]!) : decodeQuotedPrintable(m[3]!, true);
    const tail = pieces[pieces.length - 1];
    if (tail && 'chunks' in tail && tail.charset.toLowerCase() === charset.toLowerCase()) tail.chunks.push(bytes);
    else pieces.push({ charset, chunks: [bytes] });
    last = (m.index ?? 0) + m[0].length;
  }
  if (last === 0) return value;
  pieces.push({ text: value.slice(last) });
  return pieces.map((p) => ('text' in p ? p.text : decodeText(new Uint8Array(Buffer.concat(p.chunks)), p.charset))).join('');
};

export interface ParsedContentType {
  /** Lower-cased `type/subtype`. */
  type: string;
  params: Record<string, string>;
}

/** `type/subtype; a=b; c="d"; e*=utf-8''%C3%A9; f*0=x; f*1=y` into its type and parameters (names lower-cased). */
export const parseParameters = (value: string): ParsedContentType => {
  const [head = '', ...rest] = value.match(/(?:"(?:[^"\\]|\\.)*"|[^;])+/g) ?? [];
  const params: Record<string, string> = {};
  const continued: Record<string, Array<{ n: number; text: string; encoded: boolean }>> = {};
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    let text = piece.slice(eq + 1).trim();
    if (text.startsWith('"')) text = text.slice(1, text.endsWith('"') ? -1 : undefined).replace(/\\(.)/g, '$1');
    const section = /^([^*]+)\*(\d+)?(\*)?$/.exec(key);
    if (!section) params[key] = decodeWords(text);
    else (continued[section[1]!] ??= []).push({ n: Number(section[2] ?? 0), text, encoded: section[3] !== undefined || section[2] === undefined });
  }
  for (const [key, sections] of Object.entries(continued)) {
    const ordered = sections.sort((a, b) => a.n - b.n);
    const charset = ordered[0]?.encoded ? (/^([^']*)'[^']*'/.exec(ordered[0].text)?.[1] ?? '') : '';
    const bytes = ordered.flatMap((s, i) => {
      const text = i === 0 && s.encoded ? s.text.replace(/^[^']*'[^']*'/, '') : s.text;
      return s.encoded ? [...decodeQuotedPrintable(text.replace(/%([0-9A-Fa-f]{2})/g, '=$1'))] : [...Buffer.from(text, 'latin1')];
    });
    params[key] = decodeText(Uint8Array.from(bytes), charset || 'utf-8');
  }
  return { type: head.trim().toLowerCase(), params };
};
