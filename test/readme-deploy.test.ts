/**
 * The README's deploy section, step by step, as the synth can check it offline (CDK_DISABLE_VERSION_CHECK, no AWS
 * account): `cdk bootstrap` comes first, `cdk deploy` names every stack (--all), and the very same command with
 * `synth` in place of `deploy --all` builds both stacks (bundling included) with cdk-nag passing; create-admin is
 * given AWS_REGION and TABLE_NAME.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, readmeBlock } from '#harness/readme';

const steps = readmeBlock('deploy')
  .split('\n')
  .map((line) => line.replace(/\s+#.*$/, '').trim())
  .filter(Boolean);
const outdir = mkdtempSync(join(tmpdir(), 'readme-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The step that starts with `prefix`. */
const step = (prefix: string): string => {
  const found = steps.find((s) => s.startsWith(prefix));
  if (!found) throw new Error(`the README's deploy block has no step starting "${prefix}": ${JSON.stringify(steps)}`);
  return found;
};

const bash = (script: string, env: Record<string, string>) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('CDK_')));
    execFile('bash', ['-c', script], { cwd: PROJECT_ROOT, env: { ...clean, ...env }, timeout: 290_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    );
  });

describe("the README's deploy section", () => {
  it('bootstraps first, deploys every stack, activates the receipt rules, then creates the admin with AWS_REGION and TABLE_NAME', () => {
    expect(steps.map((s) => s.split(' ').slice(0, 3).join(' '))).toEqual([
      expect.stringMatching(/^export AWS_REGION=/),
      'npx cdk bootstrap',
      'npx cdk deploy',
      'aws ses set-active-receipt-rule-set',
      expect.stringMatching(/^AWS_REGION=\$AWS_REGION TABLE_NAME=/),
    ]);
    expect(step('npx cdk deploy')).toMatch(/^npx cdk deploy --all /);
    expect(step('AWS_REGION=')).toContain('npm run create-admin -- ');
  });

  it('synthesizes offline with the same command and context, cdk-nag included', async () => {
    const synth = step('npx cdk deploy --all').replace('npx cdk deploy --all', `npx cdk synth --quiet -o ${outdir}`);
    const run = await bash(`${step('export AWS_REGION=')}\n${synth}`, { CDK_DISABLE_VERSION_CHECK: '1' });
    expect({ code: run.code, output: run.code === 0 ? '' : run.output }).toEqual({ code: 0, output: '' });
    const region = /AWS_REGION=(\S+)/.exec(step('export AWS_REGION='))![1];
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; environment?: string }> };
    const stacks = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
    expect(Object.fromEntries(stacks.map(([name, a]) => [name, a.environment]))).toEqual({
      ServiceDeskStack: `aws://unknown-account/${region}`,
      PortalStack: 'aws://unknown-account/us-east-1',
    });
    const service = readFileSync(join(outdir, 'ServiceDeskStack.template.json'), 'utf8');
    expect(service).toContain('ops@example.com'); // the alarm subscription from -c alarmEmail
    expect(existsSync(join(outdir, 'PortalStack.template.json'))).toBe(true);
  }, 300_000); // bundling 14 functions while other test files run takes minutes on 2 cores
});
