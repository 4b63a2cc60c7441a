/**
 * Inbound MIME: a raw message parsed into what the inbound rules look at. Subjects are RFC 2047 decoded and bodies
 * converted to UTF-8 from their charset; an HTML-only message gets its text from the HTML.
 *
 * The parser is postal-mime, not the mailparser: mailparser and its charset tables (iconv-lite, libmime,
 * encoding-japanese, he) put the inbound Lambda about 1.4 MB over the bare handler against a 450 KB budget;
 * postal-mime decodes charsets with Node's own TextDecoder (full ICU: ISO-8859-1, Shift_JIS, ...) and parses the
 * same fixture corpus alike.
 */
import PostalMime, { type Address, type Mailbox } from 'postal-mime';

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

/** Mailboxes of an address list, groups flattened. */
const mailboxes = (value: Address | Address[] | undefined): Mailbox[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => (a.group ? a.group : [a as Mailbox]));

/** Text for an HTML-only message. */
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
  const parsed = await PostalMime.parse(raw, { attachmentEncoding: 'base64' });
  const headers: Record<string, string> = {};
  for (const { key, value } of parsed.headers) headers[key.toLowerCase()] ??= value.replace(/\r?\n[ \t]+/g, ' ').trim();
  const sender = mailboxes(parsed.from)[0];
  const references = (parsed.references ?? '').split(/\s+/).filter(Boolean);
  return {
    from: (sender?.address ?? '').trim().toLowerCase(),
    fromName: sender?.name?.trim() ?? '',
    to: mailboxes(parsed.to).flatMap((a) => (a.address ? [a.address.toLowerCase()] : [])),
    subject: (parsed.subject ?? '').trim(),
    text: (parsed.text ?? '').trim() || stripTags(parsed.html ?? ''),
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    references,
    headers,
    size,
  };
};
