/**
 * Crash at every step of request numbering (a request raised through the API), of a reply (comment, notification),
 * of a transition with a comment, of the email channel (log claim, request, acknowledgement) and of the daily invitation cleanup. The retries are the real callers': the API client
 * sends the request again, SES invokes the inbound function again with the same message, the schedule runs the
 * cleanup again. Then the table checker finds nothing and there is one request, one acknowledgement at least (at
 * most one per invocation), one expiry and one removal.
 */
import { randomBytes } from 'node:crypto';
import { sweepExpiredInvitations } from '#domain/cleanup';
import { createCustomer } from '#domain/directory';
import { processInboundMail, type InboundMail } from '#domain/inbound-mail';
import { inviteCustomers } from '#domain/invitations';
import { defaultRequestTypeId } from '#domain/mail-senders';
import { addComment, performTransition } from '#domain/request-conversation';
import { listComments } from '#domain/request-history';
import { createRequest, findRequest } from '#domain/requests';
import { hashSecret } from '#domain/secrets';
import type { Caller } from '#model/caller';
import { mailDomain } from '#mail/ses';
import { getAccount, getEmailClaim } from '#store/accounts';
import { getInvitation, getInvitationIdByToken } from '#store/invitations';
import { getMailLog } from '#store/mail-log';
import { newestRequests } from '#store/requests';
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { adminCaller, crashEverywhere } from '#harness/crash';
import { createDesk, type Desk } from '#harness/desks';
import { linkToken } from '#harness/portal';

let app: TestApp;
let admin: Caller;
let desk: Desk;
let requestTypeId: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await adminCaller(app);
  desk = await createDesk(app, 'open');
  requestTypeId = (await defaultRequestTypeId(desk.id))!;
});
afterAll(() => app.close());
afterEach(() => jest.restoreAllMocks());

const DAY = 86_400_000;
const requestsSummarised = async (summary: string) => (await newestRequests({ kind: 'desk', deskId: desk.id }, 1000)).filter((r) => r.summary === summary);
const customer = async (): Promise<{ caller: Caller; email: string }> => {
  const account = await createCustomer(admin, { email: uniqueEmail('reporter'), displayName: 'Reporter' });
  return { caller: { kind: 'customer', accountId: account.accountId, email: account.email! }, email: account.email! };
};

it('raising a request through the API: one request, numbered once, confirmed by mail at most once', async () => {
  const { steps, problems } = await crashEverywhere({
    setUp: async () => ({ ...(await customer()), summary: `Printer ${randomBytes(4).toString('hex')}` }),
    run: (s) => createRequest(s.caller, { serviceDeskId: desk.id, requestTypeId, summary: s.summary, description: 'It is on fire' }, 'portal'),
    outcome: async (s) => {
      const [request, ...more] = await requestsSummarised(s.summary);
      expect(more).toHaveLength(0);
      // At most once: a crash before the send loses it, and the retry that finds the request does not send it again.
      expect((await app.inbox(s.email)).filter((m) => m.subject.includes(request!.issueKey)).length).toBeLessThanOrEqual(1);
    },
  });
  expect(steps.at(-1)).toBe('SesSendRawEmail');
  expect(problems).toEqual([]);
});

it('a request by email: one log entry, one request, an acknowledgement at least once and at most once per invocation', async () => {
  const { problems } = await crashEverywhere({
    setUp: async (): Promise<InboundMail & { from: string; summary: string }> => {
      const { email } = await customer();
      const summary = `Scanner ${randomBytes(4).toString('hex')}`;
      const address = `${desk.projectKey.toLowerCase()}@${mailDomain()}`;
      const raw = Buffer.from(`From: Reporter <${email}>\r\nTo: ${address}\r\nSubject: ${summary}\r\nMessage-ID: <${randomBytes(8).toString('hex')}@example.test>\r\n\r\nIt jams.\r\n`);
      const pass = 'PASS' as const;
      return { sesMessageId: randomBytes(20).toString('hex'), raw, recipients: [address], verdicts: { spam: pass, virus: pass, spf: pass, dkim: pass, dmarc: pass }, from: email, summary };
    },
    run: (mail) => processInboundMail(mail),
    outcome: async (mail) => {
      expect(await getMailLog(mail.sesMessageId)).toMatchObject({ status: 'done', outcome: 'accepted' });
      const [request, ...more] = await requestsSummarised(mail.summary);
      expect(more).toHaveLength(0);
      const acknowledgements = (await app.inbox(mail.from)).filter((m) => m.subject.includes(request!.issueKey));
      expect(acknowledgements.length).toBeGreaterThanOrEqual(1);
      expect(acknowledgements.length).toBeLessThanOrEqual(2);
    },
  });
  expect(problems).toEqual([]);
});

