/**
 * The portal's own session: an HttpOnly, Secure, SameSite=Strict cookie on the portal's origin, writes guarded by a
 * per-session CSRF token and refused from other sites, "keep me signed in", and sign-out ending the session on the
 * server. Bearer tokens stay for API clients.
 */
import { expectJsmError, startTestApp, type Answer, type TestApp } from '#harness/app';
import { createDesk } from '#harness/desks';
import { PASSWORD, bearer, inviteOne, signedInCustomer } from '#harness/portal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const cookieSignIn = (email: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  app.call('POST', '/rest/portal/1/login', { as: null, body: { email, password: PASSWORD, cookie: true, ...extra }, headers });
/** The portal's Set-Cookie line (a cookie sign-in also clears the console's: one signed-in person per browser). */
const setCookie = (answer: Answer): string => answer.headers.getSetCookie().filter((line) => line.startsWith('__Host-portal-session=')).join('\n');
/** The cookie as the browser sends it back: its name=value. */
const cookieOf = (answer: Answer): string => setCookie(answer).split(';')[0]!;
const withCookie = (cookie: string, headers: Record<string, string> = {}) => ({ as: null, headers: { cookie, ...headers } });

describe('signing in with the cookie (cookie: true)', () => {
  it('sets an HttpOnly, Secure, SameSite=Strict cookie for this origin that ends with the browser, and answers no token', async () => {
    const customer = await signedInCustomer(app);
    const answer = await cookieSignIn(customer.email);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ accountId: customer.accountId, expiresAt: expect.any(String), persistent: false, csrfToken: expect.any(String) });
    const cookie = setCookie(answer);
    expect(cookie).toMatch(/^__Host-portal-session=[A-Za-z0-9._-]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    expect(cookie).not.toContain('Max-Age');
    expect((await app.call('GET', '/rest/portal/1/me', withCookie(cookieOf(answer)))).body).toMatchObject({ accountId: customer.accountId });
  });

  it('"keep me signed in" makes the cookie last 30 days, as long as the session', async () => {
    const customer = await signedInCustomer(app);
    const answer = await cookieSignIn(customer.email, { keepSignedIn: true });
    expect(answer.body.persistent).toBe(true);
    const maxAge = Number(/Max-Age=(\d+)/.exec(setCookie(answer))?.[1]);
    expect(maxAge).toBeGreaterThan(29 * 86400);
    expect(maxAge).toBeLessThanOrEqual(30 * 86400);
    expect(Date.parse(answer.body.expiresAt)).toBeGreaterThan(Date.now() + 29 * 86400_000);
  });

  it('accepting an invitation can open the cookie session too', async () => {
    const invited = await inviteOne(app);
    const answer = await app.call('POST', '/rest/portal/1/invitation/accept', { as: null, body: { token: invited.token, password: PASSWORD, cookie: true } });
    expect(answer.status).toBe(200);
    expect(answer.body.token).toBeUndefined();
    expect((await app.call('GET', '/rest/portal/1/session', withCookie(cookieOf(answer)))).body).toMatchObject({ accountId: invited.accountId, csrfToken: answer.body.csrfToken });
  });

  it("another site's page cannot sign a visitor in (Sec-Fetch-Site: cross-site)", async () => {
    const customer = await signedInCustomer(app);
    const answer = await cookieSignIn(customer.email, {}, { 'sec-fetch-site': 'cross-site' });
    expectJsmError(answer, 403);
    expect(setCookie(answer)).toBe('');
  });
});

describe('writing with the cookie', () => {
  const raise = async (cookie: string, headers: Record<string, string>) => {
    const desk = await createDesk(app, 'open');
    const typeId = (await app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`)).body.values[0].id;
    const body = { serviceDeskId: desk.id, requestTypeId: typeId, requestFieldValues: { summary: 'Cookie request' } };
    return app.call('POST', '/rest/servicedeskapi/request', { ...withCookie(cookie, headers), body });
  };

  it('needs the session\'s CSRF token in X-CSRF-Token: without it, or with another session\'s, it is refused and changes nothing', async () => {
    const [mine, theirs] = [await signedInCustomer(app), await signedInCustomer(app)];
    const answer = await cookieSignIn(mine.email);
    const other = await cookieSignIn(theirs.email);
    const cookie = cookieOf(answer);
    expect(expectJsmError(await raise(cookie, {}), 403)).toMatch(/CSRF/);
    expectJsmError(await raise(cookie, { 'x-csrf-token': other.body.csrfToken }), 403);
    expect((await app.call('GET', '/rest/servicedeskapi/request', withCookie(cookie))).body.size).toBe(0);
    expect((await raise(cookie, { 'x-csrf-token': answer.body.csrfToken, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
  });

  it('is refused from another site even with the token', async () => {
    const customer = await signedInCustomer(app);
    const answer = await cookieSignIn(customer.email);
    expectJsmError(await raise(cookieOf(answer), { 'x-csrf-token': answer.body.csrfToken, 'sec-fetch-site': 'cross-site' }), 403);
  });

  it('a Bearer token needs no CSRF token (API clients), and GET session tells it no CSRF token', async () => {
    const customer = await signedInCustomer(app);
    const session = await app.call('GET', '/rest/portal/1/session', { as: bearer(customer.session) });
    expect(session.body).toEqual({ accountId: customer.accountId, expiresAt: customer.session.expiresAt, persistent: false });
  });
});

describe('the session (GET and DELETE /rest/portal/1/session)', () => {
  it('a new tab learns when its session ends and its CSRF token from the cookie alone', async () => {
    const customer = await signedInCustomer(app);
    const answer = await cookieSignIn(customer.email);
    const session = await app.call('GET', '/rest/portal/1/session', withCookie(cookieOf(answer)));
    expect(session.body).toEqual({ accountId: customer.accountId, expiresAt: answer.body.expiresAt, persistent: false, csrfToken: answer.body.csrfToken });
  });

  it('signing out ends the session on the server: the same cookie (or token) no longer works, other sessions still do', async () => {
    const customer = await signedInCustomer(app);
    const answer = await cookieSignIn(customer.email);
    const cookie = cookieOf(answer);
    const out = await app.call('DELETE', '/rest/portal/1/session', withCookie(cookie, { 'x-csrf-token': answer.body.csrfToken }));
    expect(out.status).toBe(204);
    expect(setCookie(out)).toBe('__Host-portal-session=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0');
    expect(expectJsmError(await app.call('GET', '/rest/portal/1/me', withCookie(cookie)), 401)).toBe('Your session has ended: sign in again');
    expect((await app.call('GET', '/rest/portal/1/me', { as: bearer(customer.session) })).status).toBe(200);

    expect((await app.call('DELETE', '/rest/portal/1/session', { as: bearer(customer.session) })).status).toBe(204);
    expectJsmError(await app.call('GET', '/rest/portal/1/me', { as: bearer(customer.session) }), 401);
  });

  it("a browser's fetch without a session is asked for one, not for Basic credentials (no browser dialog)", async () => {
    const answer = await app.call('GET', '/rest/portal/1/session', { as: null, headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' } });
    expectJsmError(answer, 401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="service desk"');
  });
});
