/**
 * The email channel against real-world shapes: every fixture under test/mail-fixtures, each written the way the
 * client or server it names writes mail, is delivered as SES would deliver it and gives the outcome in
 * test/mail-fixtures/expected.json: the mail-log entry, the requests, comments and participants it made, the status
 * of the request it answers, and the acknowledgements the local SES received (or not).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mailDomain } from '#mail/ses';
import { startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { createDesk, type Desk } from '#harness/desks';
import { FIXTURES, PASS, deliver, deskAddress, deskRequests, fieldOf, fixture, mailLog, sesMessageId, senderFor, type SenderKind } from '#harness/mail';
import type { Verdicts } from '#domain/inbound-filters';
import expectedJson from './mail-fixtures/expected.json';

interface Expectation {
  /** The client or server whose mail the fixture imitates. */
  client: string;
  desk?: 'open' | 'restricted';
  /** A second open desk, {{DESK2}}: a message to both makes a request on each. */
  secondDesk?: boolean;
  /** The desk's ccParticipants switch is off. */
  ccOff?: boolean;
  sender?: SenderKind;
  /** The From address when the fixture has its own (a bounce, a loop), rather than the test's sender; placeholders are filled in. */
  from?: string;
  /** SES received the message for `<desk>+<tag>@` ({{DESK_PLUS}}). */
  plusTag?: string;
  /** Another desk exists, not addressed: {{OTHER_DESK}} is its address with a plus-tag. */
  otherDesk?: boolean;
  /** The sender's address is at the mail domain (a person of the organization whose domain receives the desks' mail). */
  senderAtMailDomain?: boolean;
  /** SES's mail.source, the envelope sender ('' for MAIL FROM:<>); by default the sender. */
  source?: string;
  verdicts?: Partial<Verdicts>;
  /**
   * A request the message may answer: made through the API ({{KEY}}, {{ISSUE_ID}}), or by an email
   * ({{SEED_ID}}: the customer's Message-ID) that was acknowledged ({{ACK_SES_ID}}) and commented on by the desk
   * ({{NOTE_SES_ID}}: the notification's SES message id).
   */
  existingRequest?: boolean | 'email';
  /** The request waits for the customer before the message arrives. */
  waitingForCustomer?: boolean;
  deliveries?: number;
  padToBytes?: number;
  outcome: 'accepted' | 'commented' | 'rejected' | 'ignored';
  reason: string;
  /** New requests on each desk the message was sent to. */
  createsRequest: boolean;
  createsAccount?: boolean;
  /** Comments the message added to the existing request. */
  comments: number;
  comment?: string;
  commentExcludes?: string;
  /** Acknowledgements the sender received: one per new request. */
  acknowledgement: boolean;
  summary?: string;
  description?: string;
  descriptionExcludes?: string;
  /** Participants of the new request ({{CC_CUSTOMER}} may use the desk, {{CC_STRANGER}} has no account, {{CC_OUTSIDER}} may not). */
  participants?: number;
  status?: string;
}

const expected = expectedJson as Record<string, Expectation>;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const requestOf = async (key: string) => (await app.call('GET', `/rest/servicedeskapi/request/${key}`)).body as Record<string, any>;
const commentsOf = async (key: string) => (await app.call('GET', `/rest/servicedeskapi/request/${key}/comment?limit=100`)).body.values as Array<Record<string, any>>;

