/**
 * The portal with assistive technology in mind, at a desktop's width and a phone's: axe-core (run inside the page)
 * finds nothing on any page, error states included; a request is raised and answered with the keyboard alone;
 * every page change moves the focus to the new page's heading and announces the page; the skip link comes first and
 * does not reload; the focus ring stands out 3:1 on white. With PORTAL_SCREENSHOTS=1 (`npm run screenshots`) the
 * README's screenshots (docs/portal-*.png) are taken on the way.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createDesk } from '#harness/desks';
import { bearer, signedInCustomer } from '#harness/portal';
import { DESKTOP, PHONE, usePortalBrowser } from '#harness/portal-browser';

const portal = usePortalBrowser();
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const DOCS = path.resolve(__dirname, '../../docs');

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe's WCAG 2.x A and AA rules and best practices on the page as it is now; the violations, as `rule: help (where)`. */
const axeViolations = async (page: Page): Promise<string[]> => {
  // page.evaluate is not subject to the page's CSP, so axe runs without loosening the policy under test.
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(AXE);
  const violations = await page.evaluate<AxeViolation[]>(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((r) => r.violations)",
  );
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
};

const screenshot = async (page: Page, name: string) => {
  if (process.env.PORTAL_SCREENSHOTS === '1') await page.screenshot({ path: path.join(DOCS, `portal-${name}.png`), fullPage: true });
};

