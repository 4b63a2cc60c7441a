/**
 * The portal in a real browser, for test/browser/*: the test app (its gateway serving portal/dist, built here if
 * missing) and Chromium from npm, pages at a phone's width (or any), every Content-Security-Policy refusal collected
 * and asserted empty after each test, and the steps most tests start with.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '#harness/app';
import { launchChromium } from '#harness/browser';
import { buildWebApps } from '#harness/web-apps';
import { PASSWORD, PORTAL_URL } from '#harness/portal';

export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

export interface PortalBrowser {
  app: TestApp;
  browser: Browser;
  /** A fresh browser context (its own cookies and storage), at a phone's width unless told. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** The mail's link, on the test gateway instead of PORTAL_URL's host. */
  portalLink(link: string): string;
  signIn(page: Page, email: string, options?: { password?: string; keepSignedIn?: boolean }): Promise<void>;
}

/** Registers beforeAll/afterAll/afterEach in the calling test file; the fields are set once beforeAll has run. */
export const usePortalBrowser = (): PortalBrowser => {
  let cspViolations: string[] = [];
  const world = {} as PortalBrowser;
  beforeAll(async () => {
    buildWebApps();
    [world.app, world.browser] = await Promise.all([startTestApp(), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await world.browser?.close();
    await world.app?.close();
  });
  // What Chromium refused under the portal's Content-Security-Policy (the local gateway sends AWS's policy).
  afterEach(() => {
    expect(cspViolations).toEqual([]);
    cspViolations = [];
  });
  world.newPage = async (options = {}) => {
    const context = await world.browser.newContext({ viewport: PHONE, ...options });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
    page.setDefaultTimeout(10_000);
    return page;
  };
  world.portalLink = (link) => link.replace(PORTAL_URL, `${world.app.url}/portal`);
  world.signIn = async (page, email, { password = PASSWORD, keepSignedIn = false } = {}) => {
    await page.goto(`${world.app.url}/portal/signin`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    if (keepSignedIn) await page.getByLabel(/Keep me signed in/).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  return world;
};
