/** Portal invitations through the local SES, accepted through the portal API. */
import { acceptInvitation } from '#domain/invitation-acceptance';
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { createAgent, createDesk, deskCustomersOf, expectForbiddenOrHidden, uniqueName } from '#harness/desks';
import { PASSWORD, accept, invitationsOf, invite, inviteOne, lastMail, linkToken, getMe, myDeskIds, signIn, type Invitation } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const DAY_MS = 86_400_000;
const tokenFrom = (text: string | undefined): string => {
  const match = /invitation\/accept\?token=([A-Za-z0-9_%-]+)/.exec(text ?? '');
  if (!match?.[1]) throw new Error(`no invitation link in: ${text}`);
  return decodeURIComponent(match[1]);
};
const resend = (id: string, options = {}) => app.call('POST', `/rest/admin/1/invitation/${id}/resend`, options);
const revoke = (id: string, options = {}) => app.call('DELETE', `/rest/admin/1/invitation/${id}`, options);
/** The answer to a token nobody was ever given: every unusable token must get exactly this. */
const madeUpTokenAnswer = async () => {
  const answer = await accept(app, 'a-token-nobody-was-ever-given');
  expectJsmError(answer, 400);
  return answer.body;
};
const pendingInvitation = async (id: string): Promise<Invitation | undefined> => (await invitationsOf(app, 'status=pending')).find((i) => i.id === id);

