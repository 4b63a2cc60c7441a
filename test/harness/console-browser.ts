/**
 * The staff console in a real browser, for test/browser/console-*: the same test app and Chromium as the portal's
 * tests (usePortalBrowser: pages at a phone's width unless told, Content-Security-Policy refusals asserted empty),
 * plus the console's own steps: its URLs, signing in, and axe-core's check of the page on screen.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { usePortalBrowser, type PortalBrowser } from '#harness/portal-browser';
import { PASSWORD } from '#harness/portal';

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
   * axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it stands: the serious and critical violations, as
   * "rule: help (where)" lines, so a failure names what to fix. Evaluated through the DevTools protocol, which the
   * page's Content-Security-Policy does not govern (an injected <script> would be refused).
   */
  seriousViolations(page: Page): Promise<string[]>;
}

export const useConsoleBrowser = (): ConsoleBrowser => {
  const world = usePortalBrowser() as ConsoleBrowser;
  world.consoleUrl = (path) => `${world.app.url}/console${path}`;
  world.signInToConsole = async (page, email, password = PASSWORD) => {
    await page.goto(world.consoleUrl('/signin'));
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
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
