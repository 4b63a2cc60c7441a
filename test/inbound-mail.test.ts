/**
 * The email channel: every fixture under test/mail-fixtures is delivered as SES would deliver it, and gives the
 * outcome in test/mail-fixtures/expected.json: the mail-log entry, the requests and comments it made, and the
 * acknowledgement the local SES received (or not).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processInboundMail, type InboundMail, type InboundResult } from '#domain/inbound-mail';
import type { Verdicts } from '#domain/inbound-filters';
import { mailDomain } from '#mail/ses';
import { dynamo } from '#store/client';
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { createAgent, createDesk, type Desk } from '#harness/desks';

interface Expectation {
  desk?: 'open' | 'restricted';
  sender?: 'customer' | 'unknown' | 'suspended';
  /** The From address when the fixture has its own (a bounce), rather than the test's sender. */
  from?: string;
  verdicts?: Partial<Verdicts>;
  existingRequest?: boolean;
  deliveries?: number;
  padToBytes?: number;
  outcome: 'accepted' | 'commented' | 'rejected' | 'ignored';
  reason: string;
  createsRequest: boolean;
  createsAccount?: boolean;
  comments: number;
  comment?: string;
  acknowledgement: boolean;
  summary?: string;
  description?: string;
}

const FIXTURES = join(__dirname, 'mail-fixtures');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expectation>;
const PASS: Verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const deskAddress = (desk: Desk) => `${desk.projectKey.toLowerCase()}@${mailDomain()}`;
const sesMessageId = () => randomBytes(20).toString('hex');

/** A fixture with its placeholders filled in; an unknown placeholder fails the test. */
const fixture = (name: string, values: Record<string, string>, padToBytes?: number): Buffer => {
  const text = readFileSync(join(FIXTURES, name), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${name}: no value for {{${key}}}`);
    return value;
  });
  const raw = Buffer.from(text, 'utf8');
  if (!padToBytes) return raw;
  const line = `${'x'.repeat(76)}\r\n`;
  return Buffer.concat([raw, Buffer.from(line.repeat(Math.ceil((padToBytes - raw.length) / line.length)))]);
};

const deliver = (raw: Buffer, desk: Desk, options: Partial<InboundMail> = {}): Promise<InboundResult> =>
  processInboundMail({ sesMessageId: sesMessageId(), raw, recipients: [deskAddress(desk)], verdicts: PASS, ...options });

const mailLog = async (query = ''): Promise<Array<Record<string, any>>> => {
  const answer = await app.call('GET', `/rest/admin/1/mail?limit=100${query}`);
  expect(answer.status).toBe(200);
  return answer.body.values;
};

const deskRequests = async (desk: Desk) =>
  (await app.call('GET', `/rest/servicedeskapi/request?requestOwnership=ALL_REQUESTS&serviceDeskId=${desk.id}&limit=100`)).body.values as Array<Record<string, any>>;

const fieldOf = (request: Record<string, any>, fieldId: string): string =>
  request.requestFieldValues.find((f: { fieldId: string }) => f.fieldId === fieldId).value;

/** The sender the fixture asks for: a customer of the desk, an address nobody has, or a suspended customer. */
const senderFor = async (kind: Expectation['sender']): Promise<{ email: string; accountId?: string }> => {
  const email = uniqueEmail(kind ?? 'customer');
  if (kind === 'unknown') return { email };
  const customer = await app.createCustomer(email, 'Ada Customer');
  if (kind === 'suspended') {
    const answer = await app.call('PUT', `/rest/servicedeskapi/customer/user/${customer.accountId}/revoke-portal-only-access`);
    expect(answer.status).toBe(204);
  }
  return { email, accountId: customer.accountId };
};

describe('every fixture gives its expected outcome', () => {
  it.each(Object.entries(expected))('%s', async (file, want) => {
    const desk = await createDesk(app, want.desk ?? 'open');
    const sender = await senderFor(want.sender);
    const values: Record<string, string> = { DESK: deskAddress(desk), CUSTOMER: sender.email, MAIL_DOMAIN: mailDomain() };
    let existing: Record<string, any> | undefined;
    if (want.existingRequest) {
      const typeId = (await app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`)).body.values[0].id;
      const answer = await app.call('POST', '/rest/servicedeskapi/request', {
        body: { serviceDeskId: desk.id, requestTypeId: typeId, raiseOnBehalfOf: sender.accountId, requestFieldValues: { summary: 'Printer on fire', description: 'Smoke' } },
      });
      expect(answer.status).toBe(201);
      existing = answer.body;
      values.KEY = answer.body.issueKey;
      values.ISSUE_ID = answer.body.issueId;
    }
    const raw = fixture(file, values, want.padToBytes);
    const id = sesMessageId();
    const results: InboundResult[] = [];
    for (let i = 0; i < (want.deliveries ?? 1); i += 1) {
      results.push(await deliver(raw, desk, { sesMessageId: id, verdicts: { ...PASS, ...want.verdicts } }));
    }
    expect(results.map((r) => r.duplicate)).toEqual(results.map((_, i) => i > 0));

    // The mail log: one entry, its outcome and reason.
    const entries = (await mailLog(`&outcome=${want.outcome}`)).filter((e) => e.id === id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: want.outcome, from: want.from ?? sender.email, subject: expect.any(String) });
    expect(entries[0]!.reason).toContain(want.reason);

    // Requests and comments.
    const requests = await deskRequests(desk);
    const created = requests.filter((r) => r.issueKey !== existing?.issueKey);
    expect(created).toHaveLength(want.createsRequest ? 1 : 0);
    if (want.createsRequest) {
      const request = created[0]!;
      expect(entries[0]!.issueKey).toBe(request.issueKey);
      expect(request.channel).toBe('email');
      expect(request.reporter.emailAddress).toBe(sender.email);
      if (want.summary) expect(fieldOf(request, 'summary')).toBe(want.summary);
      if (want.description) expect(fieldOf(request, 'description')).toContain(want.description);
    }
    if (existing) {
      const comments = (await app.call('GET', `/rest/servicedeskapi/request/${existing.issueKey}/comment`)).body.values;
      expect(comments).toHaveLength(want.comments);
      if (want.comment) expect(comments[0].body).toContain(want.comment);
      if (want.comments > 0) expect(entries[0]!.issueKey).toBe(existing.issueKey);
    }

    // Accounts: an unknown sender gets one only on an open desk.
    if (want.sender === 'unknown') {
      const found = (await app.call('GET', `/rest/admin/1/customer?query=${encodeURIComponent(sender.email)}`)).body.values;
      expect(found).toHaveLength(want.createsAccount ? 1 : 0);
    }

    // One acknowledgement for a new request; nothing for anything else.
    const inbox = await app.inbox(want.from ?? sender.email);
    expect(inbox).toHaveLength(want.acknowledgement ? 1 : 0);
    if (want.acknowledgement) expect(inbox[0]!.subject).toBe(`[${created[0]!.issueKey}] ${fieldOf(created[0]!, 'summary')}`);
  });
});

