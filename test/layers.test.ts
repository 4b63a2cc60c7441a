/**
 * The layers of STYLE.md, enforced by ESLint (eslint.config.js): model, errors, logger, metrics -> store, mail ->
 * domain -> routes, http -> functions. An import against that order fails lint; `npm run lint` shows the code has none.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

const LAYERING = '@typescript-eslint/no-restricted-imports';

/**
 * The messages of one rule ESLint (its Node API, `lintText`) gives for each snippet placed at its file. One Node process
 * for all of them: the flat config is an ES module, which jest's module sandbox cannot load.
 */
const lintAll = (cases: Array<{ file: string; code: string; rule: string }>): string[][] => {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({ cwd: process.cwd() });
    const cases = JSON.parse(process.argv[1]);
    const out = [];
    for (const c of cases) {
      const [result] = await eslint.lintText(c.code, { filePath: process.cwd() + '/' + c.file });
      out.push(result.messages.filter((m) => m.ruleId === c.rule).map((m) => m.message));
    }
    console.log(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' })) as string[][];
};

const AGAINST_THE_ORDER: Array<[string, string, string, RegExp]> = [
    ['the store importing the domain', 'shared/store/entities/example.ts', "import { createRequest } from '#domain/requests';\nexport const x = createRequest;\n", /shared\/store may not import shared\/domain/],
    ['the store importing the domain by a relative path', 'shared/store/example.ts', "import { createRequest } from '../domain/requests';\nexport const x = createRequest;\n", /shared\/store may not import shared\/domain/],
    ['the domain importing the http layer', 'shared/domain/example.ts', "import { pageOf } from '#http/page';\nexport const x = pageOf;\n", /shared\/domain may not import shared\/http/],
    ['the domain importing the route schemas', 'shared/domain/example.ts', "import { noQuery } from '#routes/schemas';\nexport const x = noQuery;\n", /shared\/domain may not import shared\/routes/],
    ['the route table importing the domain', 'shared/routes/example.ts', "import { isAdmin } from '#domain/access';\nexport const x = isAdmin;\n", /shared\/routes may not import shared\/domain/],
    ['a handler calling the store', 'functions/example.ts', "import { getAccount } from '#store/accounts';\nexport const x = getAccount;\n", /functions\/ may import only types from shared\/store/],
    ['the model importing the store', 'shared/model/example.ts', "import type { Keys } from '#store/entities/item';\nexport type X = Keys;\n", /shared\/model may not import shared\/store/],
    ['the domain signing S3 calls itself', 'shared/domain/example.ts', "import { getObject } from '#s3';\nexport const x = getObject;\n", /Only shared\/store and shared\/mail talk to AWS SDK clients and S3/],
    ['the mail layer importing the store', 'shared/mail/example.ts', "import { getObject } from '#store/attachment-files';\nexport const x = getObject;\n", /shared\/mail may not import shared\/store/],
    ['the domain calling an AWS SDK client', 'shared/domain/example.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const x = DynamoDBClient;\n", /Only shared\/store and shared\/mail talk to AWS SDK clients/],
    ['the console importing the domain', 'console/src/example.ts', "import { isAdmin } from '#domain/access';\nexport const x = isAdmin;\n", /no backend code in a browser bundle/],
    ['the portal importing the route table by a relative path', 'portal/src/pages/example.ts', "import { routes } from '../../../shared/routes/table';\nexport const x = routes;\n", /no backend code in a browser bundle/],
    ['the shared front end importing the console', 'web/example.ts', "import { routes } from '../console/src/routes';\nexport const x = routes;\n", /web\/ is shared by the portal and the console/],
];
const WITH_THE_ORDER: Array<[string, string, string]> = [
    ['the domain importing the store and the model', 'shared/domain/example.ts', "import { getAccount } from '#store/accounts';\nimport { LIMITS } from '#model/limits';\nexport const x = [getAccount, LIMITS];\n"],
    ['a handler importing an entity type and the domain', 'functions/example.ts', "import type { AccountRecord } from '#store/entities/account';\nimport { accountById } from '#domain/people';\nexport const x: (id: string) => Promise<AccountRecord | undefined> = accountById;\n"],
    ['the mail layer signing S3 calls (raw messages)', 'shared/mail/example.ts', "import { getObject } from '#s3';\nexport const x = getObject;\n"],
    ['the console importing the shared front end', 'console/src/pages/example.ts', "import { h } from '../../../web/dom';\nexport const x = h;\n"],
    ['the store importing the model, errors and logger', 'shared/store/example.ts', "import { emailKey } from '#model/email';\nimport { NotFound } from '#errors';\nimport { logger } from '#logger';\nexport const x = [emailKey, NotFound, logger];\n"],
];

describe('the import order', () => {
  let results: string[][];
  beforeAll(() => {
    results = lintAll([...AGAINST_THE_ORDER, ...WITH_THE_ORDER].map(([, file, code]) => ({ file, code, rule: LAYERING })));
  });

  it.each(AGAINST_THE_ORDER.map((c, i) => [...c, i] as const))('fails lint for %s', (_what, _file, _code, message, i) => {
    expect(results[i]).toEqual([expect.stringMatching(message)]);
  });

  it.each(WITH_THE_ORDER.map((c, i) => [...c, AGAINST_THE_ORDER.length + i] as const))('passes lint for %s', (_what, _file, _code, i) => {
    expect(results[i]).toEqual([]);
  });
});

describe('the size of a file', () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const x${i} = ${i};`).join('\n') + '\n';
  it('fails lint for a source file of 301 lines, and passes one of 300', () => {
    const [over, at] = lintAll([
      { file: 'shared/domain/example.ts', code: lines(301), rule: 'max-lines' },
      { file: 'test/example.test.ts', code: lines(300), rule: 'max-lines' },
    ]);
    expect(over).toEqual([expect.stringMatching(/too many lines \(301\)\. Maximum allowed is 300/)]);
    expect(at).toEqual([]);
  });

  it('no stylesheet or HTML page is over 300 lines either (ESLint reads only scripts)', () => {
    const files = execFileSync('git', ['ls-files', '*.css', '*.html'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files.length).toBeGreaterThan(0);
    const over = files.filter((f) => readFileSync(join(root, f), 'utf8').replace(/\n$/, '').split('\n').length > 300);
    expect(over).toEqual([]);
  });
});
