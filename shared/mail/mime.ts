/**
 * A small MIME composer for the messages we send: headers, and a multipart/alternative body with a text and an
 * HTML part, base64-encoded (any charset-safe), and RFC 2047 encoded words for non-ASCII header text. Small on
 * purpose: it keeps each mail-sending Lambda bundle within its size budget.
 */
import { randomUUID } from 'node:crypto';

export interface MimeMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo?: string | undefined;
  headers?: Record<string, string> | undefined;
  date?: Date;
}

const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/** RFC 2047 B-encoding for header values that are not plain printable ASCII. */
export const encodeHeaderValue = (value: string): string =>
  isAscii(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;

const base64Lines = (text: string) => (Buffer.from(text, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

const safeHeader = (name: string, value: string): string => {
  if (/[\r\n]/.test(name + value)) throw new Error(`Header ${name} must be on one line`);
  return `${name}: ${value}`;
};

export const composeMime = (m: MimeMessage): Buffer => {
  const boundary = `=_part_${randomUUID()}`;
  const headers = [
    safeHeader('From', m.from),
    safeHeader('To', m.to),
    safeHeader('Subject', encodeHeaderValue(m.subject)),
    safeHeader('Date', (m.date ?? new Date()).toUTCString()),
    safeHeader('Message-ID', m.messageId),
    ...(m.inReplyTo ? [safeHeader('In-Reply-To', m.inReplyTo), safeHeader('References', m.inReplyTo)] : []),
    ...Object.entries(m.headers ?? {}).map(([name, value]) => safeHeader(name, encodeHeaderValue(value))),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) =>
    [`--${boundary}`, `Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(body)].join('\r\n');
  return Buffer.from([...headers, '', part('text/plain', m.text), part('text/html', m.html), `--${boundary}--`, ''].join('\r\n'), 'utf8');
};