describe('the mail log (GET /rest/admin/1/mail)', () => {
  it('lists messages newest first, filtered by outcome, for admins only', async () => {
    const desk = await createDesk(app, 'open');
    const sender = await senderFor('customer');
    const values = { DESK: deskAddress(desk), CUSTOMER: sender.email, MAIL_DOMAIN: mailDomain() };
    const first = await deliver(fixture('plain-new-request.eml', values), desk);
    const second = await deliver(fixture('out-of-office.eml', values), desk);
    const ids = (await mailLog()).map((e) => e.id);
    expect(ids.indexOf(second.entry.id)).toBeLessThan(ids.indexOf(first.entry.id));
    expect(ids.indexOf(second.entry.id)).toBeGreaterThanOrEqual(0);
    const ignored = await mailLog('&outcome=ignored');
    expect(ignored.every((e) => e.outcome === 'ignored')).toBe(true);
    expect(ignored.map((e) => e.id)).toContain(second.entry.id);
    expect(ignored.map((e) => e.id)).not.toContain(first.entry.id);
    const agent = await createAgent(app, desk);
    expectJsmError(await app.call('GET', '/rest/admin/1/mail', { as: agent }), 403);
  });
});

describe('accepting a refused message (POST /rest/admin/1/mail/{id}/accept)', () => {
  it('turns an unknown sender refused by a restricted desk into a request, once', async () => {
    const desk = await createDesk(app, 'restricted');
    const email = uniqueEmail('stranger');
    const refused = await deliver(fixture('unknown-sender-restricted-desk.eml', { DESK: deskAddress(desk), CUSTOMER: email }), desk);
    expect(refused.entry.outcome).toBe('rejected');
    expect(await deskRequests(desk)).toHaveLength(0);

    const answer = await app.call('POST', `/rest/admin/1/mail/${refused.entry.id}/accept`);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ issueKey: `${desk.projectKey}-1`, serviceDeskId: desk.id, channel: 'email', reporter: { emailAddress: email } });
    expect(fieldOf(answer.body, 'summary')).toBe('Let me in');
    expect((await deskRequests(desk)).map((r) => r.issueKey)).toEqual([`${desk.projectKey}-1`]);
    const entry = (await mailLog('&outcome=accepted')).find((e) => e.id === refused.entry.id);
    expect(entry).toMatchObject({ outcome: 'accepted', issueKey: `${desk.projectKey}-1` });
    expect(entry!.reason).toContain('after review');

    expectJsmError(await app.call('POST', `/rest/admin/1/mail/${refused.entry.id}/accept`), 409);
    expect(await deskRequests(desk)).toHaveLength(1);
  });

  it('never accepts an ignored message (an auto-reply), and answers 404 for an unknown id', async () => {
    const desk = await createDesk(app, 'open');
    const sender = await senderFor('customer');
    const ignored = await deliver(fixture('out-of-office.eml', { DESK: deskAddress(desk), CUSTOMER: sender.email }), desk);
    expect(ignored.entry.outcome).toBe('ignored');
    expectJsmError(await app.call('POST', `/rest/admin/1/mail/${ignored.entry.id}/accept`), 400);
    expect(await deskRequests(desk)).toHaveLength(0);
    expect(await app.inbox(sender.email)).toHaveLength(0);
    expectJsmError(await app.call('POST', `/rest/admin/1/mail/${sesMessageId()}/accept`), 404);
  });
});

