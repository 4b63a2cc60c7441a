/**
 * The staff console's session: staff sign in with email and password (the set-password link mailed to a new staff
 * member, a forgotten-password link), hold the session in the console's HttpOnly cookie with a CSRF token, and lose
 * it on sign-out, suspension, anonymization, a token rotation or a password change (but the session that made the
 * change). Sign-in is throttled per email without telling whether the email exists.
 */
import { setConsolePassword } from '#domain/console-sign-in';
import { expectJsmError, startTestApp, uniqueEmail, type Answer, type TestApp } from '#harness/app';
import { consoleCookieOf, consoleLinkToken, consoleSignIn, sessionFrom, setPassword, staffInConsole, withConsole, type ConsoleSession } from '#harness/console';
import { PASSWORD, lastMail, linkToken, signedInCustomer } from '#harness/portal';
import { uniqueName } from '#harness/desks';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const NEW_PASSWORD = 'a brand new passphrase';
const session = (s: ConsoleSession) => app.call('GET', '/rest/console/1/session', withConsole(s));
const consoleLine = (answer: Answer) => answer.headers.getSetCookie().find((l) => l.startsWith('__Host-console-session=')) ?? '';
const auditActions = async (accountId: string): Promise<string[]> =>
  (await app.call('GET', `/rest/admin/1/audit?accountId=${accountId}&limit=100`)).body.values.map((e: { action: string }) => e.action);

describe('a new staff member (POST /rest/admin/1/staff)', () => {
  it('is mailed a set-password link that signs them in to the console with its cookie, once; the API answer still carries the token', async () => {
    const email = uniqueEmail('newstaff');
    const created = await app.call('POST', '/rest/admin/1/staff', { body: { email, displayName: 'Nia New', role: 'agent' } });
    expect(created.body).toMatchObject({ accountId: expect.any(String), apiToken: expect.any(String) });
    const mail = await lastMail(app, email);
    expect(mail?.subject).toBe('Your help desk staff account: choose your password');
    const token = consoleLinkToken(mail, 'set-password');

    const answer = await setPassword(app, token);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      expiresAt: expect.any(String),
      persistent: false,
      csrfToken: expect.any(String),
      staff: { accountId: created.body.accountId, displayName: 'Nia New', emailAddress: email, role: 'agent' },
    });
    expect(consoleLine(answer)).toMatch(/^__Host-console-session=[A-Za-z0-9._-]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    // One signed-in person per browser: the portal's cookie is cleared.
    expect(answer.headers.getSetCookie()).toContain('__Host-portal-session=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0');
    expect((await session(sessionFrom(answer))).body).toEqual(answer.body);

    expect(expectJsmError(await setPassword(app, token, 'another passphrase'), 400)).toBe('This link is not valid: it may have been used or have expired');
    expect((await consoleSignIn(app, email)).status).toBe(200);
    expect((await consoleSignIn(app, email, 'another passphrase')).status).toBe(401);
  });

  it('a link expires after 7 days; a portal reset link does nothing here', async () => {
    const staff = await app.createStaff('agent');
    const token = consoleLinkToken(await lastMail(app, staff.email), 'set-password');
    await expect(setConsolePassword(token, PASSWORD, {}, Date.now() + 7 * 86400_000 + 60_000)).rejects.toMatchObject({ statusCode: 400 });

    expect((await app.call('POST', '/rest/portal/1/password/forgot', { as: null, body: { email: staff.email } })).status).toBe(202);
    const portalToken = linkToken(await lastMail(app, staff.email), 'password/reset');
    expectJsmError(await setPassword(app, portalToken), 400);
    // The console link still works (the portal link was refused without using anything up).
    expect((await setPassword(app, token)).status).toBe(200);
  });
});

