/**
 * Single sign-on in a real browser (Chromium from @sparticuz/chromium): the portal's sign-in page sends an email of
 * the provider's domain to the development identity provider's sign-in form, and the provider sends the customer
 * back to the portal, signed in, on the page they asked for.
 */
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '#harness/app';
import { launchChromium } from '#harness/browser';
import { buildWebApps } from '#harness/web-apps';
import { SSO_PASSWORD, startTestIdentityProvider, type TestIdentityProvider } from '#harness/sso';

let app: TestApp;
let browser: Browser;
let idp: TestIdentityProvider;
const portalUrlBefore = process.env.PORTAL_URL;

beforeAll(async () => {
  buildWebApps();
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  // The provider sends the browser back to this gateway's portal: its redirect URI is registered with that address.
  process.env.PORTAL_URL = `${app.url}/portal`;
  idp = await startTestIdentityProvider(app);
}, 60_000);
afterAll(async () => {
  process.env.PORTAL_URL = portalUrlBefore;
  await idp?.stop();
  await browser?.close();
  await app?.close();
});

it("an email of the provider's domain: the sign-in page leads to the provider's form, and back to the portal signed in", async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${app.url}/portal/signin?next=${encodeURIComponent('/profile')}`);
  await page.getByLabel('Email').fill(idp.users.ada);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // The provider's own sign-in form, on its own origin, with the email filled in from the login hint.
  await page.getByRole('heading', { name: 'Development identity provider' }).waitFor();
  expect(new URL(page.url()).origin).toBe(new URL(idp.issuer).origin);
  expect(await page.getByLabel('Email').inputValue()).toBe(idp.users.ada);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('Wrong email or password').waitFor();
  await page.getByLabel('Password').fill(SSO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Back on the portal, signed in, on the page asked for; the code and state are gone from the address bar.
  await page.getByRole('heading', { name: 'Profile' }).waitFor();
  await page.getByText(idp.users.ada).waitFor();
  expect(page.url()).toBe(`${app.url}/portal/profile`);
  // The same session as a password sign-in: the portal's HttpOnly cookie, which no script can read.
  const cookies = await context.cookies(app.url);
  expect(cookies.find((c) => c.name === '__Host-portal-session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(await page.evaluate('document.cookie')).not.toContain('portal-session');
  await page.getByRole('link', { name: 'Desks' }).click();
  await page.getByRole('heading', { name: 'Desks' }).waitFor();
  const audit = await app.call('GET', `/rest/admin/1/audit?identityProviderId=${idp.providerId}`);
  expect(audit.body.values[0]).toMatchObject({ action: 'sso.signin', after: { outcome: 'accepted', email: idp.users.ada } });
  await context.close();
});
