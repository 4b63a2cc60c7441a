/**
 * `npm start` as a new user runs it: it answers on its port with the bootstrap admin, and Ctrl-C (SIGINT to the
 * terminal's process group) or SIGTERM to npm leaves no java or node process behind.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basic } from '#harness/app';
import { freePort } from '#local/free-port';

const processesMentioning = (text: string): string[] => {
  try {
    return execFileSync('pgrep', ['-f', text], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
};

const waitFor = async (check: () => boolean, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
};

const startProduct = async (dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'))) => {
  const port = await freePort();
  const smtpPort = await freePort();
  const admin = { email: 'boot@example.test', token: 'local-bootstrap-token-for-the-start-test' };
  const child: ChildProcess = spawn('npm', ['start'], {
    detached: true, // its own process group, as a terminal gives it
    env: { ...process.env, PORT: String(port), DYNAMODB_PORT: String(await freePort()), SES_PORT: String(await freePort()), S3_PORT: String(await freePort()), SMTP_PORT: String(smtpPort), DATA_DIR: dataDir, BOOTSTRAP_ADMIN_EMAIL: admin.email, BOOTSTRAP_ADMIN_TOKEN: admin.token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const started = Date.now();
  const ready = await waitFor(() => output.includes('Ctrl-C stops everything'), 30_000);
  return { child, dataDir, port, smtpPort, admin, ready, startupMs: Date.now() - started, output: () => output };
};

describe('npm start', () => {
  it('answers within 30 s with the bootstrap admin, and Ctrl-C stops every process', async () => {
    const product = await startProduct();
    try {
      expect([product.ready, product.output()]).toEqual([true, expect.stringContaining(`http://localhost:${product.port}`)]);
      expect(product.output()).toMatch(/Local SES inbox +http:\/\/localhost:\d+\//);
      expect(product.output()).toMatch(/Local S3 +http:\/\/localhost:\d+/);
      expect(product.output()).toContain(`Inbound SMTP     localhost:${product.smtpPort}   (desk HELP receives at help@mail.localhost)`);
      const answer = await fetch(`http://localhost:${product.port}/rest/admin/1/customer`, { headers: { authorization: basic(product.admin) } });
      expect(answer.status).toBe(200);
      expect(processesMentioning(product.dataDir).length).toBeGreaterThan(0);

      process.kill(-product.child.pid!, 'SIGINT');
      expect(await waitFor(() => processesMentioning(product.dataDir).length === 0, 15_000)).toBe(true);
    } finally {
      for (const pid of processesMentioning(product.dataDir)) process.kill(Number(pid), 'SIGKILL');
      rmSync(product.dataDir, { recursive: true, force: true });
    }
  });

  it('stops everything on SIGTERM to npm alone, and keeps its data for the next start', async () => {
    const product = await startProduct();
    try {
      expect(product.ready).toBe(true);
      const created = await fetch(`http://localhost:${product.port}/rest/servicedeskapi/customer`, {
        method: 'POST',
        headers: { authorization: basic(product.admin), 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'kept@example.test', displayName: 'Kept' }),
      });
      expect(created.status).toBe(201);
      process.kill(product.child.pid!, 'SIGTERM');
      expect(await waitFor(() => processesMentioning(product.dataDir).length === 0, 15_000)).toBe(true);

      const again = await startProduct(product.dataDir);
      expect(again.ready).toBe(true);
      const found = await fetch(`http://localhost:${again.port}/rest/admin/1/customer?query=kept`, { headers: { authorization: basic(again.admin) } });
      expect(((await found.json()) as { values: Array<{ emailAddress: string }> }).values.map((v) => v.emailAddress)).toEqual(['kept@example.test']);
      process.kill(again.child.pid!, 'SIGTERM');
      expect(await waitFor(() => processesMentioning(product.dataDir).length === 0, 15_000)).toBe(true);
    } finally {
      for (const pid of processesMentioning(product.dataDir)) process.kill(Number(pid), 'SIGKILL');
      rmSync(product.dataDir, { recursive: true, force: true });
    }
  });
});
