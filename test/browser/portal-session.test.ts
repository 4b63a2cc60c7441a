/**
 * The portal's session in a real browser, at a phone's width and a desktop's: one sign-in serves every tab and every
 * link opened from a mail, "keep me signed in" outlives the browser, sign-out ends the session on the server, and the
 * end of a session is announced before it comes and explained when it does, without losing a reply being written.
 */
import type { Page } from 'playwright-core';
import { createDesk } from '#harness/desks';
import { bearer, signedInCustomer } from '#harness/portal';
import { DESKTOP, PHONE, usePortalBrowser } from '#harness/portal-browser';

const portal = usePortalBrowser();

/** A customer of a new open desk with one request raised over the API; answers its key. */
const customerWithRequest = async () => {
  const desk = await createDesk(portal.app, 'open', 'Session desk');
  const customer = await signedInCustomer(portal.app);
  const typeId = (await portal.app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`)).body.values[0].id;
  const raised = await portal.app.call('POST', '/rest/servicedeskapi/request', {
    as: bearer(customer.session),
    body: { serviceDeskId: desk.id, requestTypeId: typeId, requestFieldValues: { summary: 'Laptop will not boot' } },
  });
  expect(raised.status).toBe(201);
  return { ...customer, key: raised.body.issueKey as string };
};

const sessionCookie = async (page: Page) =>
  (await page.context().cookies()).find((c) => c.name === '__Host-portal-session');

describe.each([
  ['375', PHONE],
  ['1280', DESKTOP],
])('the portal session in Chromium at %s px', (_width, viewport) => {
  it('a second tab and a link from a mail open signed in; the cookie is HttpOnly, Secure, SameSite=Strict and ends with the browser; signing out ends the session on the server', async () => {
    const { email, key } = await customerWithRequest();
    const page = await portal.newPage({ viewport });
    await portal.signIn(page, email);
    await page.getByRole('heading', { name: 'Desks' }).waitFor();
    const cookie = await sessionCookie(page);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/', expires: -1 });
    expect(await page.evaluate('document.cookie')).toBe('');

    const tab = await page.context().newPage();
    await tab.goto(`${portal.app.url}/portal/request/${key}`);
    await tab.getByRole('heading', { name: `${key}: Laptop will not boot` }).waitFor();
    await tab.getByRole('button', { name: 'Sign out' }).click();
    await tab.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await sessionCookie(tab)).toBeUndefined();
    const replay = await portal.app.call('GET', '/rest/portal/1/me', { as: null, headers: { cookie: `__Host-portal-session=${cookie!.value}` } });
    expect(replay.status).toBe(401);
    await page.context().close();
  });

  it('"keep me signed in" keeps the cookie for 30 days', async () => {
    const { email } = await signedInCustomer(portal.app);
    const page = await portal.newPage({ viewport });
    await portal.signIn(page, email, { keepSignedIn: true });
    await page.getByRole('heading', { name: 'Desks' }).waitFor();
    const expires = (await sessionCookie(page))!.expires * 1000;
    expect(expires).toBeGreaterThan(Date.now() + 29 * 86400_000);
    await page.context().close();
  });

  it('warns 5 minutes before the session ends, then explains its end and keeps the reply being written', async () => {
    const { email, key } = await customerWithRequest();
    const page = await portal.newPage({ viewport });
    await page.clock.install();
    await portal.signIn(page, email);
    await page.getByRole('heading', { name: 'Desks' }).waitFor();
    await page.goto(`${portal.app.url}/portal/request/${key}`);
    await page.getByLabel('Your reply').fill('Half a thought');

    await page.clock.fastForward('11:56:00');
    await page.getByRole('alert').filter({ hasText: 'Your session ends at' }).waitFor();
    await page.clock.fastForward('05:00');
    await page.getByRole('alert').filter({ hasText: 'Your session has ended' }).waitFor();
    await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(await page.getByLabel('Your reply').inputValue()).toBe('Half a thought');
    await page.context().close();
  });

  it('a session ended elsewhere is explained on the sign-in page, and signing in again returns to the page and its draft', async () => {
    const { email, key, accountId } = await customerWithRequest();
    const page = await portal.newPage({ viewport });
    await portal.signIn(page, email);
    await page.getByRole('heading', { name: 'Desks' }).waitFor();
    await page.goto(`${portal.app.url}/portal/request/${key}`);
    await page.getByLabel('Your reply').fill('Kept across sign-ins');
    // Suspended and restored by staff: every session of the customer ends (as a password reset elsewhere would).
    expect((await portal.app.call('PUT', `/rest/servicedeskapi/customer/user/${accountId}/revoke-portal-only-access`)).status).toBe(204);
    expect((await portal.app.call('PUT', `/rest/admin/1/customer/${accountId}/restore`)).status).toBe(204);
    await page.getByRole('link', { name: 'My requests' }).click();
    await page.getByText('Your session has ended: it ran out, or you were signed out elsewhere').waitFor();
    await page.getByLabel(/^Password/).fill('correct horse battery');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
    await page.goto(`${portal.app.url}/portal/request/${key}`);
    expect(await page.getByLabel('Your reply').inputValue()).toBe('Kept across sign-ins');
    await page.context().close();
  });
});
