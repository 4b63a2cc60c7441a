/** Self sign-up on open desks (POST /rest/portal/1/signup): one answer for everyone, one mail, activation by link only. */
import { expectJsmError, startTestApp, uniqueEmail, type TestApp } from '#harness/app';
import { createDesk } from '#harness/desks';
import { accept, bearer, lastMail, linkToken, PASSWORD, signIn, signedInCustomer } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const signUp = (body: Record<string, unknown>) => app.call('POST', '/rest/portal/1/signup', { as: null, body });

const statusOf = async (email: string): Promise<string | undefined> => {
  const found = await app.call('GET', `/rest/admin/1/customer?query=${encodeURIComponent(email)}`);
  return found.body.values.find((a: { emailAddress: string }) => a.emailAddress === email)?.status;
};

describe('signing up on an open desk', () => {
  it('a new email gets an invited account that only the mailed link activates', async () => {
    const desk = await createDesk(app, 'open', 'Open help');
    const email = uniqueEmail('signup');
    const answer = await signUp({ email, displayName: 'Sam Signup', serviceDeskId: desk.id });
    expect(answer.status).toBe(202);
    expect(await statusOf(email)).toBe('invited');
    expectJsmError(await signIn(app, email), 401);

    const mail = await lastMail(app, email);
    expect(mail?.subject).toBe('Finish signing up to the Open help help center');
    const session = await accept(app, linkToken(mail, 'invitation/accept'));
    expect(session.status).toBe(200);
    expect(await statusOf(email)).toBe('active');
    const me = await app.call('GET', '/rest/portal/1/me', { as: bearer(session.body) });
    expect(me.body.displayName).toBe('Sam Signup');
    const desks = await app.call('GET', '/rest/portal/1/servicedesk', { as: bearer(session.body) });
    expect(desks.body.values.map((d: { id: string }) => d.id)).toContain(desk.id);
  });

  it('answers an existing account exactly as a new email, and mails it a sign-in and reset link instead', async () => {
    const desk = await createDesk(app, 'open');
    const existing = await signedInCustomer(app);
    const fresh = await signUp({ email: uniqueEmail('signup'), serviceDeskId: desk.id });
    const known = await signUp({ email: existing.email.toUpperCase(), serviceDeskId: desk.id });
    expect(known.status).toBe(fresh.status);
    expect(known.body).toEqual(fresh.body);

    const mail = await lastMail(app, existing.email);
    expect(mail?.subject).toBe('You already have a help center account');
    expect(mail?.body.text).toContain('http://portal.test/portal/signin');
    const reset = await app.call('POST', '/rest/portal/1/password/reset', { as: null, body: { token: linkToken(mail, 'password/reset'), password: 'a new long password' } });
    expect(reset.status).toBe(204);
    expect((await signIn(app, existing.email, 'a new long password')).status).toBe(200);
    expect((await signIn(app, existing.email, PASSWORD)).status).toBe(401);
  });

  it('sends a suspended account nothing, with the same answer', async () => {
    const desk = await createDesk(app, 'open');
    const customer = await app.createCustomer(uniqueEmail('suspended'));
    await app.call('PUT', `/rest/servicedeskapi/customer/user/${customer.accountId}/revoke-portal-only-access`);
    const answer = await signUp({ email: customer.emailAddress, serviceDeskId: desk.id });
    expect(answer.status).toBe(202);
    expect(await app.inbox(customer.emailAddress)).toEqual([]);
    expect(await statusOf(customer.emailAddress)).toBe('suspended');
  });

  it('mails at most 3 times an hour per email, and answers the same past the limit', async () => {
    const desk = await createDesk(app, 'open');
    const email = uniqueEmail('eager');
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await signUp({ email, serviceDeskId: desk.id }));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(await app.inbox(email)).toHaveLength(3);
  });
});

describe('where sign-up is closed', () => {
  it('a restricted desk and an unknown desk get the same 400, and nobody is created or mailed', async () => {
    const desk = await createDesk(app, 'restricted');
    const email = uniqueEmail('blocked');
    const restricted = expectJsmError(await signUp({ email, serviceDeskId: desk.id }), 400);
    const unknown = expectJsmError(await signUp({ email, serviceDeskId: '999999' }), 400);
    expect(restricted).toBe(unknown);
    expect(await statusOf(email)).toBeUndefined();
    expect(await app.inbox(email)).toEqual([]);
  });

  it('refuses fields sign-up does not know, and a malformed email', async () => {
    expectJsmError(await signUp({ email: uniqueEmail(), password: 'nope' }), 400);
    expectJsmError(await signUp({ email: 'not an email' }), 400);
  });
});
