/**
 * The email channel's machinery: the mail log, an admin's review of a refused or ignored message, idempotency by SES
 * message id, and retries after a crash. What each real-world message comes to is test/mail-corpus.test.ts.
 */
import { ses, SesError } from '#mail/ses';
import { dynamo } from '#store/client';
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { createAgent, createDesk } from '#harness/desks';
import { deliver as deliverTo, deskAddress, deskRequests as requestsOf, fieldOf, fixture, mailLog as logOf, senderFor as senderOf, sesMessageId } from '#harness/mail';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const deliver = deliverTo;
const mailLog = (query = '') => logOf(app, query);
const deskRequests = (desk: Parameters<typeof requestsOf>[1]) => requestsOf(app, desk);
const senderFor = (kind?: Parameters<typeof senderOf>[1]) => senderOf(app, kind);

describe('the mail log (GET /rest/admin/1/mail)', () => {
  it('lists messages newest first, filtered by outcome, for admins only', async () => {
    const desk = await createDesk(app, 'open');
    const sender = await senderFor('customer');
    const values = { DESK: deskAddress(desk), CUSTOMER: sender.email };
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

describe('accepting a refused or ignored message (POST /rest/admin/1/mail/{id}/accept)', () => {
  it('turns an unknown sender refused by a restricted desk into a request, once, and confirms it to them by mail', async () => {
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
    expect((await app.inbox(email)).map((m) => m.subject)).toEqual([`[${desk.projectKey}-1] Let me in`]);
  });

  it('accepts an ignored message after review (an auto-reply judged wrongly), once; answers 404 for an unknown id', async () => {
    const desk = await createDesk(app, 'open');
    const sender = await senderFor('customer');
    const ignored = await deliver(fixture('out-of-office.eml', { DESK: deskAddress(desk), CUSTOMER: sender.email }), desk);
    expect(ignored.entry).toMatchObject({ outcome: 'ignored', serviceDeskId: desk.id });
    expect(await deskRequests(desk)).toHaveLength(0);

    const answer = await app.call('POST', `/rest/admin/1/mail/${ignored.entry.id}/accept`);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ serviceDeskId: desk.id, reporter: { emailAddress: sender.email } });
    const entry = (await mailLog('&outcome=accepted')).find((e) => e.id === ignored.entry.id);
    expect(entry!.reason).toContain('was ignored');
    expectJsmError(await app.call('POST', `/rest/admin/1/mail/${ignored.entry.id}/accept`), 409);
    expect(await deskRequests(desk)).toHaveLength(1);
    // Nothing automatic ever answers it, on review either.
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
    // The crashed attempt had taken number 1 from the desk's counter: the retry's request is number 2 (a gap, never
    // a double).
    expect(retry).toMatchObject({ duplicate: false, entry: { outcome: 'accepted', issueKey: `${desk.projectKey}-2` } });
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

describe('an acknowledgement SES refuses for good', () => {
  it('is marked refused, and the message is not retried for it', async () => {
    const desk = await createDesk(app, 'open');
    const sender = await senderFor('customer');
    const refusal = jest.spyOn(ses, 'call').mockRejectedValue(new SesError('MessageRejected', 'Email address is on the suppression list', 400));
    const result = await deliver(fixture('plain-new-request.eml', { DESK: deskAddress(desk), CUSTOMER: sender.email }), desk);
    refusal.mockRestore();
    expect(result.entry).toMatchObject({ outcome: 'accepted', acknowledgement: 'refused' });
    expect((await mailLog()).find((e) => e.id === result.entry.id)).toMatchObject({ outcome: 'accepted' });
    expect(await deskRequests(desk)).toHaveLength(1);
  });
});
