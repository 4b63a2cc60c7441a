/**
 * `npm start` as a new user runs it: its port answers only once the bootstrap admin exists, the admin's token is
 * kept in the data folder, `npm run reset` refuses while it runs, and Ctrl-C (SIGINT to the terminal's process
 * group) or SIGTERM to npm leaves no java or node process behind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { basic } from '#harness/app';
import { processesMentioning, startProduct, waitFor } from '#harness/npm-start';

/** Each test starts `npm start` once or twice; on a loaded 2-core machine one start can take a minute. */
const START_TIMEOUT_MS = 240_000;

const reset = (dataDir: string) => spawnSync('npm', ['run', 'reset'], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });


describe('npm start', () => {
  it('answers, its first answer already with the bootstrap admin, and Ctrl-C stops every process', async () => {
    const product = await startProduct();
    try {
      expect([product.ready, product.output()]).toEqual([true, expect.stringContaining(`http://localhost:${product.port}`)]);
      expect(product.firstStatus).toBe(200);
      expect(product.output()).toContain('the first start takes up to a minute');
      expect(product.output()).toContain(`API token        ${product.admin.token}   (kept in ${product.dataDir}/bootstrap-admin-token across restarts)`);
      expect(product.output()).toMatch(/Local SES inbox +http:\/\/localhost:\d+\//);
      expect(product.output()).toMatch(/Local S3 +http:\/\/localhost:\d+/);
      expect(product.output()).toContain(`Inbound SMTP     localhost:${product.smtpPort}   (desk HELP receives at help@mail.localhost)`);
      const answer = await fetch(`http://localhost:${product.port}/rest/admin/1/customer`, { headers: { authorization: basic(product.admin) } });
      expect(answer.status).toBe(200);
      // Single sign-on for sso.example through the development identity provider, configured by npm start itself.
      expect(product.output()).toContain(`Identity provider http://localhost:${product.env.IDP_PORT}   (single sign-on for @sso.example: ada@sso.example / correct horse battery staple)`);
      const sso = await fetch(`http://localhost:${product.port}/rest/portal/1/sso/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@sso.example' }) });
      expect(((await sso.json()) as { authorizationUrl: string }).authorizationUrl).toMatch(new RegExp(`^http://localhost:${product.env.IDP_PORT}/auth\\?`));
      expect(processesMentioning(product.dataDir).length).toBeGreaterThan(0);

      process.kill(-product.child.pid!, 'SIGINT');
      expect(await waitFor(() => processesMentioning(product.dataDir).length === 0, 15_000)).toBe(true);
    } finally {
      for (const pid of processesMentioning(product.dataDir)) process.kill(Number(pid), 'SIGKILL');
      rmSync(product.dataDir, { recursive: true, force: true });
    }
  }, START_TIMEOUT_MS);

  it('stops everything on SIGTERM to npm alone, keeps its data and the admin token for the next start; reset refuses meanwhile', async () => {
    const product = await startProduct();
    try {
      expect(product.ready).toBe(true);
      const refused = reset(product.dataDir);
      expect([refused.status, refused.stderr]).toEqual([1, expect.stringContaining('stop it first')]);
      expect(existsSync(join(product.dataDir, 'dynamodb'))).toBe(true);
      const created = await fetch(`http://localhost:${product.port}/rest/servicedeskapi/customer`, {
        method: 'POST',
        headers: { authorization: basic(product.admin), 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'kept@example.test', displayName: 'Kept' }),
      });
      expect(created.status).toBe(201);
      process.kill(product.child.pid!, 'SIGTERM');
      expect(await waitFor(() => processesMentioning(product.dataDir).length === 0, 15_000)).toBe(true);

      const again = await startProduct(product.dataDir);
      expect([again.ready, again.firstStatus, again.admin.token]).toEqual([true, 200, product.admin.token]);
      const found = await fetch(`http://localhost:${again.port}/rest/admin/1/customer?query=kept`, { headers: { authorization: basic(again.admin) } });
      expect(((await found.json()) as { values: Array<{ emailAddress: string }> }).values.map((v) => v.emailAddress)).toEqual(['kept@example.test']);
      process.kill(again.child.pid!, 'SIGTERM');
      expect(await waitFor(() => processesMentioning(product.dataDir).length === 0, 15_000)).toBe(true);
      expect(reset(product.dataDir).status).toBe(0);
      expect(existsSync(product.dataDir)).toBe(false);
    } finally {
      for (const pid of processesMentioning(product.dataDir)) process.kill(Number(pid), 'SIGKILL');
      rmSync(product.dataDir, { recursive: true, force: true });
    }
  }, START_TIMEOUT_MS);
});
