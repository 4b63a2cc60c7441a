/**
 * The customer portal's web app, served by the local gateway under /portal/ from portal/dist (built by postinstall;
 * built here if missing): pages of the app (any path under /portal/) answer index.html, assets their content type.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '#harness/app';

const root = path.resolve(__dirname, '..');
let app: TestApp;

beforeAll(async () => {
  if (!existsSync(path.join(root, 'portal', 'dist', 'index.html'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', path.join(root, 'portal')], { stdio: 'inherit' });
  }
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