/** A customer of a new desk with a request the help desk answered (waiting for them) and one just raised. */
const setUp = async () => {
  const desk = await createDesk(portal.app, 'restricted', 'IT help', 'Laptops, phones, accounts and anything else with a plug.');
  const customer = await signedInCustomer(portal.app, desk);
  const typeId = (await portal.app.call('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`)).body.values[0].id;
  const raise = (summary: string) =>
    portal.app.call('POST', '/rest/servicedeskapi/request', { as: bearer(customer.session), body: { serviceDeskId: desk.id, requestTypeId: typeId, requestFieldValues: { summary, description: 'It makes a grinding noise.' } } });
  const asked = (await raise('Laptop fan is loud')).body.issueKey as string;
  await portal.app.call('POST', `/rest/servicedeskapi/request/${asked}/comment`, { as: bearer(customer.session), body: { body: 'It started this morning.', public: true } });
  await portal.app.call('POST', `/rest/servicedeskapi/request/${asked}/comment`, { body: { body: 'Does it happen on battery too?', public: true } });
  await portal.app.call('POST', `/rest/servicedeskapi/request/${asked}/transition`, { body: { id: '1' } });
  await raise('New monitor for the office');
  return { desk, customer, asked };
};

/** Polls an expression in the page until it is true (waitForFunction would evaluate a string, which the CSP forbids). */
const until = async (page: Page, expression: string) => {
  for (let i = 0; i < 100; i += 1) {
    if (await page.evaluate(expression)) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`never true: ${expression}`);
};

/** The page's heading has the focus, and the live region announced the new page's title. */
const arrivedAt = async (page: Page, heading: string | RegExp) => {
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await until(page, 'document.activeElement?.tagName === "H1" && document.getElementById("announcer").textContent === document.title');
};

describe.each([
  ['1280', DESKTOP],
  ['375', PHONE],
])('accessibility at %s px', (width, viewport) => {
  it('axe finds nothing on any page, error states included; each page change focuses and announces the new page', async () => {
    const { desk, customer, asked } = await setUp();
    const page = await portal.newPage({ viewport });
    const shot = (name: string) => screenshot(page, `${name}-${width}`);
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      found[name] = await axeViolations(page);
    };
    for (const [name, where, heading] of [
      ['sign-up', '/signup', 'Sign up'],
      ['forgot', '/password/forgot', 'Forgot your password'],
      ['reset', '/password/reset', 'Set a new password'],
      ['accept, no token', '/invitation/accept', 'Accept your invitation'],
      ['sign-in, session ended', '/signin?ended=1', 'Sign in'],
    ] as const) {
      await page.goto(`${portal.app.url}/portal${where}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await check(name);
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Email cannot be empty.').waitFor();
    await check('sign-in, fields missing');
    await portal.signIn(page, customer.email, { password: 'not the password' });
    await page.getByRole('alert').waitFor();
    await check('sign-in, refused');
    await page.goto(`${portal.app.url}/portal/invitation/accept?token=already-used`);
    await page.getByLabel(/^Password/).fill('a long enough password');
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await arrivedAt(page, 'This invitation link no longer works');
    await check('accept, link used');
    await portal.signIn(page, customer.email);
    await arrivedAt(page, 'Help center');
    await check('home');
    await shot('home');
    await page.getByRole('link', { name: 'Raise a request on IT help' }).click();
    await arrivedAt(page, 'Raise a request');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Summary cannot be empty.').waitFor();
    await check('raise, summary missing');
    await shot('raise-error');
    await page.getByRole('link', { name: 'My requests' }).click();
    await arrivedAt(page, 'My requests');
    await page.getByRole('table').waitFor();
    await check('requests');
    await shot('requests');
    await page.getByRole('link', { name: `${asked}: Laptop fan is loud` }).click();
    await arrivedAt(page, `${asked}: Laptop fan is loud`);
    await page.getByRole('heading', { name: 'Who can see this request' }).waitFor();
    await check('request');
    await shot('request');
    await page.getByRole('link', { name: 'Profile' }).click();
    await arrivedAt(page, 'Profile');
    await page.getByText(customer.email).waitFor();
    await check('profile');
    await page.goto(`${portal.app.url}/portal/desk/${desk.id}/nowhere`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await check('not found');
    await page.goto(`${portal.app.url}/portal/request/NOPE-1`);
    await page.getByRole('alert').waitFor();
    await check('request not found');
    expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
    await page.context().close();
  });
});

describe.each([
  ['1280', DESKTOP],
  ['375', PHONE],
])('with the keyboard alone at %s px', (_width, viewport) => {
  const press = async (page: Page, key: string, times = 1) => {
    for (let i = 0; i < times; i += 1) await page.keyboard.press(key);
  };
  /** Tabs forward until the focused element matches `name` (by its accessible text), at most 40 times. */
  const tabTo = async (page: Page, name: string | RegExp) => {
    for (let i = 0; i < 40; i += 1) {
      await press(page, 'Tab');
      const text = await page.evaluate("(() => { const e = document.activeElement; return (e?.getAttribute('aria-label') || e?.labels?.[0]?.textContent || e?.textContent || '').trim(); })()");
      if (typeof name === 'string' ? text === name : name.test(String(text))) return;
    }
    throw new Error(`no focusable element named ${name}`);
  };
  /** WCAG's contrast ratio of two rgb() colours. */
  const contrast = (a: string, b: string) => {
    const luminance = (rgb: string) => {
      const [r, g, bl] = (rgb.match(/\d+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
    };
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };

  it('a customer raises a request and replies to it without a mouse, the focus on each new page\'s heading, the ring 3:1 on white', async () => {
    const desk = await createDesk(portal.app, 'restricted', 'Keyboard desk');
    const customer = await signedInCustomer(portal.app, desk);
    const page = await portal.newPage({ viewport });
    await portal.signIn(page, customer.email);
    await arrivedAt(page, 'Help center');

    await tabTo(page, 'Raise a request on Keyboard desk');
    const ring = await page.evaluate<{ color: string; style: string; width: string }>('(() => { const s = getComputedStyle(document.activeElement); return { color: s.outlineColor, style: s.outlineStyle, width: s.outlineWidth }; })()');
    expect(ring.style).toBe('solid');
    expect(parseFloat(ring.width)).toBeGreaterThanOrEqual(2);
    expect(contrast(ring.color, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);
    await press(page, 'Enter');
    await arrivedAt(page, 'Raise a request');
    await tabTo(page, /^Summary/);
    await page.keyboard.type('Keyboard only');
    await press(page, 'Tab');
    await page.keyboard.type('Typed without a mouse');
    await tabTo(page, 'Send request');
    await press(page, 'Enter');
    await arrivedAt(page, /: Keyboard only$/);
    await page.getByRole('status').filter({ hasText: 'Your request was raised' }).waitFor();

    await tabTo(page, /^Your reply/);
    await page.keyboard.type('A reply from the keyboard');
    await tabTo(page, 'Add reply');
    await press(page, 'Enter');
    await page.getByRole('status').filter({ hasText: 'Your reply was sent.' }).waitFor();
    await page.getByRole('region', { name: 'Comments' }).getByText('A reply from the keyboard').waitFor();
    // The reader stays where they were: the focus is back on the reply box's form, not thrown to the top.
    expect(await page.evaluate('document.activeElement?.tagName')).not.toBe('H1');
    await page.context().close();
  });

  it('the skip link comes first and moves to the heading without reloading the page', async () => {
    const page = await portal.newPage({ viewport });
    await page.goto(`${portal.app.url}/portal/signin`);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await press(page, 'Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.getByLabel('Email').fill('typed@example.test');
    await page.locator('.skip').focus();
    await press(page, 'Enter');
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
    expect(page.url()).toBe(`${portal.app.url}/portal/signin`);
    expect(await page.getByLabel('Email').inputValue()).toBe('typed@example.test');
    await page.context().close();
  });
});
