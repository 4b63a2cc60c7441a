/**
 * Bytes to text, by the charset a message declares or, when it declares none, by what the bytes look like
 * (docs/email-rules.md, "Charsets"). Single-byte charsets (windows-125x, ISO-8859-x, KOI8) decode through our own
 * tables; multi-byte ones (UTF-8, GBK, Shift_JIS, EUC, ISO-2022-JP, Big5, UTF-16) through the runtime's
 * TextDecoder, which decodes those alike on Node 20 and the Lambda runtime.
 */
import { SINGLE_BYTE_TABLES } from './charset-tables';

/** Labels mail clients write for the same single-byte charset, as the WHATWG Encoding Standard maps them. */
const SINGLE_BYTE_ALIASES: Record<string, string> = {
  // ISO-8859-1 and ASCII labels mean windows-1252: mail labelled so carries €, “ and – in 0x80-0x9F in practice.
  iso88591: 'windows-1252', latin1: 'windows-1252', l1: 'windows-1252', usascii: 'windows-1252', ascii: 'windows-1252',
  ansix341968: 'windows-1252', cp819: 'windows-1252', ibm819: 'windows-1252', iso88599: 'windows-1254', latin5: 'windows-1254',
  iso885911: 'windows-874', tis620: 'windows-874', latin2: 'iso-8859-2', l2: 'iso-8859-2', latin9: 'iso-8859-15', koi8: 'koi8-r',
  cyrillic: 'iso-8859-5', greek: 'iso-8859-7', hebrew: 'iso-8859-8', iso88598i: 'iso-8859-8', arabic: 'iso-8859-6',
};

/** Multi-byte labels TextDecoder does not know under the name mail clients write. */
const MULTI_BYTE_ALIASES: Record<string, string> = {
  cp936: 'gbk', euccn: 'gbk', xgbk: 'gbk', cp932: 'shift_jis', ms932: 'shift_jis', windows31j: 'shift_jis', xsjis: 'shift_jis',
  sjis: 'shift_jis', shiftjis: 'shift_jis', cp949: 'euc-kr', ksc56011987: 'euc-kr', cp950: 'big5', utf8: 'utf-8',
};

const squash = (label: string) => label.trim().toLowerCase().replace(/^["']|["']$/g, '').replace(/[^a-z0-9]/g, '');

/** The table name of a single-byte label, or undefined. */
const singleByteName = (label: string): string | undefined => {
  const key = squash(label).replace(/^x(?=cp|mac)/, '');
  const windows = /^(?:cp|windows|win|ms)(125\d|874)$/.exec(key);
  if (windows) return `windows-${windows[1]}`;
  const alias = SINGLE_BYTE_ALIASES[key];
  if (alias) return alias;
  const iso = /^iso8859(\d{1,2})$/.exec(key);
  if (iso) return `iso-8859-${iso[1]}`;
  if (key === 'koi8r' || key === 'koi8u') return `koi8-${key.slice(4)}`;
  return undefined;
};

const codeTables = new Map<string, Uint16Array>();

/** Bytes through a table into UTF-16 code units (every table character is in the BMP), decoded by Buffer, not TextDecoder. */
export const decodeSingleByte = (bytes: Uint8Array, table: string): string => {
  let codes = codeTables.get(table);
  if (!codes) codeTables.set(table, (codes = Uint16Array.from(table, (c) => c.charCodeAt(0))));
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    units[i] = b < 0x80 ? b : codes[b - 0x80]!;
  }
  return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
};

type Decoder = InstanceType<typeof TextDecoder>;
const decoders = new Map<string, Decoder | null>();
const multiByteDecoder = (label: string): Decoder | null => {
  const name = MULTI_BYTE_ALIASES[squash(label)] ?? label.trim().toLowerCase();
  let decoder = decoders.get(name);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(name);
    } catch {
      decoder = null;
    }
    decoders.set(name, decoder);
  }
  return decoder;
};

/** Whether a charset label names something we can decode. */
export const knownCharset = (label: string | undefined): boolean => {
  if (!label) return false;
  const single = singleByteName(label);
  return single ? SINGLE_BYTE_TABLES[single] !== undefined : multiByteDecoder(label) !== null;
};

const isAscii = (bytes: Uint8Array) => bytes.every((b) => b < 0x80);

const validUtf8 = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * Share of the bytes >= 0x80 that fall in two-byte characters of the charset's usual text: GB2312 hanzi and symbols
 * (both bytes 0xA1-0xFE), or Shift_JIS kana and kanji (lead 0x81-0x9F or 0xE0-0xEF, trail 0x40-0xFC but not 0x7F).
 */
const pairShare = (bytes: Uint8Array, kind: 'gb' | 'sjis'): number => {
  let high = 0;
  let paired = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    high += 1;
    const next = bytes[i + 1] ?? 0;
    const pair =
      kind === 'gb'
        ? b >= 0xa1 && b <= 0xf7 && next >= 0xa1 && next <= 0xfe
        : ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xef)) && next >= 0x40 && next <= 0xfc && next !== 0x7f;
    if (!pair) continue;
    paired += next >= 0x80 ? 2 : 1;
    high += next >= 0x80 ? 1 : 0;
    i += 1;
  }
  return high === 0 ? 0 : paired / high;
};

/** Text of a CJK charset is mostly high bytes; Latin text has an accented letter here and there. */
const mostlyHighBytes = (bytes: Uint8Array): boolean => {
  let letters = 0;
  let high = 0;
  for (const b of bytes) {
    if (b >= 0x80) high += 1;
    else if ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a) letters += 1;
  }
  return high >= 4 && high >= (letters + high) * 0.3;
};

/**
 * The charset of bytes that declare none: ASCII or valid UTF-8 as such; then GB2312/GBK, then Shift_JIS, when the
 * bytes are mostly two-byte characters of that charset; else windows-1252, which gives every byte a character.
 */
export const detectCharset = (bytes: Uint8Array): string => {
  if (isAscii(bytes) || validUtf8(bytes)) return 'utf-8';
  if (mostlyHighBytes(bytes)) {
    const gb = pairShare(bytes, 'gb');
    const sjis = pairShare(bytes, 'sjis');
    if (gb >= 0.9 && gb >= sjis) return 'gbk';
    if (sjis >= 0.9) return 'shift_jis';
  }
  return 'windows-1252';
};

/** Text of bytes in a declared charset; an unknown or missing label is detected from the bytes. */
export const decodeText = (bytes: Uint8Array, label?: string): string => {
  const known = label && knownCharset(label) ? label : detectCharset(bytes);
  const single = singleByteName(known);
  const table = single ? SINGLE_BYTE_TABLES[single] : undefined;
  if (table) return decodeSingleByte(bytes, table);
  return (multiByteDecoder(known) ?? new TextDecoder()).decode(bytes);
};
