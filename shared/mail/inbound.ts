/**
 * Inbound MIME: a raw message parsed (mailparser) into what the inbound rules look at. Subjects are RFC 2047
 * decoded and bodies converted to UTF-8 from their charset by mailparser; an HTML-only message gets its text
 * from the HTML.
 */
import { simpleParser, type AddressObject } from 'mailparser';

export interface InboundMessage {
  /** The sender's address, lower-cased ('' when there is none). */
  from: string;
  fromName: string;
  to: string[];
  subject: string;
  text: string;
  messageId?: string | undefined;
  inReplyTo?: string | undefined;
  references: string[];
  /** Header values by lower-cased name, unfolded; a repeated header keeps its first value. */
  headers: Record<string, string>;
  size: number;
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value);

/** Last resort for HTML without a text alternative that mailparser did not convert. */
const stripTags = (html: string): string =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();

const HEADER_LIMIT = 256 * 1024;

/**
 * Only the header block of a message (bounded): what an oversized message is logged with, without reading its
 * body into memory as text.
 */
export const headerBlock = (raw: Buffer): Buffer => {
  const head = raw.subarray(0, HEADER_LIMIT);
  const end = head.indexOf('\r\n\r\n');
  const endLf = head.indexOf('\n\n');
  const cut = [end, endLf].filter((i) => i >= 0).sort((a, b) => a - b)[0];
  return cut === undefined ? head : head.subarray(0, cut + 2);
};

export const parseMessage = async (raw: Buffer, size = raw.length): Promise<InboundMessage> => {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    headers[key.toLowerCase()] ??= value;
  }
  const sender = addresses(parsed.from)[0];
  const references = typeof parsed.references === 'string' ? [parsed.references] : (parsed.references ?? []);
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  return {
    from: (sender?.address ?? '').trim().toLowerCase(),
    fromName: sender?.name?.trim() ?? '',
    to: addresses(parsed.to).flatMap((a) => (a.address ? [a.address.toLowerCase()] : [])),
    subject: (parsed.subject ?? '').trim(),
    text: (parsed.text ?? '').trim() || stripTags(html),
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    references,
    headers,
    size,
  };
};
