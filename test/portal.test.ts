/**
 * The portal's account flows for customers: sign-in and its throttle, the forgotten password and its reset, sessions
 * ending on suspension and reset, and what a signed-in customer sees (GET /rest/portal/1/me, /servicedesk).
 */
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { addDeskCustomers, addMembers, createDesk, createOrganization, linkOrganization } from '#harness/desks';
import { PASSWORD, bearer, getMe, invite, lastMail, linkToken, myDeskIds, signIn, signedInCustomer, type Session } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const NEW_PASSWORD = 'a brand new passphrase';
const forgot = (email: string) => app.call('POST', '/rest/portal/1/password/forgot', { as: null, body: { email } });
const reset = (token: string, password = NEW_PASSWORD) => app.call('POST', '/rest/portal/1/password/reset', { as: null, body: { token, password } });
const suspend = (accountId: string) => app.call('PUT', `/rest/servicedeskapi/customer/user/${accountId}/revoke-portal-only-access`);
/** Asks for a reset and answers the token of the reset mail's link. */
const resetToken = async (email: string): Promise<string> => {
  expect((await forgot(email)).status).toBe(202);
  return linkToken(await lastMail(app, email), 'password/reset');
};
const failSignIns = async (email: string, times: number) => {
  for (let i = 0; i < times; i += 1) expectJsmError(await signIn(app, email, `wrong password ${i}`), 401);
};

describe('signing in (POST /rest/portal/1/login)', () => {
  it('a customer who accepted an invitation signs in with the password they chose', async () => {
    const customer = await signedInCustomer(app);
    const answer = await signIn(app, customer.email);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
    expect((await getMe(app, answer.body)).body).toMatchObject({ accountId: customer.accountId, emailAddress: customer.email });
  });

  it('a wrong password, an unknown email and a never-accepted invitation all get the same 401', async () => {
    const customer = await signedInCustomer(app);
    const [pending] = await invite(app, [uniqueEmail('pending')]);
    const wrongPassword = await signIn(app, customer.email, 'not the password');
    expectJsmError(wrongPassword, 401);
    expect((await signIn(app, uniqueEmail('nobody'))).body).toEqual(wrongPassword.body);
    expect((await signIn(app, pending!.email)).body).toEqual(wrongPassword.body);
  });

  it('after 10 failed sign-ins on an email within 15 minutes, the next try gets 429, even with the right password', async () => {
    const customer = await signedInCustomer(app);
    await failSignIns(customer.email, 10);
    expectJsmError(await signIn(app, customer.email), 429);
    expectJsmError(await signIn(app, customer.email.toUpperCase()), 429);
    expect((await signIn(app, (await signedInCustomer(app)).email)).status).toBe(200);
  });

  it('throttles an unknown email the same way, with the same answers as a known one', async () => {
    const known = await signedInCustomer(app);
    const unknown = uniqueEmail('nobody');
    await failSignIns(known.email, 9);
    await failSignIns(unknown, 9);
    expect((await signIn(app, unknown, 'wrong again')).body).toEqual((await signIn(app, known.email, 'wrong again')).body);
    const [knownThrottled, unknownThrottled] = [await signIn(app, known.email), await signIn(app, unknown)];
    expectJsmError(unknownThrottled, 429);
    expect(knownThrottled.status).toBe(429);
    expect(unknownThrottled.body).toEqual(knownThrottled.body);
    expect(unknownThrottled.headers.get('retry-after')).toBe(knownThrottled.headers.get('retry-after'));
  });

  it('30 wrong passwords sent at once cannot slip past the limit', async () => {
    const { email } = await signedInCustomer(app);
    const answers = await Promise.all(Array.from({ length: 30 }, () => signIn(app, email, 'wrong password!')));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(20);
  });

  it('fewer than 10 failures do not stop the right password', async () => {
    const customer = await signedInCustomer(app);
    await failSignIns(customer.email, 9);
    expect((await signIn(app, customer.email)).status).toBe(200);
  });
});

