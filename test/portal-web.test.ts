/**
 * The web apps, served by the local gateway: the customer portal under /portal/ from portal/dist, the staff console
 * under /console/ from console/dist (both built by postinstall; built here if missing): pages of an app (any path
 * under its base) answer its index.html, assets their content type.
 */
import { startTestApp, type TestApp } from '#harness/app';
import { buildWebApps } from '#harness/web-apps';

let app: TestApp;

beforeAll(async () => {
  buildWebApps();
  app = await startTestApp();
});
afterAll(() => app?.close());

const get = (p: string, init?: RequestInit) => fetch(`${app.url}${p}`, { redirect: 'manual', ...init });

describe('the portal web app', () => {
  it.each(['/portal/', '/portal/invitation/accept?token=x', '/portal/password/reset?token=y', '/portal/request/HELP-1', '/portal/signin'])(
    'GET %s answers the app',
    async (p) => {
      const response = await get(p);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain('id="app"');
      expect(html).toMatch(/<script type="module"[^>]* src="\/portal\/assets\/[^"]+\.js"/);
    },
  );

  it('serves its JS and CSS assets with their content types', async () => {
    const html = await (await get('/portal/')).text();
    const js = /src="(\/portal\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const css = /href="(\/portal\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    // Both must be there: a build that lost its stylesheet fails here rather than skipping the check.
    expect(js).toBeDefined();
    expect(css).toBeDefined();
    const script = await get(js!);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(await script.text()).toContain('/rest/portal/1');
    const style = await get(css!);
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await style.text()).toContain('.error');
  });

  it('answers 404 for a missing asset, redirects /portal to /portal/, and leaves the API alone', async () => {
    expect((await get('/portal/assets/nope.js')).status).toBe(404);
    const bare = await get('/portal');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/portal/');
    expect((await get('/portal/..%2f..%2fpackage.json')).headers.get('content-type')).toMatch(/^text\/html/);
    expect((await get('/rest/portal/1/me')).status).toBe(401);
  });
});

describe('the staff console web app', () => {
  it.each(['/console/', '/console/signin', '/console/set-password?token=x', '/console/customers/abc', '/console/desk/1/customers'])('GET %s answers the console', async (p) => {
    const response = await get(p);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('data-console-root');
    expect(html).toMatch(/<script type="module"[^>]* src="\/console\/assets\/[^"]+\.js"/);
  });

  it('serves its own assets (calling the console API), 404 for a missing one, and redirects /console to /console/', async () => {
    const html = await (await get('/console/')).text();
    const js = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(js).toBeDefined();
    const script = await get(js!);
    expect(script.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(await script.text()).toContain('/rest/console/1');
    expect((await get('/console/assets/nope.js')).status).toBe(404);
    const bare = await get('/console');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
  });
});
