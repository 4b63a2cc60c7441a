/**
 * Outbound mail through SES (SendRawEmail, so headers are ours). Every automatic message carries
 * `Auto-Submitted: auto-generated` and our loop marker, so autoresponders and our own inbound channel leave it be.
 */
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { randomUUID } from 'node:crypto';
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

let client: SESClient | undefined;
const ses = (): SESClient => {
  if (client) return client;
  const endpoint = process.env.SES_ENDPOINT;
  client = new SESClient(
    endpoint
      ? { endpoint, region: process.env.AWS_REGION ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {},
  );
  return client;
};

export const mailDomain = (): string => process.env.MAIL_DOMAIN ?? 'mail.localhost';
export const senderAddress = (): string => process.env.MAIL_FROM ?? `no-reply@${mailDomain()}`;

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

/** Sends one message; answers SES's message id. */
export const sendMail = async (mail: OutgoingMail): Promise<string> => {
  const raw = compose(mail);
  const out = await ses().send(
    new SendRawEmailCommand({
      RawMessage: { Data: raw },
      ...(process.env.SES_CONFIGURATION_SET ? { ConfigurationSetName: process.env.SES_CONFIGURATION_SET } : {}),
    }),
  );
  if (!out.MessageId) throw new Error('SES answered without a message id');
  return out.MessageId;
};
