/**
 * Inbound MIME: a raw message parsed into what the inbound rules look at (docs/email-rules.md). Our own parser,
 * small enough for the inbound function's bundle budget: header fields (8-bit bytes decoded by detected charset,
 * RFC 2047/2231 decoded), address lists (./addresses), and the body as text (./mime-parts).
 */
import { parseAddressList, type Mailbox } from './addresses';
import { decodeWords, headerEnd, parseHeaderBlock } from './headers';
import { bodyFiles, bodyText, type MimeFile } from './mime-parts';

export type { Mailbox } from './addresses';
export type { MimeFile } from './mime-parts';

export interface InboundMessage {
  /** Every mailbox of From, in order (addresses as written: checked where they are used). */
  fromMailboxes: Mailbox[];
  sender: Mailbox[];
  replyTo: Mailbox[];
  to: Mailbox[];
  cc: Mailbox[];
  subject: string;
  text: string;
  messageId?: string | undefined;
  inReplyTo?: string | undefined;
  references: string[];
  /** Header values by lower-cased name, unfolded, encoded words decoded; a repeated header keeps its first value. */
  headers: Record<string, string>;
  size: number;
}

const HEADER_LIMIT = 256 * 1024;

/**
 * Only the header block of a message (bounded): what an oversized message is logged with, without reading its
 * body into memory as text.
 */
export const headerBlock = (raw: Buffer): Buffer => {
  const head = raw.subarray(0, HEADER_LIMIT);
  return head.subarray(0, headerEnd(head).end);
};

/** Message ids (`<...>`) in a header value, in order; a bare id without brackets counts as one too. */
export const messageIds = (value: string | undefined): string[] => {
  if (!value) return [];
  const bracketed = value.match(/<[^<>\s]+>/g);
  if (bracketed) return bracketed;
  return value.split(/[\s,]+/).filter((id) => id.includes('@')).map((id) => `<${id}>`);
};

export const parseMessage = (raw: Buffer, size = raw.length): InboundMessage => {
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  const { end, bodyStart } = headerEnd(bytes);
  const fields = parseHeaderBlock(bytes.subarray(0, end));
  const headers: Record<string, string> = {};
  for (const { name, value } of fields) headers[name] ??= name.startsWith('list-') || name === 'content-type' ? value : decodeWords(value);
  const raw1 = (name: string) => fields.find((f) => f.name === name)?.value;
  // Address headers repeat in the wild (two To lines): every occurrence counts.
  const all = (name: string) => fields.filter((f) => f.name === name).flatMap((f) => parseAddressList(f.value));
  return {
    fromMailboxes: all('from'),
    sender: all('sender'),
    replyTo: all('reply-to'),
    to: all('to'),
    cc: all('cc'),
    subject: (headers.subject ?? '').replace(/\s+/g, ' ').trim(),
    text: end < bytes.length ? bodyText(fields, bytes.subarray(bodyStart)) : '',
    messageId: messageIds(raw1('message-id'))[0],
    inReplyTo: messageIds(raw1('in-reply-to'))[0],
    references: messageIds(raw1('references')),
    headers,
    size,
  };
};

/** The attachments and inline images of a message (read only for an accepted one: their bytes are decoded here). */
export const messageFiles = (raw: Buffer): MimeFile[] => {
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  const { end, bodyStart } = headerEnd(bytes);
  return end < bytes.length ? bodyFiles(parseHeaderBlock(bytes.subarray(0, end)), bytes.subarray(bodyStart)) : [];
};
