/**
 * Setup for the email-channel tests: .eml fixtures with their placeholders filled in, delivered as SES delivers
 * them (processInboundMail with SES's verdicts and recipients), and reading the outcome through the public API.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processInboundMail, type InboundMail, type InboundResult } from '#domain/inbound-mail';
import type { Verdicts } from '#domain/inbound-filters';
import { mailDomain } from '#mail/ses';
import { uniqueEmail, type TestApp } from '#harness/app';
import type { Desk } from '#harness/desks';
import { INBOUND_BUCKET, INBOUND_PREFIX } from '#local/s3';
import { startSmtpListener, type InboundDelivery, type InboundHandler } from '#local/smtp';

export const FIXTURES = join(__dirname, '..', 'mail-fixtures');
export const PASS: Verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

export const deskAddress = (desk: Desk) => `${desk.projectKey.toLowerCase()}@${mailDomain()}`;
export const sesMessageId = () => randomBytes(20).toString('hex');

/**
 * A fixture with its placeholders filled in; an unknown placeholder fails the test. Read and written as latin1, so
 * the fixture's bytes (raw 8-bit text in any charset) reach the parser unchanged.
 */
export const fixture = (name: string, values: Record<string, string>, padToBytes?: number): Buffer => {
  const text = readFileSync(join(FIXTURES, name), 'latin1').replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${name}: no value for {{${key}}}`);
    return value;
  });
  const raw = Buffer.from(text, 'latin1');
  if (!padToBytes) return raw;
  const line = `${'x'.repeat(76)}\r\n`;
  return Buffer.concat([raw, Buffer.from(line.repeat(Math.ceil((padToBytes - raw.length) / line.length)))]);
};

export const deliver = (raw: Buffer, desk: Desk, options: Partial<InboundMail> = {}): Promise<InboundResult> =>
  processInboundMail({ sesMessageId: sesMessageId(), raw, recipients: [deskAddress(desk)], verdicts: PASS, ...options });

export const mailLog = async (app: TestApp, query = ''): Promise<Array<Record<string, any>>> => {
  const answer = await app.call('GET', `/rest/admin/1/mail?limit=100${query}`);
  expect(answer.status).toBe(200);
  return answer.body.values;
};

export const deskRequests = async (app: TestApp, desk: Desk) =>
  (await app.call('GET', `/rest/servicedeskapi/request?requestOwnership=ALL_REQUESTS&serviceDeskId=${desk.id}&limit=100`)).body.values as Array<Record<string, any>>;

export const fieldOf = (request: Record<string, any>, fieldId: string): string =>
  request.requestFieldValues.find((f: { fieldId: string }) => f.fieldId === fieldId).value;

export type SenderKind = 'customer' | 'unknown' | 'suspended';

/** A customer (of the desk, when it is restricted), an address nobody has, or a suspended customer. */
export const senderFor = async (app: TestApp, kind: SenderKind = 'customer', desk?: Desk, email = uniqueEmail(kind)): Promise<{ email: string; accountId?: string }> => {
  if (kind === 'unknown') return { email };
  const customer = await app.createCustomer(email, 'Ada Customer');
  if (desk) {
    const added = await app.call('POST', `/rest/servicedeskapi/servicedesk/${desk.id}/customer`, { body: { accountIds: [customer.accountId] } });
    expect(added.status).toBe(204);
  }
  if (kind === 'suspended') {
    const answer = await app.call('PUT', `/rest/servicedeskapi/customer/user/${customer.accountId}/revoke-portal-only-access`);
    expect(answer.status).toBe(204);
  }
  return { email, accountId: customer.accountId };
};

/**
 * The local SMTP listener (what SES receiving is in AWS) on a free port, feeding `handler` (the inbound function's by
 * default), and a promise of the next message it handed over.
 */
export const listenSmtp = async (mailDomain: string, handler?: InboundHandler) => {
  let waiting: Array<(d: InboundDelivery) => void> = [];
  const smtp = await startSmtpListener({
    port: 0,
    mailDomain,
    bucket: INBOUND_BUCKET,
    prefix: INBOUND_PREFIX,
    ...(handler ? { handler } : {}),
    onMessage: (d) => {
      const arrived = waiting;
      waiting = [];
      for (const resolve of arrived) resolve(d);
    },
    log: () => undefined,
  });
  return { smtp, nextDelivery: () => new Promise<InboundDelivery>((resolve) => waiting.push(resolve)) };
};
