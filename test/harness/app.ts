/**
 * A test's own copy of the product: a fresh table in the shared DynamoDB Local and the local gateway (the one
 * `npm start` uses) on a free port, with a bootstrap admin. Tests talk to it over HTTP like any client.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBootstrapAdmin } from '#domain/staff';
import { newSecret } from '#domain/secrets';
import { startApi } from '#local/api';
import { ATTACHMENTS_BUCKET, INBOUND_BUCKET, INBOUND_PREFIX } from '#local/s3';
import { checkAnswer } from './answers';

export interface Credentials {
  email: string;
  token: string;
}

/** A customer's portal session. */
export interface Bearer {
  bearer: string;
}

/** One message the local SES received. */
export interface SentMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export interface CallOptions {
  body?: unknown;
  /** A raw body sent as is (for malformed JSON, oversized bodies, multipart uploads). */
  rawBody?: string | Buffer;
  /** Who calls: staff credentials, a portal session, or null for no Authorization header. Defaults to the admin. */
  as?: Credentials | Bearer | null;
  headers?: Record<string, string>;
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export const basic = (c: Credentials): string => `Basic ${Buffer.from(`${c.email}:${c.token}`).toString('base64')}`;

export interface TestApp {
  url: string;
  admin: Credentials;
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<Answer<T>>;
  createStaff(role: 'agent' | 'admin', email?: string): Promise<Credentials & { accountId: string }>;
  createCustomer(email?: string, displayName?: string): Promise<{ accountId: string; emailAddress: string }>;
  /** What the local SES received for this address, oldest first. */
  inbox(address: string): Promise<SentMail[]>;
  close(): Promise<void>;
}

export const uniqueEmail = (prefix = 'user'): string => `${prefix}.${randomUUID().slice(0, 8)}@example.test`;

export const startTestApp = async (): Promise<TestApp> => {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('TEST_DYNAMODB_ENDPOINT is not set: run the tests through jest (globalSetup)');
  const sesEndpoint = process.env.TEST_SES_ENDPOINT;
  if (!sesEndpoint) throw new Error('TEST_SES_ENDPOINT is not set: run the tests through jest (globalSetup)');
  process.env.SES_ENDPOINT = sesEndpoint;
  // Raw inbound messages: the local S3 of globalSetup, bucket and prefix as npm start sets them.
  if (process.env.TEST_S3_ENDPOINT) process.env.S3_ENDPOINT = process.env.TEST_S3_ENDPOINT;
  process.env.INBOUND_BUCKET = INBOUND_BUCKET;
  process.env.INBOUND_PREFIX = INBOUND_PREFIX;
  process.env.ATTACHMENTS_BUCKET = ATTACHMENTS_BUCKET;
  process.env.SESSION_SECRET = newSecret();
  process.env.PORTAL_URL ??= 'http://portal.test/portal';
  // Identity providers' client secrets: files of a folder of this run, as npm start keeps them in .data/.
  process.env.LOCAL_SECRETS_DIR ??= mkdtempSync(join(tmpdir(), 'sd-secrets-'));
  const api = await startApi({ port: 0, tableName: `test-${randomUUID()}`, dynamoEndpoint: endpoint });
  const admin = { email: 'admin@example.test', token: newSecret() };
  await ensureBootstrapAdmin(admin.email, admin.token);

  const call = async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...options.headers };
    const who = options.as === undefined ? admin : options.as;
    if (who) headers.authorization = 'bearer' in who ? `Bearer ${who.bearer}` : basic(who);
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    // Redirects (attachment downloads answer 303) are answers to assert on, not to follow.
    const response = await fetch(`${api.url}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    checkAnswer(method, path, response.status, parsed);
    return { status: response.status, body: parsed, headers: response.headers };
  };

  return {
    url: api.url,
    admin,
    call,
    createStaff: async (role, email = uniqueEmail(role)) => {
      const answer = await call('POST', '/rest/admin/1/staff', { body: { email, displayName: `The ${role}`, role } });
      if (answer.status !== 201) throw new Error(`createStaff: ${answer.status} ${JSON.stringify(answer.body)}`);
      return { email, token: answer.body.apiToken, accountId: answer.body.accountId };
    },
    createCustomer: async (email = uniqueEmail(), displayName = 'A Customer') => {
      const answer = await call('POST', '/rest/servicedeskapi/customer', { body: { email, displayName } });
      if (answer.status !== 201) throw new Error(`createCustomer: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    inbox: async (address) => {
      const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: SentMail[] };
      const wanted = address.toLowerCase();
      return store.emails.filter((m) => m.destination.to.some((to) => to.toLowerCase().includes(wanted)));
    },
    close: api.close,
  };
};

/** Asserts the JSM error shape and returns the message. */
export const expectJsmError = (answer: Answer, status: number): string => {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({
    errorMessage: expect.any(String),
    i18nErrorMessage: { i18nKey: expect.any(String), parameters: expect.any(Array) },
  });
  return answer.body.errorMessage as string;
};