it("an agent's reply on a request: one comment, and the reporter notified at least once, at most once per call", async () => {
  const { problems } = await crashEverywhere({
    setUp: async () => {
      const reporter = await customer();
      const request = await createRequest(reporter.caller, { serviceDeskId: desk.id, requestTypeId, summary: 'Toner', description: 'Empty' }, 'portal');
      return { issueKey: request.issueKey, reporter: reporter.email, body: `Replaced ${randomBytes(4).toString('hex')}` };
    },
    run: (s) => addComment(admin, s.issueKey, { body: s.body, public: true }),
    outcome: async (s) => {
      const comments = (await listComments(admin, s.issueKey, { start: 0, limit: 100, public: true, internal: true })).values.filter((c) => c.body === s.body);
      expect(comments).toHaveLength(1);
      const notified = (await app.inbox(s.reporter)).filter((m) => (m.body.text ?? '').includes(s.body));
      expect(notified.length).toBeGreaterThanOrEqual(1);
      expect(notified.length).toBeLessThanOrEqual(2);
    },
  });
  expect(problems).toEqual([]);
});

it('an agent asking the customer, with a comment: the status changed once, one comment, the reporter notified', async () => {
  const { problems } = await crashEverywhere({
    setUp: async () => {
      const reporter = await customer();
      const request = await createRequest(reporter.caller, { serviceDeskId: desk.id, requestTypeId, summary: 'Stapler', description: 'Stuck' }, 'portal');
      return { issueKey: request.issueKey, reporter: reporter.email, body: `Which model? ${randomBytes(4).toString('hex')}` };
    },
    run: (s) => performTransition(admin, s.issueKey, '1', s.body),
    outcome: async (s) => {
      expect(await findRequest(s.issueKey)).toMatchObject({ status: 'Waiting for customer', version: 2 });
      expect((await listComments(admin, s.issueKey, { start: 0, limit: 100, public: true, internal: true })).values.filter((c) => c.body === s.body)).toHaveLength(1);
      const mails = await app.inbox(s.reporter);
      for (const what of [s.body, 'changed from "With the help desk" to "Waiting for you"']) {
        const notified = mails.filter((m) => (m.body.text ?? '').includes(what));
        expect(notified.length).toBeGreaterThanOrEqual(1);
        expect(notified.length).toBeLessThanOrEqual(2);
      }
    },
  });
  expect(problems).toEqual([]);
});

it('a transition made again after the request moved on is made again; one made twice in a row is made once', async () => {
  const reporter = await customer();
  const { issueKey } = await createRequest(reporter.caller, { serviceDeskId: desk.id, requestTypeId, summary: 'Fan', description: 'Loud' }, 'portal');
  await performTransition(reporter.caller, issueKey, '3', 'Fixed it myself');
  await performTransition(reporter.caller, issueKey, '3', 'Fixed it myself'); // a second click: answered as the first
  expect(await findRequest(issueKey)).toMatchObject({ status: 'Resolved', version: 2 });
  await performTransition(reporter.caller, issueKey, '5');
  await performTransition(reporter.caller, issueKey, '3', 'Fixed it myself');
  expect(await findRequest(issueKey)).toMatchObject({ status: 'Resolved', version: 4 });
  await expect(performTransition(reporter.caller, issueKey, '4')).rejects.toThrow('not available');
});

it('raising the same request twice within minutes gives one request; a different one is another', async () => {
  const { caller } = await customer();
  const input = { serviceDeskId: desk.id, requestTypeId, summary: `Twice ${randomBytes(4).toString('hex')}`, description: 'Same words' };
  const first = await createRequest(caller, input, 'portal');
  expect(await createRequest(caller, input, 'portal')).toEqual(first);
  expect((await createRequest(caller, { ...input, description: 'Other words' }, 'portal')).issueKey).not.toBe(first.issueKey);
  expect(await requestsSummarised(input.summary)).toHaveLength(2);
});

/** A pending invitation of a new address to the desk: its account is a placeholder. */
const pendingInvitation = async () => {
  const email = uniqueEmail('unaccepted');
  const [result] = await inviteCustomers(admin, { emails: [email], serviceDeskId: desk.id, expiresInDays: 7 });
  return { email, invitationId: result!.invitationId!, accountId: result!.accountId! };
};

it('the daily cleanup: the invitation expired once, its placeholder account removed with its desk link', async () => {
  const { problems } = await crashEverywhere({
    setUp: pendingInvitation,
    run: () => sweepExpiredInvitations({ now: new Date(Date.now() + 8 * DAY), config: { graceDays: 0, reminderDays: undefined } }),
    outcome: async (s) => {
      expect(await getInvitation(s.invitationId)).toMatchObject({ status: 'expired' });
      expect((await getInvitation(s.invitationId))?.removeAccountAfter).toBeUndefined();
      expect(await getAccount(s.accountId)).toBeUndefined();
      expect(await getEmailClaim(s.email)).toBeUndefined();
    },
  });
  expect(problems).toEqual([]);
});

it("the daily cleanup's reminder: the invitation still pending, and the newest mail's link works", async () => {
  const { problems } = await crashEverywhere({
    setUp: pendingInvitation,
    run: () => sweepExpiredInvitations({ now: new Date(Date.now() + 5 * DAY), config: { graceDays: 0, reminderDays: 3 } }),
    outcome: async (s) => {
      const inv = await getInvitation(s.invitationId);
      expect(inv).toMatchObject({ status: 'pending', reminderSentAt: expect.any(String) });
      const mails = await app.inbox(s.email);
      expect(mails.length).toBeLessThanOrEqual(3);
      expect(await getInvitationIdByToken(hashSecret(linkToken(mails.at(-1), 'invitation/accept')))).toBe(s.invitationId);
    },
  });
  expect(problems).toEqual([]);
});