describe('inviting customers (POST /rest/admin/1/invitation)', () => {
  it('gives each email its outcome and sends exactly one mail, whose link signs the customer in', async () => {
    const fresh = uniqueEmail('fresh');
    const active = await app.createCustomer();
    const answer = await app.call('POST', '/rest/admin/1/invitation', { body: { emails: [fresh, 'not an email', active.emailAddress] } });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      { email: fresh, outcome: 'invited', accountId: expect.any(String), invitationId: expect.any(String), mailed: true },
      { email: 'not an email', outcome: 'invalid' },
      { email: active.emailAddress, outcome: 'already-active', accountId: active.accountId },
    ]);
    const mails = await app.inbox(fresh);
    expect(mails).toHaveLength(1);
    expect(await app.inbox(active.emailAddress)).toHaveLength(0);
    expect(mails[0]!.subject).toMatch(/invited/);
    expect(mails[0]!.body.html).toContain('invitation/accept?token=');

    const accepted = await app.call('POST', '/rest/portal/1/invitation/accept', {
      as: null,
      body: { token: tokenFrom(mails[0]!.body.text), password: 'correct horse battery', displayName: 'Fresh Customer' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
    const me = await app.call('GET', '/rest/portal/1/me', { as: { bearer: accepted.body.token } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ emailAddress: fresh, displayName: 'Fresh Customer', status: 'active' });

    const again = await app.call('POST', '/rest/portal/1/invitation/accept', { as: null, body: { token: tokenFrom(mails[0]!.body.text), password: 'another password' } });
    expectJsmError(again, 400);
  });

  it("mails the desk's name, the inviter, the expiry and the portal link, and keeps SES's message id", async () => {
    const desk = await createDesk(app, 'restricted', uniqueName('Billing'));
    const agent = await createAgent(app, desk);
    const before = Date.now();
    const invited = await inviteOne(app, { serviceDeskId: desk.id, expiresInDays: 3, as: agent });
    const mail = (await app.inbox(invited.email))[0]!;
    const [listed] = (await invitationsOf(app, `serviceDeskId=${desk.id}`)).filter((i) => i.id === invited.invitationId);
    expect(listed).toMatchObject({ email: invited.email, accountId: invited.accountId, serviceDeskId: desk.id, status: 'pending', sesMessageId: mail.messageId });
    expect(listed!.expiresAt.epochMillis).toBeGreaterThanOrEqual(before + 3 * DAY_MS);
    expect(listed!.expiresAt.epochMillis).toBeLessThanOrEqual(Date.now() + 3 * DAY_MS);
    const expiryDay = new Date(listed!.expiresAt.iso8601).toUTCString().slice(0, 16);
    for (const body of [mail.body.text, mail.body.html]) {
      expect(body).toContain(desk.projectName);
      expect(body).toContain('The agent');
      expect(body).toContain(expiryDay);
    }
    expect(mail.subject).toContain(desk.projectName);
    expect(linkToken(mail, 'invitation/accept')).toBe(invited.token);
  });

  it("makes a new email an invited portal-only account, in the directory and among the desk's customers", async () => {
    const desk = await createDesk(app);
    const invited = await inviteOne(app, { serviceDeskId: desk.id });
    const found = await app.call('GET', `/rest/admin/1/customer?query=${encodeURIComponent(invited.email)}`);
    expect(found.body.values).toEqual([expect.objectContaining({ accountId: invited.accountId, emailAddress: invited.email, status: 'invited', accountType: 'portal' })]);
    expect(await deskCustomersOf(app, desk)).toEqual([invited.accountId]);
  });

  it('tells a suspended customer apart and sends them nothing', async () => {
    const customer = await app.createCustomer();
    expect((await app.call('PUT', `/rest/servicedeskapi/customer/user/${customer.accountId}/revoke-portal-only-access`)).status).toBe(204);
    expect(await invite(app, [customer.emailAddress])).toEqual([{ email: customer.emailAddress, outcome: 'suspended', accountId: customer.accountId }]);
    expect(await app.inbox(customer.emailAddress)).toHaveLength(0);
  });

  it("inviting a pending email again resends the same invitation: the new mail's link works, the first no longer does", async () => {
    const first = await inviteOne(app);
    expect(await invite(app, [first.email])).toEqual([{ email: first.email, outcome: 'resent', accountId: first.accountId, invitationId: first.invitationId, mailed: true }]);
    const mails = await app.inbox(first.email);
    expect(mails).toHaveLength(2);
    const second = linkToken(mails[1], 'invitation/accept');
    expect(second).not.toBe(first.token);
    expect((await accept(app, first.token)).body).toEqual(await madeUpTokenAnswer());
    expect((await accept(app, second)).status).toBe(200);
  });

  it('lets an agent invite to their own desk only, and sends nothing for a refused call', async () => {
    const [deskA, deskB] = [await createDesk(app), await createDesk(app)];
    const agent = await createAgent(app, deskA);
    const [toA, toB, toNoDesk] = [uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('none')];
    expect((await invite(app, [toA], { serviceDeskId: deskA.id, as: agent }))[0]!.outcome).toBe('invited');
    expectJsmError(await app.call('POST', '/rest/admin/1/invitation', { body: { emails: [toB], serviceDeskId: deskB.id }, as: agent }), 403);
    expectJsmError(await app.call('POST', '/rest/admin/1/invitation', { body: { emails: [toNoDesk] }, as: agent }), 403);
    expect(await app.inbox(toB)).toHaveLength(0);
    expect(await app.inbox(toNoDesk)).toHaveLength(0);
  });

  it('refuses no emails, more than 100, and a lifetime outside 1 to 30 days with 400', async () => {
    const post = (body: unknown) => app.call('POST', '/rest/admin/1/invitation', { body });
    const many = Array.from({ length: 101 }, () => uniqueEmail('many'));
    expectJsmError(await post({ emails: [] }), 400);
    expectJsmError(await post({ emails: many }), 400);
    expectJsmError(await post({ emails: [uniqueEmail()], expiresInDays: 0 }), 400);
    expectJsmError(await post({ emails: [uniqueEmail()], expiresInDays: 31 }), 400);
    expect(await app.inbox(many[0]!)).toHaveLength(0);
  });
});

describe('managing invitations (GET, resend, revoke under /rest/admin/1/invitation)', () => {
  it('lists the pending invitations of a desk, newest first, in JSM pages', async () => {
    const desk = await createDesk(app);
    const older = await inviteOne(app, { serviceDeskId: desk.id });
    const newer = await inviteOne(app, { serviceDeskId: desk.id });
    const first = await app.call('GET', `/rest/admin/1/invitation?serviceDeskId=${desk.id}&limit=1`);
    expect(first.body).toMatchObject({ size: 1, start: 0, limit: 1, isLastPage: false, values: [{ id: newer.invitationId }] });
    const second = await app.call('GET', new URL(first.body._links.next).pathname + new URL(first.body._links.next).search);
    expect(second.body).toMatchObject({ size: 1, isLastPage: true, values: [{ id: older.invitationId }] });
  });

  it('resending issues a new link, voids the old one and restarts the expiry', async () => {
    const invited = await inviteOne(app, { expiresInDays: 2 });
    const before = await pendingInvitation(invited.invitationId);
    const answer = await resend(invited.invitationId);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: invited.invitationId, status: 'pending', resendsInLast24Hours: 1 });
    expect(answer.body.expiresAt.epochMillis).toBeGreaterThan(before!.expiresAt.epochMillis);
    expect(answer.body.expiresAt.epochMillis).toBeGreaterThanOrEqual(Date.now() + 2 * DAY_MS - 60_000);
    const mails = await app.inbox(invited.email);
    expect(mails).toHaveLength(2);
    expect((await pendingInvitation(invited.invitationId))?.sesMessageId).toBe(mails[1]!.messageId);
    expect((await accept(app, invited.token)).body).toEqual(await madeUpTokenAnswer());
    expect((await accept(app, linkToken(mails[1], 'invitation/accept'))).status).toBe(200);
  });

  it("the resend answer carries the new mail's SES message id", async () => {
    const invited = await inviteOne(app);
    const answer = await resend(invited.invitationId);
    expect(answer.status).toBe(200);
    expect(answer.body.sesMessageId).toBe((await lastMail(app, invited.email))!.messageId);
  });

  it('refuses a fourth resend within 24 hours with 429, counting a resend by inviting again', async () => {
    const invited = await inviteOne(app);
    expect((await invite(app, [invited.email]))[0]!.outcome).toBe('resent');
    expect((await resend(invited.invitationId)).status).toBe(200);
    expect((await resend(invited.invitationId)).status).toBe(200);
    expectJsmError(await resend(invited.invitationId), 429);
    expect(await app.inbox(invited.email)).toHaveLength(4);
  });

  it('revoking answers 204, and the link then gets the same 400 as a made-up token', async () => {
    const invited = await inviteOne(app);
    expect((await revoke(invited.invitationId)).status).toBe(204);
    expect((await accept(app, invited.token)).body).toEqual(await madeUpTokenAnswer());
    expect((await invitationsOf(app, 'status=revoked')).map((i) => i.id)).toContain(invited.invitationId);
    expect(await pendingInvitation(invited.invitationId)).toBeUndefined();
  });

  it('an accepted invitation is listed as accepted and can no longer be resent or revoked', async () => {
    const invited = await inviteOne(app);
    expect((await accept(app, invited.token)).status).toBe(200);
    expect((await invitationsOf(app, 'status=accepted')).map((i) => i.id)).toContain(invited.invitationId);
    expect(await pendingInvitation(invited.invitationId)).toBeUndefined();
    expectJsmError(await resend(invited.invitationId), 409);
    expectJsmError(await revoke(invited.invitationId), 409);
    expect(await app.inbox(invited.email)).toHaveLength(1);
  });

  it("an agent manages their own desk's invitations, and gets 403 or 404 on another desk's", async () => {
    const [deskA, deskB] = [await createDesk(app), await createDesk(app)];
    const agent = await createAgent(app, deskA);
    const ofA = await inviteOne(app, { serviceDeskId: deskA.id });
    const ofB = await inviteOne(app, { serviceDeskId: deskB.id });
    expectJsmError(await app.call('GET', `/rest/admin/1/invitation?serviceDeskId=${deskB.id}`, { as: agent }), 403);
    expectJsmError(await app.call('GET', '/rest/admin/1/invitation', { as: agent }), 403);
    expectForbiddenOrHidden(await resend(ofB.invitationId, { as: agent }));
    expectForbiddenOrHidden(await revoke(ofB.invitationId, { as: agent }));
    expect(await pendingInvitation(ofB.invitationId)).toMatchObject({ resendsInLast24Hours: 0 });
    expect(await app.inbox(ofB.email)).toHaveLength(1);

    expect((await invitationsOf(app, `serviceDeskId=${deskA.id}`, agent)).map((i) => i.id)).toEqual([ofA.invitationId]);
    expect((await resend(ofA.invitationId, { as: agent })).status).toBe(200);
    expect((await revoke(ofA.invitationId, { as: agent })).status).toBe(204);
  });
});