/** A request raised through the API, or by an email that was acknowledged and then commented on by the desk. */
const existingRequest = async (kind: true | 'email', desk: Desk, sender: { email: string; accountId?: string }, values: Record<string, string>) => {
  let request: Record<string, any>;
  if (kind === 'email') {
    values.SEED_ID = `${randomUUID()}@mail.gmail.com`;
    const seed = [`From: Ada Customer <${sender.email}>`, `To: ${deskAddress(desk)}`, 'Subject: Printer on fire', `Message-ID: <${values.SEED_ID}>`, '', 'Smoke everywhere.', ''];
    const made = await deliver(Buffer.from(seed.join('\r\n')), desk);
    request = await requestOf(made.entry.issueKey!);
    const comment = await app.call('POST', `/rest/servicedeskapi/request/${request.issueKey}/comment`, { body: { body: 'Is it still burning?', public: true } });
    expect(comment.status).toBe(201);
    const [ack, note] = await app.inbox(sender.email);
    values.ACK_SES_ID = ack!.messageId;
    values.NOTE_SES_ID = note!.messageId;
  } else {
    const typeId = (await app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`)).body.values[0].id;
    const answer = await app.call('POST', '/rest/servicedeskapi/request', {
      body: { serviceDeskId: desk.id, requestTypeId: typeId, raiseOnBehalfOf: sender.accountId, requestFieldValues: { summary: 'Printer on fire', description: 'Smoke' } },
    });
    expect(answer.status).toBe(201);
    request = answer.body;
  }
  values.KEY = request.issueKey;
  values.ISSUE_ID = request.issueId;
  return request;
};

it('the corpus holds at least 60 real-world shapes, each .eml with its expected outcome', () => {
  expect(Object.keys(expected).length).toBeGreaterThanOrEqual(60);
  expect(readdirSync(FIXTURES).filter((f) => f.endsWith('.eml')).sort()).toEqual(Object.keys(expected).sort());
});

/** What happens to the mail, as a reader of the test report would say it: "An out-of-office responder ... is ignored as automatic". */
const behaviour = (want: Expectation): string => {
  const what = {
    accepted: `becomes ${want.secondDesk ? 'a new request on each desk' : 'a new request'}${(want.deliveries ?? 1) > 1 ? ', once' : ''}${want.createsAccount ? ' from a new customer' : ''}${want.participants ? ` with ${want.participants} participant${want.participants > 1 ? 's' : ''}` : ''}`,
    commented: `becomes ${want.comments > 1 ? `${want.comments} comments` : 'a comment'} on the request it answers${want.status ? ` (now ${want.status})` : ''}`,
    ignored: `is ignored as automatic or bulk mail (${want.reason}), unanswered`,
    rejected: `is refused (${want.reason}), unanswered`,
  }[want.outcome];
  return `${want.client} ${what}`;
};

describe('every real-world shape of mail gives its expected outcome', () => {
  it.each(Object.entries(expected).map(([file, want]) => [behaviour(want), file, want] as const))('%s', async (_behaviour, file, want) => {
    const desk = await createDesk(app, want.desk ?? 'open');
    if (want.ccOff) expect((await app.call('PATCH', `/rest/admin/1/servicedesk/${desk.id}`, { body: { ccParticipants: false } })).body.ccParticipants).toBe(false);
    const desk2 = want.secondDesk ? await createDesk(app, 'open') : undefined;
    const ownEmail = want.senderAtMailDomain ? uniqueEmail('colleague').replace(/@.*/, `@${mailDomain()}`) : undefined;
    const sender = await senderFor(app, want.sender, want.desk === 'restricted' && want.sender !== 'unknown' ? desk : undefined, ownEmail);
    const values: Record<string, string> = { DESK: deskAddress(desk), CUSTOMER: sender.email, MAIL_DOMAIN: mailDomain(), CC_STRANGER: uniqueEmail('stranger') };
    if (desk2) values.DESK2 = deskAddress(desk2);
    if (want.plusTag) values.DESK_PLUS = deskAddress(desk).replace('@', `+${want.plusTag}@`);
    if (want.otherDesk) values.OTHER_DESK = deskAddress(await createDesk(app, 'open')).replace('@', '+orders@');
    const from = want.from?.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '') ?? sender.email;
    values.CC_CUSTOMER = (await senderFor(app, 'customer', want.desk === 'restricted' ? desk : undefined)).email;
    values.CC_OUTSIDER = (await senderFor(app, 'customer')).email;
    const existing = want.existingRequest ? await existingRequest(want.existingRequest, desk, sender, values) : undefined;
    if (existing && want.waitingForCustomer) {
      expect((await app.call('POST', `/rest/servicedeskapi/request/${existing.issueKey}/transition`, { body: { id: '1' } })).status).toBe(204);
    }
    const commentsBefore = new Set(existing ? (await commentsOf(existing.issueKey)).map((c) => c.id) : []);
    const inboxBefore = (await app.inbox(from)).length;

    const raw = fixture(file, values, want.padToBytes);
    const id = sesMessageId();
    const recipients = [values.DESK_PLUS ?? deskAddress(desk), ...(desk2 ? [deskAddress(desk2)] : [])];
    const source = want.source ?? from;
    for (let i = 0; i < (want.deliveries ?? 1); i += 1) {
      const result = await deliver(raw, desk, { sesMessageId: id, recipients, source, verdicts: { ...PASS, ...want.verdicts } });
      expect(result.duplicate).toBe(i > 0);
    }

    // The mail log: one entry per desk, its outcome and reason.
    const entries = (await mailLog(app, `&outcome=${want.outcome}`)).filter((e) => e.id === id || e.id.startsWith(`${id}.`));
    expect(entries).toHaveLength(want.createsRequest && desk2 ? 2 : 1);
    const entry = entries.find((e) => e.id === id)!;
    expect(entry).toMatchObject({ outcome: want.outcome, from });
    expect(entry.reason).toContain(want.reason);

    // Requests: one on each desk the message was sent to.
    for (const d of desk2 ? [desk, desk2] : [desk]) {
      const created = (await deskRequests(app, d)).filter((r) => r.issueKey !== existing?.issueKey);
      expect(created).toHaveLength(want.createsRequest ? 1 : 0);
      if (!want.createsRequest) continue;
      const request = created[0]!;
      expect(entries.map((e) => e.issueKey)).toContain(request.issueKey);
      expect(request).toMatchObject({ channel: 'email', reporter: { emailAddress: sender.email } });
      if (want.summary) expect(fieldOf(request, 'summary')).toBe(want.summary);
      if (want.description) expect(fieldOf(request, 'description')).toContain(want.description);
      if (want.descriptionExcludes) expect(fieldOf(request, 'description')).not.toContain(want.descriptionExcludes);
      if (want.participants !== undefined) {
        const participants = (await app.call('GET', `/rest/servicedeskapi/request/${request.issueKey}/participant`)).body.values as Array<Record<string, any>>;
        expect(participants.map((p) => p.emailAddress)).toEqual(want.participants ? [values.CC_CUSTOMER] : []);
      }
    }
    if (existing) {
      // Comment ids are not in time order (sharded counter): the new ones are those not there before.
      const added = (await commentsOf(existing.issueKey)).filter((c) => !commentsBefore.has(c.id));
      expect(added).toHaveLength(want.comments);
      if (want.comment) expect(added[0]!.body).toContain(want.comment);
      if (want.commentExcludes) expect(added[0]!.body).not.toContain(want.commentExcludes);
      if (want.comments > 0) expect(entry.issueKey).toBe(existing.issueKey);
      if (want.status) expect((await requestOf(existing.issueKey)).currentStatus.status).toBe(want.status);
    }

    // Accounts: an unknown sender gets one only on an open desk; nobody in Cc ever gets one.
    const accountsOf = async (email: string) => (await app.call('GET', `/rest/admin/1/customer?query=${encodeURIComponent(email)}`)).body.values;
    if (want.sender === 'unknown') expect(await accountsOf(sender.email)).toHaveLength(want.createsAccount ? 1 : 0);
    expect(await accountsOf(values.CC_STRANGER!)).toHaveLength(0);

    // One acknowledgement per new request; nothing for anything else, and nothing to anyone in Cc.
    const inbox = (await app.inbox(from)).slice(inboxBefore);
    expect(inbox).toHaveLength(want.acknowledgement ? (desk2 ? 2 : 1) : 0);
    if (want.acknowledgement) expect(inbox[0]!.subject).toMatch(/^\[[A-Z]+-\d+\] /);
    expect(await app.inbox(values.CC_CUSTOMER!)).toHaveLength(0);
  });
});
