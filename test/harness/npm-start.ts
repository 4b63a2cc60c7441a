/**
 * `npm start` as a user runs it, on free ports and a fresh data folder: for the tests of the start itself and of the
 * README's tour. The bootstrap admin's token is the one `npm start` keeps in the data folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basic } from '#harness/app';
import { freePort } from '#local/free-port';

export const processesMentioning = (text: string): string[] => {
  try {
    return execFileSync('pgrep', ['-f', text], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
};

export const waitFor = async (check: () => boolean, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
};

/** The status of the first answer the port gives (polled from the moment `npm start` is spawned). */
const firstAnswerStatus = async (url: string, authorization: () => string, timeoutMs: number): Promise<number | undefined> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      return (await fetch(url, { headers: { authorization: authorization() } })).status;
    } catch {
      await new Promise((r) => setTimeout(r, 50)); // not listening yet
    }
  }
  return undefined;
};

/** npm start's default admin, as the README's tour expects. */
const ADMIN_EMAIL = 'admin@example.com';
const keptToken = (dataDir: string) => readFileSync(join(dataDir, 'bootstrap-admin-token'), 'utf8').trim();

/** `npm start` on free ports; with no BOOTSTRAP_ADMIN_TOKEN, the admin's token is the one kept in the data folder. */
export const startProduct = async (dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'))) => {
  const port = await freePort();
  const smtpPort = await freePort();
  const env = { PORT: String(port), DYNAMODB_PORT: String(await freePort()), SES_PORT: String(await freePort()), S3_PORT: String(await freePort()), SMTP_PORT: String(smtpPort), IDP_PORT: String(await freePort()), DATA_DIR: dataDir };
  const child: ChildProcess = spawn('npm', ['start'], {
    detached: true, // its own process group, as a terminal gives it
    env: { ...process.env, ...env, BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL, BOOTSTRAP_ADMIN_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const started = Date.now();
  const authorization = () => (existsSync(join(dataDir, 'bootstrap-admin-token')) ? basic({ email: ADMIN_EMAIL, token: keptToken(dataDir) }) : 'none');
  // A first start on a busy machine (2 cores, other test files running) can take well over 30 s.
  const firstStatus = await firstAnswerStatus(`http://localhost:${port}/rest/admin/1/customer`, authorization, 90_000);
  const ready = await waitFor(() => output.includes('Ready. Ctrl-C stops everything'), 10_000);
  const admin = { email: ADMIN_EMAIL, token: keptToken(dataDir) };
  return { child, dataDir, port, smtpPort, admin, ready, firstStatus, startupMs: Date.now() - started, output: () => output, env };
};

/** Stops a product started above (SIGTERM to npm) and waits until none of its processes is left; then removes its data. */
export const stopProduct = async (product: { child: ChildProcess; dataDir: string }): Promise<void> => {
  if (product.child.exitCode === null) process.kill(product.child.pid!, 'SIGTERM');
  await waitFor(() => processesMentioning(product.dataDir).length === 0, 15_000);
  for (const pid of processesMentioning(product.dataDir)) process.kill(Number(pid), 'SIGKILL');
  rmSync(product.dataDir, { recursive: true, force: true });
};