describe('accepting an invitation (POST /rest/portal/1/invitation/accept)', () => {
  it('activates the account with the chosen name and opens a session', async () => {
    const invited = await inviteOne(app);
    const session = await accept(app, invited.token, PASSWORD, 'Grace Hopper');
    expect(session.status).toBe(200);
    expect(Date.parse(session.body.expiresAt)).toBeGreaterThan(Date.now());
    expect((await getMe(app, session.body)).body).toMatchObject({ accountId: invited.accountId, displayName: 'Grace Hopper', status: 'active', accountType: 'portal' });
  });

  it('a customer invited to a restricted desk accepts and finds that desk in their portal', async () => {
    const desk = await createDesk(app);
    const invited = await inviteOne(app, { serviceDeskId: desk.id });
    const session = await accept(app, invited.token);
    expect(session.status).toBe(200);
    expect((await getMe(app, session.body)).body).toMatchObject({ accountId: invited.accountId, status: 'active' });
    expect(await myDeskIds(app, session.body)).toContain(desk.id);
  });

  it('of 10 parallel accepts of one link, exactly one gets a session and nine the same 400', async () => {
    const invited = await inviteOne(app);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => accept(app, invited.token, `password number ${i}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array<number>(9).fill(400)]);
    const refused = answers.filter((a) => a.status === 400).map((a) => a.body);
    for (const body of refused) expect(body).toEqual(await madeUpTokenAnswer());
    const winner = answers.find((a) => a.status === 200)!;
    expect((await getMe(app, winner.body)).body).toMatchObject({ accountId: invited.accountId, status: 'active' });
  });

  it('an invitation past its expiry is refused like a made-up token (the same link works before then)', async () => {
    const invited = await inviteOne(app, { expiresInDays: 1 });
    const madeUp = await madeUpTokenAnswer();
    const twoDaysLater = new Date(Date.now() + 2 * DAY_MS);
    await expect(acceptInvitation({ token: invited.token, password: PASSWORD }, twoDaysLater)).rejects.toMatchObject({
      statusCode: 400,
      message: madeUp.errorMessage,
      i18nKey: madeUp.i18nErrorMessage.i18nKey,
    });
    expect((await accept(app, invited.token)).status).toBe(200);
  });

  it('refuses a password shorter than 8 or longer than 200 characters without using up the link', async () => {
    const invited = await inviteOne(app);
    expectJsmError(await accept(app, invited.token, 'seven77'), 400);
    expectJsmError(await accept(app, invited.token, 'x'.repeat(201)), 400);
    expect((await accept(app, invited.token, 'eight888')).status).toBe(200);
  });
});

describe('abuse of the invitation links and of re-invites', () => {
  it('a re-invite past 3 resends in 24 hours sends nothing and says so', async () => {
    const first = await inviteOne(app);
    for (let i = 0; i < 3; i += 1) expect((await invite(app, [first.email]))[0]).toMatchObject({ outcome: 'resent', mailed: true });
    expect((await invite(app, [first.email]))[0]).toMatchObject({ outcome: 'resent', mailed: false });
    expect(await app.inbox(first.email)).toHaveLength(4);
  });

  it("a second desk's invitation cannot set the password of an account that accepted the first", async () => {
    const email = uniqueEmail('twodesks');
    const deskA = (await app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey: 'TWOA', projectName: 'A', access: 'restricted' } })).body;
    const deskB = (await app.call('POST', '/rest/admin/1/servicedesk', { body: { projectKey: 'TWOB', projectName: 'B', access: 'restricted' } })).body;
    await invite(app, [email], { serviceDeskId: deskA.id });
    await invite(app, [email], { serviceDeskId: deskB.id });
    const [mailA, mailB] = await app.inbox(email);
    expect((await accept(app, linkToken(mailA, 'invitation/accept'), 'the first password')).status).toBe(200);
    expectJsmError(await accept(app, linkToken(mailB, 'invitation/accept'), 'a hijacking password'), 400);
    expect((await signIn(app, email, 'the first password')).status).toBe(200);
    const pending = (await app.call('GET', `/rest/admin/1/invitation?status=pending&serviceDeskId=${deskB.id}`)).body.values;
    expect(pending.filter((i: { email: string }) => i.email === email)).toEqual([]);
  });
});
