/**
 * The staff console in a real browser, for test/browser/console-*: the same test app and Chromium as the portal's
 * tests (usePortalBrowser: pages at a phone's width unless told, Content-Security-Policy refusals asserted empty),
 * plus the console's own steps: its URLs, signing in, and axe-core's check of the page on screen.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { consoleLinkToken } from '#harness/console';
import { createAgent, type Desk } from '#harness/desks';
import { usePortalBrowser, type PortalBrowser } from '#harness/portal-browser';
import { PASSWORD, lastMail } from '#harness/portal';

export { DESKTOP, PHONE } from '#harness/portal-browser';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

export interface ConsoleBrowser extends PortalBrowser {
  /** A console URL on the test gateway. */
  consoleUrl(path: string): string;
  signInToConsole(page: Page, email: string, password?: string): Promise<void>;
  /**
   * A new staff member (an admin, or an agent of the desks given) who opened the welcome mail's set-password link in
   * this page and chose PASSWORD: signed in, on the console's home page.
   */
  newStaffSignedIn(page: Page, role: 'admin' | 'agent', desks?: Desk[]): Promise<{ accountId: string; email: string; token: string }>;
  /**
   * axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it stands: the serious and critical violations, as
   * "rule: help (where)" lines, so a failure names what to fix. Evaluated through the DevTools protocol, which the
   * page's Content-Security-Policy does not govern (an injected <script> would be refused).
   */
  seriousViolations(page: Page): Promise<string[]>;
}

/**
 * A console test walks through several pages in one browser context (few page loads, several assertions each): on a
 * machine shared with other work each step may wait longer than the portal's, and each test run longer.
 */
const STEP_TIMEOUT_MS = 20_000;
jest.setTimeout(180_000);

export const useConsoleBrowser = (): ConsoleBrowser => {
  const world = usePortalBrowser() as ConsoleBrowser;
  const newPortalPage = world.newPage;
  world.newPage = async (options) => {
    const page = await newPortalPage(options);
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    return page;
  };
  world.consoleUrl = (path) => `${world.app.url}/console${path}`;
  world.signInToConsole = async (page, email, password = PASSWORD) => {
    await page.goto(world.consoleUrl('/signin'));
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  world.newStaffSignedIn = async (page, role, desks = []) => {
    const staff = role === 'admin' ? await world.app.createStaff('admin') : await createAgent(world.app, ...desks);
    const token = consoleLinkToken(await lastMail(world.app, staff.email), 'set-password');
    await page.goto(world.consoleUrl(`/set-password?token=${encodeURIComponent(token)}`));
    await page.getByLabel(/^New password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await page.getByRole('heading', { name: 'Desks' }).waitFor();
    return staff;
  };
  world.seriousViolations = async (page) => {
    if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
    const violations = (await page.evaluate(
      "window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)",
    )) as AxeViolation[];
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  };
  return world;
};
