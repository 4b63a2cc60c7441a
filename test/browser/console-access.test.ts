/**
 * The staff console in Chromium: signing in. Its pages are served under /console/ by the same gateway as the portal,
 * under the same Content-Security-Policy, and pass axe-core's WCAG 2.1 AA rules at a phone's width and a desktop's.
 */
import { basic } from '#harness/app';
import { DESKTOP, useConsoleBrowser } from '#harness/console-browser';
import { createDesk } from '#harness/desks';

const web = useConsoleBrowser();

describe('the staff console in Chromium: signing in', () => {
  it('the sign-in, forgotten-password and set-password pages are accessible at 375 and 1280 px', async () => {
    const page = await web.newPage();
    await page.goto(web.consoleUrl('/signin?next=/customers'));
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.title()).toBe('Sign in · Staff console');
    expect(await web.seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    expect(await web.seriousViolations(page)).toEqual([]);
    // An empty field is said next to itself, and takes the focus.
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('Email cannot be empty.').waitFor();
    expect(await page.evaluate('document.activeElement.name')).toBe('email');
    await page.context().close();

    const wide = await web.newPage({ viewport: DESKTOP });
    await wide.goto(web.consoleUrl('/set-password'));
    await wide.getByRole('heading', { name: 'Choose your password' }).waitFor();
    expect(await wide.getByRole('alert').textContent()).toContain('This link has no token');
    expect(await web.seriousViolations(wide)).toEqual([]);
    await wide.context().close();
  });

  it('a new agent signs in through the set-password link, sees only their desks, rotates their API token (shown once) and signs out', async () => {
    const mine = await createDesk(web.app, 'restricted', 'Agent desk');
    await createDesk(web.app, 'restricted', 'Not my desk');
    const page = await web.newPage();
    const agent = await web.newStaffSignedIn(page, 'agent', [mine]);
    // The agent's own desk only; no directory or mail log in the header (the API would refuse them).
    const desks = page.getByRole('table', { name: 'Desks' });
    await desks.getByText('Agent desk', { exact: true }).waitFor();
    expect(await desks.getByText('Not my desk').count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Customers' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Mail log' }).count()).toBe(0);
    expect(await web.seriousViolations(page)).toEqual([]);

    await nav.getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    expect(await web.seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create a new API token' }).click();
    const shown = (await page.getByLabel('New API token').textContent())!;
    // The new token works for scripts; the old one no longer does.
    const as = (token: string) => ({ as: null, headers: { authorization: basic({ email: agent.email, token }) } });
    expect((await web.app.call('GET', '/rest/servicedeskapi/servicedesk', as(shown))).status).toBe(200);
    expect((await web.app.call('GET', '/rest/servicedeskapi/servicedesk', as(agent.token))).status).toBe(401);

    await nav.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto(web.consoleUrl('/account'));
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/account');
    await page.context().close();
  });
});
