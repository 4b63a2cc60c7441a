/**
 * The README's 10-minute tour, extracted from the README (not a copy that could drift) and run with bash, as
 * written, against a fresh `npm start`: only the ports differ, through the variables the script itself reads.
 */
import { execFile } from 'node:child_process';
import { startProduct, stopProduct } from '#harness/npm-start';
import { PROJECT_ROOT, readmeBlock } from '#harness/readme';

const bash = (script: string, env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('bash', ['-c', script], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describe("the README's tour", () => {
  it('runs as written on a fresh stack: desk, agent, customers, invitation accepted, request, comment, mail in, mail log, inbox', async () => {
    const product = await startProduct();
    try {
      expect(product.ready).toBe(true);
      const run = await bash(readmeBlock('tour'), {
        API: `http://localhost:${product.port}`,
        SES: `http://localhost:${product.env.SES_PORT}`,
        SMTP: `smtp://localhost:${product.smtpPort}`,
        DATA_DIR: product.dataDir,
      });
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      const lines = run.stdout.trim().split('\n');
      expect(lines).toEqual([
        expect.stringContaining('"version"'),
        'desk 1, request type 1',
        expect.stringMatching(/^Ada is \w+$/),
        'invited',
        'HELP',
        'Grace raised HELP-1',
        'On it',
        expect.stringMatching(/"from":"ada@example.com".*"outcome":"accepted".*"issueKey":"HELP-2"/),
        'admin@example.com | Your help desk staff account: choose your password',
        'alan@example.com | Your help desk staff account: choose your password',
        "grace@example.com | You're invited to the Help desk help center",
        'grace@example.com | [HELP-1] Printer on fire',
        'grace@example.com | [HELP-1] Printer on fire',
        'ada@example.com | [HELP-2] Screen is blank',
      ]);
    } finally {
      await stopProduct(product);
    }
  }, 180_000);
});