describe('signing in (POST /rest/console/1/session)', () => {
  it('a wrong password, an unknown email and a customer all get the same 401; the right password a session that ends with the browser', async () => {
    const staff = await staffInConsole(app);
    const customer = await signedInCustomer(app);
    const messages = [
      expectJsmError(await consoleSignIn(app, staff.email, 'not the password'), 401),
      expectJsmError(await consoleSignIn(app, uniqueEmail('nobody')), 401),
      expectJsmError(await consoleSignIn(app, customer.email), 401),
    ];
    expect(new Set(messages)).toEqual(new Set(['Invalid email or password']));
    const answer = await consoleSignIn(app, staff.email);
    expect(answer.status).toBe(200);
    expect(consoleLine(answer)).not.toContain('Max-Age');
    const hours = (Date.parse(answer.body.expiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
  });

  it('"keep me signed in" lasts 24 hours, shorter than the portal\'s', async () => {
    const staff = await staffInConsole(app);
    const answer = await consoleSignIn(app, staff.email, PASSWORD, { keepSignedIn: true });
    expect(answer.body.persistent).toBe(true);
    const maxAge = Number(/Max-Age=(\d+)/.exec(consoleLine(answer))?.[1]);
    expect(maxAge).toBeGreaterThan(23 * 3600);
    expect(maxAge).toBeLessThanOrEqual(24 * 3600);
  });

  it('after 5 failures in 15 minutes an email gets 429 with Retry-After, even with the right password; an unknown email just the same', async () => {
    const staff = await staffInConsole(app);
    const nobody = uniqueEmail('nobody');
    for (const email of [staff.email, nobody]) {
      for (let i = 0; i < 5; i += 1) expectJsmError(await consoleSignIn(app, email, `wrong ${i}`), 401);
      const throttled = await consoleSignIn(app, email);
      expectJsmError(throttled, 429);
      expect(throttled.headers.get('retry-after')).toBe('900');
    }
    // Per email: another staff member is not held back.
    expect((await consoleSignIn(app, (await staffInConsole(app)).email)).status).toBe(200);
  });

  it("another site's page cannot sign a visitor in", async () => {
    const staff = await staffInConsole(app);
    const answer = await consoleSignIn(app, staff.email, PASSWORD, {}, { 'sec-fetch-site': 'cross-site' });
    expectJsmError(answer, 403);
    expect(consoleCookieOf(answer)).toBeUndefined();
  });
});

describe('calling with the console cookie', () => {
  const createOrganization = (s: ConsoleSession, headers: Record<string, string>) =>
    app.call('POST', '/rest/servicedeskapi/organization', { ...withConsole(s), headers: { cookie: s.cookie, ...headers }, body: { name: uniqueName('Console') } });

  it("a write needs the session's CSRF token and is refused from another site; reads need none", async () => {
    const { session: mine } = await staffInConsole(app, { role: 'admin' });
    const { session: theirs } = await staffInConsole(app, { role: 'admin' });
    expect(expectJsmError(await createOrganization(mine, {}), 403)).toMatch(/CSRF/);
    expectJsmError(await createOrganization(mine, { 'x-csrf-token': theirs.csrfToken }), 403);
    expectJsmError(await createOrganization(mine, { 'x-csrf-token': mine.csrfToken, 'sec-fetch-site': 'cross-site' }), 403);
    expect((await createOrganization(mine, { 'x-csrf-token': mine.csrfToken, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await app.call('GET', '/rest/admin/1/customer', { as: null, headers: { cookie: mine.cookie } })).status).toBe(200);
  });

  it('staff routes take it by the role it names; customer routes do not read it', async () => {
    const agent = await staffInConsole(app);
    expectJsmError(await app.call('GET', '/rest/admin/1/customer', withConsole(agent.session)), 403);
    expectJsmError(await app.call('GET', '/rest/portal/1/me', withConsole(agent.session)), 401);
    expect((await app.call('GET', '/rest/servicedeskapi/organization', withConsole(agent.session))).status).toBe(200);
  });
});

describe('the session ends', () => {
  it('on sign-out (DELETE /rest/console/1/session), on the server, with its cookie cleared', async () => {
    const staff = await staffInConsole(app);
    const out = await app.call('DELETE', '/rest/console/1/session', withConsole(staff.session));
    expect(out.status).toBe(204);
    expect(consoleLine(out)).toBe('__Host-console-session=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0');
    expect(expectJsmError(await session(staff.session), 401)).toBe('Your session has ended: sign in again');
  });

  it('at once when the account is suspended or anonymized', async () => {
    const [suspended, anonymized] = [await staffInConsole(app), await staffInConsole(app)];
    expect((await app.call('PUT', `/rest/servicedeskapi/customer/user/${suspended.accountId}/revoke-portal-only-access`)).status).toBe(204);
    expect((await app.call('DELETE', `/rest/admin/1/customer/${anonymized.accountId}`)).status).toBe(204);
    expectJsmError(await session(suspended.session), 401);
    expectJsmError(await session(anonymized.session), 401);
    expectJsmError(await consoleSignIn(app, suspended.email), 401);
  });

  it("on a token rotation: every other session of the account, not the one that asked (its cookie is signed again)", async () => {
    const staff = await staffInConsole(app);
    const other = sessionFrom(await consoleSignIn(app, staff.email));
    const rotated = await app.call('POST', `/rest/admin/1/staff/${staff.accountId}/token`, withConsole(staff.session));
    expect(rotated.status).toBe(200);
    const kept = { cookie: consoleCookieOf(rotated)!, csrfToken: staff.session.csrfToken };
    expect((await session(kept)).status).toBe(200);
    expectJsmError(await session(other), 401);
    expectJsmError(await session(staff.session), 401);
    // An admin's rotation of someone else's token ends all of theirs.
    expect((await app.call('POST', `/rest/admin/1/staff/${staff.accountId}/token`)).status).toBe(200);
    expectJsmError(await session(kept), 401);
  });

  it("on a password change: every other session, not the caller's; a wrong current password changes nothing", async () => {
    const staff = await staffInConsole(app);
    const other = sessionFrom(await consoleSignIn(app, staff.email));
    const change = (current: string) =>
      app.call('POST', '/rest/console/1/password/change', { ...withConsole(staff.session), body: { currentPassword: current, newPassword: NEW_PASSWORD } });
    expectJsmError(await change('not my password'), 400);
    expect((await session(other)).status).toBe(200);

    const changed = await change(PASSWORD);
    expect(changed.status).toBe(204);
    expect((await session({ cookie: consoleCookieOf(changed)!, csrfToken: staff.session.csrfToken })).status).toBe(200);
    expectJsmError(await session(other), 401);
    expectJsmError(await consoleSignIn(app, staff.email), 401);
    expect((await consoleSignIn(app, staff.email, NEW_PASSWORD)).status).toBe(200);
  });
});

describe('a forgotten password (POST /rest/console/1/password/forgot)', () => {
  const forgot = (email: string) => app.call('POST', '/rest/console/1/password/forgot', { as: null, body: { email } });

  it('answers 204 for anyone, mails only an active staff member a link that works once for an hour and signs in', async () => {
    const staff = await staffInConsole(app);
    const customer = await signedInCustomer(app);
    const nobody = uniqueEmail('nobody');
    for (const email of [staff.email, customer.email, nobody]) expect((await forgot(email)).status).toBe(204);
    expect((await lastMail(app, customer.email))?.subject).not.toMatch(/staff/);
    expect(await app.inbox(nobody)).toEqual([]);

    const mail = await lastMail(app, staff.email);
    expect(mail?.subject).toBe('Reset your staff console password');
    const token = consoleLinkToken(mail, 'reset-password');
    await expect(setConsolePassword(token, NEW_PASSWORD, {}, Date.now() + 61 * 60_000)).rejects.toMatchObject({ statusCode: 400 });
    expect((await setPassword(app, token, NEW_PASSWORD)).status).toBe(200);
    expectJsmError(await setPassword(app, token, NEW_PASSWORD), 400);
    // Every session from before the reset has ended.
    expectJsmError(await session(staff.session), 401);
  });
});

it("every sign-in and password event is in the account's audit trail", async () => {
  const staff = await staffInConsole(app);
  expectJsmError(await consoleSignIn(app, staff.email, 'wrong'), 401);
  const signedIn = sessionFrom(await consoleSignIn(app, staff.email));
  await app.call('POST', '/rest/console/1/password/change', { ...withConsole(signedIn), body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
  await app.call('POST', '/rest/console/1/password/forgot', { as: null, body: { email: staff.email } });
  const kept = sessionFrom(await consoleSignIn(app, staff.email, NEW_PASSWORD));
  await app.call('DELETE', '/rest/console/1/session', withConsole(kept));
  expect(await auditActions(staff.accountId)).toEqual([
    'staff.signed-out',
    'staff.signed-in',
    'staff.password.reset-requested',
    'staff.password.changed',
    'staff.signed-in',
    'staff.sign-in.failed',
    'staff.signed-in',
    'staff.password.set',
    'account.created',
  ]);
});
