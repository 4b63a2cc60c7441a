/**
 * The staff console in Chromium: signing in. Its pages are served under /console/ by the same gateway as the portal,
 * under the same Content-Security-Policy, and pass axe-core's WCAG 2.1 AA rules at a phone's width and a desktop's.
 */
import { DESKTOP, useConsoleBrowser } from '#harness/console-browser';

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
});
