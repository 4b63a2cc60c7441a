/**
 * Outbound mail through SES (SendRawEmail, so headers are ours). Every automatic message carries
 * `Auto-Submitted: auto-generated` and our loop marker, so autoresponders and our own inbound channel leave it be.
 * SES's query API (version 2010-12-01) is called by a signed HTTP request (`#sigv4`): the SDK's SES client would add ~31 KB
 * to every function that sends mail. SES_ENDPOINT points at the local SES.
 */
import { randomUUID } from 'node:crypto';
import { awsRegion, credentialsFrom, serverTrouble, signedCall, signerFor, succeeded, type AwsAnswer } from '#sigv4';
import { composeMime } from './mime';

export const LOOP_HEADER = 'X-ServiceDesk-Loop';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** Threading: our own Message-ID, and the message this one answers (also put in References). */
  messageId?: string;
  inReplyTo?: string;
}

export const mailDomain = (): string => process.env.MAIL_DOMAIN ?? 'mail.localhost';
export const senderAddress = (): string => process.env.MAIL_FROM ?? `no-reply@${mailDomain()}`;

/** A request's mail thread: the root id every message of it answers (never sent itself), and a fresh id for one message. */
export const requestThreadRoot = (issueId: string): string => `<request-${issueId}@${mailDomain()}>`;
export const requestMessageId = (issueId: string): string => `<request-${issueId}-${randomUUID()}@${mailDomain()}>`;

const compose = (mail: OutgoingMail): Buffer =>
  composeMime({
    from: senderAddress(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId ?? `<${randomUUID()}@${mailDomain()}>`,
    inReplyTo: mail.inReplyTo,
    headers: { 'Auto-Submitted': 'auto-generated', [LOOP_HEADER]: mailDomain(), ...mail.headers },
  });

const endpoint = (): URL => new URL(process.env.SES_ENDPOINT ?? `https://email.${awsRegion()}.amazonaws.com/`);
const credentials = () => credentialsFrom(process.env.SES_ENDPOINT ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined)();

/** What SES answered other than success; `name` is SES's error code (`MessageRejected`, `Throttling`...). */
export class SesError extends Error {
  constructor(code: string, message: string, readonly status: number) {
    super(message);
    this.name = code;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const xmlText = (xml: string, tag: string): string | undefined =>
  new RegExp(`<${tag}>([^<]*)</${tag}>`)
    .exec(xml)?.[1]
    ?.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (whole, dec?: string, hex?: string, name?: string) =>
      dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (ENTITIES[name!] ?? whole));

/** SES's answers worth another attempt: its own trouble, and its sending rate exceeded (400 Throttling). */
const retryable = (answer: AwsAnswer) => serverTrouble(answer) || (answer.status === 400 && answer.body.includes('<Code>Throttling</Code>'));
/** Mail is sent on the request path, after the table's work: it must end well within the function's 10 s. */
const SES_DEADLINE_MS = 3_000;

/** The one call to SES, an object so that tests can inject faults into it (its only mock). */
export const ses = {
  async call(action: string, parameters: Record<string, string>): Promise<string> {
    const body = new URLSearchParams({ Action: action, Version: '2010-12-01', ...parameters }).toString();
    const url = endpoint();
    const signer = signerFor('ses', credentials);
    const answer = await signedCall(signer, 'POST', url, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body, { deadlineMs: SES_DEADLINE_MS, retryable });
    const xml = answer.body.toString('utf8');
    if (!succeeded(answer)) throw new SesError(xmlText(xml, 'Code') ?? 'SesFailure', xmlText(xml, 'Message') ?? `SES ${action} answered ${answer.status}`, answer.status);
    return xml;
  },
};

/** Sends one message; answers SES's message id. */
export const sendMail = async (mail: OutgoingMail): Promise<string> => {
  const configurationSet = process.env.SES_CONFIGURATION_SET;
  const xml = await ses.call('SendRawEmail', {
    'RawMessage.Data': compose(mail).toString('base64'),
    ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
  });
  const messageId = xmlText(xml, 'MessageId');
  if (!messageId) throw new Error('SES answered without a message id');
  return messageId;
};