describe('sessions (Authorization: Bearer)', () => {
  it('a garbage or tampered bearer token gets 401', async () => {
    const { session } = await signedInCustomer(app);
    expectJsmError(await getMe(app, { token: 'garbage', expiresAt: '' }), 401);
    const tampered = session.token.slice(0, -4) + (session.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expectJsmError(await getMe(app, { ...session, token: tampered }), 401);
    expectJsmError(await app.call('GET', '/rest/portal/1/me', { as: null }), 401);
  });

  it('staff routes answer a customer 403, and portal routes answer staff 403', async () => {
    const { session } = await signedInCustomer(app);
    expectJsmError(await app.call('GET', '/rest/admin/1/customer', { as: bearer(session) }), 403);
    expectJsmError(await app.call('POST', '/rest/admin/1/invitation', { as: bearer(session), body: { emails: [uniqueEmail()] } }), 403);
    expectJsmError(await app.call('GET', '/rest/admin/1/invitation', { as: bearer(session) }), 403);
    expectJsmError(await app.call('GET', '/rest/portal/1/me'), 403);
  });

  it("suspending a customer ends their sessions and they can no longer sign in, with the wrong password's answer", async () => {
    const customer = await signedInCustomer(app);
    expect((await suspend(customer.accountId)).status).toBe(204);
    expectJsmError(await getMe(app, customer.session), 401);
    const withRightPassword = await signIn(app, customer.email);
    expectJsmError(withRightPassword, 401);
    expect(withRightPassword.body).toEqual((await signIn(app, customer.email, 'not the password')).body);
  });

  it('suspending a customer who was added to a desk ends their sessions too', async () => {
    const desk = await createDesk(app);
    const customer = await signedInCustomer(app);
    await addDeskCustomers(app, desk, [customer.accountId]);
    expect((await suspend(customer.accountId)).status).toBe(204);
    expectJsmError(await getMe(app, customer.session), 401);
  });

  it('a restored customer signs in again, but sessions from before the suspension stay ended', async () => {
    const customer = await signedInCustomer(app);
    expect((await suspend(customer.accountId)).status).toBe(204);
    expect((await app.call('PUT', `/rest/admin/1/customer/${customer.accountId}/restore`)).status).toBe(204);
    expectJsmError(await getMe(app, customer.session), 401);
    expect((await signIn(app, customer.email)).status).toBe(200);
  });
});

describe('the forgotten password (POST /rest/portal/1/password/forgot, /reset)', () => {
  it('answers 202 with the same body for an unknown and a known email, and mails only the active account', async () => {
    const customer = await signedInCustomer(app);
    const suspended = await signedInCustomer(app);
    expect((await suspend(suspended.accountId)).status).toBe(204);
    const [pending] = await invite(app, [uniqueEmail('pending')]);
    const unknown = uniqueEmail('nobody');
    const known = await forgot(customer.email);
    expect(known.status).toBe(202);
    for (const email of [unknown, suspended.email, pending!.email]) {
      const answer = await forgot(email);
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 202, body: known.body });
    }
    expect(await app.inbox(unknown)).toHaveLength(0);
    expect(await app.inbox(suspended.email)).toHaveLength(1);
    expect(await app.inbox(pending!.email)).toHaveLength(1);
    const mails = await app.inbox(customer.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toMatch(/password/i);
    expect(linkToken(mails[1], 'password/reset')).toEqual(expect.any(String));
  });

  it('a reset sets the new password, ends every earlier session, and its link works once', async () => {
    const customer = await signedInCustomer(app);
    const second = (await signIn(app, customer.email)).body as Session;
    const token = await resetToken(customer.email);
    expect((await reset(token)).status).toBe(204);
    expectJsmError(await getMe(app, customer.session), 401);
    expectJsmError(await getMe(app, second), 401);
    expectJsmError(await signIn(app, customer.email, PASSWORD), 401);
    const fresh = await signIn(app, customer.email, NEW_PASSWORD);
    expect(fresh.status).toBe(200);
    expect((await getMe(app, fresh.body)).status).toBe(200);
    expectJsmError(await reset(token, 'yet another passphrase'), 400);
    expect((await signIn(app, customer.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('a reset makes every other reset link stale', async () => {
    const { email } = await signedInCustomer(app);
    await app.call('POST', '/rest/portal/1/password/forgot', { as: null, body: { email } });
    const older = linkToken(await lastMail(app, email), 'password/reset');
    await app.call('POST', '/rest/portal/1/password/forgot', { as: null, body: { email } });
    const newer = linkToken(await lastMail(app, email), 'password/reset');
    expect((await app.call('POST', '/rest/portal/1/password/reset', { as: null, body: { token: newer, password: 'the newest password' } })).status).toBe(204);
    expectJsmError(await app.call('POST', '/rest/portal/1/password/reset', { as: null, body: { token: older, password: 'an older password' } }), 400);
    expect((await signIn(app, email, 'the newest password')).status).toBe(200);
  });

  it('a made-up reset token gets 400, and a too-short password is refused without using up a real one', async () => {
    const customer = await signedInCustomer(app);
    expectJsmError(await reset('a-token-nobody-was-ever-given'), 400);
    const token = await resetToken(customer.email);
    expectJsmError(await reset(token, 'seven77'), 400);
    expect((await reset(token)).status).toBe(204);
  });

  it('a customer created by staff, who has no password yet, sets one through the reset link and signs in', async () => {
    const customer = await app.createCustomer();
    expectJsmError(await signIn(app, customer.emailAddress), 401);
    expect((await reset(await resetToken(customer.emailAddress))).status).toBe(204);
    expect((await signIn(app, customer.emailAddress, NEW_PASSWORD)).status).toBe(200);
  });
});

describe('the signed-in customer (GET /rest/portal/1/me, /rest/portal/1/servicedesk)', () => {
  it('me answers the customer behind the session', async () => {
    const customer = await signedInCustomer(app);
    expect((await getMe(app, customer.session)).body).toMatchObject({
      accountId: customer.accountId,
      emailAddress: customer.email,
      active: true,
      status: 'active',
      accountType: 'portal',
    });
  });

  it("lists the open desks, the desks they were added to and their organizations' desks, and no other", async () => {
    const [open, direct, viaOrganization, closed] = [await createDesk(app, 'open'), await createDesk(app), await createDesk(app), await createDesk(app)];
    const customer = await signedInCustomer(app);
    await addDeskCustomers(app, direct, [customer.accountId]);
    const org = await createOrganization(app);
    await linkOrganization(app, viaOrganization, org);
    await addMembers(app, org, [customer.accountId]);
    const ids = await myDeskIds(app, customer.session);
    expect(ids).toEqual(expect.arrayContaining([open.id, direct.id, viaOrganization.id]));
    expect(ids).not.toContain(closed.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await myDeskIds(app, customer.session, 1)).toEqual(ids);
  });

  it("a customer removed from an organization no longer lists the desk it gave", async () => {
    const desk = await createDesk(app);
    const customer = await signedInCustomer(app);
    const org = await createOrganization(app);
    await linkOrganization(app, desk, org);
    await addMembers(app, org, [customer.accountId]);
    expect(await myDeskIds(app, customer.session)).toContain(desk.id);
    const removal = await app.call('DELETE', `/rest/servicedeskapi/organization/${org.id}/user`, { body: { accountIds: [customer.accountId] } });
    expect(removal.status).toBe(204);
    expect(await myDeskIds(app, customer.session)).not.toContain(desk.id);
  });
});
