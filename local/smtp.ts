/**
 * The local inbound SMTP listener (npm smtp-server): what SES receiving does in AWS. It accepts mail for any address
 * at the mail domain (others get 550), stores the raw message in the local S3 at `<prefix><messageId>` (SES's S3
 * action), and calls the inbound handler with an SES-shaped event (SES's Lambda action). No TLS, no AUTH locally.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Context, SESEvent } from 'aws-lambda';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { putRawMessage } from '#mail/raw-store';
import { handler as inboundMailHandler } from '../functions/inbound-mail';

/** A little over SES's own limit (40 MB in AWS, our rule 10 MB): an 11 MB message reaches the handler, which refuses it. */
export const SMTP_MAX_BYTES = 12 * 1024 * 1024;

export type InboundHandler = (event: SESEvent, context: Context) => Promise<unknown>;

/** One accepted message: where it was stored and the event the handler got. */
export interface InboundDelivery {
  messageId: string;
  bucket: string;
  key: string;
  event: SESEvent;
}

export interface SmtpListenerOptions {
  port: number;
  host?: string;
  mailDomain: string;
  bucket: string;
  /** Key prefix of raw messages; default `inbound/`. */
  prefix?: string;
  /** The inbound handler; default functions/inbound-mail.ts's (tests may pass a spy). */
  handler?: InboundHandler;
  /** Called after the handler ran (tests wait on it). */
  onMessage?: (delivery: InboundDelivery) => void;
  log?: (line: string) => void;
}

export interface RunningSmtp {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** A message id shaped like SES's: 40 lowercase letters and digits. */
export const newSesMessageId = (): string => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(40)].map((b) => alphabet[b % alphabet.length]).join('');
};

/** The header block of a raw message, unfolded, in order (SES puts them in `mail.headers`). */
export const parseHeaders = (raw: Buffer): Array<{ name: string; value: string }> => {
  const text = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = end === -1 ? text : text.slice(0, end);
  const headers: Array<{ name: string; value: string }> = [];
  for (const line of block.split(/\r?\n/)) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) last.value += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
    }
  }
  return headers;
};

const addressList = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((a) => a.trim()).filter(Boolean);

/** The event SES hands a Lambda action: one record, verdicts PASS (nothing scans locally). */
export const sesEventFor = (input: { messageId: string; raw: Buffer; source: string; recipients: string[]; at?: Date }): SESEvent => {
  const timestamp = (input.at ?? new Date()).toISOString();
  const headers = parseHeaders(input.raw);
  const header = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value;
  const pass = { status: 'PASS' as const };
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp,
            source: input.source,
            messageId: input.messageId,
            destination: input.recipients,
            headersTruncated: false,
            headers,
            commonHeaders: {
              returnPath: header('return-path') ?? input.source,
              from: addressList(header('from')),
              to: addressList(header('to')),
              cc: addressList(header('cc')),
              replyTo: addressList(header('reply-to')),
              date: header('date') ?? new Date(timestamp).toUTCString(),
              messageId: header('message-id') ?? `<${input.messageId}@local>`,
              subject: header('subject'),
            },
          },
          receipt: {
            timestamp,
            processingTimeMillis: 1,
            recipients: input.recipients,
            spamVerdict: pass,
            virusVerdict: pass,
            spfVerdict: pass,
            dkimVerdict: pass,
            dmarcVerdict: pass,
            action: { type: 'Lambda', functionArn: 'arn:aws:lambda:local:000000000000:function:inbound-mail', invocationType: 'Event' },
          },
        },
      },
    ],
  };
};

const lambdaContext = (requestId: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'inbound-mail',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:inbound-mail',
  memoryLimitInMB: '512',
  awsRequestId: requestId,
  logGroupName: '/aws/lambda/inbound-mail',
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const smtpError = (message: string, responseCode: number): Error => Object.assign(new Error(message), { responseCode });

const readStream = (stream: SMTPServerDataStream): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

export const startSmtpListener = async (options: SmtpListenerOptions): Promise<RunningSmtp> => {
  const domain = options.mailDomain.toLowerCase();
  const prefix = options.prefix ?? 'inbound/';
  const log = options.log ?? ((line: string) => console.log(line));
  const handler: InboundHandler = options.handler ?? inboundMailHandler;

  const deliver = async (raw: Buffer, session: SMTPServerSession): Promise<void> => {
    const messageId = newSesMessageId();
    const key = `${prefix}${messageId}`;
    await putRawMessage(options.bucket, key, raw);
    const from = session.envelope.mailFrom;
    const recipients = session.envelope.rcptTo.map((r) => r.address);
    const event = sesEventFor({ messageId, raw, source: from ? from.address : '', recipients });
    // SES invokes the function asynchronously: the sender's SMTP answer does not depend on the handler's outcome.
    await handler(event, lambdaContext(messageId)).catch((error: unknown) => log(`inbound handler failed on ${messageId}: ${String(error)}`));
    options.onMessage?.({ messageId, bucket: options.bucket, key, event });
  };

  const server = new SMTPServer({
    name: domain,
    banner: 'local inbound SMTP (SES receiving stand-in)',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: SMTP_MAX_BYTES,
    logger: false,
    onRcptTo(address, _session, callback) {
      const at = address.address.lastIndexOf('@');
      if (at < 0 || address.address.slice(at + 1).toLowerCase() !== domain) {
        return callback(smtpError(`5.1.1 <${address.address}>: we only receive mail for @${domain}`, 550));
      }
      callback();
    },
    onData(stream, session, callback) {
      readStream(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) throw smtpError(`5.3.4 message larger than ${SMTP_MAX_BYTES} bytes`, 552);
          await deliver(raw, session);
        })
        .then(
          () => callback(),
          (error: Error & { responseCode?: number }) => {
            if (!error.responseCode) log(`inbound SMTP: ${String(error)}`);
            callback(error.responseCode ? error : smtpError('4.3.0 could not store the message, try again', 451));
          },
        );
    },
  });
  server.on('error', (error) => log(`inbound SMTP: ${String(error)}`));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return { host, port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};
