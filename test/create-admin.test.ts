/** `npm run create-admin` as an operator runs it before their AWS settings are complete: one line, no stack trace. */
import { spawnSync } from 'node:child_process';

const createAdmin = (env: Record<string, string>) => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && name !== 'TABLE_NAME'));
  return spawnSync('npm', ['run', '-s', 'create-admin', '--', 'admin@example.test'], { env: { ...clean, ...env }, encoding: 'utf8' });
};

describe('npm run create-admin', () => {
  it('names what is missing (AWS_REGION, TABLE_NAME) and prints no stack trace', () => {
    const run = createAdmin({});
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('missing TABLE_NAME, AWS_REGION');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says that credentials are missing when there are none', () => {
    const run = createAdmin({ AWS_REGION: 'eu-west-1', TABLE_NAME: 'service-desk', AWS_PROFILE: 'no-such-profile', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no AWS credentials found');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