describe('idempotency', () => {
  it('two deliveries of the same message at once make one request and one acknowledgement', async () => {
    const desk = await createDesk(app, 'open');
    const email = uniqueEmail('racer');
    const raw = fixture('unknown-sender-open-desk.eml', { DESK: deskAddress(desk), CUSTOMER: email });
    const id = sesMessageId();
    const results = await Promise.all([deliver(raw, desk, { sesMessageId: id }), deliver(raw, desk, { sesMessageId: id })]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await deskRequests(desk)).toHaveLength(1);
    expect(await app.inbox(email)).toHaveLength(1);
  });
});

/**
 * Fault injection: the `n`th DynamoDB transaction from now fails, before it reaches the table or after it committed
 * (the Lambda dying at either point). The first transaction of a message is its mail-log claim.
 */
const crashOnTransaction = (n: number, when: 'before' | 'after') => {
  const client = dynamo();
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  let seen = 0;
  return jest.spyOn(client, 'send').mockImplementation((async (command: { constructor: { name: string } }) => {
    if (command.constructor.name !== 'TransactWriteCommand' || ++seen !== n) return send(command);
    if (when === 'after') await send(command);
    throw new Error(`injected crash ${when} transaction ${n}`);
  }) as never);
};

describe('a retry after a crash', () => {
  const setup = async () => {
    const desk = await createDesk(app, 'open');
    const sender = await senderFor('customer');
    const raw = fixture('plain-new-request.eml', { DESK: deskAddress(desk), CUSTOMER: sender.email });
    return { desk, sender, raw, id: sesMessageId() };
  };

  it('finishes the message when the first attempt died before creating the request', async () => {
    const { desk, sender, raw, id } = await setup();
    const crash = crashOnTransaction(2, 'before');
    await expect(deliver(raw, desk, { sesMessageId: id })).rejects.toThrow('injected crash');
    crash.mockRestore();
    expect(await deskRequests(desk)).toHaveLength(0);

    const retry = await deliver(raw, desk, { sesMessageId: id });
    expect(retry).toMatchObject({ duplicate: false, entry: { outcome: 'accepted', issueKey: `${desk.projectKey}-1` } });
    expect(await deskRequests(desk)).toHaveLength(1);
    expect(await app.inbox(sender.email)).toHaveLength(1);
  });

  it('does not create the request twice when the first attempt died after creating it', async () => {
    const { desk, raw, id } = await setup();
    const crash = crashOnTransaction(2, 'after');
    await expect(deliver(raw, desk, { sesMessageId: id })).rejects.toThrow('injected crash');
    crash.mockRestore();

    const retry = await deliver(raw, desk, { sesMessageId: id });
    expect(retry).toMatchObject({ duplicate: true, entry: { outcome: 'accepted', issueKey: `${desk.projectKey}-1` } });
    expect(await deskRequests(desk)).toHaveLength(1);
  });
});
