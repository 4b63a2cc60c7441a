/**
 * What `npm start` keeps in the data folder besides DynamoDB Local's and S3's files: secrets that must survive a
 * restart (the session secret, the bootstrap admin's token), and the pid of the running `npm start`, so that
 * `npm run reset` can refuse to pull the data from under it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newSecret } from '#domain/secrets';

/** A random secret kept in `<dataDir>/<name>`, created on first use. */
export const keptSecret = (dataDir: string, name: 'session-secret' | 'bootstrap-admin-token' | 'sso-client-secret'): string => {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, newSecret(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
};

const pidFile = (dataDir: string) => join(dataDir, 'npm-start.pid');

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The pid of an `npm start` running on this data folder, if any (a pid file left by a crash is ignored). */
export const runningStackPid = (dataDir: string): number | undefined => {
  if (!existsSync(pidFile(dataDir))) return undefined;
  const pid = Number(readFileSync(pidFile(dataDir), 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : undefined;
};

/** Claims the data folder for this process; the claim is released on exit. */
export const claimDataDir = (dataDir: string): void => {
  const other = runningStackPid(dataDir);
  if (other !== undefined) throw new Error(`another npm start (pid ${other}) is using ${dataDir}: stop it first, or set DATA_DIR`);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(pidFile(dataDir), String(process.pid));
  process.on('exit', () => {
    if (existsSync(pidFile(dataDir)) && readFileSync(pidFile(dataDir), 'utf8').trim() === String(process.pid)) rmSync(pidFile(dataDir), { force: true });
  });
};
